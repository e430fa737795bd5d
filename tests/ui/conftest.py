"""UI fixtures: a real shop, an app session signed in through the real login page."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from server.embedded import RunningShop
from tests.client.browser import MemoryKeyring, ScriptedBrowser
from ui.main_window import MainWindow
from ui.pages.base import DataPage
from ui.pyside_fixes import keep_none_alive
from ui.session import AppSession
from ui.settings import Settings
from ui.tasks import TaskRunner
from ui.widgets.load_state import LoadState

# One test process makes hundreds of thousands of void Qt calls; see ui/pyside_fixes.py.
keep_none_alive()


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    runner = TaskRunner(max_workers=3)
    yield runner
    runner.shutdown()


@pytest.fixture
def app_session(tmp_path: Path, runner: TaskRunner) -> Iterator[AppSession]:
    session = AppSession(
        tmp_path / "config",
        runner,
        open_browser=ScriptedBrowser("lin.mei", "demo1234"),
        keyring_backend=MemoryKeyring(),
    )
    yield session
    session.close()


def sign_in(
    qtbot: QtBot, session: AppSession, shop: RunningShop, browser: ScriptedBrowser | None = None
) -> None:
    """Add the shop and sign in through the real login page (driven over HTTP)."""
    if browser is not None:
        session.open_browser = browser
    added: list[object] = []
    errors: list[BaseException] = []
    session.add_shop(shop.url, added.append, errors.append)
    qtbot.waitUntil(lambda: bool(added or errors), timeout=15000)
    assert not errors, errors
    done: list[bool] = []
    shop_id = shop.ctx.shop.id
    session.sign_in(shop_id, lambda: done.append(True), errors.append)
    qtbot.waitUntil(lambda: bool(done or errors), timeout=20000)
    assert not errors, errors


@pytest.fixture
def window(
    qtbot: QtBot, shop: RunningShop, app_session: AppSession, runner: TaskRunner, tmp_path: Path
) -> MainWindow:
    window = MainWindow(app_session, runner, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    sign_in(qtbot, app_session, shop)
    return window


def wait_loaded(qtbot: QtBot, page: DataPage, timeout: int = 20000) -> LoadState:
    """Wait until the page has left its busy face; return the face it shows."""
    qtbot.waitUntil(
        lambda: page.state is not LoadState.BUSY and page.view is not None, timeout=timeout
    )
    return page.state


WaitLoaded = Callable[[QtBot, DataPage], LoadState]


# --- acting like a user: real clicks, real typing, real answers to real dialogs --------------


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    """Click a button the way a user can: only when it is visible and enabled."""
    assert button.isVisible(), f"{button.objectName() or button.text()!r} is not visible"
    assert button.isEnabled(), f"{button.objectName() or button.text()!r} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def button(root: QWidget, name: str) -> QAbstractButton:
    """The button with this objectName under `root` (tests find buttons as users see them)."""
    found = root.findChild(QAbstractButton, name)
    assert found is not None, f"no button {name!r}"
    return found


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type into a field with the keyboard (focus first, as a user clicking into it).

    ASCII goes as key presses; other characters arrive as an input method commits them (how
    Chinese is typed; QTest has no key for them).
    """
    widget.setFocus()
    target = widget.focusProxy() or widget
    if isinstance(widget, QPlainTextEdit):
        target = widget.viewport()
    run = ""
    for char in text:
        if char.isascii() and char.isprintable():
            run += char
            continue
        if run:
            qtbot.keyClicks(target, run)
            run = ""
        event = QInputMethodEvent()
        event.setCommitString(char)
        QApplication.sendEvent(widget, event)
    if run:
        qtbot.keyClicks(target, run)


_ANSWERS: list[ModalAnswer] = []


@pytest.fixture(autouse=True)
def _stop_answers() -> Iterator[None]:
    """No answer timer outlives its test (a failed test must not click into the next one)."""
    yield
    while _ANSWERS:
        _ANSWERS.pop().timer.stop()


class ModalAnswer:
    """Answers the next message box the app opens (modal, so it must be answered from a timer).

    `texts` keeps what the box said (text and informative text), to check the question asked.
    """

    def __init__(
        self, qtbot: QtBot, choice: QMessageBox.StandardButton | str, timeout_ms: int = 20000
    ) -> None:
        _ANSWERS.append(self)  # stopped after the test even when it fails (`_stop_answers`)
        self.choice = choice
        self.texts: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(30)
        self.remaining = timeout_ms // 30
        self.qtbot = qtbot
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    def _poll(self) -> None:
        self.remaining -= 1
        if self.remaining <= 0:
            self.timer.stop()
            return
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible():
            return
        self.timer.stop()
        self.texts.append(f"{box.text()}\n{box.informativeText()}")
        if isinstance(self.choice, str):
            target = next(b for b in box.buttons() if b.text() == self.choice)
        else:
            target = box.button(self.choice)
        self.qtbot.mouseClick(target, Qt.MouseButton.LeftButton)

    @property
    def answered(self) -> bool:
        return bool(self.texts)


def refresh_offline(qtbot: QtBot, page: DataPage, timeout: int = 30000) -> str:
    """Refresh a page that shows content while the shop is unreachable: the content stays and
    a banner says it could not be updated. Returns the banner's text."""
    with qtbot.waitSignal(page.loaded, timeout=timeout):
        page.refresh()
    assert page.state is LoadState.CONTENT  # what was loaded stays on screen
    banner = page.result_banner
    assert banner is not None
    assert banner.isVisible()
    assert "Showing what was loaded" in banner.text
    return banner.text


def retry_offline(qtbot: QtBot, page: DataPage, timeout: int = 30000) -> None:
    """Press the offline banner's "Try again" and wait for the page's answer."""
    banner = page.result_banner
    assert banner is not None
    with qtbot.waitSignal(page.loaded, timeout=timeout):
        click(qtbot, banner.button)


def choose_from_menu(qtbot: QtBot, menu_button: QAbstractButton, text: str) -> None:
    """Click a button that opens a menu, then the menu entry `text` (as a user would).

    The menu runs its own event loop while open, so the entry is chosen from a timer.
    """
    chosen: list[str] = []
    tries = [100]  # about 3 s, then give up (the waitUntil below reports it)

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            tries[0] -= 1
            if tries[0] > 0:
                QTimer.singleShot(30, pick)
            return
        action = next(a for a in menu.actions() if a.text() == text and a.isVisible())
        chosen.append(action.text())
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())

    QTimer.singleShot(30, pick)
    click(qtbot, menu_button)
    qtbot.waitUntil(lambda: bool(chosen), timeout=5000)
