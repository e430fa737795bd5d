"""Small things a review found, each checked on the real widgets against the real shop."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from server.embedded import RunningShop
from server.models import User
from server.models.incidents import IncidentNotice
from tests.ui.conftest import button, click, wait_loaded
from ui.archive_dialogs.common import PathField, key_filter, sqlite_filter
from ui.i18n import TRANSLATIONS_DIR
from ui.main_window import MainWindow
from ui.pages.incidents import IncidentsPage
from ui.pages.notices import NoticesPage
from ui.pages.overview import OverviewPage
from ui.widgets.load_state import LoadState


def test_mark_as_read_updates_the_unread_count(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    with shop.ctx.sessions() as db:  # both of lin.mei's notices unread
        me = db.scalars(select(User.id).where(User.username == "lin.mei")).one()
        db.execute(
            update(IncidentNotice)
            .where(IncidentNotice.user_id == me)
            .values(read_at=None, unread=1)
        )
        db.commit()
    page = window.pages["incidents"]
    assert isinstance(page, IncidentsPage)
    window.select_page("incidents")
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    assert page.unread_note.text().startswith("⚠ 2 unread security incident notice")
    click(qtbot, button(page, "markIncidentRead"))
    qtbot.waitUntil(lambda: sum(not i.read for i in page.incidents) == 1, timeout=10000)
    assert page.unread_note.isVisible()
    assert page.unread_note.text().startswith("⚠ 1 unread security incident notice")


def test_acknowledging_a_policy_version_updates_the_overview(
    qtbot: QtBot, window: MainWindow
) -> None:
    overview = window.pages["overview"]
    assert isinstance(overview, OverviewPage)
    window.select_page("overview")
    assert wait_loaded(qtbot, overview) is LoadState.CONTENT
    card = overview.cards["policy"]
    assert "new version to acknowledge" in card.detail.text()
    window.select_page("notices")
    notices = window.pages["notices"]
    assert isinstance(notices, NoticesPage)
    wait_loaded(qtbot, notices)
    click(qtbot, notices.ack_button)
    qtbot.waitUntil(lambda: not notices.ack_button.isVisible(), timeout=15000)
    window.select_page("overview")
    qtbot.waitUntil(lambda: card.detail.text() == "acknowledged", timeout=15000)


def test_one_language_is_ticked_at_a_time(qtbot: QtBot, window: MainWindow) -> None:
    group = window.language_group
    assert group.isExclusive()
    actions = group.actions()
    assert [a.data() for a in actions] == ["system", "en", "zh_CN"]
    assert [a.isChecked() for a in actions] == [True, False, False]
    english = actions[1]
    english.trigger()  # as the menu does when the entry is clicked
    assert [a.isChecked() for a in actions] == [False, True, False]
    assert window.settings.language == "en"


def test_shop_words_in_incident_buttons_keep_their_ampersand_and_severity_is_words(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = window.pages["incidents"]
    assert isinstance(page, IncidentsPage)
    window.select_page("incidents")
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    shown = page.incidents[0]
    affected = [a.model_copy(update={"title": "Name & address"}) for a in shown.affected[:1]]
    crafted = shown.model_copy(update={"affected": affected, "severity": "catastrophic"})
    page.show_incident(crafted)  # what the shop sent, with an "&" and a level the app lacks
    only = next(iter(page.affected_buttons.values()))
    assert only.text() == "Name && address — show this data"  # shown as "Name & address"
    assert "catastrophic" not in page.meta.text()
    assert page.meta.text().endswith("severity: Not rated")


def test_file_dialog_filters_are_in_the_ui_language(qapp: QCoreApplication) -> None:
    chinese = QTranslator()
    assert chinese.load(str(TRANSLATIONS_DIR / "app_zh_CN.qm"))
    QCoreApplication.installTranslator(chinese)
    try:
        field = PathField("x")
        assert field._filter.startswith("个人数据档案 (*.zip *.pdarchive.enc)")
        assert key_filter().startswith("密钥文件 (")
        assert "所有文件 (*)" in sqlite_filter()
    finally:
        QCoreApplication.removeTranslator(chinese)
    assert PathField("y")._filter.startswith("Personal-data archives (")
