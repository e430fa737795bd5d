"""Column declarations shared by the table models: title, how to show, how to sort."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, Qt

from ui.formats import format_count, format_date, format_datetime, join_list

R = TypeVar("R")

RAW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's object itself
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a value that sorts correctly (numbers, times)


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: `title` is translated at display time (context "Columns")."""

    title: str
    value: Callable[[R], Any]
    sort: Callable[[R], Any] | None = None
    align_right: bool = False
    tooltip: Callable[[R], str] | None = None  # plain text; the model escapes it

    def display(self, row: R) -> str:
        return display_text(self.value(row))

    def sort_key(self, row: R) -> Any:
        key = (self.sort or self.value)(row)
        if isinstance(key, datetime):
            return key.timestamp()
        if isinstance(key, bool):
            return int(key)
        return key if isinstance(key, int | float) else display_text(key)

    def header(self) -> str:
        return QCoreApplication.translate("Columns", self.title)


def display_text(value: Any) -> str:
    """Plain text for a cell: local time for timestamps, a dash for nothing."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        if value:
            return QCoreApplication.translate("Columns", "Yes")
        return QCoreApplication.translate("Columns", "No")
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, int):
        return format_count(value)
    if isinstance(value, list | tuple):
        return join_list([display_text(v) for v in value])
    return str(value)
