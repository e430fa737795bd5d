"""The access-log page against a real shop: the lazy log, the chain check (intact and
tampered), assist codes, an agent's session seen and ended by the shopper."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from client.connection import AssistSession, ShopConnection
from client.errors import AuthenticationRequired
from server.embedded import RunningShop
from server.models import AccessLogEntry, User
from tests.client.browser import MemoryKeyring, ScriptedBrowser
from tests.ui.conftest import refresh_offline, retry_offline, wait_loaded
from ui.main_window import MainWindow
from ui.pages.access_log import AccessLogPage
from ui.session import ActiveView
from ui.widgets.countdown import Countdown
from ui.widgets.load_state import LoadState

HOSTILE_REASON = "<b>x</b><img src=x> مرحبا 😀 客服 " + "long " * 80 + "end"


def _page(qtbot: QtBot, window: MainWindow) -> AccessLogPage:
    page = window.pages["access-log"]
    assert isinstance(page, AccessLogPage)
    window.select_page("access-log")
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    _settled(qtbot, page)
    return page


def _settled(qtbot: QtBot, page: AccessLogPage) -> None:
    """The first log page is in and the chain check finished."""
    qtbot.waitUntil(
        lambda: (
            page.state is not LoadState.BUSY
            and page.chain_result is not None
            and not page.log_model.loading
            and page.log_model.rowCount() > 0
        ),
        timeout=20000,
    )


def _reload(qtbot: QtBot, page: AccessLogPage) -> None:
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.refresh()
    _settled(qtbot, page)


def _view(window: MainWindow) -> ActiveView:
    view = window.session.view()
    assert view is not None
    return view


@pytest.fixture
def agent(shop: RunningShop):
    connection = ShopConnection(
        shop.url,
        open_browser=ScriptedBrowser("agent.wu", "agent1234"),
        keyring_backend=MemoryKeyring(),
        scopes=["privacy.read", "assist"],
    )
    connection.sign_in()
    yield connection
    connection.close()


def _create_code(qtbot: QtBot, page: AccessLogPage) -> str:
    qtbot.mouseClick(page.create_code_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.code is not None and page.code_label.isVisible(), timeout=15000)
    assert page.code is not None
    return page.code.code


def test_log_loads_newest_first_and_the_chain_is_intact(
    qtbot: QtBot, window: MainWindow, qtmodeltester
) -> None:
    page = _page(qtbot, window)
    result = page.chain_result
    assert result is not None
    assert result.ok
    assert (
        page.chain_status.text()
        == f"✓ The log's chain of fingerprints is intact ({result.checked} entries)"
    )
    assert not page.chain_problems.isVisible()
    seqs = [page.log_model.row_at(r).seq for r in range(page.log_model.rowCount())]
    assert seqs == sorted(seqs, reverse=True)
    assert page.log_model.index(0, 2).data() == "You"
    assert page.log_model.index(0, 3).data() == "Viewed"
    qtmodeltester.check(page.log_model)
    qtmodeltester.check(page.log_filter)
    qtmodeltester.check(page.session_model)
    page.order_combo.setCurrentIndex(page.order_combo.findData("asc"))
    qtbot.waitUntil(
        lambda: page.log_model.rowCount() > 0 and not page.log_model.loading, timeout=15000
    )
    assert page.log_model.row_at(0).seq == 1
    # no agent yet: nothing in the sessions table, and "only agents" shows nothing
    assert page.session_model.rowCount() == 0
    assert "No agent" in page.sessions_note.text()
    page.only_agents.setChecked(True)
    qtbot.waitUntil(lambda: page.log_model.exhausted and not page.log_model.loading, timeout=15000)
    assert page.log_filter.rowCount() == 0


def test_a_tampered_entry_is_a_loud_warning(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    page = _page(qtbot, window)
    assert page.chain_result is not None
    assert page.chain_result.ok
    with shop.ctx.sessions() as db:
        user_id = db.scalars(select(User.id).where(User.username == "lin.mei")).one()
        db.execute(
            update(AccessLogEntry)
            .where(AccessLogEntry.user_id == user_id, AccessLogEntry.seq == 2)
            .values(resource="/v1/nothing-to-see")
        )
        db.commit()
    _reload(qtbot, page)
    result = page.chain_result
    assert result is not None
    assert not result.ok
    assert result.first_broken_seq == 2
    assert page.chain_status.text().startswith("✗ The log has been altered at entry #2 (")
    assert "changed after it was written" in page.chain_status.text()
    assert "#c62828" in page.chain_status.styleSheet()
    assert page.chain_problems.isVisible()
    assert "Entry 2" in page.chain_problems.text()


def test_assist_code_agent_session_and_ending_it(
    qtbot: QtBot, window: MainWindow, agent: ShopConnection
) -> None:
    page = _page(qtbot, window)
    code = _create_code(qtbot, page)
    assert len(code) == 6
    assert code.isdigit()
    assert page.code_label.text() == code
    assert page.code_label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert page.code_label.font().pointSize() >= 24
    assert page.countdown.running
    assert 590 <= page.countdown.remaining_seconds() <= 600
    assert page.countdown.text().startswith("Expires in ")
    assert "works once, for 10 minutes" in page.code_note.text()
    assert page.code is not None
    assert page.code.customer_no in page.customer_label.text()
    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == code

    session: AssistSession = agent.open_assist_session(
        page.code.customer_no, code, "Customer asked about a refund"
    )
    assisted = session.api
    assert assisted.get_me().customer_no == page.code.customer_no
    list(assisted.list_orders().auto_paging_iter(max_items=5))

    _reload(qtbot, page)
    assert page.session_model.rowCount() == 1
    shown = page.session_model.row_at(0)
    assert shown.agent == "agent.wu"
    assert shown.active
    assert shown.reason == "Customer asked about a refund"
    assert page.session_model.index(0, 4).data() == "Active"
    assert set(page.end_buttons) == {session.id}
    # the used code says so instead of counting down as if it still worked
    assert not page.countdown.running
    assert not page.countdown.isVisible()
    assert not page.copy_button.isEnabled()
    assert "was used by agent.wu" in page.code_error.text()
    assert "no longer works" in page.code_error.text()
    # the agent's looks are in the log, with role and reason
    page.only_agents.setChecked(True)
    qtbot.waitUntil(lambda: page.log_model.exhausted and not page.log_model.loading, timeout=15000)
    assert page.log_filter.rowCount() >= 3
    for row in range(page.log_filter.rowCount()):
        assert page.log_filter.index(row, 1).data() == "agent.wu"
        assert page.log_filter.index(row, 2).data() == "Agent"
        assert page.log_filter.index(row, 5).data() == "Customer asked about a refund"
    actions = {page.log_filter.index(r, 3).data() for r in range(page.log_filter.rowCount())}
    assert "Started an assisted session" in actions
    assert page.chain_result is not None
    assert page.chain_result.ok

    with qtbot.waitSignal(page.loaded, timeout=20000):
        qtbot.mouseClick(page.end_buttons[session.id], Qt.MouseButton.LeftButton)
    _settled(qtbot, page)
    assert not page.session_model.row_at(0).active
    assert page.session_model.index(0, 4).data().startswith("Ended ")
    assert page.end_buttons == {}
    page.only_agents.setChecked(False)
    qtbot.waitUntil(lambda: page.log_model.exhausted and not page.log_model.loading, timeout=15000)
    actions = [page.log_filter.index(r, 3).data() for r in range(page.log_filter.rowCount())]
    assert "You ended the assisted session" in actions
    assert "Deleted" not in actions
    # what was looked at reads as words, never as an API path
    looked_at = {page.log_filter.index(r, 4).data() for r in range(page.log_filter.rowCount())}
    assert "your orders" in looked_at
    assert "an assisted session" in looked_at
    assert not any("/" in text or "_" in text for text in looked_at), looked_at
    assert not any(
        "/v1" in str(page.log_filter.index(r, 4).data(Qt.ItemDataRole.ToolTipRole))
        for r in range(page.log_filter.rowCount())
    )
    with pytest.raises(AuthenticationRequired):
        assisted.get_me()
    session.close()


def test_in_assist_mode_codes_and_end_buttons_are_absent(
    qtbot: QtBot, window: MainWindow, agent: ShopConnection
) -> None:
    page = _page(qtbot, window)
    view = _view(window)
    code = _create_code(qtbot, page)
    session = agent.open_assist_session(view.api.get_me().customer_no, code, HOSTILE_REASON)
    try:
        with qtbot.waitSignal(page.loaded, timeout=20000):
            page.set_view(replace(view, shop_api=session.api, assist=session, role="agent"))
        _settled(qtbot, page)
        assert not page.code_panel.isVisible()
        assert not page.create_code_button.isVisible()
        assert page.end_buttons == {}
        assert page.session_model.rowCount() == 1
        assert page.session_model.index(0, 1).data() == HOSTILE_REASON  # literal
        page.create_code()  # even if called, nothing happens for an agent
        assert page._code_task is None
    finally:
        session.close()
    # back as the shopper: the hostile reason is shown literally in the log too
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.set_view(view)
    _settled(qtbot, page)
    page.only_agents.setChecked(True)
    qtbot.waitUntil(
        lambda: page.log_model.exhausted and page.log_filter.rowCount() > 0, timeout=15000
    )
    assert page.log_filter.index(0, 5).data() == HOSTILE_REASON
    assert page.end_buttons  # the shopper can end it


def test_error_retry_and_a_failing_log_page(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(qtbot, window)
    view = _view(window)
    real_base = view.shop.transport.base_url
    view.shop.transport.base_url = "http://127.0.0.1:9/v1/"
    view.shop.transport.max_retries = 0
    message = refresh_offline(qtbot, page)  # offline: keeps what was loaded, says so
    assert "cannot be reached" in message
    view.shop.transport.base_url = real_base
    retry_offline(qtbot, page)
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    _settled(qtbot, page)
    # the log's own paging fails and recovers
    view.shop.transport.base_url = "http://127.0.0.1:9/v1/"
    page.reload_log()
    qtbot.waitUntil(lambda: page.log_error.isVisible(), timeout=15000)
    assert "cannot be reached" in page.log_error.text()
    assert page.log_retry.isVisible()
    page.check_chain()
    qtbot.waitUntil(lambda: "could not be checked" in page.chain_status.text(), timeout=15000)
    view.shop.transport.base_url = real_base
    qtbot.mouseClick(page.log_retry, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.log_model.rowCount() > 0, timeout=15000)
    assert not page.log_error.isVisible()


def test_countdown_counts_down_and_expires(qtbot: QtBot) -> None:
    now = [datetime(2026, 1, 1, 12, 0, tzinfo=UTC)]
    countdown = Countdown(now=lambda: now[0])
    qtbot.addWidget(countdown)
    countdown.start(now[0] + timedelta(minutes=10))
    assert countdown.text() == "Expires in 10:00"
    now[0] += timedelta(seconds=61)
    countdown._tick()
    assert countdown.text() == "Expires in 8:59"
    now[0] += timedelta(minutes=9)
    with qtbot.waitSignal(countdown.expired, timeout=3000):
        pass
    assert countdown.text() == "Expired"
    assert not countdown.running
