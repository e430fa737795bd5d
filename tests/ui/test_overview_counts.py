"""The Overview's recipient and request cards come from `GET /overview`, not from the lists."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from pytestqt.qtbot import QtBot

from client.api import ShopApi
from tests.ui.conftest import wait_loaded
from ui.i18n import TRANSLATIONS_DIR
from ui.main_window import MainWindow
from ui.pages.overview import OverviewPage
from ui.widgets.load_state import LoadState


def test_cards_show_the_shops_counts_without_listing(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = window.session.view()
    assert view is not None
    api = view.shop
    api.create_request("access")

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("the overview listed a whole resource to count it")

    # On the class: every view makes its own ShopApi, so the page's is not this `api`.
    for name in ("list_recipients", "list_requests"):
        monkeypatch.setattr(ShopApi, name, refuse)
    page = window.pages["overview"]
    assert isinstance(page, OverviewPage)
    plurals = QTranslator()  # the app's English plural forms, as the app installs them
    assert plurals.load(str(TRANSLATIONS_DIR / "app_en.qm"))
    QCoreApplication.installTranslator(plurals)
    try:
        window.select_page("overview")
        page.refresh()
        assert wait_loaded(qtbot, page) is LoadState.CONTENT
    finally:
        QCoreApplication.removeTranslator(plurals)
    counts = api.get_overview()
    assert counts.open_requests >= 1
    assert page.cards["recipients"].figure.text() == str(counts.recipients_with_data)
    assert page.cards["requests"].figure.text() == str(counts.open_requests)
    assert page.cards["requests"].detail.text() == (
        f"next due in {counts.next_due_working_days} working days"
    )


def test_decisions_get_their_requests_joined_by_the_shop(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.pages.decisions import DecisionsPage

    view = window.session.view()
    assert view is not None
    api = view.shop
    decision = next(iter(api.list_decisions().auto_paging_iter()))
    filed = api.create_request("explanation", {"decision_id": decision.id}).request

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("the decisions page listed every request to join them")

    monkeypatch.setattr(ShopApi, "list_requests", refuse)  # the page's ShopApi too
    page = window.pages["decisions"]
    assert isinstance(page, DecisionsPage)
    window.select_page("decisions")
    page.refresh()
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    assert page.data.requests[decision.id]["explanation"].id == filed.id
