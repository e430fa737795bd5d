"""Actions the shopper (or agent) interrupts while the shop is still answering.

A proxy in front of the real shop holds the one request under test until the test releases
it, so the user can press Cancel while the app waits: a request dialog refuses to close (and
says why) and then shows the shop's answer; an assist session the agent cancelled is ended at
the shop; a step-up sign-in that is cancelled releases the action that asked for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from client.api import ShopApi
from server.embedded import RunningShop
from tests.client.api_helpers import api_for
from tests.client.browser import MemoryKeyring, ScriptedBrowser
from tests.conftest import SHOPPER
from tests.support.cut_proxy import CutProxy, cut_proxy
from tests.ui.conftest import button, click, sign_in, type_text, wait_loaded
from tests.ui.test_flows_tell import WrongPasswordBrowser
from ui.main_window import MainWindow
from ui.models.columns import RAW_ROLE
from ui.pages.decisions import DecisionsPage
from ui.pages.my_data import MyDataPage
from ui.pages.my_data_dialogs import CorrectionDialog, EditFieldDialog
from ui.pages.requests import RequestsPage
from ui.pages.requests_forms import ComplaintForm, NewRequestDialog
from ui.pages.tracks import TracksPage
from ui.pages.tracks_dialogs import DeleteAllDialog
from ui.session import AppSession
from ui.settings import Settings
from ui.tasks import TaskRunner
from ui.widgets.filing_dialog import refuse_close_text
from ui.widgets.load_state import LoadState


def _slow_line(window_session: AppSession, shop: RunningShop) -> Iterator[CutProxy]:
    connection = window_session.current
    assert connection is not None
    transport = connection.transport
    real = transport.base_url
    with cut_proxy(shop.url) as proxy:
        assert real.startswith(shop.url)
        transport.base_url = proxy.url + real[len(shop.url.rstrip("/")) :]
        yield proxy
        transport.base_url = real


@pytest.fixture
def line(window: MainWindow, shop: RunningShop) -> Iterator[CutProxy]:
    """The app's connection to the shop, through a proxy that can hold a request."""
    yield from _slow_line(window.session, shop)


def _cancel_refused(qtbot: QtBot, dialog: QWidget, cancel: Any, error: Any) -> None:
    """Cancel, Escape and the window's close button: the dialog stays and says why."""
    click(qtbot, cancel)
    assert dialog.isVisible()
    assert error.isVisible()
    assert error.text() == refuse_close_text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    dialog.close()
    assert dialog.isVisible()


def test_a_request_dialog_stays_open_until_the_shop_answers(
    qtbot: QtBot, window: MainWindow, line: CutProxy
) -> None:
    page = window.pages["requests"]
    assert isinstance(page, RequestsPage)
    window.select_page("requests")
    wait_loaded(qtbot, page)
    dialog = page.new_request("complaint")
    assert isinstance(dialog, NewRequestDialog)
    qtbot.waitUntil(lambda: dialog.submit_button.isEnabled(), timeout=20000)
    form = dialog.form
    assert isinstance(form, ComplaintForm)
    type_text(qtbot, form.text, "Held on the way")
    closed: list[int] = []
    dialog.finished.connect(closed.append)
    line.hold("POST", "/v1/requests")
    click(qtbot, dialog.submit_button)
    qtbot.waitUntil(lambda: line.held == 1, timeout=10000)
    _cancel_refused(
        qtbot, dialog, dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), dialog.error
    )
    line.release()
    qtbot.waitUntil(lambda: bool(closed), timeout=20000)
    # the page, not a deleted dialog, tells what happened, and lists the new request
    assert page.message.text().startswith("Your request was filed")
    assert any(r.request.type == "complaint" for r in page.model.rows)


def test_closing_a_request_dialog_while_its_form_loads_drops_the_load(
    qtbot: QtBot, window: MainWindow, line: CutProxy
) -> None:
    page = window.pages["requests"]
    assert isinstance(page, RequestsPage)
    window.select_page("requests")
    wait_loaded(qtbot, page)
    line.hold("GET", "/v1/rights")  # the rights card every request dialog shows
    dialog = page.new_request("access")
    assert isinstance(dialog, NewRequestDialog)
    qtbot.waitUntil(lambda: line.held >= 1, timeout=10000)
    closed: list[int] = []
    dialog.finished.connect(closed.append)
    click(
        qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    )  # nothing is being filed: it closes
    assert closed
    line.release()
    # The late answer reaches no deleted widget (pytest-qt fails the test on an exception
    # in a slot); wait until the held request was answered and delivered.
    qtbot.waitUntil(lambda: window.runner.active == 0, timeout=20000)
    qtbot.wait(100)


def test_the_edit_dialog_stays_open_while_the_change_is_saved(
    qtbot: QtBot, window: MainWindow, line: CutProxy
) -> None:
    page = window.pages["my-data"]
    assert isinstance(page, MyDataPage)
    window.select_page("my-data")
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    dialog = page.edit_field("job")
    assert isinstance(dialog, EditFieldDialog)
    dialog.editor.clear()
    type_text(qtbot, dialog.editor, "Lighthouse keeper")
    line.hold("PATCH", "/v1/me")
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: line.held == 1, timeout=10000)
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    _cancel_refused(qtbot, dialog, cancel, dialog.error)
    line.release()
    qtbot.waitUntil(lambda: page.profile_status.text().startswith("Saved"), timeout=20000)
    field = page.field("job")
    assert field is not None
    assert field.value == "Lighthouse keeper"


def test_the_correction_dialog_stays_open_while_the_request_is_filed(
    qtbot: QtBot, window: MainWindow, line: CutProxy
) -> None:
    page = window.pages["my-data"]
    assert isinstance(page, MyDataPage)
    window.select_page("my-data")
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    dialog = page.request_correction("gender")
    assert isinstance(dialog, CorrectionDialog)
    type_text(qtbot, dialog.proposed, "male")
    line.hold("POST", "/v1/requests")
    click(qtbot, dialog.file_button)
    qtbot.waitUntil(lambda: line.held == 1, timeout=10000)
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    _cancel_refused(qtbot, dialog, cancel, dialog.error)
    line.release()
    qtbot.waitUntil(lambda: dialog.faces.currentIndex() == 1, timeout=20000)
    assert dialog.created is not None
    assert "was filed" in dialog.confirmation.text()


# --- a step-up sign-in that is cancelled ---------------------------------------------------
def _answer_modal(handler: Callable[[QWidget], bool]) -> QTimer:
    timer = QTimer()
    timer.setInterval(20)

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if widget is not None and widget.isVisible() and handler(widget):
            timer.stop()

    timer.timeout.connect(poll)
    timer.start()
    return timer


def test_a_cancelled_step_up_sign_in_releases_the_delete_buttons(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    page = window.pages["tracks"]
    assert isinstance(page, TracksPage)
    window.select_page("tracks")
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    qtbot.waitUntil(page.delete_all_button.isEnabled, timeout=10000)
    shop.ctx.clock.offset += timedelta(minutes=6)  # the sign-in is older than the shop allows
    connection = window.session.current
    assert connection is not None
    browser = WrongPasswordBrowser()  # the fresh sign-in never finishes
    connection.open_browser = browser

    def confirm(widget: QWidget) -> bool:
        if not isinstance(widget, DeleteAllDialog):
            return False
        widget.understood.setChecked(True)
        widget.delete_button.click()
        return True

    timer = _answer_modal(confirm)
    try:
        click(qtbot, page.delete_all_button)
        qtbot.waitUntil(lambda: bool(browser.pages), timeout=20000)
    finally:
        timer.stop()
    wait = window.sign_in_wait
    assert wait is not None
    assert wait.isVisible()
    assert not page.delete_all_button.isEnabled()  # waiting for the sign-in
    click(qtbot, button(wait, "cancelSignIn"))
    qtbot.waitUntil(page.delete_all_button.isEnabled, timeout=5000)
    assert page.delete_range_button.isEnabled()
    assert page.result_banner.isVisible()
    assert page.result_banner.text == "Please sign in again to confirm this action."
    qtbot.waitUntil(lambda: connection._pending is None, timeout=20000)


# --- an assist session cancelled while it opens ---------------------------------------------
def test_cancel_after_ok_in_the_assist_dialog_ends_the_session(
    qtbot: QtBot, shop: RunningShop, runner: TaskRunner, tmp_path: Path
) -> None:
    customer: ShopApi = api_for(shop, "lin.mei", "demo1234")
    customer_no = customer.get_me().customer_no
    code = customer.create_assist_code().code
    session = AppSession(
        tmp_path / "agent",
        runner,
        open_browser=ScriptedBrowser("agent.wu", "agent1234"),
        keyring_backend=MemoryKeyring(),
    )
    window = MainWindow(session, runner, Settings(tmp_path / "agent.ini"))
    qtbot.addWidget(window)
    window.show()
    sign_in(qtbot, session, shop)
    try:
        for line in _slow_line(session, shop):
            line.hold("POST", "/v1/assist/sessions")
            window.assist_customer()
            dialog = window.assist_dialog
            type_text(qtbot, dialog.customer, customer_no)
            type_text(qtbot, dialog.code, code)
            type_text(qtbot, dialog.reason, "Ticket 4712: changed my mind")
            click(qtbot, dialog.ok_button)
            qtbot.waitUntil(lambda: line.held == 1, timeout=10000)  # noqa: B023
            buttons = dialog.findChild(QDialogButtonBox)
            assert buttons is not None
            click(qtbot, buttons.button(QDialogButtonBox.StandardButton.Cancel))
            assert not dialog.isVisible()
            line.release()
            # The shop opened it; the app ends it at once and never shows the customer's data.
            qtbot.waitUntil(
                lambda: any(not s.active for s in customer.list_assist_sessions().items),
                timeout=20000,
            )
        qtbot.waitUntil(lambda: runner.active == 0, timeout=20000)
        assert session.assist is None
        assert not window.assist_banner.isVisible()
        sessions = customer.list_assist_sessions().items
        assert len(sessions) == 1
        assert not sessions[0].active
    finally:
        session.close()


# --- Decisions: each decision's own point of view --------------------------------------------
def test_the_point_of_view_belongs_to_its_decision(
    qtbot: QtBot, window: MainWindow, shop: RunningShop, line: CutProxy
) -> None:
    page = window.pages["decisions"]
    assert isinstance(page, DecisionsPage)
    window.select_page("decisions")
    wait_loaded(qtbot, page)
    first = page.proxy.index(0, 0).data(RAW_ROLE)
    second = page.proxy.index(1, 0).data(RAW_ROLE)

    def show(row: int, decision_id: str) -> None:
        page.table.selectRow(row)
        qtbot.waitUntil(
            lambda: (
                page.current is not None
                and page.current.detail.id == decision_id
                and page._detail_task is None
            ),
            timeout=15000,
        )

    show(0, first.id)
    type_text(qtbot, page.statement, "About the first decision.")
    line.hold("POST", "/v1/requests")
    click(qtbot, page.review_button)
    qtbot.waitUntil(lambda: line.held == 1, timeout=10000)
    show(1, second.id)
    assert page.statement.toPlainText() == ""  # not the first decision's words
    type_text(qtbot, page.statement, "About the second one.")
    line.release()
    qtbot.waitUntil(lambda: first.id in page.data.requests, timeout=20000)
    # the first decision's answer leaves the second one's text alone
    assert page.statement.toPlainText() == "About the second one."
    assert page.review_button.isEnabled()
    show(0, first.id)
    assert page.statement.toPlainText() == ""  # filed with the request, so cleared
    show(1, second.id)
    assert page.statement.toPlainText() == "About the second one."
    filed = [
        r
        for r in api_for(shop, *SHOPPER).list_requests(type="human_review").auto_paging_iter()
        if r.details.get("decision_id") == first.id
    ]
    assert [r.details.get("statement") for r in filed] == ["About the first decision."]
