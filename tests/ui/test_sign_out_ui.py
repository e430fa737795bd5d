"""Signing out in the app says whether the shop revoked the sign-in; it never claims it did."""

from __future__ import annotations

import requests
from pytestqt.qtbot import QtBot

from server.embedded import RunningShop
from tests.client.browser import MemoryKeyring
from ui.main_window import MainWindow


def _stored(window: MainWindow) -> dict[tuple[str, str], str]:
    backend = window.session.keyring_backend
    assert isinstance(backend, MemoryKeyring)
    return dict(backend.entries)


def test_sign_out_revokes_and_says_so(qtbot: QtBot, window: MainWindow, shop: RunningShop) -> None:
    (refresh_token,) = _stored(window).values()
    window.sign_out()
    qtbot.waitUntil(lambda: window.session.current is None, timeout=20000)
    assert window.statusBar().currentMessage() == "Signed out"
    assert not _stored(window)
    answer = requests.post(
        shop.url + "/oauth/token",
        data={
            "grant_type": "refresh_token",
            "refresh_token": refresh_token,
            "client_id": "privacy-dashboard",
        },
        timeout=10,
    )
    assert answer.status_code == 400  # revoked at the shop, not only forgotten here


def test_an_unconfirmed_revocation_is_reported(
    qtbot: QtBot, window: MainWindow, shop: RunningShop
) -> None:
    assert window.session.current is not None
    shop.stop()  # the shop is gone: nobody can confirm the revocation
    window.sign_out()
    qtbot.waitUntil(lambda: window.session.current is None, timeout=20000)
    message = window.statusBar().currentMessage()
    assert "did not confirm" in message
    assert message != "Signed out"
    assert not _stored(window)  # forgotten here all the same
