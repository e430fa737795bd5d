"""Working-day arithmetic for request deadlines, from a holiday calendar kept as data.

A working day is a Monday-to-Friday that is not one of the calendar's holidays, or a weekend day
that the calendar lists as a make-up working day. Calendars live in
`server/data/holidays/<name>.json` as
`{"holidays": ["YYYY-MM-DD", ...], "workdays": ["YYYY-MM-DD", ...], "time_zone": "..."}`.

Deadlines: a request received on day D is due at the end (23:59:59 local time) of the N-th
working day after D, in the shop's time zone; D itself does not count.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

HOLIDAY_DIR = Path(__file__).resolve().parent / "data" / "holidays"
DEFAULT_TIME_ZONE = "Asia/Shanghai"
END_OF_DAY = time(23, 59, 59)


@dataclass(frozen=True)
class HolidayCalendar:
    name: str
    holidays: frozenset[date]
    workdays: frozenset[date]
    time_zone: str = DEFAULT_TIME_ZONE

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def is_working_day(self, day: date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5


def _dates(values: object, what: str) -> frozenset[date]:
    if not isinstance(values, list):
        raise ValueError(f"holiday calendar: {what} must be a list of dates")
    return frozenset(date.fromisoformat(str(v)) for v in values)


@lru_cache(maxsize=8)
def load_calendar(name: str) -> HolidayCalendar:
    """Load `server/data/holidays/<name>.json` (cached)."""
    if not name.replace("_", "").replace("-", "").isalnum():
        raise ValueError(f"bad calendar name {name!r}")
    raw = json.loads((HOLIDAY_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return HolidayCalendar(
        name=name,
        holidays=_dates(raw.get("holidays", []), "holidays"),
        workdays=_dates(raw.get("workdays", []), "workdays"),
        time_zone=str(raw.get("time_zone", DEFAULT_TIME_ZONE)),
    )


def is_working_day(day: date, cal: HolidayCalendar) -> bool:
    return cal.is_working_day(day)


def add_working_days(start: date, days: int, cal: HolidayCalendar) -> date:
    """The `days`-th working day after `start` (`start` itself is not counted).

    `days == 0` returns `start` unchanged; negative values count backwards.
    """
    step = 1 if days >= 0 else -1
    remaining = abs(days)
    current = start
    while remaining > 0:
        current += timedelta(days=step)
        if cal.is_working_day(current):
            remaining -= 1
    return current


def working_days_between(a: date, b: date, cal: HolidayCalendar) -> int:
    """Working days in `(a, b]` when `b >= a`; minus the working days in `(b, a]` otherwise."""
    if a == b:
        return 0
    lo, hi, sign = (a, b, 1) if a < b else (b, a, -1)
    count = 0
    current = lo
    while current < hi:
        current += timedelta(days=1)
        if cal.is_working_day(current):
            count += 1
    return sign * count


def local_date(moment: datetime, cal: HolidayCalendar) -> date:
    return moment.astimezone(cal.tz).date()


def end_of_day_utc(day: date, cal: HolidayCalendar) -> datetime:
    """23:59:59 local time on `day`, as an aware UTC datetime."""
    return datetime.combine(day, END_OF_DAY, tzinfo=cal.tz).astimezone(UTC)


def due_at(received_at: datetime, days: int, cal: HolidayCalendar) -> datetime:
    """When a request received at `received_at` is due: end of the `days`-th working day after."""
    return end_of_day_utc(add_working_days(local_date(received_at, cal), days, cal), cal)


def working_days_left(now: datetime, due: datetime, cal: HolidayCalendar) -> int:
    """Working days from today (local) to the due day; negative once overdue."""
    left = working_days_between(local_date(now, cal), local_date(due, cal), cal)
    if now > due:
        return min(left, -1)
    return left
