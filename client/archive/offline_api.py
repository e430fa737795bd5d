"""`ArchiveApi`: `client.reader.ShopReader` answered from an opened archive, offline.

It implements the same reading interface as `client.api.ShopApi` (mypy checks both, see
`client.reader`), so the dashboard's pages show an archive as they show a shop. It never touches
the network (it has no transport). Lists are `ListPage`s whose cursors are positions in the
section; paging forward (or `auto_paging_iter`) reuses the open stream, so reading a section
costs one pass.

Filters and views the server owns are computed here only where a page of the dashboard offers
them for an archive, and only as far as the archive's data allows:

- tracks: `kind`, `q` (case-insensitive substring of the text), `start`/`end` (the Tracks
  page's filters), and `track_activity` (its chart: day, week from Monday, month, in UTC);
- requests: `status` and `type` (plain equality; the protocol's signature);
- recipient events: by recipient (the Sharing page's detail);
- the access log: `order` (the log page's newest-first switch);
- `get_overview` and `list_decision_requests`: counted and joined from the `requests` and
  `recipients` sections as they were when the archive was made (no "due" date moves on).

Nothing else is re-implemented: no server-side ranking, no time-zone or locale rules beyond
UTC, nothing the shop would compute from data an archive does not hold (`get_rights` raises
`NotInArchive`; verification codes are not kept, and of the requests' results only the
explanations and the deletion answers are: `client/archive/offline_results.py`).

- A section the archive does not include raises `NotInArchive` (a `client.errors.NotFound`);
  `has_section(name)` tells beforehand.
- Every method that would change something raises `ReadOnlyArchive` (a
  `client.errors.Forbidden`): "This is an archive: read only". The request actions of
  `client.reader.RequestActions` are among them, so the request tracker can use an archive as
  a `client.backends.RequestBackend`. It lists the archive's assist sessions
  (`list_assist_sessions`, section `assist_sessions`) but is no `AssistApi`: the assist actions
  refuse like every other write.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal, NoReturn, TypeVar

from pydantic import BaseModel

from client.archive.format import ArchiveError
from client.archive.offline_results import request_result
from client.archive.reader import Archive
from client.capabilities import OUR_API_CAPABILITIES, Capabilities
from client.errors import Forbidden, NotFound
from client.i18n import trans_late
from client.models.access_log import AccessLogEntry, AccessLogHead
from client.models.account import Account
from client.models.assist import AssistSession
from client.models.common import Page, parse, parse_rfc3339
from client.models.consents import Consent, ConsentReceipt, Cookie, Subscription
from client.models.data import DataCategory, Device, Location, LogEntry, ServiceContact
from client.models.guardians import GuardianLink
from client.models.incidents import Incident, IncidentCounts
from client.models.notices import CurrentPolicy, ImpactAssessment, Notice, PolicyVersion
from client.models.orders import Decision, DecisionDetail, OrderDetail, OrderSummary
from client.models.overview import DecisionRequest, OverviewCounts
from client.models.requests import PrivacyRequest, RequestResult, RequestStatus, RequestType
from client.models.rights import RightsCard
from client.models.sharing import Recipient, RecipientEvent
from client.models.tracks import Activity, ActivityBucket, Bucket, Tag, Track, TrackKind
from client.pagination import DEFAULT_PAGE_SIZE, ListPage, check_limit

M = TypeVar("M", bound=BaseModel)
Item = dict[str, Any]
Predicate = Callable[[Item], bool]

READ_ONLY_MESSAGE = trans_late("Errors", "This is an archive: it can only be read, not changed.")
MAX_BUCKETS = 5000


class ReadOnlyArchive(Forbidden):
    default_message = READ_ONLY_MESSAGE
    shows_given_message = False


class NotInArchive(NotFound):
    default_message = trans_late("Errors", "This archive does not contain this part.")
    shows_given_message = False  # what is missing is said for logs; a person reads the kind


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
    """A read-only `ShopReader` over an opened `Archive`; `close()` closes the archive too
    when `owned` (otherwise whoever opened it closes it)."""

    def __init__(self, archive: Archive, *, owned: bool = False) -> None:
        self.archive = archive
        self._lock = threading.RLock()
        self._scans: dict[tuple[Any, ...], _Scan] = {}
        self._owned = owned

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

        archive = open_archive(
            path, passphrase=passphrase, keys=keys, require_signature=require_signature
        )
        return cls(archive, owned=True)

    def close(self) -> None:
        with self._lock:
            self._scans.clear()
        if self._owned:
            self.archive.close()

    @property
    def capabilities(self) -> Capabilities:
        """What the pages may show: the archive is of our own API (writes refuse: read only)."""
        return OUR_API_CAPABILITIES

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
    ) -> ListPage[M]:
        # The walk keeps its own stream too, so `auto_paging_iter` is one pass even while
        # another view pages the same section (the shared `_scans` serve `cursor=` calls).
        own: list[_Scan] = []

        def fetch(size: int, at: str | None) -> Page[M]:
            return self._scan_page(model, section, size, at, keep, key, own)

        return ListPage.fetch(fetch, limit=limit, cursor=cursor)

    def _scan_page(
        self,
        model: type[M],
        section: str,
        limit: int,
        cursor: str | None,
        keep: Predicate | None,
        key: tuple[Any, ...],
        own: list[_Scan],
    ) -> Page[M]:
        check_limit(limit)
        start = _offset(cursor)
        scan_key = (section, *key)
        with self._lock:
            scan = own.pop() if own and own[-1].position == start else None
            if scan is None:
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
                own[:] = [scan]
        items = [parse(model, item) for item in raw]
        return Page(items=items, next_cursor=str(start + len(items)) if more else None)

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
    ) -> ListPage[Device]:
        return self._page(Device, "devices", limit, cursor)

    def list_locations(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[Location]:
        return self._page(Location, "locations", limit, cursor)

    def list_logs(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[LogEntry]:
        return self._page(LogEntry, "logs", limit, cursor)

    def list_service_contacts(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[ServiceContact]:
        return self._page(ServiceContact, "service_contacts", limit, cursor)

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
    ) -> ListPage[Track]:
        """Newest first (as stored); `start` inclusive, `end` exclusive."""
        keep = self._track_filter(kind, q, start, end)
        return self._page(Track, "tracks", limit, cursor, keep, (kind, q or None, start, end))

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

    def list_tags(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[Tag]:
        return self._page(Tag, "tags", limit, cursor)

    delete_tag = _read_only

    # --- orders and decisions ---------------------------------------------------------------

    def list_orders(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[OrderSummary]:
        return self._page(OrderSummary, "orders", limit, cursor)

    def get_order(self, order_id: str) -> OrderDetail:
        """Needs an archive with order details (the shop's, or the app's default export)."""
        return self._find(OrderDetail, "orders", order_id, "order")

    remove_order = _read_only

    def list_decisions(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[Decision]:
        return self._page(Decision, "decisions", limit, cursor)

    def get_decision(self, decision_id: str) -> DecisionDetail:
        return self._find(DecisionDetail, "decisions", decision_id, "decision")

    # --- consents, subscriptions, cookies ---------------------------------------------------

    def list_consents(self) -> list[Consent]:
        return self._list(Consent, "consents")

    set_consent = _read_only

    def list_consent_history(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[ConsentReceipt]:
        return self._page(ConsentReceipt, "consent_history", limit, cursor)

    def get_consent_receipt(self, receipt_id: str) -> ConsentReceipt:
        return self._find(ConsentReceipt, "consent_history", receipt_id, "consent receipt")

    def list_subscriptions(self) -> list[Subscription]:
        return self._list(Subscription, "subscriptions")

    set_subscription = _read_only

    def list_cookies(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[Cookie]:
        return self._page(Cookie, "cookies", limit, cursor)

    # --- sharing ----------------------------------------------------------------------------

    def list_recipients(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[Recipient]:
        return self._page(Recipient, "recipients", limit, cursor)

    def get_recipient(self, recipient_id: str) -> Recipient:
        return self._find(Recipient, "recipients", recipient_id, "recipient")

    @staticmethod
    def _of_recipient(recipient_id: str) -> Predicate:
        return lambda item: str(item.get("recipient_id")) == recipient_id

    def list_recipient_events(
        self, recipient_id: str, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[RecipientEvent]:
        return self._page(
            RecipientEvent,
            "recipient_events",
            limit,
            cursor,
            self._of_recipient(recipient_id),
            (recipient_id,),
        )

    # --- policy and notices -----------------------------------------------------------------

    def get_rights(self) -> RightsCard:
        """The shop's rights card as the archive kept it (older archives hold none)."""
        for item in self._items("rights"):
            return RightsCard.model_validate(item)
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
    ) -> ListPage[PolicyVersion]:
        return self._page(PolicyVersion, "policy_versions", limit, cursor)

    acknowledge_policy = _read_only

    def list_notices(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[Notice]:
        return self._page(Notice, "notices", limit, cursor)

    def list_impact_assessments(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[ImpactAssessment]:
        return self._page(ImpactAssessment, "impact_assessments", limit, cursor)

    # --- security incident notices and guardian links ---------------------------------------

    def list_incidents(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[Incident]:
        """As written: the archive keeps the shop's order (unread first, then newest)."""
        return self._page(Incident, "incidents", limit, cursor)

    def get_incident(self, notice_id: str) -> Incident:
        return self._find(Incident, "incidents", notice_id, "incident notice")

    def get_incident_counts(self) -> IncidentCounts:
        items = self._list(Incident, "incidents")
        return IncidentCounts(unread=sum(1 for i in items if not i.read), total=len(items))

    mark_incident_read = _read_only

    def list_guardian_links(self) -> list[GuardianLink]:
        return self._list(GuardianLink, "guardian_links")

    # --- access log -------------------------------------------------------------------------

    def list_access_log(
        self,
        *,
        limit: int = DEFAULT_PAGE_SIZE,
        cursor: str | None = None,
        order: Literal["asc", "desc"] = "asc",
    ) -> ListPage[AccessLogEntry]:
        """Oldest first by default (as stored), so the hash chain reads in order."""
        if order == "asc":
            return self._page(AccessLogEntry, "access_log", limit, cursor)
        newest_first: list[Item] = []  # read once per walk: the section is stored oldest first

        def fetch(size: int, at: str | None) -> Page[AccessLogEntry]:
            start = _offset(at)
            if not newest_first:
                newest_first.extend(reversed(list(self._items("access_log"))))
            chunk = newest_first[start : start + size]
            more = start + size < len(newest_first)
            return Page(
                items=[parse(AccessLogEntry, e) for e in chunk],
                next_cursor=str(start + size) if more else None,
            )

        return ListPage.fetch(fetch, limit=limit, cursor=cursor)

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
    ) -> ListPage[PrivacyRequest]:
        return self._page(
            PrivacyRequest,
            "requests",
            limit,
            cursor,
            self._request_filter(status, type),
            (status, type),
        )

    def get_request(self, request_id: str) -> PrivacyRequest:
        return self._find(PrivacyRequest, "requests", request_id, "request")

    cancel_request = _read_only
    verify_request = _read_only

    def get_demo_verification_code(self, request_id: str) -> NoReturn:
        raise NotInArchive("An archive holds no verification codes.", code="not_in_archive")

    def get_request_result(self, request_id: str) -> RequestResult:
        """An explanation's or a deletion's answer as the archive keeps it (other results,
        such as an access request's archive, are not in an archive)."""
        return request_result(self.archive, request_id)

    def download_result(
        self, request_id: str, dest_path: str | os.PathLike[str], **_options: Any
    ) -> NoReturn:
        raise NotInArchive(
            "An archive holds no request results; connect to the shop.", code="not_in_archive"
        )

    # --- assisted sessions: listed as the archive keeps them, never changed -----------------

    def list_assist_sessions(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[AssistSession]:
        return self._page(AssistSession, "assist_sessions", limit, cursor)

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
    "mark_incident_read",
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
