"""Help → About and Help → Copy diagnostics, clicked in the menu of a signed-in window."""

from __future__ import annotations

import platform
from importlib import metadata

import pytest
from PySide6.QtCore import QPoint, Qt, qVersion
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from client.redaction import MASK
from tests.conftest import SHOPPER
from ui.about import AboutDialog
from ui.main_window import MainWindow


def click_menu_item(qtbot: QtBot, window: MainWindow, menu_title: str, item: str) -> None:
    """Open a menu of the menu bar and click one of its items with the mouse."""
    bar = window.menuBar()
    (top,) = [a for a in bar.actions() if a.text().replace("&", "") == menu_title]
    menu = top.menu()
    assert isinstance(menu, QMenu)
    menu.popup(window.mapToGlobal(QPoint(0, 0)))
    qtbot.waitUntil(menu.isVisible, timeout=5000)
    (action,) = [a for a in menu.actions() if a.text() == item]
    assert isinstance(action, QAction)
    with qtbot.waitSignal(action.triggered, timeout=5000):
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def test_about_shows_versions_and_where_data_lives(qtbot: QtBot, window: MainWindow) -> None:
    click_menu_item(qtbot, window, "Help", "About")
    dialog = window.about_dialog
    assert isinstance(dialog, AboutDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    values = {key: label.text() for key, label in dialog.values.items()}
    assert values["version"] == metadata.version("privacy-dashboard")
    assert values["qt"].startswith(qVersion())
    assert values["python"].startswith(platform.python_version())
    assert values["data"] == str(window.session.registry.config_dir)
    assert values["settings"] == window.settings.store.fileName()
    for label in dialog.values.values():
        assert label.textFormat() is Qt.TextFormat.PlainText
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert "Privacy Dashboard diagnostics" in QGuiApplication.clipboard().text()
    assert "copied" in dialog.status.text()
    dialog.close()


def test_copy_diagnostics_puts_a_redacted_report_on_the_clipboard(
    qtbot: QtBot, window: MainWindow
) -> None:
    (connection,) = window.session.signed_in_connections()
    tokens = connection.tokens.tokens
    assert tokens is not None
    QGuiApplication.clipboard().clear()
    click_menu_item(qtbot, window, "Help", "Copy diagnostics")
    report = QGuiApplication.clipboard().text()
    assert f"version: {metadata.version('privacy-dashboard')}" in report
    assert f"qt: {qVersion()}" in report
    assert "shops: 1" in report
    assert "signed in: 1" in report
    assert "showing: a shop" in report
    assert (
        str(window.session.registry.config_dir)
        in report.replace("~", str(__import__("pathlib").Path.home()), 1)
        or "data folder:" in report
    )
    account = connection.account
    assert account is not None
    for secret in (
        tokens.access_token,
        tokens.refresh_token,
        SHOPPER[0],
        SHOPPER[1],
        account.customer_no,
        account.display_name,
    ):
        assert secret
        assert secret not in report
    assert "Diagnostics copied" in window.statusBar().currentMessage()
    assert MASK not in report or "[redacted]" in report  # masked, never raw


def test_about_names_the_keychain_as_its_users_know_it(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The keyring backend's module and class stay in the diagnostics report, never on screen."""
    import ui.about
    import ui.diagnostics

    for backend, shown in (
        (
            "SecretService.Keyring",
            "the system keychain (Secret Service (GNOME Keyring, KeePassXC))",
        ),
        ("kwallet.DBusKeyring", "the system keychain (KDE Wallet)"),
        ("third_party.SomeKeyring", "the system keychain"),
        ("none", "memory only (no system keychain)"),
    ):
        monkeypatch.setattr(ui.diagnostics, "keychain_name", lambda b=backend: b)
        monkeypatch.setattr(ui.about, "keychain_name", lambda b=backend: b)
        dialog = AboutDialog(window.session, window.settings)
        qtbot.addWidget(dialog)
        assert dialog.values["keychain"].text() == shown
        dialog.close()
