"""The command line's own sign-in: browser flow, remembered account, show, sign-out."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

import client.connection
from client.cli import main
from server.embedded import RunningShop
from tests.client.browser import MemoryKeyring, ScriptedBrowser


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
    shop: RunningShop, tmp_path: Path, memory_keychain: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    browser = ScriptedBrowser("lin.mei", "demo1234")
    monkeypatch.setattr(client.connection, "ShopConnection",
                        partial(client.connection.ShopConnection, open_browser=browser))
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
