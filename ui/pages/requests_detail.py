"""Requests page: the detail of one request (timeline, refusal, extension, result, actions)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from client.backends import RequestBackend
from client.errors import NotFound, ValidationFailed
from client.limits import VERIFY_CODE
from client.models.common import parse_rfc3339
from client.models.requests import (
    AnswerResult,
    ConsentWithdrawalResult,
    CorrectionResult,
    DeletionResult,
    DownloadedArchive,
    ExplanationResult,
    Ground,
    IdentityDocument,
    PrivacyRequest,
)
from ui.backend_view import code_rules_text, no_status_text
from ui.errors import user_message
from ui.formats import format_count, format_datetime, format_size, join_list
from ui.i18n import translate
from ui.models.columns import display_text
from ui.models.decisions import (
    contest_text,
    factor_lines,
    input_link,
    significance_text,
)
from ui.models.requests import (
    OVERDUE_COLOR,
    TrackedRequest,
    category_label,
    cite_clause,
    denial_ground_text,
    due_text,
    fee_text,
    filed_by_text,
    is_overdue,
    local_day,
    purpose_label,
    receipts_model,
    request_title,
    status_label,
    timeline_model,
    type_label,
)
from ui.plain_text import plain_message_box
from ui.tasks import Task
from ui.terms.data import field_text
from ui.widgets.limited_text import LimitedText
from ui.widgets.load_state import plain_label
from ui.widgets.tables import record_table

Runner = Callable[..., Any]


def _words(text: str) -> str:
    return QCoreApplication.translate("RequestDetail", text)


def details_text(
    details: dict[str, Any],
    note: str | None,
    rtype: str = "",
    summary: str | None = None,
    ground: Ground | None = None,
) -> str:
    """What the shopper filed, in sentences: the request in the shop's words, then each value
    they typed, literally (never a `key: value` dump of the API's fields). A deletion ground
    reads as the shop's words for it, with its clause, when the shop sends them."""
    lines = [summary.strip()] if summary and summary.strip() else []

    def text_of(key: str) -> str | None:
        value = details.get(key)
        return value if isinstance(value, str) and value.strip() else None

    if rtype == "correction":
        field = text_of("field")
        if field and not lines:
            lines.append(_words("Field to correct: {0}").format(field_text(field)))
        lines.append(_words("Value now: {0}").format(text_of("current") or "—"))
        lines.append(_words("Corrected value: {0}").format(text_of("proposed") or "—"))
    if ground is not None and ground.label:
        lines.append(
            _words("Ground for deletion: {0}").format(
                f"{ground.label} {cite_clause(ground.clause)}"
            )
        )
    elif (key := text_of("ground")) is not None:  # an older shop: only its key
        lines.append(_words("Ground for deletion: {0}").format(key.replace("_", " ")))
    if (reason := text_of("reason")) is not None:
        lines.append(_words("Your reason: {0}").format(reason))
    if (statement := text_of("statement")) is not None:
        lines.append(_words("Your point of view: {0}").format(statement))
    if (complaint := text_of("text")) is not None:
        lines.append(_words("Your complaint: {0}").format(complaint))
    if text_of("related_request_id"):
        lines.append(_words("It concerns an earlier request of yours."))
    if note:
        lines.append(_words("Your note: {0}").format(note))
    if not lines:
        lines.append(type_label(rtype) if rtype else "—")
    return "\n".join(lines)


# Verification methods that are a document (the shop's rights card names them).
DOCUMENT_METHODS = ("written_request", "other_proof")
DOCUMENT_TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
MAX_DOCUMENT_BYTES = 2 * 1024 * 1024


def documents_text(documents: list[IdentityDocument]) -> str:
    """Each document sent as proof of identity, with where the shop's review stands."""
    lines = []
    for document in documents:
        if document.review == "accepted":
            state = translate("RequestDetail", "accepted by the shop")
        elif document.review == "rejected":
            state = translate("RequestDetail", "not accepted: {0}").format(
                document.review_note or "—"
            )
        else:
            state = translate("RequestDetail", "waiting for the shop's review")
        lines.append(
            translate("RequestDetail", "Document {0} ({1}, sent {2}): {3}").format(
                document.filename, _size(document.size), display_text(document.uploaded_at), state
            )
        )
    return "\n".join(lines)


def _detail_table(model: Any, name: str) -> QTableView:
    view = record_table(name, model, fit_contents=True, wrap=True)
    view.setMinimumHeight(120)
    return view


class RequestDetail(QWidget):
    """Shows one tracked request; its actions run through the page's `run`."""

    changed = Signal(object)  # a TrackedRequest whose request the shop changed (cancel, verify)

    def __init__(
        self,
        run: Runner,
        api_for: Callable[[str], RequestBackend | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._run = run
        self._api_for = api_for
        self.row: TrackedRequest | None = None
        self.result: Any = None
        self._result_task: Task[Any] | None = None
        self._download: Any = None
        self._no_demo_codes: set[str] = set()
        # A verification code proves the shopper is who they say: the demo shop shows it
        # to the shopper's own sign-in only, never to an assisting agent or a guardian.
        self.codes_readable = True
        # per shop: the kinds of document its policy accepts as proof (key, words)
        self._document_methods: dict[str, list[tuple[str, str]]] = {}
        self._rights_task: Any = None
        outer = QVBoxLayout(self)
        self.placeholder = plain_label(
            self.tr("Select a request to see its timeline, result and actions.")
        )
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.placeholder)
        self.body = QWidget()
        outer.addWidget(self.body, 1)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)

        self.title = plain_label()
        self.title.setObjectName("detailTitle")
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        layout.addWidget(self.title)
        facts = QFormLayout()
        self.status = plain_label()
        self.received = plain_label()
        self.due = plain_label()
        self.filed_by = plain_label()
        facts.addRow(self.tr("Status"), self.status)
        facts.addRow(self.tr("Received"), self.received)
        facts.addRow(self.tr("Due"), self.due)
        facts.addRow(self.tr("Filed by"), self.filed_by)
        layout.addLayout(facts)

        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Request details"))
        self.details.setMaximumHeight(110)
        layout.addWidget(plain_label(self.tr("What was asked")))
        layout.addWidget(self.details)

        # --- refusal, extension, resolution ---
        self.denial_box = QGroupBox(self.tr("Refusal"))
        denial_layout = QVBoxLayout(self.denial_box)
        self.denial_reason = plain_label()
        self.denial_reason.setStyleSheet(f"color: {OVERDUE_COLOR.name()};")
        self.denial_text = plain_label()
        denial_layout.addWidget(self.denial_reason)
        denial_layout.addWidget(self.denial_text)
        layout.addWidget(self.denial_box)
        # --- a fee quoted for a repeated request: accept it, or withdraw the request ---
        self.fee_box = QGroupBox(self.tr("Fee quoted by the shop"))
        fee_layout = QVBoxLayout(self.fee_box)
        self.fee_text = plain_label()
        self.fee_text.setObjectName("feeText")
        fee_layout.addWidget(self.fee_text)
        self.fee_buttons = QWidget()
        fee_row = QHBoxLayout(self.fee_buttons)
        fee_row.setContentsMargins(0, 0, 0, 0)
        self.accept_fee_button = QPushButton(self.tr("Accept the fee…"))
        self.accept_fee_button.clicked.connect(self.accept_fee)
        self.withdraw_fee_button = QPushButton(self.tr("Withdraw the request…"))
        self.withdraw_fee_button.clicked.connect(self.withdraw_fee)
        fee_row.addWidget(self.accept_fee_button)
        fee_row.addWidget(self.withdraw_fee_button)
        fee_row.addStretch(1)
        fee_layout.addWidget(self.fee_buttons)
        layout.addWidget(self.fee_box)
        self.extension = plain_label()
        self.extension.setObjectName("extension")
        layout.addWidget(self.extension)
        self.resolution = plain_label()
        self.resolution.setObjectName("resolution")
        layout.addWidget(self.resolution)

        # --- actions ---
        self.actions_box = QWidget()
        actions = QHBoxLayout(self.actions_box)
        actions.setContentsMargins(0, 0, 0, 0)
        self.cancel_button = QPushButton(self.tr("Cancel request…"))
        self.cancel_button.clicked.connect(self.cancel_request)
        actions.addWidget(self.cancel_button)
        self.verify_box = QWidget()
        verify = QHBoxLayout(self.verify_box)
        verify.setContentsMargins(0, 0, 0, 0)
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(self.tr("Verification code"))
        self.code_edit.setAccessibleName(self.tr("Verification code"))
        self.code_edit.returnPressed.connect(self.verify)
        # a counter and a refusal past the shop's limit, never QLineEdit's silent cut
        self.code_field = LimitedText(self.code_edit, VERIFY_CODE)
        self.verify_button = QPushButton(self.tr("Verify identity"))
        self.verify_button.clicked.connect(self.verify)
        self.demo_code_button = QPushButton(self.tr("Show demo code"))
        self.demo_code_button.setFlat(True)
        self.demo_code_button.setStyleSheet("color: #1565c0; text-decoration: underline;")
        self.demo_code_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.demo_code_button.clicked.connect(self.show_demo_code)
        verify.addWidget(plain_label(self.tr("Code sent to you:"), wrap=False))
        verify.addWidget(self.code_field)
        verify.addWidget(self.verify_button)
        verify.addWidget(self.demo_code_button)
        actions.addWidget(self.verify_box)
        actions.addStretch(1)
        layout.addWidget(self.actions_box)
        # --- or verify by a document, where the shop's policy names such proof ---
        self.document_box = QWidget()
        document_row = QHBoxLayout(self.document_box)
        document_row.setContentsMargins(0, 0, 0, 0)
        document_row.addWidget(plain_label(self.tr("Or prove it with a document:"), wrap=False))
        self.document_kind = QComboBox()
        self.document_kind.setAccessibleName(self.tr("Kind of proof"))
        document_row.addWidget(self.document_kind)
        self.document_button = QPushButton(self.tr("Send a document…"))
        self.document_button.clicked.connect(self.send_document)
        document_row.addWidget(self.document_button)
        document_row.addStretch(1)
        layout.addWidget(self.document_box)
        self.documents_text = plain_label()
        self.documents_text.setObjectName("documentsText")
        layout.addWidget(self.documents_text)
        # What this shop's backend does not do (e.g. Fides: no status after verification).
        self.backend_note = plain_label()
        self.backend_note.setObjectName("backendNote")
        layout.addWidget(self.backend_note)
        self.action_message = plain_label()
        self.action_message.setObjectName("actionMessage")
        layout.addWidget(self.action_message)

        # --- result ---
        self.result_box = QGroupBox(self.tr("Result"))
        result_layout = QVBoxLayout(self.result_box)
        self.result_text = plain_label()
        self.result_text.setObjectName("resultText")
        self.result_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        result_layout.addWidget(self.result_text)
        self.receipts = receipts_model(self)
        self.receipts_view = _detail_table(self.receipts, self.tr("Deletion receipts"))
        result_layout.addWidget(self.receipts_view)
        self.download_box = QWidget()
        download = QHBoxLayout(self.download_box)
        download.setContentsMargins(0, 0, 0, 0)
        self.download_button = QPushButton(self.tr("Download archive…"))
        self.download_button.clicked.connect(self.download)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Download progress"))
        self.download_cancel = QPushButton(self.tr("Cancel download"))
        self.download_cancel.clicked.connect(self.cancel_download)
        download.addWidget(self.download_button)
        download.addWidget(self.progress, 1)
        download.addWidget(self.download_cancel)
        result_layout.addWidget(self.download_box)
        self.download_message = plain_label()
        self.download_message.setObjectName("downloadMessage")
        result_layout.addWidget(self.download_message)
        layout.addWidget(self.result_box)

        # --- timeline ---
        layout.addWidget(plain_label(self.tr("Timeline")))
        self.timeline = timeline_model(self)
        self.timeline_view = _detail_table(self.timeline, self.tr("Timeline"))
        layout.addWidget(self.timeline_view)
        layout.addStretch(1)
        self.show_row(None)

    # --- showing ------------------------------------------------------------------------------
    def show_row(self, row: TrackedRequest | None) -> None:
        same = row is not None and self.row is not None and row.key == self.row.key
        previous = self.row
        self.row = row
        self.placeholder.setVisible(row is None)
        self.body.setVisible(row is not None)
        if row is None:
            return
        request = row.request
        self.title.setText(f"{request_title(request.summary, request.type)} · {row.shop_name}")
        self.status.setText(status_label(request.status))
        self.received.setText(display_text(request.received_at))
        self.due.setText(due_text(request))
        self.due.setStyleSheet(
            f"color: {OVERDUE_COLOR.name()}; font-weight: bold;" if is_overdue(request) else ""
        )
        self.filed_by.setText(filed_by_text(request))
        self.details.setPlainText(
            details_text(
                request.details,
                request.note,
                request.type,
                request.summary,
                request.deletion_ground,
            )
        )
        if request.fee is not None:
            self.fee_text.setText(fee_text(request.fee))
        self.fee_box.setVisible(request.fee is not None)
        self.fee_buttons.setVisible(request.fee_to_answer)
        if request.denial is not None:
            self.denial_reason.setText(denial_ground_text(request.denial))
            self.denial_text.setText(request.denial.text)
            self.denial_text.setVisible(bool(request.denial.text))
        self.denial_box.setVisible(request.denial is not None)
        if request.extension is not None:
            self.extension.setText(
                self.tr("Extended: {0} (originally due {1})").format(
                    request.extension.reason, local_day(request.extension.original_due_at)
                )
            )
        self.extension.setVisible(request.extension is not None)
        self.resolution.setText(
            self.tr("Resolution: {0}").format(request.resolution) if request.resolution else ""
        )
        self.resolution.setVisible(bool(request.resolution) and request.denial is None)
        backend = self._api_for(row.shop_id)
        caps = backend.capabilities if backend is not None else None
        # with a fee to answer, "Withdraw the request" is the way to cancel
        cancelable = (
            request.cancelable
            and not request.fee_to_answer
            and (caps is None or caps.cancel_requests)
        )
        self.cancel_button.setVisible(cancelable)
        unverified = request.status == "identity_unverified"
        self.verify_box.setVisible(unverified)
        self.demo_code_button.setVisible(
            unverified
            and self.codes_readable
            and row.shop_id not in self._no_demo_codes
            and (caps is None or caps.kind != "fides")
        )
        self.actions_box.setVisible(cancelable or unverified)
        self.documents_text.setText(documents_text(request.identity_documents))
        self.documents_text.setVisible(bool(request.identity_documents))
        self._show_document_choice(row, unverified and (caps is None or caps.kind != "fides"))
        notes = []
        if caps is not None and unverified:
            notes.append(code_rules_text(caps, request.filed_by.name))
        if caps is not None and not caps.subject_status and not request.is_final:
            notes.append(no_status_text())
        self.backend_note.setText("\n".join(n for n in notes if n))
        self.backend_note.setVisible(any(notes))
        if not same:
            self.code_edit.clear()
            self.action_message.setText("")
        self.timeline.set_rows(request.timeline)
        self.timeline_view.resizeRowsToContents()
        changed_result = not same or previous is None or previous.request.status != request.status
        if changed_result:
            self._show_result_area(row)

    def _show_document_choice(self, row: TrackedRequest, wanted: bool) -> None:
        """Offer "send a document" when the request waits for verification and the shop's
        policy names a document as proof (learnt from its rights card, once per shop)."""
        methods = self._document_methods.get(row.shop_id)
        self.document_box.setVisible(wanted and bool(methods))
        if wanted and methods:
            if [self.document_kind.itemData(i) for i in range(self.document_kind.count())] != [
                key for key, _text in methods
            ]:
                self.document_kind.clear()
                for key, text in methods:
                    self.document_kind.addItem(text, key)
            return
        if not wanted or methods is not None or self._rights_task is not None:
            return
        api = self._api_for(row.shop_id)
        if api is None:
            return
        shop_id = row.shop_id

        def done(card: Any) -> None:
            self._rights_task = None
            self._document_methods[shop_id] = [
                (t.key, t.text) for t in card.verification if t.key in DOCUMENT_METHODS
            ]
            if self.row is not None and self.row.shop_id == shop_id:
                self.show_row(self.row)

        def failed(_error: BaseException) -> None:
            self._rights_task = None
            self._document_methods[shop_id] = []  # no card: codes only

        self._rights_task = self._run(lambda _c: api.get_rights(), done, failed)

    def _show_result_area(self, row: TrackedRequest) -> None:
        request = row.request
        if self._result_task is not None:
            self._result_task.cancel()
            self._result_task = None
        if self._download is None:
            self.download_message.setText("")
        self.result = None
        self.result_text.setText("")
        self.receipts.set_rows([])
        self.receipts_view.hide()
        summary = request.result
        available = request.status == "completed" and summary.available
        self.result_box.setVisible(available)
        self.download_box.setVisible(available and summary.kind == "archive")
        downloading = self._download is not None
        self.progress.setVisible(downloading)
        self.download_cancel.setVisible(downloading)
        self.download_button.setEnabled(not downloading)
        if not available:
            return
        if summary.kind == "archive":
            size = summary.size or 0
            self.result_text.setText(self.tr("Your archive is ready ({0}).").format(_size(size)))
            return
        self.result_text.setText(self.tr("Loading the result…"))
        api = self._api_for(row.shop_id)
        if api is None:
            self.result_text.setText(self.tr("Sign in to this shop to see the result."))
            return
        key = row.key

        def done(result: Any) -> None:
            self._result_task = None
            if self.row is not None and self.row.key == key:
                self.present_result(result)

        def failed(error: BaseException) -> None:
            self._result_task = None
            if self.row is not None and self.row.key == key:
                self.result_text.setText(user_message(error))

        request_id = request.id
        self._result_task = self._run(lambda _c: api.get_request_result(request_id), done, failed)

    def present_result(self, result: Any) -> None:
        self.result = result
        if isinstance(result, ExplanationResult):
            factors = "\n".join("  " + line for line in factor_lines(result.main_factors))
            used = [input_link(name)[0] for name in result.inputs]
            text = "\n".join(
                [
                    self.tr("Decision: {0} by {1} on {2}").format(
                        result.outcome, result.system, display_text(result.decided_at)
                    ),
                    self.tr("Significance: {0}").format(significance_text(result.significance)),
                    self.tr("Main factors:"),
                    factors,
                    self.tr("Data used: {0}").format(join_list(used)),
                    self.tr("Model version: {0}").format(result.model_version),
                    contest_text(result.human_review_available),
                ]
            )
            self.result_text.setText(text)
        elif isinstance(result, DeletionResult):
            deleted = join_list(
                [
                    self.tr("{0} ({1})").format(category_label(key), format_count(count))
                    for key, count in result.deleted.items()
                ]
            )
            lines = [
                self.tr("Deleted: {0}").format(deleted if result.deleted else self.tr("nothing"))
            ]
            for key, why in result.retained.items():
                lines.append(self.tr("Kept: {0} — {1}").format(category_label(key), why))
            if result.receipts:
                lines.append(self.tr("Partners that received the data:"))
            else:
                lines.append(self.tr("No partner had received this data."))
            self.result_text.setText("\n".join(lines))
            self.receipts.set_rows(result.receipts)
            self.receipts_view.setVisible(bool(result.receipts))
            self.receipts_view.resizeRowsToContents()
        elif isinstance(result, CorrectionResult):
            self.result_text.setText(
                self.tr("{0} corrected on {1}\nBefore: {2}\nAfter:  {3}").format(
                    field_text(result.field),
                    display_text(result.applied_at),
                    result.before or "—",
                    result.after or "—",
                )
            )
        elif isinstance(result, AnswerResult):
            self.result_text.setText(
                self.tr("Answer from {0} on {1}:\n{2}").format(
                    result.decided_by, display_text(result.decided_at), result.answer
                )
            )
        elif isinstance(result, ConsentWithdrawalResult):
            lines = [self.tr("Consents withdrawn, with signed receipts:")]
            lines += [
                f"  • {purpose_label(r.purpose)} ({format_datetime(parse_rfc3339(r.at))})"
                for r in result.receipts
            ]
            self.result_text.setText("\n".join(lines))
        else:
            self.result_text.setText("")

    # --- actions ------------------------------------------------------------------------------
    def confirm(self, title: str, text: str) -> bool:
        box = plain_message_box(
            self,
            QMessageBox.Icon.Question,
            title,
            text,
            buttons=(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No),
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _act(
        self,
        work: Callable[[RequestBackend, str], PrivacyRequest],
        message: str,
        buttons: list[QPushButton],
    ) -> None:
        row = self.row
        if row is None:
            return
        api = self._api_for(row.shop_id)
        if api is None:
            self.action_message.setText(self.tr("Sign in to this shop first."))
            return
        for button in buttons:
            button.setEnabled(False)
        request_id = row.request.id

        def done(request: PrivacyRequest) -> None:
            for button in buttons:
                button.setEnabled(True)
            updated = TrackedRequest(row.shop_id, row.shop_name, request)
            self.changed.emit(updated)
            if self.row is not None and self.row.key == row.key:
                self.show_row(updated)
                self.action_message.setText(message)

        def failed(error: BaseException) -> None:
            for button in buttons:
                button.setEnabled(True)
            if self.row is not None and self.row.key == row.key:
                self.action_message.setText(user_message(error))

        self._run(lambda _c: work(api, request_id), done, failed)

    def cancel_request(self) -> None:
        if self.row is None or not self.row.request.cancelable:
            return
        if not self.confirm(
            self.tr("Cancel request"),
            self.tr("Cancel this request ({0})? The shop stops working on it.").format(
                type_label(self.row.request.type)
            ),
        ):
            return
        self._act(
            lambda api, rid: api.cancel_request(rid),
            self.tr("The request was canceled."),
            [self.cancel_button],
        )

    def accept_fee(self) -> None:
        row = self.row
        if row is None or not row.request.fee_to_answer or row.request.fee is None:
            return
        if not self.confirm(
            self.tr("Accept the fee"),
            self.tr(
                "Accept the fee the shop quoted and let it go on with the request?\n\n{0}"
            ).format(fee_text(row.request.fee)),
        ):
            return
        self._act(
            lambda api, rid: api.answer_fee(rid, True),
            self.tr("You accepted the fee; the shop goes on with the request."),
            [self.accept_fee_button, self.withdraw_fee_button],
        )

    def withdraw_fee(self) -> None:
        row = self.row
        if row is None or not row.request.fee_to_answer:
            return
        if not self.confirm(
            self.tr("Withdraw the request"),
            self.tr("Withdraw this request rather than pay the fee? The shop will not answer it."),
        ):
            return
        self._act(
            lambda api, rid: api.answer_fee(rid, False),
            self.tr("The request was withdrawn; no fee is due."),
            [self.accept_fee_button, self.withdraw_fee_button],
        )

    def verify(self) -> None:
        code = self.code_edit.text().strip()
        if not code:
            self.action_message.setText(self.tr("Enter the code the shop sent you."))
            return
        too_long = self.code_field.problem()
        if too_long:
            self.action_message.setText(too_long)
            return
        self._act(
            lambda api, rid: api.verify_request(rid, code),
            self.tr("Thank you: your identity is verified."),
            [self.verify_button],
        )

    def show_demo_code(self) -> None:
        row = self.row
        if row is None:
            return
        api = self._api_for(row.shop_id)
        if api is None:
            return
        request_id = row.request.id

        def done(demo: Any) -> None:
            if self.row is not None and self.row.key == row.key:
                self.code_edit.setText(demo.code)
                self.action_message.setText(self.tr("Demo code: {0}").format(demo.code))

        def failed(error: BaseException) -> None:
            if isinstance(error, NotFound):
                self._no_demo_codes.add(row.shop_id)
                self.demo_code_button.hide()
                self.action_message.setText(
                    self.tr("This shop sends real codes only; look for it in your messages.")
                )
            else:
                self.action_message.setText(user_message(error))

        self._run(lambda _c: api.get_demo_verification_code(request_id), done, failed)

    # --- proving identity with a document ----------------------------------------------------
    def choose_document_path(self) -> str:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the signed request or proof of identity"),
            str(Path.home()),
            self.tr("PDF or image (*.pdf *.png *.jpg *.jpeg)"),
        )
        return path

    def send_document(self) -> None:
        row = self.row
        if row is None or row.request.status != "identity_unverified":
            return
        kind = self.document_kind.currentData()
        if not isinstance(kind, str):
            return
        path = self.choose_document_path()
        if not path:
            return
        name = Path(path).name
        too_big = self.tr("The file is larger than the 2 MiB the shop accepts.")
        not_a_document = self.tr("Choose a PDF, PNG or JPEG file.")

        def work(api: RequestBackend, rid: str) -> PrivacyRequest:
            # Runs on the worker thread: the file is read there, never on the UI thread.
            media = DOCUMENT_TYPES.get(Path(path).suffix.lower())
            if media is None:
                raise ValidationFailed(not_a_document, detail=not_a_document)
            source = Path(path)
            # checked before reading: a large file is neither read nor sent
            if source.stat().st_size > MAX_DOCUMENT_BYTES:
                raise ValidationFailed(too_big, detail=too_big)
            content = source.read_bytes()
            return api.upload_identity_document(
                rid, content, media_type=media, kind=kind, filename=name
            )

        self._act(
            work,
            self.tr("Sent: {0}. The shop reviews it and then goes on with the request.").format(
                name
            ),
            [self.document_button],
        )

    # --- the archive --------------------------------------------------------------------------
    def choose_save_path(self, suggested: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the archive"),
            str(Path.home() / suggested),
            self.tr("ZIP archives (*.zip)"),
        )
        return path

    def download(self) -> None:
        row = self.row
        if row is None or self._download is not None:
            return
        api = self._api_for(row.shop_id)
        if api is None:
            self.download_message.setText(self.tr("Sign in to this shop first."))
            return
        path = self.choose_save_path(f"{row.shop_id}-request-{row.request.id}.pdarchive.zip")
        if not path:
            return
        request_id = row.request.id
        self.progress.setRange(0, 0)
        self.progress.setValue(0)
        self.progress.show()
        self.download_cancel.show()
        self.download_button.setEnabled(False)
        self.download_message.setText(self.tr("Downloading…"))

        def work(control: Any) -> DownloadedArchive:
            return api.download_result(
                request_id,
                path,
                progress=lambda done, total: control.report(done, total or 0),
                cancel=lambda: control.cancelled,
            )

        def progress(done: int, total: int) -> None:
            if total > 0:
                self.progress.setRange(0, 1000)
                self.progress.setValue(int(done * 1000 / total))
                self.progress.setFormat(f"{_size(done)} / {_size(total)}")
            else:
                self.progress.setRange(0, 0)

        def finished() -> None:
            self._download = None
            self.progress.hide()
            self.download_cancel.hide()
            self.download_button.setEnabled(True)

        def done(archive: DownloadedArchive) -> None:
            finished()
            self.progress.setValue(self.progress.maximum())
            resumed = (
                self.tr(" (resumed at {0})").format(_size(archive.resumed_from))
                if archive.resumed_from
                else ""
            )
            self.download_message.setText(
                self.tr("Saved to {0}{1}. Checksum verified: SHA-256 {2}").format(
                    archive.path, resumed, archive.sha256
                )
            )
            self.last_download = archive

        def failed(error: BaseException) -> None:
            finished()
            self.download_message.setText(user_message(error))

        self._download = self._run(work, done, failed, on_progress=progress)

    def cancel_download(self) -> None:
        if self._download is None:
            return
        self._download.cancel()
        self._download = None
        self.progress.hide()
        self.download_cancel.hide()
        self.download_button.setEnabled(True)
        self.download_message.setText(
            self.tr("Download canceled. Start it again to continue where it stopped.")
        )


def _size(count: int) -> str:
    return format_size(count)
