"""Checks every request passes before the application sees it (plain ASGI middleware).

- A body larger than its limit (1 MiB of JSON, 64 KiB of a sign-in form) is answered `413`
  from its `Content-Length`, or as soon as the streamed bytes pass the limit; nothing larger
  is ever held in memory.
- A body sent to the personal-data API (`/v1/…`) without a valid bearer token is answered
  `401` before a byte of it is read: strangers cannot make the shop parse anything.
- The NUL character, which neither SQLite's full-text index nor PostgreSQL's text type can
  hold, is refused (`400 invalid_character`) wherever it hides: the path, the query string, a
  JSON string (``\\u0000``) or a form field (``%00``).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.concurrency import run_in_threadpool

from server.errors import PROBLEM_MEDIA_TYPE, problem_body

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
AsgiApp = Callable[[Scope, Receive, Send], Awaitable[None]]
TokenCheck = Callable[[str], bool]

JSON_BODY_LIMIT = 1024 * 1024
FORM_BODY_LIMIT = 64 * 1024
# Proof-of-identity uploads (server/identity_documents.py): binary, so NUL bytes are content,
# not an attack on a text column; they are stored as bytes.
DOCUMENT_BODY_LIMIT = 2 * 1024 * 1024
DOCUMENT_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg"})
_BODYLESS = frozenset({"GET", "HEAD", "OPTIONS"})
_PROTECTED_PREFIX = "/v1/"


class RequestGuard:
    """Wraps the app; `token_is_valid` tells whether a bearer token may use the API."""

    def __init__(self, app: AsgiApp, token_is_valid: TokenCheck) -> None:
        self.app = app
        self.token_is_valid = token_is_valid

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if has_nul(scope.get("raw_path") or scope["path"].encode()) or has_nul(
            scope.get("query_string", b"")
        ):
            await _refuse(
                send,
                400,
                "invalid_character",
                "The address contains a character the shop cannot store (NUL).",
            )
            return
        headers = _headers(scope)
        if scope["method"] in _BODYLESS and not _announces_body(headers):
            await self.app(scope, receive, send)
            return
        if scope["path"].startswith(_PROTECTED_PREFIX) and not await self._authorised(headers):
            await _refuse(
                send,
                401,
                "unauthenticated",
                "Sign in to use this resource.",
                {"WWW-Authenticate": "Bearer"},
            )
            return
        limit = _limit_for(headers.get("content-type", ""))
        declared = headers.get("content-length")
        if declared is not None:
            if not declared.isascii() or not declared.isdigit() or len(declared) > 18:
                await _refuse(send, 400, "bad_request", "The Content-Length header is not valid.")
                return
            if int(declared) > limit:
                await _too_large(send, limit)
                return
        body = await _read_body(receive, limit)
        if body is None:
            await _too_large(send, limit)
            return
        if _bodyhas_nul(body, headers.get("content-type", "")):
            await _refuse(
                send,
                400,
                "invalid_character",
                "The request contains a character the shop cannot store (NUL).",
            )
            return
        await self.app(scope, _replay(body, receive), send)

    async def _authorised(self, headers: dict[str, str]) -> bool:
        scheme, _, token = headers.get("authorization", "").partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token or len(token) > 512:
            return False
        return await run_in_threadpool(self.token_is_valid, token)


def _headers(scope: Scope) -> dict[str, str]:
    return {
        name.decode("latin-1").lower(): value.decode("latin-1")
        for name, value in scope.get("headers", [])
    }


def _announces_body(headers: dict[str, str]) -> bool:
    return headers.get("content-length", "0") != "0" or "transfer-encoding" in headers


def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _limit_for(content_type: str) -> int:
    if _media_type(content_type) in DOCUMENT_TYPES:
        return DOCUMENT_BODY_LIMIT
    return FORM_BODY_LIMIT if "form" in content_type.lower() else JSON_BODY_LIMIT


def has_nul(raw: bytes) -> bool:
    """Whether a path, query or body holds a NUL, raw or percent-encoded (refused: 400)."""
    return b"\x00" in raw or b"%00" in raw


def _bodyhas_nul(body: bytes, content_type: str) -> bool:
    if _media_type(content_type) in DOCUMENT_TYPES:
        return False  # a binary document, kept as bytes
    if b"\x00" in body:
        return True
    lowered = content_type.lower()
    if "json" in lowered:
        # JSON can spell NUL only as \u0000 (hex digits, any case); a literal backslash
        # before it ("\\u0000") is refused too, which costs nothing real.
        return b"\\u0000" in body
    if "form" in lowered:
        return b"%00" in body
    return False


async def _read_body(receive: Receive, limit: int) -> bytes | None:
    """The whole body, or None as soon as it passes `limit` (the rest is never read)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # after the body: wait for the disconnect, as the server would

    return replay


async def _too_large(send: Send, limit: int) -> None:
    await _refuse(
        send,
        413,
        "payload_too_large",
        f"The request body is larger than the {limit // 1024} KiB this shop accepts.",
        {"Connection": "close"},
    )


async def _refuse(
    send: Send, status: int, code: str, detail: str, headers: dict[str, str] | None = None
) -> None:
    payload = json.dumps(problem_body(status, code, detail)).encode()
    raw_headers = [
        (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
        (b"content-length", str(len(payload)).encode()),
    ]
    raw_headers += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": payload})
