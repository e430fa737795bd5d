"""A loopback proxy in front of the real shop that can lose an answer, then the whole line.

`cut_after(method, path_suffix)` arms it: the next matching request is forwarded to the shop
(which does the work and answers), the answer is thrown away and the connection closed, and
from then on every request is dropped unanswered until `heal()`. That is what a shopper sees
when the network goes down just after the shop received their request.

`rewrite(method, path_suffix, change)` lets the next matching request reach the shop (which
does the work) and hands the shop's answer body to `change`, whose bytes the app then gets: a
shop whose answer disagrees with what it did, once. `rewritten` lists what it changed.

`hold(method, path_suffix)` keeps matching requests waiting in the proxy (unsent to the shop)
until `release()`: a slow shop, so a test can act while the app waits for an answer. `held`
counts the requests that reached the gate.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests

_HOP = {
    "connection",
    "keep-alive",
    "transfer-encoding",
    "content-length",
    "content-encoding",
    "server",
    "date",
    "host",
}


@dataclass
class CutProxy:
    """State of the proxy; `url` is its base (http://127.0.0.1:port)."""

    target: str
    url: str = ""
    armed: tuple[str, str] | None = None
    dark: bool = False
    forwarded: list[tuple[str, str]] = field(default_factory=list)
    lost_answers: list[tuple[str, str, int]] = field(default_factory=list)
    dropped: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    holding: tuple[str, str] | None = None
    held: int = 0
    gate: threading.Event = field(default_factory=threading.Event)
    rewriting: tuple[str, str, Callable[[bytes], bytes]] | None = None
    rewritten: list[tuple[str, str]] = field(default_factory=list)

    def rewrite(self, method: str, path_suffix: str, change: Callable[[bytes], bytes]) -> None:
        with self.lock:
            self.rewriting = (method, path_suffix, change)

    def _rewriter(self, method: str, path: str) -> Callable[[bytes], bytes] | None:
        """The change for this answer, if the rewrite is armed for it (used once)."""
        with self.lock:
            armed = self.rewriting
            if armed is None or method != armed[0]:
                return None
            if not path.split("?")[0].endswith(armed[1]):
                return None
            self.rewriting = None
            self.rewritten.append((method, path))
            return armed[2]

    def cut_after(self, method: str, path_suffix: str) -> None:
        with self.lock:
            self.armed = (method, path_suffix)

    def hold(self, method: str, path_suffix: str) -> None:
        with self.lock:
            self.gate.clear()
            self.holding = (method, path_suffix)

    def release(self) -> None:
        with self.lock:
            self.holding = None
        self.gate.set()

    def _wait_if_held(self, method: str, path: str) -> None:
        with self.lock:
            holding = self.holding
            if holding is None or method != holding[0]:
                return
            if not path.split("?")[0].endswith(holding[1]):
                return
            self.held += 1
        self.gate.wait(timeout=30)  # bounded: a failed test does not hang the proxy

    def heal(self) -> None:
        with self.lock:
            self.armed = None
            self.dark = False

    def _decide(self, method: str, path: str) -> str:
        """'drop', 'cut' (forward, lose the answer, go dark) or 'forward'."""
        with self.lock:
            if self.dark:
                self.dropped += 1
                return "drop"
            armed = self.armed
            if armed is not None and method == armed[0] and path.split("?")[0].endswith(armed[1]):
                self.armed = None
                self.dark = True
                return "cut"
            return "forward"


@contextmanager
def cut_proxy(target: str) -> Iterator[CutProxy]:
    state = CutProxy(target.rstrip("/"))
    upstream = requests.Session()
    upstream.trust_env = False

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            state._wait_if_held(self.command, self.path)
            decision = state._decide(self.command, self.path)
            if decision == "drop":
                self.close_connection = True
                return
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP}
            answer = upstream.request(
                self.command,
                state.target + self.path,
                data=body,
                headers=headers,
                allow_redirects=False,
                timeout=30,
            )
            state.forwarded.append((self.command, self.path))
            if decision == "cut":
                state.lost_answers.append((self.command, self.path, answer.status_code))
                self.close_connection = True  # the shop did it; the answer is lost
                return
            content = answer.content
            change = state._rewriter(self.command, self.path)
            if change is not None:
                content = change(content)
            self.send_response(answer.status_code)
            for key, value in answer.headers.items():
                if key.lower() not in _HOP:
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _handle

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.release()  # held requests go on, so the server's threads end
        server.shutdown()
        server.server_close()
        upstream.close()
