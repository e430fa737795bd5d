"""The app's proxy models: local sorting by each column's sort key, and a switchable filter.

Every sorted table goes through `sorted_proxy` (or `SwitchFilter`, which sorts the same way),
so numbers and times sort as such and text sorts without regard to case everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from ui.models.columns import RAW_ROLE, SORT_ROLE


def _sort_by_key(proxy: QSortFilterProxyModel) -> None:
    proxy.setSortRole(SORT_ROLE)
    proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)


def sorted_proxy(model: QAbstractItemModel | None, parent: QObject | None) -> QSortFilterProxyModel:
    """Local sorting of `model` by each column's sort key (numbers and times sort as such)."""
    proxy = QSortFilterProxyModel(parent)
    _sort_by_key(proxy)
    if model is not None:
        proxy.setSourceModel(model)
    return proxy


class SwitchFilter(QSortFilterProxyModel):
    """Sorts like `sorted_proxy`; while switched on, shows only the rows `keep` accepts.

    `keep` gets each row's record (the source model's RAW_ROLE, as `RecordTableModel` and
    `PagedTableModel` serve it), so a page states its filter as one function of its records.
    """

    def __init__(
        self,
        keep: Callable[[Any], bool],
        parent: QObject | None = None,
        *,
        on: bool = False,
    ) -> None:
        super().__init__(parent)
        _sort_by_key(self)
        self._keep = keep
        self._on = on

    @property
    def on(self) -> bool:
        return self._on

    def set_on(self, on: bool) -> None:
        if on != self._on:
            self.beginFilterChange()
            self._on = on
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self._on or source_parent.isValid():
            return True
        model = self.sourceModel()
        return bool(self._keep(model.data(model.index(source_row, 0, source_parent), RAW_ROLE)))
