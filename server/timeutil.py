"""UTC time helpers: one clock the whole server reads, and RFC 3339 formatting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class Clock:
    """The server's notion of "now"; tests shift it to reach expiry and deadlines over HTTP."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset


def rfc3339(value: datetime) -> str:
    """Format as RFC 3339 UTC with microseconds, e.g. 2026-01-02T03:04:05.000006Z."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def as_utc(value: datetime) -> datetime:
    """The same instant in UTC (naive values are taken as UTC).

    Raises ValueError for an instant outside the years 1–9999 once in UTC: the calendar's
    edges with a far offset (``0001-01-01T00:00:00+14:00``) have no UTC datetime.
    """
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError as exc:
        raise ValueError("the time is outside the supported range") from exc


def parse_rfc3339(text: str) -> datetime:
    """Parse an RFC 3339 timestamp (or a plain date) into an aware UTC datetime."""
    return as_utc(datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00")))
