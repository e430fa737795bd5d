"""The command line's own sign-in: browser flow, remembered account, show, sign-out."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import keyring
import pytest
import requests
from keyring.backend import KeyringBackend

import client.cli
import client.connection
from client.cli import main
from server.embedded import RunningShop
from tests.client.browser import MemoryKeyring, ScriptedBrowser
from tests.conftest import SECOND_SHOPPER, SHOPPER


@pytest.fixture
def memory_keychain() -> Iterator[MemoryKeyring]:
    previous: KeyringBackend = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_sign_in_show_and_sign_out_through_the_browser(
    shop: RunningShop,
    tmp_path: Path,
    memory_keychain: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    browser = ScriptedBrowser("lin.mei", "demo1234")
    monkeypatch.setattr(
        client.cli,
        "ShopConnection",
        partial(client.connection.ShopConnection, open_browser=browser),
    )
    config = str(tmp_path / "config")

    code, out, err = _run("--config-dir", config, "sign-in", shop.url)
    assert code == 0, err
    assert "Signed in to" in out
    assert browser.opened, "the sign-in page was opened in the (scripted) browser"
    assert memory_keychain.entries, "the refresh token went to the keychain"
    assert "access_token" not in (tmp_path / "config" / "shops.json").read_text()

    code, out, _err = _run("--config-dir", config, "shops")
    assert code == 0
    assert "lin.mei" in out or "SM100001" in out

    code, out, err = _run("--config-dir", config, "show", "me", "--json")
    assert code == 0, err
    assert json.loads(out)["customer_no"] == "SM100001"

    code, out, err = _run("--config-dir", config, "sign-out")
    assert code == 0, err
    assert not memory_keychain.entries, "sign-out forgets the refresh token"

    code, _out, err = _run("--config-dir", config, "show", "me", "--json")
    assert code == 2
    assert "Not signed in" in err


def _refresh_works(shop: RunningShop, refresh_token: str) -> bool:
    answer = requests.post(
        shop.url + "/oauth/token",
        data={
            "grant_type": "refresh_token",
            "refresh_token": refresh_token,
            "client_id": "privacy-dashboard",
        },
        timeout=10,
    )
    return answer.status_code == 200


def _sign_in_two(
    shop: RunningShop, config: str, monkeypatch: pytest.MonkeyPatch, keychain: MemoryKeyring
) -> dict[str, str]:
    """lin.mei and zhang.wei signed in on one shop; returns their stored refresh tokens."""
    for username, password in (SHOPPER, SECOND_SHOPPER):
        browser = ScriptedBrowser(username, password)
        monkeypatch.setattr(
            client.cli, "ShopConnection", partial(_REAL_CONNECTION, open_browser=browser)
        )
        code, _out, err = _run("--config-dir", config, "sign-in", shop.url, "--username", username)
        assert code == 0, err
    tokens = {user: token for (_service, user), token in keychain.entries.items()}
    assert set(tokens) == {"lin.mei", "zhang.wei"}
    return tokens


_REAL_CONNECTION = client.connection.ShopConnection


def test_sign_out_with_two_accounts_revokes_the_one_named_then_all(
    shop: RunningShop,
    tmp_path: Path,
    memory_keychain: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = str(tmp_path / "config")
    tokens = _sign_in_two(shop, config, monkeypatch, memory_keychain)

    # Which one? The command does not guess, and touches nothing.
    code, out, err = _run("--config-dir", config, "sign-out")
    assert code == 2
    assert "--account" in err
    assert "lin.mei" in err
    assert "zhang.wei" in err
    assert len(memory_keychain.entries) == 2

    code, out, err = _run("--config-dir", config, "sign-out", "--account", "zhang.wei")
    assert code == 0, err
    assert out == "zhang.wei: signed out; the shop revoked the sign-in.\n"
    assert {user for _s, user in memory_keychain.entries} == {"lin.mei"}
    assert not _refresh_works(shop, tokens["zhang.wei"]), "the revoked token still works"

    code, out, err = _run("--config-dir", config, "sign-out", "--account", "nobody")
    assert code == 2
    assert "nobody" in err

    code, out, err = _run("--config-dir", config, "sign-out", "--all")
    assert code == 0, err
    assert out == "lin.mei: signed out; the shop revoked the sign-in.\n"
    assert not memory_keychain.entries
    assert not _refresh_works(shop, tokens["lin.mei"])

    code, out, err = _run("--config-dir", config, "sign-out", "--all")
    assert code == 0
    assert "nothing to revoke" in out


def test_sign_out_when_the_shop_is_unreachable_is_reported(
    shop: RunningShop,
    tmp_path: Path,
    memory_keychain: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = str(tmp_path / "config")
    _sign_in_two(shop, config, monkeypatch, memory_keychain)
    shop.stop()
    code, out, err = _run("--config-dir", config, "sign-out", "--all")
    assert code == 1
    assert out == ""
    assert "lin.mei: NOT revoked" in err
    assert "zhang.wei: NOT revoked" in err
    assert "could not be reached" in err
    # Nothing usable stays on this computer, even though the shop was not told.
    assert not memory_keychain.entries
