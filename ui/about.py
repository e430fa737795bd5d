"""Help → About (version, Qt and Python versions, where data lives) and Help → Copy diagnostics.

Everything shown is plain text. The diagnostics report comes from `ui.diagnostics` (redacted:
no tokens, no personal data) and goes to the clipboard only when the user asks.
"""

from __future__ import annotations

import platform
import sys
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.diagnostics import app_version, diagnostics_report, keychain_name, keychain_product
from ui.plain_text import force_plain_text

if TYPE_CHECKING:
    from ui.session import AppSession
    from ui.settings import Settings


def versions() -> dict[str, str]:
    return {
        "version": app_version(),
        "qt": qVersion(),
        "pyside6": PySide6.__version__,
        "python": f"{platform.python_version()} ({platform.python_implementation()})",
    }


def data_paths(session: AppSession, settings: Settings) -> dict[str, str]:
    """Where this app keeps its files (the shop list and outbox folder, the settings file)."""
    return {
        "data folder": str(session.registry.config_dir),
        "settings": settings.store.fileName(),
    }


def build_report(session: AppSession, settings: Settings) -> str:
    view = session.view()
    if view is None:
        showing = "nothing (signed out)"
    elif view.archive is not None:
        showing = "an archive"
    else:
        showing = "a shop" + (" (assisting)" if view.assisting else "")
    state = {
        "showing": showing,
        "language setting": settings.language,
        "qt platform": QGuiApplication.platformName(),
    }
    return diagnostics_report(
        versions=versions(),
        paths=data_paths(session, settings),
        registry=session.registry,
        connections=session.signed_in_connections(),
        state=state,
        personal=personal_names(session),
    )


def personal_names(session: AppSession) -> list[str]:
    """Names the session holds beyond the shop accounts: the assisted customer's number and
    each Fides shop's identity (an e-mail address or a phone number)."""
    names: list[str] = []
    if session.assist is not None:
        names.append(session.assist.customer_no)
    for fides in session.fides_shops.values():
        names += [fides.identity.email or "", fides.identity.phone_number or ""]
    return [name for name in names if name]


def copy_diagnostics(session: AppSession, settings: Settings) -> str:
    """Put the redacted report on the clipboard; returns it."""
    report = build_report(session, settings)
    QGuiApplication.clipboard().setText(report)
    return report


class AboutDialog(QDialog):
    """Version, Qt, PySide6 and Python versions, the data folder, the settings file."""

    def __init__(
        self, session: AppSession, settings: Settings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.setWindowTitle(self.tr("About Privacy Dashboard"))
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Privacy Dashboard — see and control what shops hold about you."))
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        form = QFormLayout()
        found = versions()
        paths = data_paths(session, settings)
        self.values: dict[str, QLabel] = {}
        rows = [
            ("version", self.tr("Version"), found["version"]),
            ("qt", self.tr("Qt"), f"{found['qt']} (PySide6 {found['pyside6']})"),
            ("python", self.tr("Python"), found["python"]),
            (
                "platform",
                self.tr("System"),
                f"{platform.system()} {platform.machine()}"
                + (self.tr(" (bundle)") if getattr(sys, "frozen", False) else ""),
            ),
            ("data", self.tr("Shops and data"), paths["data folder"]),
            ("settings", self.tr("Settings"), paths["settings"]),
            (
                "keychain",
                self.tr("Sign-ins kept in"),
                (
                    self.tr("the system keychain ({0})").format(keychain_product())
                    if keychain_product()
                    else self.tr("the system keychain")
                )
                if keychain_name() != "none"
                else self.tr("memory only (no system keychain)"),
            ),
        ]
        for key, label, value in rows:
            shown = QLabel(value)
            shown.setTextFormat(Qt.TextFormat.PlainText)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setWordWrap(True)
            self.values[key] = shown
            form.addRow(label, shown)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy diagnostics"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.status = QLabel("")
        layout.addWidget(self.status)
        force_plain_text(self)  # the form's row labels too: nothing here is rich text

    def copy(self) -> None:
        copy_diagnostics(self.session, self.settings)
        self.status.setText(self.tr("Diagnostics copied: paste them into your support ticket."))


__all__ = ["AboutDialog", "build_report", "copy_diagnostics", "data_paths", "versions"]
