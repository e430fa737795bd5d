"""Assisted sessions: the subject issues a one-time code; an agent trades it for a scoped token.

- `POST /assist/codes` (the subject): six random digits, stored as an HMAC, valid 10 minutes,
  single use; a new code invalidates the older unused ones; at most 5 codes an hour.
- `POST /assist/sessions` (an agent's own `assist` sign-in): customer number + code + case
  reason → a 30-minute session and an access token for that customer with the agent as actor.
  Every failure is the same `403 invalid_assist_code`. Limits back off the agent, never the
  customer: 5 wrong tries by one agent for one customer in 15 minutes, or 10 by one agent
  across all customers in an hour, make that agent wait (`429`); a code is burned after 5
  wrong tries (by anyone), and the customer simply issues a fresh one.
- `GET /assist/sessions`, `DELETE /assist/sessions/{id}` (the subject), and
  `DELETE /assist/sessions/current` (the agent, with the assist token).

Limits are timed by `ctx.clock` so tests can move through them over HTTP.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from fastapi import APIRouter, Depends, Header, Response
from fastapi.responses import JSONResponse
from sqlalchemy import case, func, select, update
from sqlalchemy.orm import Session

from server.access_what import describe_session
from server.audit import append_access_with
from server.auth.tokens import NO_STORE, new_secret, token_hash
from server.context import ShopContext
from server.deps import Principal, agent_account, current_principal, get_ctx, get_db, writer
from server.errors import Problem, not_found
from server.idempotency import Refusal, run_idempotent
from server.models import AccessToken, AssistCode, AssistSession, User
from server.pagination import keyset_page
from server.ratelimit import too_many
from server.routes.ids import parse_id
from server.schemas.assist import (
    AssistCodeCreated,
    AssistSessionItem,
    AssistSessionOpen,
    AssistSessionOpened,
)
from server.schemas.common import (
    DEFAULT_PAGE_LIMIT,
    PROBLEM_RESPONSES,
    CursorQuery,
    LimitQuery,
    Page,
)
from server.serialisers import assist_session_item, assist_session_items

router = APIRouter(prefix="/v1", tags=["assist"])

CODE_TTL = timedelta(minutes=10)
SESSION_TTL = timedelta(minutes=30)
CODES_PER_WINDOW = 5
CODE_WINDOW = timedelta(hours=1)
MAX_FAILURES = 5  # wrong tries that burn one code
PAIR_FAILURES = 5  # per agent and customer ...
PAIR_WINDOW = 15 * 60.0  # ... in 15 minutes
AGENT_FAILURES = 10  # per agent, across every customer ...
AGENT_WINDOW = 60 * 60.0  # ... in an hour
ASSIST_SCOPE = "privacy.read assist"


def _invalid_code() -> Problem:
    """One answer for unknown customer, wrong, expired or spent code: nothing to tell apart."""
    return Problem(403, "invalid_assist_code", "The customer number or assist code is not valid.")


def _code_hash(ctx: ShopContext, user_id: int, code: str) -> str:
    """HMAC keyed from the shop's signing key (Ed25519 signatures are deterministic), so the
    stored value alone does not give the six digits away to an offline search."""
    key = hashlib.sha256(ctx.signer.sign(b"assist-code-hmac-key").encode()).digest()
    return hmac.new(key, f"{user_id}:{code}".encode(), hashlib.sha256).hexdigest()


def _with_no_store(response: JSONResponse) -> JSONResponse:
    response.headers.update(NO_STORE)
    return response


@router.post(
    "/assist/codes",
    status_code=201,
    response_model=AssistCodeCreated,
    responses=PROBLEM_RESPONSES,
    summary="Issue a one-time assist code for a customer-service agent",
)
def create_code(
    principal: Principal = Depends(writer),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
    idempotency_key: str | None = Header(default=None, alias="Idempotency-Key"),
) -> JSONResponse:
    def produce() -> tuple[int, object]:
        # Lock the account row (PostgreSQL; SQLite has one writer anyway), so two racing
        # requests cannot both pass the hourly count or both leave a live code behind.
        db.execute(select(User.id).where(User.id == principal.subject_id).with_for_update())
        now = ctx.clock.now()
        recent = list(
            db.scalars(
                select(AssistCode.created_at)
                .where(
                    AssistCode.user_id == principal.subject_id,
                    AssistCode.created_at > now - CODE_WINDOW,
                )
                .order_by(AssistCode.created_at.asc())
            )
        )
        if len(recent) >= CODES_PER_WINDOW:
            wait = (recent[-CODES_PER_WINDOW] + CODE_WINDOW - now).total_seconds()
            raise too_many(max(1, math.ceil(wait)), "assist codes")
        db.execute(
            update(AssistCode)
            .where(AssistCode.user_id == principal.subject_id, AssistCode.used.is_(False))
            .values(used=True)
        )
        code = f"{secrets.randbelow(1_000_000):06d}"
        row = AssistCode(
            user_id=principal.subject_id,
            code_hash=_code_hash(ctx, principal.subject_id, code),
            created_at=now,
            expires_at=now + CODE_TTL,
            used=False,
            failed_attempts=0,
        )
        db.add(row)
        db.flush()
        body = AssistCodeCreated(
            code=code, expires_at=row.expires_at, customer_no=principal.subject_customer_no
        )
        return 201, body.model_dump(mode="json")

    return _with_no_store(
        run_idempotent(
            ctx,
            db,
            user_id=principal.actor_id,
            key=idempotency_key,
            route="POST /v1/assist/codes",
            body={},
            produce=produce,
            required=False,
        )
    )


@router.post(
    "/assist/sessions",
    status_code=201,
    response_model=AssistSessionOpened,
    responses=PROBLEM_RESPONSES,
    summary="Agents: exchange a customer number and assist code for a scoped token",
)
def open_session(
    payload: AssistSessionOpen,
    agent: User = Depends(agent_account),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
    idempotency_key: str | None = Header(default=None, alias="Idempotency-Key"),
) -> JSONResponse:
    customer_key = payload.customer_no.upper()
    # Throttling backs off the agent (the source of the guesses), never the customer.
    pair_key = f"assist:pair:{agent.id}:{customer_key}"
    agent_key = f"assist:agent:{agent.id}"

    # Count this try as failed up front (committed at once, for every worker to see) and
    # refund it on success: a burst of parallel guesses cannot all pass the limit before any
    # of them is counted.
    wait = max(ctx.limits.blocked_for(agent_key, db), ctx.limits.blocked_for(pair_key, db))
    if not wait:
        agent_count, agent_wait = ctx.limits.record(
            agent_key, limit=AGENT_FAILURES, window=AGENT_WINDOW, db=db
        )
        pair_count, pair_wait = ctx.limits.record(
            pair_key, limit=PAIR_FAILURES, window=PAIR_WINDOW, db=db
        )
        db.commit()
        wait = max(
            agent_wait if agent_count > AGENT_FAILURES else 0,
            pair_wait if pair_count > PAIR_FAILURES else 0,
        )
    if wait:
        raise too_many(wait, "wrong assist codes from this agent")

    def refund(session: Session) -> None:
        ctx.limits.refund(agent_key, limit=AGENT_FAILURES, db=session)
        ctx.limits.refund(pair_key, limit=PAIR_FAILURES, db=session)

    def count_on_code(code_id: int) -> Callable[[Session], None]:
        def record(session: Session) -> None:
            # atomic: racing wrong guesses each count, and the fifth burns the code
            session.execute(
                update(AssistCode)
                .where(AssistCode.id == code_id)
                .values(
                    failed_attempts=AssistCode.failed_attempts + 1,
                    used=case(
                        (AssistCode.failed_attempts + 1 >= MAX_FAILURES, True),
                        else_=AssistCode.used,
                    ),
                )
            )

        return record

    def produce() -> tuple[int, object]:
        now = ctx.clock.now()
        customer = db.scalars(
            select(User).where(func.upper(User.customer_no) == customer_key)
        ).first()
        code_row = None
        if customer is not None and customer.role == "shopper" and customer.closed_at is None:
            code_row = db.scalars(
                select(AssistCode)
                .where(
                    AssistCode.user_id == customer.id,
                    AssistCode.used.is_(False),
                    AssistCode.expires_at > now,
                )
                .order_by(AssistCode.created_at.desc(), AssistCode.id.desc())
                .limit(1)
            ).first()
        # the HMAC is computed either way so an unknown customer answers no faster
        offered = _code_hash(ctx, customer.id if customer else 0, payload.code)
        matches = code_row is not None and hmac.compare_digest(code_row.code_hash, offered)
        if not matches or customer is None or code_row is None:
            if code_row is None:
                raise _invalid_code()  # already counted against the agent
            raise Refusal(_invalid_code(), count_on_code(code_row.id))
        # One conditional write spends the code: of racing redemptions exactly one matches.
        spent: Any = db.execute(
            update(AssistCode)
            .where(
                AssistCode.id == code_row.id,
                AssistCode.used.is_(False),
                AssistCode.expires_at > now,
            )
            .values(used=True)
        )
        if spent.rowcount != 1:  # redeemed by a racing request (not a guess: not counted)
            raise _invalid_code()
        session_row = AssistSession(
            subject_id=customer.id,
            agent_id=agent.id,
            reason=payload.reason,
            started_at=now,
            expires_at=now + SESSION_TTL,
            ended_at=None,
        )
        db.add(session_row)
        db.flush()
        access = new_secret()
        db.add(
            AccessToken(
                token_hash=token_hash(access),
                subject_id=customer.id,
                actor_id=agent.id,
                family_id=None,
                assist_session_id=session_row.id,
                scope=ASSIST_SCOPE,
                auth_time=now,
                expires_at=session_row.expires_at,
                revoked=False,
            )
        )
        refund(db)  # a right code is no failure
        db.flush()
        # In the same transaction as the token (run_idempotent commits both, or neither): no
        # live token without its "session opened" entry, and a replay finds both written.
        append_access_with(
            db,
            ctx.clock,
            subject_id=customer.id,
            actor=agent.username,
            role="agent",
            action="assist_start",
            resource=f"/v1/assist/sessions/{session_row.id}",
            reason=payload.reason,
            what=describe_session(agent.display_name, session_row.id),
        )
        body = AssistSessionOpened(
            session=assist_session_item(session_row, agent.username, now, agent.display_name),
            access_token=access,
            token_type="Bearer",  # noqa: S106 (the OAuth token type, not a secret)
            expires_in=int(SESSION_TTL.total_seconds()),
        )
        return 201, body.model_dump(mode="json")

    response = run_idempotent(
        ctx,
        db,
        user_id=agent.id,
        key=idempotency_key,
        route="POST /v1/assist/sessions",
        body=payload.model_dump(mode="json"),
        produce=produce,
        required=False,
    )
    if response.headers.get("Idempotent-Replayed") == "true":
        refund(db)  # a replay of an earlier success is no failure either
        db.commit()
    return _with_no_store(response)


@router.get(
    "/assist/sessions",
    response_model=Page[AssistSessionItem],
    responses=PROBLEM_RESPONSES,
    summary="Assist sessions on this account, newest first",
)
def list_sessions(
    principal: Principal = Depends(current_principal),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
    limit: LimitQuery = DEFAULT_PAGE_LIMIT,
    cursor: CursorQuery = None,
) -> Page[AssistSessionItem]:
    rows: list[AssistSession]
    rows, next_cursor = keyset_page(
        db,
        # keyset_page's Select[tuple[T]] typing predates SQLAlchemy 2.1's Select[T]
        select(AssistSession).where(AssistSession.subject_id == principal.subject_id),
        # ids grow with creation, so id order is start order (and keeps the cursor a plain int)
        [AssistSession.id],
        limit=limit,
        cursor=cursor,
        descending=True,
        key_of=lambda row: (row.id,),
    )
    now = ctx.clock.now()
    return Page[AssistSessionItem](
        items=assist_session_items(db, rows, now),
        next_cursor=next_cursor,
    )


def _end(db: Session, row: AssistSession, now: datetime) -> None:
    if row.ended_at is None:
        row.ended_at = now
    db.execute(
        update(AccessToken).where(AccessToken.assist_session_id == row.id).values(revoked=True)
    )
    db.commit()


@router.delete(
    "/assist/sessions/current",
    status_code=204,
    response_class=Response,
    responses=PROBLEM_RESPONSES,
    summary="Agents: end the assist session of this token",
)
def end_current_session(
    principal: Principal = Depends(current_principal),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
) -> Response:
    if principal.assist_session_id is None:
        raise not_found("assist session")
    row = db.get(AssistSession, principal.assist_session_id)
    if row is None or row.subject_id != principal.subject_id:
        raise not_found("assist session")
    _end(db, row, ctx.clock.now())
    return Response(status_code=204)


@router.delete(
    "/assist/sessions/{session_id}",
    status_code=204,
    response_class=Response,
    responses=PROBLEM_RESPONSES,
    summary="End an assist session now; its token stops working",
)
def end_session(
    session_id: str,
    principal: Principal = Depends(writer),
    ctx: ShopContext = Depends(get_ctx),
    db: Session = Depends(get_db),
) -> Response:
    row = db.get(AssistSession, parse_id(session_id, "assist session"))
    if row is None or row.subject_id != principal.subject_id:
        raise not_found("assist session")
    _end(db, row, ctx.clock.now())
    return Response(status_code=204)
