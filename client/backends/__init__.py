"""Shop backends behind one interface, each saying what it can do.

A shop speaks one of several privacy APIs: the project's own (`client.api.ShopApi`), or Ethyca
Fides (`client.backends.fides`). The app reads and files requests through `RequestBackend`
(the subset of calls the request tracker needs) and asks `capabilities` which pages, request
types and guarantees a shop has, so it can show only what exists and say plainly what does
not. `OurApiBackend` wraps a `ShopApi` unchanged; `ShopApi` itself is not touched.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from client.api import CancelCheck, ProgressCallback, ShopApi
from client.errors import ApiError
from client.models.requests import (
    REQUEST_TYPES,
    CreatedRequest,
    DemoVerificationCode,
    DownloadedArchive,
    PrivacyRequest,
    RequestResult,
    RequestStatus,
    RequestType,
)
from client.models.rights import RightsCard

OUR_API = "ours"
FIDES = "fides"


@dataclass(frozen=True)
class Capabilities:
    """What a shop's backend offers a shopper. Pages and request types follow these flags."""

    kind: str
    sees_data: bool  # shows what it holds about you (My data)
    tracks: bool  # browsing and location tracks
    orders: bool
    sharing: bool  # who received your data
    decisions: bool  # automated decisions
    notices: bool  # privacy-policy versions and notices
    access_log: bool  # who looked at your data
    consents: bool  # consent per purpose at all
    consent_receipts_signed: bool  # each change answered with a signed receipt
    consent_needs_code: bool  # reading or changing consent needs a code sent to you
    subscriptions: bool  # marketing channels
    cookies: bool  # the cookie inventory
    request_types: frozenset[str]
    subject_status: bool  # the shopper can read a request's status after filing it
    cancel_requests: bool
    result_download: bool  # results (e.g. the access archive) come back through the app
    deletion_by_category: bool  # erasure can be limited to categories
    idempotent_filing: bool  # the shop de-duplicates a re-sent request (Idempotency-Key)
    sign_in: bool  # an account sign-in (OAuth) rather than an identity plus codes
    assist: bool  # customer-service assist sessions
    code_tries: int = 0  # wrong codes allowed before a code stops working (0: not limited)
    code_lifetime_s: int = 0  # how long a code works (0: not limited)

    def offers(self, rtype: str) -> bool:
        return rtype in self.request_types


OUR_API_CAPABILITIES = Capabilities(
    kind=OUR_API,
    sees_data=True,
    tracks=True,
    orders=True,
    sharing=True,
    decisions=True,
    notices=True,
    access_log=True,
    consents=True,
    consent_receipts_signed=True,
    consent_needs_code=False,
    subscriptions=True,
    cookies=True,
    request_types=frozenset(REQUEST_TYPES),
    subject_status=True,
    cancel_requests=True,
    result_download=True,
    deletion_by_category=True,
    idempotent_filing=True,
    sign_in=True,
    assist=True,
)


class NotOffered(ApiError):
    """The shop's backend has no such thing (see its `Capabilities`)."""

    default_message = "This shop does not offer this."

    def __init__(self, what: str = "", message: str | None = None) -> None:
        super().__init__(message, code="not_offered")
        self.what = what


class CodeRejected(ApiError):
    """A verification code was wrong; `tries_left` more are allowed (None: unknown)."""

    default_message = "The code is not right."

    def __init__(self, tries_left: int | None, message: str | None = None, **kwargs: Any):
        super().__init__(message, **kwargs)
        self.tries_left = tries_left


class CodeExpired(ApiError):
    """The code is no longer valid (too old, or too many wrong tries): a new one is needed."""

    default_message = "The code is no longer valid; ask for a new one."

    def __init__(self, used_up: bool = False, message: str | None = None, **kwargs: Any):
        super().__init__(message, **kwargs)
        self.used_up = used_up


class MaybeFiled(ApiError):
    """The connection broke after the request was sent: the shop may have it already.

    Raised instead of retrying where the shop has no Idempotency-Key, so a request is never
    filed twice behind the shopper's back.
    """

    default_message = (
        "The connection broke after the request was sent; the shop may have received it."
    )


@runtime_checkable
class RequestBackend(Protocol):
    """What the request tracker calls on a shop; `ShopApi` has the same methods."""

    @property
    def capabilities(self) -> Capabilities: ...

    def create_request(
        self,
        type: RequestType,
        details: Mapping[str, Any] | None = None,
        *,
        note: str | None = None,
        idempotency_key: str | None = None,
    ) -> CreatedRequest: ...

    def iter_requests(
        self,
        *,
        status: RequestStatus | None = None,
        type: RequestType | None = None,
        limit: int = 100,
        max_items: int | None = None,
    ) -> Iterator[PrivacyRequest]: ...

    def get_request(self, request_id: str) -> PrivacyRequest: ...

    def cancel_request(self, request_id: str) -> PrivacyRequest: ...

    def verify_request(self, request_id: str, code: str) -> PrivacyRequest: ...

    def answer_fee(self, request_id: str, accept: bool) -> PrivacyRequest: ...

    def get_rights(self) -> RightsCard: ...

    def upload_identity_document(
        self,
        request_id: str,
        content: bytes,
        *,
        media_type: str,
        kind: str,
        filename: str | None = None,
    ) -> PrivacyRequest: ...

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


Send = Callable[[dict[str, Any], str], Any]
"""An outbox sender: file one payload with its idempotency key (client.outbox.Send)."""


class OurApiBackend:
    """The project's own API: a `ShopApi`, unchanged, with every capability."""

    def __init__(self, api: ShopApi) -> None:
        self.api = api

    @property
    def capabilities(self) -> Capabilities:
        return OUR_API_CAPABILITIES

    def create_request(
        self,
        type: RequestType,
        details: Mapping[str, Any] | None = None,
        *,
        note: str | None = None,
        idempotency_key: str | None = None,
    ) -> CreatedRequest:
        return self.api.create_request(type, details, note=note, idempotency_key=idempotency_key)

    def iter_requests(
        self,
        *,
        status: RequestStatus | None = None,
        type: RequestType | None = None,
        limit: int = 100,
        max_items: int | None = None,
    ) -> Iterator[PrivacyRequest]:
        return self.api.iter_requests(status=status, type=type, limit=limit, max_items=max_items)

    def get_request(self, request_id: str) -> PrivacyRequest:
        return self.api.get_request(request_id)

    def cancel_request(self, request_id: str) -> PrivacyRequest:
        return self.api.cancel_request(request_id)

    def verify_request(self, request_id: str, code: str) -> PrivacyRequest:
        return self.api.verify_request(request_id, code)

    def answer_fee(self, request_id: str, accept: bool) -> PrivacyRequest:
        return self.api.answer_fee(request_id, accept)

    def get_rights(self) -> RightsCard:
        return self.api.get_rights()

    def upload_identity_document(
        self,
        request_id: str,
        content: bytes,
        *,
        media_type: str,
        kind: str,
        filename: str | None = None,
    ) -> PrivacyRequest:
        return self.api.upload_identity_document(
            request_id, content, media_type=media_type, kind=kind, filename=filename
        )

    def get_demo_verification_code(self, request_id: str) -> DemoVerificationCode:
        return self.api.get_demo_verification_code(request_id)

    def get_request_result(self, request_id: str) -> RequestResult:
        return self.api.get_request_result(request_id)

    def download_result(
        self,
        request_id: str,
        dest_path: str | os.PathLike[str],
        *,
        progress: ProgressCallback | None = None,
        resume: bool = True,
        cancel: CancelCheck | None = None,
    ) -> DownloadedArchive:
        return self.api.download_result(
            request_id, dest_path, progress=progress, resume=resume, cancel=cancel
        )


__all__ = [
    "FIDES",
    "OUR_API",
    "OUR_API_CAPABILITIES",
    "Capabilities",
    "CodeExpired",
    "CodeRejected",
    "MaybeFiled",
    "NotOffered",
    "OurApiBackend",
    "RequestBackend",
    "Send",
]
