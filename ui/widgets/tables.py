"""The app's table views: read-only, whole-row selection, plain look; and a sorting proxy."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QObject, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ui.models.columns import SORT_ROLE


def record_table(
    name: str,
    model: QAbstractItemModel | None = None,
    *,
    sortable: bool = False,
    fit_contents: bool = False,
    wrap: bool = False,
) -> QTableView:
    """A table of records; `fit_contents` sizes columns to their text, else the user does."""
    table = QTableView()
    table.setAccessibleName(name)
    if model is not None:
        table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(wrap)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(
        QHeaderView.ResizeMode.ResizeToContents if fit_contents
        else QHeaderView.ResizeMode.Interactive
    )
    header.setStretchLastSection(True)
    table.setSortingEnabled(sortable)
    return table


def sorted_proxy(model: QAbstractItemModel, parent: QObject) -> QSortFilterProxyModel:
    """Local sorting by each column's sort key (numbers and times sort as such)."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return proxy
