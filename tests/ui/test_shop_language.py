"""The app in Simplified Chinese shows the shop's text in Chinese: no English from the shop.

The app asks the shop for its interface language (Accept-Language). This test collects every
human-readable text the shop serves in English (descriptions, purposes, policy changes,
notices, decisions, factors, sharing events, names…), opens every page of the app in zh_CN,
and fails if any label or table cell shows one of those English texts.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from server.embedded import RunningShop
from tests.server.test_language import EN, _human, _read, _urls
from tests.support.oauth_login import Api, sign_in
from tests.ui.conftest import sign_in as sign_in_app
from tests.ui.conftest import wait_loaded
from tests.ui.test_all_pages import _cells, _models
from ui.i18n import Translations
from ui.main_window import MainWindow
from ui.pages.base import DataPage
from ui.session import AppSession
from ui.settings import Settings
from ui.tasks import TaskRunner
from ui.widgets.load_state import LoadState

# Two words at least: a one-word value ("Gamer", the provider "Silumart") also appears inside
# technical strings the page shows as they are (a browser's name: "Silumart App 7.1").
TWO_WORDS = 2


def _shop_english(shop: RunningShop) -> set[str]:
    tokens = sign_in(shop.url, "lin.mei", "demo1234")
    api = Api(shop.url + "/v1", str(tokens["access_token"]))
    texts: set[str] = set()
    for url in _urls(shop, api):
        response = _read(api, shop, url, EN)
        if response.headers.get("content-type", "").startswith("application/json"):
            for values in _human(response.json()).values():
                texts.update(v for v in values if len(v.split()) >= TWO_WORDS and v.isascii())
    return texts


@pytest.fixture
def chinese_ui(qapp: QApplication) -> Iterator[None]:
    previous = QLocale()
    translations = Translations(qapp)
    translations.apply("zh_CN")
    yield
    translations.apply("en")
    QLocale.setDefault(previous)


def test_chinese_pages_show_no_english_from_the_shop(
    qtbot: QtBot, shop: RunningShop, chinese_ui: None, runner: TaskRunner, tmp_path: Path
) -> None:
    english = _shop_english(shop)
    assert len(english) > 50
    from tests.client.browser import MemoryKeyring, ScriptedBrowser

    session = AppSession(
        tmp_path / "config",
        runner,
        open_browser=ScriptedBrowser("lin.mei", "demo1234"),
        keyring_backend=MemoryKeyring(),
    )
    try:
        window = MainWindow(session, runner, Settings(tmp_path / "settings.ini"))
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        sign_in_app(qtbot, session, shop)
        view = session.view()
        assert view is not None
        assert view.shop_name == shop.ctx.shop.name_zh
        shown: list[tuple[str, str]] = []
        for page_id, page in window.pages.items():
            window.select_page(page_id)
            if not isinstance(page, DataPage):
                continue
            assert wait_loaded(qtbot, page) is LoadState.CONTENT, (page_id, page.stack.error_text)
            qtbot.wait(300)
            shown += [(page_id, text) for model in _models(page) for text in _cells(model)]
            shown += [(page_id, label.text()) for label in page.findChildren(QLabel)]
        assert len(shown) > 200
        leaks = sorted(
            {f"{page_id}: {text[:120]!r}" for page_id, text in shown for e in english if e in text}
        )
        assert not leaks, "\n".join(leaks[:40])
    finally:
        session.close()
