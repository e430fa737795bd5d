"""Consents page at a shop that runs Ethyca Fides: data uses, opted in or out, proven by a code.

The Consents page shows this panel instead of its tabs when the shop's backend needs a code
for consent (`Capabilities.consent_needs_code`). The shopper asks for a code, types it, and sees
the data uses the shop answered with (plus the common ones it has no record of); each switch
sends one change with that code while it is valid (10 minutes, 3 wrong tries). Fides signs
nothing, so the page shows the shop's answer to each change and keeps the history on this
computer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from client.backends.fides import ConsentChange, ConsentSession, FidesConsent, FidesShop
from client.i18n import trans_late
from client.limits import FIDES_CODE
from ui.backend_view import code_rules_text, data_use_label
from ui.errors import user_message
from ui.models.columns import Column
from ui.models.record_table import RecordTableModel
from ui.widgets.limited_text import LimitedText
from ui.widgets.load_state import plain_label
from ui.widgets.tables import fit_columns, record_table

ALERT_STYLE = "color: #c62828; font-weight: 600;"
OK_STYLE = "color: #2e7d32; font-weight: 600;"


def _choice(opt_in: bool) -> str:
    if opt_in:
        return QCoreApplication.translate("FidesConsents", "opted in")
    return QCoreApplication.translate("FidesConsents", "opted out")


def _answer_text(change: ConsentChange) -> str:
    return (
        ", ".join(
            f"{data_use_label(c.data_use, c.description)}: {_choice(c.opt_in)}"
            for c in change.answer
        )
        or "—"
    )


HISTORY_COLUMNS: list[Column[ConsentChange]] = [
    Column(trans_late("Columns", "Time"), lambda c: c.at),
    Column(trans_late("Columns", "Data use"), lambda c: data_use_label(c.data_use)),
    Column(trans_late("Columns", "Your choice"), lambda c: _choice(c.opt_in)),
    Column(trans_late("Columns", "The shop's answer"), _answer_text),
]


Runner = Callable[..., Any]  # Page.run(work, done, failed)


class FidesConsentsPanel(QWidget):
    """Ask for a code, show the data uses, switch one; the shop's answer and a local history."""

    def __init__(
        self, run: Runner, notify: Callable[[str], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.run = run
        self.notify = notify
        self._shop: FidesShop | None = None
        self.consent_session: ConsentSession | None = None
        self.switches: dict[str, QCheckBox] = {}
        self.expiry = QTimer(self)
        self.expiry.setSingleShot(True)
        self.expiry.timeout.connect(self._code_expired)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.intro = plain_label()
        layout.addWidget(self.intro)
        self.receipt_note = plain_label(
            self.tr(
                "This shop gives no signed receipt for a change. The app shows the shop's answer "
                "to each change and keeps the history below on this computer."
            )
        )
        self.receipt_note.setObjectName("noReceiptNote")
        layout.addWidget(self.receipt_note)
        code_row = QHBoxLayout()
        self.send_button = QPushButton(self.tr("Send me a code"))
        self.send_button.clicked.connect(self.request_code)
        self.code_edit = QLineEdit()
        self.code_edit.setAccessibleName(self.tr("Verification code"))
        self.code_edit.setPlaceholderText(self.tr("Code"))
        self.code_edit.returnPressed.connect(self.verify)
        # a counter and a refusal past the limit, never QLineEdit's silent cut
        self.code_field = LimitedText(self.code_edit, FIDES_CODE)
        self.verify_button = QPushButton(self.tr("Show my choices"))
        self.verify_button.clicked.connect(self.verify)
        code_row.addWidget(self.send_button)
        code_row.addWidget(self.code_field)
        code_row.addWidget(self.verify_button)
        code_row.addStretch(1)
        layout.addLayout(code_row)
        self.code_status = plain_label()
        self.code_status.setObjectName("codeStatus")
        layout.addWidget(self.code_status)
        self.choices_box = QFrame()
        self.choices_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.choices = QVBoxLayout(self.choices_box)
        layout.addWidget(self.choices_box)
        self.answer = plain_label()
        self.answer.setObjectName("shopAnswer")
        layout.addWidget(self.answer)
        layout.addWidget(plain_label(self.tr("History of your changes (kept on this computer)")))
        self.history = RecordTableModel(HISTORY_COLUMNS, self)
        self.history_view = record_table(
            self.tr("Consent history"), self.history, fit_contents=True
        )
        layout.addWidget(self.history_view, 1)
        self._reset_code()

    # --- showing (the page loads the local history: nobody reads Fides consent codeless) ---
    def shop(self) -> FidesShop | None:
        return self._shop

    def present(self, shop: FidesShop, data: list[ConsentChange]) -> None:
        if shop is not self._shop:
            self._shop = shop
            self._reset_code()
        self.intro.setText(
            self.tr(
                "At {0}, consent is kept per use of your data. To see or change it, ask for a "
                "code first."
            ).format(shop.shop_name)
            + " "
            + code_rules_text(shop.capabilities, shop.account_label)
        )
        self.history.set_rows(data)
        fit_columns(self.history_view)

    def clear(self) -> None:
        """The view moved to another shop: forget the code and the choices."""
        self._shop = None
        self._reset_code()

    # --- the code ---------------------------------------------------------------------------
    def _reset_code(self) -> None:
        self.consent_session = None
        self.expiry.stop()
        self.code_edit.clear()
        self.code_edit.setEnabled(False)
        self.verify_button.setEnabled(False)
        self.send_button.setEnabled(True)
        self.code_status.setText("")
        self.answer.setText("")
        self._show_choices([], enabled=False)

    def request_code(self) -> None:
        shop = self.shop()
        if shop is None:
            return
        self.send_button.setEnabled(False)
        self.code_status.setStyleSheet("")
        self.code_status.setText(self.tr("Asking the shop for a code…"))

        def done(session: ConsentSession) -> None:
            if self.shop() is not shop:
                return
            self.consent_session = session
            self.send_button.setEnabled(True)
            self.send_button.setText(self.tr("Send a new code"))
            self.code_edit.setEnabled(True)
            self.verify_button.setEnabled(True)
            self.code_edit.setFocus()
            lifetime = shop.capabilities.code_lifetime_s
            if lifetime > 0:
                minutes = max(1, -(-lifetime // 60))  # whole minutes, rounded up
                self.code_status.setText(
                    self.tr(
                        "The shop has sent a code to {0}. Enter it within %n minute(s).",
                        "",
                        minutes,
                    ).format(shop.account_label)
                )
                self.expiry.start(lifetime * 1000)
            else:  # the shop sets no time limit: no countdown to expire
                self.code_status.setText(
                    self.tr("The shop has sent a code to {0}.").format(shop.account_label)
                )

        def failed(error: BaseException) -> None:
            self.send_button.setEnabled(True)
            self.code_status.setStyleSheet(ALERT_STYLE)
            self.code_status.setText(self.tr("No code was sent: {0}").format(user_message(error)))

        self.run(lambda _control: shop.start_consent(), done, failed)

    def verify(self) -> None:
        shop, session = self.shop(), self.consent_session
        code = self.code_edit.text().strip()
        too_long = self.code_field.problem()
        if too_long:  # refused whatever else: the field says by how much
            self.code_status.setText(too_long)
            return
        if shop is None or session is None:
            return
        if not code:
            self.code_status.setText(self.tr("Enter the code the shop sent you."))
            return
        self.verify_button.setEnabled(False)

        def done(consents: list[FidesConsent]) -> None:
            if self.consent_session is not session:
                return
            self.code_status.setStyleSheet(OK_STYLE)
            self.code_status.setText(
                self.tr("Code accepted. Changes you make now are sent with it until it expires.")
            )
            self.code_edit.setEnabled(False)
            self._show_choices(consents, enabled=True)

        def failed(error: BaseException) -> None:
            if self.consent_session is not session:
                return
            self.verify_button.setEnabled(session.tries_left > 0)
            self.code_status.setStyleSheet(ALERT_STYLE)
            self.code_status.setText(user_message(error))

        self.run(lambda _control: shop.verify_consent(session, code), done, failed)

    def _code_expired(self) -> None:
        had_code = self.consent_session is not None or bool(self.switches)
        self._reset_code()
        if had_code:  # a code was waiting or in use: say why it no longer works
            self.code_status.setText(
                self.tr("The code has expired. Ask for a new one to make more changes.")
            )

    # --- the choices ------------------------------------------------------------------------
    def _show_choices(self, consents: list[FidesConsent], *, enabled: bool) -> None:
        while self.choices.count():
            item = self.choices.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.switches.clear()
        self.choices_box.setVisible(bool(consents))
        for consent in consents:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            text = data_use_label(consent.data_use, consent.description)
            if not consent.known_to_shop:
                text = self.tr("{0} (the shop has no choice of yours on record)").format(text)
            line.addWidget(plain_label(text), 1)
            switch = QCheckBox(self.tr("Allowed"))
            switch.setAccessibleName(
                self.tr("Allow: {0}").format(data_use_label(consent.data_use, consent.description))
            )
            switch.setChecked(consent.opt_in)
            switch.setEnabled(enabled)
            switch.clicked.connect(
                lambda checked, use=consent.data_use: self.set_consent(use, checked)
            )
            line.addWidget(switch)
            self.choices.addWidget(row)
            self.switches[consent.data_use] = switch

    def set_consent(self, data_use: str, opt_in: bool) -> None:
        shop, session = self.shop(), self.consent_session
        switch = self.switches.get(data_use)
        if shop is None or session is None or switch is None:
            return
        switch.setEnabled(False)

        def done(change: ConsentChange) -> None:
            if self.switches.get(data_use) is not switch:
                return
            switch.setEnabled(True)
            mine = next((c for c in change.answer if c.data_use == data_use), None)
            switch.blockSignals(True)
            switch.setChecked(mine.opt_in if mine is not None else not opt_in)
            switch.blockSignals(False)
            if change.confirmed:
                self.answer.setStyleSheet(OK_STYLE)
                verdict = self.tr("The shop confirms the change.")
            else:
                self.answer.setStyleSheet(ALERT_STYLE)
                verdict = self.tr("The shop's answer does not show the change.")
            self.answer.setText(
                self.tr("{0} The shop's answer: {1}").format(verdict, _answer_text(change))
            )
            # Claimed only when the shop's answer shows it.
            self.notify(
                self.tr("Consent changed: {0}").format(data_use_label(data_use))
                if change.confirmed
                else self.tr("The shop's answer does not show the change to: {0}").format(
                    data_use_label(data_use)
                )
            )
            rows = [change, *self.history.rows]
            self.history.set_rows(rows)
            fit_columns(self.history_view)

        def failed(error: BaseException) -> None:
            if self.switches.get(data_use) is not switch:
                return
            switch.blockSignals(True)
            switch.setChecked(not opt_in)
            switch.blockSignals(False)
            switch.setEnabled(True)
            self.answer.setStyleSheet(ALERT_STYLE)
            self.answer.setText(
                self.tr("The change was not saved: {0}").format(user_message(error))
            )

        self.run(lambda _control: shop.set_consent(session, data_use, opt_in), done, failed)


__all__ = ["FidesConsentsPanel"]
