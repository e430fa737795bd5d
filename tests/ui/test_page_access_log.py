"""The access-log page against a real shop: the lazy log, the chain check (intact and
tampered), assist codes, an agent's session seen and ended by the shopper."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QComboBox
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


def choose(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Open a combo box's list with a click and click the entry `text`, as a user would."""
    row = combo.findText(text)
    assert row >= 0, (text, [combo.itemText(i) for i in range(combo.count())])
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    view = combo.view()
    qtbot.waitUntil(view.isVisible, timeout=3000)
    index = view.model().index(row, 0)
    view.scrollTo(index)
    # The open list ignores a release that comes as fast as a double click after opening.
    qtbot.wait(QApplication.doubleClickInterval() + 50)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    qtbot.waitUntil(lambda: combo.currentIndex() == row and not view.isVisible(), timeout=3000)


def click_row(qtbot: QtBot, page: AccessLogPage, row: int) -> None:
    """Click a row of the log (its "What" cell)."""
    index = page.log_rows.index(row, 3)
    page.log_table.scrollTo(index)
    rect = page.log_table.visualRect(index)
    assert rect.isValid()
    qtbot.mouseClick(page.log_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def all_loaded(qtbot: QtBot, page: AccessLogPage) -> None:
    while page.log_model.canFetchMore() or page.log_model.loading:
        if not page.log_model.loading:
            page.log_model.fetchMore()
        qtbot.waitUntil(lambda: not page.log_model.loading, timeout=15000)


def texts(page: AccessLogPage, column: int) -> list[str]:
    rows = page.log_rows
    return [str(rows.index(r, column).data()) for r in range(rows.rowCount())]


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
    rows = page.log_rows
    # The app's own reads are one visit row, not a screenful of entries.
    assert rows.is_header(0)
    visit = rows.group_at(0)
    assert visit.kind == "visit"
    assert not visit.expanded
    assert len(visit.entries) >= 3
    assert rows.index(0, 1).data() == "This app, for you"
    assert rows.index(0, 2).data() == f"You used this app: {len(visit.entries)} reads"
    assert rows.index(0, 3).data().startswith("While you used this app it read ")
    assert "your account details" in rows.index(0, 3).data()
    assert rows.rowCount() < page.log_model.rowCount()
    qtmodeltester.check(page.log_model)
    qtmodeltester.check(rows)
    qtmodeltester.check(page.session_model)
    # A click on the visit shows each read, newest first; another click hides them again.
    click_row(qtbot, page, 0)
    assert visit.expanded
    shown = [rows.entry_at(r) for r in range(1, len(visit.entries) + 1)]
    assert [e.seq for e in shown if e is not None] == sorted(
        (e.seq for e in visit.entries), reverse=True
    )
    assert rows.index(1, 2).data() == "Viewed"
    assert rows.index(1, 1).data() == "This app, for you"
    assert not any("/" in text or "_" in text for text in texts(page, 3))
    qtmodeltester.check(rows)
    click_row(qtbot, page, 0)
    assert not visit.expanded
    assert rows.index(0, 0).data().startswith("▸ ")
    page.order_combo.setCurrentIndex(page.order_combo.findData("asc"))
    qtbot.waitUntil(
        lambda: page.log_model.rowCount() > 0 and not page.log_model.loading, timeout=15000
    )
    assert page.log_model.row_at(0).seq == 1
    # no agent yet: nothing in the sessions table, and the agents filter shows nothing
    assert page.session_model.rowCount() == 0
    assert "No agent" in page.sessions_note.text()
    choose(qtbot, page.who_combo, "Customer service agents")
    qtbot.waitUntil(lambda: page.log_model.exhausted and not page.log_model.loading, timeout=15000)
    assert rows.rowCount() == 0


def test_filter_by_what_and_by_who(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(qtbot, window)
    view = _view(window)
    list(view.api.list_orders(limit=3).items)
    view.api.get_me()
    _reload(qtbot, page)
    all_loaded(qtbot, page)
    rows = page.log_rows
    choose(qtbot, page.kind_combo, "Orders")
    qtbot.waitUntil(lambda: rows.rowCount() > 0, timeout=15000)
    entries = [e for g in rows.groups for e in g.entries]
    assert entries
    assert {e.what.kind for e in entries if e.what is not None} <= {"orders", "order"}
    click_row(qtbot, page, 0)
    assert "your orders" in texts(page, 3)
    choose(qtbot, page.kind_combo, "Anything")
    choose(qtbot, page.who_combo, "You (changes)")
    qtbot.waitUntil(lambda: page.log_model.exhausted and not page.log_model.loading, timeout=15000)
    assert rows.rowCount() == 0  # only reads so far: nothing the shopper changed
    choose(qtbot, page.who_combo, "This app (reads for you)")
    assert rows.rowCount() > 0
    assert all(rows.group_at(r).kind == "visit" for r in range(rows.rowCount()))
    choose(qtbot, page.who_combo, "Everyone")
    assert rows.rowCount() > 0


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
    assert page.session_model.index(0, 0).data() == "客服 吴 Agent Wu · customer service agent"
    assert shown.active
    assert shown.reason == "Customer asked about a refund"
    assert page.session_model.index(0, 3).data().startswith("Active until ")
    assert set(page.end_buttons) == {session.id}
    # the used code says so instead of counting down as if it still worked
    assert not page.countdown.running
    assert not page.countdown.isVisible()
    assert not page.copy_button.isEnabled()
    assert "was used by 客服 吴 Agent Wu" in page.code_error.text()
    assert "no longer works" in page.code_error.text()
    assert "agent.wu" not in page.code_error.text()

    with qtbot.waitSignal(page.loaded, timeout=20000):
        qtbot.mouseClick(page.end_buttons[session.id], Qt.MouseButton.LeftButton)
    _settled(qtbot, page)
    assert not page.session_model.row_at(0).active
    assert page.session_model.index(0, 3).data().startswith("Ended ")
    assert page.end_buttons == {}
    all_loaded(qtbot, page)

    # The session stands out: one highlighted row with the agent's name, role and reason,
    # what they saw, and its end; its entries are shown under it.
    rows = page.log_rows
    headers = [r for r in range(rows.rowCount()) if rows.is_header(r)]
    sessions = [r for r in headers if rows.group_at(r).kind == "session"]
    assert len(sessions) == 1
    row = sessions[0]
    group = rows.group_at(row)
    assert group.expanded
    assert rows.index(row, 1).data() == "客服 吴 Agent Wu · customer service agent"
    assert rows.index(row, 2).data().startswith("Assisted session, which you ended at ")
    saw = rows.index(row, 3).data()
    assert saw.startswith("The agent saw ")
    assert "your orders" in saw
    assert "your account details" in saw
    assert rows.index(row, 4).data() == "Customer asked about a refund"
    background = rows.index(row, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert background is not None
    assert background.color().name() == "#fff1c2"
    assert rows.index(row, 0).data(Qt.ItemDataRole.FontRole).bold()
    visit_rows = [r for r in headers if rows.group_at(r).kind == "visit"]
    assert visit_rows
    assert rows.index(visit_rows[0], 0).data(Qt.ItemDataRole.BackgroundRole).color() != (
        background.color()
    )
    inside = [rows.entry_at(r) for r in range(row + 1, row + 1 + len(group.entries))]
    actions = [rows.index(r, 2).data() for r in range(row + 1, row + 1 + len(group.entries))]
    assert "Started an assisted session" in actions
    assert "You ended the assisted session" in actions
    assert "Deleted" not in texts(page, 2)
    for entry, r in zip(inside, range(row + 1, row + 1 + len(group.entries)), strict=True):
        assert entry is not None
        if entry.role == "agent":
            assert rows.index(r, 1).data() == "客服 吴 Agent Wu · customer service agent"
            assert rows.index(r, 4).data() == "Customer asked about a refund"
            assert rows.index(r, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    # A click on the session's row folds it; the row still says what it holds.
    click_row(qtbot, page, row)
    assert not group.expanded
    assert rows.index(row, 3).data() == saw
    # What was looked at reads as words, never as an API path or a login.
    looked_at = set(texts(page, 3))
    assert not any("/" in text or "_" in text for text in looked_at), looked_at
    assert not any("agent.wu" in text for text in texts(page, 1))
    assert not any(
        "/v1" in str(rows.index(r, 3).data(Qt.ItemDataRole.ToolTipRole))
        for r in range(rows.rowCount())
    )
    # The agents filter shows the session alone.
    choose(qtbot, page.who_combo, "Customer service agents")
    assert rows.rowCount() >= 1
    assert all(rows.group_at(r).kind == "session" for r in range(rows.rowCount()))
    assert page.chain_result is not None
    assert page.chain_result.ok
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
    choose(qtbot, page.who_combo, "Customer service agents")
    qtbot.waitUntil(lambda: page.log_rows.rowCount() > 0, timeout=15000)
    assert page.log_rows.group_at(0).kind == "session"
    assert page.log_rows.index(0, 4).data() == HOSTILE_REASON  # literal
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


def test_a_used_code_says_so_without_a_refresh(
    qtbot: QtBot, window: MainWindow, agent: ShopConnection
) -> None:
    page = _page(qtbot, window)
    page._code_watch.setInterval(200)  # the page looks every few seconds; the test sooner
    code = _create_code(qtbot, page)
    assert page.countdown.running
    assert page.code is not None
    session = agent.open_assist_session(page.code.customer_no, code, "Order question")
    qtbot.waitUntil(lambda: not page.countdown.running, timeout=15000)
    assert "was used by 客服 吴 Agent Wu" in page.code_error.text()
    assert not page.copy_button.isEnabled()
    qtbot.waitUntil(lambda: page.session_model.rowCount() == 1, timeout=15000)
    assert not page._code_watch.isActive()
    session.close()


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
