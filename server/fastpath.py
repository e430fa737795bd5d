"""Plain-ASGI answers for the hottest signed-in reads, tried before FastAPI's router.

A browse of My Tracks (`GET /v1/tracks` with at most `limit` and `cursor`) is what the app
sends most, page after page while scrolling. Here it skips routing over every route, the
dependency solver and the exception middleware: the query is checked by
`server.routes.tracks.fast_browse_params`, and anything it does not vouch for (another
parameter, a malformed value, no bearer token) goes on to the declared FastAPI route, which
answers exactly as the contract says. What this path does answer is produced by the same
functions as the route (`run_signed_in`, `tracks_page`), so the bytes are the same.
"""

from __future__ import annotations

from functools import partial
from urllib.parse import parse_qsl

from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from server.context import ShopContext
from server.deps import run_signed_in
from server.errors import Problem, problem_response
from server.fastjson import json_response
from server.routes.tracks import fast_browse_params, tracks_page


def bearer_from_scope(scope: Scope) -> str | None:
    for name, value in scope["headers"]:
        if name == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            token = token.strip()
            return token if scheme.lower() == "bearer" and token else None
    return None


class FastReads:
    """The ASGI middleware; `ctx` is the shop's context."""

    def __init__(self, app: ASGIApp, ctx: ShopContext) -> None:
        self.app = app
        self.ctx = ctx

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] == "GET"
            and scope["path"] == "/v1/tracks"
            and not scope.get("root_path")
        ):
            response = await self._tracks(scope)
            if response is not None:
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)

    async def _tracks(self, scope: Scope) -> Response | None:
        query = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
        params = fast_browse_params(query)
        token = bearer_from_scope(scope)
        if params is None or token is None:
            return None
        try:
            body = await run_signed_in(
                self.ctx, token, "GET", scope["path"], partial(tracks_page, **params)
            )
        except Problem as exc:
            return problem_response(exc.status, exc.code, exc.detail, exc.headers, **exc.extra)
        return json_response(body)
