"""Consents & subscriptions: purposes with their legal basis, signed receipts, history,
marketing channels and the cookie inventory.

In assist mode (`view.can_change` False) no switch exists: states are shown as text. A shop that
runs Ethyca Fides gets `FidesConsentsPanel` instead of the tabs (consent by code, no receipts).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from client.backends.fides import ConsentChange as FidesChange
from client.models.consents import CHANNELS, Channel, Consent, ConsentChange, Cookie, Subscription
from client.models.guardians import GuardianRule
from client.verify import SignatureResult, load_public_keys, verify_consent_receipt
from ui.errors import user_message
from ui.formats import join_list
from ui.models.columns import display_text
from ui.pages.base import DataPage
from ui.pages.consents_fides import FidesConsentsPanel
from ui.pages.consents_models import (
    COOKIE_GROUP_COLUMNS,
    HistoryModel,
    HistoryRow,
    PurposeTitles,
    cookie_model,
    receipt_reference,
)
from ui.session import ActiveView
from ui.tasks import TaskControl
from ui.terms.consents import (
    channel_text,
    given_text,
    legal_basis_text,
    localized_title,
    verified_text,
)
from ui.terms.policy_records import refusal_text, transfer_text
from ui.widgets.load_state import plain_label
from ui.widgets.tables import fit_columns, record_table

HISTORY_PAGE_SIZE = 50
ALERT_STYLE = "color: #c62828; font-weight: 600;"
OK_STYLE = "color: #2e7d32; font-weight: 600;"


@dataclass(frozen=True)
class ConsentsData:
    consents: list[Consent]
    subscriptions: list[Subscription]
    cookies: list[Cookie]
    own_rule: GuardianRule | None = None  # the shop's guardian rule, when it covers me


def clear_layout(layout: QLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.hide()
            widget.deleteLater()


class ConsentRow(QFrame):
    """One purpose: title, description, legal basis, required note, and its switch (or text)."""

    def __init__(self, consent: Consent, can_change: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("consentRow")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.consent = consent
        layout = QHBoxLayout(self)
        text = QVBoxLayout()
        self.title_label = plain_label(localized_title(consent.title, consent.title_zh))
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.description = plain_label(consent.description)
        self.basis = plain_label(
            self.tr("Legal basis: {0}").format(legal_basis_text(consent.legal_basis))
        )
        text.addWidget(self.title_label)
        text.addWidget(self.description)
        text.addWidget(self.basis)
        # a transfer abroad: where the data goes, and the clause that asks for this consent
        self.transfer_note: QLabel | None = None
        if consent.destination_country:
            self.transfer_note = plain_label(
                transfer_text(
                    consent.destination_country,
                    consent.clause,
                    consent.basis,
                    consent.clause_title,
                )
            )
            self.transfer_note.setObjectName("transferNote")
            text.addWidget(self.transfer_note)
        # what refusing (or withdrawing) this consent costs, as the shop's policy says
        self.refusal_note: QLabel | None = None
        if consent.refusal_consequence is not None:
            self.refusal_note = plain_label(refusal_text(consent.refusal_consequence))
            self.refusal_note.setObjectName("refusalNote")
            text.addWidget(self.refusal_note)
        self.required_note: QLabel | None = None
        if consent.required:
            self.required_note = plain_label(
                self.tr(
                    "Required: needed to provide the service, so it cannot be switched off. "
                    "The way out is cancelling your account (see Requests)."
                )
            )
            self.required_note.setObjectName("requiredNote")
            text.addWidget(self.required_note)
        layout.addLayout(text, 1)
        self.switch: QCheckBox | None = None
        self.state_label: QLabel | None = None
        if can_change:
            self.switch = QCheckBox(self.tr("Allowed"))
            self.switch.setObjectName(f"consentSwitch_{consent.purpose}")
            self.switch.setAccessibleName(self.tr("Allow: {0}").format(self.title_label.text()))
            self.switch.setChecked(consent.granted)
            if consent.required:
                self.switch.setEnabled(False)
                self.switch.setToolTip(self.tr("Needed for the service; cannot be switched off."))
            layout.addWidget(self.switch, 0, Qt.AlignmentFlag.AlignTop)
        else:
            self.state_label = plain_label(given_text(consent.granted), wrap=False)
            self.state_label.setObjectName("consentState")
            layout.addWidget(self.state_label, 0, Qt.AlignmentFlag.AlignTop)

    def set_consent(self, consent: Consent) -> None:
        self.consent = consent
        if self.switch is not None:
            self.switch.blockSignals(True)
            self.switch.setChecked(consent.granted)
            self.switch.blockSignals(False)
        if self.state_label is not None:
            self.state_label.setText(given_text(consent.granted))


class ReceiptPanel(QFrame):
    """The receipt of the last change and whether the shop's signature checked out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiptPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.summary = plain_label()
        self.verified = plain_label()
        self.verified.setObjectName("receiptVerified")
        self.problems = plain_label()
        self.withdrawal_note = plain_label(
            self.tr(
                "Withdrawing consent stops this use from now on. It does not undo processing "
                "that already happened while your consent was in force."
            )
        )
        self.withdrawal_note.setObjectName("withdrawalNote")
        summary_row = QHBoxLayout()
        summary_row.addWidget(self.summary, 1)
        self.receipt_id = ""
        self.copy_button = QPushButton(self.tr("Copy receipt reference"))
        self.copy_button.setObjectName("copyReceipt")
        self.copy_button.clicked.connect(self.copy_reference)
        self.copy_button.hide()
        summary_row.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(summary_row)
        for label in (self.verified, self.problems, self.withdrawal_note):
            layout.addWidget(label)
        self.ok: bool | None = None
        self.hide()

    def show_change(self, change: ConsentChange, title: str, check: SignatureResult) -> None:
        receipt = change.receipt
        self.receipt_id = receipt.id
        self.copy_button.show()
        self.summary.setText(
            self.tr("Receipt {0}: “{1}” {2} at {3}, under policy version {4}.").format(
                receipt_reference(receipt.id),
                title,
                given_text(receipt.granted).lower(),
                display_text(receipt.time),
                receipt.policy_version,
            )
        )
        self.ok = check.ok
        self.verified.setText(self.tr("Shop signature: {0}").format(verified_text(check.ok)))
        self.verified.setStyleSheet(OK_STYLE if check.ok else ALERT_STYLE)
        self.problems.setText("\n".join(check.problems))
        self.problems.setVisible(bool(check.problems))
        self.withdrawal_note.setVisible(not receipt.granted)
        self.show()

    def copy_reference(self) -> None:
        """The whole receipt id, to quote to the shop or to compare with an archive."""
        if self.receipt_id:
            QGuiApplication.clipboard().setText(self.receipt_id)

    def show_error(self, message: str) -> None:
        self.receipt_id = ""
        self.copy_button.hide()
        self.ok = None
        self.summary.setText(message)
        self.verified.setText("")
        self.problems.hide()
        self.withdrawal_note.hide()
        self.show()


class ConsentsPage(DataPage[ConsentsData | list[FidesChange]]):
    page_id = "consents"
    icon_name = "consents"

    def title(self) -> str:
        return self.tr("Consents & subscriptions")

    def empty_message(self) -> str:
        return self.tr("This shop lists no purposes, channels or cookies.")

    # --- building -------------------------------------------------------------------------
    def build(self, content: QWidget) -> None:
        self.titles = PurposeTitles()
        self.consent_rows: dict[str, ConsentRow] = {}
        self.channel_switches: dict[Channel, QCheckBox] = {}
        self.channel_labels: dict[str, QLabel] = {}
        self._channels_on: dict[str, bool] = {}  # each channel shown: on?
        self.tabs = QTabWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.tabs)
        self.tabs.addTab(self._build_consents_tab(), self.tr("Consents"))
        self.tabs.addTab(self._build_history_tab(), self.tr("History"))
        self.tabs.addTab(self._build_channels_tab(), self.tr("Marketing channels"))
        self.tabs.addTab(self._build_cookies_tab(), self.tr("Cookies && tracking"))
        self.fides_panel = FidesConsentsPanel(self.run, self.context.notify)
        self.fides_panel.hide()
        layout.addWidget(self.fides_panel)

    def _build_consents_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.receipt_panel = ReceiptPanel()
        layout.addWidget(self.receipt_panel)
        self.mode_note = plain_label()
        layout.addWidget(self.mode_note)
        # A guardian attests being with the ward where the shop's policy asks for presence
        # (made only then: other views have no such switch).
        self.presence_box: QCheckBox | None = None
        self._presence_layout = layout
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        self.consent_list = QVBoxLayout(inner)
        scroll.setWidget(inner)
        layout.addWidget(scroll, 1)
        return tab

    def _build_history_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(
            plain_label(
                self.tr(
                    "Every change of consent, with the privacy-policy version in force and the "
                    "shop-signed receipt. Each receipt's signature is checked against the shop's "
                    "published keys."
                )
            )
        )
        self.history_model = HistoryModel(self.titles, self.context.runner, self)
        self.history_table = record_table(self.tr("Consent history"))
        self.history_table.setModel(self.history_model)
        fit_columns(self.history_table)
        layout.addWidget(self.history_table, 1)
        copy_row = QHBoxLayout()
        copy_row.addStretch(1)
        self.copy_history_receipt = QPushButton(self.tr("Copy receipt reference"))
        self.copy_history_receipt.setObjectName("copyHistoryReceipt")
        self.copy_history_receipt.setToolTip(
            self.tr("Copies the selected change's full receipt reference")
        )
        self.copy_history_receipt.clicked.connect(self.copy_selected_receipt)
        copy_row.addWidget(self.copy_history_receipt)
        layout.addLayout(copy_row)
        error_row = QHBoxLayout()
        self.history_error = plain_label()
        self.history_error.setObjectName("errorMessage")
        self.history_retry = QPushButton(self.tr("Try again"))
        self.history_retry.clicked.connect(self.history_model.retry)
        error_row.addWidget(self.history_error, 1)
        error_row.addWidget(self.history_retry)
        layout.addLayout(error_row)
        self._show_history_error(None)
        self.history_model.load_failed.connect(
            lambda error: self._show_history_error(user_message(error))
        )
        self.history_model.loading_changed.connect(self._history_loading)
        return tab

    def copy_selected_receipt(self) -> None:
        """Copy the whole receipt id of the selected change (the table shows its short form)."""
        rows = self.history_table.selectionModel().selectedRows()
        if not rows:
            self.context.notify(self.tr("Select a change first."))
            return
        row = self.history_model.row_at(rows[0].row())
        QGuiApplication.clipboard().setText(row.receipt.id)
        self.context.notify(
            self.tr("Receipt {0} copied.").format(receipt_reference(row.receipt.id))
        )

    def _history_loading(self, busy: bool) -> None:
        if busy:
            self._show_history_error(None)

    def _show_history_error(self, message: str | None) -> None:
        self.history_error.setText(message or "")
        self.history_error.setVisible(message is not None)
        self.history_retry.setVisible(message is not None)

    def _build_channels_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(
            plain_label(
                self.tr(
                    "Advertising messages by channel. Switching a channel off stops promotions "
                    "through it; service messages about your orders still arrive."
                )
            )
        )
        # what the switches add up to, in a sentence: four empty boxes alone did not say that
        # the shopper receives no advertising at all
        self.channel_summary = plain_label()
        self.channel_summary.setObjectName("channelSummary")
        bold = self.channel_summary.font()
        bold.setBold(True)
        self.channel_summary.setFont(bold)
        layout.addWidget(self.channel_summary)
        self.channel_list = QVBoxLayout()
        layout.addLayout(self.channel_list)
        self.channel_status = plain_label()
        layout.addWidget(self.channel_status)
        layout.addStretch(1)
        return tab

    def _build_cookies_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        top = QHBoxLayout()
        top.addWidget(
            plain_label(
                self.tr(
                    "Cookies and similar technologies (Flash cookies, local storage, web beacons, "
                    "pixel tags) the shop uses, and the consent each depends on."
                )
            ),
            1,
        )
        group_label = plain_label(self.tr("Group by:"), wrap=False)
        self.cookie_group = QComboBox()
        self.cookie_group.setAccessibleName(self.tr("Group cookies by"))
        for key, text in (
            ("technology", self.tr("Technology")),
            ("purpose", self.tr("Tied consent")),
            ("party", self.tr("Party")),
            ("name", self.tr("Name")),
        ):
            self.cookie_group.addItem(text, key)
        group_label.setBuddy(self.cookie_group)
        top.addWidget(group_label)
        top.addWidget(self.cookie_group)
        layout.addLayout(top)
        self.cookie_model, self.cookie_proxy = cookie_model(self.titles, self)
        self.cookie_table = record_table(self.tr("Cookies and tracking technologies"))
        self.cookie_table.setModel(self.cookie_proxy)
        self.cookie_table.setSortingEnabled(True)
        self.cookie_group.currentIndexChanged.connect(self._group_cookies)
        layout.addWidget(self.cookie_table, 1)
        self._group_cookies()
        return tab

    def _group_cookies(self) -> None:
        column = COOKIE_GROUP_COLUMNS.get(str(self.cookie_group.currentData()), 1)
        self.cookie_table.sortByColumn(column, Qt.SortOrder.AscendingOrder)

    # --- loading --------------------------------------------------------------------------
    def signing_keys(self, view: ActiveView) -> Mapping[str, Any]:
        """The shop's published receipt keys (from the discovery document of its connection)."""
        session = self.context.session
        connection = session.connections.get(view.shop_id) or session.current
        if connection is None:
            return {}
        return load_public_keys(connection.discovery.signing_keys)

    def fetch(self, view: ActiveView) -> ConsentsData | list[FidesChange]:
        if view.fides is not None:  # Fides: only the local history loads without a code
            return view.fides.consent_history()
        api = view.api
        own_rule = None
        if view.can_change:  # a minor signed in themself: say the rule before they try
            from client.errors import ApiError

            try:
                own_rule = api.get_me().guardian_rule
            except ApiError:
                own_rule = None
        return ConsentsData(
            consents=api.list_consents(),
            subscriptions=api.list_subscriptions(),
            cookies=list(api.list_cookies(limit=100).auto_paging_iter()),
            own_rule=own_rule,
        )

    def present(self, data: ConsentsData | list[FidesChange]) -> bool:
        view = self.view
        fides = view.fides if view is not None else None
        self.tabs.setVisible(fides is None)
        self.fides_panel.setVisible(fides is not None)
        if fides is not None and isinstance(data, list):
            self.fides_panel.present(fides, data)
            return True
        self.fides_panel.clear()
        if isinstance(data, list):
            return False
        can_change = view is not None and view.can_change
        self.titles.update(data.consents)
        self._present_consents(data.consents, view is not None and view.can_change_consents)
        self._present_guardian(view, data.own_rule)
        self._present_channels(data.subscriptions, can_change)
        self.cookie_model.set_rows(data.cookies)
        self._group_cookies()
        fit_columns(self.cookie_table)
        self.receipt_panel.hide()
        if view is not None:
            self.start_history(view)
        return bool(data.consents or data.subscriptions or data.cookies)

    def start_history(self, view: ActiveView) -> None:
        api = view.api
        keys = self.signing_keys(view)

        def fetch(cursor: str | None) -> tuple[Sequence[HistoryRow], str | None]:
            page = api.list_consent_history(limit=HISTORY_PAGE_SIZE, cursor=cursor)
            rows = [HistoryRow(r, verify_consent_receipt(r, keys)) for r in page.items]
            return rows, page.next_cursor

        self._show_history_error(None)
        self.history_model.start(fetch)

    def _present_consents(self, consents: list[Consent], can_change: bool) -> None:
        clear_layout(self.consent_list)
        self.consent_rows.clear()
        self.mode_note.setText(
            ""
            if can_change
            else self.tr(
                "Assisted session: consents are shown read-only. Only the shopper can change them."
            )
        )
        self.mode_note.setVisible(not can_change)
        if not consents:
            self.consent_list.addWidget(
                plain_label(self.tr("This shop lists no purposes that need your consent."))
            )
        for consent in consents:
            row = ConsentRow(consent, can_change)
            if row.switch is not None and not consent.required:
                row.switch.clicked.connect(
                    lambda checked, purpose=consent.purpose: self.set_consent(purpose, checked)
                )
            self.consent_list.addWidget(row)
            self.consent_rows[consent.purpose] = row
        self.consent_list.addStretch(1)

    def _present_guardian(self, view: ActiveView | None, own_rule: GuardianRule | None) -> None:
        """As a guardian: whose consents these are, and the shop's rule for them; as a minor:
        the rule that reserves changes to the guardian."""
        ward_session = view.guardian if view is not None else None
        rule = ward_session.ward.rule if ward_session is not None else None
        if self.presence_box is not None:
            self.presence_box.setParent(None)
            self.presence_box.deleteLater()
            self.presence_box = None
        if ward_session is None:
            if own_rule is not None:
                clauses = ", ".join(f"§ {c.number} {c.title}".strip() for c in own_rule.clauses)
                self.mode_note.setText(
                    self.tr("Your consents here follow the shop's policy ({0}): {1}").format(
                        clauses, own_rule.summary
                    )
                )
                self.mode_note.setVisible(True)
            return
        if rule is not None and rule.presence_required:
            self.presence_box = QCheckBox()
            self.presence_box.setObjectName("guardian_present")
            self._presence_layout.insertWidget(2, self.presence_box, 0, Qt.AlignmentFlag.AlignLeft)
        name = ward_session.ward.display_name
        lines = [self.tr("You are changing {0}'s consents as their guardian.").format(name)]
        if rule is not None:
            clauses = ", ".join(f"§ {c.number} {c.title}".strip() for c in rule.clauses)
            lines.append(self.tr("The shop's policy ({0}): {1}").format(clauses, rule.summary))
        self.mode_note.setText("\n".join(lines))
        self.mode_note.setVisible(True)
        if self.presence_box is not None:
            self.presence_box.setText(self.tr("I am with {0} now").format(name))

    def _present_channels(self, subscriptions: list[Subscription], can_change: bool) -> None:
        clear_layout(self.channel_list)
        self.channel_switches.clear()
        self.channel_labels.clear()
        self.channel_status.setText("")
        known = {s.channel: s for s in subscriptions}
        ordered = [known[c] for c in CHANNELS if c in known]
        ordered += [s for s in subscriptions if s.channel not in CHANNELS]
        self._channels_on = {s.channel: s.enabled for s in ordered}
        self._show_channel_summary()
        for subscription in ordered:
            name = channel_text(subscription.channel)
            if can_change:
                switch = QCheckBox(name)
                switch.setAccessibleName(self.tr("Receive advertising by {0}").format(name))
                switch.setChecked(subscription.enabled)
                switch.clicked.connect(
                    lambda checked, channel=subscription.channel: self.set_subscription(
                        channel, checked
                    )
                )
                self.channel_list.addWidget(switch, 0, Qt.AlignmentFlag.AlignLeft)
                self.channel_switches[subscription.channel] = switch
            else:
                label = plain_label(
                    self.tr("{0}: {1}").format(
                        name, self.tr("on") if subscription.enabled else self.tr("off")
                    )
                )
                self.channel_list.addWidget(label)
                self.channel_labels[subscription.channel] = label

    def _show_channel_summary(self) -> None:
        on = [channel_text(c) for c, enabled in self._channels_on.items() if enabled]
        if not self._channels_on:
            text = self.tr("This shop offers no advertising channels to choose from.")
        elif not on:
            text = self.tr("All channels are off: the shop sends you no advertising.")
        elif len(on) == len(self._channels_on):
            text = self.tr("Advertising may reach you through every channel: {0}.")
            text = text.format(join_list(on))
        else:
            text = self.tr("Advertising may reach you through: {0}. The other channels are off.")
            text = text.format(join_list(on))
        self.channel_summary.setText(text)

    # --- actions --------------------------------------------------------------------------
    def set_consent(self, purpose: str, granted: bool) -> None:
        view = self.view
        row = self.consent_rows.get(purpose)
        if view is None or not view.can_change_consents or row is None or row.switch is None:
            return
        switch = row.switch
        switch.setEnabled(False)
        keys = self.signing_keys(view)
        # Sent only by a guardian: the shop decides whether its policy needs it.
        box = self.presence_box
        present = (box is not None and box.isChecked()) if view.guardian is not None else None

        def work(_control: TaskControl) -> tuple[ConsentChange, SignatureResult]:
            change = view.shop.set_consent(purpose, granted, guardian_present=present)
            return change, verify_consent_receipt(change.receipt, keys)

        def done(result: tuple[ConsentChange, SignatureResult]) -> None:
            change, check = result
            current = self.consent_rows.get(purpose)
            if current is not row:
                return
            row.set_consent(change.consent)
            switch.setEnabled(True)
            self.titles.update(
                [row.consent if p == purpose else r.consent for p, r in self.consent_rows.items()]
            )
            self.receipt_panel.show_change(change, row.title_label.text(), check)
            self.context.notify(self.tr("Consent changed: {0}").format(row.title_label.text()))
            if self.view is view:
                self.start_history(view)
            rows = self.cookie_model.rowCount()
            if rows:
                self.cookie_model.dataChanged.emit(
                    self.cookie_model.index(0, 0),
                    self.cookie_model.index(rows - 1, self.cookie_model.columnCount() - 1),
                )

        def failed(error: BaseException) -> None:
            if self.consent_rows.get(purpose) is not row:
                return
            row.set_consent(row.consent)
            switch.setEnabled(True)
            self.receipt_panel.show_error(
                self.tr("The change was not saved: {0}").format(user_message(error))
            )

        self.run(work, done, failed)

    def set_subscription(self, channel: Channel, enabled: bool) -> None:
        view = self.view
        switch = self.channel_switches.get(channel)
        if view is None or not view.can_change or switch is None:
            return
        switch.setEnabled(False)

        def work(_control: TaskControl) -> Subscription:
            return view.shop.set_subscription(channel, enabled)

        def done(subscription: Subscription) -> None:
            if self.channel_switches.get(channel) is not switch:
                return
            switch.blockSignals(True)
            switch.setChecked(subscription.enabled)
            switch.blockSignals(False)
            switch.setEnabled(True)
            self._channels_on[channel] = subscription.enabled
            self._show_channel_summary()
            name = channel_text(channel)
            message = (
                self.tr("{0}: advertising switched on")
                if subscription.enabled
                else self.tr("{0}: advertising switched off")
            ).format(name)
            self.channel_status.setText(message)
            self.context.notify(message)

        def failed(error: BaseException) -> None:
            if self.channel_switches.get(channel) is not switch:
                return
            switch.blockSignals(True)
            switch.setChecked(not enabled)
            switch.blockSignals(False)
            switch.setEnabled(True)
            self.channel_status.setText(
                self.tr("The change was not saved: {0}").format(user_message(error))
            )

        self.run(work, done, failed)
