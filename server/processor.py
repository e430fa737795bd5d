"""The shop's side of privacy requests: the worker that actually does what was asked.

`RequestProcessor.run_once()` advances every due request by one step:

* `pending` -> `in_progress` once `config.processor_delay` has passed since the last change
  (a third access request within 30 days is answered with the shop's quoted fee,
  `fee_quoted`, where its policy allows one, or refused as `repeated_request` where it does
  not; a request whose fee was accepted proceeds);
* `in_progress`/`extended` -> `completed` for the automatic types, after the same delay, doing the
  work: build the archive (access), apply a correction, delete data and notify recipients
  (deletion), explain a decision, withdraw consents, close the account;
* `human_review` and `complaint` wait in `in_progress` for an officer (`python -m server admin`);
* deletion receipts whose recipient has not confirmed yet are confirmed (the demo recipients
  confirm automatically, one step after being notified).

`start()`/`stop()` run it in a background thread polling every half second; `RunningShop` does
that when `config.run_processor` is set, and `python -m server process` runs it standalone, as
many processes as the load needs. Requests are claimed with a lease (see `RequestProcessor`),
so each step is done exactly once however many processors run, and a crashed processor's
claims are taken over when their lease lapses.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import socket
import threading
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, not_, or_, select, update
from sqlalchemy.orm import Session

from server.archive_builder import build_archive
from server.consent_change import change_consent
from server.context import ShopContext
from server.db import transaction
from server.demo.policies import policy_for
from server.guardians import end_links_on_closure
from server.i18n import using_language
from server.messages import FACTORS
from server.models import (
    AccessToken,
    AssistSession,
    Decision,
    DeletionReceipt,
    Device,
    Location,
    LogEntry,
    Order,
    PrivacyRequest,
    ProfileField,
    Recipient,
    RecipientEvent,
    RefreshToken,
    Subscription,
    User,
)
from server.requests_flow import (
    ACTIVE,
    DELETABLE_CATEGORIES,
    HUMAN_TYPES,
    ITEM_MODELS,
    REPEAT_LIMIT,
    REPEAT_WINDOW,
    add_event,
    deny,
    fee_quote,
    own_decision,
    quote_fee,
    stored_details,
)
from server.serialisers import receipt_payload
from server.timeutil import rfc3339

log = logging.getLogger("server.processor")

ACTOR = "shop (automatic processing)"
POLL_SECONDS = 0.5
# How long a claim lasts before another processor may take it over (a crashed processor's
# claims; a live one holds its row lock for the whole step, so a long step is never stolen).
DEFAULT_LEASE = timedelta(seconds=60)
CLAIM_BATCH = 20
BACKUP_PURGE_AFTER = timedelta(days=30)
ORDER_RETENTION = timedelta(days=3 * 365)  # e-commerce records: at least three years
GROUPS_BY_CATEGORY = {"profile": ("profile",), "identity_verification": ("verification",)}
HOW_TO_CONTEST = (
    "If you think this decision is wrong, file a human_review request naming this decision: "
    "a person at the shop will look at it again, can change the outcome, and answers in "
    "writing. You may also complain to the shop's privacy contact or to the regulator."
)


class RequestProcessor:
    """Takes steps on due requests; any number of these may run at once, in any processes.

    A processor claims a batch of due requests by writing its name and a lease expiry on them
    (PostgreSQL: rows picked with `SELECT … FOR UPDATE SKIP LOCKED`, so processors never wait
    for each other; SQLite: a conditional UPDATE per row, SQLite having one writer at a time).
    Each step then runs in one transaction that first checks, with a conditional UPDATE that
    also locks the row, that the claim is still this processor's and the status unchanged; the
    step's changes and the release of the claim commit together. So a step is done exactly
    once: a processor that dies loses its open transaction (the database rolls it back), and
    its committed claims lapse after `lease`, when another processor takes them over.
    """

    def __init__(
        self,
        ctx: ShopContext,
        *,
        lease: timedelta = DEFAULT_LEASE,
        batch: int = CLAIM_BATCH,
        name: str | None = None,
    ) -> None:
        self.ctx = ctx
        self.policy = policy_for(ctx.shop.id)  # its refusal grounds and fee rule
        self.lease = lease
        self.batch = batch
        self.name = name or f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # --- the loop ---------------------------------------------------------------------------

    def start(self) -> RequestProcessor:
        if self._thread is not None:
            return self
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="request-processor", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=timeout)
            self._thread = None

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_once()
            except Exception:
                log.exception("request processing step failed")
            self._stop.wait(POLL_SECONDS)

    # --- one step ---------------------------------------------------------------------------

    def run_once(self) -> int:
        """Advance every due request (that no other processor holds) by one step.

        Returns how many steps this processor took.
        """
        steps = self._confirm_receipts()
        ready_before = self.ctx.clock.now() - self.ctx.config.processor_delay
        seen: set[int] = set()  # one step per request per run, even if the clock stands still
        while not self._stop.is_set():
            claimed = self._claim(ready_before, seen)
            if not claimed:
                break
            for rid, status in claimed:
                seen.add(rid)
                try:
                    if self._step(rid, status):
                        steps += 1
                except Exception:
                    log.exception("processing privacy request %s failed", rid)
                    self._release(rid)
        return steps

    def _claim(self, ready_before: datetime, seen: set[int]) -> list[tuple[int, str]]:
        """Claim up to `batch` due requests for this processor; returns (id, status) pairs."""
        now = self.ctx.clock.now()
        until = now + self.lease
        query = (
            select(PrivacyRequest.id, PrivacyRequest.status)
            .where(
                PrivacyRequest.status.in_(("pending", "in_progress", "extended")),
                PrivacyRequest.updated_at <= ready_before,
                or_(PrivacyRequest.claim_until.is_(None), PrivacyRequest.claim_until < now),
                # requests a person answers wait in in_progress for an officer
                not_(and_(PrivacyRequest.status.in_(ACTIVE), PrivacyRequest.type.in_(HUMAN_TYPES))),
            )
            .order_by(PrivacyRequest.updated_at, PrivacyRequest.id)
            .limit(self.batch)
        )
        if seen:
            query = query.where(PrivacyRequest.id.not_in(seen))
        with transaction(self.ctx.sessions) as db:
            if db.get_bind().dialect.name == "postgresql":
                rows = [
                    (r[0], r[1]) for r in db.execute(query.with_for_update(skip_locked=True)).all()
                ]
                if rows:
                    db.execute(
                        update(PrivacyRequest)
                        .where(PrivacyRequest.id.in_([rid for rid, _ in rows]))
                        .values(claimed_by=self.name, claim_until=until)
                        .execution_options(synchronize_session=False)
                    )
                return rows
            candidates = [(r[0], r[1]) for r in db.execute(query).all()]
        # SQLite: the reading transaction is over; each claim is a conditional UPDATE that opens
        # a write transaction (a read upgraded to a write could fail on a changed snapshot).
        claimed: list[tuple[int, str]] = []
        with transaction(self.ctx.sessions) as db:
            for rid, status in candidates:
                taken = db.execute(
                    update(PrivacyRequest)
                    .where(
                        PrivacyRequest.id == rid,
                        PrivacyRequest.status == status,
                        or_(PrivacyRequest.claim_until.is_(None), PrivacyRequest.claim_until < now),
                    )
                    .values(claimed_by=self.name, claim_until=until)
                    .execution_options(synchronize_session=False)
                )
                if getattr(taken, "rowcount", 0) == 1:
                    claimed.append((rid, status))
            return claimed

    def _release(self, rid: int) -> None:
        with transaction(self.ctx.sessions) as db:
            db.execute(
                update(PrivacyRequest)
                .where(PrivacyRequest.id == rid, PrivacyRequest.claimed_by == self.name)
                .values(claimed_by=None, claim_until=None)
                .execution_options(synchronize_session=False)
            )

    def _step(self, rid: int, status: str) -> bool:
        now = self.ctx.clock.now()
        with transaction(self.ctx.sessions) as db:
            # The fence: still ours and unchanged. This UPDATE also locks the row until the
            # step commits, so no other processor can take it over meanwhile, lease or not.
            fenced = db.execute(
                update(PrivacyRequest)
                .where(
                    PrivacyRequest.id == rid,
                    PrivacyRequest.status == status,
                    PrivacyRequest.claimed_by == self.name,
                )
                .values(claim_until=now + self.lease)
                .execution_options(synchronize_session=False)
            )
            if getattr(fenced, "rowcount", 0) != 1:
                return False  # our lease lapsed and another processor took the request over
            req = db.get(PrivacyRequest, rid)
            if req is None:
                return False
            db.refresh(req)
            if status == "pending":
                self._start(db, req, now)
            else:
                self.complete(db, req, now, actor=ACTOR)
            req.claimed_by = None
            req.claim_until = None
        return True

    def _start(self, db: Session, req: PrivacyRequest, now: datetime) -> None:
        if req.type == "access":
            earlier = db.scalars(
                select(PrivacyRequest.id).where(
                    PrivacyRequest.user_id == req.user_id,
                    PrivacyRequest.type == "access",
                    PrivacyRequest.id != req.id,
                    PrivacyRequest.status.in_(("pending", "in_progress", "extended", "completed")),
                    PrivacyRequest.received_at >= req.received_at - REPEAT_WINDOW,
                    PrivacyRequest.received_at <= req.received_at,
                )
            ).all()
            quote = fee_quote(db, req)
            if len(earlier) >= REPEAT_LIMIT and (quote is None or quote.status != "accepted"):
                if self.policy.repeat_fee is not None and quote is None:
                    quote_fee(db, self.ctx, req, actor=ACTOR)
                    return
                # A shop whose policy names no fee does not hint at one either.
                text = (
                    f"You already asked for a copy of your data {len(earlier)} times in the last "
                    "30 days. The shop answers up to two access requests in 30 days free of "
                    "charge; for more, a reasonable fee may apply. Download the earlier "
                    "archive, or ask again later."
                    if self.policy.fees.clause is not None
                    else f"You already asked for a copy of your data {len(earlier)} times in "
                    "the last 30 days. The shop answers up to two access requests in 30 days. "
                    "Download the earlier archive, or ask again later."
                )
                deny(
                    db,
                    req,
                    "repeated_request",
                    text,
                    actor=ACTOR,
                    now=now,
                    policy=self.policy,
                )
                return
        req.status = "in_progress"
        req.updated_at = now
        add_event(
            db,
            req,
            "in_progress",
            ACTOR,
            "Waiting for a person at the shop."
            if req.type in HUMAN_TYPES
            else "Work on the request has started.",
            now,
        )

    # --- doing the work -----------------------------------------------------------------------

    def complete(self, db: Session, req: PrivacyRequest, now: datetime, *, actor: str) -> None:
        """Do the work of an automatic request and mark it completed (caller commits)."""
        details, _note = stored_details(req)
        handler = {
            "access": self._access,
            "correction": self._correction,
            "deletion": self._deletion,
            "explanation": self._explanation,
            "consent_withdrawal": self._consent_withdrawal,
            "account_cancellation": self._cancellation,
        }.get(req.type)
        if handler is None:
            raise ValueError(f"{req.type} requests are answered by a person")
        outcome = handler(db, req, details, now)
        if outcome is None:
            return  # the handler denied the request
        result, resolution = outcome
        req.result = json.dumps(result, ensure_ascii=False)
        req.resolution = resolution
        req.status = "completed"
        req.updated_at = now
        add_event(db, req, "completed", actor, resolution, now)

    def _access(
        self, db: Session, req: PrivacyRequest, details: dict[str, Any], now: datetime
    ) -> tuple[dict[str, Any], str] | None:
        user = db.get(User, req.user_id)
        assert user is not None
        # The archive keeps what the shopper saw: it is written in the filing language.
        with using_language("zh-CN" if req.language == "zh-CN" else "en"):
            info = build_archive(
                db, self.ctx, user, request_id=req.id, sections=details.get("sections")
            )
        result = {
            "kind": "archive",
            "path": str(info.path),
            "sha256": info.sha256,
            "size": info.size,
            "created_at": rfc3339(now),
        }
        return result, (
            f"Your archive is ready ({info.size} bytes, SHA-256 {info.sha256}). "
            "It is signed by the shop; download it from the request's result."
        )

    def _correction(
        self, db: Session, req: PrivacyRequest, details: dict[str, Any], now: datetime
    ) -> tuple[dict[str, Any], str] | None:
        row = db.scalars(
            select(ProfileField).where(
                ProfileField.user_id == req.user_id, ProfileField.key == details["field"]
            )
        ).first()
        if row is None:
            deny(
                db,
                req,
                "other",
                "The field no longer exists.",
                actor=ACTOR,
                now=now,
                policy=self.policy,
            )
            return None
        before = row.value
        row.value = details.get("proposed")
        row.updated_at = now
        row.source = "provided"
        result = {
            "kind": "correction",
            "field": row.key,
            "before": before,
            "after": row.value,
            "applied_at": rfc3339(now),
        }
        return result, f"The field {row.key} was corrected."

    def _explanation(
        self, db: Session, req: PrivacyRequest, details: dict[str, Any], now: datetime
    ) -> tuple[dict[str, Any], str] | None:
        decision = own_decision(db, req.user_id, str(details.get("decision_id", "")))
        if decision is None:
            deny(
                db,
                req,
                "other",
                "The decision record no longer exists.",
                actor=ACTOR,
                now=now,
                policy=self.policy,
            )
            return None
        result = {"kind": "explanation", **explain(decision)}
        top = (
            ", ".join(
                FACTORS.get(f["factor"], (f["factor"],))[0] for f in result["main_factors"][:3]
            )
            or "none recorded"
        )
        return result, f"Decision {decision.id} explained; main factors: {top}."

    def _consent_withdrawal(
        self, db: Session, req: PrivacyRequest, details: dict[str, Any], now: datetime
    ) -> tuple[dict[str, Any], str] | None:
        user = db.get(User, req.user_id)
        assert user is not None
        receipts = [
            withdraw_consent(self.ctx, db, user, purpose, now)
            for purpose in details.get("purposes", [])
        ]
        return (
            {"kind": "consent_receipts", "receipts": receipts},
            f"Consent withdrawn for: {', '.join(details.get('purposes', []))}. Processing "
            "that already happened is not undone.",
        )

    def _deletion(
        self, db: Session, req: PrivacyRequest, details: dict[str, Any], now: datetime
    ) -> tuple[dict[str, Any], str] | None:
        deleted: dict[str, int] = {}
        retained: dict[str, str] = {}
        touched_categories: set[str] = set()
        order_ids: set[int] = set()
        for category in details.get("categories") or []:
            count, ids = delete_category(db, req.user_id, category, now)
            deleted[category] = deleted.get(category, 0) + count
            touched_categories.add(category)
            if category == "orders":
                order_ids |= ids
        for group in details.get("items") or []:
            category = group["category"]
            ids = {int(i) for i in group["ids"] if str(i).isdigit()}
            count, done = delete_items(db, req.user_id, category, ids, now)
            deleted[category] = deleted.get(category, 0) + count
            touched_categories.add(category)
            if category == "orders":
                order_ids |= done
        if "orders" in touched_categories:
            retained["orders"] = (
                "Order and payment records are kept, hidden from you and anonymised where "
                "possible, for three years after the order (e-commerce law); they are deleted "
                "then."
            )
        receipts = notify_recipients(db, req, touched_categories, order_ids, now)
        result = {
            "kind": "deletion_receipts",
            "deleted": deleted,
            "retained": retained,
            "receipt_ids": [r.id for r in receipts],
        }
        total = sum(deleted.values())
        return result, (
            f"Deleted {total} records; {len(receipts)} recipients that received "
            "this data were told to delete it too. Backups are purged at the next "
            "backup update (within 30 days)."
        )

    def _cancellation(
        self, db: Session, req: PrivacyRequest, details: dict[str, Any], now: datetime
    ) -> tuple[dict[str, Any], str] | None:
        user = db.get(User, req.user_id)
        assert user is not None
        user.closed_at = now
        # Every token for the account and every token it holds on someone else's (a guardian's
        # ward sessions, an agent's assist sessions): a closed account acts for nobody.
        db.execute(
            update(AccessToken)
            .where(or_(AccessToken.subject_id == user.id, AccessToken.actor_id == user.id))
            .values(revoked=True)
            .execution_options(synchronize_session=False)
        )
        db.execute(
            update(RefreshToken)
            .where(RefreshToken.user_id == user.id)
            .values(revoked=True)
            .execution_options(synchronize_session=False)
        )
        db.execute(
            update(AssistSession)
            .where(
                or_(AssistSession.subject_id == user.id, AssistSession.agent_id == user.id),
                AssistSession.ended_at.is_(None),
            )
            .values(ended_at=now)
            .execution_options(synchronize_session=False)
        )
        # Its guardian links end too (a ward reads so in their log), before any data goes.
        end_links_on_closure(db, self.ctx.clock, user, now)
        if self.ctx.shop.deletes_on_cancellation:
            # Every category a deletion request may name, except orders: the law keeps them
            # for years, so closing the account anonymises them (below) where a deletion
            # request only hides them. The membership fields go with the account itself.
            deleted: dict[str, int] = {}
            for category in DELETABLE_CATEGORIES:
                if category != "orders":
                    deleted[category] = delete_category(db, user.id, category, now)[0]
            deleted["account"] = _blank_fields(db, user.id, ("membership",), now)
            deleted["orders"] = anonymise_orders(db, user.id, now)
            receipts = notify_recipients(db, req, {"account", *DELETABLE_CATEGORIES}, set(), now)
            resolution = (
                f"The account is closed and its personal data deleted ({sum(deleted.values())} "
                f"records); orders kept by law are anonymised. {len(receipts)} recipients were "
                "told to delete what they received. Backups are purged within 30 days."
            )
            result: dict[str, Any] = {
                "kind": "none",
                "deleted": deleted,
                "receipt_ids": [r.id for r in receipts],
            }
        else:
            anonymised = anonymise_account(db, user.id, now)
            resolution = (
                "The account is closed. As the shop's policy says, data kept until the account "
                f"is closed has now been anonymised ({anonymised} records)."
            )
            result = {"kind": "none", "anonymised": anonymised}
        user.display_name = f"Closed account {user.customer_no}"
        subs = db.scalars(select(Subscription).where(Subscription.user_id == user.id))
        for sub in subs:
            sub.enabled = False
            sub.updated_at = now
        return result, resolution

    # --- deletion receipts ----------------------------------------------------------------------

    def _confirm_receipts(self) -> int:
        now = self.ctx.clock.now()
        with transaction(self.ctx.sessions) as db:
            result = db.execute(
                update(DeletionReceipt)
                .where(
                    DeletionReceipt.confirmed_at.is_(None),
                    DeletionReceipt.notified_at.is_not(None),
                    DeletionReceipt.notified_at <= now - self.ctx.config.processor_delay,
                )
                .values(confirmed_at=now)
                .execution_options(synchronize_session=False)
            )
            return int(getattr(result, "rowcount", 0) or 0)


# --- helpers shared with the admin tool ---------------------------------------------------------


def explain(decision: Decision) -> dict[str, Any]:
    """A real explanation from the stored decision record."""
    try:
        factors = json.loads(decision.factors or "[]")
        inputs = json.loads(decision.inputs or "[]")
    except json.JSONDecodeError:
        factors, inputs = [], []
    weighted = [
        (str(f.get("factor", "")), float(f.get("weight", 0.0)))
        for f in factors
        if isinstance(f, dict)
    ]
    weighted.sort(key=lambda fw: abs(fw[1]), reverse=True)
    main = [{"factor": name, "weight": weight} for name, weight in weighted[:5]]
    return {
        "decision_id": str(decision.id),
        "system": decision.system,
        "system_zh": decision.system_zh,
        "decision_kind": decision.kind,
        "outcome": decision.outcome,
        "outcome_zh": decision.outcome_zh,
        "decided_at": rfc3339(decision.at),
        "significance": decision.significance,
        "model_version": decision.model_version,
        "inputs": [str(i) for i in inputs],
        "main_factors": main,
        "how_to_contest": HOW_TO_CONTEST,
        "human_review_available": True,
    }


def withdraw_consent(
    ctx: ShopContext, db: Session, user: User, purpose: str, now: datetime
) -> dict[str, Any]:
    """Set one consent to not granted and append its signed receipt, as PUT /consents does."""
    _state, event, _changed = change_consent(
        ctx,
        db,
        user_id=user.id,
        customer_no=user.customer_no,
        purpose=purpose,
        granted=False,
        now=now,
    )
    return {
        **receipt_payload(event, user.customer_no),
        "kid": event.kid,
        "signature": event.signature,
    }


def _blank_fields(db: Session, user_id: int, groups: tuple[str, ...], now: datetime) -> int:
    rows = db.scalars(
        select(ProfileField).where(ProfileField.user_id == user_id, ProfileField.group.in_(groups))
    ).all()
    count = 0
    for row in rows:
        if row.value not in (None, ""):
            row.value = None
            row.updated_at = now
            count += 1
    return count


def _hide_orders(db: Session, orders: list[Order], now: datetime) -> None:
    for order in orders:
        order.removed_at = now
        order.retained_until = max(order.placed_at + ORDER_RETENTION, now)


def delete_category(
    db: Session, user_id: int, category: str, now: datetime
) -> tuple[int, set[int]]:
    """Delete (or for orders: hide) all of one category; returns the count and affected ids."""
    if category in GROUPS_BY_CATEGORY:
        return _blank_fields(db, user_id, GROUPS_BY_CATEGORY[category], now), set()
    if category == "orders":
        orders = list(
            db.scalars(select(Order).where(Order.user_id == user_id, Order.removed_at.is_(None)))
        )
        _hide_orders(db, orders, now)
        return len(orders), {o.id for o in orders}
    model = ITEM_MODELS.get(category)
    if model is None:
        # Only DELETABLE_CATEGORIES reach here; one listed there without a way to delete it
        # must fail the step, not report a deletion that did not happen.
        raise ValueError(f"no way to delete the category {category!r}")
    ids = set(db.scalars(select(model.id).where(model.user_id == user_id)))
    _delete_rows(db, model, user_id, ids)
    return len(ids), ids


def delete_items(
    db: Session, user_id: int, category: str, ids: set[int], now: datetime
) -> tuple[int, set[int]]:
    if category == "orders":
        orders = list(
            db.scalars(
                select(Order).where(
                    Order.user_id == user_id, Order.id.in_(ids), Order.removed_at.is_(None)
                )
            )
        )
        _hide_orders(db, orders, now)
        return len(orders), {o.id for o in orders}
    model = ITEM_MODELS[category]
    found = set(db.scalars(select(model.id).where(model.user_id == user_id, model.id.in_(ids))))
    _delete_rows(db, model, user_id, found)
    return len(found), found


def _delete_rows(db: Session, model: Any, user_id: int, ids: set[int]) -> None:
    chunk = sorted(ids)
    for start in range(0, len(chunk), 500):
        part = chunk[start : start + 500]
        db.execute(
            delete(model)
            .where(model.user_id == user_id, model.id.in_(part))
            .execution_options(synchronize_session=False)
        )


def anonymise_orders(db: Session, user_id: int, now: datetime) -> int:
    orders = list(db.scalars(select(Order).where(Order.user_id == user_id)))
    for order in orders:
        order.recipient_name = "—"
        order.recipient_phone_masked = "—"
        order.recipient_address = "—"
        if order.removed_at is None:
            order.removed_at = now
        order.retained_until = max(order.placed_at + ORDER_RETENTION, now)
    return len(orders)


def anonymise_account(db: Session, user_id: int, now: datetime) -> int:
    """Keep records but strip what identifies the person (Sinomai's rule on closing)."""
    count = _blank_fields(db, user_id, ("membership", "profile", "verification"), now)
    count += anonymise_orders(db, user_id, now)
    for device in db.scalars(select(Device).where(Device.user_id == user_id)):
        device.device_uid = "anonymised"
        count += 1
    for loc in db.scalars(select(Location).where(Location.user_id == user_id)):
        loc.ip, loc.latitude, loc.longitude = None, None, None
        count += 1
    db.execute(
        update(LogEntry)
        .where(LogEntry.user_id == user_id)
        .values(ip="0.0.0.0")  # noqa: S104 (an anonymised address, not a bind)
        .execution_options(synchronize_session=False)
    )
    return count


def notify_recipients(
    db: Session, req: PrivacyRequest, categories: set[str], order_ids: set[int], now: datetime
) -> list[DeletionReceipt]:
    """One receipt per recipient that received any of `categories` (or the given orders)."""
    per_recipient: dict[int, set[str]] = {}
    events = db.scalars(select(RecipientEvent).where(RecipientEvent.user_id == req.user_id))
    for event in events:
        try:
            shared = set(json.loads(event.categories or "[]"))
        except json.JSONDecodeError:
            shared = set()
        overlap = shared & categories
        if event.order_id is not None and event.order_id in order_ids:
            overlap |= shared | {"orders"}
        if overlap:
            per_recipient.setdefault(event.recipient_id, set()).update(overlap)
    receipts: list[DeletionReceipt] = []
    for rid, cats in sorted(per_recipient.items()):
        recipient = db.get(Recipient, rid)
        receipt = DeletionReceipt(
            request_id=req.id,
            recipient_id=rid,
            recipient_name=recipient.name if recipient else f"recipient {rid}",
            categories=json.dumps(sorted(cats)),
            notified_at=now,
            confirmed_at=None,
            backup_purge_at=now + BACKUP_PURGE_AFTER,
        )
        db.add(receipt)
        receipts.append(receipt)
    db.flush()
    return receipts
