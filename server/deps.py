"""FastAPI dependencies: the shop context, a database session, and the calling principal.

Authenticating a call also records it in the subject's access log, so every read or change by
anyone (the subject, an agent, a system) lands there without each route remembering to.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from server.audit import append_access
from server.context import ShopContext
from server.errors import Problem
from server.models import AccessToken, AssistSession, User

_ACTIONS = {"GET": "read", "HEAD": "read", "POST": "create", "PUT": "update", "PATCH": "update",
            "DELETE": "delete"}


def get_ctx(request: Request) -> ShopContext:
    ctx: ShopContext = request.app.state.ctx
    return ctx


def get_db(ctx: ShopContext = Depends(get_ctx)) -> Iterator[Session]:
    session = ctx.sessions()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


@dataclass(frozen=True)
class Principal:
    """Who is calling and on whose data."""

    subject_id: int
    subject_customer_no: str
    actor_id: int
    actor_name: str
    role: str  # subject | agent
    scopes: frozenset[str]
    auth_time: datetime
    assist_session_id: int | None = None
    reason: str | None = None

    @property
    def is_agent(self) -> bool:
        return self.role == "agent"


def _unauthenticated(detail: str) -> Problem:
    return Problem(401, "unauthenticated", detail, headers={"WWW-Authenticate": 'Bearer'})


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _unauthenticated("Sign in to use this resource.")
    return token.strip()


def _load_principal(request: Request, ctx: ShopContext, db: Session) -> Principal:
    from server.auth.tokens import find_access  # local: tokens imports context

    row: AccessToken | None = find_access(db, _bearer(request))
    now = ctx.clock.now()
    if row is None or row.revoked or row.expires_at <= now:
        raise Problem(
            401,
            "invalid_token",
            "The sign-in has expired or was revoked.",
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        )
    subject = db.get(User, row.subject_id)
    actor = db.get(User, row.actor_id)
    if subject is None or actor is None or subject.closed_at is not None:
        raise _unauthenticated("The account is closed.")
    reason = None
    session_id = row.assist_session_id
    if session_id is not None:
        assist = db.get(AssistSession, session_id)
        if assist is None or assist.ended_at is not None or assist.expires_at <= now:
            raise Problem(401, "invalid_token", "The assist session has ended.")
        reason = assist.reason
    return Principal(
        subject_id=subject.id,
        subject_customer_no=subject.customer_no,
        actor_id=actor.id,
        actor_name=actor.display_name if actor.id == subject.id else actor.username,
        role="agent" if session_id is not None else "subject",
        scopes=frozenset(row.scope.split()),
        auth_time=row.auth_time,
        assist_session_id=session_id,
        reason=reason,
    )


def current_principal(
    request: Request, ctx: ShopContext = Depends(get_ctx), db: Session = Depends(get_db)
) -> Principal:
    """The caller with `privacy.read`; the access is logged before the route runs."""
    principal = _load_principal(request, ctx, db)
    if "privacy.read" not in principal.scopes:
        raise Problem(403, "insufficient_scope", "This sign-in cannot read personal data.")
    append_access(
        ctx.sessions,
        ctx.clock,
        subject_id=principal.subject_id,
        actor=principal.actor_name,
        role="agent" if principal.is_agent else "subject",
        action=_ACTIONS.get(request.method, request.method.lower()),
        resource=request.url.path,
        reason=principal.reason,
    )
    return principal


def writer(principal: Principal = Depends(current_principal)) -> Principal:
    """The subject themself with `privacy.write` (agents may not change data or consents)."""
    if principal.is_agent or "privacy.write" not in principal.scopes:
        raise Problem(403, "forbidden", "Only the account holder can change this.")
    return principal


def request_filer(principal: Principal = Depends(current_principal)) -> Principal:
    """The subject, or an agent in an assist session: both may file and follow requests."""
    if not principal.is_agent and "privacy.write" not in principal.scopes:
        raise Problem(403, "insufficient_scope", "This sign-in cannot file requests.")
    return principal


def recent_writer(
    principal: Principal = Depends(writer), ctx: ShopContext = Depends(get_ctx)
) -> Principal:
    """A writer who signed in recently enough for a destructive action."""
    if ctx.clock.now() - principal.auth_time > ctx.config.reauth_window:
        raise Problem(
            403,
            "reauth_required",
            "Please sign in again to confirm this action.",
            extra={"max_age": int(ctx.config.reauth_window.total_seconds())},
        )
    return principal


def agent_account(
    request: Request, ctx: ShopContext = Depends(get_ctx), db: Session = Depends(get_db)
) -> User:
    """An agent's own sign-in (scope `assist`), used to open assist sessions."""
    from server.auth.tokens import find_access

    row = find_access(db, _bearer(request))
    if row is None or row.revoked or row.expires_at <= ctx.clock.now():
        raise Problem(401, "invalid_token", "The sign-in has expired or was revoked.")
    user = db.get(User, row.actor_id)
    if user is None or user.role != "agent" or "assist" not in row.scope.split():
        raise Problem(403, "forbidden", "Only customer-service agents can do this.")
    if row.assist_session_id is not None:
        raise Problem(403, "forbidden", "Use the agent's own sign-in, not an assist token.")
    return user
