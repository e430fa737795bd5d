"""Token storage and refresh: keychain or session-only, rotation, reuse, resume, sign-out."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import keyring.backends.null
import keyring.errors
import pytest
import requests
from keyring.backend import KeyringBackend

from client.connection import ShopConnection
from client.errors import AuthenticationRequired
from client.shops import ShopRegistry
from client.tokens import TokenManager, TokenStore, keyring_is_usable
from server.embedded import RunningShop
from tests.client.browser import MemoryKeyring, ScriptedBrowser
from tests.conftest import SHOPPER


def no_browser(url: str) -> bool:
    raise AssertionError("a silent sign-in must not open the browser")


def connect(
    shop: RunningShop, tmp_path: Path, keychain: KeyringBackend | None, **kwargs: object
) -> ShopConnection:
    return ShopConnection(
        shop.url,
        registry=ShopRegistry(tmp_path / "config"),
        keyring_backend=keychain,
        **kwargs,  # type: ignore[arg-type]
    )


def signed_in(shop: RunningShop, tmp_path: Path, keychain: KeyringBackend | None) -> ShopConnection:
    conn = connect(shop, tmp_path, keychain, open_browser=ScriptedBrowser(*SHOPPER))
    conn.sign_in("lin.mei")
    return conn


def raw_refresh(shop: RunningShop, refresh_token: str) -> requests.Response:
    return requests.post(
        shop.url + "/oauth/token",
        data={
            "grant_type": "refresh_token",
            "refresh_token": refresh_token,
            "client_id": "privacy-dashboard",
        },
        timeout=10,
    )


def raw_me(shop: RunningShop, access_token: str) -> requests.Response:
    return requests.get(
        shop.url + "/v1/me", headers={"Authorization": f"Bearer {access_token}"}, timeout=10
    )


@pytest.fixture
def restore_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    yield
    keyring.set_keyring(previous)


# -- the store -----------------------------------------------------------------------------------
def test_backends_without_a_keychain_are_not_persistent() -> None:
    assert not keyring_is_usable(keyring.backends.null.Keyring())
    assert not keyring_is_usable(keyring.backends.fail.Keyring())
    assert keyring_is_usable(MemoryKeyring())
    store = TokenStore("shop", backend=keyring.backends.null.Keyring())
    assert not store.persistent
    store.save("lin.mei", "r-1")
    assert store.load("lin.mei") == "r-1"
    store.forget("lin.mei")
    assert store.load("lin.mei") is None


def test_a_keychain_that_fails_on_write_falls_back_to_the_session() -> None:
    class Broken(MemoryKeyring):
        def set_password(self, service: str, username: str, password: str) -> None:
            raise keyring.errors.PasswordSetError("locked")

    store = TokenStore("shop", backend=Broken())
    assert store.persistent
    store.save("lin.mei", "r-1")
    assert not store.persistent
    assert store.load("lin.mei") == "r-1"


def test_store_uses_service_per_shop_and_username() -> None:
    keychain = MemoryKeyring()
    TokenStore("shop-a", backend=keychain).save("lin.mei", "ra")
    TokenStore("shop-b", backend=keychain).save("lin.mei", "rb")
    assert keychain.entries == {
        ("privacy-dashboard:shop-a", "lin.mei"): "ra",
        ("privacy-dashboard:shop-b", "lin.mei"): "rb",
    }
    TokenStore("shop-a", backend=keychain).forget("lin.mei")
    TokenStore("shop-a", backend=keychain).forget("lin.mei")  # twice is fine
    assert list(keychain.entries) == [("privacy-dashboard:shop-b", "lin.mei")]


# -- with the real shop ------------------------------------------------------------------------
def test_no_keychain_keeps_the_sign_in_for_the_session(
    shop: RunningShop, tmp_path: Path, restore_keyring: None
) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    conn = signed_in(shop, tmp_path, None)
    assert conn.persistent is False
    assert conn.transport.get_json("me")["customer_no"] == "SM100001"
    first = conn.tokens.tokens
    assert first is not None
    assert conn.tokens.refresh_access_token()  # rotation works from memory
    assert conn.transport.get_json("me")["customer_no"] == "SM100001"
    # A new session (a restart) cannot resume: nothing was persisted.
    again = connect(shop, tmp_path, None, open_browser=no_browser)
    assert again.resume("lin.mei") is False


def test_refresh_rotates_and_saves_before_use(shop: RunningShop, tmp_path: Path) -> None:
    events: list[str] = []

    class Recording(MemoryKeyring):
        manager: TokenManager | None = None

        def set_password(self, service: str, username: str, password: str) -> None:
            current = self.manager.tokens if self.manager else None
            # At the moment the new refresh token is written, the old access token is still
            # the one in use: the new one is only handed out after the save.
            events.append(
                "save" if current is None or current.refresh_token != password else "save-after-use"
            )
            super().set_password(service, username, password)

    keychain = Recording()
    conn = signed_in(shop, tmp_path, keychain)
    keychain.manager = conn.tokens
    events.clear()
    service = f"privacy-dashboard:{conn.shop_id}"
    old = conn.tokens.tokens
    assert old is not None
    assert old.refresh_token is not None
    new_access = conn.tokens.refresh_access_token()
    new = conn.tokens.tokens
    assert new is not None
    assert new_access == new.access_token
    assert new.refresh_token
    assert new.refresh_token != old.refresh_token
    assert keychain.entries[(service, "lin.mei")] == new.refresh_token
    assert events == ["save"]
    assert new.auth_time == old.auth_time  # a refresh is not a fresh sign-in
    assert new.scope == old.scope
    assert raw_me(shop, new.access_token).status_code == 200


def test_reusing_an_old_refresh_token_ends_the_family(shop: RunningShop, tmp_path: Path) -> None:
    keychain = MemoryKeyring()
    conn = signed_in(shop, tmp_path, keychain)
    old = conn.tokens.tokens
    assert old is not None
    assert old.refresh_token
    assert conn.tokens.refresh_access_token()
    # Someone replays the rotated token: the shop revokes every token of this sign-in.
    replay = raw_refresh(shop, old.refresh_token)
    assert replay.status_code == 400
    assert replay.json()["error"] == "invalid_grant"
    # The app's next call: 401 -> refresh refused (invalid_grant) -> stored token forgotten.
    with pytest.raises(AuthenticationRequired):
        conn.transport.get_json("me")
    assert keychain.entries == {}
    assert not conn.signed_in


def test_concurrent_refreshes_happen_once(shop: RunningShop, tmp_path: Path) -> None:
    keychain = MemoryKeyring()
    conn = signed_in(shop, tmp_path, keychain)
    writes_before = len(keychain.writes)
    barrier = threading.Barrier(6)
    results: list[str | None] = []

    def refresh() -> None:
        barrier.wait()
        results.append(conn.tokens.refresh_access_token())

    threads = [threading.Thread(target=refresh) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    # A second rotation with the same refresh token would have revoked the family, leaving
    # None for someone; instead everyone got the same new token from one refresh.
    assert len(results) == 6
    assert None not in results
    assert len(set(results)) == 1
    assert len(keychain.writes) - writes_before == 1
    assert conn.transport.get_json("me")["customer_no"] == "SM100001"


def test_an_expired_access_token_is_refreshed_before_use(shop: RunningShop, tmp_path: Path) -> None:
    conn = signed_in(shop, tmp_path, MemoryKeyring())
    before = conn.tokens.tokens
    assert before is not None
    assert before.expires_at is not None
    conn.tokens._clock = lambda: before.expires_at + 1  # type: ignore[operator]
    token = conn.tokens.access_token()
    assert token is not None
    assert token != before.access_token


def test_a_401_triggers_one_refresh_and_a_retry(shop: RunningShop, tmp_path: Path) -> None:
    conn = signed_in(shop, tmp_path, MemoryKeyring())
    before = conn.tokens.tokens
    assert before is not None
    requests.post(shop.url + "/oauth/revoke", data={"token": before.access_token}, timeout=10)
    assert raw_me(shop, before.access_token).status_code == 401
    assert conn.transport.get_json("me")["customer_no"] == "SM100001"
    after = conn.tokens.tokens
    assert after is not None
    assert after.access_token != before.access_token


def test_stored_refresh_token_resumes_silently(shop: RunningShop, tmp_path: Path) -> None:
    keychain = MemoryKeyring()
    first = signed_in(shop, tmp_path, keychain)
    first.close()
    # The app restarts: same config directory, same keychain, no browser.
    second = connect(shop, tmp_path, keychain, open_browser=no_browser)
    assert second.username == "lin.mei"  # the only account of this shop in the registry
    assert second.resume() is True
    assert second.signed_in
    assert second.account is not None
    assert second.account.customer_no == "SM100001"
    assert second.transport.get_json("me")["customer_no"] == "SM100001"


def test_resume_without_a_stored_token_says_no(shop: RunningShop, tmp_path: Path) -> None:
    conn = connect(shop, tmp_path, MemoryKeyring(), open_browser=no_browser)
    assert conn.resume() is False
    assert conn.resume("lin.mei") is False
    with pytest.raises(AuthenticationRequired):
        conn.transport.get_json("me")


def test_sign_out_revokes_and_forgets(shop: RunningShop, tmp_path: Path) -> None:
    keychain = MemoryKeyring()
    conn = signed_in(shop, tmp_path, keychain)
    tokens = conn.tokens.tokens
    assert tokens is not None
    assert tokens.refresh_token
    assert conn.sign_out() is True
    assert raw_me(shop, tokens.access_token).status_code == 401
    assert raw_refresh(shop, tokens.refresh_token).json()["error"] == "invalid_grant"
    assert keychain.entries == {}
    assert not conn.signed_in
    with pytest.raises(AuthenticationRequired):
        conn.transport.get_json("me")
    # The account stays configured (sign in again later) unless asked to forget it.
    assert ShopRegistry(tmp_path / "config").accounts(conn.shop_id)
    conn.sign_out(forget_account=True)
    assert not ShopRegistry(tmp_path / "config").accounts(conn.shop_id)
