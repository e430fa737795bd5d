"""A lazily paged table whose cells live in Qt (C++), for long lists that are scrolled fast.

`PagedTableModel` answers every cell from Python: a view asks each visible cell for seven roles
on every paint, so one full repaint of a 1280×820 table is ~700 Python calls (~2 ms of the UI
thread's ~5 ms), each of which must also win the interpreter lock back from a worker thread that
is parsing the next page. Here the worker thread makes each page's cell texts (plain strings,
never markup) and the UI thread stores them in the model's C++ items, once per page; painting then
asks C++ items and runs no Python at all, so it neither pays those calls nor waits for the lock.
The records themselves stay in a Python list beside the items (`row_at`, `rows`).

PySide6 6.12 on Python 3.11 loses a reference to `None`/`True` per void call or emit, which
aborted earlier trials of this after some thousand rows: see `ui.pyside_fixes`.

The paging protocol is `PagedTableModel`'s: `fetch(cursor)` runs on a worker thread and returns
`(items, next_cursor)`; the view asks `canFetchMore`/`fetchMore` near the end; one page in flight
at a time; a new `start` drops any late answer. For tables whose columns are pure functions of
the row (their texts are made once, off the UI thread), not sortable by the view.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel

from ui.models.columns import RAW_ROLE, Column
from ui.models.paged_table import Fetcher
from ui.tasks import TaskControl, TaskRunner

R = TypeVar("R")

Index = QModelIndex | QPersistentModelIndex
Texts = list[tuple[str, ...]]

_RAW = int(RAW_ROLE)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
# Shown and selectable, never editable, dragged or dropped on (QStandardItem's default allows all).
_FLAGS = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled


class PagedTextModel(QStandardItemModel, Generic[R]):
    """Rows are records, shown through `columns`; cells are Qt items made on the worker."""

    loading_changed = Signal(bool)
    load_failed = Signal(object)  # the exception
    page_loaded = Signal(int)  # rows now loaded

    def __init__(
        self, columns: Sequence[Column[R]], runner: TaskRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(0, len(columns), parent)
        prototype = QStandardItem()
        prototype.setFlags(_FLAGS)
        self.setItemPrototype(prototype)  # the model owns it from here
        self.columns = list(columns)
        self._runner = runner
        self._rows: list[R] = []
        self._fetch: Fetcher[R] | None = None
        self._cursor: str | None = None
        self._exhausted = True
        self._in_flight: Any = None
        self._generation = 0
        self._failed = False  # after an error, wait for retry() instead of re-asking on scroll
        self._replace_on_next = False  # old rows stay shown until the new first page arrives

    # --- rows -----------------------------------------------------------------------------
    def row_texts(self, row: R) -> tuple[str, ...]:
        """The cells' display texts (pure: made on the worker thread)."""
        return tuple(column.display(row) for column in self.columns)

    def _fill(self, first: int, rows: Sequence[R], texts: Sequence[tuple[str, ...]]) -> None:
        """Give the empty rows from `first` on their cells (signals blocked by the caller).

        The model makes each item in C++ from its prototype (read-only flags): no Python
        wrapper per cell stays alive (appendRow's items would: four objects per row for the
        collector to walk, a million rows deep).
        """
        index, set_item_data = self.index, self.setItemData
        for position, (record, cells) in enumerate(zip(rows, texts, strict=True), first):
            for column, text in enumerate(cells):
                # RAW_ROLE: the record, as RecordTableModel answers it
                set_item_data(index(position, column), {_DISPLAY: text, _RAW: record})

    def set_rows(self, rows: Sequence[R], texts: Sequence[tuple[str, ...]] | None = None) -> None:
        """Replace every row (one model reset; views keep no stale index)."""
        if texts is None:
            texts = [self.row_texts(row) for row in rows]
        self.beginResetModel()
        # Inside the reset the views listen to nothing but its end: the per-row signals the
        # item model sends while it is refilled are not for them.
        blocked = self.blockSignals(True)
        try:
            self.setRowCount(0)
            self.insertRows(0, len(rows))
            self._fill(0, rows, texts)
            self._rows = list(rows)
        finally:
            self.blockSignals(blocked)
        self.endResetModel()

    def append_rows(
        self, rows: Sequence[R], texts: Sequence[tuple[str, ...]] | None = None
    ) -> None:
        """Add rows at the end; `texts` are their `row_texts`, when made already."""
        if not rows:
            return
        if texts is None:
            texts = [self.row_texts(row) for row in rows]
        first = self.rowCount()
        self._rows.extend(rows)
        self.insertRows(first, len(rows))  # one rowsInserted for the page
        # The new rows' cells are filled quietly, then announced in one dataChanged.
        blocked = self.blockSignals(True)
        try:
            self._fill(first, rows, texts)
        finally:
            self.blockSignals(blocked)
        last = first + len(rows) - 1
        self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.columns) - 1), [])

    def row_at(self, row: int) -> R:
        return self._rows[row]

    @property
    def rows(self) -> list[R]:
        return list(self._rows)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        # Translated when asked (the language can change); the header is not repainted while
        # the rows scroll, so this is not on the scrolling path.
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].header()
        return super().headerData(section, orientation, role)

    # --- paging ---------------------------------------------------------------------------
    def start(self, fetch: Fetcher[R], *, keep_until_loaded: bool = False) -> None:
        """Forget what was loaded and load the first page with `fetch`.

        `keep_until_loaded`: the rows shown stay until the first page arrives, and stay when
        it cannot be loaded (offline: what was loaded is kept, never emptied; see `stale`).
        """
        self._generation += 1
        if self._in_flight is not None:
            self._in_flight.cancel()
            self._in_flight = None
        self._fetch = fetch
        self._cursor = None
        self._exhausted = False
        self._failed = False
        self._replace_on_next = keep_until_loaded
        if not keep_until_loaded:
            self.set_rows([])
        self._load_next()

    @property
    def stale(self) -> bool:
        """The rows shown are from before the last `start` (its first page is not in yet)."""
        return self._replace_on_next

    @property
    def loading(self) -> bool:
        return self._in_flight is not None

    @property
    def exhausted(self) -> bool:
        return self._exhausted

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return (
            not parent.isValid()
            and not self._exhausted
            and not self._failed
            and self._fetch is not None
        )

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if not parent.isValid() and self._in_flight is None:
            self._load_next()

    def retry(self) -> None:
        if self._in_flight is None and not self._exhausted:
            self._failed = False
            self._load_next()

    def _load_next(self) -> None:
        fetch = self._fetch
        if fetch is None or self._exhausted:
            return
        cursor = self._cursor
        generation = self._generation
        row_texts = self.row_texts

        def work(_control: TaskControl) -> tuple[Sequence[R], str | None, Texts]:
            records, next_cursor = fetch(cursor)
            return records, next_cursor, [row_texts(record) for record in records]

        def done(page: tuple[Sequence[R], str | None, Texts]) -> None:
            if generation != self._generation:
                return
            self._in_flight = None
            records, next_cursor, texts = page
            self._cursor = next_cursor
            self._exhausted = next_cursor is None
            if self._replace_on_next:
                self._replace_on_next = False
                self.set_rows(records, texts)
            else:
                self.append_rows(records, texts)
            self.loading_changed.emit(False)
            self.page_loaded.emit(self.rowCount())

        def failed(error: BaseException) -> None:
            if generation != self._generation:
                return
            self._in_flight = None
            self._failed = True
            self.loading_changed.emit(False)
            self.load_failed.emit(error)

        self._in_flight = self._runner.run(work, done, failed)
        self.loading_changed.emit(True)
