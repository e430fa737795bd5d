"""Automated decisions: what the shop's systems decided about you, why, and how to contest it.

The table lists every decision; the panel beside it shows the selected one in full (model
version, the data it used, the factors and their weights, the related order) and files an
`explanation` or `human_review` request for it. Agents in assist mode may file these too.
Once an explanation request is completed, its explanation is shown in the panel.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from client.errors import ApiError
from client.filing import FilingKeys, Queued
from client.limits import REVIEW_STATEMENT
from client.models.orders import Decision, DecisionDetail
from client.models.requests import CreatedRequest, ExplanationResult, PrivacyRequest
from ui.errors import user_message
from ui.formats import join_list
from ui.models.columns import RAW_ROLE, display_text
from ui.models.decisions import (
    DECISION_COLUMNS,
    FACTOR_COLUMNS,
    WeightBarDelegate,
    factor_name,
    input_link,
    kind_text,
    percent_text,
    significance_text,
    status_text,
    weighted_factors,
)
from ui.models.proxies import sorted_proxy
from ui.models.record_table import RecordTableModel
from ui.pages.base import DataPage, newest
from ui.session import ActiveView
from ui.tasks import Task, TaskControl
from ui.widgets.limited_text import LimitedText
from ui.widgets.load_state import plain_label
from ui.widgets.tables import fit_columns, record_table

REQUEST_TYPES = ("explanation", "human_review")
DECISIONS_CAP = 2000  # listed at most; more say so
ALERT_STYLE = "color: #c62828;"
MUTED_STYLE = "color: palette(mid);"


@dataclass
class DecisionsData:
    decisions: list[Decision]
    # decision id → request type → the newest request of that type about it
    requests: dict[str, dict[str, PrivacyRequest]] = field(default_factory=dict)
    more: bool = False  # the shop holds more than were listed


@dataclass(frozen=True)
class DecisionExtras:
    """What the panel loads for one decision: the full record, the order, the explanation."""

    detail: DecisionDetail
    order_number: str | None
    explanation: ExplanationResult | None
    explanation_error: str | None = None


def _bold(label: QLabel) -> QLabel:
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class DecisionsPage(DataPage[DecisionsData]):
    page_id = "decisions"
    icon_name = "decisions"

    def title(self) -> str:
        return self.tr("Automated decisions")

    def empty_message(self) -> str:
        return self.tr("No automated decision has affected you at this shop.")

    # --- widgets ----------------------------------------------------------------------------
    def build(self, content: QWidget) -> None:
        self.data = DecisionsData([])
        self._detail_task: Task[DecisionExtras] | None = None
        self._filing: set[str] = set()
        self._queued: set[str] = set()  # filed into the outbox during this view
        # One key per pressed request until the shop answers (see client.filing).
        self._keys = FilingKeys()
        self.current: DecisionExtras | None = None
        # "Your point of view" belongs to one decision: what was typed for each, kept while
        # another is shown, and the decision the box shows now.
        self._statements: dict[str, str] = {}
        self._statement_for: str | None = None

        layout = QVBoxLayout(content)
        layout.setContentsMargins(16, 4, 16, 12)
        intro = plain_label(
            self.tr(
                "Decisions the shop's systems made about you without a person deciding. You can "
                "ask how a decision was made, and ask a person to review it."
            )
        )
        layout.addWidget(intro)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        layout.addWidget(splitter, 1)

        self.model: RecordTableModel[Decision] = RecordTableModel(DECISION_COLUMNS, self)
        self.proxy = sorted_proxy(self.model, self)
        self.table = record_table(self.tr("Automated decisions"), self.proxy, sortable=True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        splitter.addWidget(self.table)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        panel = QWidget()
        scroll.setWidget(panel)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([3, 2])  # the explanation pane gets its share from the start
        self._build_panel(panel)

    def _build_panel(self, panel: QWidget) -> None:
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(12, 0, 0, 0)
        self.placeholder = plain_label(self.tr("Choose a decision to see how it was made."))
        layout.addWidget(self.placeholder)
        self.detail_box = QWidget()
        box = QVBoxLayout(self.detail_box)
        box.setContentsMargins(0, 0, 0, 0)
        self.system_label = _bold(plain_label())
        self.system_label.setObjectName("decisionSystem")
        self.outcome_label = plain_label()
        self.outcome_label.setObjectName("decisionOutcome")
        self.facts_label = plain_label()
        self.model_label = plain_label()
        self.inputs_label = plain_label()
        # One link-like button per input that a page of the app shows; clicking opens it.
        self.inputs_box = QWidget()
        self.inputs_box.setObjectName("decisionInputs")
        self._inputs_layout = QVBoxLayout(self.inputs_box)
        self._inputs_layout.setContentsMargins(12, 0, 0, 0)
        self._inputs_layout.setSpacing(0)
        self.input_buttons: list[QPushButton] = []
        self.order_label = plain_label()
        self.order_button = QPushButton(self.tr("Show orders"))
        self.order_button.clicked.connect(lambda: self.navigate.emit("orders"))
        self.detail_error = plain_label()
        self.detail_error.setStyleSheet(ALERT_STYLE)
        self.detail_error.hide()
        for widget in (
            self.system_label,
            self.outcome_label,
            self.facts_label,
            self.model_label,
            self.inputs_label,
            self.inputs_box,
        ):
            box.addWidget(widget)
        order_row = QHBoxLayout()
        order_row.addWidget(self.order_label, 1)
        order_row.addWidget(self.order_button)
        box.addLayout(order_row)
        box.addWidget(self.detail_error)

        box.addWidget(_bold(plain_label(self.tr("Factors and their weight"))))
        self.factor_model: RecordTableModel[Any] = RecordTableModel(FACTOR_COLUMNS, self)
        self.factor_table = QTableView()
        self.factor_table.setAccessibleName(self.tr("Factors and their weight"))
        self.factor_table.setModel(self.factor_model)
        self.factor_table.setItemDelegateForColumn(1, WeightBarDelegate(self.factor_table))
        self.factor_table.verticalHeader().setVisible(False)
        self.factor_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.factor_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        fit_columns(self.factor_table, stretch=1)
        box.addWidget(self.factor_table)

        # requests about this decision
        self.actions_box = actions = QGroupBox(self.tr("Question this decision"))
        actions_layout = QVBoxLayout(actions)
        self.request_status = plain_label()
        self.request_status.setObjectName("decisionRequests")
        actions_layout.addWidget(self.request_status)
        self.statement = QPlainTextEdit()
        self.statement.setPlaceholderText(
            self.tr("For a human review: your point of view (optional)")
        )
        self.statement.setAccessibleName(self.tr("Your point of view for the human review"))
        self.statement.setMaximumHeight(70)
        self.statement_field = LimitedText(self.statement, REVIEW_STATEMENT)
        actions_layout.addWidget(self.statement_field)
        buttons = QHBoxLayout()
        self.explain_button = QPushButton(self.tr("Ask for an explanation"))
        self.explain_button.clicked.connect(lambda: self.file_request("explanation"))
        self.review_button = QPushButton(self.tr("Ask for human review"))
        self.review_button.clicked.connect(lambda: self.file_request("human_review"))
        buttons.addWidget(self.explain_button)
        buttons.addWidget(self.review_button)
        buttons.addStretch(1)
        actions_layout.addLayout(buttons)
        self.filed_label = plain_label()
        self.filed_label.setObjectName("filedMessage")
        self.open_requests_button = QPushButton(self.tr("Open the Requests page"))
        self.open_requests_button.clicked.connect(lambda: self.navigate.emit("requests"))
        filed_row = QHBoxLayout()
        filed_row.addWidget(self.filed_label, 1)
        filed_row.addWidget(self.open_requests_button)
        actions_layout.addLayout(filed_row)
        self.filed_label.hide()
        self.open_requests_button.hide()
        box.addWidget(actions)

        # the explanation, once the shop answered
        self.explanation_box = QGroupBox(self.tr("The shop's explanation"))
        explanation_layout = QVBoxLayout(self.explanation_box)
        self.explanation_outcome = plain_label()
        self.explanation_factors = plain_label()
        self.explanation_factors.setObjectName("explanationFactors")
        self.explanation_inputs = plain_label()
        self.explanation_model = plain_label()
        self.explanation_contest = plain_label()
        self.explanation_contest.setObjectName("howToContest")
        for widget in (
            self.explanation_outcome,
            self.explanation_factors,
            self.explanation_inputs,
            self.explanation_model,
            self.explanation_contest,
        ):
            widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            explanation_layout.addWidget(widget)
        self.explanation_box.hide()
        box.addWidget(self.explanation_box)
        box.addStretch(1)
        layout.addWidget(self.detail_box)
        layout.addStretch(1)
        self.detail_box.hide()

    # --- loading ----------------------------------------------------------------------------
    def fetch(self, view: ActiveView) -> DecisionsData:
        api = view.api
        decisions, more = newest(api.list_decisions(limit=200).auto_paging_iter(), DECISIONS_CAP)
        # The shop joins requests to decisions (the newest of each type per decision).
        related: dict[str, dict[str, PrivacyRequest]] = {}
        for found in api.list_decision_requests():
            related.setdefault(found.decision_id, {})[found.type] = found.request
        return DecisionsData(decisions, related, more)

    def set_view(self, view: ActiveView | None) -> None:
        self._queued.clear()
        self._statements.clear()  # another account's decisions
        self._statement_for = None
        self.statement.clear()
        super().set_view(view)

    def present(self, data: DecisionsData) -> bool:
        if data.more:
            self.show_capped(len(data.decisions))
        # Agents in assist mode may file these requests; an opened archive cannot.
        self.actions_box.setVisible(self.view is not None and self.view.archive is None)
        previous = self.selected_decision()
        self.data = data
        self.model.set_rows(data.decisions)
        if not data.decisions:
            self._show_detail(None)
            return False
        # the detail pane repeats these: they give way first when the window is narrow
        fit_columns(self.table, stretch=3, optional=(4, 2, 1))
        wanted = previous.id if previous is not None else None
        row = next(
            (
                r
                for r in range(self.proxy.rowCount())
                if self.proxy.index(r, 0).data(RAW_ROLE).id == wanted
            ),
            0,
        )
        self.table.selectRow(row)
        return True

    def selected_decision(self) -> Decision | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        record = rows[0].data(RAW_ROLE)
        return record if isinstance(record, Decision) else None

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._load_detail(self.selected_decision())

    def _show_statement_of(self, decision: Decision | None) -> None:
        """Keep what was typed for the decision shown so far; show what belongs to `decision`."""
        wanted = decision.id if decision is not None else None
        if wanted == self._statement_for:
            return
        if self._statement_for is not None:
            text = self.statement.toPlainText()
            if text.strip():
                self._statements[self._statement_for] = text
            else:
                self._statements.pop(self._statement_for, None)
        self._statement_for = wanted
        self.statement.setPlainText(self._statements.get(wanted, "") if wanted else "")

    def _statement_filed(self, decision_id: str, statement: str) -> None:
        """The statement went with a request: clear it where it still says just that."""
        if self._statement_for == decision_id:
            if self.statement.toPlainText().strip() == statement:
                self.statement.clear()
        elif self._statements.get(decision_id, "").strip() == statement:
            self._statements.pop(decision_id, None)

    def _load_detail(self, decision: Decision | None) -> None:
        self._show_statement_of(decision)
        if self._detail_task is not None:
            self._detail_task.cancel()
            self._detail_task = None
        self.filed_label.hide()
        self.open_requests_button.hide()
        if decision is None or self.view is None:
            self._show_detail(None)
            return
        api, results = self.view.api, self.view.requests
        explanation = self.data.requests.get(decision.id, {}).get("explanation")
        completed_id = explanation.id if explanation and explanation.status == "completed" else None

        def work(_control: TaskControl) -> DecisionExtras:
            detail = api.get_decision(decision.id)
            number = None
            if detail.order_id:
                try:
                    number = api.get_order(detail.order_id).number
                except ApiError:
                    number = None  # the order record may have been removed
            result = None
            problem = None
            if completed_id is not None:
                try:
                    answer = results.get_request_result(completed_id)
                except ApiError as exc:
                    problem = user_message(exc)
                else:
                    result = answer if isinstance(answer, ExplanationResult) else None
            return DecisionExtras(detail, number, result, problem)

        def done(extras: DecisionExtras) -> None:
            self._detail_task = None
            self._show_detail(extras)

        def failed(error: BaseException) -> None:
            self._detail_task = None
            self._show_basic(decision)
            self.detail_error.setText(
                self.tr("The full record could not be loaded: {0}").format(user_message(error))
            )
            self.detail_error.show()

        self._show_basic(decision)
        self._detail_task = self.run(work, done, failed)

    # --- the panel --------------------------------------------------------------------------
    def _show_basic(self, decision: Decision) -> None:
        """What the list already knows, while the full record loads."""
        self.placeholder.hide()
        self.detail_box.show()
        self.detail_error.hide()
        self.system_label.setText(decision.system)
        self.outcome_label.setText(decision.outcome)
        self.facts_label.setText(
            self.tr("{0} · significance: {1} · {2}").format(
                kind_text(decision.kind),
                significance_text(decision.significance),
                display_text(decision.at),
            )
        )
        self.model_label.setText(
            self.tr("Model version: {0}").format(decision.model_version or "—")
        )
        self.inputs_label.setText("")
        self._set_inputs([])
        # The order number arrives with the full record; a raw id means nothing to a shopper.
        self.order_label.setText(
            self.tr("Related to one of your orders.")
            if decision.order_id
            else self.tr("No related order.")
        )
        self.order_button.setVisible(bool(decision.order_id))
        self.factor_model.set_rows([])
        self.explanation_box.hide()
        self._update_request_state(decision)

    def _show_detail(self, extras: DecisionExtras | None) -> None:
        self.current = extras
        if extras is None:
            self.detail_box.hide()
            self.placeholder.show()
            return
        detail = extras.detail
        self._show_basic(detail)
        self.inputs_label.setText(
            self.tr("Data it used:") if detail.inputs else self.tr("Data it used: none recorded")
        )
        self._set_inputs(detail.inputs)
        if detail.order_id:
            self.order_label.setText(
                self.tr("Related order: {0}").format(extras.order_number)
                if extras.order_number
                else self.tr("Related to an order that is no longer shown.")
            )
        factors = weighted_factors(detail.factors)
        self.factor_model.set_rows(factors)
        rows_height = sum(self.factor_table.rowHeight(r) for r in range(len(factors)))
        self.factor_table.setFixedHeight(
            self.factor_table.horizontalHeader().height() + rows_height + 4
        )
        if extras.explanation is not None:
            self._show_explanation(extras.explanation)
        elif extras.explanation_error:
            self.detail_error.setText(
                self.tr("The explanation could not be loaded: {0}").format(extras.explanation_error)
            )
            self.detail_error.show()

    def _set_inputs(self, inputs: list[str]) -> None:
        """One line per input: a link-like button to the page showing it, else plain words."""
        while self._inputs_layout.count():
            item = self._inputs_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.input_buttons = []
        for name in inputs:
            words, page_id = input_link(name)
            if page_id is None:
                self._inputs_layout.addWidget(plain_label(f"• {words}"))
                continue
            button = QPushButton(f"• {words}".replace("&", "&&"))  # a literal "&", no shortcut
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setStyleSheet(
                "QPushButton { text-align: left; color: palette(link); border: none;"
                " text-decoration: underline; padding: 1px 0; }"
            )
            button.setToolTip(self.tr("Open the page that shows this data"))
            button.setAccessibleName(words)
            button.setProperty("page_id", page_id)
            button.clicked.connect(lambda _checked=False, p=page_id: self.navigate.emit(p))
            self._inputs_layout.addWidget(button)
            self.input_buttons.append(button)
        self.inputs_box.setVisible(bool(inputs))

    def _show_explanation(self, result: ExplanationResult) -> None:
        self.explanation_outcome.setText(
            self.tr("What was decided: {0} ({1}, {2})").format(
                result.outcome, kind_text(result.decision_kind), display_text(result.decided_at)
            )
        )
        lines = [self.tr("How much each factor weighed:")]
        lines += [
            f"• {f.label or factor_name(f.factor)} — {percent_text(share)}"
            for f, share in weighted_factors(result.main_factors)
        ] or ["• —"]
        self.explanation_factors.setText("\n".join(lines))
        used = [input_link(name)[0] for name in result.inputs]
        self.explanation_inputs.setText(
            self.tr("Which of your data it used: {0}").format(
                join_list(used) if used else self.tr("none recorded")
            )
        )
        self.explanation_model.setText(
            self.tr("System: {0} · model version {1}").format(
                result.system, result.model_version or "—"
            )
        )
        # Phrased by the app in the shopper's language: the shop's own text names request
        # types by their API codes.
        contest = self.tr(
            "How to contest it: if you think this decision is wrong, press “Ask for human "
            "review” above and say why. A person at the shop looks at it again, can change "
            "the outcome and answers in writing. You can also complain to the shop's privacy "
            "contact or to the regulator."
        )
        if not result.human_review_available:
            contest = self.tr(
                "How to contest it: this shop does not offer a review by a person for this "
                "decision; you can complain to the shop's privacy contact or to the regulator."
            )
        self.explanation_contest.setText(contest)
        self.explanation_box.show()

    def _update_request_state(self, decision: Decision) -> None:
        about = self.data.requests.get(decision.id, {})
        lines = []
        names = {
            "explanation": self.tr("Explanation requested on {0}: {1}"),
            "human_review": self.tr("Human review requested on {0}: {1}"),
        }
        for rtype in REQUEST_TYPES:
            request = about.get(rtype)
            if request is not None:
                lines.append(
                    names[rtype].format(
                        display_text(request.received_at), status_text(request.status)
                    )
                )
        self.request_status.setText(
            "\n".join(lines) or self.tr("You have not asked about this decision yet.")
        )
        for rtype, button in (
            ("explanation", self.explain_button),
            ("human_review", self.review_button),
        ):
            request = about.get(rtype)
            open_request = request is not None and not request.is_final
            busy = f"{rtype}:{decision.id}" in self._filing
            # Queued in the outbox: pressing again would file a second request.
            queued = f"{rtype}:{decision.id}" in self._queued
            button.setEnabled(not open_request and not busy and not queued)
            button.setToolTip(
                self.tr("A request of this kind is already open.") if open_request else ""
            )

    # --- filing -----------------------------------------------------------------------------
    def file_request(self, rtype: str) -> None:
        decision = self.selected_decision()
        view = self.view
        if decision is None or view is None or view.archive is not None:
            return
        if rtype == "human_review" and self.statement_field.problem():
            return  # too long: said under the field; nothing is cut and nothing sent
        details: dict[str, str] = {"decision_id": decision.id}
        statement = self.statement.toPlainText().strip()
        if rtype == "human_review" and statement:
            details["statement"] = statement
        filing = self._keys.filing(rtype, details)
        busy = f"{rtype}:{decision.id}"
        self._filing.add(busy)
        self._update_request_state(decision)
        filer = self.context.session.request_filer(view)

        def work(_control: TaskControl) -> CreatedRequest | Queued:
            return filer.file(filing)

        def done(outcome: CreatedRequest | Queued) -> None:
            self._keys.settle(filing)
            self._filing.discard(busy)
            if isinstance(outcome, Queued):
                self.context.session.outbox_changed.emit()
                self._queued.add(busy)
                if rtype == "human_review":
                    self._statement_filed(decision.id, statement)
                shown = self.selected_decision()
                if shown is not None and shown.id == decision.id:
                    self._update_request_state(decision)
                    self.filed_label.setText(
                        self.tr(
                            "The shop cannot be reached. Your request is kept in the outbox and "
                            "will be sent once the shop is back; follow it on the Requests page."
                        )
                    )
                    self.filed_label.setStyleSheet("")
                    self.filed_label.show()
                    self.open_requests_button.show()
                self.context.notify(self.tr("Request kept in the outbox."))
                return
            request = outcome.request
            self.data.requests.setdefault(decision.id, {})[rtype] = request
            if rtype == "human_review":
                self._statement_filed(decision.id, statement)
            shown = self.selected_decision()
            if shown is not None and shown.id == decision.id:
                self._update_request_state(decision)
                self.filed_label.setText(
                    self.tr(
                        "Your request was filed. The shop must answer by {0}; follow it on the "
                        "Requests page."
                    ).format(display_text(request.due_at))
                )
                self.filed_label.setStyleSheet("")
                self.filed_label.show()
                self.open_requests_button.show()
            self.context.notify(self.tr("Request filed."))

        def failed(error: BaseException) -> None:
            self._filing.discard(busy)
            # The shop answered (a refusal, a validation error): the key is spent. Without an
            # answer (no connection, a server failure) the same key re-sends the same request.
            self._keys.settle(filing, error)
            shown = self.selected_decision()
            if shown is None or shown.id != decision.id:
                # Said about another decision than the one on screen: the Requests page and
                # the status bar carry it; the panel stays about what it shows.
                self.context.notify(
                    self.tr("The request was not filed: {0}").format(user_message(error))
                )
                return
            self._update_request_state(decision)
            self.filed_label.setText(
                self.tr("The request was not filed: {0}").format(user_message(error))
            )
            self.filed_label.setStyleSheet(ALERT_STYLE)
            self.filed_label.show()
            self.open_requests_button.hide()

        self.run(work, done, failed)
