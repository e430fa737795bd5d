"""Build an archive now, from the shop's API (`ShopApi`), page by page.

    result = export_archive(api, "lin-mei.zip", sections=["tracks", "orders"],
                            start=datetime(2026, 1, 1, tzinfo=UTC), progress=cb, cancel=flag)

- `progress(done, total)`: `done` counts items written so far; `total` is an estimate from the
  shop's data categories that may grow while exporting (it never falls below `done`); the last
  call has `done == total`. Calls are throttled (every `PROGRESS_EVERY` items and at each
  section's end), so a UI can forward them to its thread as they come.
- `cancel()`: checked before every item; when it returns true the export stops with
  `ArchiveError("cancelled", …)` and the part file is removed: nothing is left behind.
- `start`/`end` (aware datetimes, `start` inclusive, `end` exclusive) keep only the records of
  activity in that range: tracks (filtered by the shop), and locations, logs, orders,
  decisions, consent history, recipient events, access log, notices and requests (filtered
  here, by their time). Inventory sections (account, categories, devices, tags, consents,
  subscriptions, cookies, recipients, policy versions) are always complete.
- Orders and decisions are written in full detail (`get_order`/`get_decision` for each, like
  the shop's own archive); `details=False` writes the list summaries only (much faster for
  tens of thousands of orders).

Memory stays flat: items are fetched one page at a time and streamed into the ZIP.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from client.archive.format import SECTIONS, ArchiveError
from client.archive.writer import ArchiveWriter
from client.errors import ApiError
from client.models.common import parse_rfc3339
from client.pagination import MAX_PAGE_SIZE

if TYPE_CHECKING:
    from client.api import ShopApi

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
PROGRESS_EVERY = 500

# Which time field limits a section to [start, end).
TIME_FIELDS: dict[str, str] = {
    "locations": "at", "logs": "at", "tracks": "at", "orders": "placed_at", "decisions": "at",
    "consent_history": "at", "recipient_events": "at", "access_log": "at",
    "notices": "published_at", "requests": "received_at",
}
# Which data category (GET /data/categories) counts a section, for the progress estimate.
CATEGORY_OF: dict[str, str] = {
    "devices": "devices", "locations": "locations", "logs": "logs", "tracks": "tracks",
    "tags": "tags", "orders": "orders", "decisions": "decisions", "consent_history": "consents",
    "recipient_events": "sharing",
}


@dataclass(frozen=True)
class ExportResult:
    path: Path
    size: int
    sha256: str
    manifest: dict[str, Any]
    counts: dict[str, int]


def _dump(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json")


def _in_range(item: Mapping[str, Any], field: str, start: datetime | None,
              end: datetime | None) -> bool:
    raw = item.get(field)
    if not isinstance(raw, str):
        return True
    try:
        moment = parse_rfc3339(raw)
    except ValueError:
        return True
    return (start is None or moment >= start) and (end is None or moment < end)


def _check_time(name: str, value: datetime | None) -> None:
    if value is not None and (value.tzinfo is None or value.utcoffset() is None):
        raise ValueError(f"{name} must be timezone-aware")


def section_items(api: ShopApi, section: str, *, page_size: int = MAX_PAGE_SIZE,
                  start: datetime | None = None, end: datetime | None = None,
                  details: bool = True) -> Iterator[dict[str, Any]]:
    """The items of one section as the archive stores them, fetched page by page."""
    n = page_size
    sources: dict[str, Callable[[], Iterable[Any]]] = {
        "account": lambda: [api.get_me()],
        "categories": api.list_categories,
        "devices": lambda: api.iter_devices(limit=n),
        "locations": lambda: api.iter_locations(limit=n),
        "logs": lambda: api.iter_logs(limit=n),
        "tracks": lambda: api.iter_tracks(start=start, end=end, limit=n),
        "tags": lambda: api.iter_tags(limit=n),
        "orders": lambda: (api.get_order(o.id) if details else o
                           for o in api.iter_orders(limit=n)
                           if _in_range(_dump(o), "placed_at", start, end)),
        "decisions": lambda: (api.get_decision(d.id) if details else d
                              for d in api.iter_decisions(limit=n)),
        "consents": api.list_consents,
        "consent_history": lambda: api.iter_consent_history(limit=n),
        "subscriptions": api.list_subscriptions,
        "cookies": lambda: api.iter_cookies(limit=n),
        "recipients": lambda: api.iter_recipients(limit=n),
        "recipient_events": lambda: _recipient_events(api, n),
        "policy_versions": lambda: api.iter_policy_versions(limit=n),
        "notices": lambda: api.iter_notices(limit=n),
        "access_log": lambda: api.iter_access_log(limit=n),
        "requests": lambda: api.iter_requests(limit=n),
    }
    if section not in sources:
        raise ArchiveError("unknown_section", f"There is no section {section!r}.")
    field = TIME_FIELDS.get(section) if section != "tracks" else None
    for value in sources[section]():
        item = value if isinstance(value, dict) else _dump(value)
        if field is None or _in_range(item, field, start, end):
            yield item


def _recipient_events(api: ShopApi, page_size: int) -> Iterator[dict[str, Any]]:
    recipient_ids = [r.id for r in api.iter_recipients(limit=page_size)]
    for rid in recipient_ids:
        for event in api.iter_recipient_events(rid, limit=page_size):
            yield {**_dump(event), "recipient_id": rid}


def export_archive(
    api: ShopApi,
    out_path: str | os.PathLike[str],
    *,
    sections: Sequence[str] | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    passphrase: str | bytes | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    details: bool = True,
    page_size: int = MAX_PAGE_SIZE,
    shop: Mapping[str, Any] | None = None,
) -> ExportResult:
    """Export the signed-in account's data into a client archive at `out_path` (see above)."""
    _check_time("start", start)
    _check_time("end", end)
    if start is not None and end is not None and start > end:
        raise ValueError("start must not be after end")
    wanted = list(SECTIONS) if sections is None else [s for s in SECTIONS if s in sections]
    unknown = sorted(set(sections or ()) - set(SECTIONS))
    if unknown:
        raise ArchiveError("unknown_section", f"Unknown sections: {', '.join(unknown)}.")

    def check_cancel() -> None:
        if cancel is not None and cancel():
            raise ArchiveError("cancelled", "The export was cancelled; nothing was saved.")

    check_cancel()
    me = api.get_me()
    estimate = _estimate(api, wanted)
    shop_info = dict(shop) if shop is not None else {
        "id": None, "name": None, "api_base": api.transport.base_url.rstrip("/")}
    scope = {"sections": wanted,
             "from": start.isoformat() if start else None,
             "to": end.isoformat() if end else None}
    done = 0
    reported = -1
    total = max(estimate, 1)

    def report(force: bool = False) -> None:
        nonlocal reported, total
        total = max(total, done)
        if progress is not None and (force or done - reported >= PROGRESS_EVERY):
            reported = done
            progress(done, total)

    def counted() -> None:
        nonlocal done
        done += 1
        report()

    report(force=True)
    counts: dict[str, int] = {}
    writer = ArchiveWriter(out_path, shop=shop_info,
                           subject={"customer_no": me.customer_no,
                                    "display_name": me.display_name},
                           source="client", scope=scope, passphrase=passphrase, cancel=cancel,
                           # the archive is in the language the API answered in (the UI's)
                           language=str(api.transport.session.headers.get("Accept-Language",
                                                                           "en")))
    with writer:
        for section in wanted:
            check_cancel()
            items: Iterable[dict[str, Any]]
            items = [_dump(me)] if section == "account" else section_items(
                api, section, page_size=page_size, start=start, end=end, details=details)
            counts[section] = writer.write_section(section, items, on_item=counted)
            if section == "account":
                counted()
            report(force=True)
    result = writer.result
    assert result is not None
    total = done
    if progress is not None:
        progress(done, total)
    return ExportResult(result.path, result.size, result.sha256, result.manifest, counts)


def _estimate(api: ShopApi, sections: Sequence[str]) -> int:
    try:
        counts = {c.key: c.count for c in api.list_categories()}
    except ApiError:  # only an estimate for the progress bar
        counts = {}
    return sum(counts.get(CATEGORY_OF.get(s, ""), 1) for s in sections)


__all__ = ["CATEGORY_OF", "TIME_FIELDS", "ExportResult", "export_archive", "section_items"]
