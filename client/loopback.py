"""A one-shot HTTP listener on 127.0.0.1 that receives the OAuth redirect (RFC 8252 section 7.3).

It binds an ephemeral port before the browser opens, answers exactly one request on the
callback path with a small plain page ("you can close this window"), ignores anything else the
browser asks for (`/favicon.ico`), and gives up after a timeout or when the caller cancels.
Nothing it receives is logged: the query string carries the authorization code.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

from client.errors import GUARDIAN_CONSENT_REASON, SignInCancelled, SignInFailed, SignInTimedOut

LOOPBACK_HOST = "127.0.0.1"
DEFAULT_PATH = "/callback"

_PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<meta name="referrer" content="no-referrer"></head>
<body style="font-family: system-ui, 'Noto Sans CJK SC', sans-serif; margin: 3em;">
<h1>{title}</h1>
<p>{message}</p>
</body></html>
"""

# (title, message) of each page the listener can answer, per interface language.
_TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "en": {
        "done": (
            "Sign-in complete",
            "You can close this window and return to the Privacy Dashboard.",
        ),
        "failed": (
            "Sign-in did not complete",
            "You can close this window and return to the Privacy Dashboard to try again.",
        ),
        "declined": (
            "Sign-in declined",
            "This sign-in was declined on the shop's page, so the Privacy Dashboard is not "
            "signed in. You can close this window; nothing was changed.",
        ),
        "guardian": (
            "Sign-in refused",
            "The shop refused the sign-in: a parent or guardian must consent to this account "
            "before you can use it. Ask them to give their consent, then sign in again from "
            "the Privacy Dashboard. You can close this window.",
        ),
        "already": (
            "Privacy Dashboard",
            "This sign-in has already finished. You can close this window.",
        ),
        "cancelled": (
            "Sign-in was cancelled",
            "You cancelled this sign-in in the Privacy Dashboard, so it was not "
            "completed. To sign in, start again from the app.",
        ),
    },
    "zh_CN": {
        "done": ("登录完成", "您可以关闭此窗口，返回隐私仪表板。"),
        "failed": ("登录未完成", "您可以关闭此窗口，返回隐私仪表板重试。"),
        "declined": (
            "登录被拒绝",
            "此次登录已在商城页面被拒绝或取消，隐私仪表板未登录。您可以关闭此窗口；没有任何更改。",
        ),
        "guardian": (
            "登录被拒绝",
            "商城拒绝了登录：您须先获得父母或监护人对此账户的同意才能使用。"
            "请让他们表示同意，然后在隐私仪表板中重新登录。您可以关闭此窗口。",
        ),
        "already": ("隐私仪表板", "此登录已结束，您可以关闭此窗口。"),
        "cancelled": (
            "登录已取消",
            "您已在隐私仪表板中取消了此次登录，因此登录未完成。如需登录，请在应用中重新开始。",
        ),
    },
}


def page(kind: str, language: str) -> str:
    """The listener's answer page `kind` in the interface language (English by default)."""
    texts = _TEXTS.get(language.replace("-", "_"), _TEXTS["en"])
    title, message = texts[kind]
    return _PAGE.format(
        lang="zh-CN" if texts is _TEXTS["zh_CN"] else "en", title=title, message=message
    )


@dataclass(frozen=True)
class CallbackResult:
    """The query parameters of the redirect (first value of each); `repr` hides the values."""

    params: dict[str, str] = field(repr=False)

    def get(self, name: str) -> str | None:
        return self.params.get(name)


class _Server(ThreadingHTTPServer):
    # Threads, so an idle pre-connected browser socket cannot hold up the real redirect.
    daemon_threads = True
    # One listener per sign-in; never reuse a port another process may hold.
    allow_reuse_address = False

    def __init__(self, path: str, language: str) -> None:
        super().__init__((LOOPBACK_HOST, 0), _Handler)
        self.callback_path = path
        self.language = language
        self.cancelled = False  # the app gave up: a late redirect gets the "cancelled" page
        self.result: CallbackResult | None = None
        self.received = threading.Event()
        self.lock = threading.Lock()


def _answer_kind(params: dict[str, str]) -> str:
    """Which page answers the redirect: the app's own words for why, never the shop's text
    (anyone can send a browser here; the app checks `state` before it believes any of it)."""
    if "error" in params:
        if params.get("reason") == GUARDIAN_CONSENT_REASON:
            return "guardian"
        return "declined" if params["error"] == "access_denied" else "failed"
    return "done" if "code" in params else "failed"


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "PrivacyDashboard"
    sys_version = ""

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path != self.server.callback_path:
            self._send(HTTPStatus.NOT_FOUND, "")
            return
        if self.server.cancelled:
            self._send(HTTPStatus.OK, page("cancelled", self.server.language))
            return
        query = parse_qs(parts.query, keep_blank_values=True)
        params = {name: values[0] for name, values in query.items() if values}
        with self.server.lock:
            first = self.server.result is None
            if first:
                self.server.result = CallbackResult(params)
        if not first:
            self._send(HTTPStatus.OK, page("already", self.server.language))
            return
        try:
            self._send(HTTPStatus.OK, page(_answer_kind(params), self.server.language))
        finally:
            self.server.received.set()

    def do_HEAD(self) -> None:
        self._send(HTTPStatus.NOT_FOUND, "")

    def _send(self, status: HTTPStatus, html: str) -> None:
        body = html.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        # The default writes the request line (with the code) to stderr: say nothing.
        return


def _stop(server: _Server) -> None:
    server.shutdown()
    server.server_close()


class LoopbackListener:
    """Listen on `http://127.0.0.1:{ephemeral}/callback` for one redirect.

    Use as a context manager: the port is bound on entry (so `redirect_uri` is known before the
    browser opens) and released on exit.
    """

    def __init__(
        self, path: str = DEFAULT_PATH, *, timeout: float = 300.0, language: str = "en"
    ) -> None:
        if not path.startswith("/"):
            raise ValueError("the callback path must start with '/'")
        self.path = path
        self.timeout = timeout
        self.language = language
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> LoopbackListener:
        if self._server is not None:
            return self
        server = _Server(self.path, self.language)
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.1},
            name="sign-in-loopback",
            daemon=True,
        )
        self._thread.start()
        return self

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the listener is not started")
        return int(self._server.server_address[1])

    @property
    def redirect_uri(self) -> str:
        return f"http://{LOOPBACK_HOST}:{self.port}{self.path}"

    def wait(self, cancel: threading.Event | None = None) -> CallbackResult:
        """Block until the redirect arrives; `SignInTimedOut` or `SignInCancelled` otherwise."""
        server = self._server
        if server is None:
            raise RuntimeError("the listener is not started")
        deadline = time.monotonic() + self.timeout
        while True:
            if cancel is not None and cancel.is_set():
                raise SignInCancelled()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise SignInTimedOut(
                    f"No answer from the browser within {self.timeout:g} seconds; "
                    "sign-in was stopped. Please try again."
                )
            if server.received.wait(min(remaining, 0.1)):
                result = server.result
                if result is None:  # pragma: no cover - set together with the event
                    raise SignInFailed()
                return result

    def abandon(self, linger: float) -> None:
        """The app stopped waiting: for `linger` seconds a late redirect still reaches a page
        that says the sign-in was cancelled (not "connection refused"); its code is never
        exchanged. Then the port closes."""
        server, self._server = self._server, None
        if server is None:
            return
        server.cancelled = True
        timer = threading.Timer(linger, _stop, args=(server,))
        timer.daemon = True
        timer.start()
        self._thread = None

    def close(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> LoopbackListener:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


__all__ = ["DEFAULT_PATH", "LOOPBACK_HOST", "CallbackResult", "LoopbackListener"]
