"""Small dialogs of the shell: adding a shop and waiting for the browser sign-in."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from client.limits import ASSIST_CUSTOMER, ASSIST_REASON, ISSUED_ASSIST_CODE, SHOP_ADDRESS
from ui.widgets.limited_text import LimitedText
from ui.widgets.load_state import plain_label


class AddShopDialog(QDialog):
    """Ask for a shop's address (HTTPS, or a loopback address for a local shop)."""

    def __init__(self, suggestions: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a shop"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                self.tr(
                    "Enter the address of the shop's privacy service, e.g. https://shop.example"
                )
            )
        )
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://")
        self.url.setAccessibleName(self.tr("Shop address"))
        self.url_field = LimitedText(self.url, SHOP_ADDRESS)
        layout.addWidget(self.url_field)
        self.suggestions = QListWidget()
        self.suggestions.setAccessibleName(self.tr("Shops on this computer"))
        for name, url in suggestions:
            self.suggestions.addItem(f"{name} — {url}")
            self.suggestions.item(self.suggestions.count() - 1).setData(
                Qt.ItemDataRole.UserRole, url
            )
        self.suggestions.currentItemChanged.connect(self._suggestion_chosen)
        if suggestions:
            layout.addWidget(plain_label(self.tr("Or pick a shop running on this computer:")))
            layout.addWidget(self.suggestions)
        else:
            self.suggestions.hide()
        self.error = plain_label()
        self.error.setObjectName("errorMessage")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept_if_filled)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _suggestion_chosen(self, item: QListWidgetItem | None, _old: object) -> None:
        if item is not None:
            self.url.setText(str(item.data(Qt.ItemDataRole.UserRole)))

    def _accept_if_filled(self) -> None:
        too_long = self.url_field.problem()
        if too_long:
            self.show_error(too_long)
        elif self.url.text().strip():
            self.accept()
        else:
            self.show_error(self.tr("Enter an address first."))

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    @property
    def address(self) -> str:
        return self.url.text().strip()


class SignInWaitDialog(QDialog):
    """Shown while the system browser is open at the shop's sign-in page."""

    def __init__(self, shop_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Signing in"))
        layout = QVBoxLayout(self)
        message = QLabel()
        message.setTextFormat(Qt.TextFormat.PlainText)
        message.setWordWrap(True)
        message.setObjectName("signInWaiting")
        message.setText(
            self.tr(
                "Waiting for you in the browser… Sign in to {0} on the page that opened there; "
                "this window closes by itself when you are done."
            ).format(shop_name)
        )
        layout.addWidget(message)
        hint = plain_label(
            self.tr(
                "Wrong password or changed your mind? Try again in the browser, or press Cancel "
                "here: nothing is changed."
            )
        )
        hint.setObjectName("hint")
        layout.addWidget(hint)
        bar = QProgressBar()
        bar.setRange(0, 0)
        bar.setTextVisible(False)
        layout.addWidget(bar)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancelSignIn")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)


class AssistDialog(QDialog):
    """An agent enters the customer's id, the one-time code the customer read out, and why.

    OK emits `submitted`; the caller opens the session and calls `accept()` or `show_error()`.
    """

    submitted = Signal(str, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Assist a customer"))
        self.setMinimumWidth(420)  # the reason's example must not be cut to "help …"
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                self.tr(
                    "Ask the customer to create an assist code in their app (on its “Who "
                    "accessed my data” page) and read it to you. Everything you see or do is "
                    "recorded in the customer's access log."
                )
            )
        )
        self.customer = QLineEdit()
        self.customer.setPlaceholderText(self.tr("Customer number, e.g. SM100001"))
        self.customer.setAccessibleName(self.tr("Customer number"))
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("6-digit code"))
        self.code.setAccessibleName(self.tr("Assist code"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(
            self.tr("Case reason, e.g. ticket 4711: help with a deletion")
        )
        self.reason.setAccessibleName(self.tr("Case reason"))
        # The shop's limits, with a counter; nothing typed is cut (see LimitedText).
        self.customer_field = LimitedText(self.customer, ASSIST_CUSTOMER)
        self.reason_field = LimitedText(self.reason, ASSIST_REASON)
        # No QLineEdit limit or validator on the code: both drop pasted text without a word.
        self.code_field = LimitedText(self.code, ISSUED_ASSIST_CODE)
        for widget in (self.customer_field, self.code_field, self.reason_field):
            layout.addWidget(widget)
        self.error = plain_label()
        self.error.setObjectName("errorMessage")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._submit_if_complete)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        # says what pressing it does, unlike "OK"
        self.ok_button.setText(self.tr("Open the customer's data"))
        layout.addWidget(buttons)

    def _submit_if_complete(self) -> None:
        fields = (self.customer_field, self.code_field, self.reason_field)
        too_long = next((p for p in (f.problem() for f in fields) if p), "")
        if too_long:
            self.show_error(too_long)
        elif not self.customer.text().strip():
            self.show_error(self.tr("Enter the customer number."))
        elif not re.fullmatch(r"\d{6}", self.code.text().strip()):
            self.show_error(self.tr("The code has 6 digits."))
        elif not self.reason.text().strip():
            self.show_error(self.tr("Say why you are assisting (it is shown to the customer)."))
        else:
            self.error.hide()
            self.ok_button.setEnabled(False)
            self.submitted.emit(*self.values)

    def show_error(self, message: str) -> None:
        self.ok_button.setEnabled(True)
        self.error.setText(message)
        self.error.show()

    @property
    def values(self) -> tuple[str, str, str]:
        return self.customer.text().strip(), self.code.text().strip(), self.reason.text().strip()
