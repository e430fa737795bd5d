"""The access log in the shopper's words, in both languages, with an assisted session in it:
what each entry looked at comes from the shop in the UI language, the session stands out,
and at 1024×640 nothing on the page clips."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from client.connection import ShopConnection
from server.embedded import RunningShop
from tests.client.browser import MemoryKeyring, ScriptedBrowser
from tests.ui.conftest import sign_in, wait_loaded
from tests.ui.test_no_clipping import _clip_problems
from tests.ui.test_page_access_log import all_loaded, choose, click_row, texts
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.pages.access_log import AccessLogPage
from ui.session import AppSession
from ui.settings import Settings
from ui.tasks import TaskRunner
from ui.widgets.load_state import LoadState

CJK = re.compile(r"[\u4e00-\u9fff]")
REASON = "客户询问退款进度"


@pytest.fixture
def translations(qapp: QApplication) -> Iterator[Translations]:
    translations = Translations(qapp)
    yield translations
    translations.apply("en")
    for translator in list(translations._installed):
        qapp.removeTranslator(translator)
    QLocale.setDefault(QLocale.c())  # as the other tests expect


@pytest.fixture
def agent(shop: RunningShop) -> Iterator[ShopConnection]:
    connection = ShopConnection(
        shop.url,
        open_browser=ScriptedBrowser("agent.wu", "agent1234"),
        keyring_backend=MemoryKeyring(),
        scopes=["privacy.read", "assist"],
    )
    connection.sign_in()
    yield connection
    connection.close()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_log_reads_in_the_ui_language_and_nothing_clips(
    qtbot: QtBot,
    shop: RunningShop,
    app_session: AppSession,
    runner: TaskRunner,
    tmp_path: Path,
    translations: Translations,
    agent: ShopConnection,
    language: str,
) -> None:
    translations.apply(language)
    window = MainWindow(app_session, runner, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.resize(1024, 640)
    window.show()
    sign_in(qtbot, app_session, shop)
    page = window.pages["access-log"]
    assert isinstance(page, AccessLogPage)
    window.select_page("access-log")
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    qtbot.mouseClick(page.create_code_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.code is not None, timeout=15000)
    assert page.code is not None
    session = agent.open_assist_session(page.code.customer_no, page.code.code, REASON)
    list(session.api.list_orders(limit=3).items)
    session.api.get_me()
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.refresh()
    qtbot.waitUntil(lambda: page.chain_result is not None, timeout=20000)
    all_loaded(qtbot, page)
    rows = page.log_rows
    sessions = [
        r
        for r in range(rows.rowCount())
        if rows.is_header(r) and rows.group_at(r).kind == "session"
    ]
    assert len(sessions) == 1
    header = sessions[0]
    zh = language == "zh_CN"
    if zh:
        assert rows.index(header, 1).data() == "客服 吴 Agent Wu · 客服人员"
        assert rows.index(header, 2).data() == "协助会话"
        assert rows.index(header, 3).data().startswith("客服查看了")
        assert "您的订单" in rows.index(header, 3).data()  # the shop's words, in Chinese
        visit = next(r for r in range(rows.rowCount()) if rows.group_at(r).kind == "visit")
        assert rows.index(visit, 1).data() == "本应用（代您读取）"
        assert rows.index(visit, 2).data().startswith("您使用了本应用：读取 ")
        assert page.who_combo.itemText(3) == "客服人员"
    else:
        assert rows.index(header, 3).data().startswith("The agent saw ")
        assert "your orders" in rows.index(header, 3).data()
    assert rows.index(header, 4).data() == REASON
    for text in texts(page, 3):
        assert "/" not in text
        assert "_" not in text
        if zh:
            assert CJK.search(text), text
    # a click on the session folds it, a click on a visit shows its reads; nothing clips
    click_row(qtbot, page, header)
    visit = next(r for r in range(rows.rowCount()) if rows.group_at(r).kind == "visit")
    click_row(qtbot, page, visit)
    assert rows.group_at(visit).expanded
    qtbot.wait(150)
    problems = list(_clip_problems(page))
    assert not problems, problems
    choose(
        qtbot,
        page.who_combo,
        "客服人员" if zh else "Customer service agents",
    )
    assert rows.is_header(0)
    assert rows.group_at(0).kind == "session"
    assert rows.rowCount() == 1 + len(rows.group_at(0).entries)  # shown open, entries below
    qtbot.wait(150)
    assert not list(_clip_problems(page))
    session.close()
