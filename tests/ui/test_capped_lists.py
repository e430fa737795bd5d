"""A list cut at its cap says so: "only the newest N are listed" (r2 #22).

The caps are large (hundreds or thousands); the test lowers them so that the demo shopper's
real decisions and notices at the real shop exceed them, and raises them again.
"""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.conftest import wait_loaded
from ui.main_window import MainWindow
from ui.pages import decisions, notices, requests
from ui.pages.base import DataPage
from ui.widgets.load_state import LoadState


def _load(qtbot: QtBot, window: MainWindow, page_id: str) -> DataPage:
    page = window.pages[page_id]
    assert isinstance(page, DataPage)
    window.select_page(page_id)
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    return page


def _reload(qtbot: QtBot, page: DataPage) -> None:
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.refresh()


@pytest.mark.parametrize(
    ("page_id", "module", "cap_name"),
    [
        ("decisions", decisions, "DECISIONS_CAP"),
        ("notices", notices, "NOTICES_CAP"),
        ("requests", requests, "MAX_REQUESTS_PER_SHOP"),
    ],
)
def test_a_capped_list_says_that_the_shop_holds_more(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    page_id: str,
    module: object,
    cap_name: str,
) -> None:
    if page_id == "requests":  # the demo shopper has filed none yet: three, at the real shop
        view = window.session.view()
        assert view is not None
        for _ in range(3):
            view.shop.create_request("access")
    page = _load(qtbot, window, page_id)
    assert not page.capped_note.isVisible()  # all of them fit: nothing to say

    monkeypatch.setattr(module, cap_name, 2)
    _reload(qtbot, page)
    assert page.capped_note.isVisible()
    assert page.capped_note.text() == "Only the newest 2 are listed here; the shop holds more."

    monkeypatch.setattr(module, cap_name, 10_000)
    _reload(qtbot, page)
    assert not page.capped_note.isVisible()
