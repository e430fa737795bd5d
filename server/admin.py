"""The shop officer's tool for privacy requests: list, show, approve, deny, extend, answer.

    python -m server admin --db PATH --shop NAME list [--status S]
    python -m server admin --db PATH --shop NAME show ID
    python -m server admin --db PATH --shop NAME approve ID [--answer TEXT]
    python -m server admin --db PATH --shop NAME deny ID --reason GROUND --text TEXT
    python -m server admin --db PATH --shop NAME grounds
    python -m server admin --db PATH --shop NAME quote-fee ID --amount 10.00 [--currency CNY]
                                                 [--clause 5.G] --reason TEXT --reason-zh TEXT
    python -m server admin --db PATH --shop NAME documents [--pending]
    python -m server admin --db PATH --shop NAME review-document DOC --accept|--reject [--note T]
    python -m server admin --db PATH --shop NAME save-document DOC --out FILE
    python -m server admin --db PATH --shop NAME extend ID --days N --reason TEXT
    python -m server admin --db PATH --shop NAME answer ID --text TEXT
    python -m server admin --db PATH --shop NAME publish-incident FILE.json
    python -m server admin --db PATH --shop NAME link-guardian GUARDIAN WARD [--relationship R]
                                                 [--account-consent]
    python -m server admin --db PATH --shop NAME unlink-guardian GUARDIAN WARD
    python -m server admin --db PATH --shop NAME account-consent WARD granted|pending|withdrawn

Every command is a plain function over a `ShopContext` (tests call them directly). `approve`
finishes a request: a human_review or complaint with the officer's answer, any automatic type by
doing its work now (and an `identity_unverified` one by marking the identity as verified).
`deny` takes a ground from the shop's own policy list (`grounds` lists them with their clauses;
`other` when none fits) plus free text; `quote-fee` answers a pending request with a cost fee
under the policy's fee clause (the shopper accepts or withdraws, as after the automatic quote
for excessive repeats); `review-document` accepts an uploaded proof of identity
(the request moves on to pending) or rejects it with a note (it stays unverified); `extend`
adds N working days to the due date, with a reason, and keeps the request in progress.
`publish-incident` sends a security incident notice to each affected shopper (see
`publish_incident_file` for the file). `link-guardian` / `unlink-guardian` start and end a
guardian link (people by customer number or username); both are idempotent, and ending a link
revokes the guardian's open sessions on the ward at once. `account-consent` records the
guardian's consent to a minor's account; once it is no longer given, a shop whose policy
makes sign-in wait for it revokes the minor's own sign-ins in the same transaction.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select, update

from server.cli_database import add_database_arguments, url_from_arguments
from server.context import ServerConfig, ShopContext
from server.db import transaction
from server.demo.policies import FeeRule, Text, policy_for
from server.errors import Problem
from server.guardians import covered, set_account_consent
from server.identity_documents import review
from server.incidents import IncidentError, IncidentSpec, publish_incident
from server.models import (
    IDENTITY_DOCUMENT_FIELDS,
    AccessToken,
    DeletionReceipt,
    FeeQuote,
    GuardianLink,
    IdentityDocument,
    PrivacyRequest,
    User,
)
from server.processor import RequestProcessor
from server.requests_flow import (
    ACTIVE,
    FINAL,
    HUMAN_TYPES,
    calendar_for,
    deny,
    fee_quote,
    quote_fee,
    refusal_grounds,
    request_out,
    transition,
)
from server.shops import SHOPS, shop_profile
from server.timeutil import parse_rfc3339, rfc3339
from server.workdays import add_working_days, end_of_day_utc, local_date

DEFAULT_OFFICER = "privacy officer"
MAX_EXTENSION_DAYS = 60


class AdminError(Exception):
    """A command that cannot be carried out; the message says why."""


def _load(db: Any, request_id: int) -> PrivacyRequest:
    req = db.get(PrivacyRequest, request_id)
    if req is None:
        raise AdminError(f"no request {request_id}")
    return req


def _view(db: Any, ctx: ShopContext, req: PrivacyRequest) -> dict[str, Any]:
    out = request_out(db, ctx, req).model_dump(mode="json")
    out["user_id"] = req.user_id
    return out


def list_requests(
    ctx: ShopContext, status: str | None = None, open_only: bool = False
) -> list[dict[str, Any]]:
    """Requests newest first, each as the API shows it (plus `user_id`)."""
    with transaction(ctx.sessions) as db:
        query = select(PrivacyRequest).order_by(
            PrivacyRequest.received_at.desc(), PrivacyRequest.id.desc()
        )
        if status:
            query = query.where(PrivacyRequest.status == status)
        if open_only:
            query = query.where(PrivacyRequest.status.not_in(FINAL))
        return [_view(db, ctx, r) for r in db.scalars(query).all()]


def show_request(ctx: ShopContext, request_id: int) -> dict[str, Any]:
    with transaction(ctx.sessions) as db:
        req = _load(db, request_id)
        out = _view(db, ctx, req)
        receipts = db.scalars(
            select(DeletionReceipt)
            .where(DeletionReceipt.request_id == req.id)
            .order_by(DeletionReceipt.id)
        )
        out["deletion_receipts"] = [
            {
                "recipient_name": r.recipient_name,
                "categories": json.loads(r.categories),
                "notified_at": r.notified_at.isoformat() if r.notified_at else None,
                "confirmed_at": r.confirmed_at.isoformat() if r.confirmed_at else None,
            }
            for r in receipts
        ]
        return out


def approve(
    ctx: ShopContext, request_id: int, answer: str | None = None, officer: str = DEFAULT_OFFICER
) -> dict[str, Any]:
    now = ctx.clock.now()
    with transaction(ctx.sessions) as db:
        req = _load(db, request_id)
        try:
            if req.status == "identity_unverified":
                transition(
                    db,
                    req,
                    "pending",
                    actor=officer,
                    note="Identity verified by the shop.",
                    now=now,
                )
            elif req.type in HUMAN_TYPES:
                _answer(db, req, answer or _default_answer(req.type), officer, now)
            else:
                if req.status == "pending":
                    transition(
                        db,
                        req,
                        "in_progress",
                        actor=officer,
                        note="Work on the request has started.",
                        now=now,
                    )
                if req.status not in ACTIVE:
                    raise AdminError(f"request {request_id} is {req.status}")
                RequestProcessor(ctx).complete(db, req, now, actor=officer)
        except Problem as exc:
            raise AdminError(exc.detail) from exc
        db.flush()
        return _view(db, ctx, req)


def _default_answer(rtype: str) -> str:
    if rtype == "human_review":
        return "A person at the shop reviewed the decision and confirms it."
    return "The shop looked into your complaint and accepts it."


def _answer(db: Any, req: PrivacyRequest, text: str, officer: str, now: Any) -> None:
    if req.status == "pending":
        transition(db, req, "in_progress", actor=officer, note="Taken up by the shop.", now=now)
    if req.status not in ACTIVE:
        raise AdminError(f"request {req.id} is {req.status}; it cannot be answered")
    req.result = json.dumps(
        {"kind": "answer", "answer": text, "decided_by": officer, "decided_at": rfc3339(now)},
        ensure_ascii=False,
    )
    req.resolution = text
    transition(db, req, "completed", actor=officer, note=text, now=now)


def answer(
    ctx: ShopContext, request_id: int, text: str, officer: str = DEFAULT_OFFICER
) -> dict[str, Any]:
    """Answer a human_review or complaint in writing; that completes it."""
    if not text.strip():
        raise AdminError("the answer text is empty")
    now = ctx.clock.now()
    with transaction(ctx.sessions) as db:
        req = _load(db, request_id)
        if req.type not in HUMAN_TYPES:
            raise AdminError(f"{req.type} requests are answered by doing them: use approve")
        try:
            _answer(db, req, text.strip(), officer, now)
        except Problem as exc:
            raise AdminError(exc.detail) from exc
        db.flush()
        return _view(db, ctx, req)


def deny_request(
    ctx: ShopContext, request_id: int, reason: str, text: str, officer: str = DEFAULT_OFFICER
) -> dict[str, Any]:
    grounds = refusal_grounds(ctx)
    if reason not in grounds:
        raise AdminError(f"reason must be one of this shop's grounds: {', '.join(grounds)}")
    if not text.strip():
        raise AdminError("say why in --text")
    policy = policy_for(ctx.shop.id)
    with transaction(ctx.sessions) as db:
        req = _load(db, request_id)
        try:
            deny(db, req, reason, text.strip(), actor=officer, now=ctx.clock.now(), policy=policy)
        except Problem as exc:
            raise AdminError(exc.detail) from exc
        db.flush()
        return _view(db, ctx, req)


# An officer's quote: a reasonable cost fee, not a price list. The ceiling keeps a typo (an
# extra zero) from reaching a shopper; a fee above it is no "reasonable cost" for a copy.
MAX_FEE = Decimal("500.00")
MAX_FEE_REASON = 500
_CURRENCY = re.compile(r"[A-Z]{3}\Z")
# A complaint is about the shop itself; no policy lets the shop charge for hearing one.
NO_FEE_TYPES = frozenset({"complaint"})


def fee_clauses(ctx: ShopContext) -> tuple[str, ...]:
    """The sections of the shop's policy that allow a fee (none: the shop quotes no fee)."""
    policy = policy_for(ctx.shop.id)
    found = [policy.fees.clause, policy.repeat_fee.clause if policy.repeat_fee else None]
    return tuple(dict.fromkeys(c for c in found if c is not None))


def _fee_rule(
    ctx: ShopContext, amount: str, currency: str, reason: str, reason_zh: str, clause: str | None
) -> FeeRule:
    """The officer's quote, checked: every bad value is an AdminError, never a stored row."""
    allowed = fee_clauses(ctx)
    if not allowed:
        raise AdminError("this shop's policy allows no fee (its rights card says it charges none)")
    clause = (clause or allowed[0]).strip()
    if clause not in allowed:
        raise AdminError(
            f"clause must be the policy's section allowing a fee: {', '.join(allowed)}"
        )
    try:
        value = Decimal(amount.strip())
    except InvalidOperation:
        raise AdminError(f"amount: give a decimal such as 10.00, not {amount!r}") from None
    if not value.is_finite() or value <= 0:
        raise AdminError("amount: give a positive amount")
    if value > MAX_FEE:
        raise AdminError(f"amount: at most {MAX_FEE} (a reasonable cost fee)")
    if value != value.quantize(Decimal("0.01")):
        raise AdminError("amount: at most two decimal places")
    code = currency.strip().upper()
    if not _CURRENCY.match(code):
        raise AdminError(
            f"currency: give a three-letter ISO 4217 code such as CNY, not {currency!r}"
        )
    texts = {"--reason": reason.strip(), "--reason-zh": reason_zh.strip()}
    for flag, text in texts.items():
        if not text:
            raise AdminError(f"{flag}: say why the fee applies (the shopper reads it)")
        if len(text) > MAX_FEE_REASON:
            raise AdminError(f"{flag}: at most {MAX_FEE_REASON} characters")
    return FeeRule(
        amount=f"{value:.2f}",
        currency=code,
        reason=Text(texts["--reason"], texts["--reason-zh"]),
        clause=clause,
    )


def _same_quote(quote: FeeQuote, rule: FeeRule) -> bool:
    return (quote.amount, quote.currency, quote.reason, quote.reason_zh, quote.clause) == (
        rule.amount,
        rule.currency,
        rule.reason.en,
        rule.reason.zh,
        rule.clause,
    )


def quote_fee_for(
    ctx: ShopContext,
    request_id: int,
    amount: str,
    currency: str,
    reason: str,
    reason_zh: str,
    clause: str | None = None,
    officer: str = DEFAULT_OFFICER,
) -> dict[str, Any]:
    """Quote a cost fee on one request, as the policy allows for repeats beyond reason.

    The request waits in `fee_quoted` for the shopper to accept (it proceeds) or withdraw it,
    exactly as after the automatic quote (one flow: `requests_flow.quote_fee`). Quoting the
    same again changes nothing; a request that already had a fee, or is no longer waiting to
    be taken up, cannot get one.
    """
    rule = _fee_rule(ctx, amount, currency, reason, reason_zh, clause)
    with transaction(ctx.sessions) as db:
        req = _load(db, request_id)
        if req.type in NO_FEE_TYPES:
            raise AdminError(f"a {req.type} is answered free of charge")
        quote = fee_quote(db, req)
        if quote is not None:
            if req.status == "fee_quoted" and quote.status == "quoted" and _same_quote(quote, rule):
                out = _view(db, ctx, req)
                out["changed"] = False
                return out
            raise AdminError(
                f"request {request_id} already had a fee quoted ({quote.amount} {quote.currency},"
                f" {quote.status}); a request is quoted once"
            )
        # The fence against the request processor: only a request still waiting to be taken
        # up gets a fee. This UPDATE locks the row until we commit; a processor step that
        # read `pending` meanwhile then finds the status changed and leaves it.
        fenced: Any = db.execute(
            update(PrivacyRequest)
            .where(PrivacyRequest.id == req.id, PrivacyRequest.status == "pending")
            .values(updated_at=ctx.clock.now())
            .execution_options(synchronize_session=False)
        )
        db.refresh(req)
        if fenced.rowcount != 1:
            raise AdminError(
                f"request {request_id} is {req.status}; only a pending request (identity "
                "verified, work not started) can be quoted a fee"
            )
        try:
            quote_fee(db, ctx, req, actor=officer, rule=rule)
        except Problem as exc:
            raise AdminError(exc.detail) from exc
        db.flush()
        out = _view(db, ctx, req)
        out["changed"] = True
        return out


def list_grounds(ctx: ShopContext) -> list[dict[str, Any]]:
    """The shop's refusal grounds: key, words and the clause of its policy (None: setting)."""
    return [
        {"key": t.key, "text": t.text.en, "clause": t.clause}
        for t in policy_for(ctx.shop.id).refusal_grounds
    ]


def list_documents(ctx: ShopContext, pending_only: bool = False) -> list[dict[str, Any]]:
    """Uploaded proofs of identity, oldest first (without their content)."""
    with transaction(ctx.sessions) as db:
        query = select(*IDENTITY_DOCUMENT_FIELDS).order_by(IdentityDocument.id)
        if pending_only:
            query = query.where(IdentityDocument.review == "pending")
        return [
            {
                **row._asdict(),
                "uploaded_at": rfc3339(row.uploaded_at),
                "reviewed_at": rfc3339(row.reviewed_at) if row.reviewed_at else None,
            }
            for row in db.execute(query).all()
        ]


def review_document(
    ctx: ShopContext,
    document_id: int,
    accept: bool,
    note: str = "",
    officer: str = DEFAULT_OFFICER,
) -> dict[str, Any]:
    """Accept (the request's identity is verified) or reject (say why) an uploaded proof."""
    with transaction(ctx.sessions) as db:
        document = db.get(IdentityDocument, document_id)
        if document is None:
            raise AdminError(f"no document {document_id}")
        try:
            req = review(db, ctx, document, accept=accept, note=note, officer=officer)
        except (ValueError, Problem) as exc:
            raise AdminError(str(getattr(exc, "detail", exc))) from exc
        db.flush()
        return _view(db, ctx, req)


def save_document(ctx: ShopContext, document_id: int, out: Path) -> dict[str, Any]:
    """Write an uploaded document to a file so the officer can look at it."""
    with transaction(ctx.sessions) as db:
        document = db.get(IdentityDocument, document_id)
        if document is None:
            raise AdminError(f"no document {document_id}")
        out.write_bytes(document.content)
        return {"id": document.id, "path": str(out), "size": document.size}


def extend(
    ctx: ShopContext, request_id: int, days: int, reason: str, officer: str = DEFAULT_OFFICER
) -> dict[str, Any]:
    """Move the due date `days` working days later, with a reason; the request stays open."""
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise AdminError(f"days must be between 1 and {MAX_EXTENSION_DAYS}")
    if not reason.strip():
        raise AdminError("say why in --reason")
    cal = calendar_for(ctx)
    now = ctx.clock.now()
    with transaction(ctx.sessions) as db:
        req = _load(db, request_id)
        if req.status == "pending":
            transition(db, req, "in_progress", actor=officer, note="Taken up by the shop.", now=now)
        new_due = end_of_day_utc(add_working_days(local_date(req.due_at, cal), days, cal), cal)
        try:
            transition(
                db,
                req,
                "extended",
                actor=officer,
                note=f"Extended by {days} working days to {new_due.isoformat()}: {reason.strip()}",
                now=now,
            )
        except Problem as exc:
            raise AdminError(exc.detail) from exc
        if req.original_due_at is None:
            req.original_due_at = req.due_at
        req.due_at = new_due
        req.extension_reason = reason.strip()
        db.flush()
        return _view(db, ctx, req)


def publish_incident_file(ctx: ShopContext, data: Any) -> dict[str, Any]:
    """Publish an incident described as JSON:

    `{"severity": "warning", "occurred_at": "2026-01-02T03:04:05Z",
      "title": {"en": ..., "zh": ...}, "situation": {...}, "impact": {...},
      "measures": {...}, "advice": {...}, "remedies": {...},
      "affected": {"<customer number>": ["<data category key>", ...], ...}}`
    """
    if not isinstance(data, dict):
        raise AdminError("the incident file must hold one JSON object")
    try:
        occurred = parse_rfc3339(str(data.get("occurred_at") or ""))
    except ValueError as exc:
        raise AdminError("occurred_at: give an RFC 3339 time, e.g. 2026-01-02T03:04:05Z") from exc
    affected = data.get("affected")
    if not isinstance(affected, dict) or not affected:
        raise AdminError("affected: map each customer number to the data categories touched")
    now = ctx.clock.now()
    try:
        spec = IncidentSpec.from_json(data, occurred)
        with transaction(ctx.sessions) as db:
            users: dict[int, list[str]] = {}
            for customer_no, categories in affected.items():
                user = db.scalars(select(User).where(User.customer_no == str(customer_no))).first()
                if user is None:
                    raise AdminError(f"no customer {customer_no}")
                if not isinstance(categories, list):
                    raise AdminError(f"{customer_no}: give a list of data categories")
                users[user.id] = [str(c) for c in categories]
            incident = publish_incident(db, spec, users, now=now)
            return {
                "incident": incident.id,
                "published_at": rfc3339(now),
                "notices": len(users),
            }
    except IncidentError as exc:
        raise AdminError(str(exc)) from exc


RELATIONSHIPS = ("parent", "legal_guardian")


def _person(db: Any, who: str) -> User:
    """A customer by customer number or username (the two ways the admin names people)."""
    key = who.strip()
    if not key:
        raise AdminError("name a customer by customer number or username")
    user = db.scalars(
        select(User)
        .where(or_(User.customer_no == key, User.username == key))
        # a customer number wins over a username that happens to look like one
        .order_by((User.customer_no == key).desc())
    ).first()
    if user is None:
        raise AdminError(f"no customer {key}")
    return user


def _link_view(link: GuardianLink, guardian: User, ward: User) -> dict[str, Any]:
    return {
        "link": link.id,
        "guardian": guardian.customer_no,
        "guardian_username": guardian.username,
        "ward": ward.customer_no,
        "ward_username": ward.username,
        "relationship": link.relationship,
        "since": rfc3339(link.since),
        "revoked_at": rfc3339(link.revoked_at) if link.revoked_at else None,
        "ward_guardian_consent": ward.guardian_consent,
    }


def link_guardian(
    ctx: ShopContext,
    guardian_ref: str,
    ward_ref: str,
    relationship: str = "parent",
    account_consent: bool = False,
) -> dict[str, Any]:
    """Make `guardian_ref` the guardian of `ward_ref`; linking again changes nothing.

    `account_consent` records that the guardian consents to the ward holding an account (what
    a policy such as Silumart's § 6 asks before a minor may sign in).
    """
    if relationship not in RELATIONSHIPS:
        raise AdminError(f"relationship must be one of: {', '.join(RELATIONSHIPS)}")
    rule = policy_for(ctx.shop.id).guardian
    now = ctx.clock.now()
    with transaction(ctx.sessions) as db:
        guardian = _person(db, guardian_ref)
        ward = _person(db, ward_ref)
        if guardian.id == ward.id:
            raise AdminError("a customer cannot be their own guardian")
        for user in (guardian, ward):
            if user.closed_at is not None:
                raise AdminError(f"the account of {user.customer_no} is closed")
        if not covered(ward, rule):
            raise AdminError(
                f"{ward.customer_no} is neither a minor nor, under this shop's policy, a person "
                "without full legal capacity: they need no guardian"
            )
        if covered(guardian, rule):
            raise AdminError(f"{guardian.customer_no} needs a guardian and cannot be one")
        link = db.scalars(
            select(GuardianLink).where(
                GuardianLink.guardian_id == guardian.id, GuardianLink.ward_id == ward.id
            )
        ).first()
        changed = False
        if link is None:
            link = GuardianLink(
                guardian_id=guardian.id, ward_id=ward.id, relationship=relationship, since=now
            )
            db.add(link)
            changed = True
        elif link.revoked_at is not None:
            # one row per pair (unique): an ended link starts again from today
            link.revoked_at = None
            link.since = now
            link.relationship = relationship
            changed = True
        elif link.relationship != relationship:
            link.relationship = relationship
            changed = True
        if account_consent and ward.guardian_consent != "granted":
            set_account_consent(db, policy_for(ctx.shop.id), ward, "granted")
            changed = True
        db.flush()
        out = _link_view(link, guardian, ward)
        out["changed"] = changed
        out["message"] = "linked" if changed else "already linked; nothing changed"
        return out


def unlink_guardian(ctx: ShopContext, guardian_ref: str, ward_ref: str) -> dict[str, Any]:
    """End the link and every open session the guardian holds on the ward, at once."""
    now = ctx.clock.now()
    with transaction(ctx.sessions) as db:
        guardian = _person(db, guardian_ref)
        ward = _person(db, ward_ref)
        link = db.scalars(
            select(GuardianLink).where(
                GuardianLink.guardian_id == guardian.id,
                GuardianLink.ward_id == ward.id,
                GuardianLink.revoked_at.is_(None),
            )
        ).first()
        if link is None:
            return {
                "guardian": guardian.customer_no,
                "ward": ward.customer_no,
                "changed": False,
                "sessions_ended": 0,
                "message": f"{guardian.customer_no} is not the guardian of {ward.customer_no}; "
                "nothing to end",
            }
        link.revoked_at = now
        # The principal check already refuses a token of an ended link; revoking the tokens too
        # keeps them dead if the same pair is linked again later (the link row is reused).
        ended = db.execute(
            update(AccessToken)
            .where(AccessToken.guardian_link_id == link.id, AccessToken.revoked.is_(False))
            .values(revoked=True)
        )
        db.flush()
        out = _link_view(link, guardian, ward)
        out["changed"] = True
        out["sessions_ended"] = int(getattr(ended, "rowcount", 0) or 0)
        out["message"] = "link ended"
        return out


ACCOUNT_CONSENT_CHANGES = ("granted", "pending", "withdrawn")


def account_consent(ctx: ShopContext, ward_ref: str, state: str) -> dict[str, Any]:
    """Record the guardian's consent to a covered person's account: given, asked for again
    (`pending`) or withdrawn. Idempotent. Where the shop's policy then refuses the person's
    sign-in (Silumart § 6), their live sign-ins are revoked in the same transaction."""
    if state not in ACCOUNT_CONSENT_CHANGES:
        raise AdminError(f"state must be one of: {', '.join(ACCOUNT_CONSENT_CHANGES)}")
    policy = policy_for(ctx.shop.id)
    with transaction(ctx.sessions) as db:
        ward = _person(db, ward_ref)
        if ward.closed_at is not None:
            raise AdminError(f"the account of {ward.customer_no} is closed")
        if not covered(ward, policy.guardian):
            raise AdminError(f"{ward.customer_no} needs no guardian's consent")
        if state == "granted":
            linked = db.scalars(
                select(GuardianLink.id).where(
                    GuardianLink.ward_id == ward.id, GuardianLink.revoked_at.is_(None)
                )
            ).first()
            if linked is None:
                raise AdminError(
                    f"{ward.customer_no} has no guardian: link one first (link-guardian)"
                )
        before = ward.guardian_consent
        revoked = 0 if before == state else set_account_consent(db, policy, ward, state)
        return {
            "ward": ward.customer_no,
            "ward_username": ward.username,
            "guardian_consent": state,
            "changed": before != state,
            "tokens_revoked": revoked,
            "message": "recorded" if before != state else "already so; nothing changed",
        }


# --- command line -------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m server admin", description="Handle privacy requests as a shop officer."
    )
    add_database_arguments(parser)
    parser.add_argument("--shop", choices=sorted(SHOPS), default="silumart")
    parser.add_argument("--officer", default=DEFAULT_OFFICER, help="name on the timeline")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("list", help="list requests, newest first")
    p.add_argument("--status")
    p.add_argument("--open", action="store_true", help="only requests not yet final")
    p = sub.add_parser("show", help="one request with its timeline")
    p.add_argument("id", type=int)
    p = sub.add_parser("approve", help="complete a request (answer a review or complaint)")
    p.add_argument("id", type=int)
    p.add_argument("--answer")
    p = sub.add_parser("deny", help="refuse on a ground of the shop's policy (see: grounds)")
    p.add_argument("id", type=int)
    p.add_argument("--reason", required=True, help="a key that `grounds` lists")
    p.add_argument("--text", required=True)
    sub.add_parser("grounds", help="the shop's refusal grounds with their clauses")
    p = sub.add_parser(
        "quote-fee",
        help="quote a cost fee on a pending request (repeats beyond reason, as the policy allows)",
    )
    p.add_argument("id", type=int)
    p.add_argument("--amount", required=True, help="e.g. 10.00")
    p.add_argument("--currency", default="CNY", help="ISO 4217 code (default: CNY)")
    p.add_argument("--clause", help="the policy's section allowing the fee (default: the first)")
    p.add_argument("--reason", required=True, help="why, in English (the shopper reads it)")
    p.add_argument("--reason-zh", required=True, help="why, in Chinese")
    p = sub.add_parser("documents", help="uploaded proofs of identity")
    p.add_argument("--pending", action="store_true", help="only those not yet reviewed")
    p = sub.add_parser("review-document", help="accept or reject an uploaded proof of identity")
    p.add_argument("id", type=int)
    verdict = p.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--accept", action="store_true")
    verdict.add_argument("--reject", action="store_true")
    p.add_argument("--note", default="", help="why (required to reject)")
    p = sub.add_parser("save-document", help="write an uploaded document to a file")
    p.add_argument("id", type=int)
    p.add_argument("--out", required=True, type=Path)
    p = sub.add_parser("extend", help="extend the deadline by N working days")
    p.add_argument("id", type=int)
    p.add_argument("--days", type=int, required=True)
    p.add_argument("--reason", required=True)
    p = sub.add_parser("answer", help="answer a human_review or complaint")
    p.add_argument("id", type=int)
    p.add_argument("--text", required=True)
    p = sub.add_parser("publish-incident", help="notify affected shoppers of a security incident")
    p.add_argument("file", help="the incident as JSON (see publish_incident_file)")
    p = sub.add_parser("link-guardian", help="make one customer the guardian of another")
    p.add_argument("guardian", help="customer number or username")
    p.add_argument("ward", help="customer number or username")
    p.add_argument("--relationship", choices=RELATIONSHIPS, default="parent")
    p.add_argument(
        "--account-consent",
        action="store_true",
        help="the guardian consents to the ward holding an account",
    )
    p = sub.add_parser(
        "account-consent",
        help="record a guardian's consent to a minor's account: given, asked again or withdrawn",
    )
    p.add_argument("ward", help="customer number or username")
    p.add_argument("state", choices=ACCOUNT_CONSENT_CHANGES)
    p = sub.add_parser("unlink-guardian", help="end a guardian link and its open sessions")
    p.add_argument("guardian", help="customer number or username")
    p.add_argument("ward", help="customer number or username")
    return parser


def _print_list(rows: list[dict[str, Any]]) -> None:
    if not rows:
        print("no requests")
    for r in rows:
        late = " OVERDUE" if r["overdue"] else ""
        print(
            f"{r['id']:>6}  {r['type']:<21} {r['status']:<19} user {r['user_id']:<5} "
            f"due {r['due_at']} ({r['working_days_left']} working days){late}"
        )


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    url = url_from_arguments(args)
    if url is None:
        return 2
    ctx = ShopContext(ServerConfig(db_url=url, shop=shop_profile(args.shop)))
    try:
        if args.command == "list":
            _print_list(list_requests(ctx, args.status, args.open))
            return 0
        if args.command == "grounds":
            for g in list_grounds(ctx):
                where = f"policy {g['clause']}" if g["clause"] else "shop's setting, not in policy"
                print(f"{g['key']:<28} {g['text']} ({where})")
            return 0
        if args.command == "documents":
            rows = list_documents(ctx, args.pending)
            if not rows:
                print("no documents")
            for d in rows:
                print(
                    f"{d['id']:>5}  request {d['request_id']:<6} {d['kind']:<16} {d['review']:<9}"
                    f" {d['size']:>8} B  {d['media_type']:<16} {d['filename']}"
                )
            return 0
        if args.command == "save-document":
            out = save_document(ctx, args.id, args.out)
        elif args.command == "review-document":
            out = review_document(ctx, args.id, args.accept, args.note, officer=args.officer)
        elif args.command == "show":
            out = show_request(ctx, args.id)
        elif args.command == "approve":
            out = approve(ctx, args.id, args.answer, officer=args.officer)
        elif args.command == "deny":
            out = deny_request(ctx, args.id, args.reason, args.text, officer=args.officer)
        elif args.command == "quote-fee":
            out = quote_fee_for(
                ctx,
                args.id,
                args.amount,
                args.currency,
                args.reason,
                args.reason_zh,
                args.clause,
                officer=args.officer,
            )
        elif args.command == "extend":
            out = extend(ctx, args.id, args.days, args.reason, officer=args.officer)
        elif args.command == "publish-incident":
            try:
                data = json.loads(Path(args.file).read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise AdminError(f"cannot read {args.file}: {exc}") from exc
            out = publish_incident_file(ctx, data)
        elif args.command == "link-guardian":
            out = link_guardian(
                ctx, args.guardian, args.ward, args.relationship, args.account_consent
            )
        elif args.command == "account-consent":
            out = account_consent(ctx, args.ward, args.state)
        elif args.command == "unlink-guardian":
            out = unlink_guardian(ctx, args.guardian, args.ward)
        else:
            out = answer(ctx, args.id, args.text, officer=args.officer)
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    except AdminError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        ctx.dispose()
