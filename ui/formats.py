"""One way to show each kind of value, in the UI language: dates, times, numbers, sizes, lists.

Every page formats through these helpers so the same due date reads the same everywhere and
follows `QLocale()` (its default is set to the UI language by `ui.i18n.Translations`). Dates are
never ISO: "1 Dec 2026" in English, "2026年12月1日" in Chinese; lists use the language's own
separators (`、` between Chinese items); sizes use KB/MB (never KiB); plurals go through Qt's
`%n` forms in the translation file, not "(s)".
"""

from __future__ import annotations

import re
from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

# Explicit patterns rather than QLocale's Short/Long formats: short is ambiguous in English
# ("12/1/26") and long carries a weekday; these are unambiguous and stay one per kind.
_DATE_PATTERNS = {"zh": "yyyy年M月d日", "en": "d MMM yyyy"}
_MONTH_PATTERNS = {"zh": "yyyy年M月", "en": "MMM yyyy"}
_DAY_PATTERNS = {"zh": "M月d日", "en": "d MMM"}


def locale() -> QLocale:
    """The UI locale; the bare C locale (nothing set, e.g. in tests) reads as English."""
    current = QLocale()
    if current.language() == QLocale.Language.C:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return current


def _kind(current: QLocale | None = None) -> str:
    language = (current if current is not None else locale()).language()
    return "zh" if language == QLocale.Language.Chinese else "en"


def _local(value: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(value.timestamp())).toLocalTime()


def _qdate(value: date | datetime) -> QDate:
    if isinstance(value, datetime):
        return _local(value).date()
    return QDate(value.year, value.month, value.day)


def format_date(value: date | datetime | None) -> str:
    """A calendar day (local day for a timestamp): '1 Dec 2026' / '2026年12月1日'."""
    if value is None:
        return "—"
    return locale().toString(_qdate(value), _DATE_PATTERNS[_kind()])


def format_day(value: date | datetime) -> str:
    """A day without its year, for chart axes: '1 Dec' / '12月1日'."""
    return locale().toString(_qdate(value), _DAY_PATTERNS[_kind()])


def format_month(value: date | datetime) -> str:
    """A month, for chart axes: 'Dec 2026' / '2026年12月'."""
    return locale().toString(_qdate(value), _MONTH_PATTERNS[_kind()])


def date_pattern() -> str:
    """The date pattern for date edits (QDateEdit.setDisplayFormat)."""
    return _DATE_PATTERNS[_kind()]


def axis_pattern(monthly: bool) -> str:
    """The pattern for a date axis: months, or days (with the year, as a range may span two)."""
    return (_MONTH_PATTERNS if monthly else _DATE_PATTERNS)[_kind()]


def format_time(value: datetime) -> str:
    """A local time of day: '06:54'."""
    return locale().toString(_local(value).time(), "HH:mm")


def format_datetime(value: datetime | None) -> str:
    """A local date and time: '1 Dec 2026, 06:54' / '2026年12月1日 06:54'."""
    if value is None:
        return "—"
    # A long history formats thousands of these on a worker thread, holding the interpreter
    # lock the UI thread waits for: the local time from Python (the same system zone as Qt's
    # local time; QDateTime.fromSecsSinceEpoch costs more than all the rest), and each day's
    # words made once per language (a page of history is a few days).
    local = value.astimezone()
    language = QLocale().name()  # the UI language ("C" in bare environments: English)
    key = (language, local.year, local.month, local.day)
    day = _DAYS.get(key)
    if day is None:
        current = locale()
        day = current.toString(QDate(*key[1:]), _DATE_PATTERNS[_kind(current)])
        if len(_DAYS) >= _DAYS_KEPT:
            _DAYS.clear()
        _DAYS[key] = day
    if language.startswith("zh"):
        return f"{day} {local.hour:02d}:{local.minute:02d}"
    return f"{day}, {local.hour:02d}:{local.minute:02d}"


_DAYS: dict[tuple[str, int, int, int], str] = {}  # (language, year, month, day) → its words
_DAYS_KEPT = 4096


def format_qtime(value: QTime) -> str:
    return locale().toString(value, "HH:mm")


def format_count(count: int) -> str:
    """A whole number with the language's grouping: '12,345'."""
    return locale().toString(int(count))


def format_number(value: float, decimals: int = 1) -> str:
    return locale().toString(float(value), "f", decimals)


def format_percent(fraction: float) -> str:
    """A share as a percentage without a space before the sign: '96%'."""
    return f"{locale().toString(round(fraction * 100))}%"


def format_size(size: int) -> str:
    """A byte count: '1.2 MB' (base 1024, traditional units, never 'KiB')."""
    return locale().formattedDataSize(
        int(size), 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat
    )


_PERIOD = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?\Z")
_PERIOD_UNITS = (("year", "年"), ("month", "个月"), ("week", "周"), ("day", "天"))


def format_period(period: str | None) -> str:
    """An ISO 8601 period as words: 'P3Y' → '3 years' / '3年', 'P1Y6M' → '1 year, 6 months'.

    Anything that is not a plain period (a shop's own phrase) is returned as it is.
    """
    text = (period or "").strip()
    found = _PERIOD.match(text)
    if not found or not any(found.groups()):
        return text or "—"
    zh = _kind() == "zh"
    parts = []
    for value, (en_unit, zh_unit) in zip(found.groups(), _PERIOD_UNITS, strict=True):
        if value:
            n = int(value)
            number = locale().toString(n)
            parts.append(
                f"{number}{zh_unit}" if zh else f"{number} {en_unit}{'' if n == 1 else 's'}"
            )
    return "".join(parts) if zh else ", ".join(parts)


def join_list(items: list[str] | tuple[str, ...]) -> str:
    """Items joined as the language lists them: 'a, b, c' / 'a、b、c'."""
    items = [item for item in items if item]
    if not items:
        return "—"
    if _kind() == "zh":
        return "、".join(items)
    return ", ".join(items)


def country_name(code: str | None) -> str:
    """A country's name in the UI language: 'Singapore' / '新加坡' ("—" for none, the code
    itself when nobody knows it).

    English names are Qt's (`QLocale.territoryToString`); Chinese ones come from the app's
    table of every territory Qt knows (`ui.countries`: Qt has no Chinese names but a
    territory's own, in traditional characters for HK, MO and TW).
    """
    from ui.countries import CHINESE_NAMES  # the table loads with the first country shown

    code = (code or "").strip().upper()
    if not code:
        return "—"
    chinese = CHINESE_NAMES.get(code)
    if _kind() == "zh" and chinese:
        return chinese
    territory = QLocale.codeToTerritory(code)
    if territory == QLocale.Country.AnyTerritory:
        return code
    return QLocale.territoryToString(territory)


def country_text(code: str) -> str:
    """A country by name in the UI language, with its code: 'China (CN)' / '中国（CN）'."""
    name = country_name(code)
    code = code.strip().upper()
    if name in (code, "—"):
        return code
    return f"{name}（{code}）" if _kind() == "zh" else f"{name} ({code})"


__all__ = [
    "axis_pattern",
    "country_name",
    "country_text",
    "date_pattern",
    "format_count",
    "format_date",
    "format_datetime",
    "format_day",
    "format_month",
    "format_number",
    "format_percent",
    "format_period",
    "format_qtime",
    "format_size",
    "format_time",
    "join_list",
    "locale",
]
