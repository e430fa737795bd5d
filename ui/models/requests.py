"""Requests page: the tracked rows (a request and its shop), labels, and the item models."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from client.i18n import trans_late
from client.models.requests import (
    DeletionReceipt,
    Denial,
    FeeQuote,
    PrivacyRequest,
    TimelineEvent,
)
from client.outbox import OutboxItem
from ui.formats import format_date, join_list
from ui.i18n import translate
from ui.models.columns import Column, display_text
from ui.models.record_table import RecordTableModel
from ui.terms.data import money_text

OVERDUE_COLOR = QColor("#c62828")


@dataclass(frozen=True)
class TrackedRequest:
    """One request of one shop, as the tracker shows it."""

    shop_id: str
    shop_name: str
    request: PrivacyRequest

    @property
    def key(self) -> tuple[str, str]:
        return (self.shop_id, self.request.id)


@dataclass
class ShopFailure:
    shop_id: str
    shop_name: str
    message: str


@dataclass
class TrackerData:
    """What one load of the tracker brings back."""

    rows: list[TrackedRequest] = field(default_factory=list)
    failures: list[ShopFailure] = field(default_factory=list)
    outbox_pending: int = 0
    outbox_sent: int = 0
    outbox_refused: int = 0  # items the shops refused in this load's flush
    outbox_failed: list[str] = field(default_factory=list)  # why a flush could not run at all
    outbox_failed_items: list[OutboxItem] = field(default_factory=list)
    capped: bool = False  # a shop holds more requests than were listed


# --- human labels -----------------------------------------------------------------------------


def type_label(rtype: str) -> str:
    labels = {
        "access": translate("Requests", "Copy of my data"),
        "correction": translate("Requests", "Correction"),
        "deletion": translate("Requests", "Deletion"),
        "explanation": translate("Requests", "Explanation of a decision"),
        "human_review": translate("Requests", "Human review of a decision"),
        "consent_withdrawal": translate("Requests", "Consent withdrawal"),
        "account_cancellation": translate("Requests", "Account cancellation"),
        "complaint": translate("Requests", "Complaint"),
    }
    return labels.get(rtype, rtype)


_CATEGORY_WORDS = {
    "tracks": trans_late("Requests", "Browsing history"),
    "tags": trans_late("Requests", "Interest tags"),
    "orders": trans_late("Requests", "Orders"),
    "devices": trans_late("Requests", "Devices"),
    "locations": trans_late("Requests", "Locations"),
    "logs": trans_late("Requests", "Sign-in records"),
    "decisions": trans_late("Requests", "Automated decisions"),
    "profile": trans_late("Requests", "Profile"),
    "account": trans_late("Requests", "Account details"),
    "payments": trans_late("Requests", "Payments"),
    "subscriptions": trans_late("Requests", "Subscriptions"),
    "consents": trans_late("Requests", "Consents"),
    "sharing": trans_late("Requests", "Sharing records"),
    "service_records": trans_late("Requests", "Customer-service records"),
}
_PURPOSE_WORDS = {
    "membership": trans_late("Requests", "Membership account"),
    "risk_control": trans_late("Requests", "Risk control and account security"),
    "real_name_verification": trans_late("Requests", "Real-name verification"),
    "personalised_recommendations": trans_late("Requests", "Personalised recommendations"),
    "marketing_messages": trans_late("Requests", "Marketing messages"),
    "location_services": trans_late("Requests", "Location services"),
    "cookies_analytics": trans_late("Requests", "Analytics cookies and similar technologies"),
    "partner_advertising_aggregated": trans_late(
        "Requests", "Aggregated statistics for advertising partners"
    ),
    "cross_border_analytics": trans_late("Requests", "Analytics processed in Singapore"),
}


def _humanised(key: str) -> str:
    words = key.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else "—"


def category_label(key: str) -> str:
    """A data category the shop names by key ("tracks"), in words."""
    words = _CATEGORY_WORDS.get(key)
    return translate("Requests", words) if words else _humanised(key)


def purpose_label(key: str) -> str:
    """A consent purpose the shop names by key, in words."""
    words = _PURPOSE_WORDS.get(key)
    return translate("Requests", words) if words else _humanised(key)


def request_title(summary: str | None, rtype: str) -> str:
    """A request as the shopper reads it: the shop's sentence ("Delete your browsing
    history"), or the kind of request when the shop sends none."""
    return summary.strip() if summary and summary.strip() else type_label(rtype)


def status_label(status: str) -> str:
    labels = {
        "identity_unverified": translate("Requests", "Identity not yet verified"),
        "pending": translate("Requests", "Received"),
        "fee_quoted": translate("Requests", "Fee quoted: waiting for your answer"),
        "in_progress": translate("Requests", "In progress"),
        "extended": translate("Requests", "In progress (extended)"),
        "completed": translate("Requests", "Completed"),
        "denied": translate("Requests", "Refused"),
        "canceled": translate("Requests", "Canceled"),
    }
    return labels.get(status, status)


def denial_reason_label(reason: str) -> str:
    labels = {
        "national_security": translate("Requests", "Refused to protect national security."),
        "public_safety": translate(
            "Requests", "Refused to protect public safety, health or major public interests."
        ),
        "criminal_investigation": translate(
            "Requests",
            "Refused because it relates to a criminal investigation, "
            "prosecution, trial or enforcement of a judgment.",
        ),
        "abuse_of_rights": translate(
            "Requests",
            "Refused because the shop has evidence the request abuses the right it uses.",
        ),
        "harm_to_others": translate(
            "Requests",
            "Refused because answering would seriously harm the lawful rights of others.",
        ),
        "trade_secret": translate(
            "Requests", "Refused because answering would reveal trade secrets."
        ),
        "identity_not_verified": translate(
            "Requests", "Refused because your identity could not be verified."
        ),
        "repeated_request": translate(
            "Requests", "Refused as a repeated request (a fee may apply for more copies)."
        ),
        "other": translate("Requests", "Refused for another reason the shop gives below."),
    }
    return labels.get(reason, reason)


def cite_clause(clause: str | None, title: str | None = None) -> str:
    """Where a ground or fee rests: its policy clause, or the shop's own setting."""
    if clause:
        if title:
            return translate("Requests", "(policy § {0} {1})").format(clause, title)
        return translate("Requests", "(policy § {0})").format(clause)
    return translate("Requests", "(the shop's own setting, not stated in the policy)")


def denial_ground_text(denial: Denial) -> str:
    """The refusal ground in words with its clause; older shops send only the key."""
    if not denial.label:
        return denial_reason_label(denial.reason)
    return f"{denial.label} {cite_clause(denial.clause)}"


def fee_text(fee: FeeQuote) -> str:
    """A quoted fee as the shopper reads it: amount, why, the clause and what became of it."""
    states = {
        "quoted": translate("Requests", "Waiting for your answer."),
        "accepted": translate("Requests", "You accepted it; the shop goes on with the request."),
        "withdrawn": translate("Requests", "You withdrew the request instead."),
    }
    return "\n".join(
        [
            translate("Requests", "Fee: {0}").format(_money(fee.amount, fee.currency)),
            fee.reason,
            cite_clause(fee.clause, fee.clause_title),
            states.get(fee.status, fee.status),
        ]
    )


def _money(amount: str, currency: str) -> str:
    try:
        cents = int((Decimal(amount) * 100).to_integral_value())
    except (InvalidOperation, ValueError):  # a shop's odd amount: shown as sent
        return f"{amount} {currency}"
    return money_text(cents, currency)


def actor_label(actor: str) -> str:
    return actor


def due_text(request: PrivacyRequest) -> str:
    """The due date with the working days left, or how late it is."""
    day = local_day(request.due_at)
    if request.is_final:
        return day
    left = request.working_days_left
    if request.overdue or left < 0:
        late = max(1, -left)
        return translate("Requests", "{0} — overdue by {1} working days").format(day, late)
    if left == 0:
        return translate("Requests", "{0} — due today").format(day)
    return translate("Requests", "{0} — {1} working days left").format(day, left)


def local_day(value: datetime | None) -> str:
    if value is None:
        return "—"
    return format_date(value)


def filed_by_text(request: PrivacyRequest) -> str:
    if request.filed_by.role == "agent":
        return translate("Requests", "{0} · customer service agent").format(request.filed_by.name)
    return request.filed_by.name


def is_overdue(request: PrivacyRequest) -> bool:
    return not request.is_final and (request.overdue or request.working_days_left < 0)


# --- the tracker table ------------------------------------------------------------------------

TRACKER_COLUMNS: list[Column[TrackedRequest]] = [
    Column(
        trans_late("Columns", "Request"),
        lambda r: request_title(r.request.summary, r.request.type),
        tooltip=lambda r: request_title(r.request.summary, r.request.type),
    ),
    Column(trans_late("Columns", "Shop"), lambda r: r.shop_name),
    Column(trans_late("Columns", "Status"), lambda r: status_label(r.request.status)),
    Column(trans_late("Columns", "Received"), lambda r: r.request.received_at),
    Column(
        trans_late("Columns", "Due"), lambda r: due_text(r.request), sort=lambda r: r.request.due_at
    ),
    Column(trans_late("Columns", "Filed by"), lambda r: filed_by_text(r.request)),
]
DUE_COLUMN = 4


class RequestsTableModel(RecordTableModel[TrackedRequest]):
    """Every request of every signed-in shop; overdue due dates in red."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(TRACKER_COLUMNS, parent)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and index.column() == DUE_COLUMN
            and 0 <= index.row() < self.rowCount()
            and is_overdue(self.row_at(index.row()).request)
        ):
            return QBrush(OVERDUE_COLOR)
        return super().data(index, role)

    def find(self, key: tuple[str, str]) -> int:
        for position, row in enumerate(self._rows):
            if row.key == key:
                return position
        return -1


def is_open(row: object) -> bool:
    """The requests filter "open only" (see `SwitchFilter`)."""
    return isinstance(row, TrackedRequest) and not row.request.is_final


# --- the detail's tables ------------------------------------------------------------------------

TIMELINE_COLUMNS: list[Column[TimelineEvent]] = [
    Column(trans_late("Columns", "Time"), lambda e: e.at),
    Column(trans_late("Columns", "Status"), lambda e: status_label(e.status)),
    Column(trans_late("Columns", "By"), lambda e: actor_label(e.actor)),
    Column(trans_late("Columns", "Note"), lambda e: e.note or ""),
]


def _receipt_time(value: datetime | None, missing: str) -> str:
    return display_text(value) if value is not None else missing


RECEIPT_COLUMNS: list[Column[DeletionReceipt]] = [
    Column(trans_late("Columns", "Recipient"), lambda r: r.recipient_name),
    Column(trans_late("Columns", "Categories"), lambda r: join_list(r.categories)),
    Column(
        trans_late("Columns", "Notified"),
        lambda r: _receipt_time(r.notified_at, translate("Requests", "not yet")),
        sort=lambda r: r.notified_at.timestamp() if r.notified_at else 0,
    ),
    Column(
        trans_late("Columns", "Confirmed"),
        lambda r: _receipt_time(r.confirmed_at, translate("Requests", "not yet")),
        sort=lambda r: r.confirmed_at.timestamp() if r.confirmed_at else 0,
    ),
    Column(
        trans_late("Columns", "Backups purged by"),
        lambda r: local_day(r.backup_purge_at),
        sort=lambda r: r.backup_purge_at.timestamp() if r.backup_purge_at else 0,
    ),
]


def timeline_model(parent: QObject | None = None) -> RecordTableModel[TimelineEvent]:
    return RecordTableModel(TIMELINE_COLUMNS, parent)


def receipts_model(parent: QObject | None = None) -> RecordTableModel[DeletionReceipt]:
    return RecordTableModel(RECEIPT_COLUMNS, parent)
