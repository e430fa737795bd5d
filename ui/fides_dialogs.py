"""The dialog that adds a Fides shop: the identity the shop knows you by, and a name for it.

Fides has no sign-in for shoppers: it knows you by an e-mail address or a phone number and
proves it is you by a code it sends there. The identity typed here goes to the keychain only.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from client.backends.fides import FidesIdentity, FidesProbe
from client.limits import FIDES_IDENTITY, SHOP_NAME
from ui.widgets.limited_text import LimitedText
from ui.widgets.load_state import plain_label


class FidesIdentityDialog(QDialog):
    """Ask for the e-mail address or phone number the shop knows you by."""

    def __init__(self, probe: FidesProbe, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.probe = probe
        self.identity: FidesIdentity | None = None
        self.setWindowTitle(self.tr("Add a shop that runs Fides"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                self.tr(
                    "This shop's privacy center runs Ethyca Fides (version {0}). "
                    "It has no sign-in: it knows you by your e-mail address or phone number "
                    "and sends a code there whenever you file a request or change a consent."
                ).format(probe.version or "?")
            )
        )
        if not probe.messaging_configured:
            warning = plain_label(
                self.tr(
                    "The shop says it has no working way to send codes yet; requests may wait for "
                    "verification until it does."
                )
            )
            warning.setObjectName("warningText")
            layout.addWidget(warning)
        form = QFormLayout()
        self.identity_edit = QLineEdit()
        self.identity_edit.setAccessibleName(self.tr("E-mail address or phone number"))
        self.identity_edit.setPlaceholderText(self.tr("name@example.com or +8613812345678"))
        # limits with a counter, never QLineEdit's own (it cuts pasted text without a word)
        self.identity_field = LimitedText(self.identity_edit, FIDES_IDENTITY)
        form.addRow(self.tr("E-mail or phone"), self.identity_field)
        self.name_edit = QLineEdit(probe.suggested_name)
        self.name_edit.setAccessibleName(self.tr("Name of the shop"))
        self.name_field = LimitedText(self.name_edit, SHOP_NAME)
        form.addRow(self.tr("Shop name"), self.name_field)
        layout.addLayout(form)
        layout.addWidget(
            plain_label(self.tr("The app keeps this in the system keychain, never in a file."))
        )
        self.error = plain_label()
        self.error.setObjectName("errorMessage")
        self.error.setStyleSheet("color: #c62828;")
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept_if_valid)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _accept_if_valid(self) -> None:
        too_long = self.identity_field.problem() or self.name_field.problem()
        if too_long:
            self.show_error(too_long)
            return
        try:
            self.identity = FidesIdentity.parse(self.identity_edit.text())
        except ValueError:
            self.show_error(
                self.tr(
                    "Enter an e-mail address, or a phone number in the "
                    "international form (+ country code)."
                )
            )
            return
        self.accept()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    @property
    def shop_name(self) -> str:
        return self.name_edit.text().strip() or self.probe.suggested_name


__all__ = ["FidesIdentityDialog"]
