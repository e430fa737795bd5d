"""What every route needs: configuration, the shop profile, the database, the clock, the key."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from server.db import REQUEST_SLOTS, make_engine, make_session_factory, transaction
from server.ratelimit import RateLimits
from server.schema import create_schema
from server.shops import ShopProfile
from server.signing import Signer, load_or_create_signer
from server.timeutil import Clock

CLIENT_ID = "privacy-dashboard"


@dataclass
class ServerConfig:
    db_url: str
    shop: ShopProfile
    public_url: str = "http://127.0.0.1:8731"
    demo: bool = False
    access_token_ttl: timedelta = timedelta(minutes=15)
    refresh_token_ttl: timedelta = timedelta(days=30)
    code_ttl: timedelta = timedelta(minutes=2)
    reauth_window: timedelta = timedelta(minutes=5)
    processor_delay: timedelta = timedelta(seconds=5)
    run_processor: bool = False
    # False for the workers of a multi-process server: `python -m server migrate` made the
    # schema once, and a worker only checks it is at the newest revision.
    manage_schema: bool = True
    # Addresses of reverse proxies whose X-Forwarded-For is believed; by default none is, so
    # throttling by client address cannot be dodged by sending the header.
    trusted_proxies: tuple[str, ...] = ()
    # Per account and day (0: no limit): privacy requests filed, identity documents uploaded.
    requests_per_day: int = 20
    uploads_per_day: int = 10
    extra: dict[str, str] = field(default_factory=dict)


class ShopContext:
    """One per server process: one shop over one database."""

    def __init__(self, config: ServerConfig, clock: Clock | None = None) -> None:
        self.config = config
        self.shop = config.shop
        self.clock = clock or Clock()
        self.engine: Engine = make_engine(config.db_url)
        create_schema(self.engine, manage=config.manage_schema)
        self.sessions: sessionmaker[Session] = make_session_factory(self.engine)
        # A request takes a slot before its session (server.deps); the pool has a connection
        # for every slot, so nobody ever waits for a connection while holding one.
        self.db_slots = asyncio.Semaphore(REQUEST_SLOTS)
        with transaction(self.sessions) as session:
            self.signer: Signer = load_or_create_signer(session, self.clock)
        # shared by every worker process through the database (see server.ratelimit)
        self.limits = RateLimits(self.engine, now=lambda: self.clock.now().timestamp())
        # (username, password, role) listed on the login page in demo mode only
        self.demo_accounts: list[tuple[str, str, str]] = []
        # The shop's gateway for identity-verification codes (request id, code): SMS or e-mail
        # in a real shop; the reference server has none, and never writes a code to its log.
        self.send_verification_code: Callable[[int, str], None] | None = None

    @property
    def api_base(self) -> str:
        return self.config.public_url.rstrip("/") + "/v1"

    def dispose(self) -> None:
        self.engine.dispose()
