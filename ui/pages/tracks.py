"""My Tracks: the search and browsing history, its activity over time, and interest tags.

The history is a lazy table: the server filters (text, kind, dates) and pages newest first;
the view asks for the next page only when it scrolls near the end, so a history of a million
records costs no more than the pages actually looked at. Deleting one record, a selection, a
date range or everything asks first; range and everything need a recent sign-in, which
`Page.run` obtains (sign in again, then retry) when the shop answers `reauth_required`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import (
    QItemSelection,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from client.api import new_idempotency_key
from client.i18n import trans_late
from client.limits import TRACK_QUERY
from client.models.account import Personalization
from client.models.tracks import Activity, Bucket, Tag, Track, TrackKind
from ui.errors import user_message
from ui.formats import format_count, format_date, format_datetime, format_percent
from ui.i18n import translate
from ui.models.columns import Column
from ui.models.paged_table import PagedTableModel
from ui.models.proxies import sorted_proxy
from ui.models.record_table import RecordTableModel
from ui.pages.base import DataPage
from ui.pages.tracks_dialogs import DateRangeDialog, DeleteAllDialog, confirm
from ui.session import ActiveView
from ui.tasks import Task, TaskControl
from ui.widgets.activity_chart import ActivityChart
from ui.widgets.limited_text import LimitedText
from ui.widgets.load_state import plain_label
from ui.widgets.optional_date import OptionalDateEdit, day_range
from ui.widgets.steady_line import SteadyLine
from ui.widgets.tables import record_table
from ui.widgets.text_table import TextTableView

PAGE_SIZE = 100
SEARCH_DELAY_MS = 300
SLOW_PAGE_MS = 400  # a next page taking longer says so under the list
MAX_QUERY = TRACK_QUERY.max_length  # the server's limit for `q` (client.limits)

# (bucket, how many days back; None = everything)
BUCKET_CHOICES: list[tuple[Bucket, int | None]] = [("month", None), ("week", 365), ("day", 90)]


def kind_name(kind: str) -> str:
    if kind == "search":
        return translate("TracksPage", "Search")
    if kind == "view":
        return translate("TracksPage", "Product view")
    return kind


def source_name(source: str) -> str:
    names = {
        "browsing": translate("TracksPage", "Your browsing"),
        "search": translate("TracksPage", "Your searches"),
        "orders": translate("TracksPage", "Your orders"),
        "location": translate("TracksPage", "Your location"),
        "partner": translate("TracksPage", "A partner"),
    }
    return names.get(source, source)


TRACK_COLUMNS: list[Column[Track]] = [
    Column[Track](trans_late("Columns", "Time"), lambda t: t.at),
    Column[Track](trans_late("Columns", "Kind"), lambda t: kind_name(t.kind)),
    # A product view names the product (its title); the shop's item id is not shown.
    Column[Track](trans_late("Columns", "Text"), lambda t: t.text),
]

# a day whose local date and time read widest (two-digit day, long month name), for column widths
_WIDEST_DAY = datetime(2026, 9, 28, 23, 58).astimezone()

TAG_COLUMNS: list[Column[Tag]] = [
    Column[Tag](trans_late("Columns", "Tag"), lambda t: t.tag),
    Column[Tag](trans_late("Columns", "Source"), lambda t: source_name(t.source)),
    Column[Tag](
        trans_late("Columns", "Confidence"),
        lambda t: format_percent(t.confidence),
        sort=lambda t: t.confidence,
        align_right=True,
    ),
    Column[Tag](
        trans_late("Columns", "Since"), lambda t: format_date(t.since), sort=lambda t: t.since
    ),
]


@dataclass(frozen=True)
class TrackFilter:
    """What the server is asked for; `start` inclusive, `end` exclusive."""

    q: str | None = None
    kind: TrackKind | None = None
    start: datetime | None = None
    end: datetime | None = None

    @property
    def narrowed(self) -> bool:
        return any(v is not None for v in (self.q, self.kind, self.start, self.end))


@dataclass(frozen=True)
class TracksData:
    personalization: bool
    tags: list[Tag]
    activity: Activity


class TracksPage(DataPage[TracksData]):
    page_id = "tracks"
    icon_name = "tracks"

    def title(self) -> str:
        return self.tr("My Tracks")

    # --- building -----------------------------------------------------------------------------
    def build(self, content: QWidget) -> None:
        self._filter = TrackFilter()
        self._filter_problem = ""
        self._history_error: BaseException | None = None
        self._bucket_choice = BUCKET_CHOICES[0]
        self._activity_task: Task[Activity] | None = None
        self._deleting = False
        # Each page's texts are made on the worker; the table paints them straight from the model.
        self.history_model = PagedTableModel[Track](
            TRACK_COLUMNS, self.context.runner, self, cache_text=True
        )
        self.tags_model = RecordTableModel[Tag](TAG_COLUMNS, self)
        self.tags_proxy = sorted_proxy(self.tags_model, self)

        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.apply_filters)
        # "loading more…" only for a page that takes a while: a quick one (most, while
        # scrolling) changes the line once, when it arrives, not twice.
        self.slow_page_timer = QTimer(self)
        self.slow_page_timer.setSingleShot(True)
        self.slow_page_timer.setInterval(SLOW_PAGE_MS)
        self.slow_page_timer.timeout.connect(self._update_status)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_history(), self.tr("History"))
        self.tabs.addTab(self._build_activity(), self.tr("Activity"))
        self.tabs.addTab(self._build_interests(), self.tr("Interests and personalisation"))
        layout = QVBoxLayout(content)
        layout.setContentsMargins(12, 0, 12, 8)
        layout.addWidget(self.tabs)

        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_search)
        self._apply_permissions()

    def _build_history(self) -> QWidget:
        tab = QWidget()
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(self.tr("Search your history (Ctrl+F)"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName(self.tr("Search history"))
        # The shop's limit with a counter: a long paste is refused, never cut (client.limits).
        self.search_field = LimitedText(self.search_box, TRACK_QUERY)
        self.search_box.textChanged.connect(lambda _text: self.search_timer.start())

        self.kind_box = QComboBox()
        self.kind_box.addItem(self.tr("All records"), None)
        self.kind_box.addItem(self.tr("Searches"), "search")
        self.kind_box.addItem(self.tr("Product views"), "view")
        self.kind_box.setAccessibleName(self.tr("Kind of record"))
        self.kind_box.currentIndexChanged.connect(lambda _i: self.apply_filters())

        self.from_edit = OptionalDateEdit()
        self.from_edit.setAccessibleName(self.tr("From date"))
        self.to_edit = OptionalDateEdit()
        self.to_edit.setAccessibleName(self.tr("To date (inclusive)"))
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(lambda _d: self.search_timer.start())
        self.any_date_button = QPushButton(self.tr("Any date"))
        self.any_date_button.setToolTip(self.tr("Show records of every date"))
        self.any_date_button.clicked.connect(self.clear_dates)

        filters = QHBoxLayout()
        filters.addWidget(self.search_field, 3)
        filters.addWidget(self.kind_box)
        filters.addSpacing(8)
        filters.addWidget(plain_label(self.tr("From:"), wrap=False))
        filters.addWidget(self.from_edit)
        filters.addWidget(plain_label(self.tr("To:"), wrap=False))
        filters.addWidget(self.to_edit)
        filters.addWidget(self.any_date_button)

        self.table = TextTableView()  # paints its plain texts itself: a long history scrolls fast
        self.table.setModel(self.history_model)
        self.table.setAccessibleName(self.tr("Search and browsing history"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # read-only
        self.table.setWordWrap(False)
        # A long history is scrolled a screenful at a time: each frame lays out every visible
        # cell's text again. Skipping OpenType shaping (kerning, ligatures) for scripts that
        # do not need it (Latin, Chinese) makes that ~20 % cheaper; scripts that need shaping
        # (Arabic, Indic, …) are still shaped.
        cell_font = self.table.font()
        cell_font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
        self.table.setFont(cell_font)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(False)  # the server decides the order: newest first
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        rows = self.table.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # uniform rows: O(1) layout
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self._size_history_columns()
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.delete_action = QAction(self.tr("Delete"), self.table)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.history_model.modelReset.connect(self._update_buttons)
        # A load ends with page_loaded or load_failed, each of which updates the line: the
        # end of loading itself needs no second update (one less per page while scrolling).
        self.history_model.loading_changed.connect(self._loading_changed)
        self.history_model.page_loaded.connect(lambda _n: self._update_status())
        self.history_model.load_failed.connect(self._history_failed)

        self.status_label = plain_label(wrap=False)
        self.status_label.setObjectName("historyStatus")
        self.retry_button = QPushButton(self.tr("Try again"))
        self.retry_button.setVisible(False)
        self.retry_button.clicked.connect(self.retry_history)
        self.delete_selected_button = QPushButton(self.tr("Delete selected"))
        self.delete_selected_button.setToolTip(self.tr("Delete the selected records (Delete)"))
        self.delete_selected_button.setObjectName("deleteSelectedTracks")
        self.delete_selected_button.clicked.connect(self.delete_selected)
        self.delete_range_button = QPushButton(self.tr("Delete range…"))
        self.delete_range_button.clicked.connect(self.delete_range)
        self.delete_all_button = QPushButton(self.tr("Delete all…"))
        self.delete_all_button.setObjectName("deleteAllTracks")
        self.delete_all_button.clicked.connect(self.delete_all)

        bottom = QHBoxLayout()
        bottom.addWidget(SteadyLine(self.status_label), 1)  # changes per page: no relayout
        bottom.addWidget(self.retry_button)
        bottom.addWidget(self.delete_selected_button)
        bottom.addWidget(self.delete_range_button)
        bottom.addWidget(self.delete_all_button)

        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        return tab

    def _size_history_columns(self) -> None:
        metrics = self.table.fontMetrics()
        pad = 24
        self.table.setColumnWidth(0, metrics.horizontalAdvance(format_datetime(_WIDEST_DAY)) + pad)
        kinds = [kind_name("search"), kind_name("view"), TRACK_COLUMNS[1].header()]
        self.table.setColumnWidth(1, max(metrics.horizontalAdvance(k) for k in kinds) + pad)

    def _build_activity(self) -> QWidget:
        tab = QWidget()
        self.bucket_box = QComboBox()
        self.bucket_box.addItem(self.tr("By month, whole history"))
        self.bucket_box.addItem(self.tr("By week, last 12 months"))
        self.bucket_box.addItem(self.tr("By day, last 90 days"))
        self.bucket_box.setAccessibleName(self.tr("Chart period"))
        self.bucket_box.currentIndexChanged.connect(self._bucket_changed)
        self.activity_status = plain_label(wrap=False)
        self.activity_retry = QPushButton(self.tr("Try again"))
        self.activity_retry.setVisible(False)
        self.activity_retry.clicked.connect(self.load_activity)
        top = QHBoxLayout()
        top.addWidget(plain_label(self.tr("Searches and product views over time"), wrap=False))
        top.addStretch(1)
        top.addWidget(self.activity_status)
        top.addWidget(self.activity_retry)
        top.addWidget(self.bucket_box)
        self.chart = ActivityChart()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.chart, 1)
        return tab

    def _build_interests(self) -> QWidget:
        tab = QWidget()
        personal = QGroupBox(self.tr("Personalised recommendations"))
        self.personalization_box = QCheckBox(self.tr("Personalised recommendations"))
        self.personalization_box.clicked.connect(self.set_personalization)
        self.personalization_state = plain_label()
        self.personalization_state.setVisible(False)
        explain = plain_label(
            self.tr(
                "When this is on, the shop uses your search and browsing history and your interest "
                "tags to choose the products and offers it shows you. When it is off, you see the "
                "same recommendations as everyone else; your history stays until you delete it."
            )
        )
        personal_layout = QVBoxLayout(personal)
        personal_layout.addWidget(self.personalization_box)
        personal_layout.addWidget(self.personalization_state)
        personal_layout.addWidget(explain)

        tags = QGroupBox(self.tr("Interest tags"))
        tags_explain = plain_label(
            self.tr(
                "The shop infers these tags from what you do and uses them to place you in "
                "\u201ccrowd portraits\u201d: groups of shoppers with similar interests. They are "
                "guesses, not something you told the shop. Removing a tag asks the shop to stop "
                "using it."
            )
        )
        self.tags_table = record_table(self.tr("Interest tags"), self.tags_proxy, sortable=True)
        self.tags_table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        tag_rows = self.tags_table.verticalHeader()
        tag_rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        tag_rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        tag_header = self.tags_table.horizontalHeader()
        tag_header.setStretchLastSection(False)
        tag_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        metrics = self.tags_table.fontMetrics()
        self.tags_table.setColumnWidth(1, metrics.horizontalAdvance("Your browsing") + 40)
        self.tags_table.setColumnWidth(2, metrics.horizontalAdvance("Confidence") + 40)
        self.tags_table.setColumnWidth(3, metrics.horizontalAdvance(format_date(_WIDEST_DAY)) + 40)
        self.tags_table.selectionModel().selectionChanged.connect(
            lambda *_args: self._update_buttons()
        )
        self.tags_status = plain_label(wrap=False)
        self.remove_tag_button = QPushButton(self.tr("Remove tag"))
        self.remove_tag_button.clicked.connect(self.remove_tag)
        tag_buttons = QHBoxLayout()
        tag_buttons.addWidget(self.tags_status, 1)
        tag_buttons.addWidget(self.remove_tag_button)
        tags_layout = QVBoxLayout(tags)
        tags_layout.addWidget(tags_explain)
        tags_layout.addWidget(self.tags_table, 1)
        tags_layout.addLayout(tag_buttons)

        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(personal)
        layout.addWidget(tags, 1)
        return tab

    # --- loading ------------------------------------------------------------------------------
    def set_view(self, view: ActiveView | None) -> None:
        if view != self.view:
            self._clear()
        super().set_view(view)
        self._apply_permissions()

    def _clear(self) -> None:
        """Forget what the previous account's page showed."""
        self.history_model.start(lambda _cursor: ([], None))
        self.tags_model.set_rows([])
        self.chart.set_activity(None)

    def fetch(self, view: ActiveView) -> TracksData:
        api = view.api
        me = api.get_me()
        tags = list(api.list_tags(limit=200).auto_paging_iter())
        bucket, start = self._activity_range()
        activity = api.track_activity(bucket=bucket, start=start)
        return TracksData(me.personalization, tags, activity)

    def present(self, data: TracksData) -> bool:
        self._apply_permissions()
        self._show_personalization(data.personalization)
        self.tags_model.set_rows(data.tags)
        self._show_activity(data.activity)
        self.apply_filters(force=True)
        self._update_buttons()
        return True

    def empty_message(self) -> str:
        return self.tr("No search or browsing records.")

    def _apply_permissions(self) -> None:
        """Agents in assist mode see everything here but change nothing: no such controls."""
        can = self.view is not None and self.view.can_change
        for widget in (
            self.delete_selected_button,
            self.delete_range_button,
            self.delete_all_button,
            self.remove_tag_button,
            self.personalization_box,
        ):
            widget.setVisible(can)
        self.personalization_state.setVisible(not can)
        if can and self.delete_action not in self.table.actions():
            self.table.addAction(self.delete_action)
        elif not can:
            self.table.removeAction(self.delete_action)
        self.delete_action.setEnabled(can)

    @property
    def can_change(self) -> bool:
        return self.view is not None and self.view.can_change

    # --- history ------------------------------------------------------------------------------
    def current_filter(self) -> TrackFilter:
        text = self.search_box.text().strip()
        kind = self.kind_box.currentData()
        start, end = day_range(self.from_edit.value(), self.to_edit.value())
        return TrackFilter(q=text or None, kind=kind, start=start, end=end)

    def apply_filters(self, force: bool = False) -> None:
        """Send the filters to the server (if they changed) and reload the first page."""
        self.search_timer.stop()
        wanted = self.current_filter()
        if wanted.start and wanted.end and wanted.start >= wanted.end:
            self._filter_problem = self.tr("The start date is after the end date.")
            self._update_status()
            return
        self._filter_problem = self.search_field.problem()
        if self._filter_problem:
            self._update_status()
            return
        if wanted == self._filter and not force:
            self._update_status()
            return
        self._filter = wanted
        # A new search keeps the rows shown until its answer is in: offline, they stay.
        self._start_history(keep=True)

    def _start_history(self, keep: bool = False) -> None:
        view = self.view
        if view is None:
            return
        api = view.api
        wanted = self._filter

        def fetch(cursor: str | None) -> tuple[list[Track], str | None]:
            page = api.list_tracks(
                kind=wanted.kind,
                q=wanted.q,
                start=wanted.start,
                end=wanted.end,
                limit=PAGE_SIZE,
                cursor=cursor,
            )
            return page.items, page.next_cursor

        self._history_error = None
        self.history_model.start(fetch, keep_until_loaded=keep)
        self._update_status()

    def retry_history(self) -> None:
        self._history_error = None
        self.history_model.retry()
        self._update_status()

    def _loading_changed(self, busy: bool) -> None:
        if not busy:
            self.slow_page_timer.stop()
        elif self.history_model.rowCount() > 0:
            self.slow_page_timer.start()
        else:
            self._update_status()  # the first page: "Loading…" at once

    def _history_failed(self, error: BaseException) -> None:
        self._history_error = error
        self._update_status()

    def _update_status(self) -> None:
        model = self.history_model
        count = model.rowCount()
        failed = self._history_error is not None
        self.retry_button.setVisible(failed)
        if self.status_label.property("error") != failed:  # a new property restyles the line
            self.status_label.setProperty("error", failed)
        if self._filter_problem:
            text = self._filter_problem
        elif self._history_error is not None and model.stale:
            text = self.tr(
                "Offline: could not search ({0}). Still showing the records loaded before."
            ).format(user_message(self._history_error))
        elif self._history_error is not None:
            text = self.tr("Could not load more: {0}").format(user_message(self._history_error))
        elif model.loading:
            text = (
                self.tr("Loading…")
                if count == 0
                else self.tr("{0} loaded, loading more…").format(format_count(count))
            )
        elif count == 0:
            text = (
                self.tr("No records match these filters.")
                if self._filter.narrowed
                else self.tr("No search or browsing records.")
            )
        elif model.exhausted:
            text = self.tr("{0} loaded (all)").format(format_count(count))
        else:
            text = self.tr("{0} loaded; scroll down for more").format(format_count(count))
        self.status_label.setText(text)
        self._update_buttons()

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def clear_dates(self) -> None:
        self.from_edit.clear_value()
        self.to_edit.clear_value()
        self.apply_filters()

    def selected_tracks(self) -> list[Track]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [
            self.history_model.row_at(row) for row in rows if row < self.history_model.rowCount()
        ]

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = not self._deleting
        has_selection = self.table.selectionModel().hasSelection()
        self.delete_selected_button.setEnabled(idle and has_selection)
        self.delete_action.setEnabled(self.can_change and idle and has_selection)
        self.delete_range_button.setEnabled(idle)
        self.delete_all_button.setEnabled(idle)
        self.remove_tag_button.setEnabled(self.tags_table.selectionModel().hasSelection())
        count = self.tags_model.rowCount()
        self.tags_status.setText(
            self.tr("The shop holds no interest tags for you.")
            if count == 0
            else self.tr("{0} tags").format(count)
        )

    # --- deleting -----------------------------------------------------------------------------
    def delete_selected(self) -> None:
        view = self.view
        tracks = self.selected_tracks()
        if view is None or not view.can_change or not tracks or self._deleting:
            return
        if len(tracks) == 1:
            text = self.tr("Delete this record?")
            shown = tracks[0].text
            informative = (shown[:200] + "…") if len(shown) > 200 else shown
        else:
            text = self.tr("Delete the {0} selected records?").format(len(tracks))
            informative = self.tr("This cannot be undone.")
        if not confirm(self, self.tr("Delete records"), text, self.tr("Delete"), informative):
            return
        ids = [t.id for t in tracks]
        work: Callable[[TaskControl], int]
        if len(ids) == 1:

            def work(_control: TaskControl) -> int:
                view.shop.delete_track(ids[0])
                return 1
        else:
            key = new_idempotency_key()

            def work(_control: TaskControl) -> int:
                return view.shop.delete_tracks(ids=ids, idempotency_key=key)

        self._run_delete(work)

    def delete_range(self) -> None:
        view = self.view
        if view is None or not view.can_change or self._deleting:
            return
        dialog = DateRangeDialog(self)
        first, last = self.from_edit.value(), self.to_edit.value()
        if first and last and first <= last:
            dialog.set_days(first, last)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        first, last = dialog.days()
        if not confirm(
            self,
            self.tr("Delete a date range"),
            self.tr("Delete every record from {0} to {1}?").format(
                format_date(first), format_date(last)
            ),
            self.tr("Delete"),
            self.tr(
                "This deletes all searches and product views of these days, including "
                "those not shown with the current filters. It cannot be undone."
            ),
        ):
            return
        start, end = day_range(first, last)
        if start is None or end is None:
            return
        key = new_idempotency_key()

        def work(_control: TaskControl) -> int:
            return view.shop.delete_tracks(start=start, end=end, idempotency_key=key)

        self._run_delete(work)

    def delete_all(self) -> None:
        view = self.view
        if view is None or not view.can_change or self._deleting:
            return
        activity = self.chart.activity
        hint = ""
        if activity is not None and self._bucket_choice[1] is None:
            total = sum(b.search + b.view for b in activity.buckets)
            hint = self.tr("The shop holds {0} records for you.").format(format_count(total))
        dialog = DeleteAllDialog(hint, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        key = new_idempotency_key()

        def work(_control: TaskControl) -> int:
            return view.shop.delete_tracks(everything=True, idempotency_key=key)

        self._run_delete(work)

    def _run_delete(self, work: Callable[[TaskControl], int]) -> None:
        self._deleting = True
        self._update_buttons()

        def done(count: int) -> None:
            self._deleting = False
            self.context.notify(
                self.tr("1 record deleted")
                if count == 1
                else self.tr("{0} records deleted").format(format_count(count))
            )
            self.table.clearSelection()
            self._start_history()
            self.load_activity()

        def failed(error: BaseException) -> None:
            self._deleting = False
            self._update_buttons()
            self.tell(user_message(error), "error")

        self.run(work, done, failed)

    # --- activity -----------------------------------------------------------------------------
    def _activity_range(self) -> tuple[Bucket, datetime | None]:
        bucket, days = self._bucket_choice
        if days is None:
            return bucket, None
        today = datetime.now().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
        return bucket, today - timedelta(days=days)

    def _bucket_changed(self, position: int) -> None:
        if 0 <= position < len(BUCKET_CHOICES):
            self._bucket_choice = BUCKET_CHOICES[position]
            self.load_activity()

    def load_activity(self) -> None:
        view = self.view
        if view is None:
            return
        if self._activity_task is not None:
            self._activity_task.cancel()
        api = view.api
        bucket, start = self._activity_range()
        self.activity_status.setText(self.tr("Loading…"))
        self.activity_retry.setVisible(False)

        def work(_control: TaskControl) -> Activity:
            return api.track_activity(bucket=bucket, start=start)

        def done(activity: Activity) -> None:
            self._activity_task = None
            self._show_activity(activity)

        def failed(error: BaseException) -> None:
            self._activity_task = None
            self.activity_status.setText(user_message(error))
            self.activity_retry.setVisible(True)

        self._activity_task = self.run(work, done, failed)

    def _show_activity(self, activity: Activity) -> None:
        self.activity_status.setText("")
        self.activity_retry.setVisible(False)
        self.chart.set_activity(activity)

    # --- tags and personalisation -------------------------------------------------------------
    def selected_tag(self) -> Tag | None:
        rows = self.tags_table.selectionModel().selectedRows()
        if not rows:
            return None
        source = self.tags_proxy.mapToSource(rows[0])
        return self.tags_model.row_at(source.row())

    def remove_tag(self) -> None:
        view = self.view
        tag = self.selected_tag()
        if view is None or not view.can_change or tag is None:
            return
        if not confirm(
            self,
            self.tr("Remove interest tag"),
            self.tr("Remove the interest tag \u201c{0}\u201d?").format(tag.tag),
            self.tr("Remove tag"),
            self.tr(
                "The shop will be asked to stop using this tag for your recommendations "
                "and crowd portraits."
            ),
        ):
            return
        self.remove_tag_button.setEnabled(False)

        def work(_control: TaskControl) -> None:
            view.shop.delete_tag(tag.id)

        def done(_result: None) -> None:
            self.tags_model.remove_where(lambda t: t.id == tag.id)
            self._update_buttons()
            self.context.notify(self.tr("Tag \u201c{0}\u201d removed").format(tag.tag))

        def failed(error: BaseException) -> None:
            self._update_buttons()
            self.tell(user_message(error), "error")

        self.run(work, done, failed)

    def set_personalization(self, enabled: bool) -> None:
        view = self.view
        if view is None or not view.can_change:
            return
        self.personalization_box.setEnabled(False)

        def work(_control: TaskControl) -> Personalization:
            return view.shop.set_personalization(enabled)

        def done(result: Personalization) -> None:
            self.personalization_box.setEnabled(True)
            self._show_personalization(result.enabled)
            self.context.notify(
                self.tr("Personalised recommendations are on")
                if result.enabled
                else self.tr("Personalised recommendations are off")
            )

        def failed(error: BaseException) -> None:
            self.personalization_box.setEnabled(True)
            self._show_personalization(not enabled)
            self.tell(user_message(error), "error")

        self.run(work, done, failed)

    def _show_personalization(self, enabled: bool) -> None:
        self.personalization_box.setChecked(enabled)
        self.personalization_state.setText(
            self.tr("Personalised recommendations: on")
            if enabled
            else self.tr("Personalised recommendations: off")
        )
