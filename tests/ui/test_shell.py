"""The main window: sign-in, the overview, states of a page, keyboard refresh."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from server.embedded import RunningShop
from tests.ui.conftest import click, wait_loaded
from ui.dialogs import AddShopDialog
from ui.main_window import MainWindow
from ui.pages.orders import OrdersPage
from ui.pages.overview import OverviewPage
from ui.session import AppSession
from ui.settings import Settings
from ui.tasks import TaskRunner
from ui.widgets.load_state import LoadState


def test_signed_in_overview_shows_real_figures(qtbot: QtBot, window: MainWindow) -> None:
    page = window.pages["overview"]
    assert isinstance(page, OverviewPage)
    window.select_page("overview")
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    assert page.cards["tracks"].figure.text() == "400"
    assert int(page.cards["orders"].figure.text()) > 0
    assert page.cards["policy"].detail.text() == "new version to acknowledge"
    assert (
        "林美" in window.statusBar().currentMessage()
        or "lin.mei" in window.statusBar().currentMessage()
    )


def test_unreachable_shop_keeps_what_was_loaded_then_retry_recovers(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    page = window.pages["overview"]
    assert isinstance(page, OverviewPage)
    window.select_page("overview")
    wait_loaded(qtbot, page)
    shown = page.cards["tracks"].figure.text()
    view = window.session.view()
    assert view is not None
    real_base = view.shop.transport.base_url
    view.shop.transport.base_url = "http://127.0.0.1:9/v1/"  # nothing listens on port 9
    view.shop.transport.max_retries = 0
    click(qtbot, window.toolbar_button(window.refresh_action))
    qtbot.waitUntil(lambda: page.result_banner.isVisible(), timeout=20000)
    # offline: the page keeps what it showed and says it could not update it
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    assert page.cards["tracks"].figure.text() == shown
    assert "cannot be reached" in page.result_banner.text
    assert "Showing what was loaded at" in page.result_banner.text
    view.shop.transport.base_url = real_base
    with qtbot.waitSignal(page.loaded, timeout=20000):
        click(qtbot, page.result_banner.button)  # "Try again"
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    assert not page.result_banner.isVisible()  # back online: the warning is gone


def test_unreachable_shop_at_first_load_shows_error_then_retry(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    page = window.pages["orders"]
    assert isinstance(page, OrdersPage)
    view = window.session.view()
    assert view is not None
    real_base = view.shop.transport.base_url
    view.shop.transport.base_url = "http://127.0.0.1:9/v1/"
    view.shop.transport.max_retries = 0
    window.select_page("orders")
    assert wait_loaded(qtbot, page) is LoadState.ERROR  # nothing loaded before: the error face
    assert "cannot be reached" in page.stack.error_text
    view.shop.transport.base_url = real_base
    click(qtbot, page.stack.retry_button)
    assert wait_loaded(qtbot, page) is LoadState.CONTENT


def test_signed_out_pages_say_so(
    qtbot: QtBot, runner: TaskRunner, app_session: AppSession, tmp_path: Path
) -> None:
    window = MainWindow(app_session, runner, Settings(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    window.show()
    page = window.pages["overview"]
    assert isinstance(page, OverviewPage)
    qtbot.waitUntil(lambda: page.state is LoadState.WELCOME, timeout=5000)
    assert "Start by adding the shop" in page.stack.welcome_text
    assert page.stack.add_shop_button.isVisible()
    assert not page.stack.sign_in_button.isVisible()  # no shop yet: nothing to sign in to
    # the welcome's button opens the real Add a shop dialog; it is answered like a user
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, AddShopDialog):
            seen.append(dialog.windowTitle())
            dialog.reject()

    QTimer.singleShot(200, answer)
    click(qtbot, page.stack.add_shop_button)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == ["Add a shop"]


def test_overview_cards_lead_to_their_pages(qtbot: QtBot, window: MainWindow) -> None:
    page = window.pages["overview"]
    assert isinstance(page, OverviewPage)
    window.select_page("overview")
    wait_loaded(qtbot, page)
    qtbot.mouseClick(page.cards["orders"], Qt.MouseButton.LeftButton)
    assert window.current_page().page_id == "orders"
    window.select_page("overview")
    page.cards["requests"].setFocus()
    qtbot.keyClick(page.cards["requests"], Qt.Key.Key_Return)
    assert window.current_page().page_id == "requests"


def test_request_state_changes_reach_the_notifier_from_any_page(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    from server.processor import RequestProcessor
    from ui.pages.requests import RequestsPage

    view = window.session.view()
    assert view is not None
    view.shop.create_request("complaint", {"text": "Please answer my e-mails."})
    window.select_page("overview")
    page = window.pages["requests"]
    assert isinstance(page, RequestsPage)
    seen: list[tuple[str, str]] = []
    window.notifier.notified.connect(lambda title, message: seen.append((title, message)))
    window._poll_requests()  # first snapshot, taken while another page is shown
    qtbot.waitUntil(lambda: page._task is None and page.model.rowCount() == 1, timeout=10000)
    processor = RequestProcessor(shop.ctx)
    for _ in range(3):
        processor.run_once()
    window._poll_requests()
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    assert "Request update" in seen[0][0]


def test_overview_shows_the_rights_card_with_clauses(qtbot: QtBot, window: MainWindow) -> None:
    page = window.pages["overview"]
    assert isinstance(page, OverviewPage)
    window.select_page("overview")
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    assert page.rights.body.textFormat() == Qt.TextFormat.PlainText
    text = page.rights.body.text()
    assert "Answer deadline: 15 working days (policy § 5.G" in text
    assert "Needs excessive technical means" in text
    assert "privacy@silumart.example (policy § 9" in text
    # the 6-digit code is the shop's choice, not a promise of its policy
    assert "6-digit code sent to your account contact (not stated in the policy" in text
    # each line cites its section by number; the section's title is listed once, at the end
    assert text.count("Answering your requests") == 1, text
    assert "§ 5.G Answering your requests: verification, deadline, fees, refusals" in (
        text.splitlines()
    )
