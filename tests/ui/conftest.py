"""UI fixtures: a real shop, an app session signed in through the real login page."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from server.embedded import RunningShop
from tests.client.browser import MemoryKeyring, ScriptedBrowser
from ui.main_window import MainWindow
from ui.pages.base import DataPage
from ui.session import AppSession
from ui.settings import Settings
from ui.tasks import TaskRunner
from ui.widgets.load_state import LoadState


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    runner = TaskRunner(max_workers=3)
    yield runner
    runner.shutdown()


@pytest.fixture
def app_session(tmp_path: Path, runner: TaskRunner) -> Iterator[AppSession]:
    session = AppSession(tmp_path / "config", runner,
                         open_browser=ScriptedBrowser("lin.mei", "demo1234"),
                         keyring_backend=MemoryKeyring())
    yield session
    session.close()


def sign_in(qtbot: QtBot, session: AppSession, shop: RunningShop,
            browser: ScriptedBrowser | None = None) -> None:
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
def window(qtbot: QtBot, shop: RunningShop, app_session: AppSession, runner: TaskRunner,
           tmp_path: Path) -> MainWindow:
    window = MainWindow(app_session, runner, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    sign_in(qtbot, app_session, shop)
    return window


def wait_loaded(qtbot: QtBot, page: DataPage, timeout: int = 20000) -> LoadState:
    """Wait until the page has left its busy face; return the face it shows."""
    qtbot.waitUntil(lambda: page.state is not LoadState.BUSY and page.view is not None,
                    timeout=timeout)
    return page.state


WaitLoaded = Callable[[QtBot, DataPage], LoadState]
