"""`ArchiveApi`: the read side of `ShopApi`, answered from an opened archive, offline.

Same method names, signatures and return types as `client.api.ShopApi` for everything an
archive holds, so the dashboard's pages can show an archive as they show a shop. It never
touches the network (it has no transport). Filters (`kind`, `q`, `start`, `end` of tracks;
`status`, `type` of requests; `order` of the access log) are applied locally, as the shop
applies them. Cursors are opaque strings (positions); paging forward through a section reuses
the open stream, so reading a section page by page costs one pass.

- A section the archive does not include raises `NotInArchive` (a `client.errors.NotFound`);
  `has_section(name)` tells beforehand.
- Every method that would change something raises `ReadOnlyArchive` (a
  `client.errors.Forbidden`): "This is an archive: read only".
"""

from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal, NoReturn, TypeVar

from pydantic import BaseModel

from client.archive.format import ArchiveError
from client.archive.reader import Archive
from client.errors import Forbidden, NotFound
from client.models.access_log import AccessLogEntry, AccessLogHead
from client.models.account import Account
from client.models.common import Page, parse, parse_rfc3339
from client.models.consents import Consent, ConsentReceipt, Cookie, Subscription
from client.models.data import DataCategory, Device, Location, LogEntry
from client.models.notices import CurrentPolicy, Notice, PolicyVersion
from client.models.orders import Decision, DecisionDetail, OrderDetail, OrderSummary
from client.models.overview import DecisionRequest, OverviewCounts
from client.models.requests import PrivacyRequest, RequestStatus, RequestType
from client.models.rights import RightsCard
from client.models.sharing import Recipient, RecipientEvent
from client.models.tracks import Activity, ActivityBucket, Bucket, Tag, Track, TrackKind
from client.pagination import DEFAULT_PAGE_SIZE, check_limit

M = TypeVar("M", bound=BaseModel)
Item = dict[str, Any]
Predicate = Callable[[Item], bool]

READ_ONLY_MESSAGE = "This is an archive: read only"
MAX_BUCKETS = 5000


class ReadOnlyArchive(Forbidden):
    default_message = READ_ONLY_MESSAGE


class NotInArchive(NotFound):
    default_message = "This archive does not include it."


def _read_only(*_args: Any, **_kwargs: Any) -> NoReturn:
    raise ReadOnlyArchive(READ_ONLY_MESSAGE, code="read_only_archive")


def _time(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("times must be timezone-aware")
    return value


def _at(item: Item, field: str = "at") -> datetime | None:
    raw = item.get(field)
    if not isinstance(raw, str):
        return None
    try:
        return parse_rfc3339(raw)
    except ValueError:
        return None


def _offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    if not cursor.isdigit():
        raise ValueError(f"not a cursor of this archive: {cursor!r}")
    return int(cursor)


class _Scan:
    """A live stream over one filtered section, at a known position."""

    def __init__(self, items: Iterator[Item]) -> None:
        self.items = items
        self.position = 0


class ArchiveApi:
    """Read-only `ShopApi` look-alike over an opened `Archive` (it does not close it)."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self._lock = threading.RLock()
        self._scans: dict[tuple[Any, ...], _Scan] = {}
        self._owned = False

    @classmethod
    def from_path(
        cls,
        path: str | os.PathLike[str],
        *,
        passphrase: str | bytes | None = None,
        keys: Any = None,
        require_signature: bool = False,
    ) -> ArchiveApi:
        """Open (and fully check) an archive and view it; `close()` closes the archive too."""
        from client.archive.reader import open_archive

        api = cls(
            open_archive(
                path, passphrase=passphrase, keys=keys, require_signature=require_signature
            )
        )
        api._owned = True
        return api

    def close(self) -> None:
        with self._lock:
            self._scans.clear()
        if self._owned:
            self.archive.close()

    def __enter__(self) -> ArchiveApi:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- plumbing ---------------------------------------------------------------------------

    @property
    def manifest(self) -> Any:
        return self.archive.manifest

    def has_section(self, section: str) -> bool:
        return self.archive.has_section(section)

    def _items(self, section: str) -> Iterator[Item]:
        if not self.archive.has_section(section):
            raise NotInArchive(
                f"This archive does not include {section.replace('_', ' ')}.", code="not_in_archive"
            )
        try:
            yield from self.archive.iter_items(section)
        except ArchiveError as exc:
            raise NotInArchive(
                f"The archive cannot be read: {exc.message}", code=exc.reason
            ) from exc

    def _filtered(self, section: str, keep: Predicate | None) -> Iterator[Item]:
        for item in self._items(section):
            if keep is None or keep(item):
                yield item

    def _page(
        self,
        model: type[M],
        section: str,
        limit: int,
        cursor: str | None,
        keep: Predicate | None = None,
        key: tuple[Any, ...] = (),
    ) -> Page[M]:
        check_limit(limit)
        start = _offset(cursor)
        scan_key = (section, *key)
        with self._lock:
            scan = self._scans.pop(scan_key, None)
            if scan is None or scan.position != start:
                scan = _Scan(self._filtered(section, keep))
                for _ in range(start):
                    if next(scan.items, None) is None:
                        break
                    scan.position += 1
            raw: list[Item] = []
            for item in scan.items:
                raw.append(item)
                scan.position += 1
                if len(raw) > limit:
                    break
            more = len(raw) > limit
            if more:
                # One item was read ahead to know there is more: put it back for the next page.
                extra = raw.pop()
                scan.items = _prepend(extra, scan.items)
                scan.position -= 1
                self._scans[scan_key] = scan
        items = [parse(model, item) for item in raw]
        return Page(items=items, next_cursor=str(start + len(items)) if more else None)

    def _iter(
        self, model: type[M], section: str, max_items: int | None, keep: Predicate | None = None
    ) -> Iterator[M]:
        for item in itertools.islice(self._filtered(section, keep), max_items):
            yield parse(model, item)

    def _list(self, model: type[M], section: str) -> list[M]:
        return [parse(model, item) for item in self._items(section)]

    def _find(self, model: type[M], section: str, item_id: str, what: str) -> M:
        for item in self._items(section):
            if str(item.get("id")) == item_id:
                return parse(model, item)
        raise NotInArchive(f"This archive holds no {what} {item_id}.", code="not_found")

    # --- account ----------------------------------------------------------------------------

    def get_me(self) -> Account:
        for item in self._items("account"):
            return parse(Account, item)
        raise NotInArchive("This archive does not include the account.")

    update_me = _read_only
    set_personalization = _read_only

    # --- data held --------------------------------------------------------------------------

    def list_categories(self) -> list[DataCategory]:
        return self._list(DataCategory, "categories")

    def list_decision_requests(self) -> list[DecisionRequest]:
        """As `GET /decision-requests` would have answered, from the `requests` section."""
        newest: dict[tuple[str, str], Item] = {}
        requests = [
            r for r in self._items("requests") if r.get("type") in ("explanation", "human_review")
        ]
        for item in sorted(requests, key=lambda r: str(r.get("received_at", ""))):
            details = item.get("details")
            decision_id = str(details.get("decision_id", "")) if isinstance(details, dict) else ""
            if decision_id:
                newest[(decision_id, str(item["type"]))] = item
        return [
            parse(DecisionRequest, {"decision_id": d, "type": t, "request": item})
            for (d, t), item in newest.items()
        ]

    def get_overview(self) -> OverviewCounts:
        """The counts `GET /overview` gives, as of the archive: recipients from its
        `recipients` section, open requests (their state when it was made) from `requests`."""
        recipients = list(self._items("recipients"))
        open_requests = [
            r
            for r in self._items("requests")
            if r.get("status") not in ("completed", "denied", "canceled")
        ]
        days = [
            r["working_days_left"]
            for r in open_requests
            if isinstance(r.get("working_days_left"), int)
        ]
        return OverviewCounts(
            recipients=len(recipients),
            recipients_with_data=sum(
                1
                for r in recipients
                if isinstance(r.get("event_count"), int) and r["event_count"] > 0
            ),
            open_requests=len(open_requests),
            overdue_requests=sum(1 for r in open_requests if r.get("overdue") is True),
            next_due_working_days=min(days, default=None),
        )

    def list_devices(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> Page[Device]:
        return self._page(Device, "devices", limit, cursor)

    def iter_devices(
        self, *, limit: int = DEFAULT_PAGE_SIZE, max_items: int | None = None
    ) -> Iterator[Device]:
        return self._iter(Device, "devices", max_items)

    def list_locations(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> Page[Location]:
        return self._page(Location, "locations", limit, cursor)

    def iter_locations(
        self, *, limit: int = DEFAULT_PAGE_SIZE, max_items: int | None = None
    ) -> Iterator[Location]:
        return self._iter(Location, "locations", max_items)

    def list_logs(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> Page[LogEntry]:
        return self._page(LogEntry, "logs", limit, cursor)

    def iter_logs(
        self, *, limit: int = DEFAULT_PAGE_SIZE, max_items: int | None = None
    ) -> Iterator[LogEntry]:
        return self._iter(LogEntry, "logs", max_items)

    # --- My Tracks and tags -----------------------------------------------------------------

    @staticmethod
    def _track_filter(
        kind: TrackKind | None, q: str | None, start: datetime | None, end: datetime | None
    ) -> Predicate | None:
        if start is not None:
            _time(start)
        if end is not None:
            _time(end)
        if start is not None and end is not None and start > end:
            raise ValueError("start must not be after end")
        needle = q.casefold() if q else None
        if kind is None and needle is None and start is None and end is None:
            return None

        def keep(item: Item) -> bool:
            if kind is not None and item.get("kind") != kind:
                return False
            if needle is not None and needle not in str(item.get("text", "")).casefold():
                return False
            if start is not None or end is not None:
                moment = _at(item)
                if moment is None:
                    return False
                if start is not None and moment < start:
                    return False
                if end is not None and moment >= end:
                    return False
            return True

        return keep

    def list_tracks(
        self,
        *,
        kind: TrackKind | None = None,
        q: str | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
        limit: int = DEFAULT_PAGE_SIZE,
        cursor: str | None = None,
    ) -> Page[Track]:
        """Newest first (as stored); `start` inclusive, `end` exclusive."""
        keep = self._track_filter(kind, q, start, end)
        return self._page(Track, "tracks", limit, cursor, keep, (kind, q or None, start, end))

    def iter_tracks(
        self,
        *,
        kind: TrackKind | None = None,
        q: str | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
        limit: int = DEFAULT_PAGE_SIZE,
        max_items: int | None = None,
    ) -> Iterator[Track]:
        return self._iter(Track, "tracks", max_items, self._track_filter(kind, q, start, end))

    def track_activity(
        self,
        *,
        bucket: Bucket = "day",
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> Activity:
        """Searches and views per day, week (from Monday) or month, in UTC, like the shop."""
        keep = self._track_filter(None, None, start, end)
        counts: dict[date, list[int]] = {}
        first: date | None = None
        last: date | None = None
        for item in self._filtered("tracks", keep):
            moment = _at(item)
            if moment is None:
                continue
            day = _bucket_start(moment, bucket)
            first = day if first is None or day < first else first
            last = day if last is None or day > last else last
            slot = counts.setdefault(day, [0, 0])
            slot[0 if item.get("kind") == "search" else 1] += 1
        if first is None or last is None:
            return Activity(bucket=bucket, buckets=[])
        buckets: list[ActivityBucket] = []
        day = first
        while day <= last:
            search, view = counts.get(day, [0, 0])
            buckets.append(ActivityBucket(start=day, search=search, view=view))
            day = _next_bucket(day, bucket)
            if len(buckets) > MAX_BUCKETS:
                raise ValueError("Choose a larger bucket or a shorter range.")
        return Activity(bucket=bucket, buckets=buckets)

    delete_track = _read_only
    delete_tracks = _read_only

    def list_tags(self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None) -> Page[Tag]:
        return self._page(Tag, "tags", limit, cursor)

    def iter_tags(
        self, *, limit: int = DEFAULT_PAGE_SIZE, max_items: int | None = None
    ) -> Iterator[Tag]:
        return self._iter(Tag, "tags", max_items)

    delete_tag = _read_only

    # --- orders and decisions ---------------------------------------------------------------

    def list_orders(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> Page[OrderSummary]:
        return self._page(OrderSummary, "orders", limit, cursor)

    def iter_orders(
        self, *, limit: int = DEFAULT_PAGE_SIZE, max_items: int | None = None
    ) -> Iterator[OrderSummary]:
        return self._iter(OrderSummary, "orders", max_items)

    def get_order(self, order_id: str) -> OrderDetail:
        """Needs an archive with order details (the shop's, or the app's default export)."""
        return self._find(OrderDetail, "orders", order_id, "order")

    remove_order = _read_only

    def list_decisions(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> Page[Decision]:
        return self._page(Decision, "decisions", limit, cursor)

    def iter_decisions(
        self, *, limit: int = DEFAULT_PAGE_SIZE, max_items: int | None = None
    ) -> Iterator[Decision]:
        return self._iter(Decision, "decisions", max_items)

    def get_decision(self, decision_id: str) -> DecisionDetail:
        return self._find(DecisionDetail, "decisions", decision_id, "decision")

    # --- consents, subscriptions, cookies ---------------------------------------------------

    def list_consents(self) -> list[Consent]:
        return self._list(Consent, "consents")

    set_consent = _read_only

    def list_consent_history(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> Page[ConsentReceipt]:
        return self._page(ConsentReceipt, "consent_history", limit, cursor)

    def iter_consent_history(
        self, *, limit: int = DEFAULT_PAGE_SIZE, max_items: int | None = None
    ) -> Iterator[ConsentReceipt]:
        return self._iter(ConsentReceipt, "consent_history", max_items)

    def get_consent_receipt(self, receipt_id: str) -> ConsentReceipt:
        return self._find(ConsentReceipt, "consent_history", receipt_id, "consent receipt")

    def list_subscriptions(self) -> list[Subscription]:
        return self._list(Subscription, "subscriptions")

    set_subscription = _read_only

    def list_cookies(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> Page[Cookie]:
        return self._page(Cookie, "cookies", limit, cursor)

    def iter_cookies(
        self, *, limit: int = DEFAULT_PAGE_SIZE, max_items: int | None = None
    ) -> Iterator[Cookie]:
        return self._iter(Cookie, "cookies", max_items)

    # --- sharing ----------------------------------------------------------------------------

    def list_recipients(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> Page[Recipient]:
        return self._page(Recipient, "recipients", limit, cursor)

    def iter_recipients(
        self, *, limit: int = DEFAULT_PAGE_SIZE, max_items: int | None = None
    ) -> Iterator[Recipient]:
        return self._iter(Recipient, "recipients", max_items)

    def get_recipient(self, recipient_id: str) -> Recipient:
        return self._find(Recipient, "recipients", recipient_id, "recipient")

    @staticmethod
    def _of_recipient(recipient_id: str) -> Predicate:
        return lambda item: str(item.get("recipient_id")) == recipient_id

    def list_recipient_events(
        self, recipient_id: str, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> Page[RecipientEvent]:
        return self._page(
            RecipientEvent,
            "recipient_events",
            limit,
            cursor,
            self._of_recipient(recipient_id),
            (recipient_id,),
        )

    def iter_recipient_events(
        self, recipient_id: str, *, limit: int = DEFAULT_PAGE_SIZE, max_items: int | None = None
    ) -> Iterator[RecipientEvent]:
        return self._iter(
            RecipientEvent, "recipient_events", max_items, self._of_recipient(recipient_id)
        )

    # --- policy and notices -----------------------------------------------------------------

    def get_rights(self) -> RightsCard:
        """Archives do not hold the shop's rights card yet; callers show that it is absent."""
        raise NotInArchive("This archive does not include the rights card.")

    def get_policy(self) -> CurrentPolicy:
        """The newest policy version in the archive (when it was acknowledged is not kept)."""
        newest: Item | None = None
        for item in self._items("policy_versions"):
            moment = _at(item, "published_at")
            best = _at(newest, "published_at") if newest is not None else None
            if newest is None or (moment is not None and (best is None or moment > best)):
                newest = item
        if newest is None:
            raise NotInArchive("This archive holds no policy version.")
        return parse(CurrentPolicy, newest)

    def list_policy_versions(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> Page[PolicyVersion]:
        return self._page(PolicyVersion, "policy_versions", limit, cursor)

    def iter_policy_versions(
        self, *, limit: int = DEFAULT_PAGE_SIZE, max_items: int | None = None
    ) -> Iterator[PolicyVersion]:
        return self._iter(PolicyVersion, "policy_versions", max_items)

    acknowledge_policy = _read_only

    def list_notices(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> Page[Notice]:
        return self._page(Notice, "notices", limit, cursor)

    def iter_notices(
        self, *, limit: int = DEFAULT_PAGE_SIZE, max_items: int | None = None
    ) -> Iterator[Notice]:
        return self._iter(Notice, "notices", max_items)

    # --- access log -------------------------------------------------------------------------

    def list_access_log(
        self,
        *,
        limit: int = DEFAULT_PAGE_SIZE,
        cursor: str | None = None,
        order: Literal["asc", "desc"] = "asc",
    ) -> Page[AccessLogEntry]:
        """Oldest first by default (as stored), so the hash chain reads in order."""
        if order == "asc":
            return self._page(AccessLogEntry, "access_log", limit, cursor)
        check_limit(limit)
        start = _offset(cursor)
        entries = list(self._items("access_log"))
        entries.reverse()
        chunk = entries[start : start + limit]
        more = start + limit < len(entries)
        return Page(
            items=[parse(AccessLogEntry, e) for e in chunk],
            next_cursor=str(start + limit) if more else None,
        )

    def iter_access_log(
        self,
        *,
        limit: int = DEFAULT_PAGE_SIZE,
        max_items: int | None = None,
        order: Literal["asc", "desc"] = "asc",
    ) -> Iterator[AccessLogEntry]:
        if order == "asc":
            return self._iter(AccessLogEntry, "access_log", max_items)
        entries = list(self._items("access_log"))[::-1][:max_items]
        return iter([parse(AccessLogEntry, e) for e in entries])

    def get_access_log_head(self) -> AccessLogHead:
        """The last entry in the archive (the log's head when the archive was made)."""
        last: Item | None = None
        for item in self._items("access_log"):
            if last is None or int(item.get("seq", 0)) >= int(last.get("seq", 0)):
                last = item
        if last is None:
            raise NotInArchive("This archive's access log is empty.")
        return parse(AccessLogHead, last)

    # --- privacy requests -------------------------------------------------------------------

    create_request = _read_only

    @staticmethod
    def _request_filter(status: RequestStatus | None, type: RequestType | None) -> Predicate | None:
        if status is None and type is None:
            return None
        return lambda item: (
            (status is None or item.get("status") == status)
            and (type is None or item.get("type") == type)
        )

    def list_requests(
        self,
        *,
        status: RequestStatus | None = None,
        type: RequestType | None = None,
        limit: int = DEFAULT_PAGE_SIZE,
        cursor: str | None = None,
    ) -> Page[PrivacyRequest]:
        return self._page(
            PrivacyRequest,
            "requests",
            limit,
            cursor,
            self._request_filter(status, type),
            (status, type),
        )

    def iter_requests(
        self,
        *,
        status: RequestStatus | None = None,
        type: RequestType | None = None,
        limit: int = DEFAULT_PAGE_SIZE,
        max_items: int | None = None,
    ) -> Iterator[PrivacyRequest]:
        return self._iter(PrivacyRequest, "requests", max_items, self._request_filter(status, type))

    def get_request(self, request_id: str) -> PrivacyRequest:
        return self._find(PrivacyRequest, "requests", request_id, "request")

    cancel_request = _read_only
    verify_request = _read_only

    def get_demo_verification_code(self, request_id: str) -> NoReturn:
        raise NotInArchive("An archive holds no verification codes.", code="not_in_archive")

    def get_request_result(self, request_id: str) -> NoReturn:
        raise NotInArchive(
            "An archive holds no request results; connect to the shop.", code="not_in_archive"
        )

    def download_result(
        self, request_id: str, dest_path: str | os.PathLike[str], **_options: Any
    ) -> NoReturn:
        raise NotInArchive(
            "An archive holds no request results; connect to the shop.", code="not_in_archive"
        )

    # --- assisted sessions: never in an archive ----------------------------------------------

    create_assist_code = _read_only
    end_assist_session = _read_only
    end_current_assist_session = _read_only
    open_assist_session = _read_only
    answer_fee = _read_only
    upload_identity_document = _read_only


def _prepend(first: Item, rest: Iterator[Item]) -> Iterator[Item]:
    yield first
    yield from rest


def _bucket_start(moment: datetime, bucket: str) -> date:
    day = moment.astimezone(UTC).date()
    if bucket == "week":
        return day - timedelta(days=day.weekday())
    if bucket == "month":
        return day.replace(day=1)
    return day


def _next_bucket(day: date, bucket: str) -> date:
    if bucket == "day":
        return day + timedelta(days=1)
    if bucket == "week":
        return day + timedelta(days=7)
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


WRITE_METHODS: tuple[str, ...] = (
    "update_me",
    "set_personalization",
    "delete_track",
    "delete_tracks",
    "delete_tag",
    "remove_order",
    "set_consent",
    "set_subscription",
    "acknowledge_policy",
    "create_request",
    "cancel_request",
    "verify_request",
    "create_assist_code",
    "end_assist_session",
    "end_current_assist_session",
    "open_assist_session",
    "answer_fee",
    "upload_identity_document",
)

__all__ = ["READ_ONLY_MESSAGE", "WRITE_METHODS", "ArchiveApi", "NotInArchive", "ReadOnlyArchive"]
