"""Help → Copy diagnostics masks short names too: a 3-letter login is personal (r2 #15).

The window is signed in to the real shop; a second account of that shop, "amy", is remembered,
and her name is part of the data folder's path, so the report would carry it unmasked.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from client.redaction import MASK, MIN_SECRET_LENGTH
from server.embedded import RunningShop
from tests.client.browser import MemoryKeyring, ScriptedBrowser
from tests.ui.conftest import sign_in
from tests.ui.test_about import click_menu_item
from ui.main_window import MainWindow
from ui.session import AppSession
from ui.settings import Settings
from ui.tasks import TaskRunner

SHORT_LOGIN = "amy"


@pytest.fixture
def amy_window(
    qtbot: QtBot, shop: RunningShop, runner: TaskRunner, tmp_path: Path
) -> Iterator[MainWindow]:
    session = AppSession(
        tmp_path / f"{SHORT_LOGIN}-data",  # as a folder named after its owner would be
        runner,
        open_browser=ScriptedBrowser("lin.mei", "demo1234"),
        keyring_backend=MemoryKeyring(),
    )
    window = MainWindow(session, runner, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.show()
    sign_in(qtbot, session, shop)
    session.registry.add_account(shop.ctx.shop.id, SHORT_LOGIN, display_name="Amy")
    yield window
    session.close()


def test_a_three_letter_login_is_masked_in_the_report(qtbot: QtBot, amy_window: MainWindow) -> None:
    assert len(SHORT_LOGIN) >= MIN_SECRET_LENGTH  # the one threshold both sides use
    QGuiApplication.clipboard().clear()
    click_menu_item(qtbot, amy_window, "Help", "Copy diagnostics")
    report = QGuiApplication.clipboard().text()
    assert "shops: 1" in report
    assert f"{MASK}-data" in report  # the data folder is listed, its owner's name masked
    assert SHORT_LOGIN not in report.lower()
