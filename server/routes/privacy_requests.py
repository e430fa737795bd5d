"""Privacy requests: file one, follow it through its timeline, cancel, verify, fetch the result.

The state machine and validation live in `server.requests_flow`; the shop's side that does the
work is `server.processor`. `GET /v1/requests/{id}/demo-verification-code` exists for testers of
a demo server only (`--demo`): everywhere else it answers 404, and the code is only "sent" (to
the log `server.verification`, as the demo shop has no SMS gateway).

Filing, canceling and verifying need `request_filer` (the subject with `privacy.write`, or an
agent in an assist session); reading requests and results needs `current_principal`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, Query, Request
from fastapi.responses import Response, StreamingResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.context import ShopContext
from server.deps import (
    Principal,
    current_principal,
    get_ctx,
    get_db,
    request_filer,
    stream_db,
    streaming_principal,
)
from server.errors import Problem, not_found
from server.idempotency import run_idempotent
from server.identity_documents import store_upload
from server.messages import translate
from server.models import PrivacyRequest
from server.openapi_doc import IDEMPOTENCY_REQUIRED
from server.pagination import DEFAULT_LIMIT, newest_first_page
from server.requests_flow import (
    Filer,
    answer_fee,
    cancel,
    create_request_out,
    find_own,
    request_out,
    requests_out,
    stored_result,
    validate_details,
    verify,
)
from server.routes.ids import parse_id
from server.schemas.common import PROBLEM_RESPONSES, CursorQuery, LimitQuery, Page
from server.schemas.privacy_requests import (
    AnswerResult,
    ConsentWithdrawalResult,
    CorrectionResult,
    DemoVerificationCode,
    NewRequest,
    PrivacyRequestOut,
    RequestResult,
    RequestStatus,
    RequestType,
    VerifyBody,
)
from server.serialisers import deletion_result, explanation_result

router = APIRouter(prefix="/v1", tags=["requests"])

ROUTE_KEY = "POST /v1/requests"
# Per account (whoever files: the shopper or an agent for them), `requests_per_day` of the
# config: each request costs a processor step and may carry documents.
REQUEST_WINDOW = 24 * 3600.0
CHUNK = 64 * 1024
# At most 18 digits a side: any file offset fits, and int() never sees thousands of digits.
_RANGE = re.compile(r"\s*bytes\s*=\s*(\d{0,18})\s*-\s*(\d{0,18})\s*", re.IGNORECASE)
_RESPONSES_409: dict[int | str, dict[str, Any]] = {
    **PROBLEM_RESPONSES,
    409: PROBLEM_RESPONSES[422],
}


def _own(db: Session, principal: Principal, raw_id: str) -> PrivacyRequest:
    req = find_own(db, principal.subject_id, parse_id(raw_id, "request"))
    if req is None:
        raise not_found("request")
    return req


@router.post(
    "/requests",
    status_code=201,
    response_model=PrivacyRequestOut,
    responses=_RESPONSES_409,
    summary="File a privacy request (needs an Idempotency-Key)",
    openapi_extra={IDEMPOTENCY_REQUIRED: True},
    description=(
        "`details` depend on `type`. Requests of the types the shop lists in discovery under "
        "`verification_required_for` start as `identity_unverified`: the shop sends a 6-digit "
        "code, which `POST /requests/{id}/verify` checks. An account cancellation needs a "
        "sign-in within the re-authentication window (403 `reauth_required`) unless an agent "
        "files it. A correction whose `current` is not the stored value is 409 `stale_value`."
    ),
)
def file_request(
    body: Annotated[NewRequest, Body()],
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
    principal: Principal = Depends(request_filer),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
) -> Response:
    payload = body.model_dump(mode="json")

    def produce() -> tuple[int, Any]:
        now = ctx.clock.now()
        # Counted in the filing's transaction: a refused or replayed filing is not counted.
        if ctx.config.requests_per_day > 0:
            ctx.limits.check(
                f"requests:{principal.subject_id}",
                limit=ctx.config.requests_per_day,
                window=REQUEST_WINDOW,
                what="privacy requests from this account",
                db=db,
            )
        if (
            body.type == "account_cancellation"
            and not principal.is_agent
            and now - principal.auth_time > ctx.config.reauth_window
        ):
            raise Problem(
                403,
                "reauth_required",
                "Please sign in again to confirm this action.",
                extra={"max_age": int(ctx.config.reauth_window.total_seconds())},
            )
        details = validate_details(db, ctx, principal.subject_id, body.type, payload["details"])
        filer = Filer(
            subject_id=principal.subject_id,
            role="agent" if principal.is_agent else "subject",
            # an agent by the name a customer reads, not their login
            name=principal.actor_display if principal.is_agent else principal.actor_name,
        )
        _req, out = create_request_out(db, ctx, filer, body.type, details, body.note)
        return 201, out.model_dump(mode="json")

    response = run_idempotent(
        ctx,
        db,
        user_id=principal.subject_id,
        key=idempotency_key,
        route=ROUTE_KEY,
        body=payload,
        produce=produce,
    )
    if response.status_code == 201:
        data = json.loads(bytes(response.body))
        response.headers["Location"] = f"{ctx.api_base}/requests/{data['id']}"
    return response


@router.get(
    "/requests",
    response_model=Page[PrivacyRequestOut],
    responses=PROBLEM_RESPONSES,
    summary="This subject's requests, newest first",
)
def list_requests(
    status: Annotated[RequestStatus | None, Query()] = None,
    request_type: Annotated[RequestType | None, Query(alias="type")] = None,
    limit: LimitQuery = DEFAULT_LIMIT,
    cursor: CursorQuery = None,
    principal: Principal = Depends(current_principal),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
) -> Page[PrivacyRequestOut]:
    query = select(PrivacyRequest).where(PrivacyRequest.user_id == principal.subject_id)
    if status is not None:
        query = query.where(PrivacyRequest.status == status)
    if request_type is not None:
        query = query.where(PrivacyRequest.type == request_type)
    rows, next_cursor = newest_first_page(
        db, query, PrivacyRequest.received_at, PrivacyRequest.id, limit=limit, cursor=cursor
    )
    return Page[PrivacyRequestOut](items=requests_out(db, ctx, rows), next_cursor=next_cursor)


@router.get(
    "/requests/{request_id}",
    response_model=PrivacyRequestOut,
    responses=PROBLEM_RESPONSES,
    summary="One request with its timeline",
)
def get_request(
    request_id: str,
    principal: Principal = Depends(current_principal),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
) -> PrivacyRequestOut:
    return request_out(db, ctx, _own(db, principal, request_id))


@router.post(
    "/requests/{request_id}/cancel",
    response_model=PrivacyRequestOut,
    responses=_RESPONSES_409,
    summary="Cancel a request that is not yet in progress (repeating it is harmless)",
)
def cancel_request(
    request_id: str,
    principal: Principal = Depends(request_filer),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
) -> PrivacyRequestOut:
    req = _own(db, principal, request_id)
    cancel(ctx, db, req, principal.actor_name)
    db.commit()
    return request_out(db, ctx, req)


@router.post(
    "/requests/{request_id}/verify",
    response_model=PrivacyRequestOut,
    responses=_RESPONSES_409,
    summary="Confirm the subject's identity with the code the shop sent",
    description="Wrong code: 422 `verification_failed`. After 5 wrong codes the request is "
    "locked for 15 minutes (429 with Retry-After).",
)
def verify_request(
    request_id: str,
    body: VerifyBody,
    principal: Principal = Depends(request_filer),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
) -> PrivacyRequestOut:
    req = _own(db, principal, request_id)
    verify(db, ctx, req, body.code, principal.actor_name)
    db.commit()
    return request_out(db, ctx, req)


def _answer_fee(
    request_id: str,
    accept: bool,
    idempotency_key: str | None,
    principal: Principal,
    ctx: ShopContext,
    db: Session,
) -> Response:
    req = _own(db, principal, request_id)

    def produce() -> tuple[int, Any]:
        answer_fee(db, ctx, req, accept=accept, actor=principal.actor_name)
        db.flush()
        return 200, request_out(db, ctx, req).model_dump(mode="json")

    verb = "accept" if accept else "withdraw"
    return run_idempotent(
        ctx,
        db,
        user_id=principal.subject_id,
        key=idempotency_key,
        route=f"POST /v1/requests/{req.id}/fee/{verb}",
        body={"request_id": req.id, "answer": verb},
        produce=produce,
    )


async def _raw_body(request: Request) -> bytes:
    """The body as sent (the request guard has already capped its size)."""
    return await request.body()


@router.post(
    "/requests/{request_id}/identity-documents",
    status_code=201,
    response_model=PrivacyRequestOut,
    responses={
        **_RESPONSES_409,
        413: PROBLEM_RESPONSES[422],
        415: PROBLEM_RESPONSES[422],
    },
    summary="Prove identity with a document: a signed written request or other proof",
    description=(
        "Only where the shop's policy names such proof (`verification` in GET /v1/rights: "
        "`written_request`, `other_proof`) and while the request is `identity_unverified`. "
        "The body is the file itself, sent as `application/pdf`, `image/png` or `image/jpeg` "
        "(other types: 415), at most 2 MiB (413); its first bytes must match the type and it "
        "must not be empty (422). The document waits for the shop's review, shown in "
        "`identity_documents`; accepted, the request moves to `pending`. Needs an "
        "Idempotency-Key: a re-sent upload is stored once."
    ),
    openapi_extra={
        IDEMPOTENCY_REQUIRED: True,
        "requestBody": {
            "required": True,
            "content": {
                media: {"schema": {"type": "string", "format": "binary"}}
                for media in ("application/pdf", "image/png", "image/jpeg")
            },
        },
    },
)
def upload_identity_document(
    request_id: str,
    request: Request,
    # Checked in the route, after the request is found to be the caller's: a stranger learns
    # nothing but 404, whatever the parameters.
    kind: Annotated[
        str | None,
        Query(description="Which proof the document is: `written_request` or `other_proof`."),
    ] = None,
    filename: Annotated[str | None, Query(description="At most 500 characters.")] = None,
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
    content: bytes = Depends(_raw_body),
    principal: Principal = Depends(request_filer),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
) -> Response:
    req = _own(db, principal, request_id)
    media_type = request.headers.get("content-type", "")

    def produce() -> tuple[int, Any]:
        store_upload(
            db,
            ctx,
            req,
            kind=kind or "",
            filename=filename,
            media_type=media_type,
            content=content,
            actor=principal.actor_name,
        )
        db.flush()
        return 201, request_out(db, ctx, req).model_dump(mode="json")

    return run_idempotent(
        ctx,
        db,
        user_id=principal.subject_id,
        key=idempotency_key,
        route=f"POST /v1/requests/{req.id}/identity-documents",
        body={
            "kind": kind,
            "filename": filename,
            "media_type": media_type,
            "sha256": hashlib.sha256(content).hexdigest(),
        },
        produce=produce,
    )


_FEE_DOC = (
    "Only while the request is `fee_quoted`. Answering the same way again (or repeating the "
    "call with its Idempotency-Key) returns the request unchanged; answering the other way "
    "afterwards is 409 `invalid_state`."
)


@router.post(
    "/requests/{request_id}/fee/accept",
    response_model=PrivacyRequestOut,
    responses=_RESPONSES_409,
    summary="Accept the fee quoted for a repeated request: the request proceeds",
    description=_FEE_DOC,
    openapi_extra={IDEMPOTENCY_REQUIRED: True},
)
def accept_fee(
    request_id: str,
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
    principal: Principal = Depends(request_filer),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
) -> Response:
    return _answer_fee(request_id, True, idempotency_key, principal, ctx, db)


@router.post(
    "/requests/{request_id}/fee/withdraw",
    response_model=PrivacyRequestOut,
    responses=_RESPONSES_409,
    summary="Withdraw a request rather than pay the fee quoted for it (it is canceled)",
    description=_FEE_DOC,
    openapi_extra={IDEMPOTENCY_REQUIRED: True},
)
def withdraw_fee(
    request_id: str,
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
    principal: Principal = Depends(request_filer),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
) -> Response:
    return _answer_fee(request_id, False, idempotency_key, principal, ctx, db)


@router.get(
    "/requests/{request_id}/demo-verification-code",
    response_model=DemoVerificationCode,
    responses=PROBLEM_RESPONSES,
    summary="Demo servers only: the verification code the shop 'sent' (404 elsewhere)",
    description="The code stands in for a text message to the shopper and proves they are who "
    "they say: only the shopper's own sign-in reads it. An agent's assist session or a "
    "guardian's session on a ward is refused (403 `forbidden`).",
)
def demo_verification_code(
    request_id: str,
    principal: Principal = Depends(current_principal),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
) -> DemoVerificationCode:
    if not ctx.config.demo:
        raise not_found("resource")
    # Whoever reads the code can pass the check it is for; an agent who files for the shopper
    # must not also be able to answer the shop's question to the shopper.
    if principal.role != "subject" or principal.actor_id != principal.subject_id:
        raise Problem(
            403,
            "forbidden",
            "Only the account holder's own sign-in can read this code: it proves who they are.",
        )
    req = _own(db, principal, request_id)
    if req.status != "identity_unverified" or not req.demo_verification_code:
        raise Problem(404, "not_found", "This request is not waiting for a verification code.")
    return DemoVerificationCode(request_id=str(req.id), code=req.demo_verification_code)


@router.get(
    "/requests/{request_id}/result",
    response_model=RequestResult,
    responses={
        **PROBLEM_RESPONSES,
        200: {
            "content": {"application/zip": {}},
            "description": "An access request's archive (docs/ARCHIVE.md), or a JSON result.",
        },
        206: {"content": {"application/zip": {}}, "description": "Part of the archive."},
        416: PROBLEM_RESPONSES[404],
    },
    summary="The result: the archive (resumable with Range), an explanation, receipts, …",
    description=(
        "Access: the ZIP archive with `ETag` (quoted SHA-256 hex), `X-Content-SHA256` (hex), "
        "`Digest: sha-256=<base64>` and `Repr-Digest`, `Accept-Ranges: bytes`; one range "
        "`bytes=a-b`, `bytes=a-` or `bytes=-n` answers 206 with `Content-Range`, an "
        "unsatisfiable one 416; `If-Range` (the ETag or Last-Modified) is honoured. Other types "
        "answer JSON. Not completed yet: 404 `result_not_ready`."
    ),
)
def get_result(
    request_id: str,
    request: Request,
    principal: Principal = Depends(streaming_principal),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = stream_db,  # the archive streams from a file: no slot while it is read
) -> Any:
    req = _own(db, principal, request_id)
    stored = stored_result(req)
    if req.status != "completed" or stored is None:
        raise Problem(
            404,
            "result_not_ready",
            f"The request is {req.status}; its result is not ready.",
            extra={"request_status": req.status},
        )
    kind = stored.get("kind")
    if kind == "archive":
        return _archive_response(request, stored)
    if kind == "explanation":
        return explanation_result(stored)
    if kind == "correction":
        return CorrectionResult.model_validate(stored)
    if kind == "answer":
        answer = {
            **stored,
            "answer": translate(str(stored.get("answer", ""))) or "",
            "decided_by": translate(str(stored.get("decided_by", ""))) or "",
        }
        return AnswerResult.model_validate(answer)
    if kind == "consent_receipts":
        return ConsentWithdrawalResult.model_validate(stored)
    if kind == "deletion_receipts":
        return deletion_result(db, req.id, stored)
    raise Problem(
        404, "no_result", "This request has no result document; its resolution says what was done."
    )


# --- the archive download -------------------------------------------------------------------------


def _parse_range(header: str, size: int) -> tuple[int, int] | None:
    """One byte range as (first, last); None to ignore the header; raises 416 if unsatisfiable."""
    match = _RANGE.fullmatch(header)
    if match is None:
        return None  # malformed or several ranges: answer with the whole file
    first_raw, last_raw = match.groups()
    unsatisfiable = Problem(
        416,
        "range_not_satisfiable",
        f"The archive is {size} bytes; that range is outside it.",
        headers={"Content-Range": f"bytes */{size}"},
    )
    if first_raw == "" and last_raw == "":
        return None
    if first_raw == "":
        suffix = int(last_raw)
        if suffix == 0:
            raise unsatisfiable
        return max(0, size - suffix), size - 1
    first = int(first_raw)
    last = int(last_raw) if last_raw else size - 1
    if last_raw and last < first:
        return None  # invalid: ignore the header
    if first >= size:
        raise unsatisfiable
    return first, min(last, size - 1)


def _read(path: Path, first: int, last: int) -> Iterator[bytes]:
    with path.open("rb") as handle:
        handle.seek(first)
        left = last - first + 1
        while left > 0:
            chunk = handle.read(min(CHUNK, left))
            if not chunk:
                break
            left -= len(chunk)
            yield chunk


def _archive_response(request: Request, stored: dict[str, Any]) -> Response:
    path = Path(str(stored.get("path", "")))
    if not path.is_file():
        raise Problem(404, "result_expired", "The archive is no longer kept; ask again.")
    size = int(stored["size"])
    sha_hex = str(stored["sha256"])
    sha_b64 = base64.b64encode(bytes.fromhex(sha_hex)).decode()
    etag = f'"{sha_hex}"'
    last_modified = format_datetime(
        datetime.fromtimestamp(int(path.stat().st_mtime), tz=UTC), usegmt=True
    )
    headers = {
        "ETag": etag,
        "Accept-Ranges": "bytes",
        "X-Content-SHA256": sha_hex,
        "Digest": f"sha-256={sha_b64}",
        "Repr-Digest": f"sha-256=:{sha_b64}:",
        "Last-Modified": last_modified,
        "Content-Disposition": f'attachment; filename="{path.name}"',
        "Cache-Control": "private, no-cache",
    }
    span: tuple[int, int] | None = None
    range_header = request.headers.get("range")
    if range_header:
        if_range = request.headers.get("if-range")
        if if_range is None or if_range.strip() in (etag, last_modified):
            span = _parse_range(range_header, size)
    if span is None:
        headers["Content-Length"] = str(size)
        return StreamingResponse(
            _read(path, 0, size - 1), status_code=200, media_type="application/zip", headers=headers
        )
    first, last = span
    headers["Content-Length"] = str(last - first + 1)
    headers["Content-Range"] = f"bytes {first}-{last}/{size}"
    return StreamingResponse(
        _read(path, first, last), status_code=206, media_type="application/zip", headers=headers
    )
