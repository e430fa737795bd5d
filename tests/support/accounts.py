"""Extra accounts for tests that need more than the demo ones (a second agent, say)."""

from __future__ import annotations

import secrets

from server.auth.passwords import hash_password
from server.db import transaction
from server.embedded import RunningShop
from server.models import User
from tests.support.oauth_login import Api, sign_in

AGENT_PASSWORD = "agent-pass-1234"


def add_agent(shop: RunningShop, username: str | None = None) -> str:
    """Create a customer-service agent account in the shop's database; returns its username."""
    name = username or f"agent.{secrets.token_hex(4)}"
    with transaction(shop.ctx.sessions) as db:
        db.add(
            User(
                username=name,
                password_hash=hash_password(AGENT_PASSWORD),
                role="agent",
                customer_no=f"AG{secrets.token_hex(6).upper()}",
                display_name=f"Agent {name}",
                created_at=shop.ctx.clock.now(),
            )
        )
    return name


def agent_api(shop: RunningShop, username: str) -> Api:
    """The agent's own sign-in (scope `assist`) over the real OAuth flow."""
    tokens = sign_in(shop.url, username, AGENT_PASSWORD, scope="privacy.read assist")
    return Api(shop.url + "/v1", str(tokens["access_token"]))
