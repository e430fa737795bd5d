"""The transport: HTTPS rules, retries (through a flaky loopback proxy), and error mapping.

Errors come from the real reference shop wherever it can produce them; only what a healthy
shop never does (503s, dropped connections, garbage bodies) comes from the proxy in front of it.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from client.connection import StaticToken
from client.errors import (
    AuthenticationRequired,
    BadResponse,
    Conflict,
    ConnectionFailed,
    Forbidden,
    IdempotencyConflict,
    InsecureTransport,
    NotFound,
    RateLimited,
    ReauthRequired,
    ServerError,
    ValidationFailed,
)
from client.transport import Transport, check_url_allowed
from server.embedded import RunningShop
from tests.conftest import AGENT, SHOPPER
from tests.support.oauth_login import sign_in

_HOP = {
    "connection",
    "keep-alive",
    "transfer-encoding",
    "content-length",
    "content-encoding",
    "server",
    "date",
}


@dataclass
class Fault:
    kind: str  # "status" | "drop" | "drop_after_forward" | "garbage"
    status: int = 503
    retry_after: str | None = "0"


@dataclass
class FlakyProxy:
    """Forwards to the shop, except for the faults queued up front."""

    target: str
    url: str = ""
    faults: list[Fault] = field(default_factory=list)
    seen: list[tuple[str, str]] = field(default_factory=list)
    forwarded: list[tuple[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def fail(self, times: int, status: int = 503, retry_after: str | None = "0") -> None:
        self.faults.extend(Fault("status", status, retry_after) for _ in range(times))

    def drop(self, times: int, *, after_forward: bool = False) -> None:
        kind = "drop_after_forward" if after_forward else "drop"
        self.faults.extend(Fault(kind) for _ in range(times))

    def garbage(self) -> None:
        self.faults.append(Fault("garbage", 200))

    def next_fault(self) -> Fault | None:
        with self.lock:
            return self.faults.pop(0) if self.faults else None

    def count(self, method: str, path_suffix: str) -> int:
        return sum(1 for m, p in self.seen if m == method and p.split("?")[0].endswith(path_suffix))


@pytest.fixture
def proxy(shop: RunningShop) -> Iterator[FlakyProxy]:
    state = FlakyProxy(shop.url)
    upstream = requests.Session()
    upstream.trust_env = False

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            state.seen.append((self.command, self.path))
            fault = state.next_fault()
            if fault is not None and fault.kind == "drop":
                self.close_connection = True
                return
            if fault is not None and fault.kind == "status":
                self._reply(
                    fault.status,
                    b'{"title": "busy"}',
                    {
                        "Content-Type": "application/problem+json",
                        "X-Request-Id": "proxy-" + uuid.uuid4().hex[:8],
                        **({"Retry-After": fault.retry_after} if fault.retry_after else {}),
                    },
                )
                return
            if fault is not None and fault.kind == "garbage":
                self._reply(200, b"<html>this is not json", {"Content-Type": "application/json"})
                return
            headers = {
                k: v
                for k, v in self.headers.items()
                if k.lower() not in _HOP and k.lower() != "host"
            }
            answer = upstream.request(
                self.command,
                state.target + self.path,
                data=body,
                headers=headers,
                allow_redirects=False,
                timeout=30,
            )
            state.forwarded.append((self.command, self.path))
            if fault is not None and fault.kind == "drop_after_forward":
                self.close_connection = True  # the shop did it; the answer is lost
                return
            self._reply(
                answer.status_code,
                answer.content,
                {k: v for k, v in answer.headers.items() if k.lower() not in _HOP},
            )

        def _reply(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _handle

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()
    upstream.close()


@pytest.fixture
def token(shop: RunningShop) -> str:
    return str(sign_in(shop.url, *SHOPPER)["access_token"])


def through(
    proxy: FlakyProxy,
    token: str | None,
    sleeps: list[float],
    *,
    max_retries: int = 3,
    backoff_base: float = 0.5,
    backoff_cap: float = 8.0,
) -> Transport:
    return Transport(
        proxy.url + "/v1",
        tokens=StaticToken(token) if token else None,
        sleep=sleeps.append,
        max_retries=max_retries,
        backoff_base=backoff_base,
        backoff_cap=backoff_cap,
    )


def complaint(text: str = "Too many marketing e-mails") -> dict[str, object]:
    return {"type": "complaint", "details": {"text": text}}


# -- where the transport may go ------------------------------------------------------------------
def test_plain_http_is_refused_for_a_remote_host() -> None:
    for url in (
        "http://shop.example.com/v1",
        "http://10.0.0.5/v1",
        "ftp://127.0.0.1/v1",
        "shop.example.com/v1",
    ):
        with pytest.raises(InsecureTransport):
            Transport(url)


def test_https_and_loopback_http_are_accepted_without_connecting() -> None:
    # Nothing listens on these: constructing a transport must not connect.
    Transport("https://shop.invalid/v1")
    Transport("http://127.0.0.1:9/v1")
    Transport("http://localhost:9/v1")
    Transport("http://[::1]:9/v1")
    check_url_allowed("https://shop.example.com/v1")


def test_paths_cannot_leave_the_shop() -> None:
    transport = Transport("https://shop.invalid/v1")
    assert transport.url_for("me") == "https://shop.invalid/v1/me"
    assert transport.url_for("/requests/r1") == "https://shop.invalid/v1/requests/r1"
    assert transport.url_for("tracks:delete") == "https://shop.invalid/v1/tracks:delete"
    with pytest.raises(InsecureTransport):
        transport.url_for("https://evil.example.com/v1/me")


# -- retries -------------------------------------------------------------------------------------
def test_get_is_retried_after_503_with_retry_after(proxy: FlakyProxy, token: str) -> None:
    sleeps: list[float] = []
    proxy.fail(2, 503, retry_after="0")
    me = through(proxy, token, sleeps).get_json("me")
    assert me["customer_no"] == "SM100001"
    assert proxy.count("GET", "/v1/me") == 3
    assert len(sleeps) == 2


def test_retry_after_is_honoured(proxy: FlakyProxy, token: str) -> None:
    sleeps: list[float] = []
    proxy.fail(1, 503, retry_after="3")
    through(proxy, token, sleeps, backoff_base=0.01).get_json("me")
    assert sleeps == [pytest.approx(3.0)]


def test_a_retry_after_beyond_the_cap_is_not_waited_for(proxy: FlakyProxy, token: str) -> None:
    sleeps: list[float] = []
    proxy.fail(1, 503, retry_after="3600")
    with pytest.raises(ServerError) as caught:
        through(proxy, token, sleeps).get_json("me")
    assert caught.value.retry_after == 3600
    assert caught.value.request_id
    assert caught.value.request_id.startswith("proxy-")
    assert sleeps == []


def test_get_is_retried_after_dropped_connections(proxy: FlakyProxy, token: str) -> None:
    sleeps: list[float] = []
    proxy.drop(2)
    assert through(proxy, token, sleeps).get_json("me")["customer_no"] == "SM100001"
    assert len(sleeps) == 2


def test_backoff_grows_and_is_capped(proxy: FlakyProxy, token: str) -> None:
    sleeps: list[float] = []
    proxy.fail(4, 502, retry_after=None)
    with pytest.raises(ServerError) as caught:
        through(proxy, token, sleeps, max_retries=3, backoff_base=1.0, backoff_cap=2.0).get_json(
            "me"
        )
    assert caught.value.status == 502
    assert len(sleeps) == 3
    assert 0.5 <= sleeps[0] <= 1.0
    assert all(s <= 2.0 for s in sleeps)


@pytest.mark.parametrize("status", [429, 502, 504])
def test_retryable_statuses(proxy: FlakyProxy, token: str, status: int) -> None:
    sleeps: list[float] = []
    proxy.fail(1, status)
    assert through(proxy, token, sleeps).get_json("me")["customer_no"] == "SM100001"
    assert len(sleeps) == 1


def test_persistent_429_is_rate_limited(proxy: FlakyProxy, token: str) -> None:
    sleeps: list[float] = []
    proxy.fail(3, 429, retry_after="1")
    with pytest.raises(RateLimited) as caught:
        through(proxy, token, sleeps, max_retries=2).get_json("me")
    assert caught.value.retry_after == 1
    assert len(sleeps) == 2


def test_500_is_not_retried(proxy: FlakyProxy, token: str) -> None:
    sleeps: list[float] = []
    proxy.fail(1, 500, retry_after=None)
    with pytest.raises(ServerError):
        through(proxy, token, sleeps).get_json("me")
    assert sleeps == []
    assert proxy.count("GET", "/v1/me") == 1


def test_post_without_idempotency_key_is_not_retried(proxy: FlakyProxy, token: str) -> None:
    sleeps: list[float] = []
    transport = through(proxy, token, sleeps)
    proxy.fail(1, 503)
    with pytest.raises(ServerError):
        transport.send_json("POST", "requests", complaint())
    proxy.drop(1)
    with pytest.raises(ConnectionFailed):
        transport.send_json("POST", "requests", complaint())
    assert proxy.count("POST", "/v1/requests") == 2
    assert sleeps == []


def test_post_with_idempotency_key_is_retried_and_creates_once(
    proxy: FlakyProxy, token: str, shop: RunningShop
) -> None:
    sleeps: list[float] = []
    transport = through(proxy, token, sleeps)
    key = str(uuid.uuid4())
    before = transport.get_json("requests")["items"]
    proxy.fail(1, 503)
    proxy.drop(1, after_forward=True)  # the shop creates it, but the answer is lost
    created = transport.send_json("POST", "requests", complaint(), idempotency_key=key)
    assert created["type"] == "complaint"
    assert proxy.count("POST", "/v1/requests") == 3
    assert len(sleeps) == 2
    after = transport.get_json("requests")["items"]
    assert len(after) == len(before) + 1
    assert created["id"] in {item["id"] for item in after}


def test_connection_refused_is_connection_failed() -> None:
    sleeps: list[float] = []
    transport = Transport("http://127.0.0.1:9/v1", sleep=sleeps.append, max_retries=2)
    with pytest.raises(ConnectionFailed):
        transport.get_json("me")
    assert len(sleeps) == 2


# -- errors from the real shop -----------------------------------------------------------------
def test_no_token_is_authentication_required(shop: RunningShop) -> None:
    with pytest.raises(AuthenticationRequired) as caught:
        Transport(shop.url + "/v1").get_json("me")
    assert caught.value.status == 401
    assert caught.value.code
    assert caught.value.request_id


def test_unknown_things_are_not_found(shop: RunningShop, token: str) -> None:
    transport = Transport(shop.url + "/v1", tokens=StaticToken(token))
    with pytest.raises(NotFound):
        transport.get_json("no/such/path")
    with pytest.raises(NotFound) as caught:
        transport.get_json("requests/does-not-exist")
    assert caught.value.status == 404


def test_invalid_input_is_validation_failed(shop: RunningShop, token: str) -> None:
    transport = Transport(shop.url + "/v1", tokens=StaticToken(token))
    with pytest.raises(ValidationFailed) as caught:
        transport.send_json(
            "POST",
            "requests",
            {"type": "complaint", "details": {}},
            idempotency_key=str(uuid.uuid4()),
        )
    assert caught.value.status in (400, 422)
    assert caught.value.code
    with pytest.raises(ValidationFailed):
        transport.get_json("tracks", params={"cursor": "%%%not-a-cursor"})


def test_same_key_other_body_is_idempotency_conflict(shop: RunningShop, token: str) -> None:
    transport = Transport(shop.url + "/v1", tokens=StaticToken(token))
    key = str(uuid.uuid4())
    transport.send_json("POST", "requests", complaint("one"), idempotency_key=key)
    again = transport.send_json("POST", "requests", complaint("one"), idempotency_key=key)
    assert again["details"]["text"] == "one"
    with pytest.raises(IdempotencyConflict) as caught:
        transport.send_json("POST", "requests", complaint("two"), idempotency_key=key)
    assert caught.value.status == 422
    assert caught.value.code == "idempotency_conflict"
    assert isinstance(caught.value, Conflict)


def test_agent_without_write_scope_is_forbidden(shop: RunningShop) -> None:
    agent_token = str(sign_in(shop.url, *AGENT)["access_token"])
    transport = Transport(shop.url + "/v1", tokens=StaticToken(agent_token))
    with pytest.raises(Forbidden) as caught:
        transport.send_json("POST", "tracks:delete", {"all": True})
    assert caught.value.status == 403
    assert not isinstance(caught.value, ReauthRequired)


def test_stale_sign_in_is_reauth_required(shop: RunningShop, token: str) -> None:
    transport = Transport(shop.url + "/v1", tokens=StaticToken(token))
    shop.ctx.clock.offset = timedelta(minutes=6)
    with pytest.raises(ReauthRequired) as caught:
        transport.send_json("POST", "tracks:delete", {"all": True})
    assert caught.value.code == "reauth_required"
    assert caught.value.detail


def test_invalid_state_is_a_conflict(shop: RunningShop, token: str) -> None:
    transport = Transport(shop.url + "/v1", tokens=StaticToken(token))
    created = transport.send_json(
        "POST", "requests", complaint(), idempotency_key=str(uuid.uuid4())
    )
    transport.send_json("POST", f"requests/{created['id']}/cancel", {})
    with pytest.raises(Conflict) as caught:
        transport.send_json("POST", f"requests/{created['id']}/verify", {"code": "123456"})
    assert caught.value.status == 409
    assert caught.value.code == "invalid_state"


def test_malformed_json_is_a_bad_response(proxy: FlakyProxy, token: str) -> None:
    proxy.garbage()
    with pytest.raises(BadResponse):
        through(proxy, token, []).get_json("me")


def test_the_shops_own_429_is_rate_limited(shop: RunningShop, token: str) -> None:
    sleeps: list[float] = []
    transport = Transport(shop.url + "/v1", tokens=StaticToken(token), sleep=sleeps.append)
    for _ in range(5):
        transport.send_json("POST", "assist/codes", {})
    with pytest.raises(RateLimited) as caught:
        transport.send_json("POST", "assist/codes", {}, idempotency_key=str(uuid.uuid4()))
    assert caught.value.status == 429
    assert caught.value.code == "rate_limited"
    assert caught.value.retry_after is not None
    assert caught.value.retry_after > 30
    assert sleeps == []  # longer than the transport is willing to wait
