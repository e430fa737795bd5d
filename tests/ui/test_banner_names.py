"""Screen readers hear what a banner is in words, and the word follows its kind (r2 #19).

A page of a window signed in to the real shop: a result, then the shop unreachable (the
offline banner), then back; the window's own banners are named too.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import click, wait_loaded
from ui.main_window import MainWindow
from ui.pages.overview import OverviewPage
from ui.widgets.banner import Banner

INTERNAL_KINDS = {"warning", "assist", "guardian", "archive", "info", "result", "error", "offline"}


def _heard(banner: Banner) -> set[str]:
    return {banner.accessibleName(), banner.label.accessibleName()}


def test_the_banner_is_named_in_words_that_follow_its_kind(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = window.pages["overview"]
    assert isinstance(page, OverviewPage)
    window.select_page("overview")
    wait_loaded(qtbot, page)
    banner = page.result_banner
    page.context.notify("Tag removed")  # what an action on the page reports
    assert _heard(banner) == {"Result"}

    view = window.session.view()
    assert view is not None
    real_base = view.shop.transport.base_url
    view.shop.transport.base_url = "http://127.0.0.1:9/v1/"  # nothing listens on port 9
    view.shop.transport.max_retries = 0
    click(qtbot, window.toolbar_button(window.refresh_action))
    qtbot.waitUntil(lambda: "cannot be reached" in banner.text, timeout=20000)
    assert _heard(banner) == {"Offline"}  # the same banner, now heard as what it says
    view.shop.transport.base_url = real_base

    for found in window.findChildren(QWidget):
        if isinstance(found, Banner):
            assert not (_heard(found) & INTERNAL_KINDS), found.objectName()
            assert all(_heard(found)), found.objectName()
