"""The one reading interface of a shop: `ShopReader`, and the narrower protocols beside it.

`client.api.ShopApi` (a live shop over HTTP) and `client.archive.ArchiveApi` (an opened archive,
offline) both implement `ShopReader`; the dashboard's pages read through it and never ask which
one they have. Every list that pages is ONE method, `list_<resource>(..., limit=, cursor=)`,
returning a `client.pagination.ListPage`: its `items` and `next_cursor` for a view that fetches
more on scroll, and `auto_paging_iter(max_items=)` for a caller that wants every item (the next
pages are fetched lazily, the keyset cursor stays inside). Short lists that never page
(`list_categories`, `list_consents`, `list_subscriptions`, `list_decision_requests`) return a
plain `list`.

Beside it:

- `RequestReader` (reading requests) and `RequestActions` (filing and following one) are what
  the request tracker needs; `client.backends.RequestBackend` adds `capabilities`, and
  `ShopApi`, `ArchiveApi` (which refuses every action: read only) and the Fides backend
  implement it. `RequestCreator` (filing alone) is all `client.filing.RequestFiler` needs.
- `AssistApi` is the customer-service assist capability: only a live shop has it (an archive
  holds no assist sessions), so the UI asks `ActiveView.assist_api` for it instead of casting.

Changes other than requests (consents, tracks, profile...) are `ShopApi`'s alone; the UI reaches
them through `ActiveView.shop`, which is the live shop or raises "read only".

mypy checks that both classes implement the protocols (`_implementations` below).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, Protocol

from client.models.access_log import AccessLogEntry, AccessLogHead
from client.models.account import Account
from client.models.assist import AssistCode, AssistSession, AssistSessionOpened
from client.models.consents import Consent, ConsentReceipt, Cookie, Subscription
from client.models.data import DataCategory, Device, Location, LogEntry, ServiceContact
from client.models.guardians import GuardianLink
from client.models.incidents import Incident, IncidentCounts
from client.models.notices import CurrentPolicy, ImpactAssessment, Notice, PolicyVersion
from client.models.orders import Decision, DecisionDetail, OrderDetail, OrderSummary
from client.models.overview import DecisionRequest, OverviewCounts
from client.models.requests import (
    CreatedRequest,
    DemoVerificationCode,
    DownloadedArchive,
    PrivacyRequest,
    RequestResult,
    RequestStatus,
    RequestType,
)
from client.models.rights import RightsCard
from client.models.sharing import Recipient, RecipientEvent
from client.models.tracks import Activity, Bucket, Tag, Track, TrackKind
from client.pagination import DEFAULT_PAGE_SIZE, ListPage

AccessLogOrder = Literal["asc", "desc"]
ProgressCallback = Callable[[int, int | None], None]  # (bytes done, total or None)
CancelCheck = Callable[[], bool]


class RequestReader(Protocol):
    """Reading the subject's privacy requests."""

    def list_requests(
        self,
        *,
        status: RequestStatus | None = None,
        type: RequestType | None = None,
        limit: int = DEFAULT_PAGE_SIZE,
        cursor: str | None = None,
    ) -> ListPage[PrivacyRequest]:
        """Newest first, optionally only of one status or type."""
        ...

    def get_request(self, request_id: str) -> PrivacyRequest: ...


class RequestCreator(Protocol):
    """Filing a request (all `client.filing.RequestFiler` needs)."""

    def create_request(
        self,
        type: RequestType,
        details: Mapping[str, Any] | None = None,
        *,
        note: str | None = None,
        idempotency_key: str | None = None,
    ) -> CreatedRequest: ...


class RequestActions(RequestCreator, Protocol):
    """Filing a request and following it to its result."""

    def cancel_request(self, request_id: str) -> PrivacyRequest: ...

    def verify_request(self, request_id: str, code: str) -> PrivacyRequest: ...

    def answer_fee(self, request_id: str, accept: bool) -> PrivacyRequest:
        """Accept the fee quoted for a repeated request (it proceeds) or withdraw it."""
        ...

    def upload_identity_document(
        self,
        request_id: str,
        content: bytes,
        *,
        media_type: str,
        kind: str,
        filename: str | None = None,
    ) -> PrivacyRequest:
        """Prove identity with a signed written request or other proof (PDF, PNG, JPEG)."""
        ...

    def get_rights(self) -> RightsCard:
        """The shop's rights card: which proofs of identity it accepts, among the rest."""
        ...

    def get_demo_verification_code(self, request_id: str) -> DemoVerificationCode: ...

    def get_request_result(self, request_id: str) -> RequestResult: ...

    def download_result(
        self,
        request_id: str,
        dest_path: str | os.PathLike[str],
        *,
        progress: ProgressCallback | None = None,
        resume: bool = True,
        cancel: CancelCheck | None = None,
    ) -> DownloadedArchive: ...


class ShopReader(RequestReader, Protocol):
    """Everything the dashboard reads about one subject at one shop."""

    # --- account and data held ------------------------------------------------------------
    def get_me(self) -> Account: ...

    def get_overview(self) -> OverviewCounts: ...

    def list_decision_requests(self) -> list[DecisionRequest]: ...

    def list_categories(self) -> list[DataCategory]: ...

    def list_devices(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[Device]: ...

    def list_locations(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[Location]: ...

    def list_logs(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[LogEntry]: ...

    def list_service_contacts(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[ServiceContact]: ...

    # --- tracks and tags ------------------------------------------------------------------
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
        """Newest first; `start` inclusive, `end` exclusive."""
        ...

    def track_activity(
        self,
        *,
        bucket: Bucket = "day",
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> Activity: ...

    def list_tags(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[Tag]: ...

    # --- orders and decisions -------------------------------------------------------------
    def list_orders(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[OrderSummary]: ...

    def get_order(self, order_id: str) -> OrderDetail: ...

    def list_decisions(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[Decision]: ...

    def get_decision(self, decision_id: str) -> DecisionDetail: ...

    # --- consents, subscriptions, cookies -------------------------------------------------
    def list_consents(self) -> list[Consent]: ...

    def list_consent_history(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[ConsentReceipt]: ...

    def get_consent_receipt(self, receipt_id: str) -> ConsentReceipt: ...

    def list_subscriptions(self) -> list[Subscription]: ...

    def list_cookies(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[Cookie]: ...

    # --- sharing --------------------------------------------------------------------------
    def list_recipients(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[Recipient]: ...

    def get_recipient(self, recipient_id: str) -> Recipient: ...

    def list_recipient_events(
        self, recipient_id: str, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[RecipientEvent]: ...

    # --- policy, notices, rights ----------------------------------------------------------
    def get_policy(self) -> CurrentPolicy: ...

    def get_rights(self) -> RightsCard: ...

    def list_policy_versions(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[PolicyVersion]: ...

    def list_notices(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[Notice]: ...

    def list_impact_assessments(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[ImpactAssessment]: ...
    # --- security incident notices and guardian links -------------------------------------
    def list_incidents(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[Incident]:
        """Unread first, then newest first."""
        ...

    def get_incident(self, notice_id: str) -> Incident: ...

    def get_incident_counts(self) -> IncidentCounts: ...

    def list_guardian_links(self) -> list[GuardianLink]: ...

    # --- access log -----------------------------------------------------------------------
    def list_access_log(
        self,
        *,
        limit: int = DEFAULT_PAGE_SIZE,
        cursor: str | None = None,
        order: AccessLogOrder = "asc",
    ) -> ListPage[AccessLogEntry]:
        """Oldest first by default, so the hash chain reads in order."""
        ...

    def get_access_log_head(self) -> AccessLogHead: ...


class AssistApi(Protocol):
    """Customer-service assist sessions: a live shop only."""

    def create_assist_code(self, *, idempotency_key: str | None = None) -> AssistCode: ...

    def list_assist_sessions(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[AssistSession]: ...

    def end_assist_session(self, session_id: str) -> None: ...

    def end_current_assist_session(self) -> None: ...

    def open_assist_session(
        self,
        customer_no: str,
        code: str,
        reason: str,
        *,
        idempotency_key: str | None = None,
    ) -> AssistSessionOpened: ...


if TYPE_CHECKING:  # mypy proves both readers implement the interface (nothing runs here)
    from client.api import ShopApi
    from client.archive.offline_api import ArchiveApi
    from client.backends import RequestBackend

    def _implementations(
        shop: ShopApi, archive: ArchiveApi
    ) -> tuple[ShopReader, ShopReader, AssistApi, RequestBackend, RequestBackend]:
        return shop, archive, shop, shop, archive


__all__ = [
    "AccessLogOrder",
    "AssistApi",
    "CancelCheck",
    "ProgressCallback",
    "RequestActions",
    "RequestCreator",
    "RequestReader",
    "ShopReader",
]
