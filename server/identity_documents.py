"""Proving who you are with a document: a signed written request or other proof of identity.

Where a shop's policy names such proof (Silumart 5.G: "a written request or prove your identity
in other ways"), a request waiting in `identity_unverified` takes an uploaded document instead of
the 6-digit code. The document is checked here (type by its first bytes as well as its declared
media type, size, name), stored in the database with the request, and waits for an officer's
review (`python -m server admin review-document`): accepted, the request moves on to `pending`;
rejected, it stays unverified with the officer's note, and another document (up to five for one
request, ten a day for one account) or the code may be tried. Each upload and each review is an
event on the request's timeline.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from server.context import ShopContext
from server.demo.policies import policy_for
from server.errors import Problem
from server.models import IdentityDocument, PrivacyRequest
from server.requests_flow import add_event, nothing_to_verify, require_unverified, transition

MAX_DOCUMENT_BYTES = 2 * 1024 * 1024  # the request guard refuses a larger body first
MAX_DOCUMENTS_PER_REQUEST = 5
# Per account, over all its requests (`uploads_per_day` of the config): the documents are kept
# in the database, so one account filing request after request must not grow it without bound.
UPLOAD_WINDOW = 24 * 3600.0
# Accepted media types and the bytes each kind of file starts with.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
}
MAX_FILENAME = 200  # kept of a name
MAX_FILENAME_PARAM = 500  # a longer one is refused
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\\\:*?\"<>|]+")


def _invalid(loc: str, msg: str) -> Problem:
    return Problem(
        422, "validation_failed", msg, extra={"errors": [{"loc": ["query", loc], "msg": msg}]}
    )


def clean_filename(raw: str | None) -> str:
    """The file's own name without any path, control or reserved characters (for display)."""
    name = unicodedata.normalize("NFC", (raw or "").replace("\\", "/").rsplit("/", 1)[-1])
    name = _UNSAFE.sub("_", name).strip(" ._")
    return name[:MAX_FILENAME] or "document"


def check_upload(ctx: ShopContext, kind: str, media_type: str, content: bytes) -> tuple[str, str]:
    """Refuse what the shop cannot take (415 type, 413 size, 422 kind or content).

    Returns the normalised media type and the content's SHA-256 (hex).
    """
    methods = {t.key for t in policy_for(ctx.shop.id).document_methods()}
    if not methods:
        raise Problem(
            422,
            "not_offered",
            "This shop's policy does not accept documents as proof of identity; use the code.",
        )
    if not kind:
        raise _invalid("kind", "Say which proof the document is.")
    if kind not in methods:
        raise _invalid(
            "kind",
            f"Not a kind of proof this shop accepts: '{kind}'; choose one of "
            f"{', '.join(sorted(methods))}.",
        )
    media = media_type.split(";", 1)[0].strip().lower()
    if media not in SIGNATURES:
        raise Problem(
            415,
            "unsupported_media_type",
            "Send the document as PDF, PNG or JPEG.",
            extra={"accepted": sorted(SIGNATURES)},
        )
    if len(content) > MAX_DOCUMENT_BYTES:
        raise Problem(
            413,
            "payload_too_large",
            f"The request body is larger than the {MAX_DOCUMENT_BYTES // 1024} KiB this shop "
            "accepts.",
        )
    if not content:
        raise _invalid("body", "The document is empty.")
    if not content.startswith(SIGNATURES[media]):
        raise _invalid("body", "The file's content is not the type it was sent as.")
    return media, hashlib.sha256(content).hexdigest()


def store_upload(
    db: Session,
    ctx: ShopContext,
    req: PrivacyRequest,
    *,
    kind: str,
    filename: str | None,
    media_type: str,
    content: bytes,
    actor: str,
) -> IdentityDocument:
    """Check and keep one document for `req` (which must wait for identity verification)."""
    require_unverified(req)
    if filename is not None and len(filename) > MAX_FILENAME_PARAM:
        raise _invalid("filename", f"At most {MAX_FILENAME_PARAM} characters.")
    media, digest = check_upload(ctx, kind, media_type, content)
    now = ctx.clock.now()
    # Counted in this transaction: a refused upload (or one rolled back) is not counted.
    if ctx.config.uploads_per_day > 0:
        ctx.limits.check(
            f"uploads:{req.user_id}",
            limit=ctx.config.uploads_per_day,
            window=UPLOAD_WINDOW,
            what="document uploads from this account",
            db=db,
        )
    # A write to the request before counting its documents: it holds the request's row
    # (PostgreSQL) or the database's write lock (SQLite) until this upload commits, so racing
    # uploads count one after another and together never pass the limit.
    held: Any = db.execute(
        update(PrivacyRequest)
        .where(PrivacyRequest.id == req.id, PrivacyRequest.status == "identity_unverified")
        .values(updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if held.rowcount != 1:
        db.refresh(req)
        raise nothing_to_verify(req)
    sent = db.scalar(
        select(func.count())
        .select_from(IdentityDocument)
        .where(IdentityDocument.request_id == req.id)
    )
    if (sent or 0) >= MAX_DOCUMENTS_PER_REQUEST:
        raise Problem(
            409,
            "too_many_documents",
            f"At most {MAX_DOCUMENTS_PER_REQUEST} documents can be sent for one request.",
        )
    document = IdentityDocument(
        request_id=req.id,
        kind=kind,
        filename=clean_filename(filename),
        media_type=media,
        size=len(content),
        sha256=digest,
        content=content,
        uploaded_at=now,
        review="pending",
    )
    db.add(document)
    db.flush()
    note = (
        "A signed written request was sent for the shop to review."
        if kind == "written_request"
        else "A proof of identity was sent for the shop to review."
    )
    add_event(db, req, "identity_unverified", actor, note, now)
    req.updated_at = now
    return document


def review(
    db: Session,
    ctx: ShopContext,
    document: IdentityDocument,
    *,
    accept: bool,
    note: str,
    officer: str,
    now: datetime | None = None,
) -> PrivacyRequest:
    """An officer's verdict on one document; accepting it verifies the request's identity."""
    req = db.get(PrivacyRequest, document.request_id)
    if req is None:
        raise ValueError(f"document {document.id} has no request")
    if document.review != "pending":
        raise ValueError(f"document {document.id} was already {document.review}")
    now = now or ctx.clock.now()
    document.review = "accepted" if accept else "rejected"
    document.reviewed_at = now
    document.reviewed_by = officer
    document.review_note = note.strip() or None
    if accept:
        if req.status != "identity_unverified":
            raise ValueError(f"request {req.id} is {req.status}; nothing to verify")
        transition(
            db,
            req,
            "pending",
            actor=officer,
            note="Identity verified by the shop from the document you sent.",
            now=now,
        )
        # the code is no longer needed
        req.verification_code_hash = None
        req.demo_verification_code = None
    else:
        if not note.strip():
            raise ValueError("say why the document is not accepted")
        add_event(
            db,
            req,
            req.status,
            officer,
            f"The document you sent was not accepted: {note.strip()}",
            now,
        )
    return req
