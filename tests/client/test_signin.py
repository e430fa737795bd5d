"""Discovery and interactive sign-in (RFC 8252) against the real reference shop on loopback."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

from client.auth import BrowserSignIn
from client.connection import ShopConnection
from client.discovery import Discovery, fetch_discovery, parse_discovery
from client.errors import (
    AuthenticationRequired,
    BadResponse,
    InsecureTransport,
    NotFound,
    ReauthRequired,
    SignInCancelled,
    SignInFailed,
    SignInTimedOut,
)
from client.loopback import LoopbackListener
from client.shops import ShopRegistry
from server.embedded import RunningShop
from tests.client.browser import MemoryKeyring, ScriptedBrowser
from tests.conftest import AGENT, SECOND_SHOPPER, SHOPPER


def connect(
    shop: RunningShop,
    tmp_path: Path,
    browser: ScriptedBrowser | None = None,
    keychain: MemoryKeyring | None = None,
) -> ShopConnection:
    return ShopConnection(
        shop.url,
        registry=ShopRegistry(tmp_path / "config"),
        open_browser=browser or ScriptedBrowser(*SHOPPER),
        keyring_backend=keychain or MemoryKeyring(),
        sign_in_timeout=20,
    )


# -- discovery ----------------------------------------------------------------------------------
def test_discovery_is_typed_and_points_at_the_shop(shop: RunningShop) -> None:
    found = fetch_discovery(shop.url + "/")
    assert isinstance(found, Discovery)
    assert found.shop.id
    assert found.shop.name
    assert found.api_base == shop.url + "/v1"
    assert found.oauth.client_id == "privacy-dashboard"
    assert found.oauth.token_endpoint == shop.url + "/oauth/token"
    assert "S256" in found.oauth.code_challenge_methods_supported
    assert found.requests.deadline.days > 0
    assert "access" in found.requests.types


def test_discovery_refuses_plain_http_to_a_remote_host() -> None:
    with pytest.raises(InsecureTransport):
        fetch_discovery("http://shop.example.com")


def test_discovery_of_a_non_shop_is_not_found(shop: RunningShop) -> None:
    with pytest.raises(NotFound):
        fetch_discovery(shop.url + "/v1")


def test_malformed_discovery_is_a_bad_response(shop: RunningShop) -> None:
    good = requests.get(shop.url + "/.well-known/privacy-api", timeout=10).json()
    broken = dict(good)
    del broken["oauth"]
    with pytest.raises(BadResponse):
        parse_discovery(broken)
    insecure = json.loads(json.dumps(good))
    insecure["oauth"]["token_endpoint"] = "http://evil.example.com/token"
    with pytest.raises(BadResponse):
        parse_discovery(insecure)
    with pytest.raises(BadResponse):
        parse_discovery(["not", "an", "object"])


@pytest.fixture
def garbage_server() -> Iterator[str]:
    """A loopback server whose discovery document is not JSON, or JSON of the wrong shape."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = b"<html>not json</html>" if "html" in self.path else b'{"shop": 1}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_discovery_not_json_or_wrong_shape(garbage_server: str) -> None:
    with pytest.raises(BadResponse):
        fetch_discovery(garbage_server + "/html")
    with pytest.raises(BadResponse):
        fetch_discovery(garbage_server)


# -- the loopback listener ---------------------------------------------------------------------
def test_listener_ignores_other_paths_and_answers_once() -> None:
    with LoopbackListener(timeout=5) as listener:
        assert listener.redirect_uri.startswith("http://127.0.0.1:")
        assert listener.redirect_uri.endswith("/callback")
        base = listener.redirect_uri.rsplit("/", 1)[0]
        assert requests.get(base + "/favicon.ico", timeout=5).status_code == 404
        page = requests.get(listener.redirect_uri + "?code=c0de&state=s", timeout=5)
        assert page.status_code == 200
        assert page.headers["Content-Type"].startswith("text/html")
        assert "close this window" in page.text
        assert "c0de" not in page.text
        result = listener.wait()
        assert result.params == {"code": "c0de", "state": "s"}
        assert "c0de" not in repr(result)
        again = requests.get(listener.redirect_uri + "?code=other&state=s", timeout=5)
        assert again.status_code == 200
        assert listener.wait().params["code"] == "c0de"


def test_listener_times_out_with_a_clear_error() -> None:
    started = time.monotonic()
    with LoopbackListener(timeout=0.3) as listener, pytest.raises(SignInTimedOut) as caught:
        listener.wait()
    assert time.monotonic() - started < 3
    assert "seconds" in str(caught.value)


# -- sign-in -----------------------------------------------------------------------------------
def test_full_sign_in_through_the_login_page(shop: RunningShop, tmp_path: Path) -> None:
    browser = ScriptedBrowser(*SHOPPER)
    keychain = MemoryKeyring()
    conn = connect(shop, tmp_path, browser, keychain)
    before = datetime.now(UTC) - timedelta(seconds=5)

    account = conn.sign_in(username_hint="lin.mei")

    assert account.username == "lin.mei"
    assert account.customer_no == "SM100001"
    assert account.role == "shopper"
    assert conn.signed_in
    assert conn.persistent
    assert conn.auth_time is not None
    assert conn.auth_time >= before
    assert conn.tokens.scope == {"privacy.read", "privacy.write"}
    query = browser.last_query
    assert query["code_challenge_method"] == "S256"
    assert len(query["code_challenge"]) >= 43
    assert query["client_id"] == "privacy-dashboard"
    assert query["redirect_uri"].startswith("http://127.0.0.1:")
    assert "prompt" not in query
    assert query["state"]
    assert browser.callback_response is not None
    assert "close this window" in browser.callback_response.text
    # The refresh token is in the keychain under the shop's service name and the username.
    stored = keychain.entries[(f"privacy-dashboard:{conn.shop_id}", "lin.mei")]
    tokens = conn.tokens.tokens
    assert tokens is not None
    assert stored == tokens.refresh_token
    assert "access_token" not in repr(tokens)
    assert tokens.access_token not in repr(tokens)
    # The API works with the new sign-in.
    me = conn.transport.get_json("me")
    assert me["customer_no"] == "SM100001"
    assert conn.api.get_me().customer_no == "SM100001"
    # The registry knows the shop and the account, and holds no secret.
    registry_text = (tmp_path / "config" / "shops.json").read_text()
    assert "SM100001" in registry_text
    assert tokens.access_token not in registry_text
    assert stored not in registry_text
    conn.close()


def test_two_shops_side_by_side(make_shop: Callable[..., RunningShop], tmp_path: Path) -> None:
    first, second = make_shop("silumart"), make_shop("sinomai")
    registry = ShopRegistry(tmp_path / "config")
    keychain = MemoryKeyring()
    a = ShopConnection(
        first.url,
        registry=registry,
        keyring_backend=keychain,
        open_browser=ScriptedBrowser(*SHOPPER),
    )
    b = ShopConnection(
        second.url,
        registry=registry,
        keyring_backend=keychain,
        open_browser=ScriptedBrowser("wang.fang", "demo1234"),
    )
    a.sign_in("lin.mei")
    b.sign_in("wang.fang")
    assert a.shop_id != b.shop_id
    assert a.transport.get_json("me")["customer_no"] == "SM100001"
    assert b.transport.get_json("me")["customer_no"] == "SN200001"
    assert {s.shop_id for s in ShopRegistry(tmp_path / "config").shops()} == {a.shop_id, b.shop_id}
    assert len(keychain.entries) == 2


def test_second_account_of_the_same_shop(shop: RunningShop, tmp_path: Path) -> None:
    registry = ShopRegistry(tmp_path / "config")
    keychain = MemoryKeyring()
    one = ShopConnection(
        shop.url,
        registry=registry,
        keyring_backend=keychain,
        open_browser=ScriptedBrowser(*SHOPPER),
    )
    two = ShopConnection(
        shop.url,
        registry=registry,
        keyring_backend=keychain,
        open_browser=ScriptedBrowser(*SECOND_SHOPPER),
    )
    one.sign_in("lin.mei")
    two.sign_in("zhang.wei")
    assert {a.customer_no for a in registry.accounts(one.shop_id)} == {"SM100001", "SM100002"}
    assert one.transport.get_json("me")["customer_no"] == "SM100001"
    assert two.transport.get_json("me")["customer_no"] == "SM100002"


def test_state_mismatch_fails(shop: RunningShop, tmp_path: Path) -> None:
    def forge(query: dict[str, str]) -> None:
        query["state"] = "someone-elses-state"

    conn = connect(shop, tmp_path, ScriptedBrowser(*SHOPPER, tamper_callback=forge))
    with pytest.raises(SignInFailed) as caught:
        conn.sign_in()
    assert caught.value.code == "state_mismatch"
    assert not conn.signed_in


def test_error_in_the_callback_carries_the_shops_description(
    shop: RunningShop, tmp_path: Path
) -> None:
    def drop_pkce(query: dict[str, str]) -> None:
        del query["code_challenge"]

    conn = connect(shop, tmp_path, ScriptedBrowser(*SHOPPER, tamper_authorize=drop_pkce))
    with pytest.raises(SignInFailed) as caught:
        conn.sign_in()
    assert caught.value.code == "invalid_request"
    assert caught.value.detail == "PKCE with S256 is required."
    assert "PKCE" in str(caught.value)


def test_browser_that_cannot_open_fails_cleanly(shop: RunningShop) -> None:
    found = fetch_discovery(shop.url)
    flow = BrowserSignIn(found.oauth, open_browser=lambda url: False, timeout=5)
    with pytest.raises(SignInFailed):
        flow.run()


def test_sign_in_times_out_without_a_browser_answer(shop: RunningShop) -> None:
    found = fetch_discovery(shop.url)
    flow = BrowserSignIn(found.oauth, open_browser=lambda url: True, timeout=0.5)
    with pytest.raises(SignInTimedOut):
        flow.run()


def test_pending_sign_in_can_be_cancelled(shop: RunningShop, tmp_path: Path) -> None:
    opened = threading.Event()

    def user_never_answers(url: str) -> bool:
        opened.set()
        return True

    conn = ShopConnection(
        shop.url,
        open_browser=user_never_answers,
        keyring_backend=MemoryKeyring(),
        sign_in_timeout=30,
    )
    errors: list[BaseException] = []

    def run() -> None:
        try:
            conn.sign_in()
        except BaseException as exc:
            errors.append(exc)

    worker = threading.Thread(target=run)
    started = time.monotonic()
    worker.start()
    assert opened.wait(10)
    conn.cancel_sign_in()
    worker.join(10)
    assert not worker.is_alive()
    assert time.monotonic() - started < 10
    assert len(errors) == 1
    assert isinstance(errors[0], SignInCancelled)
    assert not conn.signed_in


def test_reauth_uses_prompt_login_and_clears_reauth_required(
    shop: RunningShop, tmp_path: Path
) -> None:
    browser = ScriptedBrowser(*SHOPPER)
    conn = connect(shop, tmp_path, browser)
    conn.sign_in("lin.mei")
    first_auth_time = conn.auth_time
    # Six minutes later (the shop's re-authentication window is five), a bulk delete of all
    # tracks needs a fresh sign-in.
    shop.ctx.clock.offset = timedelta(minutes=6)
    with pytest.raises(ReauthRequired) as caught:
        conn.transport.send_json("POST", "tracks:delete", {"all": True})
    assert caught.value.code == "reauth_required"
    conn.reauth()
    assert browser.last_query["prompt"] == "login"
    assert conn.auth_time is not None
    assert first_auth_time is not None
    assert conn.auth_time > first_auth_time
    deleted = conn.transport.send_json("POST", "tracks:delete", {"all": True})
    assert deleted["deleted"] > 0


def test_assist_session_for_an_agent(shop: RunningShop, tmp_path: Path) -> None:
    registry = ShopRegistry(tmp_path / "config")
    keychain = MemoryKeyring()
    customer = ShopConnection(
        shop.url,
        registry=registry,
        keyring_backend=keychain,
        open_browser=ScriptedBrowser(*SHOPPER),
    )
    customer.sign_in("lin.mei")
    issued = customer.transport.send_json("POST", "assist/codes", {})
    agent = ShopConnection(
        shop.url, registry=registry, keyring_backend=keychain, open_browser=ScriptedBrowser(*AGENT)
    )
    account = agent.sign_in("agent.wu")
    assert account.role == "agent"
    assert agent.tokens.scope == {"privacy.read", "assist"}

    session = agent.open_assist_session(issued["customer_no"], issued["code"], "Case 42: help")
    assert session.customer_no == "SM100001"
    assert session.info["reason"] == "Case 42: help"
    assert not session.expired
    assert session.transport.get_json("me")["customer_no"] == "SM100001"
    assert session.api.get_me().customer_no == "SM100001"
    # The assist token is never stored: the keychain holds exactly the two refresh tokens.
    assert len(keychain.entries) == 2
    session.end()
    with pytest.raises(AuthenticationRequired):
        session.transport.get_json("me")
    sessions = customer.transport.get_json("assist/sessions")["items"]
    assert sessions
    assert not sessions[0]["active"]
