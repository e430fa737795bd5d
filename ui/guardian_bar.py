"""Whose dashboard a guardian sees: their own, or a ward's (issue 13.5).

Shown only to an account the shop lists as someone's guardian. Picking a ward opens a
guardian session on the ward's data (`AppSession.start_ward`); every page then shows the
ward's data, and a banner says so plainly until the guardian goes back to their own data.
Names are remote text: shown as plain text.

Where the shop's policy lets a minor hold an account only with a guardian's consent, the row
also says whether the ward chosen in the picker (or the only ward) may sign in, with a button
to withdraw that consent or give it (the guardian's own sign-in makes the change; a withdrawal
is confirmed first, saying that the ward is signed out at once).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.errors import user_message
from ui.plain_text import plain_message_box
from ui.widgets.banner import Banner
from ui.widgets.load_state import plain_label

if TYPE_CHECKING:
    from client.models.guardians import AccountConsentChanged, Ward
    from ui.session import ActiveView, AppSession


class GuardianBar(QWidget):
    def __init__(
        self, session: AppSession, notify: Callable[[str], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.notify = notify
        self.wards: list[Ward] = []
        self._loaded_for: str | None = None  # the shop whose wards the picker lists
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.picker_row = QWidget()
        row = QHBoxLayout(self.picker_row)
        row.setContentsMargins(12, 4, 12, 4)
        self.picker_label = plain_label(self.tr("Whose data to show:"), wrap=False)
        row.addWidget(self.picker_label)
        self.picker = QComboBox()
        self.picker.setObjectName("guardian_picker")
        self.picker.setAccessibleName(self.tr("Whose data to show"))
        self.picker.activated.connect(self._picked)
        self.picker_label.setBuddy(self.picker)
        row.addWidget(self.picker)
        row.addSpacing(12)
        # The chosen ward's account consent, in words, and the button that changes it.
        self.consent_status = plain_label()
        self.consent_status.setObjectName("wardAccountConsent")
        row.addWidget(self.consent_status, 1)
        self.consent_button = QPushButton()
        self.consent_button.setObjectName("wardAccountConsentButton")
        self.consent_button.clicked.connect(self._change_consent)
        row.addWidget(self.consent_button)
        self.consent_status.hide()
        self.consent_button.hide()
        layout.addWidget(self.picker_row)
        self.banner = Banner("guardian")
        self.banner.action_clicked.connect(self.back_to_own)
        layout.addWidget(self.banner)
        self.picker_row.hide()
        self.hide()

    # --- following the session ----------------------------------------------------------
    def view_changed(self, view: ActiveView | None) -> None:
        if view is None or view.archive is not None or view.assisting or view.role == "agent":
            self._loaded_for = None
            self.wards = []
            self.hide()
            return
        if view.guardian is not None:
            ward = view.guardian.ward
            self.banner.show_message(
                self.tr("You are viewing {0}'s data as their guardian.").format(ward.display_name),
                self.tr("Back to my own data"),
            )
            self._select(ward.id)
            self._show_consent()
            self.show()
            return
        self.banner.hide()
        if self._loaded_for != view.shop_id:
            self._load(view.shop_id)
        else:
            self._select(None)
            self._show_picker()
        self._show_consent()

    def _load(self, shop_id: str) -> None:
        self._loaded_for = shop_id
        self.wards = []
        self._show_picker()

        def done(wards: list[Ward]) -> None:
            if self._loaded_for != shop_id:
                return
            self.wards = list(wards)
            self._fill()
            self._show_picker()
            self._show_consent()

        def failed(_error: BaseException) -> None:
            # An older shop without guardians, or offline: simply no picker.
            if self._loaded_for == shop_id:
                self.wards = []
                self._show_picker()

        self.session.list_wards(done, failed)

    def _fill(self) -> None:
        self.picker.clear()
        self.picker.addItem(self.tr("My own data"), "")
        for ward in self.wards:
            self.picker.addItem(
                self.tr("{0} (as their guardian)").format(ward.display_name), ward.id
            )

    def _select(self, ward_id: str | None) -> None:
        index = self.picker.findData(ward_id or "")
        self.picker.setCurrentIndex(max(0, index))

    def _show_picker(self) -> None:
        self.picker_row.setVisible(bool(self.wards))
        self.setVisible(bool(self.wards) or self.banner.isVisibleTo(self))

    # --- the ward's account consent -----------------------------------------------------
    def consent_ward(self) -> Ward | None:
        """The ward the consent line speaks of: the one in the picker, else the only ward;
        None when the shop's policy asks no consent to the account."""
        chosen = str(self.picker.currentData() or "")
        if chosen:
            ward = next((w for w in self.wards if w.id == chosen), None)
        else:
            ward = self.wards[0] if len(self.wards) == 1 else None
        if ward is None or ward.account_consent is None:
            return None
        return ward

    def _show_consent(self) -> None:
        ward = self.consent_ward()
        if ward is None or ward.account_consent is None:
            self.consent_status.hide()
            self.consent_button.hide()
            return
        name = ward.display_name
        consent = ward.account_consent
        if consent.sign_in_allowed:
            text = self.tr("{0} can sign in: you have consented to their account.").format(name)
            button = self.tr("Withdraw consent…")
            accessible = self.tr("Withdraw your consent to {0}'s account").format(name)
        elif consent.state == "withdrawn":
            text = self.tr(
                "{0} cannot sign in: you withdrew your consent to their account."
            ).format(name)
            button = self.tr("Give consent…")
            accessible = self.tr("Give your consent to {0}'s account").format(name)
        else:
            text = self.tr("{0} cannot sign in until you consent to their account.").format(name)
            button = self.tr("Give consent…")
            accessible = self.tr("Give your consent to {0}'s account").format(name)
        self.consent_status.setText(text)
        self.consent_button.setText(button)
        self.consent_button.setAccessibleName(accessible)
        self.consent_button.setEnabled(True)
        self.consent_status.show()
        self.consent_button.show()

    def confirm_consent_change(self, ward: Ward, granted: bool) -> bool:
        name = ward.display_name
        if granted:
            box = plain_message_box(
                self,
                QMessageBox.Icon.Question,
                self.tr("Give consent to the account"),
                self.tr("Give your consent to {0}'s account?").format(name),
                informative=self.tr(
                    "{0} can then sign in to this shop with their own account again."
                ).format(name),
                buttons=QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            )
            box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Give consent"))
        else:
            box = plain_message_box(
                self,
                QMessageBox.Icon.Warning,
                self.tr("Withdraw consent to the account"),
                self.tr("Withdraw your consent to {0}'s account?").format(name),
                informative=self.tr(
                    "{0} is signed out at once, on every device, and cannot sign in again "
                    "until you give your consent again. You can still see their data here as "
                    "their guardian."
                ).format(name),
                buttons=QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            )
            box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Withdraw consent"))
        box.setObjectName("confirmAccountConsent")
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Cancel"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _change_consent(self) -> None:
        ward = self.consent_ward()
        if ward is None or ward.account_consent is None:
            return
        granted = not ward.account_consent.sign_in_allowed
        if not self.confirm_consent_change(ward, granted):
            return
        self.consent_button.setEnabled(False)
        shop = self._loaded_for

        def done(result: AccountConsentChanged) -> None:
            if self._loaded_for != shop:
                return
            updated = ward.model_copy(update={"account_consent": result})
            self.wards = [updated if w.id == ward.id else w for w in self.wards]
            self._show_consent()
            if granted:
                message = self.tr("Your consent to {0}'s account is recorded.")
            else:
                message = self.tr(
                    "Your consent to {0}'s account is withdrawn; they are signed out."
                )
            self.notify(message.format(ward.display_name))

        def failed(error: BaseException) -> None:
            self.consent_button.setEnabled(True)
            self.notify(
                self.tr("The consent to {0}'s account could not be changed: {1}").format(
                    ward.display_name, user_message(error)
                )
            )

        self.session.set_ward_account_consent(ward, granted, done, failed)

    # --- actions ------------------------------------------------------------------------
    def _picked(self, index: int) -> None:
        self._show_consent()
        ward_id = str(self.picker.itemData(index) or "")
        if not ward_id:
            self.back_to_own()
            return
        ward = next((w for w in self.wards if w.id == ward_id), None)
        if ward is None:
            return
        self.picker.setEnabled(False)

        def opened() -> None:
            self.picker.setEnabled(True)

        def failed(error: BaseException) -> None:
            self.picker.setEnabled(True)
            self._select(None)
            self.notify(
                self.tr("{0}'s data could not be opened: {1}").format(
                    ward.display_name, user_message(error)
                )
            )

        self.session.start_ward(ward, opened, failed)

    def back_to_own(self) -> None:
        self.banner.hide()
        self.session.end_ward()
