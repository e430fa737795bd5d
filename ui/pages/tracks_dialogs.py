"""The delete dialogs of the My Tracks page (its date field is `ui/widgets/optional_date.py`)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.formats import date_pattern
from ui.plain_text import plain_message_box
from ui.widgets.load_state import plain_label
from ui.widgets.optional_date import to_date


def confirm(parent: QWidget, title: str, text: str, action: str, informative: str = "") -> bool:
    """Ask before a destructive action (plain text, "Cancel" is the default)."""
    box = plain_message_box(
        parent,
        QMessageBox.Icon.Warning,
        title,
        text,
        informative=informative,
        buttons=QMessageBox.StandardButton.NoButton,
    )
    go = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.setObjectName("confirmBox")
    box.exec()
    return box.clickedButton() is go


class DateRangeDialog(QDialog):
    """Choose whole days to delete: from .. to, both inclusive."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Delete a date range"))
        today = QDate.currentDate()
        self.first = QDateEdit(today.addDays(-30))
        self.last = QDateEdit(today)
        for edit, name in (
            (self.first, self.tr("First day to delete")),
            (self.last, self.tr("Last day to delete")),
        ):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(date_pattern())
            edit.setAccessibleName(name)
            edit.dateChanged.connect(self._check)
        form = QFormLayout()
        form.addRow(self.tr("From:"), self.first)
        form.addRow(self.tr("To (inclusive):"), self.last)
        self.problem = plain_label()
        self.problem.setObjectName("errorMessage")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(
            self.tr("Continue…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                self.tr("Every search and product view recorded on these days will be deleted.")
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._check()

    def set_days(self, first: date, last: date) -> None:
        self.first.setDate(QDate(first.year, first.month, first.day))
        self.last.setDate(QDate(last.year, last.month, last.day))

    def days(self) -> tuple[date, date]:
        return to_date(self.first.date()), to_date(self.last.date())

    def _check(self) -> None:
        valid = self.first.date() <= self.last.date()
        self.ok.setEnabled(valid)
        self.problem.setText("" if valid else self.tr("The first day is after the last day."))


class DeleteAllDialog(QDialog):
    """The strong confirmation for deleting the whole history: tick a box, then confirm."""

    def __init__(self, loaded_hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Delete all search and browsing history"))
        text = plain_label(
            self.tr(
                "This deletes every search and product view the shop has recorded for you, not "
                "only the ones shown. It cannot be undone. Recommendations based on your history "
                "will start from nothing."
            )
        )
        hint = plain_label(loaded_hint)
        self.understood = QCheckBox(self.tr("I understand that my whole history will be deleted"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.delete_button: QPushButton = self.buttons.addButton(
            self.tr("Delete everything"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.delete_button.setEnabled(False)
        self.delete_button.setAutoDefault(False)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)
        self.understood.toggled.connect(self.delete_button.setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(hint)
        layout.addWidget(self.understood)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
