"""Dialogs of the My data page: edit an editable profile field, request a correction of any.

Both stay open while the shop answers and keep what was typed when it refuses, so nothing is
lost. The work itself is started by the page (through `Page.run`); the dialogs only hand over
the value and receive the answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from client.filing import Filing, FilingKeys, Queued
from client.limits import PROFILE_VALUE, REQUEST_NOTE
from client.models.account import Account, ProfileField
from client.models.requests import CreatedRequest
from ui.errors import user_message
from ui.field_errors import field_problems
from ui.formats import format_date
from ui.terms.data import field_text, source_text
from ui.widgets.diff_view import DiffView
from ui.widgets.filing_dialog import refuse_close_text
from ui.widgets.limited_text import LimitedText
from ui.widgets.load_state import plain_label

MAX_VALUE = PROFILE_VALUE.max_length  # the shop's limit for a profile value (client.limits)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


def error_text(error: BaseException) -> str:
    """`user_message`; what the shop said about single inputs is shown next to them instead."""
    return user_message(error)


def _value_or_none(text: str) -> str | None:
    return text if text.strip() else None


class EditFieldDialog(QDialog):
    """Change one editable field. `save(value, done, failed)` starts the change at the shop."""

    def __init__(
        self,
        field: ProfileField,
        save: Callable[[str | None, Done, Failed], None],
        parent: QWidget | None = None,
        *,
        value: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.field = field
        self._save = save
        self.account: Account | None = None
        name = field_text(field.key)
        self.setWindowTitle(self.tr("Edit {0}").format(name))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow(self.tr("Field:"), plain_label(name))
        form.addRow(self.tr("Now:"), plain_label(field.value or self.tr("(empty)")))
        self.editor = QLineEdit(field.value if value is None else value)
        self.editor.setAccessibleName(self.tr("New value for {0}").format(name))
        self.editor.setClearButtonEnabled(True)
        self.editor_field = LimitedText(self.editor, PROFILE_VALUE)
        form.addRow(self.tr("New value:"), self.editor_field)
        layout.addLayout(form)
        self.error = plain_label()
        self.error.setObjectName("errorMessage")
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.editor_field.validity_changed.connect(self.save_button.setEnabled)
        self.save_button.setEnabled(not self.editor_field.over)
        self.resize(480, self.sizeHint().height())

    @property
    def busy(self) -> bool:
        return self.editor.isReadOnly()

    def submit(self) -> None:
        if self.busy or self.editor_field.problem():
            return
        value = _value_or_none(self.editor.text())
        self.error.hide()
        self.save_button.setEnabled(False)
        self.editor.setReadOnly(True)
        self.save_button.setText(self.tr("Saving…"))
        self._save(value, self._saved, self.show_failure)

    def reject(self) -> None:
        if self.busy:  # the change is on its way: its answer needs this dialog (see FilingDialog)
            self.error.setText(refuse_close_text())
            self.error.show()
            return
        super().reject()

    def _saved(self, account: Account) -> None:
        self.account = account
        self.accept()

    def show_failure(self, error: BaseException) -> None:
        """The shop refused or could not be reached: say why, keep the typed value."""
        self.save_button.setEnabled(True)
        self.save_button.setText(self.tr("Save"))
        self.editor.setReadOnly(False)
        self.save_button.setEnabled(not self.editor_field.over)
        problems = field_problems(error)
        if problems:  # about the value: said next to it, in the UI language
            self.editor_field.set_shop_error(next(iter(problems.values())))
            self.error.setText(self.tr("Not saved: the shop did not accept the new value."))
        else:
            self.error.setText(self.tr("Not saved: {0}").format(error_text(error)))
        self.error.show()
        self.editor.setFocus()


class CorrectionDialog(QDialog):
    """File a `correction` request for one field, with a before/after diff.

    `file(filing, done, failed)` sends it through the page's `RequestFiler` (`done` gets a
    `CreatedRequest`, or a `Queued` when the shop was unreachable and the outbox keeps it). The
    key is made when the button is pressed and kept, for a re-send of the same value and for
    the outbox, until the shop answers, so a retry after a lost answer files once.
    """

    def __init__(
        self,
        field: ProfileField,
        file: Callable[[Filing, Done, Failed], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.field = field
        self._file = file
        self.created: CreatedRequest | None = None
        self.queued: Queued | None = None
        self.keys = FilingKeys()
        self.idempotency_key: str | None = None  # of the filing waiting for an answer
        self.open_requests_clicked = False
        name = field_text(field.key)
        self.setWindowTitle(self.tr("Request a correction: {0}").format(name))
        layout = QVBoxLayout(self)
        self.faces = QStackedWidget()
        layout.addWidget(self.faces)
        self.faces.addWidget(self._build_form(name))
        self.faces.addWidget(self._build_confirmation())
        self.resize(560, self.sizeHint().height())

    def _build_form(self, name: str) -> QWidget:
        face = QWidget()
        layout = QVBoxLayout(face)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            plain_label(
                self.tr(
                    "The shop does not let you change this field yourself. Ask it to correct the "
                    "value: it has to answer within the legal deadline."
                )
            )
        )
        form = QFormLayout()
        self.field_label = plain_label(name)
        form.addRow(self.tr("Field:"), self.field_label)
        form.addRow(self.tr("Where it came from:"), plain_label(source_text(self.field.source)))
        self.current_label = plain_label(self.field.value or self.tr("(empty)"))
        self.current_label.setObjectName("currentValue")
        form.addRow(self.tr("Current value:"), self.current_label)
        self.proposed = QLineEdit()
        self.proposed.setAccessibleName(self.tr("Proposed value for {0}").format(name))
        self.proposed.setPlaceholderText(self.tr("The correct value"))
        self.proposed_field = LimitedText(self.proposed, PROFILE_VALUE)
        form.addRow(self.tr("Proposed value:"), self.proposed_field)
        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("Note for the shop"))
        self.note.setPlaceholderText(self.tr("Optional: why the value is wrong"))
        self.note_field = LimitedText(self.note, REQUEST_NOTE)
        form.addRow(self.tr("Note:"), self.note_field)
        layout.addLayout(form)
        self.diff = DiffView()
        layout.addWidget(self.diff)
        self.error = plain_label()
        self.error.setObjectName("errorMessage")
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.file_button = QPushButton(self.tr("File correction request"))
        self.file_button.setDefault(True)
        self.buttons.addButton(self.file_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.file_button.clicked.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.proposed.textChanged.connect(self._update_diff)
        self.note.textChanged.connect(self._update_diff)
        self._update_diff()
        return face

    def _build_confirmation(self) -> QWidget:
        face = QWidget()
        layout = QVBoxLayout(face)
        layout.setContentsMargins(0, 0, 0, 0)
        self.confirmation = plain_label()
        self.confirmation.setObjectName("correctionFiled")
        layout.addWidget(self.confirmation)
        self.filed_diff = DiffView()
        layout.addWidget(self.filed_diff)
        layout.addStretch(1)
        buttons = QDialogButtonBox()
        self.open_requests = QPushButton(self.tr("Open Requests"))
        self.open_requests.setAccessibleName(self.tr("Open the Requests page"))
        buttons.addButton(self.open_requests, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.open_requests.clicked.connect(self._open_requests)
        self.close_button.clicked.connect(self.accept)
        layout.addWidget(buttons)
        return face

    def _update_diff(self) -> None:
        proposed = _value_or_none(self.proposed.text())
        self.diff.set_values(self.field.value, proposed)
        self.file_button.setEnabled(
            not self.busy_sending
            and proposed != (self.field.value or None)
            and not self.proposed_field.over
            and not self.note_field.over
        )

    busy_sending = False

    def details(self) -> dict[str, Any]:
        return {
            "field": self.field.key,
            "current": self.field.value,
            "proposed": _value_or_none(self.proposed.text()),
        }

    def submit(self) -> None:
        if self.busy_sending or self.proposed_field.problem() or self.note_field.problem():
            return
        note = self.note.text().strip()
        # A new request (or a changed one) gets a fresh key, kept until the shop answers.
        filing = self.keys.filing("correction", self.details(), note=note or None)
        self.idempotency_key = filing.idempotency_key
        self.busy_sending = True
        self.error.hide()
        self.proposed.setReadOnly(True)
        self.note.setReadOnly(True)
        self.file_button.setEnabled(False)
        self.file_button.setText(self.tr("Filing…"))
        self._file(
            filing,
            lambda outcome: self._filed(filing, outcome),
            lambda error: self._failed(filing, error),
        )

    def _filed(self, filing: Filing, outcome: CreatedRequest | Queued) -> None:
        self.keys.settle(filing)
        self.busy_sending = False
        self.idempotency_key = None
        if isinstance(outcome, Queued):
            self.queued = outcome
            self.confirmation.setText(
                self.tr(
                    "The shop cannot be reached. Your correction request is kept in the outbox and "
                    "will be sent once the shop is back; you can follow it on the Requests page."
                )
            )
        else:
            self.created = outcome
            request = outcome.request
            self.confirmation.setText(
                self.tr(
                    "Your correction request was filed. The shop has to answer by {0}; you can "
                    "follow it on the Requests page."
                ).format(format_date(request.due_at))
            )
        self.filed_diff.set_values(self.field.value, self.details()["proposed"])
        self.faces.setCurrentIndex(1)

    def _failed(self, filing: Filing, error: BaseException) -> None:
        self.keys.settle(filing, error)
        if not self.keys:
            self.idempotency_key = None
        self.busy_sending = False
        self.proposed.setReadOnly(False)
        self.note.setReadOnly(False)
        self.file_button.setText(self.tr("File correction request"))
        self._update_diff()
        problems = field_problems(error)
        fields = {
            "proposed": self.proposed_field,
            "current": self.proposed_field,
            "note": self.note_field,
        }
        shown = False
        for name, message in problems.items():
            target = fields.get(name)
            if target is not None:
                target.set_shop_error(message)
                shown = True
        if shown:
            self.error.setText(self.tr("Not filed: the shop did not accept what is marked above."))
        else:
            self.error.setText(self.tr("Not filed: {0}").format(error_text(error)))
        self.error.show()

    def reject(self) -> None:
        if self.busy_sending:  # the request is on its way: see FilingDialog
            self.error.setText(refuse_close_text())
            self.error.show()
            return
        super().reject()

    def _open_requests(self) -> None:
        self.open_requests_clicked = True
        self.accept()

    @property
    def filed(self) -> bool:
        """Filed at the shop, or kept in the outbox to be sent (under the same key)."""
        return self.created is not None or self.queued is not None


__all__ = ["CorrectionDialog", "EditFieldDialog", "error_text"]
