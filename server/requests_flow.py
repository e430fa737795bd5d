"""The privacy-request state machine, validation of what a subject files, and the resource view.

States (API.md "Privacy requests"):

    identity_unverified -> pending -> in_progress -> completed | denied
                                      in_progress -> extended -> completed | denied
    identity_unverified | pending -> canceled   (by the subject, before work starts)
    identity_unverified | pending -> denied     (by the shop, on a ground of its policy)
    pending -> fee_quoted -> pending            (a repeat beyond reason: the subject accepts
               fee_quoted -> canceled            the quoted fee, or withdraws the request)

`extended` means "still in progress, with a new due date and a reason". Every change is a
`RequestEvent` on the request's timeline.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import bindparam, func, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from server.context import ShopContext
from server.demo.policies import FeeRule, ShopPolicy, basis_of, policy_for
from server.errors import Problem
from server.i18n import current_language, localized
from server.messages import term as translate_term
from server.messages import translate
from server.models import (
    IDENTITY_DOCUMENT_FIELDS,
    ConsentPurpose,
    DataCategory,
    Decision,
    Device,
    FeeQuote,
    IdentityDocument,
    Location,
    LogEntry,
    Order,
    PrivacyRequest,
    ProfileField,
    RequestEvent,
    ServiceContact,
    Tag,
    Track,
)
from server.request_words import agent_display_name, request_summary
from server.schemas.privacy_requests import (
    Denial,
    Extension,
    FeeQuoteOut,
    FiledBy,
    Ground,
    IdentityDocumentOut,
    PrivacyRequestOut,
    ResultSummary,
    TimelineEvent,
)
from server.workdays import (
    HolidayCalendar,
    load_calendar,
    local_date,
    working_days_between,
)
from server.workdays import due_at as working_due_at

verification_log = logging.getLogger("server.verification")

FINAL: frozenset[str] = frozenset({"completed", "denied", "canceled"})
ACTIVE: frozenset[str] = frozenset({"in_progress", "extended"})
CANCELABLE: frozenset[str] = frozenset({"identity_unverified", "pending", "fee_quoted"})
TRANSITIONS: dict[str, frozenset[str]] = {
    "identity_unverified": frozenset({"pending", "canceled", "denied"}),
    "pending": frozenset({"in_progress", "canceled", "denied", "fee_quoted"}),
    "fee_quoted": frozenset({"pending", "canceled", "denied"}),
    "in_progress": frozenset({"completed", "denied", "extended"}),
    "extended": frozenset({"completed", "denied", "extended"}),
    "completed": frozenset(),
    "denied": frozenset(),
    "canceled": frozenset(),
}
# Refusal grounds are each shop's own enumerated list (`ShopPolicy.refusal_grounds`, with
# `other` + text); `refusal_grounds(ctx)` gives the keys.
# Types a person at the shop must answer; the processor only moves them to in_progress.
HUMAN_TYPES: frozenset[str] = frozenset({"human_review", "complaint"})
RESULT_KINDS: dict[str, str] = {
    "access": "archive",
    "correction": "correction",
    "deletion": "deletion_receipts",
    "explanation": "explanation",
    "human_review": "answer",
    "complaint": "answer",
    "consent_withdrawal": "consent_receipts",
    "account_cancellation": "none",
}
# Data categories a deletion request may name, and those it may not (with where to go instead).
# Also what closing an account deletes (`server.processor`), in this order; a tuple, so that
# order and the answer's `deleted` keys stay the same from run to run.
DELETABLE_CATEGORIES: tuple[str, ...] = (
    "profile",
    "identity_verification",
    "devices",
    "locations",
    "logs",
    "tracks",
    "tags",
    "orders",
    "decisions",
    "service_records",
)
NOT_DELETABLE_HINTS: dict[str, str] = {
    "account": "Membership data goes with the account: file an account_cancellation request.",
    "payments": "Payment records are kept by law with their orders; delete the orders instead.",
    "consents": "Consent records are proof of your choices; file a consent_withdrawal request.",
    "subscriptions": "Switch marketing channels off under Subscriptions.",
    "sharing": "Records of disclosures are kept by law; delete the shared data itself.",
}
ITEM_MODELS: dict[str, Any] = {
    "tracks": Track,
    "tags": Tag,
    "orders": Order,
    "devices": Device,
    "locations": Location,
    "logs": LogEntry,
    "decisions": Decision,
    "service_records": ServiceContact,
}
VERIFY_MAX_ATTEMPTS = 5
VERIFY_LOCK = timedelta(minutes=15)
REPEAT_WINDOW = timedelta(days=30)
REPEAT_LIMIT = 2  # a third access request within REPEAT_WINDOW is denied as repeated_request


def calendar_for(ctx: ShopContext) -> HolidayCalendar:
    return load_calendar(ctx.shop.holiday_calendar)


def invalid(loc: str, msg: str) -> Problem:
    """A 422 in the same shape as framework validation errors."""
    return Problem(
        422,
        "validation_failed",
        msg,
        extra={"errors": [{"loc": ["body", "details", loc], "msg": msg}]},
    )


# --- validation of what the subject files ------------------------------------------------------


def validate_details(
    db: Session, ctx: ShopContext, subject_id: int, rtype: str, details: dict[str, Any]
) -> dict[str, Any]:
    """Check the details against this subject's data; returns them as stored."""
    if rtype == "correction":
        row = db.scalars(
            select(ProfileField).where(
                ProfileField.user_id == subject_id, ProfileField.key == details["field"]
            )
        ).first()
        if row is None:
            raise invalid("field", f"You have no profile field {details['field']!r}.")
        if (row.value or None) != (details.get("current") or None):
            raise Problem(
                409,
                "stale_value",
                "The current value you sent is not the value on record; reload and try again.",
                extra={"field": row.key, "current": row.value},
            )
        if (details.get("proposed") or None) == (row.value or None):
            raise invalid("proposed", "The proposed value is the same as the current one.")
    elif rtype in ("explanation", "human_review"):
        decision = own_decision(db, subject_id, details["decision_id"])
        if decision is None:
            raise invalid("decision_id", "No such automated decision about you.")
    elif rtype == "deletion":
        ground = details.get("ground")
        grounds = {t.key for t in policy_for(ctx.shop.id).deletion_grounds}
        if ground is not None and ground not in grounds:
            raise invalid(
                "ground",
                f"Not a deletion ground of this shop: '{ground}'; "
                f"choose one of {', '.join(sorted(grounds))}.",
            )
        if ground == "other" and not (details.get("reason") or "").strip():
            raise invalid("reason", "Say which ground applies when you choose 'other'.")
        known = set(db.scalars(select(DataCategory.key)))
        for key in details.get("categories") or []:
            if key not in known:
                raise invalid("categories", f"Unknown data category {key!r}.")
            if key not in DELETABLE_CATEGORIES:
                raise invalid(
                    "categories",
                    NOT_DELETABLE_HINTS.get(key, f"Category {key!r} cannot be deleted this way."),
                )
        for group in details.get("items") or []:
            model = ITEM_MODELS[group["category"]]
            ids = [_int_or_none(i) for i in group["ids"]]
            if any(i is None for i in ids):
                raise invalid("items", f"Unknown {group['category']} ids.")
            wanted = {i for i in ids if i is not None}
            found = db.scalar(
                select(func.count())
                .select_from(model)
                .where(model.id.in_(wanted), model.user_id == subject_id)
            )
            if found != len(wanted):
                raise invalid("items", f"Some {group['category']} ids are not yours or unknown.")
    elif rtype == "consent_withdrawal":
        purposes = {p.key: p for p in db.scalars(select(ConsentPurpose))}
        for key in details["purposes"]:
            purpose = purposes.get(key)
            if purpose is None:
                raise invalid("purposes", f"Unknown purpose {key!r}.")
            if purpose.required:
                raise invalid(
                    "purposes",
                    f"{localized(purpose, 'title')!r} is needed to provide the service; it "
                    "cannot be withdrawn on its own (file an account_cancellation request "
                    "instead).",
                )
        details = {**details, "purposes": sorted(set(details["purposes"]))}
    elif rtype == "complaint":
        related = details.get("related_request_id")
        if related is not None:
            rid = _int_or_none(related)
            row_req = db.get(PrivacyRequest, rid) if rid is not None else None
            if row_req is None or row_req.user_id != subject_id:
                raise invalid("related_request_id", "No such request of yours.")
    return details


def _int_or_none(raw: str) -> int | None:
    if not raw.isascii() or not raw.isdigit() or len(raw) > 18:
        return None
    value = int(raw)
    return value if value > 0 else None


def own_decision(db: Session, subject_id: int, raw_id: str) -> Decision | None:
    """The subject's own decision with this id (None for another's, or for no id at all)."""
    did = _int_or_none(raw_id)
    if did is None:
        return None
    decision = db.get(Decision, did)
    return decision if decision is not None and decision.user_id == subject_id else None


# --- state changes -----------------------------------------------------------------------------


def add_event(
    db: Session, req: PrivacyRequest, status: str, actor: str, note: str | None, at: datetime
) -> RequestEvent:
    event = RequestEvent(request_id=req.id, at=at, status=status, actor=actor, note=note)
    db.add(event)
    return event


def transition(
    db: Session,
    req: PrivacyRequest,
    new_status: str,
    *,
    actor: str,
    note: str | None,
    now: datetime,
) -> None:
    """Move `req` to `new_status` (checked against the state machine) and log the event.

    One conditional write: the row moves only if it is still in the state `req` was read in,
    so of two racing changes (a cancel and an officer's approval or the processor's next step,
    two answers to one fee) exactly one wins, and the other gets `StateChanged` (a 409).
    """
    if new_status not in TRANSITIONS.get(req.status, frozenset()):
        raise Problem(
            409,
            "invalid_state",
            f"A request that is {req.status} cannot become {new_status}.",
            extra={"request_status": req.status},
        )
    moved: Any = db.execute(
        update(PrivacyRequest)
        .where(PrivacyRequest.id == req.id, PrivacyRequest.status == req.status)
        .values(status=new_status, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:
        db.refresh(req)  # what the racing change left
        raise StateChanged(
            409,
            "invalid_state",
            f"The request is {req.status}; it was changed at the same moment.",
            extra={"request_status": req.status},
        )
    set_committed_value(req, "status", new_status)
    set_committed_value(req, "updated_at", now)
    add_event(db, req, new_status, actor, note, now)


class StateChanged(Problem):
    """A transition lost a race: the request was no longer in the state it was read in."""


def refusal_grounds(ctx: ShopContext) -> tuple[str, ...]:
    """The keys of the grounds on which this shop may refuse a request, as its policy lists."""
    return tuple(t.key for t in policy_for(ctx.shop.id).refusal_grounds)


def deny(
    db: Session,
    req: PrivacyRequest,
    reason: str,
    text: str,
    *,
    actor: str,
    now: datetime,
    policy: ShopPolicy,
) -> None:
    """Refuse `req` on one of the shop's own enumerated grounds; the text says why."""
    if policy.refusal_ground(reason) is None:
        known = ", ".join(t.key for t in policy.refusal_grounds)
        raise ValueError(f"unknown refusal ground {reason!r}; one of {known}")
    if reason == "other" and not text.strip():
        raise ValueError("a refusal on the ground 'other' needs a text saying why")
    transition(db, req, "denied", actor=actor, note=f"{reason}: {text}", now=now)
    req.denial_reason = reason
    req.denial_text = text
    req.resolution = text


def code_hash(request_id: int, code: str) -> str:
    return hashlib.sha256(f"privacy-request:{request_id}:{code}".encode()).hexdigest()


@dataclass
class Filer:
    subject_id: int
    role: str  # subject | agent
    name: str


def create_request(
    db: Session,
    ctx: ShopContext,
    filer: Filer,
    rtype: str,
    details: dict[str, Any],
    note: str | None,
) -> PrivacyRequest:
    """Store a validated request with its first event; sends the verification code if needed."""
    return _create(db, ctx, filer, rtype, details, note)[0]


def create_request_out(
    db: Session,
    ctx: ShopContext,
    filer: Filer,
    rtype: str,
    details: dict[str, Any],
    note: str | None,
) -> tuple[PrivacyRequest, PrivacyRequestOut]:
    """`create_request`, and the new request as the API shows it, from what was just written.

    A request created in this transaction has no fee quote and no identity documents yet (both
    need its id, which nobody else can see before the commit), and its timeline is the events
    added here: reading them back would cost three queries per filing for nothing.
    """
    req, events = _create(db, ctx, filer, rtype, details, note)
    parts = RequestParts({req.id: [_timeline_row(e) for e in events]}, {}, {req.id: []})
    return req, _request_out(db, ctx, req, parts)


def _create(
    db: Session,
    ctx: ShopContext,
    filer: Filer,
    rtype: str,
    details: dict[str, Any],
    note: str | None,
) -> tuple[PrivacyRequest, list[RequestEvent]]:
    now = ctx.clock.now()
    cal = calendar_for(ctx)
    needs_code = rtype in ctx.shop.verification_required_for
    req = PrivacyRequest(
        user_id=filer.subject_id,
        type=rtype,
        status="identity_unverified" if needs_code else "pending",
        details=json.dumps({"details": details, "note": note}, ensure_ascii=False),
        received_at=now,
        due_at=working_due_at(now, ctx.shop.deadline_days, cal),
        updated_at=now,
        filed_by=f"{filer.role}:{filer.name}",
        verification_attempts=0,
        language=current_language(),  # its archive is built in the language it was filed in
    )
    db.add(req)
    db.flush()
    who = filer.name if filer.role == "subject" else f"{filer.name} (agent, for the subject)"
    events = [
        add_event(
            db,
            req,
            "pending" if not needs_code else "identity_unverified",
            who,
            "Request received.",
            now,
        )
    ]
    if needs_code:
        code = f"{secrets.randbelow(1_000_000):06d}"
        req.verification_code_hash = code_hash(req.id, code)
        events.append(
            add_event(
                db,
                req,
                "identity_unverified",
                "shop",
                "A verification code was sent to the contact details on the account.",
                now,
            )
        )
        if ctx.config.demo:
            # The demo shop has no SMS gateway: the "sent" code goes to its log and to the
            # demo-only endpoint. A real shop's log never holds a code.
            req.demo_verification_code = code
            verification_log.warning(
                "demo shop: verification code for privacy request %s (%s): %s", req.id, rtype, code
            )
        elif ctx.send_verification_code is not None:
            ctx.send_verification_code(req.id, code)
            verification_log.info("verification code sent for privacy request %s", req.id)
    return req, events


def verify(db: Session, ctx: ShopContext, req: PrivacyRequest, code: str, actor: str) -> None:
    """Check a verification code; the caller commits. Failed attempts are committed here.

    Using the code is one conditional write (state, code and lock checked in its WHERE), so of
    racing attempts with the right code exactly one verifies; the others see the new state.
    A wrong code is counted by one atomic increment, so racing guesses cannot skip the limit.
    """
    now = ctx.clock.now()
    require_unverified(req)
    if req.verification_locked_until is not None and req.verification_locked_until > now:
        raise _verification_locked(req.verification_locked_until, now)
    offered = code_hash(req.id, code.strip())
    ok = req.verification_code_hash is not None and secrets.compare_digest(
        req.verification_code_hash, offered
    )
    unlocked = or_(
        PrivacyRequest.verification_locked_until.is_(None),
        PrivacyRequest.verification_locked_until <= now,
    )
    if ok:
        used: Any = db.execute(
            update(PrivacyRequest)
            .where(
                PrivacyRequest.id == req.id,
                PrivacyRequest.status == "identity_unverified",
                PrivacyRequest.verification_code_hash == offered,
                unlocked,
            )
            .values(
                status="pending",
                updated_at=now,
                verification_attempts=0,
                verification_locked_until=None,
                verification_code_hash=None,
                demo_verification_code=None,
            )
            .execution_options(synchronize_session=False)
        )
        if used.rowcount == 1:
            db.refresh(req)
            add_event(db, req, "pending", actor, "Identity verified.", now)
            return
        db.refresh(req)  # raced: someone else verified, canceled or locked it just now
        if req.status != "identity_unverified":
            raise nothing_to_verify(req)
        if req.verification_locked_until is not None and req.verification_locked_until > now:
            raise _verification_locked(req.verification_locked_until, now)
    counted: Any = db.execute(
        update(PrivacyRequest)
        .where(
            PrivacyRequest.id == req.id, PrivacyRequest.status == "identity_unverified", unlocked
        )
        .values(verification_attempts=func.coalesce(PrivacyRequest.verification_attempts, 0) + 1)
        .returning(PrivacyRequest.verification_attempts)
        .execution_options(synchronize_session=False)
    )
    attempts = counted.scalar()
    if attempts is None:  # locked or moved on by a racing request
        db.refresh(req)
        if req.verification_locked_until is not None and req.verification_locked_until > now:
            raise _verification_locked(req.verification_locked_until, now)
        raise nothing_to_verify(req)
    left = VERIFY_MAX_ATTEMPTS - int(attempts)
    if left <= 0:
        db.execute(
            update(PrivacyRequest)
            .where(PrivacyRequest.id == req.id)
            .values(verification_attempts=0, verification_locked_until=now + VERIFY_LOCK)
            .execution_options(synchronize_session=False)
        )
    db.commit()
    raise Problem(
        422,
        "verification_failed",
        "The verification code is not right.",
        extra={"attempts_left": max(left, 0)},
    )


def nothing_to_verify(req: PrivacyRequest) -> Problem:
    """The 409 for a request that no longer waits for identity verification (a code, an
    upload): the same answer wherever the state is found to have moved on."""
    return Problem(
        409,
        "invalid_state",
        f"The request is {req.status}; nothing to verify.",
        extra={"request_status": req.status},
    )


def require_unverified(req: PrivacyRequest) -> None:
    """Raise `nothing_to_verify` unless `req` waits for identity verification."""
    if req.status != "identity_unverified":
        raise nothing_to_verify(req)


def _verification_locked(until: datetime, now: datetime) -> Problem:
    wait = max(1, int((until - now).total_seconds() + 0.999))
    return Problem(
        429,
        "rate_limited",
        f"Too many wrong codes. Try again in {wait} seconds.",
        headers={"Retry-After": str(wait)},
    )


def cancel(ctx: ShopContext, db: Session, req: PrivacyRequest, actor: str) -> None:
    # A lost race re-reads the state: already canceled is done, still cancelable (the
    # processor quoted a fee meanwhile, say) is tried again, work begun is refused.
    for _attempt in range(3):
        if req.status == "canceled":
            return
        if req.status not in CANCELABLE:
            raise Problem(
                409,
                "invalid_state",
                f"The request is {req.status}; it can only be canceled before work starts.",
                extra={"request_status": req.status},
            )
        try:
            transition(
                db,
                req,
                "canceled",
                actor=actor,
                note="Canceled by the requester.",
                now=ctx.clock.now(),
            )
            return
        except StateChanged:
            continue
    raise StateChanged(
        409,
        "invalid_state",
        f"The request is {req.status}; it was changed at the same moment.",
        extra={"request_status": req.status},
    )


def quote_fee(
    db: Session,
    ctx: ShopContext,
    req: PrivacyRequest,
    *,
    actor: str,
    rule: FeeRule | None = None,
) -> FeeQuote:
    """Answer a repeated request with a quoted cost fee (`pending -> fee_quoted`).

    Without `rule` it is the shop's automatic quote for an excessive repeat (the policy's
    `repeat_fee`); an officer's own quote on one request passes its `rule` (its amount,
    currency, reason and clause) and the timeline says an officer quoted it. Either way the
    shopper answers it the same way (`answer_fee`).
    """
    manual = rule is not None
    rule = rule or policy_for(ctx.shop.id).repeat_fee
    if rule is None:
        raise ValueError(f"shop {ctx.shop.id} quotes no fees")
    now = ctx.clock.now()
    quote = FeeQuote(
        request_id=req.id,
        amount=rule.amount,
        currency=rule.currency,
        reason=rule.reason.en,
        reason_zh=rule.reason.zh,
        clause=rule.clause,
        status="quoted",
        quoted_at=now,
    )
    db.add(quote)
    transition(
        db,
        req,
        "fee_quoted",
        actor=actor,
        # an officer's reason is their own text: it is in the fee (both languages), not here
        note=f"A fee of {rule.amount} {rule.currency} is quoted by the shop's privacy officer."
        if manual
        else f"A fee of {rule.amount} {rule.currency} is quoted: {rule.reason.en}",
        now=now,
    )
    return quote


def fee_quote(db: Session, req: PrivacyRequest) -> FeeQuote | None:
    return db.scalars(select(FeeQuote).where(FeeQuote.request_id == req.id)).first()


def answer_fee(
    db: Session, ctx: ShopContext, req: PrivacyRequest, *, accept: bool, actor: str
) -> None:
    """The subject accepts the quoted fee (the request proceeds) or withdraws the request.

    Answering the same way twice changes nothing (a retry after a lost answer); answering the
    other way after the first is a 409.
    """
    quote = fee_quote(db, req)
    wanted = "accepted" if accept else "withdrawn"
    if quote is None:
        raise Problem(
            409,
            "invalid_state",
            f"The request is {req.status}; no fee is quoted for it.",
            extra={"request_status": req.status},
        )
    if quote.status == wanted:
        return
    if quote.status != "quoted" or req.status != "fee_quoted":
        raise Problem(
            409,
            "invalid_state",
            f"The fee was already {quote.status}.",
            extra={"request_status": req.status},
        )
    now = ctx.clock.now()
    # One conditional write answers the quote: of two racing answers exactly one counts.
    answered: Any = db.execute(
        update(FeeQuote)
        .where(FeeQuote.id == quote.id, FeeQuote.status == "quoted")
        .values(status=wanted, answered_at=now)
        .execution_options(synchronize_session=False)
    )
    if answered.rowcount != 1:
        db.refresh(quote)
        if quote.status == wanted:  # the same answer, sent twice at once
            return
        raise StateChanged(
            409,
            "invalid_state",
            f"The fee was already {quote.status}.",
            extra={"request_status": req.status},
        )
    set_committed_value(quote, "status", wanted)
    set_committed_value(quote, "answered_at", now)
    if accept:
        note = f"Fee of {quote.amount} {quote.currency} accepted by the requester."
        transition(db, req, "pending", actor=actor, note=note, now=now)
    else:
        note = "Withdrawn by the requester instead of paying the quoted fee."
        transition(db, req, "canceled", actor=actor, note=note, now=now)


# --- the resource ------------------------------------------------------------------------------


def stored_details(req: PrivacyRequest) -> tuple[dict[str, Any], str | None]:
    raw = json.loads(req.details or "{}")
    if isinstance(raw, dict) and "details" in raw:
        return dict(raw.get("details") or {}), raw.get("note")
    return dict(raw) if isinstance(raw, dict) else {}, None


def stored_result(req: PrivacyRequest) -> dict[str, Any] | None:
    if not req.result:
        return None
    value = json.loads(req.result)
    return value if isinstance(value, dict) else None


def result_summary(req: PrivacyRequest) -> ResultSummary:
    stored = stored_result(req)
    kind = RESULT_KINDS.get(req.type, "none")
    if req.status != "completed" or stored is None:
        return ResultSummary(kind=kind, available=False)
    kind = stored.get("kind", kind)
    if kind == "archive":
        return ResultSummary(
            kind="archive",
            available=True,
            media_type="application/zip",
            size=stored.get("size"),
            sha256=stored.get("sha256"),
        )
    return ResultSummary(
        kind=kind,
        available=kind != "none",
        media_type="application/json" if kind != "none" else None,
    )


class TimelineRow(NamedTuple):
    """One event of a request's timeline as the view reads it (no ORM object to build)."""

    at: datetime
    status: str
    actor: str
    note: str | None


def _timeline_row(event: RequestEvent) -> TimelineRow:
    return TimelineRow(event.at, event.status, event.actor, event.note)


class QuoteRow(NamedTuple):
    """A request's fee quote as the view reads it (`_fee`)."""

    amount: str
    currency: str
    reason: str
    reason_zh: str | None
    clause: str | None
    status: str
    quoted_at: datetime
    answered_at: datetime | None


_QUOTE_COLUMNS = (
    FeeQuote.id,
    FeeQuote.amount,
    FeeQuote.currency,
    FeeQuote.reason,
    FeeQuote.reason_zh,
    FeeQuote.clause,
    FeeQuote.status,
    FeeQuote.quoted_at,
    FeeQuote.answered_at,
)


# Built once (a statement built per call, its IN list coerced value by value, cost more than
# running it). From the requests themselves, so a request without events still finds its
# quote; the quote repeats on each of its request's event rows (one per request: unique).
_TIMELINES = (
    select(
        PrivacyRequest.id,
        RequestEvent.at,
        RequestEvent.status,
        RequestEvent.actor,
        RequestEvent.note,
        *_QUOTE_COLUMNS,
    )
    .select_from(PrivacyRequest)
    .outerjoin(RequestEvent, RequestEvent.request_id == PrivacyRequest.id)
    .outerjoin(FeeQuote, FeeQuote.request_id == PrivacyRequest.id)
    .where(PrivacyRequest.id.in_(bindparam("ids", expanding=True)))
    .order_by(RequestEvent.at, RequestEvent.id)
)


@dataclass(frozen=True)
class RequestParts:
    """What requests are shown with besides their own row (timeline, fee quote, documents),
    read for a whole list at once, not per request: the timelines and fee quotes in one query
    (a request has at most one quote), the documents in a second. Core rows, not ORM objects:
    nothing here is changed, and a page of twenty requests has some sixty events.
    """

    events: dict[int, list[TimelineRow]]
    quotes: dict[int, QuoteRow]
    documents: dict[int, list[IdentityDocumentOut]]

    @classmethod
    def load(cls, db: Session, request_ids: Sequence[int]) -> RequestParts:
        events: dict[int, list[TimelineRow]] = {i: [] for i in request_ids}
        quotes: dict[int, QuoteRow] = {}
        documents: dict[int, list[IdentityDocumentOut]] = {i: [] for i in request_ids}
        db.flush()  # as the session's own queries would (autoflush): events just added count
        connection = db.connection()
        for chunk in _chunks(request_ids):
            for request_id, at, status, actor, note, quote_id, *quote in connection.execute(
                _TIMELINES, {"ids": list(chunk)}
            ):
                if at is not None:  # not the one row of a request without events
                    events[request_id].append(TimelineRow(at, status, actor, note))
                if quote_id is not None and request_id not in quotes:
                    quotes[request_id] = QuoteRow(*quote)
            for request_id, document in _documents(db, chunk):
                documents[request_id].append(document)
        return cls(events, quotes, documents)


def _chunks(ids: Sequence[int], size: int = 500) -> Iterator[Sequence[int]]:
    """Bounded IN lists (SQLite allows at most 32,766 parameters; PostgreSQL plans long ones
    slowly)."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def requests_out(
    db: Session, ctx: ShopContext, reqs: Sequence[PrivacyRequest]
) -> list[PrivacyRequestOut]:
    """Several requests as the API shows them, their timelines and quotes read together."""
    parts = RequestParts.load(db, [r.id for r in reqs])
    return [_request_out(db, ctx, r, parts) for r in reqs]


def request_out(db: Session, ctx: ShopContext, req: PrivacyRequest) -> PrivacyRequestOut:
    return _request_out(db, ctx, req, RequestParts.load(db, [req.id]))


def _request_out(
    db: Session, ctx: ShopContext, req: PrivacyRequest, parts: RequestParts
) -> PrivacyRequestOut:
    now = ctx.clock.now()
    cal = calendar_for(ctx)
    events = parts.events.get(req.id, [])
    details, note = stored_details(req)
    role, _, name = req.filed_by.partition(":")
    if role == "agent":  # filed before agents were stored by display name: their login
        name = agent_display_name(db, name)
    final = req.status in FINAL
    policy = policy_for(ctx.shop.id)
    return PrivacyRequestOut(
        id=str(req.id),
        type=req.type,
        status=req.status,
        details=details,
        summary=request_summary(db, req, details),
        note=note,
        received_at=req.received_at,
        due_at=req.due_at,
        updated_at=req.updated_at,
        filed_by=FiledBy(role="agent" if role == "agent" else "subject", name=name or role),
        overdue=(not final) and now > req.due_at,
        working_days_left=_working_days_left(now, req.due_at, cal),
        # Notes and resolutions are stored as written (English for the shop's automatic
        # ones); server/messages.py gives them in the asked language.
        denial=_denial(policy, req) if req.status == "denied" and req.denial_reason else None,
        deletion_ground=_deletion_ground(policy, details.get("ground"))
        if req.type == "deletion"
        else None,
        fee=_fee(policy, parts.quotes.get(req.id)),
        identity_documents=parts.documents.get(req.id, []),
        extension=Extension(
            reason=translate(req.extension_reason) or "", original_due_at=req.original_due_at
        )
        if req.extension_reason and req.original_due_at
        else None,
        resolution=translate(req.resolution),
        timeline=[
            TimelineEvent(
                at=e.at,
                status=e.status,
                actor=translate(e.actor) or e.actor,
                note=translate(e.note),
            )
            for e in events
        ],
        result=result_summary(req),
    )


def _working_days_left(now: datetime, due: datetime, cal: HolidayCalendar) -> int:
    """`workdays.working_days_left`, its day count remembered per (today, due day): a list
    of requests otherwise walks the calendar day by day for every row."""
    left = _days_between(local_date(now, cal), local_date(due, cal), cal)
    return min(left, -1) if now > due else left


@lru_cache(maxsize=4096)
def _days_between(today: date, due_day: date, cal: HolidayCalendar) -> int:
    return working_days_between(today, due_day, cal)


def _denial(policy: ShopPolicy, req: PrivacyRequest) -> Denial:
    reason = req.denial_reason or "other"
    term_ = policy.refusal_ground(reason)
    section = policy.section(term_.clause) if term_ is not None else None
    language = current_language()
    return Denial(
        reason=reason,
        # A ground recorded before the shop's list changed is still said in words.
        label=term_.text.pick(language) if term_ is not None else translate_term(reason),
        clause=term_.clause if term_ is not None else None,
        clause_title=section.title.pick(language) if section else None,
        basis=basis_of(term_.clause if term_ is not None else None),
        text=translate(req.denial_text) or "",
    )


def _deletion_ground(policy: ShopPolicy, key: object) -> Ground | None:
    if not isinstance(key, str) or not key:
        return None
    term_ = policy.deletion_ground(key)
    label = term_.text.pick(current_language()) if term_ is not None else translate_term(key)
    clause = term_.clause if term_ is not None else None
    return Ground(key=key, label=label, clause=clause, basis=basis_of(clause))


# The rows without their content: a request view never carries the document itself.
_DOCUMENTS = (
    select(*IDENTITY_DOCUMENT_FIELDS)
    .where(IdentityDocument.request_id.in_(bindparam("ids", expanding=True)))
    .order_by(IdentityDocument.id)
)


def _documents(
    db: Session, request_ids: Sequence[int]
) -> Iterator[tuple[int, IdentityDocumentOut]]:
    """The requests' identity documents, oldest first, each with its request's id."""
    rows = db.connection().execute(_DOCUMENTS, {"ids": list(request_ids)}).all()
    for row in rows:
        fields = row._asdict()
        request_id = fields.pop("request_id")
        yield (
            request_id,
            IdentityDocumentOut.model_validate(
                {**fields, "id": str(row.id), "review_note": translate(row.review_note)}
            ),
        )


def _fee(policy: ShopPolicy, quote: QuoteRow | None) -> FeeQuoteOut | None:
    if quote is None:
        return None
    section = policy.section(quote.clause)
    language = current_language()
    return FeeQuoteOut(
        amount=quote.amount,
        currency=quote.currency,
        reason=localized(quote, "reason"),
        clause=quote.clause,
        clause_title=section.title.pick(language) if section else None,
        basis=basis_of(quote.clause),
        status=quote.status,  # quoted | accepted | withdrawn
        quoted_at=quote.quoted_at,
        answered_at=quote.answered_at,
    )


def find_own(db: Session, subject_id: int, request_id: int) -> PrivacyRequest | None:
    req = db.get(PrivacyRequest, request_id)
    if req is None or req.user_id != subject_id:
        return None
    return req
