"""My data › Logs, the shop's own log of the shopper's visits, reads in words in the UI
language: the page visited is named ("A product page", "搜索“耳机”"), never its path
(`/item/4303014013`, `/search?q=…`), and the browser is named in Chinese in the Chinese UI.

The app names the codes the shop logs (ui/terms/log_words.py); the API and the archive keep
them as logged, which this test checks too, so the words are the app's reading, not a loss.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from client.models.data import LogEntry
from server.embedded import RunningShop
from tests.ui.conftest import sign_in, wait_loaded
from tests.ui.test_internal_names import SITE_PATH
from tests.ui.test_policy_records_ui import click_tab
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.models.columns import RAW_ROLE
from ui.pages.my_data import MyDataPage
from ui.session import AppSession
from ui.settings import Settings
from ui.tasks import TaskRunner
from ui.terms.log_words import browser_text, page_text
from ui.widgets.load_state import LoadState

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_WORDS = re.compile(r"[A-Za-z]{2,}(?:[ '’-]+[a-z]{2,})+")  # "in-app browser", "Home page"


@pytest.fixture
def translations(qapp: QApplication) -> Iterator[Translations]:
    translations = Translations(qapp)
    yield translations
    translations.apply("en")
    for translator in list(translations._installed):
        qapp.removeTranslator(translator)
    QLocale.setDefault(QLocale.c())  # as the other tests expect


def test_paths_and_browsers_in_words_in_both_languages(translations: Translations) -> None:
    cases = {
        ("/", None): ("Home page", "首页"),
        ("/item/4303014013", None): ("A product page", "商品详情页"),
        # the query in its own column: not repeated; else it is quoted from the path
        ("/search?q=蓝牙耳机", "蓝牙耳机"): ("Search results", "搜索结果"),
        ("/search?q=蓝牙耳机", None): ("Search for “蓝牙耳机”", "搜索“蓝牙耳机”"),
        ("/search?q=usb%20cable", None): ("Search for “usb cable”", "搜索“usb cable”"),
        ("/member/addresses/", None): ("Your delivery addresses", "您的收货地址"),
        ("/admin/secret?x=1", None): ("Another page of the shop", "商城的其他页面"),
    }
    browsers = {
        "Chrome 131 (Windows 11)": (
            "Chrome browser 131 (Windows 11)",
            "Chrome 浏览器 131（Windows 11）",
        ),
        "WeChat in-app browser (Android)": (
            "WeChat's in-app browser (Android)",
            "微信内置浏览器（Android）",
        ),
        "Silumart App 8.3 (iOS 18)": ("Silumart app 8.3 (iOS 18)", "Silumart 客户端 8.3（iOS 18）"),
        "curl/8.5": ("curl/8.5", "curl/8.5"),  # the shop's own text, unknown: as logged
    }
    for number, language in enumerate(("en", "zh_CN")):
        translations.apply(language)
        for (page, query), words in cases.items():
            assert page_text(page, query) == words[number]
        for browser, words in browsers.items():
            assert browser_text(browser) == words[number]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_logs_tab_names_pages_and_browsers(
    qtbot: QtBot,
    shop: RunningShop,
    app_session: AppSession,
    runner: TaskRunner,
    tmp_path: Path,
    translations: Translations,
    language: str,
) -> None:
    translations.apply(language)
    window = MainWindow(app_session, runner, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.resize(1024, 640)
    window.show()
    sign_in(qtbot, app_session, shop)
    page = window.pages["my-data"]
    assert isinstance(page, MyDataPage)
    window.select_page("my-data")
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    click_tab(qtbot, page.tabs, page.tabs.tabText(page.tabs.indexOf(page.logs)))
    model = page.log_model
    qtbot.waitUntil(lambda: model.rowCount() >= 40 and not model.loading, timeout=15000)
    table = page.logs.table
    header = [
        str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())
    ]
    page_column = header.index("访问页面" if language == "zh_CN" else "Page visited")
    browser_column = header.index("浏览器" if language == "zh_CN" else "Browser")
    kinds: set[str] = set()
    for row in range(model.rowCount()):
        entry = model.index(row, 0).data(RAW_ROLE)
        assert isinstance(entry, LogEntry)
        assert entry.page.startswith("/")  # the shop's data, as logged: a path
        shown_page = model.index(row, page_column).data()
        shown_browser = model.index(row, browser_column).data()
        assert not SITE_PATH.search(shown_page), shown_page
        assert shown_page != entry.page
        kinds.add(shown_page)
        if language == "zh_CN":
            assert CJK.search(shown_page), shown_page
            assert CJK.search(shown_browser), shown_browser
            assert not ENGLISH_WORDS.search(shown_browser), shown_browser
            assert not ENGLISH_WORDS.search(shown_page), shown_page
    # the demo log has product pages, searches and the shop's fixed pages
    assert ("搜索结果" if language == "zh_CN" else "Search results") in kinds
    assert ("商品详情页" if language == "zh_CN" else "A product page") in kinds
    assert len(kinds) >= 5
    assert not table.isColumnHidden(page_column)
