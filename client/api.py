"""`ShopApi`: one typed method per endpoint of the shop privacy API (`API.md`).

It implements `client.reader.ShopReader` (what the pages read, also answered offline by
`client.archive.ArchiveApi`), `RequestActions` and `AssistApi`, plus the changes only a live
shop makes. Every answer is validated into the models of `client.models` (a malformed one raises
`BadResponse`); every failure is an `ApiError` subclass from `client.errors`. A paged list is
one method, `list_x(..., limit=, cursor=)`, returning a `ListPage[X]`: that page, and
`auto_paging_iter()` for every item (later pages fetched lazily by the keyset cursor).

Creating POSTs carry an `Idempotency-Key` (a uuid4 unless the caller passes one), so the
transport may retry them and a re-send after a lost answer creates nothing twice.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import uuid
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, TypeVar
from urllib.parse import quote

import requests
from pydantic import BaseModel, TypeAdapter, ValidationError

from client.capabilities import OUR_API_CAPABILITIES, Capabilities
from client.errors import ApiError, BadResponse, ConnectionFailed, NotFound, ValidationFailed
from client.i18n import trans_late
from client.models.access_log import AccessLogEntry, AccessLogHead
from client.models.account import Account, Personalization
from client.models.assist import AssistCode, AssistSession, AssistSessionOpened
from client.models.common import (
    Page,
    bad_response,
    describe_validation_error,
    parse,
    parse_list,
    parse_page,
)
from client.models.consents import (
    Channel,
    Consent,
    ConsentChange,
    ConsentReceipt,
    Cookie,
    Subscription,
)
from client.models.data import DataCategory, Device, Location, LogEntry, ServiceContact
from client.models.guardians import AccountConsentChanged, GuardianLink, Ward, WardSessionOpened
from client.models.incidents import Incident, IncidentCounts
from client.models.notices import (
    CurrentPolicy,
    ImpactAssessment,
    Notice,
    PolicyAcknowledgement,
    PolicyVersion,
)
from client.models.orders import Decision, DecisionDetail, OrderDetail, OrderRemoved, OrderSummary
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
from client.models.tracks import Activity, Bucket, Tag, Track, TrackKind, TracksDeleted
from client.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, ListPage, check_limit
from client.reader import CancelCheck, ProgressCallback
from client.transport import Transport

M = TypeVar("M", bound=BaseModel)


CHUNK_SIZE = 64 * 1024
_RESULT_ADAPTER: TypeAdapter[RequestResult] = TypeAdapter(RequestResult)


class DownloadCanceled(ApiError):
    """The caller canceled a download; the partial file is kept for a later resume."""

    default_message = trans_late("Errors", "The download was canceled.")


class ChecksumMismatch(BadResponse):
    default_message = trans_late(
        "Errors", "The downloaded file is damaged (its checksum does not match)."
    )


def new_idempotency_key() -> str:
    return str(uuid.uuid4())


def _seg(value: str) -> str:
    """One path segment: ids are opaque, so quote everything that is not plainly safe."""
    if not value:
        raise ValueError("an id must not be empty")
    return quote(value, safe="")


def _time(value: datetime) -> str:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("times sent to the shop must be timezone-aware")
    return value.isoformat()


def _page_params(limit: int, cursor: str | None, **extra: Any) -> dict[str, Any]:
    params: dict[str, Any] = {"limit": check_limit(limit)}
    if cursor:
        params["cursor"] = cursor
    params.update({key: value for key, value in extra.items() if value is not None})
    return params


class ShopApi:
    """The privacy API of one shop, over one `Transport` (which holds the sign-in)."""

    def __init__(self, transport: Transport) -> None:
        self.transport = transport

    @property
    def capabilities(self) -> Capabilities:
        """Our own API offers everything (see `client.backends` for other backends)."""
        return OUR_API_CAPABILITIES

    # --- plumbing ---------------------------------------------------------------------------

    def _get(self, model: type[M], path: str, params: Mapping[str, Any] | None = None) -> M:
        return parse(model, self.transport.get_json(path, params))

    def _page(
        self, model: type[M], path: str, limit: int, cursor: str | None, **extra: Any
    ) -> ListPage[M]:
        def fetch(size: int, at: str | None) -> Page[M]:
            return parse_page(model, self.transport.get_json(path, _page_params(size, at, **extra)))

        return ListPage.fetch(fetch, limit=limit, cursor=cursor)

    def _send(
        self,
        model: type[M],
        method: str,
        path: str,
        body: Any = None,
        *,
        idempotency_key: str | None = None,
    ) -> M:
        data = self.transport.send_json(method, path, body, idempotency_key=idempotency_key)
        return parse(model, data)

    def _delete(self, path: str) -> None:
        self.transport.request("DELETE", path).close()

    # --- account ----------------------------------------------------------------------------

    def get_me(self) -> Account:
        return self._get(Account, "me")

    def update_me(self, fields: Mapping[str, str | None]) -> Account:
        """Change editable profile fields (None clears one); all or nothing."""
        return self._send(Account, "PATCH", "me", {"fields": dict(fields)})

    def set_personalization(self, enabled: bool) -> Personalization:
        return self._send(Personalization, "PUT", "me/personalization", {"enabled": enabled})

    # --- data held --------------------------------------------------------------------------

    def get_overview(self) -> OverviewCounts:
        """The first page's counts: recipients with the subject's data, open requests.

        A shop without `GET /overview` (an older server) is counted from the lists instead.
        """
        try:
            return self._get(OverviewCounts, "overview")
        except NotFound:
            pass
        recipients = list(self.list_recipients(limit=MAX_PAGE_SIZE).auto_paging_iter())
        open_requests = [
            r
            for r in self.list_requests(limit=MAX_PAGE_SIZE).auto_paging_iter()
            if r.status not in ("completed", "denied", "canceled")
        ]
        return OverviewCounts(
            recipients=len(recipients),
            recipients_with_data=sum(1 for r in recipients if r.event_count > 0),
            open_requests=len(open_requests),
            overdue_requests=sum(1 for r in open_requests if r.overdue),
            next_due_working_days=min((r.working_days_left for r in open_requests), default=None),
        )

    def list_decision_requests(self) -> list[DecisionRequest]:
        """For each automated decision, the newest explanation / human-review request
        (a shop without `GET /decision-requests` is joined here, from the request list)."""
        try:
            data = self.transport.get_json("decision-requests")
        except NotFound:
            newest: dict[tuple[str, str], PrivacyRequest] = {}
            found = [
                r
                for t in ("explanation", "human_review")
                for r in self.list_requests(type=t, limit=MAX_PAGE_SIZE).auto_paging_iter()
            ]
            for r in sorted(found, key=lambda r: r.received_at):
                decision_id = str(r.details.get("decision_id", ""))
                if decision_id:
                    newest[(decision_id, r.type)] = r
            return [
                DecisionRequest(decision_id=d, type=t, request=r) for (d, t), r in newest.items()
            ]
        items = data.get("items") if isinstance(data, dict) else None
        return parse_list(DecisionRequest, items)

    def list_categories(self) -> list[DataCategory]:
        """Every category of personal data held (one short list, not paged)."""
        return parse_page(DataCategory, self.transport.get_json("data/categories")).items

    def list_devices(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[Device]:
        return self._page(Device, "data/devices", limit, cursor)

    def list_locations(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[Location]:
        return self._page(Location, "data/locations", limit, cursor)

    def list_logs(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[LogEntry]:
        return self._page(LogEntry, "data/logs", limit, cursor)

    def list_service_contacts(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[ServiceContact]:
        """Customer-service calls, chats, e-mails and letters (empty where none are kept)."""
        return self._page(ServiceContact, "data/service-contacts", limit, cursor)

    # --- My Tracks and tags -----------------------------------------------------------------

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
        return self._page(
            Track,
            "tracks",
            limit,
            cursor,
            kind=kind,
            q=q or None,
            **{"from": _time(start) if start else None, "to": _time(end) if end else None},
        )

    def track_activity(
        self,
        *,
        bucket: Bucket = "day",
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> Activity:
        params: dict[str, Any] = {"bucket": bucket}
        if start:
            params["from"] = _time(start)
        if end:
            params["to"] = _time(end)
        return self._get(Activity, "tracks/activity", params)

    def delete_track(self, track_id: str) -> None:
        self._delete(f"tracks/{_seg(track_id)}")

    def delete_tracks(
        self,
        *,
        ids: Sequence[str] | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
        everything: bool = False,
        idempotency_key: str | None = None,
    ) -> int:
        """Bulk delete by ids, by a `[start, end)` range, or everything; returns the count.

        A range or everything needs a recent sign-in (`ReauthRequired` otherwise).
        """
        ranged = start is not None or end is not None
        if sum([ids is not None, ranged, everything]) != 1:
            raise ValueError("pass exactly one of ids, a start/end range, or everything=True")
        body: dict[str, Any]
        if ids is not None:
            body = {"ids": list(ids)}
        elif ranged:
            if start is None or end is None:
                raise ValueError("a range needs both start and end")
            body = {"from": _time(start), "to": _time(end)}
        else:
            body = {"all": True}
        result = self._send(
            TracksDeleted,
            "POST",
            "./tracks:delete",  # "./" so the colon is not read as a URL scheme
            body,
            idempotency_key=idempotency_key or new_idempotency_key(),
        )
        return result.deleted

    def list_tags(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[Tag]:
        return self._page(Tag, "tags", limit, cursor)

    def delete_tag(self, tag_id: str) -> None:
        self._delete(f"tags/{_seg(tag_id)}")

    # --- orders and decisions ---------------------------------------------------------------

    def list_orders(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[OrderSummary]:
        return self._page(OrderSummary, "orders", limit, cursor)

    def get_order(self, order_id: str) -> OrderDetail:
        return self._get(OrderDetail, f"orders/{_seg(order_id)}")

    def remove_order(self, order_id: str) -> OrderRemoved:
        """Hide an order; the answer says what the shop must keep by law, and until when."""
        data = self.transport.send_json("DELETE", f"orders/{_seg(order_id)}")
        if data is None:
            return OrderRemoved(id=order_id, removed=True)
        return parse(OrderRemoved, data)

    def list_decisions(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[Decision]:
        return self._page(Decision, "decisions", limit, cursor)

    def get_decision(self, decision_id: str) -> DecisionDetail:
        return self._get(DecisionDetail, f"decisions/{_seg(decision_id)}")

    # --- consents, subscriptions, cookies ---------------------------------------------------

    def list_consents(self) -> list[Consent]:
        """Every processing purpose with its consent state (one short list)."""
        return parse_page(Consent, self.transport.get_json("consents")).items

    def set_consent(
        self,
        purpose: str,
        granted: bool,
        *,
        guardian_present: bool | None = None,
        idempotency_key: str | None = None,
    ) -> ConsentChange:
        """Grant or withdraw; the answer carries the shop-signed receipt. A guardian changing
        a ward's consent passes `guardian_present` where the shop's policy asks for it.

        One Idempotency-Key per call, kept across the transport's retries: a re-send after a
        lost answer gets the first answer, never a second receipt (even if the consent was
        changed elsewhere in between)."""
        body: dict[str, Any] = {"granted": granted}
        if guardian_present is not None:
            body["guardian_present"] = guardian_present
        return self._send(
            ConsentChange,
            "PUT",
            f"consents/{_seg(purpose)}",
            body,
            idempotency_key=idempotency_key or new_idempotency_key(),
        )

    def list_consent_history(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[ConsentReceipt]:
        return self._page(ConsentReceipt, "consents/history", limit, cursor)

    def get_consent_receipt(self, receipt_id: str) -> ConsentReceipt:
        return self._get(ConsentReceipt, f"consents/receipts/{_seg(receipt_id)}")

    def list_subscriptions(self) -> list[Subscription]:
        return parse_page(Subscription, self.transport.get_json("subscriptions")).items

    def set_subscription(self, channel: Channel, enabled: bool) -> Subscription:
        return self._send(
            Subscription, "PUT", f"subscriptions/{_seg(channel)}", {"enabled": enabled}
        )

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
        return self._get(Recipient, f"recipients/{_seg(recipient_id)}")

    def list_recipient_events(
        self, recipient_id: str, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[RecipientEvent]:
        return self._page(RecipientEvent, f"recipients/{_seg(recipient_id)}/events", limit, cursor)

    # --- policy and notices -----------------------------------------------------------------

    def get_policy(self) -> CurrentPolicy:
        return self._get(CurrentPolicy, "policy")

    def get_rights(self) -> RightsCard:
        """The shop's "Your rights here" card, in the session's language."""
        return self._get(RightsCard, "rights")

    def list_policy_versions(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[PolicyVersion]:
        return self._page(PolicyVersion, "policy/versions", limit, cursor)

    def acknowledge_policy(self, version: str) -> PolicyAcknowledgement:
        return self._send(
            PolicyAcknowledgement,
            "POST",
            f"policy/{_seg(version)}/acknowledge",
            idempotency_key=new_idempotency_key(),
        )

    def list_notices(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[Notice]:
        return self._page(Notice, "notices", limit, cursor)

    def list_impact_assessments(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[ImpactAssessment]:
        """Published impact assessments (empty at a shop whose policy promises none)."""
        return self._page(ImpactAssessment, "impact-assessments", limit, cursor)

    # --- incidents ----------------------------------------------------------------------------

    def list_incidents(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[Incident]:
        """This shopper's incident notices: unread first, then newest first."""
        return self._page(Incident, "incidents", limit, cursor)

    def get_incident(self, notice_id: str) -> Incident:
        return self._get(Incident, f"incidents/{_seg(notice_id)}")

    def get_incident_counts(self) -> IncidentCounts:
        return self._get(IncidentCounts, "incidents/counts")

    def mark_incident_read(self, notice_id: str) -> Incident:
        """Idempotent: repeating it keeps the first reading time."""
        return self._send(Incident, "PUT", f"incidents/{_seg(notice_id)}/read")

    # --- guardians ----------------------------------------------------------------------------

    def list_wards(self) -> list[Ward]:
        """The accounts this signed-in guardian looks after (empty for most shoppers)."""
        return list(self._page(Ward, "guardian/wards", DEFAULT_PAGE_SIZE, None).items)

    def list_guardian_links(self) -> list[GuardianLink]:
        """This account's guardians and wards (ended links too)."""
        return list(self._page(GuardianLink, "guardian/links", DEFAULT_PAGE_SIZE, None).items)

    def open_ward_session(self, ward_id: str) -> WardSessionOpened:
        """A short token on the ward's data (see `client.guardian.WardSession`)."""
        return self._send(WardSessionOpened, "POST", f"guardian/wards/{_seg(ward_id)}/session")

    def set_ward_account_consent(
        self,
        ward_id: str,
        granted: bool,
        *,
        guardian_present: bool | None = None,
        idempotency_key: str | None = None,
    ) -> AccountConsentChanged:
        """Give or withdraw the guardian's consent to the ward's account (the guardian's own
        sign-in). Withdrawing ends the ward's own sign-ins at the shop at once."""
        body: dict[str, Any] = {"state": "granted" if granted else "withdrawn"}
        if guardian_present is not None:
            body["guardian_present"] = guardian_present
        return self._send(
            AccountConsentChanged,
            "PUT",
            f"guardian/wards/{_seg(ward_id)}/account-consent",
            body,
            idempotency_key=idempotency_key or new_idempotency_key(),
        )

    # --- access log -------------------------------------------------------------------------

    def list_access_log(
        self,
        *,
        limit: int = DEFAULT_PAGE_SIZE,
        cursor: str | None = None,
        order: Literal["asc", "desc"] = "asc",
    ) -> ListPage[AccessLogEntry]:
        """Oldest first by default, so the hash chain reads in order."""
        return self._page(AccessLogEntry, "access-log", limit, cursor, order=order)

    def get_access_log_head(self) -> AccessLogHead:
        return self._get(AccessLogHead, "access-log/head")

    # --- privacy requests -------------------------------------------------------------------

    def create_request(
        self,
        type: RequestType,
        details: Mapping[str, Any] | None = None,
        *,
        note: str | None = None,
        idempotency_key: str | None = None,
    ) -> CreatedRequest:
        """File a privacy request of any type.

        Pass the `idempotency_key` of an earlier attempt to re-send it safely; otherwise a new
        uuid4 is made. Either way it comes back with the request, to keep for a re-send.
        """
        key = idempotency_key or new_idempotency_key()
        body: dict[str, Any] = {"type": type}
        if details is not None:
            body["details"] = dict(details)
        if note is not None:
            body["note"] = note
        request = self._send(PrivacyRequest, "POST", "requests", body, idempotency_key=key)
        return CreatedRequest(request=request, idempotency_key=key)

    def list_requests(
        self,
        *,
        status: RequestStatus | None = None,
        type: RequestType | None = None,
        limit: int = DEFAULT_PAGE_SIZE,
        cursor: str | None = None,
    ) -> ListPage[PrivacyRequest]:
        """Newest first, optionally only of one status or type."""
        return self._page(PrivacyRequest, "requests", limit, cursor, status=status, type=type)

    def get_request(self, request_id: str) -> PrivacyRequest:
        return self._get(PrivacyRequest, f"requests/{_seg(request_id)}")

    def cancel_request(self, request_id: str) -> PrivacyRequest:
        return self._send(
            PrivacyRequest,
            "POST",
            f"requests/{_seg(request_id)}/cancel",
            idempotency_key=new_idempotency_key(),
        )

    def verify_request(self, request_id: str, code: str) -> PrivacyRequest:
        """Confirm identity with the code the shop sent (moves it to `pending`)."""
        return self._send(
            PrivacyRequest,
            "POST",
            f"requests/{_seg(request_id)}/verify",
            {"code": code},
            idempotency_key=new_idempotency_key(),
        )

    def answer_fee(
        self, request_id: str, accept: bool, *, idempotency_key: str | None = None
    ) -> PrivacyRequest:
        """Accept the fee quoted for a repeated request (it proceeds) or withdraw the request.

        Safe to repeat with the same `idempotency_key` after a lost answer."""
        verb = "accept" if accept else "withdraw"
        return self._send(
            PrivacyRequest,
            "POST",
            f"requests/{_seg(request_id)}/fee/{verb}",
            idempotency_key=idempotency_key or new_idempotency_key(),
        )

    def upload_identity_document(
        self,
        request_id: str,
        content: bytes,
        *,
        media_type: str,
        kind: str,
        filename: str | None = None,
        idempotency_key: str | None = None,
    ) -> PrivacyRequest:
        """Send a signed written request or other proof of identity for the shop to review.

        `media_type` is application/pdf, image/png or image/jpeg; the shop refuses others
        (415), files over 2 MiB (413) and content that is not what it says (422)."""
        params = {"kind": kind}
        if filename:
            params["filename"] = filename
        response = self.transport.request(
            "POST",
            f"requests/{_seg(request_id)}/identity-documents",
            params=params,
            data=content,
            headers={"Content-Type": media_type},
            idempotency_key=idempotency_key or new_idempotency_key(),
        )
        try:
            return parse(PrivacyRequest, response.json())
        finally:
            response.close()

    def get_demo_verification_code(self, request_id: str) -> DemoVerificationCode:
        """Demo shops only: the verification code the shop "sent" (404 on a real shop)."""
        return self._get(
            DemoVerificationCode, f"requests/{_seg(request_id)}/demo-verification-code"
        )

    def get_request_result(self, request_id: str) -> RequestResult:
        """A JSON result (explanation, deletion receipts, correction, answer, consent receipts).

        An access request's result is an archive: use `download_result`.
        """
        response = self.transport.request("GET", f"requests/{_seg(request_id)}/result")
        try:
            media = response.headers.get("Content-Type", "")
            if "json" not in media:
                raise ValidationFailed(
                    "This result is a file; download it instead.",
                    status=response.status_code,
                    code="not_json",
                )
            try:
                data = response.json()
            except ValueError as exc:
                raise bad_response("result", "not JSON") from exc
        finally:
            response.close()
        try:
            return _RESULT_ADAPTER.validate_python(data)
        except ValidationError as exc:
            raise bad_response("request result", describe_validation_error(exc)) from exc

    def download_result(
        self,
        request_id: str,
        dest_path: str | os.PathLike[str],
        *,
        progress: ProgressCallback | None = None,
        resume: bool = True,
        cancel: CancelCheck | None = None,
    ) -> DownloadedArchive:
        """Stream the access archive to `dest_path`, resumably, and check its SHA-256.

        Bytes go to `dest_path + ".part"`; with `resume`, an existing part file is continued with
        `Range` (and `If-Range` on the ETag saved next to it, so a changed file restarts). The
        SHA-256 the shop sends is checked over the whole file before the part file is renamed
        into place atomically. `cancel()` returning true stops cleanly with `DownloadCanceled`,
        leaving the part file for a later resume.
        """
        return _Download(self.transport, request_id, Path(dest_path), progress, cancel).run(resume)

    def export_stream(
        self,
        section: str,
        *,
        after: str | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
        chunk_size: int = 1 << 16,
    ) -> Iterator[bytes]:
        """A whole section from `GET /export/{section}`, as raw NDJSON bytes in blocks.

        Blocks are cut anywhere (a line may span two); the items are the detail shapes (orders
        with items and sharing, decisions with factors), newest first. `after` continues after
        the item with that id. A broken stream raises `ConnectionFailed` (continue with `after`
        = the last complete line's id); `NotFound` means the shop has no bulk export.
        """
        params: dict[str, Any] = {}
        if after is not None:
            params["after"] = after
        if start is not None:
            params["from"] = _time(start)
        if end is not None:
            params["to"] = _time(end)
        response = self.transport.request(
            "GET",
            f"export/{_seg(section)}",
            params=params,
            stream=True,
            headers={"Accept": "application/x-ndjson, application/problem+json"},
        )
        with response:
            kind = response.headers.get("Content-Type", "")
            if not kind.startswith("application/x-ndjson"):
                raise BadResponse(
                    status=response.status_code, request_id=response.headers.get("X-Request-Id")
                )
            try:
                yield from response.iter_content(chunk_size=chunk_size)
            except requests.RequestException as exc:
                raise ConnectionFailed("The connection to the shop broke off.") from exc

    # --- assisted sessions ------------------------------------------------------------------

    def create_assist_code(self, *, idempotency_key: str | None = None) -> AssistCode:
        """A one-time six-digit code to read out to a customer-service agent."""
        return self._send(
            AssistCode,
            "POST",
            "assist/codes",
            idempotency_key=idempotency_key or new_idempotency_key(),
        )

    def list_assist_sessions(
        self, *, limit: int = DEFAULT_PAGE_SIZE, cursor: str | None = None
    ) -> ListPage[AssistSession]:
        return self._page(AssistSession, "assist/sessions", limit, cursor)

    def end_assist_session(self, session_id: str) -> None:
        self._delete(f"assist/sessions/{_seg(session_id)}")

    def end_current_assist_session(self) -> None:
        """Agents: end the assist session this token belongs to."""
        self._delete("assist/sessions/current")

    def open_assist_session(
        self,
        customer_no: str,
        code: str,
        reason: str,
        *,
        idempotency_key: str | None = None,
    ) -> AssistSessionOpened:
        """Agents (own sign-in, scope `assist`): exchange customer number + code for a token."""
        return self._send(
            AssistSessionOpened,
            "POST",
            "assist/sessions",
            {"customer_no": customer_no, "code": code, "reason": reason},
            idempotency_key=idempotency_key or new_idempotency_key(),
        )


# --- archive download -------------------------------------------------------------------------


def _expected_sha256(response: requests.Response) -> str | None:
    """The archive's SHA-256 (hex) from `X-Content-SHA256` or an RFC 3230 `Digest` header."""
    value = response.headers.get("X-Content-SHA256")
    if value:
        return value.strip().lower()
    digest = response.headers.get("Digest") or response.headers.get("Repr-Digest")
    if not digest:
        return None
    for part in digest.split(","):
        name, _, encoded = part.strip().partition("=")
        if name.strip().lower() in ("sha-256", "sha256"):
            encoded = encoded.strip().strip(":")
            try:
                return base64.b64decode(encoded, validate=True).hex()
            except (binascii.Error, ValueError):
                return None
    return None


def _content_range_total(value: str | None) -> int | None:
    # "bytes 100-199/2000" or "bytes */2000"
    if not value or "/" not in value:
        return None
    total = value.rsplit("/", 1)[1].strip()
    return int(total) if total.isdigit() else None


class _Download:
    def __init__(
        self,
        transport: Transport,
        request_id: str,
        dest: Path,
        progress: ProgressCallback | None,
        cancel: CancelCheck | None,
    ) -> None:
        self.transport = transport
        self.path = f"requests/{_seg(request_id)}/result"
        self.dest = dest
        self.part = dest.with_name(dest.name + ".part")
        self.etag_file = dest.with_name(dest.name + ".part.etag")
        self.progress = progress
        self.cancel = cancel

    def run(self, resume: bool) -> DownloadedArchive:
        offset = self.part.stat().st_size if resume and self.part.exists() else 0
        etag = self._saved_etag() if offset else None
        if offset and etag is None:
            offset = 0  # without a validator a resume could splice two different files
        headers: dict[str, str] = {"Accept": "*/*"}
        if offset:
            headers["Range"] = f"bytes={offset}-"
            headers["If-Range"] = etag or ""
        try:
            response = self.transport.request("GET", self.path, headers=headers, stream=True)
        except ValidationFailed as exc:
            if offset and exc.status == 416:  # the part file is stale: start over
                self._discard_part()
                return self.run(resume=False)
            raise
        try:
            return self._receive(response, offset)
        finally:
            response.close()

    def _receive(self, response: requests.Response, offset: int) -> DownloadedArchive:
        media = response.headers.get("Content-Type", "")
        if "json" in media and response.status_code == 200:
            raise ValidationFailed(
                "This request's result is not a file to download.", code="not_archive"
            )
        if response.status_code == 206:
            start = offset
            total = _content_range_total(response.headers.get("Content-Range"))
            content_range = response.headers.get("Content-Range", "")
            if not content_range.startswith(f"bytes {offset}-"):
                raise BadResponse("The shop resumed the download at the wrong place.")
        elif response.status_code == 200:
            start = 0
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
        else:
            raise BadResponse(f"Unexpected answer {response.status_code} to a download.")
        expected = _expected_sha256(response)
        if expected is None:
            raise BadResponse("The shop did not say the archive's checksum.")
        etag = response.headers.get("ETag")
        self.dest.parent.mkdir(parents=True, exist_ok=True)
        if start == 0:
            self._discard_part()
        if etag:
            self.etag_file.write_text(etag, encoding="utf-8")
        hasher = hashlib.sha256()
        done = 0
        if start:
            with self.part.open("rb") as existing:
                for block in iter(lambda: existing.read(CHUNK_SIZE), b""):
                    hasher.update(block)
                    done += len(block)
        self._report(done, total)
        try:
            with self.part.open("ab" if start else "wb") as out:
                for chunk in response.iter_content(CHUNK_SIZE):
                    if self.cancel is not None and self.cancel():
                        raise DownloadCanceled()
                    if not chunk:
                        continue
                    out.write(chunk)
                    hasher.update(chunk)
                    done += len(chunk)
                    self._report(done, total)
                out.flush()
                os.fsync(out.fileno())
        except requests.RequestException as exc:  # before OSError: it subclasses it
            raise ConnectionFailed(
                "The download was interrupted; it will resume where it stopped."
            ) from exc
        if total is not None and done != total:
            raise ConnectionFailed("The download ended early; it will resume where it stopped.")
        actual = hasher.hexdigest()
        if actual != expected:
            self._discard_part()
            raise ChecksumMismatch(detail=f"expected {expected}, got {actual}")
        os.replace(self.part, self.dest)
        self.etag_file.unlink(missing_ok=True)
        return DownloadedArchive(path=str(self.dest), size=done, sha256=actual, resumed_from=start)

    def _report(self, done: int, total: int | None) -> None:
        if self.progress is not None:
            self.progress(done, total)

    def _saved_etag(self) -> str | None:
        try:
            value = self.etag_file.read_text(encoding="utf-8").strip()
        except OSError:
            return None
        return value or None

    def _discard_part(self) -> None:
        self.part.unlink(missing_ok=True)
        self.etag_file.unlink(missing_ok=True)


__all__ = [
    "ChecksumMismatch",
    "DownloadCanceled",
    "ShopApi",
    "new_idempotency_key",
]
