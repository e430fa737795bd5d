"""The notices & policy page against a real shop: notices, versions, acknowledging."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import delete, select, update

from client.api import ShopApi
from client.connection import ShopConnection
from server.embedded import RunningShop
from server.models import Notice, User
from tests.client.browser import MemoryKeyring, ScriptedBrowser
from tests.ui.conftest import refresh_offline, retry_offline, wait_loaded
from ui.formats import format_date
from ui.main_window import MainWindow
from ui.models.columns import RAW_ROLE
from ui.pages.notices import NoticesPage
from ui.session import ActiveView
from ui.widgets.load_state import LoadState

HOSTILE_TITLE = "<b>x</b><img src=x> مرحبا 😀"
HOSTILE_BODY = "<script>alert(1)</script>\n第二行 línea " + "very long text " * 400


def _page(qtbot: QtBot, window: MainWindow) -> NoticesPage:
    page = window.pages["notices"]
    assert isinstance(page, NoticesPage)
    window.select_page("notices")
    wait_loaded(qtbot, page)
    return page


def _view(window: MainWindow) -> ActiveView:
    view = window.session.view()
    assert view is not None
    return view


def _api(window: MainWindow) -> ShopApi:
    return _view(window).shop


def _select_notice(page: NoticesPage, notice_id: str) -> None:
    for row in range(page.notice_model.rowCount()):
        if page.notice_model.row_at(row).id == notice_id:
            page.notice_table.selectRow(row)
            return
    raise AssertionError(f"notice {notice_id} not listed")


def test_notices_and_versions_match_the_api(
    qtbot: QtBot, window: MainWindow, qtmodeltester
) -> None:
    page = _page(qtbot, window)
    assert page.state is LoadState.CONTENT
    api = _api(window)
    notices = list(api.list_notices().auto_paging_iter())
    assert [page.notice_model.row_at(r).id for r in range(page.notice_model.rowCount())] == [
        n.id for n in sorted(notices, key=lambda n: n.published_at, reverse=True)
    ]
    qtmodeltester.check(page.notice_model)
    qtmodeltester.check(page.version_model)
    # the newest notice is shown; a security incident is highlighted
    newest = page.notice_model.row_at(0)
    # published on a whole date ("23 Nov 2026"), not the day of the month alone
    assert page.notice_model.index(0, 0).data() == format_date(newest.published_at)
    assert str(newest.published_at.year) in page.notice_model.index(0, 0).data()
    assert page.notice_title.text() == newest.title
    assert page.notice_body.text() == newest.body
    incident = next(n for n in notices if n.kind == "security_incident")
    row = next(
        r
        for r in range(page.notice_model.rowCount())
        if page.notice_model.row_at(r).id == incident.id
    )
    assert page.notice_model.index(row, 2).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert page.notice_model.index(row, 1).data() == "Security incident"
    assert page.incident_note.isVisible()
    _select_notice(page, incident.id)
    assert page.notice_title.text() == incident.title
    assert page.notice_body.text() == incident.body
    assert "Security incident" in page.notice_meta.text()
    # policy versions with what changed
    versions = list(api.list_policy_versions().auto_paging_iter())
    assert {page.version_model.row_at(r).version for r in range(page.version_model.rowCount())} == {
        v.version for v in versions
    }
    policy = api.get_policy()
    selected = page.version_table.selectionModel().selectedRows()[0].data(RAW_ROLE)
    assert selected.version == policy.version
    for change in policy.changes:
        assert f"• {change}" in page.version_changes.text()
    assert policy.version in page.policy_heading.text()


def test_acknowledging_the_current_version(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(qtbot, window)
    api = _api(window)
    policy = api.get_policy()
    assert not policy.acknowledged
    assert page.ack_button.isVisible()
    assert page.ack_button.text() == f"Acknowledge version {policy.version}"
    qtbot.mouseClick(page.ack_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.ack_button.isVisible(), timeout=15000)
    assert "acknowledged this version on" in page.ack_status.text()
    after = api.get_policy()
    assert after.acknowledged
    assert after.acknowledged_at is not None
    page.refresh()
    wait_loaded(qtbot, page)
    assert not page.ack_button.isVisible()
    assert "acknowledged this version on" in page.ack_status.text()


def test_in_assist_mode_there_is_no_acknowledge_button(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    page = _page(qtbot, window)
    view = _view(window)
    code = view.shop.create_assist_code()
    agent = ShopConnection(
        shop.url,
        open_browser=ScriptedBrowser("agent.wu", "agent1234"),
        keyring_backend=MemoryKeyring(),
        scopes=["privacy.read", "assist"],
    )
    try:
        agent.sign_in()
        session = agent.open_assist_session(code.customer_no, code.code, "Policy question")
        page.set_view(replace(view, shop_api=session.api, assist=session, role="agent"))
        assert wait_loaded(qtbot, page) is LoadState.CONTENT
        assert not page.ack_button.isVisible()
        assert (
            "not acknowledged" in page.ack_status.text()
            or "acknowledge it" in page.ack_status.text()
        )
        page.acknowledge()  # even if called, an agent cannot acknowledge
        assert page._ack_task is None
        session.close()
    finally:
        agent.close()
    assert not view.api.get_policy().acknowledged


def test_no_notices_error_and_retry(qtbot: QtBot, window: MainWindow, shop: RunningShop) -> None:
    page = _page(qtbot, window)
    view = _view(window)
    real_base = view.shop.transport.base_url
    view.shop.transport.base_url = "http://127.0.0.1:9/v1/"
    view.shop.transport.max_retries = 0
    message = refresh_offline(qtbot, page)  # offline: keeps what was loaded, says so
    assert "cannot be reached" in message
    view.shop.transport.base_url = real_base
    with shop.ctx.sessions() as db:
        db.execute(delete(Notice))
        db.commit()
    retry_offline(qtbot, page)
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    assert page.no_notices.isVisible()
    assert not page.notice_table.isVisible()
    assert page.notice_title.text() == ""
    assert page.version_model.rowCount() > 0


def test_hostile_notice_text_is_shown_literally(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    with shop.ctx.sessions() as db:
        first = db.scalars(select(Notice.id).order_by(Notice.published_at.desc())).first()
        db.execute(
            update(Notice).where(Notice.id == first).values(title=HOSTILE_TITLE, body=HOSTILE_BODY)
        )
        db.commit()
    page = _page(qtbot, window)
    assert page.notice_model.index(0, 2).data() == HOSTILE_TITLE
    assert page.notice_title.text() == HOSTILE_TITLE
    assert page.notice_body.text() == HOSTILE_BODY
    for label in (page.notice_title, page.notice_body, page.notice_meta):
        assert label.textFormat() is Qt.TextFormat.PlainText


def test_a_rule_breach_disclosure_notice_names_its_own_clause(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    """Silumart 3.C.2 (publishing a serious rule breach): the demo seller's notice, given here
    to the signed-in shopper, names that narrower clause rather than 3.C as a whole."""
    customer_no = _api(window).get_me().customer_no
    with shop.ctx.sessions() as db:
        breach = db.scalars(select(Notice).where(Notice.clause == "3.C.2")).one()
        me = db.scalars(select(User.id).where(User.customer_no == customer_no)).one()
        breach.user_id = me
        breach_id = str(breach.id)
        db.commit()
    page = _page(qtbot, window)
    _select_notice(page, breach_id)
    assert page.notice_title.text() == "Your store's penalty is published"
    meta = page.notice_meta.text()
    assert "§ 3.C.2" in meta, meta
    assert "rules" in meta
    assert "about your account" in meta
