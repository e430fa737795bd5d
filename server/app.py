"""The FastAPI application factory."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.auth.oauth import router as oauth_router
from server.auth.tokens import access_token_is_live
from server.context import ShopContext
from server.db import WORKER_THREADS
from server.errors import install_problem_handlers, problem_response
from server.fastpath import FastReads, ShopAPI, request_id
from server.i18n import LanguageMiddleware
from server.openapi_doc import install_openapi
from server.request_guard import RequestGuard
from server.routes import ROUTERS

API_VERSION = "1.0.0"

log = logging.getLogger("server")


class RequestIdMiddleware:
    """`X-Request-Id` on every response (the caller's, if sane), and a 500 for a crash.

    Plain ASGI rather than `BaseHTTPMiddleware`: no extra task, stream or response copy per
    request.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = ""
        for name, value in scope["headers"]:
            if name == b"x-request-id":
                incoming = value.decode("latin-1")
                break
        rid = request_id(incoming)
        header = (b"x-request-id", rid.encode("ascii"))
        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", ()), header]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            log.exception("unhandled error in request %s", rid)
            if started:
                raise  # too late for a problem response; the server drops the connection
            response = problem_response(
                500, "internal_error", "Something went wrong on the shop's side."
            )
            response.headers["X-Request-Id"] = rid
            await response(scope, receive, send)


@asynccontextmanager
async def _lifespan(_app: FastAPI) -> AsyncIterator[None]:
    # The worker-thread limit is sized from the database request slots (server.db).
    anyio.to_thread.current_default_thread_limiter().total_tokens = WORKER_THREADS
    yield


def create_app(ctx: ShopContext) -> ShopAPI:
    app = ShopAPI(
        title="Shop privacy API",
        version=API_VERSION,
        description=(
            "See, control and request what a shop holds about you. "
            "Errors are RFC 9457 problem details; lists use keyset cursors. "
            "Human-readable text (descriptions, notices, policy changes, decisions, request "
            "notes and resolutions, problem `title` and `detail`) comes in the language the "
            "`Accept-Language` header asks for: `zh-CN` (any Simplified Chinese tag) or `en`. "
            "Any other language, and any text the shop has only in English, is answered in "
            "English, the fallback. Every answer names its language in `Content-Language` and "
            "carries `Vary: Accept-Language`. Codes, keys and enum values never change with "
            "the language."
        ),
        docs_url=None,
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.ctx = ctx
    app.fast_ctx = ctx  # the plain browse of My Tracks, before every layer (server.fastpath)
    install_problem_handlers(app)
    # The last added runs first: the caller's language (every answer, the guard's refusals and
    # problem details included, is in it and labelled with it: server/i18n.py), the request id,
    # the guard (its refusals carry the id), the fast read path, then the routes.
    app.add_middleware(FastReads, ctx=ctx)
    app.add_middleware(RequestGuard, token_is_valid=lambda token: access_token_is_live(ctx, token))
    app.add_middleware(RequestIdMiddleware)
    app.add_middleware(LanguageMiddleware)

    app.include_router(oauth_router)
    for router in ROUTERS:
        app.include_router(router)
    install_openapi(app)
    return app
