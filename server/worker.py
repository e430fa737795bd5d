"""One worker process of a multi-process shop server (`python -m server serve --workers N`).

The supervisor (uvicorn's, in `server.__main__`) binds the port once and starts N processes;
each one imports `create_worker_app` and builds its own engine and context from the settings
the supervisor put in the environment. Nothing a request depends on is kept in the worker:
state lives in the database, so any worker answers any request the same way. A worker never
changes the schema (`python -m server migrate` did that once); it refuses a database that is
not at the newest revision.

The same factory serves other ASGI servers, e.g.
`gunicorn -k uvicorn_worker.UvicornWorker 'server.worker:create_worker_app()'` or
`granian --interface asgi --factory server.worker:create_worker_app`, with the settings in
`PRIVACY_SHOP_WORKER` (see `worker_environment`). Those servers decide themselves whose
X-Forwarded-For they believe (gunicorn's `--forwarded-allow-ips` defaults to 127.0.0.1): set it
to the shop's trusted proxies, or to none, or sign-in throttling can be dodged with the header.
"""

from __future__ import annotations

import json
import os
import secrets
from datetime import timedelta
from typing import Any

from fastapi import FastAPI

from server.context import ServerConfig, ShopContext
from server.shops import SHOPS, shop_profile

ENV_NAME = "PRIVACY_SHOP_WORKER"


def worker_environment(config: ServerConfig, demo_accounts: list[tuple[str, str, str]]) -> str:
    """The settings a worker needs, as the JSON put in `PRIVACY_SHOP_WORKER`."""
    return json.dumps(
        {
            "db_url": config.db_url,
            "shop": next(key for key, profile in SHOPS.items() if profile == config.shop),
            "public_url": config.public_url,
            "demo": config.demo,
            "processor_delay": config.processor_delay.total_seconds(),
            "extra": config.extra,
            "trusted_proxies": list(config.trusted_proxies),
            "requests_per_day": config.requests_per_day,
            "uploads_per_day": config.uploads_per_day,
            "demo_accounts": [list(a) for a in demo_accounts],
        }
    )


def config_from_environment() -> tuple[ServerConfig, list[tuple[str, str, str]]]:
    raw = os.environ.get(ENV_NAME)
    if not raw:
        raise RuntimeError(f"{ENV_NAME} is not set: start workers with python -m server serve")
    settings = json.loads(raw)
    config = ServerConfig(
        db_url=settings["db_url"],
        shop=shop_profile(settings["shop"]),
        public_url=settings["public_url"],
        demo=bool(settings.get("demo", False)),
        processor_delay=timedelta(seconds=float(settings.get("processor_delay", 5.0))),
        run_processor=False,  # processors run as their own processes (python -m server process)
        manage_schema=False,
        extra=dict(settings.get("extra", {})),
        trusted_proxies=tuple(str(a) for a in settings.get("trusted_proxies", [])),
        requests_per_day=int(settings.get("requests_per_day", 20)),
        uploads_per_day=int(settings.get("uploads_per_day", 10)),
    )
    accounts = [(str(u), str(p), str(r)) for u, p, r in settings.get("demo_accounts", [])]
    return config, accounts


WORKER_HEADER = "X-Worker-Id"


class _WorkerTag:
    """Names the answering worker in a header (random per process, not its pid): operators and
    the tests see which process served a call, so "spread over all workers" is checked, not
    assumed."""

    def __init__(self, app: Any, worker_id: str) -> None:
        self.app = app
        self.header = (WORKER_HEADER.lower().encode(), worker_id.encode())

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_tagged(message: Any) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), self.header]}
            await send(message)

        await self.app(scope, receive, send_tagged)


def create_worker_app() -> FastAPI:
    """The ASGI app of one worker (an app factory: one context per process)."""
    from server.app import create_app

    config, accounts = config_from_environment()
    ctx = ShopContext(config)
    ctx.demo_accounts = accounts
    app = create_app(ctx)
    worker_id = secrets.token_hex(4)
    app.add_middleware(_WorkerTag, worker_id=worker_id)
    # the browse answered before every middleware (server.fastpath) names the worker too
    app.fast_headers = ((WORKER_HEADER.lower().encode(), worker_id.encode()),)
    return app
