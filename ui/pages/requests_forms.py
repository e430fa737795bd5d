"""Requests page: the guided form of each request type, in one dialog per request.

A `RequestForm` knows what it needs from the shop (`load`, on a worker thread), shows it
(`populate`, on the UI thread) and turns the inputs into the request's `details` and `note`
(`payload`, raising `FormInvalid` with a sentence to show). `NewRequestDialog` wraps one form,
keeps ONE Idempotency-Key for its whole life (a retried submit never files twice) and shows
errors inside itself, keeping what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from client.discovery import RetentionInfo
from client.errors import NotFound
from client.filing import Filing, FilingKeys, Queued, QueueFailed, RequestFiler
from client.limits import (
    CANCELLATION_REASON,
    COMPLAINT_TEXT,
    CORRECTION_VALUE,
    DELETION_REASON,
    REQUEST_NOTE,
    REVIEW_STATEMENT,
)
from client.models.account import Account, ProfileField
from client.models.consents import Consent
from client.models.data import DataCategory
from client.models.orders import Decision
from client.models.requests import CreatedRequest, PrivacyRequest
from client.models.rights import RightsCard, RightsTerm
from client.reader import ShopReader
from ui.errors import user_message
from ui.field_errors import field_problems
from ui.formats import format_period
from ui.i18n import translate
from ui.models.requests import (
    TrackedRequest,
    denial_ground_text,
    is_overdue,
    local_day,
    status_label,
    type_label,
)
from ui.plain_text import plain_message_box
from ui.terms.consents import localized_title
from ui.terms.data import field_text
from ui.widgets.diff_view import DiffView
from ui.widgets.filing_dialog import FilingDialog
from ui.widgets.limited_text import LimitedText
from ui.widgets.load_state import plain_label
from ui.widgets.rights_card import RightsCardWidget

# The shop's limits (client.limits, checked against docs/openapi.json by a test).
NOTE_MAX = REQUEST_NOTE.max_length
COMPLAINT_MAX = COMPLAINT_TEXT.max_length
STATEMENT_MAX = REVIEW_STATEMENT.max_length
PROPOSED_MAX = CORRECTION_VALUE.max_length
KEY_ROLE = Qt.ItemDataRole.UserRole + 20


class FormInvalid(ValueError):
    """What the user still has to fix, as a sentence to show."""


Details = dict[str, Any]


class RequestForm(QWidget):
    """One request type's inputs."""

    rtype = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)

    def intro(self) -> str:
        return ""

    @staticmethod
    def load(api: ShopReader) -> Any:
        """Worker thread: what the form needs from the shop (None: nothing)."""
        return None

    def populate(self, data: Any) -> None:
        """UI thread: fill the inputs from what `load` returned."""

    def prefill(self, details: Details, note: str | None) -> None:
        """UI thread, after `populate`: show a request written before (one the shop refused),
        to be edited and filed again. Confirmations are not ticked again: they are asked anew.
        """

    def payload(self) -> tuple[Details, str | None]:
        raise NotImplementedError

    def limited_fields(self) -> dict[str, LimitedText]:
        """The form's text inputs by the name the shop gives them in a 422 `loc`."""
        return {}

    def confirm_filing(self, parent: QWidget) -> bool:
        """Last question before filing (True: file it)."""
        return True

    def length_problem(self) -> str:
        """Why a text is too long to file ("" when none is); each field shows its own."""
        problems = [field.problem() for field in self.limited_fields().values()]
        return next((p for p in problems if p), "")


def _note_edit(parent: QWidget, placeholder: str, name: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setPlaceholderText(placeholder)
    edit.setAccessibleName(name)
    edit.setTabChangesFocus(True)
    edit.setMaximumHeight(90)
    return edit


def _optional_text(edit: QPlainTextEdit | QLineEdit, limit: int, what: str) -> str | None:
    text = (edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()).strip()
    if len(text) > limit:
        raise FormInvalid(
            translate("RequestForms", "{0} is too long: at most {1} characters.").format(
                what, limit
            )
        )
    return text or None


def _limited(layout: QVBoxLayout, edit: QPlainTextEdit | QLineEdit, limit: int) -> LimitedText:
    field = LimitedText(edit, limit)
    layout.addWidget(field)
    return field


def _checkable_list(parent: QWidget, name: str) -> tuple[QListView, QStandardItemModel]:
    model = QStandardItemModel(parent)
    view = QListView(parent)
    view.setModel(model)
    view.setAccessibleName(name)
    view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
    view.setMinimumHeight(140)
    return view, model


def _checked_keys(model: QStandardItemModel) -> list[str]:
    keys = []
    for row in range(model.rowCount()):
        item = model.item(row)
        if item.checkState() == Qt.CheckState.Checked:
            keys.append(str(item.data(KEY_ROLE)))
    return keys


def _check_item(text: str, key: str) -> QStandardItem:
    item = QStandardItem(text)
    item.setCheckable(True)
    item.setEditable(False)
    item.setCheckState(Qt.CheckState.Unchecked)
    item.setData(key, KEY_ROLE)
    return item


class AccessForm(RequestForm):
    rtype = "access"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = _note_edit(
            self, self.tr("Optional: anything the shop should know"), self.tr("Note")
        )
        self.layout_.addWidget(plain_label(self.tr("Note (optional)")))
        self.note_field = _limited(self.layout_, self.note, NOTE_MAX)

    def limited_fields(self) -> dict[str, LimitedText]:
        return {"note": self.note_field}

    def intro(self) -> str:
        return self.tr(
            "Ask for a copy of everything the shop holds about you. The shop prepares "
            "an archive you can download here, checksummed and signed."
        )

    def payload(self) -> tuple[Details, str | None]:
        return {}, _optional_text(self.note, NOTE_MAX, self.tr("The note"))

    def prefill(self, details: Details, note: str | None) -> None:
        self.note.setPlainText(note or "")


class CorrectionForm(RequestForm):
    """Which field, its value now, the proposed one; filed only after a before → after check.

    No field is chosen at first: a default field once received a pasted text meant for
    another one, and the shop applied it.
    """

    rtype = "correction"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: list[ProfileField] = []
        form = QFormLayout()
        self.field_box = QComboBox(self)
        self.field_box.setObjectName("correctionField")
        self.field_box.setAccessibleName(self.tr("Field to correct"))
        self.field_box.setPlaceholderText(self.tr("Choose the field to correct…"))
        self.current = QLineEdit(self)
        self.current.setReadOnly(True)
        self.current.setAccessibleName(self.tr("Current value"))
        self.proposed = QLineEdit(self)
        self.proposed.setObjectName("proposedValue")
        self.proposed.setAccessibleName(self.tr("Proposed value"))
        self.proposed_field = LimitedText(self.proposed, PROPOSED_MAX)
        self.note = QLineEdit(self)
        self.note.setAccessibleName(self.tr("Note for the shop"))
        self.note.setPlaceholderText(self.tr("Optional: why the value is wrong"))
        self.note_field = LimitedText(self.note, NOTE_MAX)
        form.addRow(self.tr("Field"), self.field_box)
        form.addRow(self.tr("Current value"), self.current)
        form.addRow(self.tr("Proposed value"), self.proposed_field)
        form.addRow(self.tr("Note"), self.note_field)
        self.layout_.addLayout(form)
        self.diff = DiffView()
        self.diff.setObjectName("correctionDiff")
        self.diff.hide()
        self.layout_.addWidget(self.diff)
        self.field_box.currentIndexChanged.connect(self._field_changed)
        self.proposed.textChanged.connect(self._update_diff)
        self._field_changed()

    def intro(self) -> str:
        return self.tr(
            "Ask the shop to correct or complete a piece of your profile, also one "
            "you cannot edit yourself."
        )

    @staticmethod
    def load(api: ShopReader) -> Account:
        return api.get_me()

    def populate(self, data: Any) -> None:
        account: Account = data
        self.fields = list(account.fields)
        self.field_box.clear()
        for item in self.fields:
            self.field_box.addItem(field_text(item.key), item.key)
        self.field_box.setCurrentIndex(-1)  # the shopper chooses; nothing is preselected
        self._field_changed()

    def limited_fields(self) -> dict[str, LimitedText]:
        return {
            "proposed": self.proposed_field,
            "current": self.proposed_field,
            "note": self.note_field,
        }

    def selected(self) -> ProfileField | None:
        position = self.field_box.currentIndex()
        return self.fields[position] if 0 <= position < len(self.fields) else None

    def select_field(self, key: str) -> None:
        position = self.field_box.findData(key)
        if position >= 0:
            self.field_box.setCurrentIndex(position)

    def prefill(self, details: Details, note: str | None) -> None:
        self.select_field(str(details.get("field") or ""))
        self.proposed.setText(str(details.get("proposed") or ""))
        self.note.setText(note or "")

    def _field_changed(self) -> None:
        chosen = self.selected()
        self.current.setText(chosen.value or "" if chosen else "")
        self.proposed.setEnabled(chosen is not None)
        self._update_diff()

    def _update_diff(self) -> None:
        chosen = self.selected()
        self.diff.setVisible(chosen is not None)
        if chosen is not None:
            self.diff.set_values(chosen.value, self.proposed.text().strip() or None)

    def confirm_filing(self, parent: QWidget) -> bool:
        chosen = self.selected()
        if chosen is None:
            return False
        before = chosen.value or self.tr("(empty)")
        after = self.proposed.text().strip() or self.tr("(empty)")
        box = plain_message_box(
            parent,
            QMessageBox.Icon.Question,
            self.tr("Confirm the correction"),
            self.tr("Ask the shop to change {0}?").format(field_text(chosen.key)),
            informative=self.tr("Before: {0}\nAfter:  {1}").format(before, after),
            buttons=QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        box.setObjectName("confirmCorrection")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("File the correction"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Go back"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def payload(self) -> tuple[Details, str | None]:
        chosen = self.selected()
        if chosen is None:
            raise FormInvalid(self.tr("Choose the field to correct."))
        proposed = self.proposed.text().strip() or None
        if proposed == (chosen.value or None):
            raise FormInvalid(self.tr("The proposed value is the same as the current one."))
        note = _optional_text(self.note, NOTE_MAX, self.tr("The note"))
        return {"field": chosen.key, "current": chosen.value, "proposed": proposed}, note


class DeletionForm(RequestForm):
    rtype = "deletion"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_.addWidget(plain_label(self.tr("Delete everything in these categories:")))
        self.list, self.model = _checkable_list(self, self.tr("Categories to delete"))
        self.layout_.addWidget(self.list)
        explain = plain_label(
            self.tr(
                "The shop deletes the data and tells every partner that received it to delete it "
                "too; you will see each partner's confirmation here. Backups are cleaned at their "
                "next update, on the date the shop gives."
            )
        )
        explain.setObjectName("hint")
        self.layout_.addWidget(explain)
        # The grounds are the shop's own enumerated list (its policy's deletion clause).
        self.layout_.addWidget(plain_label(self.tr("Ground for deletion")))
        self.ground_box = QComboBox(self)
        self.ground_box.setAccessibleName(self.tr("Ground for deletion"))
        self.layout_.addWidget(self.ground_box)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(
            self.tr("Optional: why (e.g. the data is no longer needed); required for “Other”")
        )
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason_field = _limited(self.layout_, self.reason, DELETION_REASON.max_length)

    def limited_fields(self) -> dict[str, LimitedText]:
        return {"reason": self.reason_field}

    def intro(self) -> str:
        return self.tr("Ask the shop to delete categories of your data.")

    @staticmethod
    def load(api: ShopReader) -> tuple[list[DataCategory], list[RightsTerm]]:
        try:
            grounds = api.get_rights().deletion_grounds
        except NotFound:  # an older shop: no enumerated grounds, the reason stays free text
            grounds = []
        return api.list_categories(), grounds

    def populate(self, data: Any) -> None:
        categories: list[DataCategory] = data[0]
        grounds: list[RightsTerm] = data[1]
        self.ground_box.clear()
        self.ground_box.addItem(self.tr("(not given)"), None)
        for ground in grounds:
            cite = (
                self.tr(" — policy § {0}").format(ground.clause)
                if ground.stated
                else self.tr(" — not stated in the policy")
            )
            self.ground_box.addItem(ground.text + cite, ground.key)
        self.ground_box.setVisible(bool(grounds))
        self.model.clear()
        for category in categories:
            title = localized_title(category.title, category.title_zh)
            # %Ln: the count in the UI language's digits grouping, with its plural form
            text = self.tr("{0} (%Ln record(s))", "", category.count).format(title)
            self.model.appendRow(_check_item(text, category.key))

    def check(self, key: str) -> None:
        for row in range(self.model.rowCount()):
            item = self.model.item(row)
            if item.data(KEY_ROLE) == key:
                item.setCheckState(Qt.CheckState.Checked)

    def payload(self) -> tuple[Details, str | None]:
        keys = _checked_keys(self.model)
        if not keys:
            raise FormInvalid(self.tr("Choose at least one category to delete."))
        details: Details = {"categories": keys}
        reason = _optional_text(self.reason, DELETION_REASON.max_length, self.tr("The reason"))
        ground = self.ground_box.currentData()
        if ground == "other" and not reason:
            raise FormInvalid(self.tr("Say which ground applies when you choose “Other”."))
        if ground:
            details["ground"] = ground
        if reason:
            details["reason"] = reason
        return details, None

    def choose_ground(self, key: str) -> None:
        index = self.ground_box.findData(key)
        if index >= 0:
            self.ground_box.setCurrentIndex(index)

    def prefill(self, details: Details, note: str | None) -> None:
        for key in details.get("categories") or []:
            self.check(str(key))
        if details.get("ground"):
            self.choose_ground(str(details["ground"]))
        self.reason.setText(str(details.get("reason") or ""))


class DecisionForm(RequestForm):
    """Explanation of, or human review of, an automated decision."""

    def __init__(self, rtype: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rtype = rtype
        self.decisions: list[Decision] = []
        self.layout_.addWidget(plain_label(self.tr("Decision")))
        self.box = QComboBox(self)
        self.box.setAccessibleName(self.tr("Decision"))
        self.layout_.addWidget(self.box)
        self.statement: QPlainTextEdit | None = None
        self.statement_field: LimitedText | None = None
        if rtype == "human_review":
            self.layout_.addWidget(plain_label(self.tr("Your point of view (optional)")))
            self.statement = _note_edit(
                self, self.tr("Why you think the decision is wrong"), self.tr("Your point of view")
            )
            self.statement_field = _limited(self.layout_, self.statement, STATEMENT_MAX)

    def limited_fields(self) -> dict[str, LimitedText]:
        return {"statement": self.statement_field} if self.statement_field else {}

    def intro(self) -> str:
        if self.rtype == "human_review":
            return self.tr(
                "Ask for a person at the shop to review an automated decision about "
                "you, and to answer in writing."
            )
        return self.tr(
            "Ask how an automated decision about you was made: its main factors, "
            "the data used and the model version."
        )

    @staticmethod
    def load(api: ShopReader) -> list[Decision]:
        return list(api.list_decisions(limit=100).auto_paging_iter(max_items=500))

    def populate(self, data: Any) -> None:
        self.decisions = list(data)
        self.box.clear()
        for decision in self.decisions:
            self.box.addItem(
                f"{local_day(decision.at)} · {decision.system} · {decision.outcome}", decision.id
            )

    def select_decision(self, decision_id: str) -> None:
        position = self.box.findData(decision_id)
        if position >= 0:
            self.box.setCurrentIndex(position)

    def prefill(self, details: Details, note: str | None) -> None:
        self.select_decision(str(details.get("decision_id") or ""))
        if self.statement is not None:
            self.statement.setPlainText(str(details.get("statement") or ""))

    def payload(self) -> tuple[Details, str | None]:
        decision_id = self.box.currentData()
        if not decision_id:
            raise FormInvalid(self.tr("Choose a decision."))
        details: Details = {"decision_id": str(decision_id)}
        if self.statement is not None:
            statement = _optional_text(self.statement, STATEMENT_MAX, self.tr("Your statement"))
            if statement:
                details["statement"] = statement
        return details, None


class ConsentWithdrawalForm(RequestForm):
    rtype = "consent_withdrawal"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_.addWidget(plain_label(self.tr("Withdraw my consent to:")))
        self.list, self.model = _checkable_list(self, self.tr("Consents to withdraw"))
        self.layout_.addWidget(self.list)
        self.none_label = plain_label(
            self.tr(
                "You have no consent that can be withdrawn: the others are needed to provide the "
                "service (cancel the account to end them)."
            )
        )
        self.none_label.hide()
        self.layout_.addWidget(self.none_label)

    def intro(self) -> str:
        return self.tr("Withdraw consents you gave; the shop confirms each with a signed receipt.")

    @staticmethod
    def load(api: ShopReader) -> list[Consent]:
        return api.list_consents()

    def populate(self, data: Any) -> None:
        consents: list[Consent] = [c for c in data if c.granted and not c.required]
        self.model.clear()
        for consent in consents:
            title = localized_title(consent.title, consent.title_zh)
            self.model.appendRow(_check_item(title, consent.purpose))
        self.none_label.setVisible(not consents)

    def check(self, purpose: str) -> None:
        for row in range(self.model.rowCount()):
            item = self.model.item(row)
            if item.data(KEY_ROLE) == purpose:
                item.setCheckState(Qt.CheckState.Checked)

    def prefill(self, details: Details, note: str | None) -> None:
        for purpose in details.get("purposes") or []:
            self.check(str(purpose))

    def payload(self) -> tuple[Details, str | None]:
        keys = _checked_keys(self.model)
        if not keys:
            raise FormInvalid(self.tr("Choose at least one consent to withdraw."))
        return {"purposes": keys}, None


class AccountCancellationForm(RequestForm):
    rtype = "account_cancellation"

    def __init__(self, retention: RetentionInfo | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        warning = plain_label(
            self.tr(
                "Warning: cancelling your account cannot be undone. You will be signed out, your "
                "profile, history and preferences are deleted or anonymised, and you can no longer "
                "see your orders or file requests with this account."
            )
        )
        warning.setObjectName("warningText")
        warning.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.layout_.addWidget(warning)
        self.retention = plain_label(_retention_text(retention))
        self.retention.setObjectName("retentionRule")
        self.layout_.addWidget(self.retention)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("Optional: why you are leaving"))
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason_field = _limited(self.layout_, self.reason, CANCELLATION_REASON.max_length)
        self.confirm = QCheckBox(
            self.tr("I understand that my account will be closed for good"), self
        )
        self.layout_.addWidget(self.confirm)

    def intro(self) -> str:
        return self.tr("Close your account at this shop.")

    def limited_fields(self) -> dict[str, LimitedText]:
        return {"reason": self.reason_field}

    def prefill(self, details: Details, note: str | None) -> None:
        self.reason.setText(str(details.get("reason") or ""))

    def payload(self) -> tuple[Details, str | None]:
        if not self.confirm.isChecked():
            raise FormInvalid(self.tr("Tick the box to confirm you want to close the account."))
        details: Details = {}
        reason = _optional_text(self.reason, CANCELLATION_REASON.max_length, self.tr("The reason"))
        if reason:
            details["reason"] = reason
        return details, None


def _retention_text(retention: RetentionInfo | None) -> str:
    if retention is None or (
        retention.default is None and retention.deletes_on_cancellation is None
    ):
        return translate(
            "RequestForms",
            "The shop does not say how long it keeps data after an account is closed.",
        )
    parts = []
    if retention.default:
        period = (
            translate("RequestForms", "until the account is closed")
            if retention.default == "until_account_closed"
            else format_period(retention.default)
        )
        parts.append(
            translate("RequestForms", "The shop's retention rule: data is kept {0}.").format(period)
        )
    if retention.deletes_on_cancellation is True:
        parts.append(
            translate(
                "RequestForms",
                "The shop says it deletes your data when the account is cancelled "
                "(records the law requires are kept, anonymised where possible).",
            )
        )
    elif retention.deletes_on_cancellation is False:
        parts.append(
            translate(
                "RequestForms",
                "The shop says it does NOT delete all your data when the account is "
                "cancelled; file a deletion request as well if you want it gone.",
            )
        )
    return " ".join(parts)


class ComplaintForm(RequestForm):
    rtype = "complaint"

    def __init__(
        self,
        related: list[TrackedRequest],
        preferred: TrackedRequest | None,
        shop_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.related = related
        self.shop_name = shop_name
        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName(self.tr("Complaint text"))
        self.text.setPlaceholderText(self.tr("What went wrong, and what you ask the shop to do"))
        self.text.setTabChangesFocus(True)
        self.text_field = LimitedText(self.text, COMPLAINT_MAX)
        self.counter = self.text_field.counter
        self.related_box = QComboBox(self)
        self.related_box.setAccessibleName(self.tr("Related request"))
        self.related_box.addItem(self.tr("No related request"), None)
        for row in related:
            request = row.request
            self.related_box.addItem(
                f"{type_label(request.type)} · {local_day(request.received_at)} · "
                f"{status_label(request.status)}",
                request.id,
            )
        if preferred is not None:
            position = self.related_box.findData(preferred.request.id)
            if position >= 0:
                self.related_box.setCurrentIndex(position)
        self.draft_button = QPushButton(self.tr("Draft from the record"), self)
        self.draft_button.setToolTip(
            self.tr("Write a polite complaint from the related request's record")
        )
        self.draft_button.clicked.connect(self.draft)
        form = QFormLayout()
        form.addRow(self.tr("Related request"), self.related_box)
        self.layout_.addLayout(form)
        self.layout_.addWidget(self.draft_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.layout_.addWidget(self.text_field, 1)
        self.related_box.currentIndexChanged.connect(self._update_draft_button)
        self._update_draft_button()

    def intro(self) -> str:
        return self.tr("Complain to the shop's privacy team; a person answers in writing.")

    def related_request(self) -> TrackedRequest | None:
        wanted = self.related_box.currentData()
        return next((r for r in self.related if r.request.id == wanted), None)

    def _update_draft_button(self) -> None:
        self.draft_button.setEnabled(self.related_request() is not None)

    def limited_fields(self) -> dict[str, LimitedText]:
        return {"text": self.text_field}

    def draft(self) -> None:
        row = self.related_request()
        if row is not None:
            self.text.setPlainText(draft_complaint(row.request, self.shop_name))

    def prefill(self, details: Details, note: str | None) -> None:
        self.text.setPlainText(str(details.get("text") or ""))
        related = details.get("related_request_id")
        position = self.related_box.findData(str(related)) if related else -1
        if position >= 0:
            self.related_box.setCurrentIndex(position)

    def payload(self) -> tuple[Details, str | None]:
        text = self.text.toPlainText().strip()
        if not text:
            raise FormInvalid(self.tr("Write what the complaint is about."))
        if len(text) > COMPLAINT_MAX:
            raise FormInvalid(
                self.tr("The complaint is too long: at most {0} characters.").format(COMPLAINT_MAX)
            )
        details: Details = {"text": text}
        related = self.related_box.currentData()
        if related:
            details["related_request_id"] = str(related)
        return details, None


def draft_complaint(request: PrivacyRequest, shop_name: str) -> str:
    """A polite complaint written from the record of an overdue or refused request."""
    lines = [
        translate("RequestForms", "Dear {0} privacy team,").format(shop_name),
        "",
        translate(
            "RequestForms",
            "On {0} I filed a request with you ({1}, reference {2}). It was due on {3}.",
        ).format(
            local_day(request.received_at),
            type_label(request.type),
            request.id,
            local_day(request.due_at),
        ),
    ]
    if is_overdue(request):
        lines.append(
            translate(
                "RequestForms",
                "It is now overdue by {0} working days, and its status is still: {1}.",
            ).format(max(1, -request.working_days_left), status_label(request.status))
        )
    else:
        lines.append(
            translate("RequestForms", "Its status is: {0}.").format(status_label(request.status))
        )
    if request.denial is not None:
        lines.append(
            translate("RequestForms", "You refused it with this reason: {0}").format(
                denial_ground_text(request.denial)
            )
        )
        if request.denial.text:
            lines.append(
                translate("RequestForms", "Your explanation was: \u201c{0}\u201d").format(
                    request.denial.text
                )
            )
        lines.append("")
        lines.append(
            translate(
                "RequestForms",
                "I do not think this refusal is justified. Please review it and "
                "either handle my request or explain in detail which legal ground "
                "applies.",
            )
        )
    else:
        lines.append("")
        lines.append(
            translate(
                "RequestForms",
                "Please handle my request without further delay, or tell me in "
                "writing why you cannot and when I can expect an answer.",
            )
        )
    lines += [
        "",
        translate("RequestForms", "Thank you in advance for your answer."),
        "",
        translate("RequestForms", "Kind regards"),
    ]
    return "\n".join(lines)


@dataclass(frozen=True)
class QueuedOffline:
    """The dialog's answer when the shop could not be reached and the request was queued."""

    payload: dict[str, Any]
    idempotency_key: str = ""  # the key of the first attempt, kept by the outbox item
    pending: int = 0  # items waiting in the outbox after this one was added


def make_form(
    rtype: str,
    *,
    retention: RetentionInfo | None,
    related: list[TrackedRequest],
    preferred: TrackedRequest | None,
    shop_name: str,
) -> RequestForm:
    if rtype == "access":
        return AccessForm()
    if rtype == "correction":
        return CorrectionForm()
    if rtype == "deletion":
        return DeletionForm()
    if rtype in ("explanation", "human_review"):
        return DecisionForm(rtype)
    if rtype == "consent_withdrawal":
        return ConsentWithdrawalForm()
    if rtype == "account_cancellation":
        return AccountCancellationForm(retention)
    if rtype == "complaint":
        return ComplaintForm(related, preferred, shop_name)
    raise ValueError(f"unknown request type {rtype!r}")


Runner = Callable[..., Any]  # Page.run(work, done, failed)


class NewRequestDialog(FilingDialog):
    """File one request of one type through the page's `RequestFiler` (see `client.filing`).

    `run` is the page's `Page.run`. The Idempotency-Key is made when "File request" is pressed
    and kept for a re-send of the same request after no answer, and for the outbox item when
    the shop cannot be reached (the filer queues it only where it has an outbox: not while
    assisting).
    """

    def __init__(
        self,
        rtype: str,
        api: ShopReader,
        run: Runner,
        *,
        shop_name: str,
        retention: RetentionInfo | None = None,
        related: list[TrackedRequest] | None = None,
        preferred: TrackedRequest | None = None,
        filer: RequestFiler,
        draft: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(rtype, shop_name, min_width=560, parent=parent)
        # A request written before (the payload of an outbox item the shop refused): shown in
        # the form to be edited, then filed as a new request.
        self.draft = draft
        self.api = api
        self._run = run
        self.filer = filer
        self.keys = FilingKeys()
        self.filing: Filing | None = None  # the last one sent
        self.result_value: Any = None  # CreatedRequest or QueuedOffline once accepted
        layout = self.body
        self.form = make_form(
            rtype,
            retention=retention,
            related=related or [],
            preferred=preferred,
            shop_name=shop_name,
        )
        intro = plain_label(self.form.intro())
        layout.addWidget(intro)
        # What the shop's own policy promises for requests, read before filing (issue 13.2).
        # scrolled within a fixed height: the whole card is taller than a 640-pixel screen
        self.rights = RightsCardWidget(max_height=160)
        layout.addWidget(self.rights)
        layout.addWidget(self.status)
        layout.addWidget(self.form, 1)
        self.finish_layout()
        # room for the form's wrapped explanations: a top-level layout sizes itself by their
        # one-line height, and the deletion list then overlapped the sentence below it
        self.resize(self.width(), max(self.sizeHint().height(), 600))
        self._load()
        self._load_rights()

    def _load_rights(self) -> None:
        api = self.api

        def rights(_control: Any) -> RightsCard | None:
            try:
                return api.get_rights()
            except NotFound:  # an older shop without the card
                return None

        def failed(error: BaseException) -> None:
            # The card is information only: filing must not depend on it.
            self.rights.body.setText(user_message(error))

        self.own_load(self._run(rights, self.rights.show_card, failed))

    @property
    def idempotency_key(self) -> str | None:
        """The key of the last press of "File request" (None before the first)."""
        return self.filing.idempotency_key if self.filing is not None else None

    # --- loading what the form needs ----------------------------------------------------------
    def _prefill(self) -> None:
        if self.draft is not None:
            details = self.draft.get("details")
            note = self.draft.get("note")
            self.form.prefill(
                details if isinstance(details, dict) else {},
                note if isinstance(note, str) else None,
            )

    def _load(self) -> None:
        if type(self.form).load is RequestForm.load:
            self._prefill()
            return
        self.status.setText(self.tr("Loading…"))
        self.submit_button.setEnabled(False)
        api = self.api
        loader = self.form.load

        def done(data: Any) -> None:
            self.status.setText("")
            self.form.populate(data)
            self._prefill()
            self.submit_button.setEnabled(True)
            self.loaded_ok = True

        def failed(error: BaseException) -> None:
            self.status.setText("")
            self.show_error(user_message(error))

        self.loaded_ok = False
        self.own_load(self._run(lambda _control: loader(api), done, failed))

    # --- submitting ---------------------------------------------------------------------------
    def payload(self) -> dict[str, Any]:
        details, note = self.form.payload()
        body: dict[str, Any] = {"type": self.rtype, "details": details}
        if note is not None:
            body["note"] = note
        return body

    def submit(self) -> None:
        if self.busy:
            return
        too_long = self.form.length_problem()  # shown next to the field as well
        if too_long:
            self.show_error(self.tr("Not filed: a text is too long (see above)."))
            return
        try:
            body = self.payload()
        except FormInvalid as exc:
            self.show_error(str(exc))
            return
        self.show_error("")
        if not self.form.confirm_filing(self):
            return
        self._set_busy(True)
        # The key of this press (or of the same request pressed before without an answer).
        filing = self.keys.filing(self.rtype, body["details"], note=body.get("note"))
        self.filing = filing
        filer = self.filer

        def work(_control: Any) -> CreatedRequest | Queued:
            return filer.file(filing)

        def done(outcome: CreatedRequest | Queued) -> None:
            self.keys.settle(filing)
            self._set_busy(False)
            if isinstance(outcome, Queued):
                self.result_value = QueuedOffline(
                    filing.payload(), filing.idempotency_key, outcome.pending
                )
            else:
                self.result_value = outcome
            self.accept()

        def failed(error: BaseException) -> None:
            self.keys.settle(filing, error)
            self._set_busy(False)
            if isinstance(error, QueueFailed):
                self.show_error(user_message(error))  # never the file system's own text
                return
            fields = self.form.limited_fields()
            marked = [name for name in field_problems(error) if name in fields]
            for name, message in field_problems(error).items():
                if name in fields:
                    fields[name].set_shop_error(message)
            if marked:  # the shop's reasons are next to the fields, in the UI language
                self.show_error(self.tr("Not filed: the shop did not accept what is marked above."))
                return
            self.show_error(user_message(error))

        self._run(work, done, failed)


__all__ = [
    "AccessForm",
    "AccountCancellationForm",
    "ComplaintForm",
    "ConsentWithdrawalForm",
    "CorrectionForm",
    "DecisionForm",
    "DeletionForm",
    "FormInvalid",
    "NewRequestDialog",
    "QueuedOffline",
    "RequestForm",
    "draft_complaint",
    "is_overdue",
]
