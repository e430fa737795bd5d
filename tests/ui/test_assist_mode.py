"""Assist mode end to end: the customer's code, the agent's session, the customer's log."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from client.api import ShopApi
from server.embedded import RunningShop
from tests.client.api_helpers import api_for
from tests.client.browser import MemoryKeyring, ScriptedBrowser
from tests.ui.conftest import sign_in, wait_loaded
from ui.main_window import MainWindow
from ui.pages.overview import OverviewPage
from ui.pages.registry import PAGES
from ui.pages.requests import RequestsPage
from ui.session import AppSession
from ui.settings import Settings
from ui.tasks import TaskRunner
from ui.widgets.load_state import LoadState


def test_agent_assists_with_the_customers_code_and_is_logged(
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
    assert window.assist_action.isVisible()
    assert window.agent_banner.isVisible()
    overview = window.pages["overview"]
    assert isinstance(overview, OverviewPage)
    qtbot.waitUntil(lambda: overview.state is LoadState.EMPTY, timeout=5000)

    window.assist_customer()
    dialog = window.assist_dialog
    # it sends the customer to the page by the name the customer's app shows, and its button
    # says what it does
    access_log = next(e for e in PAGES if e.page_id == "access-log")
    assert f"“{access_log.title()}”" in dialog.findChildren(QLabel)[0].text()
    assert dialog.ok_button.text() == "Open the customer's data"
    dialog.customer.setText(customer_no)
    dialog.code.setText("000000" if code != "000000" else "111111")
    dialog.reason.setText("Ticket 4711 <b>help</b>")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10000)
    assert session.assist is None

    dialog.code.setText(code)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: session.assist is not None, timeout=10000)
    assert window.assist_banner.isVisible()
    assert customer_no in window.assist_banner.text
    assert "recorded" in window.assist_banner.text
    # Agents read and file requests; the customer's whole archive is not theirs to take.
    assert not window.export_archive_action.isEnabled()
    assert "cannot export" in window.export_archive_action.toolTip()
    window.select_page("overview")
    assert wait_loaded(qtbot, overview) is LoadState.CONTENT
    assert overview.cards["tracks"].figure.text() == "400"
    # The shopper's verification code is theirs: the agent is not offered the demo code.
    filed = customer.create_request("access")
    assert filed.request.status == "identity_unverified"
    window.select_page("requests")
    requests_page = window.pages["requests"]
    assert isinstance(requests_page, RequestsPage)
    qtbot.waitUntil(
        lambda: any(r.request.id == filed.request.id for r in requests_page.model.rows),
        timeout=10000,
    )
    row = next(r for r in requests_page.model.rows if r.request.id == filed.request.id)
    assert requests_page.select((row.shop_id, row.request.id))
    assert requests_page.detail.verify_box.isVisibleTo(requests_page)
    assert not requests_page.detail.demo_code_button.isVisibleTo(requests_page)
    window.select_page("overview")

    entries = list(customer.list_access_log(order="desc", limit=50).auto_paging_iter())
    agent_entries = [e for e in entries if e.role == "agent"]
    assert agent_entries, "the agent's reads must be in the customer's access log"
    assert all(e.reason == "Ticket 4711 <b>help</b>" for e in agent_entries)
    assert any(e.action == "assist_start" for e in agent_entries)

    window.end_assist()
    assert session.assist is None
    assert not window.assist_banner.isVisible()
    qtbot.waitUntil(lambda: overview.state is LoadState.EMPTY, timeout=5000)
    assert window.export_archive_action.isEnabled()
    qtbot.waitUntil(lambda: runner.active == 0, timeout=10000)
    sessions = customer.list_assist_sessions().items
    assert sessions
    assert not sessions[0].active
    session.close()
