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

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel

from ui.models.columns import RAW_ROLE, Column
from ui.models.paging import PagedLoading, Texts
from ui.tasks import TaskRunner

R = TypeVar("R")

_RAW = int(RAW_ROLE)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
# Shown and selectable, never editable, dragged or dropped on (QStandardItem's default allows all).
_FLAGS = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled


class PagedTextModel(PagedLoading[R], QStandardItemModel, Generic[R]):
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
        self._rows: list[R] = []
        # The same texts as the items', kept for views that paint them (ui.widgets.text_table).
        self._texts: list[tuple[str, ...]] = []
        self._init_paging(runner)

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
            self._texts = list(texts)
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
        self._texts.extend(texts)
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

    def texts_at(self, row: int) -> tuple[str, ...]:
        """Row `row`'s display texts (`ui.widgets.text_table.RowTexts`)."""
        return self._texts[row]

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

    # --- paging (PagedLoading) ------------------------------------------------------------
    def _page_texts(self, items: Sequence[R]) -> Texts:
        return [self.row_texts(item) for item in items]

    def _show_page(self, items: Sequence[R], texts: Texts | None, *, replace: bool) -> None:
        if replace:
            self.set_rows(items, texts)
        else:
            self.append_rows(items, texts)

    def _clear_rows(self) -> None:
        self.set_rows([])
