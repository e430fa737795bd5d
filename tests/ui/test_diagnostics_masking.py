"""Help → Copy diagnostics masks short names too: a 3-letter login is personal (r2 #15).

The window is signed in to the real shop; a second account of that shop, "amy", is remembered,
and her name is part of the data folder's path, so the report would carry it unmasked.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from client.redaction import MASK, MIN_SECRET_LENGTH
from server.embedded import RunningShop
from tests.client.api_helpers import api_for
from tests.client.browser import MemoryKeyring, ScriptedBrowser
from tests.ui.conftest import sign_in
from tests.ui.test_about import click_menu_item
from ui.diagnostics import install_log_buffer, uninstall_log_buffer
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


def test_an_assisted_customers_number_is_masked_in_the_report(
    qtbot: QtBot, shop: RunningShop, runner: TaskRunner, tmp_path: Path
) -> None:
    customer = api_for(shop, "lin.mei", "demo1234")
    customer_no = customer.get_me().customer_no
    code = customer.create_assist_code().code
    session = AppSession(
        tmp_path / "agent",
        runner,
        open_browser=ScriptedBrowser("agent.wu", "agent1234"),
        keyring_backend=MemoryKeyring(),
    )
    window = MainWindow(session, runner, Settings(tmp_path / "agent.ini"))
    qtbot.addWidget(window)
    window.show()
    buffer = install_log_buffer()
    try:
        sign_in(qtbot, session, shop)
        window.assist_customer()
        dialog = window.assist_dialog
        dialog.customer.setText(customer_no)
        dialog.code.setText(code)
        dialog.reason.setText("Ticket 4711")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: session.assist is not None, timeout=10000)
        # A log line that carries the number, as a support case would have it.
        logging.getLogger("tests.assist").warning("assisting customer %s", customer_no)
        assert any(customer_no in line for line in buffer.lines)
        QGuiApplication.clipboard().clear()
        click_menu_item(qtbot, window, "Help", "Copy diagnostics")
        report = QGuiApplication.clipboard().text()
        assert "showing: a shop (assisting)" in report
        assert "assisting customer" in report
        assert customer_no not in report
    finally:
        uninstall_log_buffer()
        session.close()
