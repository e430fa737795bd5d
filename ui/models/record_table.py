"""A table model over a list of records (typed client models), with raw and sort roles.

A view asks each visible cell for about eight roles on every paint, so `data` answers the roles
it does not serve before anything else. With `cache_text=True` a row's cell texts are made once
when it arrives (a paged model makes them on its worker thread) instead of on every paint: for
tables whose columns are pure functions of the row. `texts_at` and `aligned_right` let a view
paint the texts without asking `data` cell by cell (`ui.widgets.text_table.RowTexts`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ui.models.columns import RAW_ROLE, SORT_ROLE, Column
from ui.plain_text import plain_tooltip

R = TypeVar("R")

Index = QModelIndex | QPersistentModelIndex

# Plain ints: comparing the int role Qt passes with an int is cheaper than with an enum member.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_RAW = int(RAW_ROLE)
_SORT = int(SORT_ROLE)
_SERVED = frozenset({_DISPLAY, _TOOLTIP, _ALIGNMENT, _RAW, _SORT})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """Rows are records; columns are `Column` declarations. Replace rows with `set_rows`."""

    def __init__(
        self,
        columns: Sequence[Column[R]],
        parent: QObject | None = None,
        *,
        cache_text: bool = False,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[R] = []
        self._texts: list[tuple[str, ...]] | None = [] if cache_text else None

    # --- data -----------------------------------------------------------------------------
    def row_texts(self, row: R) -> tuple[str, ...]:
        """The cells' display texts (pure: may run on a worker thread)."""
        return tuple(column.display(row) for column in self.columns)

    def set_rows(self, rows: Sequence[R], texts: Sequence[tuple[str, ...]] | None = None) -> None:
        """Replace every row; `texts` are their `row_texts`, when made already."""
        self.beginResetModel()
        self._rows = list(rows)
        if self._texts is not None:
            self._texts = (
                list(texts) if texts is not None else [self.row_texts(row) for row in self._rows]
            )
        self.endResetModel()

    def append_rows(
        self, rows: Sequence[R], texts: Sequence[tuple[str, ...]] | None = None
    ) -> None:
        """Add rows at the end; `texts` are their `row_texts`, when made already."""
        if not rows:
            return
        if self._texts is not None and texts is None:
            texts = [self.row_texts(row) for row in rows]
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        if self._texts is not None and texts is not None:
            self._texts.extend(texts)
        self.endInsertRows()

    def remove_where(self, predicate: Any) -> int:
        """Remove every row for which `predicate(row)` is true; returns how many."""
        removed = 0
        for position in range(len(self._rows) - 1, -1, -1):
            if predicate(self._rows[position]):
                self.beginRemoveRows(QModelIndex(), position, position)
                del self._rows[position]
                if self._texts is not None:
                    del self._texts[position]
                self.endRemoveRows()
                removed += 1
        return removed

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def texts_at(self, row: int) -> tuple[str, ...]:
        """Row `row`'s display texts, left to right by column."""
        if self._texts is not None:
            return self._texts[row]
        return self.row_texts(self._rows[row])

    def aligned_right(self, column: int) -> bool:
        return self.columns[column].align_right

    @property
    def rows(self) -> list[R]:
        return list(self._rows)

    # --- Qt model interface ---------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if role not in _SERVED:  # font, colours, decoration, check state…: nothing here
            return None
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows):
            return None
        if role == _DISPLAY:
            if self._texts is not None:
                return self._texts[row][index.column()]
            return self.columns[index.column()].display(self._rows[row])
        record = self._rows[row]
        column = self.columns[index.column()]
        if role == _RAW:
            return record
        if role == _SORT:
            return column.sort_key(record)
        if role == _TOOLTIP and column.tooltip is not None:
            return plain_tooltip(column.tooltip(record))
        if role == _ALIGNMENT and column.align_right:
            return _RIGHT
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].header()
        return None
