"""Start-up: remembered accounts sign in again even when a `--shop` address cannot be added.

The app is started the way `ui.app.run` does it (`add_startup_shops`), on a config folder and a
keychain where a real sign-in at the real shop left its refresh token.
"""

from __future__ import annotations

import socket
from pathlib import Path

from pytestqt.qtbot import QtBot

from server.embedded import RunningShop
from tests.client.browser import MemoryKeyring, ScriptedBrowser
from tests.ui.conftest import sign_in
from ui.app import add_startup_shops
from ui.main_window import MainWindow
from ui.session import AppSession
from ui.settings import Settings
from ui.tasks import TaskRunner


def _dead_address() -> str:
    """A loopback port nobody listens on (bound and released: refused at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_an_unreachable_shop_address_does_not_stop_the_silent_sign_in(
    qtbot: QtBot, shop: RunningShop, runner: TaskRunner, tmp_path: Path
) -> None:
    keychain = MemoryKeyring()
    first = AppSession(
        tmp_path / "config",
        runner,
        open_browser=ScriptedBrowser("lin.mei", "demo1234"),
        keyring_backend=keychain,
    )
    try:
        sign_in(qtbot, first, shop)  # remembered: refresh token in the keychain
    finally:
        first.close()

    again = AppSession(tmp_path / "config", runner, keyring_backend=keychain)
    try:
        window = MainWindow(again, runner, Settings(tmp_path / "again.ini"))
        qtbot.addWidget(window)
        window.show()
        messages: list[str] = []
        window.statusBar().messageChanged.connect(messages.append)
        add_startup_shops(again, window, [_dead_address()])
        qtbot.waitUntil(lambda: again.view() is not None, timeout=30000)
        assert again.connections[shop.ctx.shop.id].signed_in
        qtbot.waitUntil(lambda: any("Signed in again to 1 shop" in m for m in messages))
        assert any("could not" in m.lower() or "reach" in m.lower() for m in messages), messages
    finally:
        again.close()
