"""Issuing, rotating and revoking tokens. Tokens are random; only their SHA-256 is stored."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from server.context import ShopContext
from server.db import DriverStatement
from server.models import AccessToken, RefreshToken

# The headers of every answer that carries a token (RFC 6749 5.1): kept by no cache.
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_secret() -> str:
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class IssuedTokens:
    access_token: str
    refresh_token: str | None
    expires_in: int
    scope: str


def issue_tokens(
    session: Session,
    ctx: ShopContext,
    *,
    user_id: int,
    scope: str,
    auth_time: datetime,
    family_id: str | None = None,
    with_refresh: bool = True,
) -> IssuedTokens:
    now = ctx.clock.now()
    family = family_id or new_secret()
    access = new_secret()
    session.add(
        AccessToken(
            token_hash=token_hash(access),
            subject_id=user_id,
            actor_id=user_id,
            family_id=family,
            scope=scope,
            auth_time=auth_time,
            expires_at=now + ctx.config.access_token_ttl,
        )
    )
    refresh = None
    if with_refresh:
        refresh = new_secret()
        session.add(
            RefreshToken(
                token_hash=token_hash(refresh),
                family_id=family,
                user_id=user_id,
                client_id="",
                scope=scope,
                auth_time=auth_time,
                expires_at=now + ctx.config.refresh_token_ttl,
            )
        )
    return IssuedTokens(access, refresh, int(ctx.config.access_token_ttl.total_seconds()), scope)


def revoke_family(session: Session, family_id: str) -> None:
    """Revoke every refresh and access token descended from one sign-in."""
    session.execute(
        update(RefreshToken).where(RefreshToken.family_id == family_id).values(revoked=True)
    )
    session.execute(
        update(AccessToken).where(AccessToken.family_id == family_id).values(revoked=True)
    )


def find_refresh(session: Session, token: str) -> RefreshToken | None:
    return session.scalars(
        select(RefreshToken).where(RefreshToken.token_hash == token_hash(token))
    ).first()


def find_access(session: Session, token: str) -> AccessToken | None:
    return session.scalars(
        select(AccessToken).where(AccessToken.token_hash == token_hash(token))
    ).first()


# The request guard's check before it reads a body: two columns on a bare pooled connection,
# no session or ORM object (it runs for every POST, beside the full check the route makes).
_LIVE = DriverStatement(
    select(AccessToken.__table__.c.revoked, AccessToken.__table__.c.expires_at).where(
        AccessToken.__table__.c.token_hash == bindparam("token_hash")
    )
)


def access_token_is_live(ctx: ShopContext, token: str) -> bool:
    """Whether a bearer token exists, is unrevoked and unexpired (its own short checkout)."""
    with ctx.engine.connect() as connection:
        row = _LIVE.first(connection, {"token_hash": token_hash(token)})
    return row is not None and not row[0] and row[1] > ctx.clock.now()
