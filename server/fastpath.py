"""Plain-ASGI answers for the hottest signed-in reads, tried before FastAPI's router.

A browse of My Tracks (`GET /v1/tracks` with at most `limit` and `cursor`) is what the app
sends most, page after page while scrolling. Here it skips routing over every route, the
dependency solver and the exception middleware: the query is checked by
`server.routes.tracks.fast_browse_params`, and anything it does not vouch for (another
parameter, a malformed value, no bearer token) goes on to the declared FastAPI route, which
answers exactly as the contract says. What this path does answer is produced by the same
functions as the route (`run_signed_in`, `tracks_page`), so the bytes are the same.

`ShopAPI` (the application class) tries that browse first, before FastAPI's and Starlette's
own layers and the shop's middleware (server.app): profiling 50 connections of browsing, those
layers' calls and send wrappers were about a fifth of the process's Python time for an answer
that needs none of them. What they add to such an answer is added here, the same way: the
request's `X-Request-Id` (`request_id`), its language label (`server.i18n.label_language`),
the guard's NUL check (`has_nul`; anything it would refuse goes through the full stack), a problem
response for a refused token and a logged 500 for a crash (`RequestIdMiddleware`'s answer).
`FastReads` stays inside the stack for what falls through (a GET announcing a body).
"""

from __future__ import annotations

import logging
import os
from functools import partial
from typing import Any
from urllib.parse import parse_qsl

from fastapi import FastAPI
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.context import ShopContext
from server.deps import run_signed_in
from server.errors import Problem, problem_response
from server.fastjson import json_response
from server.i18n import SUPPORTED, Language, label_language, negotiate, using_language
from server.request_guard import has_nul
from server.routes.tracks import fast_browse_params, tracks_page

log = logging.getLogger("server")
_LABELS: dict[Language, bytes] = {language: language.encode("ascii") for language in SUPPORTED}


def request_id(incoming: str) -> str:
    """The caller's `X-Request-Id` if it is sane, else a fresh one."""
    return incoming if 0 < len(incoming) <= 100 and incoming.isascii() else os.urandom(16).hex()


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


class ShopAPI(FastAPI):
    """The shop's FastAPI application, answering a plain browse before its own layers."""

    fast_ctx: ShopContext | None = None  # set by `server.app.create_app`
    # What a middleware added after `create_app` puts on every answer, added here too (the
    # worker's name: server.worker); such a middleware never sees these answers.
    fast_headers: tuple[tuple[bytes, bytes], ...] = ()
    fast_answers = 0  # browses answered here (for tests)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            self.fast_ctx is not None
            and scope["type"] == "http"
            and scope["method"] == "GET"
            and scope["path"] == "/v1/tracks"
            and not scope.get("root_path")
            and not self.root_path
            and await _browse(self.fast_ctx, scope, send, self.fast_headers)
        ):
            self.fast_answers += 1
            return
        await super().__call__(scope, receive, send)


async def _browse(
    ctx: ShopContext, scope: Scope, send: Send, extra: tuple[tuple[bytes, bytes], ...]
) -> bool:
    """Answer a plain signed-in browse of My Tracks; False: the full stack must answer."""
    raw_query: bytes = scope["query_string"]
    if has_nul(scope.get("raw_path") or scope["path"].encode()) or has_nul(raw_query):
        return False  # the guard's 400
    token = incoming_id = accept_language = None
    for name, value in scope["headers"]:
        if name == b"authorization":
            if token is None:
                scheme, _, found = value.decode("latin-1").partition(" ")
                found = found.strip()
                if scheme.lower() != "bearer" or not found:
                    return False
                token = found
        elif name == b"x-request-id":
            if incoming_id is None:
                incoming_id = value.decode("latin-1")
        elif name == b"accept-language":
            if accept_language is None:
                accept_language = value.decode("latin-1")
        elif name == b"transfer-encoding" or (name == b"content-length" and value != b"0"):
            return False  # a body: the guard reads (and judges) it
    if token is None:
        return False
    params = fast_browse_params(parse_qsl(raw_query.decode("latin-1"), keep_blank_values=True))
    if params is None:
        return False
    language = negotiate(accept_language)  # `ui_locales` is not a browse parameter
    rid = request_id(incoming_id or "")
    with using_language(language):  # problem texts are in the caller's language
        try:
            response: Response = json_response(
                await run_signed_in(ctx, token, "GET", "/v1/tracks", partial(tracks_page, **params))
            )
            # a page carries no language or Vary of its own: the labels simply follow
            headers = [
                *response.raw_headers,
                (b"x-request-id", rid.encode("ascii")),
                (b"content-language", _LABELS[language]),
                (b"vary", b"Accept-Language"),
            ]
            labelled = True
        except Problem as exc:
            response = problem_response(exc.status, exc.code, exc.detail, exc.headers, **exc.extra)
            headers = [*response.raw_headers, (b"x-request-id", rid.encode("ascii"))]
            labelled = False
        except Exception:
            # as `RequestIdMiddleware` answers a crash (its id set on the response itself)
            log.exception("unhandled error in request %s", rid)
            response = problem_response(
                500, "internal_error", "Something went wrong on the shop's side."
            )
            response.headers["X-Request-Id"] = rid
            headers = list(response.raw_headers)
            labelled = False
        start: Message = {
            "type": "http.response.start",
            "status": response.status_code,
            "headers": headers,
        }
        if not labelled:  # a problem may carry headers of its own: the stack's own rule
            label_language(start, language)
        if extra:
            start["headers"] = [*start["headers"], *extra]
    await send(start)
    body: dict[str, Any] = {"type": "http.response.body", "body": response.body}
    await send(body)
    return True
