"""A date field that can also say "any date", and whole local days as API bounds.

Used by the My Tracks page (its delete dialogs) and the archive export dialog.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, QEvent, QObject
from PySide6.QtWidgets import QDateEdit, QWidget

from ui.formats import date_pattern

ANY_DATE = QDate(2000, 1, 1)  # the minimum of an OptionalDateEdit stands for "any date"


def local_midnight(day: date) -> datetime:
    """The start of `day` in the local time zone, as an aware datetime."""
    return datetime(day.year, day.month, day.day).astimezone()


def day_range(first: date | None, last: date | None) -> tuple[datetime | None, datetime | None]:
    """Whole local days `first`..`last` (both inclusive) as [start, end) for the API."""
    start = local_midnight(first) if first else None
    end = local_midnight(last + timedelta(days=1)) if last else None
    return start, end


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class OptionalDateEdit(QDateEdit):
    """A date field whose lowest value reads "any date" (no limit on that side)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(date_pattern())
        self.setMinimumDate(ANY_DATE)
        self.setMaximumDate(QDate(2100, 12, 31))
        self.setSpecialValueText(self.tr("any date"))
        self.setDate(ANY_DATE)
        self.calendarWidget().installEventFilter(self)

    def value(self) -> date | None:
        current = self.date()
        return None if current == ANY_DATE else to_date(current)

    def set_value(self, value: date | None) -> None:
        self.setDate(ANY_DATE if value is None else QDate(value.year, value.month, value.day))

    def clear_value(self) -> None:
        self.setDate(ANY_DATE)

    def stepBy(self, steps: int) -> None:
        if self.date() == ANY_DATE and steps > 0:
            self.setDate(QDate.currentDate())  # from "any date", the first step is today
            return
        super().stepBy(steps)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.date() == ANY_DATE:
            today = QDate.currentDate()  # open the calendar on this month, not on year 2000
            self.calendarWidget().setCurrentPage(today.year(), today.month())
        return super().eventFilter(watched, event)


__all__ = ["ANY_DATE", "OptionalDateEdit", "day_range", "local_midnight", "to_date"]
