"""Which of the shop's languages a caller reads: English or Simplified Chinese, one at a time.

The app names its interface language explicitly (the OAuth `ui_locales` parameter on the
sign-in page, `Accept-Language` on API calls); a browser sends its own `Accept-Language`.
Anything that is not Chinese gets English, the documented fallback.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qs

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

Language = Literal["en", "zh-CN"]
DEFAULT_LANGUAGE: Language = "en"
SUPPORTED: tuple[Language, ...] = ("en", "zh-CN")
MAX_HEADER = 500  # a longer Accept-Language is ignored rather than parsed


def language_of(tag: str) -> Language | None:
    """The supported language a BCP 47 tag falls under, if any (zh-Hans, zh-SG → zh-CN)."""
    primary = tag.strip().lower().replace("_", "-").split("-", 1)[0]
    if primary == "zh":
        lowered = tag.lower()
        # Traditional-script variants are not Simplified Chinese; English serves them better
        # than the wrong script would.
        if any(mark in lowered for mark in ("hant", "-tw", "-hk", "-mo")):
            return None
        return "zh-CN"
    if primary == "en":
        return "en"
    return None


def negotiate(accept_language: str | None, explicit: str | None = None) -> Language:
    """The caller's language: `explicit` (space-separated tags, as `ui_locales`) first, then
    `Accept-Language` by its q-values, then English."""
    for tag in (explicit or "")[:MAX_HEADER].split():
        found = language_of(tag)
        if found:
            return found
    if not accept_language or len(accept_language) > MAX_HEADER:
        return DEFAULT_LANGUAGE
    ranked: list[tuple[float, int, Language]] = []
    for index, part in enumerate(accept_language.split(",")):
        tag, _, params = part.partition(";")
        quality = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                quality = float(params[2:])
            except ValueError:
                continue
        found = language_of(tag)
        if found and 0 < quality <= 1:
            ranked.append((-quality, index, found))
    return min(ranked)[2] if ranked else DEFAULT_LANGUAGE


# --- the language of the current request ----------------------------------------------------
#
# Set once per HTTP request by `LanguageMiddleware` (outermost, so the routes, the problem
# handlers and the request guard inside it all see it). A context variable rather than a
# parameter threaded through every serialiser: sync routes run in a worker thread, and
# Starlette copies the request's context into it.

_current: ContextVar[Language] = ContextVar("request_language", default=DEFAULT_LANGUAGE)


def current_language() -> Language:
    """The language of the request being answered (English outside a request)."""
    return _current.get()


@contextmanager
def using_language(language: Language) -> Iterator[None]:
    """Answer in `language` inside the block (archives built later in the filing language)."""
    token = _current.set(language)
    try:
        yield
    finally:
        _current.reset(token)


def request_language(request: Request) -> Language:
    """FastAPI dependency: the language this request asked for (`Accept-Language`)."""
    return negotiate(request.headers.get("accept-language"))


def pick(en: str, zh: str | None, language: Language | None = None) -> str:
    """One text in the asked language; English when the shop has no Chinese for it."""
    if (language or current_language()) == "zh-CN" and zh:
        return zh
    return en


def localized(row: object, field: str, language: Language | None = None) -> str:
    """`row.<field>` in the asked language: `row.<field>_zh` for Chinese when it is set."""
    en = getattr(row, field)
    zh = getattr(row, f"{field}_zh", None)
    return pick(en, zh, language) if isinstance(en, str) else en


@dataclass(frozen=True)
class Text:
    """A bilingual text as the demo data carries it: English and Simplified Chinese."""

    en: str
    zh: str

    def __str__(self) -> str:
        return pick(self.en, self.zh)

    def format(self, **params: object) -> Text:
        return Text(self.en.format(**params), self.zh.format(**params))


def label_language(start: Message, language: Language) -> None:
    """Label an `http.response.start` message with its language, as every answer is."""
    headers = MutableHeaders(scope=start)
    # A page that chose its own language (the sign-in page follows `ui_locales`) keeps its
    # label.
    if "content-language" not in headers:
        headers["Content-Language"] = language
    vary = headers.get("vary", "")
    if "accept-language" not in vary.lower():
        headers["Vary"] = f"{vary}, Accept-Language" if vary else "Accept-Language"


class LanguageMiddleware:
    """Pure ASGI: negotiate the language, expose it to the request, and label the answer.

    Every response says which language it is in (`Content-Language`) and that it varies by
    `Accept-Language`, so no cache hands an English answer to a Chinese reader.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        header = ""
        for name, value in scope.get("headers", []):
            if name == b"accept-language":
                header = value.decode("latin-1")
                break
        # The sign-in page follows the OAuth `ui_locales` parameter before Accept-Language.
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        language = negotiate(header, (query.get("ui_locales") or [None])[0])
        token = _current.set(language)

        async def send_labelled(message: Message) -> None:
            if message["type"] == "http.response.start":
                label_language(message, language)
            await send(message)

        try:
            await self.app(scope, receive, send_labelled)
        finally:
            _current.reset(token)
