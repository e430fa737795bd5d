"""The FastAPI application factory."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response

from server.auth.oauth import router as oauth_router
from server.auth.tokens import access_token_is_live
from server.context import ShopContext
from server.errors import install_problem_handlers, problem_response
from server.openapi_doc import install_openapi
from server.request_guard import RequestGuard
from server.routes import ROUTERS

API_VERSION = "1.0.0"

log = logging.getLogger("server")


def create_app(ctx: ShopContext) -> FastAPI:
    app = FastAPI(
        title="Shop privacy API",
        version=API_VERSION,
        description=(
            "See, control and request what a shop holds about you. "
            "Errors are RFC 9457 problem details; lists use keyset cursors."
        ),
        docs_url=None,
        redoc_url=None,
    )
    app.state.ctx = ctx
    install_problem_handlers(app)
    # Added first, so it runs inside the request-id middleware (its refusals carry the id).
    app.add_middleware(RequestGuard, token_is_valid=lambda token: access_token_is_live(ctx, token))

    @app.middleware("http")
    async def request_id(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        incoming = request.headers.get("x-request-id", "")
        rid = incoming if 0 < len(incoming) <= 100 and incoming.isascii() else uuid.uuid4().hex
        try:
            response = await call_next(request)
        except Exception:
            log.exception("unhandled error in request %s", rid)
            response = problem_response(
                500, "internal_error", "Something went wrong on the shop's side."
            )
        response.headers["X-Request-Id"] = rid
        return response

    app.include_router(oauth_router)
    for router in ROUTERS:
        app.include_router(router)
    install_openapi(app)
    return app
