"""Whose dashboard a guardian sees: their own, or a ward's (issue 13.5).

Shown only to an account the shop lists as someone's guardian. Picking a ward opens a
guardian session on the ward's data (`AppSession.start_ward`); every page then shows the
ward's data, and a banner says so plainly until the guardian goes back to their own data.
Names are remote text: shown as plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QVBoxLayout, QWidget

from ui.errors import user_message
from ui.widgets.banner import Banner
from ui.widgets.load_state import plain_label

if TYPE_CHECKING:
    from client.models.guardians import Ward
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
        row.addStretch(1)
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
            self.show()
            return
        self.banner.hide()
        if self._loaded_for != view.shop_id:
            self._load(view.shop_id)
        else:
            self._select(None)
            self._show_picker()

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

    # --- actions ------------------------------------------------------------------------
    def _picked(self, index: int) -> None:
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
