"""My Tracks page against a real shop: lazy history, server-side filters, every delete, tags,
personalisation, re-authentication, hostile text, assist mode, and a large history."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import QDate, QItemSelectionModel, QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from client.api import ShopApi
from client.models.tracks import Track
from server.demo.tracks import seed_bulk_tracks
from server.embedded import RunningShop
from server.models import Tag as TagRow
from server.models import Track as TrackRow
from server.models import User
from tests.client.api_helpers import api_for
from tests.conftest import SHOPPER
from tests.ui.conftest import type_text, wait_loaded
from ui.formats import format_date
from ui.main_window import MainWindow
from ui.models.columns import RAW_ROLE
from ui.pages.tracks import PAGE_SIZE, TracksPage
from ui.pages.tracks_dialogs import DateRangeDialog, DeleteAllDialog
from ui.widgets.load_state import LoadState
from ui.widgets.optional_date import day_range

HOSTILE = "<b>bold</b><img src=x> مرحبا 😀 " + "x" * 3000


# --- helpers ----------------------------------------------------------------------------------
@pytest.fixture
def shop_api(shop: RunningShop) -> ShopApi:
    return api_for(shop, *SHOPPER)


def user_id(shop: RunningShop, username: str = SHOPPER[0]) -> int:
    with shop.ctx.sessions() as db:
        return int(db.scalars(select(User.id).where(User.username == username)).one())


def server_count(shop: RunningShop) -> int:
    uid = user_id(shop)
    with shop.ctx.sessions() as db:
        return int(db.scalar(select(func.count()).where(TrackRow.user_id == uid)) or 0)


def open_tracks(qtbot: QtBot, window: MainWindow) -> TracksPage:
    page = window.pages["tracks"]
    assert isinstance(page, TracksPage)
    window.select_page("tracks")
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    wait_history(qtbot, page)
    return page


def wait_history(qtbot: QtBot, page: TracksPage, timeout: int = 15000) -> None:
    qtbot.waitUntil(
        lambda: not page.search_timer.isActive() and not page.history_model.loading, timeout=timeout
    )


def load_all(qtbot: QtBot, page: TracksPage) -> list[Track]:
    model = page.history_model
    while model.canFetchMore():
        model.fetchMore()
        wait_history(qtbot, page)
    return model.rows


def ids(tracks: list[Track]) -> list[str]:
    return [t.id for t in tracks]


def status_message(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


_SCRIPTS: list[DialogScript] = []


@pytest.fixture(autouse=True)
def _stop_dialog_scripts() -> Any:
    yield
    while _SCRIPTS:
        _SCRIPTS.pop().stop()


class DialogScript:
    """Answers the next modal dialogs in order: each handler gets the active modal widget."""

    def __init__(self) -> None:
        _SCRIPTS.append(self)
        self.handlers: list[Callable[[QWidget], Any]] = []
        self.seen: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._poll)

    def expect(self, *handlers: Callable[[QWidget], Any]) -> DialogScript:
        self.handlers.extend(handlers)
        self.timer.start()
        return self

    def stop(self) -> None:
        self.timer.stop()
        self.handlers.clear()

    @property
    def done(self) -> bool:
        return not self.handlers

    def _poll(self) -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or not self.handlers or not widget.isVisible():
            return
        if self.handlers[0](widget) is False:
            return
        self.seen.append(type(widget).__name__)
        self.handlers.pop(0)
        if not self.handlers:
            self.timer.stop()


def press_destructive(texts: list[str] | None = None) -> Callable[[QWidget], Any]:
    def handle(widget: QWidget) -> Any:
        if not isinstance(widget, QMessageBox):
            return False
        assert widget.textFormat() == Qt.TextFormat.PlainText
        if texts is not None:
            texts.extend(label.text() for label in widget.findChildren(QLabel))
            for label in widget.findChildren(QLabel):
                if "<b>" in label.text():
                    assert label.textFormat() == Qt.TextFormat.PlainText
        button = next(
            b
            for b in widget.buttons()
            if widget.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
        )
        button.click()
        return True

    return handle


def cancel_box(widget: QWidget) -> Any:
    if not isinstance(widget, QMessageBox):
        return False
    widget.reject()
    return True


def select_rows(page: TracksPage, rows: list[int]) -> None:
    selection = page.table.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        selection.select(page.history_model.index(row, 0), flags)


# --- loading and filters ----------------------------------------------------------------------
def test_history_loads_lazily_as_the_view_scrolls(
    qtbot: QtBot, window: MainWindow, shop: RunningShop, shop_api: ShopApi
) -> None:
    page = open_tracks(qtbot, window)
    model = page.history_model
    assert model.rowCount() == PAGE_SIZE == 100
    assert server_count(shop) == 400
    assert model.canFetchMore()
    assert page.status_label.text() == "100 loaded; scroll down for more"
    assert ids(model.rows) == ids(shop_api.list_tracks(limit=100).items)
    # the view asks for the next page when scrolled to the end
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 200, timeout=10000)
    wait_history(qtbot, page)
    everything = load_all(qtbot, page)
    assert ids(everything) == ids(list(shop_api.list_tracks(limit=500).auto_paging_iter()))
    assert not model.canFetchMore()
    assert page.status_label.text() == "400 loaded (all)"
    assert model.data(model.index(0, 1)) in {"Search", "Product view"}
    assert model.data(model.index(0, 2), RAW_ROLE) is everything[0]


def test_search_text_is_debounced_and_sent_to_the_server(
    qtbot: QtBot, window: MainWindow, shop_api: ShopApi
) -> None:
    page = open_tracks(qtbot, window)
    texts = [t.text for t in shop_api.list_tracks(limit=500).auto_paging_iter()]
    chinese = next(m.group(0) for t in texts if (m := re.search(r"[\u4e00-\u9fff]{2}", t)))
    english = next(m.group(0) for t in texts if (m := re.search(r"[A-Za-z]{5,}", t)))

    for query, typed in ((english, True), (chinese, False)):
        page.search_box.clear()
        if typed:
            qtbot.keyClicks(page.search_box, query)
        else:
            type_text(qtbot, page.search_box, query)  # as an input method commits Chinese
        # nothing is sent while the user is still typing
        assert page.search_timer.isActive()
        assert page._filter.q != query
        qtbot.waitUntil(lambda: page._filter.q == query, timeout=3000)  # noqa: B023
        wait_history(qtbot, page)
        shown = load_all(qtbot, page)
        expected = list(shop_api.list_tracks(q=query, limit=500).auto_paging_iter())
        assert expected
        assert ids(shown) == ids(expected)
        assert all(query.lower() in t.text.lower() for t in shown)

    page.search_box.setText("zzqx-no-such-text")
    qtbot.waitUntil(lambda: page._filter.q == "zzqx-no-such-text", timeout=3000)
    wait_history(qtbot, page)
    assert page.history_model.rowCount() == 0
    assert page.status_label.text() == "No records match these filters."


def test_kind_and_date_filters_go_to_the_server(
    qtbot: QtBot, window: MainWindow, shop_api: ShopApi
) -> None:
    page = open_tracks(qtbot, window)
    page.kind_box.setCurrentIndex(page.kind_box.findData("search"))
    wait_history(qtbot, page)
    searches = load_all(qtbot, page)
    assert ids(searches) == ids(
        list(shop_api.list_tracks(kind="search", limit=500).auto_paging_iter())
    )
    assert {t.kind for t in searches} == {"search"}

    page.kind_box.setCurrentIndex(page.kind_box.findData(None))
    every = list(shop_api.list_tracks(limit=500).auto_paging_iter())
    first = every[120].at.astimezone().date()
    last = every[30].at.astimezone().date()
    page.from_edit.set_value(first)
    page.to_edit.set_value(last)
    qtbot.waitUntil(
        lambda: page._filter.start is not None and page._filter.end is not None, timeout=3000
    )
    wait_history(qtbot, page)
    shown = load_all(qtbot, page)
    start, end = day_range(first, last)
    expected = list(shop_api.list_tracks(start=start, end=end, limit=500).auto_paging_iter())
    assert 30 < len(expected) < 400
    assert ids(shown) == ids(expected)

    # a start after the end is caught before asking the server
    page.from_edit.set_value(last + timedelta(days=2))
    qtbot.waitUntil(lambda: "after the end" in page.status_label.text(), timeout=3000)

    qtbot.mouseClick(page.any_date_button, Qt.MouseButton.LeftButton)
    wait_history(qtbot, page)
    assert page.from_edit.value() is None
    assert page.to_edit.value() is None
    assert page.from_edit.text() == "any date"
    assert page._filter.start is None
    assert page.history_model.rowCount() == 100


def test_ctrl_f_focuses_the_search_box(qtbot: QtBot, window: MainWindow) -> None:
    page = open_tracks(qtbot, window)
    page.tabs.setCurrentIndex(2)
    page.tags_table.setFocus()
    qtbot.keyClick(page.tags_table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.tabs.currentIndex() == 0
    assert page.search_box.hasFocus()


def test_history_error_then_retry(qtbot: QtBot, window: MainWindow) -> None:
    page = open_tracks(qtbot, window)
    view = window.session.view()
    assert view is not None
    real_base = view.shop.transport.base_url
    view.shop.transport.base_url = "http://127.0.0.1:9/v1/"  # nothing listens on port 9
    view.shop.transport.max_retries = 0
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.retry_button.isVisible(), timeout=10000)
    assert "cannot be reached" in page.status_label.text()
    assert page.history_model.rowCount() == 100
    view.shop.transport.base_url = real_base
    # a request the view started before the address was restored may still fail
    qtbot.waitUntil(lambda: not page.history_model.loading, timeout=10000)
    if page.retry_button.isVisible():
        qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.history_model.rowCount() == 200, timeout=10000)
    assert not page.retry_button.isVisible()


def test_an_offline_search_keeps_the_list(
    qtbot: QtBot, window: MainWindow, shop_api: ShopApi
) -> None:
    page = open_tracks(qtbot, window)
    texts = [t.text for t in shop_api.list_tracks(limit=500).auto_paging_iter()]
    query = next(m.group(0) for t in texts if (m := re.search(r"[A-Za-z]{5,}", t)))
    shown = ids(page.history_model.rows)
    assert len(shown) == 100
    view = window.session.view()
    assert view is not None
    real_base = view.shop.transport.base_url
    view.shop.transport.base_url = "http://127.0.0.1:9/v1/"  # nothing listens on port 9
    view.shop.transport.max_retries = 0
    type_text(qtbot, page.search_box, query)
    qtbot.waitUntil(lambda: page.retry_button.isVisible(), timeout=15000)
    # the list is not emptied: what was loaded stays, and the page says it is offline
    assert ids(page.history_model.rows) == shown
    assert page.status_label.text().startswith("Offline: could not search")
    view.shop.transport.base_url = real_base
    qtbot.waitUntil(lambda: not page.history_model.loading, timeout=10000)
    qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)
    wait_history(qtbot, page)
    qtbot.waitUntil(lambda: not page.history_model.stale, timeout=10000)
    assert page.history_model.rowCount() > 0
    assert all(query.lower() in track.text.lower() for track in page.history_model.rows)
    assert ids(page.history_model.rows) != shown


def test_a_too_long_search_is_refused_not_cut(qtbot: QtBot, window: MainWindow) -> None:
    page = open_tracks(qtbot, window)
    before = page._filter
    page.search_box.setText("x" * 201)  # as pasted
    assert page.search_box.text() == "x" * 201  # nothing cut
    qtbot.waitUntil(lambda: not page.search_timer.isActive(), timeout=3000)
    assert page._filter == before  # nothing was sent
    assert "at most 200" in page.status_label.text()
    assert page.search_field.error.isVisible()
    page.search_box.setText("x" * 200)
    qtbot.waitUntil(lambda: page._filter.q == "x" * 200, timeout=3000)


# --- deleting ---------------------------------------------------------------------------------
def test_delete_one_with_the_delete_key(
    qtbot: QtBot, window: MainWindow, shop: RunningShop, shop_api: ShopApi
) -> None:
    page = open_tracks(qtbot, window)
    target = page.history_model.row_at(1)
    select_rows(page, [1])
    page.table.setFocus()
    # cancelling deletes nothing
    script = DialogScript().expect(cancel_box)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: script.done, timeout=5000)
    assert server_count(shop) == 400

    texts: list[str] = []
    script = DialogScript().expect(press_destructive(texts))
    window.activateWindow()  # the offscreen platform does not give it back after a dialog
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: script.done, timeout=5000)
    assert target.text in texts
    qtbot.waitUntil(lambda: status_message(window) == "1 record deleted", timeout=10000)
    wait_history(qtbot, page)
    assert server_count(shop) == 399
    assert target.id not in ids(list(shop_api.list_tracks(limit=500).auto_paging_iter()))
    assert target.id not in ids(page.history_model.rows)
    assert page.history_model.rowCount() == 100  # reloaded from the first page


def test_delete_a_selection_in_one_request(
    qtbot: QtBot, window: MainWindow, shop: RunningShop, shop_api: ShopApi
) -> None:
    page = open_tracks(qtbot, window)
    assert not page.delete_selected_button.isEnabled()
    select_rows(page, [0, 2, 3, 7, 50])
    chosen = ids(page.selected_tracks())
    assert len(chosen) == 5
    assert page.delete_selected_button.isEnabled()
    calls: list[object] = []
    view = page.view
    assert view is not None
    original = view.shop.delete_tracks

    def spy(**kwargs: Any) -> int:
        calls.append(kwargs)
        return original(**kwargs)

    view.shop.delete_tracks = spy  # type: ignore[method-assign]
    texts: list[str] = []
    script = DialogScript().expect(press_destructive(texts))
    qtbot.mouseClick(page.delete_selected_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: status_message(window) == "5 records deleted", timeout=10000)
    assert script.done
    assert "Delete the 5 selected records?" in texts
    assert page.result_banner is not None  # the result stays on the page until dismissed
    assert page.result_banner.text == "5 records deleted"
    assert len(calls) == 1
    assert sorted(calls[0]["ids"]) == sorted(chosen)  # type: ignore[index]
    assert server_count(shop) == 395
    remaining = set(ids(list(shop_api.list_tracks(limit=500).auto_paging_iter())))
    assert remaining.isdisjoint(chosen)


def test_delete_a_date_range(
    qtbot: QtBot, window: MainWindow, shop: RunningShop, shop_api: ShopApi
) -> None:
    page = open_tracks(qtbot, window)
    every = list(shop_api.list_tracks(limit=500).auto_paging_iter())
    first = every[80].at.astimezone().date()
    last = every[20].at.astimezone().date()
    start, end = day_range(first, last)
    doomed = ids(list(shop_api.list_tracks(start=start, end=end, limit=500).auto_paging_iter()))
    assert len(doomed) > 20

    def fill_range(widget: QWidget) -> Any:
        if not isinstance(widget, DateRangeDialog):
            return False
        widget.last.setDate(QDate(first.year, first.month, first.day).addDays(-1))
        widget.first.setDate(QDate(first.year, first.month, first.day))
        assert not widget.ok.isEnabled()  # the first day after the last day
        widget.set_days(first, last)
        assert widget.ok.isEnabled()
        widget.ok.click()
        return True

    texts: list[str] = []
    script = DialogScript().expect(fill_range, press_destructive(texts))
    qtbot.mouseClick(page.delete_range_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: script.done, timeout=5000)
    assert f"Delete every record from {format_date(first)} to {format_date(last)}?" in texts
    qtbot.waitUntil(
        lambda: status_message(window) == f"{len(doomed)} records deleted", timeout=10000
    )
    assert server_count(shop) == 400 - len(doomed)
    assert shop_api.list_tracks(start=start, end=end).items == []


def test_delete_all_signs_in_again_when_the_sign_in_is_old(
    qtbot: QtBot, window: MainWindow, shop: RunningShop, shop_api: ShopApi
) -> None:
    page = open_tracks(qtbot, window)
    browser = window.session.open_browser
    opened_before = len(browser.opened)  # type: ignore[attr-defined]
    shop.ctx.clock.offset += timedelta(minutes=6)  # the sign-in is now older than 5 minutes

    def strong_confirm(widget: QWidget) -> Any:
        if not isinstance(widget, DeleteAllDialog):
            return False
        assert not widget.delete_button.isEnabled()  # nothing happens without the tick
        widget.understood.setChecked(True)
        assert widget.delete_button.isEnabled()
        widget.delete_button.click()
        return True

    script = DialogScript().expect(strong_confirm)
    qtbot.mouseClick(page.delete_all_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: script.done, timeout=5000)
    # the shop answers reauth_required; the app signs in again and retries the deletion
    qtbot.waitUntil(lambda: status_message(window) == "400 records deleted", timeout=20000)
    assert len(browser.opened) == opened_before + 1  # type: ignore[attr-defined]
    assert server_count(shop) == 0
    assert shop_api.list_tracks().items == []
    wait_history(qtbot, page)
    assert page.history_model.rowCount() == 0
    assert page.status_label.text() == "No search or browsing records."
    qtbot.waitUntil(lambda: page.chart.is_empty, timeout=10000)


def test_delete_all_cancelled_deletes_nothing(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    page = open_tracks(qtbot, window)

    def cancel(widget: QWidget) -> Any:
        if not isinstance(widget, DeleteAllDialog):
            return False
        widget.reject()
        return True

    script = DialogScript().expect(cancel)
    qtbot.mouseClick(page.delete_all_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: script.done, timeout=5000)
    assert server_count(shop) == 400


# --- activity, tags, personalisation ----------------------------------------------------------
def test_activity_chart_matches_the_server(
    qtbot: QtBot, window: MainWindow, shop_api: ShopApi
) -> None:
    page = open_tracks(qtbot, window)
    page.tabs.setCurrentIndex(1)
    activity = page.chart.activity
    assert activity is not None
    assert activity.bucket == "month"
    assert sum(b.search + b.view for b in activity.buckets) == 400
    assert page.chart.searches.count() == len(activity.buckets)
    total_searches = sum(b.search for b in activity.buckets)
    assert page.chart.summary.text() == (
        f"{total_searches} searches and {400 - total_searches} product views in this period."
    )
    for position, bucket in ((1, "week"), (2, "day")):
        page.bucket_box.setCurrentIndex(position)
        qtbot.waitUntil(
            lambda: page.chart.activity is not None and page.chart.activity.bucket == bucket,  # noqa: B023
            timeout=10000,
        )
        assert not page.chart.is_empty
    expected = shop_api.track_activity(bucket="day", start=page._activity_range()[1])
    assert page.chart.activity == expected


def test_remove_an_interest_tag(qtbot: QtBot, window: MainWindow, shop_api: ShopApi) -> None:
    page = open_tracks(qtbot, window)
    page.tabs.setCurrentIndex(2)
    tags = list(shop_api.list_tags().auto_paging_iter())
    assert page.tags_model.rowCount() == len(tags) > 0
    assert not page.remove_tag_button.isEnabled()
    page.tags_table.selectRow(0)
    tag = page.selected_tag()
    assert tag is not None
    texts: list[str] = []
    script = DialogScript().expect(press_destructive(texts))
    qtbot.mouseClick(page.remove_tag_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: script.done, timeout=5000)
    assert f"Remove the interest tag \u201c{tag.tag}\u201d?" in texts
    qtbot.waitUntil(lambda: page.tags_model.rowCount() == len(tags) - 1, timeout=10000)
    assert tag.id not in {t.id for t in shop_api.list_tags().auto_paging_iter()}
    assert status_message(window) == f"Tag \u201c{tag.tag}\u201d removed"


def test_personalisation_switch(qtbot: QtBot, window: MainWindow, shop_api: ShopApi) -> None:
    page = open_tracks(qtbot, window)
    page.tabs.setCurrentIndex(2)
    box = page.personalization_box
    initial = shop_api.get_me().personalization
    assert box.isChecked() == initial
    for expected in (not initial, initial):
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
        qtbot.waitUntil(lambda: box.isEnabled(), timeout=10000)
        assert box.isChecked() == expected
        assert shop_api.get_me().personalization == expected
    assert status_message(window).startswith("Personalised recommendations are")


def test_models_pass_the_model_tester(qtbot: QtBot, window: MainWindow, qtmodeltester: Any) -> None:
    page = open_tracks(qtbot, window)
    qtmodeltester.check(page.history_model)
    qtmodeltester.check(page.tags_model)
    qtmodeltester.check(page.tags_proxy)
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.history_model.rowCount() == 200, timeout=10000)
    qtmodeltester.check(page.history_model)


def test_hostile_text_is_shown_literally(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    uid = user_id(shop)
    with shop.ctx.sessions() as db:
        db.add(
            TrackRow(
                user_id=uid,
                kind="search",
                text=HOSTILE,
                item_ref="<i>x</i>",
                at=shop.ctx.clock.now(),
            )
        )
        db.add(
            TagRow(
                user_id=uid,
                tag="<b>tag</b> مرحبا 😀",
                source="<script>",
                confidence=0.99,
                since=shop.ctx.clock.now(),
            )
        )
        db.commit()
    page = open_tracks(qtbot, window)
    model = page.history_model
    assert model.data(model.index(0, 2)) == HOSTILE
    assert model.columnCount() == 3  # the product by name; its item id is not on screen
    assert all(
        "<i>x</i>" not in str(model.data(model.index(0, c))) for c in range(model.columnCount())
    )
    page.search_box.setText("مرحبا 😀")
    qtbot.waitUntil(lambda: page._filter.q == "مرحبا 😀", timeout=3000)
    wait_history(qtbot, page)
    assert [model.data(model.index(r, 2)) for r in range(model.rowCount())] == [HOSTILE]
    tags = page.tags_model
    shown = {tags.data(tags.index(r, 0)) for r in range(tags.rowCount())}
    assert "<b>tag</b> مرحبا 😀" in shown
    # the confirmation quotes the text as plain text
    select_rows(page, [0])
    texts: list[str] = []
    script = DialogScript().expect(cancel_box)
    original = cancel_box

    def look_then_cancel(widget: QWidget) -> Any:
        if not isinstance(widget, QMessageBox):
            return False
        for label in widget.findChildren(QLabel):
            texts.append(label.text())
            if "<b>" in label.text():
                assert label.textFormat() == Qt.TextFormat.PlainText
        return original(widget)

    script.handlers[0] = look_then_cancel
    qtbot.mouseClick(page.delete_selected_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: script.done, timeout=5000)
    assert any(t.startswith("<b>bold</b><img src=x>") for t in texts)


def test_assist_mode_shows_everything_but_changes_nothing(qtbot: QtBot, window: MainWindow) -> None:
    page = open_tracks(qtbot, window)
    view = window.session.view()
    assert view is not None
    # The page only looks at `view.can_change`; an assist view is one with an assist session.
    assisted = replace(view, assist=object())  # type: ignore[arg-type]
    assert not assisted.can_change
    page.set_view(assisted)
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    wait_history(qtbot, page)
    for widget in (
        page.delete_selected_button,
        page.delete_range_button,
        page.delete_all_button,
        page.remove_tag_button,
        page.personalization_box,
    ):
        assert widget.isHidden()
    assert page.delete_action not in page.table.actions()
    assert page.history_model.rowCount() == 100
    assert page.table.isVisible()
    page.tabs.setCurrentIndex(2)
    assert page.tags_table.isVisible()
    assert page.tags_model.rowCount() > 0
    assert page.personalization_state.isVisible()
    assert page.personalization_state.text().startswith("Personalised recommendations: ")
    page.tabs.setCurrentIndex(0)
    select_rows(page, [0])
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)  # no dialog, no deletion
    assert QApplication.activeModalWidget() is None
    page.set_view(view)
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    assert not page.delete_all_button.isHidden()
    assert page.delete_action in page.table.actions()


# --- a large history --------------------------------------------------------------------------
def test_large_history_holds_only_fetched_pages(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    seed_bulk_tracks(
        shop.ctx.engine,
        user_id(shop),
        20_000,
        seed=1,
        anchor=shop.ctx.clock.now() - timedelta(hours=1),
    )
    assert server_count(shop) == 20_400
    page = open_tracks(qtbot, window)
    model = page.history_model
    assert model.rowCount() == 100
    header = page.table.horizontalHeader()
    assert all(
        header.sectionResizeMode(c) != header.ResizeMode.ResizeToContents
        for c in range(model.columnCount())
    )
    assert page.table.verticalHeader().sectionResizeMode(0) == header.ResizeMode.Fixed
    for round_ in range(1, 4):
        began = time.monotonic()
        page.table.scrollToBottom()
        # Reaching the end asks for the next page at once, on a worker: the page is fetched in
        # the background (asked before events run: a quick shop may answer within them).
        assert model.loading
        QApplication.processEvents()
        assert time.monotonic() - began < 0.5
        qtbot.waitUntil(
            lambda: model.rowCount() == 100 * (round_ + 1),  # noqa: B023
            timeout=10000,
        )
        wait_history(qtbot, page)
    assert model.rowCount() == 400
    assert model.canFetchMore()
    assert page.status_label.text() == "400 loaded; scroll down for more"


def test_the_line_says_loading_more_only_for_a_slow_page(
    qtbot: QtBot, window: MainWindow, shop: RunningShop, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_bulk_tracks(
        shop.ctx.engine,
        user_id(shop),
        500,
        seed=2,
        anchor=shop.ctx.clock.now() - timedelta(hours=1),
    )
    page = open_tracks(qtbot, window)
    shown: list[str] = []
    set_text = page.status_label.setText

    def record(text: str) -> None:
        shown.append(text)
        set_text(text)

    monkeypatch.setattr(page.status_label, "setText", record)
    page.table.scrollToBottom()  # a quick page: the line changes once, when it is in
    qtbot.waitUntil(lambda: page.history_model.rowCount() == 2 * PAGE_SIZE, timeout=10000)
    wait_history(qtbot, page)
    assert shown == ["200 loaded; scroll down for more"]
    # A slow page (the shop's real answer, 1 s late) says it is coming.
    view = page.view
    assert view is not None
    list_tracks = view.api.list_tracks

    def slow(**kwargs: Any) -> Any:
        time.sleep(1.0)
        return list_tracks(**kwargs)

    monkeypatch.setattr(view.api, "list_tracks", slow)
    shown.clear()
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: "200 loaded, loading more…" in shown, timeout=5000)
    qtbot.waitUntil(lambda: page.history_model.rowCount() == 3 * PAGE_SIZE, timeout=10000)
    wait_history(qtbot, page)
    assert shown == ["200 loaded, loading more…", "300 loaded; scroll down for more"]
