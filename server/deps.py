"""FastAPI dependencies: the shop context, a database session, and the calling principal.

Authenticating a call also records it in the subject's access log, so every read or change by
anyone (the subject, an agent, a system) lands there without each route remembering to.

One connection per request, never two: a request is admitted to the database only when one of
`REQUEST_SLOTS` is free (it waits in the event loop, holding no thread and no connection), and
the access-log entry is appended on the request's own session. Pool and thread limits are sized
from the slots (`server.db`), so a checkout never waits and the server cannot deadlock.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar, cast

import anyio
from fastapi import Depends, Request
from sqlalchemy import Connection, bindparam, select
from sqlalchemy.orm import Session

from server.access_what import describe
from server.audit import append_access
from server.auth.tokens import find_access, token_hash
from server.context import ShopContext
from server.db import Database, DriverStatement, connection_of
from server.errors import Problem
from server.models import AccessToken, AssistSession, GuardianLink, User

_ACTIONS = {
    "GET": "read",
    "HEAD": "read",
    "POST": "create",
    "PUT": "update",
    "PATCH": "update",
    "DELETE": "delete",
}

T = TypeVar("T")


async def get_ctx(request: Request) -> ShopContext:
    # async: a plain function here would cost every request a hop to the thread pool
    ctx: ShopContext = request.app.state.ctx
    return ctx


def _finish(session: Session, ok: bool) -> None:
    try:
        if ok:
            session.commit()
        else:
            session.rollback()
    finally:
        session.close()


async def get_db(ctx: ShopContext = Depends(get_ctx)) -> AsyncIterator[Session]:
    """The request's session: its one connection, checked out lazily and never waited for."""
    async with ctx.db_slots:
        session = ctx.sessions()
        ok = False
        try:
            yield session
            ok = True
        finally:
            # Shielded: a client that hangs up must not leave the connection checked out.
            with anyio.CancelScope(shield=True):
                await anyio.to_thread.run_sync(_finish, session, ok)


@dataclass(frozen=True)
class Principal:
    """Who is calling and on whose data."""

    subject_id: int
    subject_customer_no: str
    actor_id: int
    actor_name: str
    role: str  # subject | agent | guardian (a linked guardian reading a ward's data)
    scopes: frozenset[str]
    auth_time: datetime
    assist_session_id: int | None = None
    reason: str | None = None
    actor_display: str = ""  # the actor's display name (an agent's, not their login)

    @property
    def is_agent(self) -> bool:
        return self.role == "agent"

    @property
    def is_guardian(self) -> bool:
        return self.role == "guardian"


def _unauthenticated(detail: str) -> Problem:
    return Problem(401, "unauthenticated", detail, headers={"WWW-Authenticate": "Bearer"})


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _unauthenticated("Sign in to use this resource.")
    return token.strip()


_SUBJECT = User.__table__.alias("subject")
_ACTOR = User.__table__.alias("actor")
_TOKENS = AccessToken.__table__
_ASSIST = AssistSession.__table__
_LINKS = GuardianLink.__table__
# One statement for the token, both users and the assist session (was: four ORM lookups).
_PRINCIPAL = DriverStatement(
    select(
        _TOKENS.c.revoked,
        _TOKENS.c.expires_at,
        _TOKENS.c.scope,
        _TOKENS.c.auth_time,
        _TOKENS.c.assist_session_id,
        _SUBJECT.c.id,
        _SUBJECT.c.customer_no,
        _SUBJECT.c.closed_at,
        _SUBJECT.c.display_name,
        _ACTOR.c.id,
        _ACTOR.c.username,
        _ACTOR.c.display_name,
        _ASSIST.c.id,
        _ASSIST.c.ended_at,
        _ASSIST.c.expires_at,
        _ASSIST.c.reason,
        _TOKENS.c.guardian_link_id,
        _LINKS.c.id,
        _LINKS.c.revoked_at,
        _ACTOR.c.closed_at,
    )
    .select_from(
        _TOKENS.outerjoin(_SUBJECT, _SUBJECT.c.id == _TOKENS.c.subject_id)
        .outerjoin(_ACTOR, _ACTOR.c.id == _TOKENS.c.actor_id)
        .outerjoin(_ASSIST, _ASSIST.c.id == _TOKENS.c.assist_session_id)
        .outerjoin(_LINKS, _LINKS.c.id == _TOKENS.c.guardian_link_id)
    )
    .where(_TOKENS.c.token_hash == bindparam("token_hash"))
)


def load_principal(db: Database, ctx: ShopContext, token: str) -> Principal:
    """Who a bearer token speaks for; 401 when it is unknown, expired, revoked or closed."""
    row = _PRINCIPAL.first(connection_of(db), {"token_hash": token_hash(token)})
    now = ctx.clock.now()
    if row is None or row[0] or row[1] <= now:
        raise Problem(
            401,
            "invalid_token",
            "The sign-in has expired or was revoked.",
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        )
    (
        _revoked,
        _expires,
        scope,
        auth_time,
        session_id,
        subject_id,
        customer_no,
        closed_at,
        display_name,
        actor_id,
        actor_username,
        actor_display,
        assist_id,
        ended_at,
        assist_expires,
        reason,
        link_ref,
        link_id,
        link_revoked_at,
        actor_closed_at,
    ) = row
    if subject_id is None or actor_id is None or closed_at is not None:
        raise _unauthenticated("The account is closed.")
    if actor_closed_at is not None:  # a closed guardian's ward session, a closed agent's assist
        raise _unauthenticated("The account is closed.")
    if session_id is not None and (
        assist_id is None or ended_at is not None or assist_expires <= now
    ):
        raise Problem(401, "invalid_token", "The assist session has ended.")
    if link_ref is not None and (link_id is None or link_revoked_at is not None):
        raise Problem(401, "invalid_token", "The guardian link has ended.")
    role = "agent" if session_id is not None else "guardian" if link_ref is not None else "subject"
    # The log names the subject by their display name, a guardian by their own display name,
    # an agent by their username.
    if actor_id == subject_id:
        actor_name = display_name
    elif role == "guardian":
        actor_name = actor_display or actor_username
    else:
        actor_name = actor_username
    return Principal(
        subject_id=subject_id,
        subject_customer_no=customer_no,
        actor_id=actor_id,
        actor_name=actor_name,
        role=role,
        scopes=frozenset(scope.split()),
        auth_time=auth_time,
        assist_session_id=session_id,
        reason=reason if session_id is not None else None,
        actor_display=actor_display or actor_username,
    )


def authorize(db: Database, ctx: ShopContext, token: str) -> Principal:
    """The caller of a read: a valid token with `privacy.read` (401/403 otherwise)."""
    principal = load_principal(db, ctx, token)
    if "privacy.read" not in principal.scopes:
        raise Problem(403, "insufficient_scope", "This sign-in cannot read personal data.")
    return principal


def access_entry(db: Database, principal: Principal, method: str, path: str) -> dict[str, Any]:
    """The access-log entry of `principal`'s call (keyword arguments of `append_access`)."""
    return {
        "subject_id": principal.subject_id,
        "actor": principal.actor_name,
        "role": principal.role,
        "action": _ACTIONS.get(method, method.lower()),
        "resource": path,
        "reason": principal.reason,
        # Looked up before the chain lock is taken: a name never holds the log's writers up.
        "what": describe(
            db,
            principal.subject_id,
            path,
            actor_display=principal.actor_display if principal.is_agent else None,
            assist_session_id=principal.assist_session_id,
        ),
    }


def authenticate_and_log(
    db: Database, ctx: ShopContext, token: str, method: str, path: str
) -> Principal:
    """The caller with `privacy.read`; the access is logged (and committed) before any work."""
    principal = authorize(db, ctx, token)
    append_access(db, ctx.clock, **access_entry(db, principal, method, path))
    return principal


def current_principal(
    request: Request, ctx: ShopContext = Depends(get_ctx), db: Session = Depends(get_db)
) -> Principal:
    """The caller with `privacy.read`; the access is logged before the route runs."""
    return authenticate_and_log(db, ctx, _bearer(request), request.method, request.url.path)


# For a route whose answer may stream (an export, an archive): its session, and the request
# slot with it, end when the route returns rather than when the client has read the last byte
# (a yield dependency of the default "request" scope is torn down only after the whole body has
# been sent, so sixteen slow readers would hold every slot). A streamed body that reads the
# database takes a slot per batch: `slotted`.
stream_db = Depends(get_db, scope="function")


def streaming_principal(
    request: Request, ctx: ShopContext = Depends(get_ctx), db: Session = stream_db
) -> Principal:
    """`current_principal` on the route's `stream_db` session (one session, one slot)."""
    return authenticate_and_log(db, ctx, _bearer(request), request.method, request.url.path)


async def slotted(ctx: ShopContext, items: Iterator[T]) -> AsyncIterator[T]:
    """`items` (whose steps read the database), each step run holding one request slot.

    Between steps, while the client reads, the stream holds neither a slot nor a connection,
    so every step's checkout is one the pool sizing (`server.db`) already counts on.
    """
    done = object()
    while True:
        async with ctx.db_slots:
            item = await anyio.to_thread.run_sync(next, items, done)
        if item is done:
            return
        yield cast(T, item)


async def run_signed_in(
    ctx: ShopContext,
    token: str,
    method: str,
    path: str,
    work: Callable[[Connection, Principal], T],
    *,
    slow: bool = False,
) -> T:
    """The fast path of a signed-in read: `current_principal` + `get_db` + the route's work.

    The token check, the access-log append and `work` (given the connection and the
    principal) run on the shop's read-batching thread (`server.read_batches`): requests that
    arrive together share one connection and one access-log transaction, and each is answered
    only after its entry is committed. `slow`: `work` may take long (a text search), so it
    runs on a connection of its own after the commit, not on the batching thread.
    """
    from server.read_batches import batcher_for  # it builds on this module

    return await batcher_for(ctx).run(token, method, path, work, slow=slow)


def bearer_token(request: Request) -> str:
    """The request's bearer token; 401 without one."""
    return _bearer(request)


def writer(principal: Principal = Depends(current_principal)) -> Principal:
    """The subject themself with `privacy.write` (agents may not change data or consents)."""
    if principal.is_agent or "privacy.write" not in principal.scopes:
        raise Problem(403, "forbidden", "Only the account holder can change this.")
    return principal


def consent_writer(principal: Principal = Depends(current_principal)) -> Principal:
    """The subject with `privacy.write`, or a linked guardian (whose ward's policy rule the
    consent route then applies: `server.guardians`)."""
    if principal.is_guardian:
        return principal
    return writer(principal)


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
    row = find_access(db, _bearer(request))
    if row is None or row.revoked or row.expires_at <= ctx.clock.now():
        raise Problem(401, "invalid_token", "The sign-in has expired or was revoked.")
    user = db.get(User, row.actor_id)
    if user is not None and user.closed_at is not None:
        raise _unauthenticated("The account is closed.")
    if user is None or user.role != "agent" or "assist" not in row.scope.split():
        raise Problem(403, "forbidden", "Only customer-service agents can do this.")
    if row.assist_session_id is not None:
        raise Problem(403, "forbidden", "Use the agent's own sign-in, not an assist token.")
    return user
