"""Table models of the consents page: the signed consent history and the cookie inventory."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from client.i18n import trans_late
from client.models.consents import Consent, ConsentReceipt, Cookie
from client.verify import SignatureResult
from ui.i18n import translate
from ui.models.columns import Column
from ui.models.paged_table import PagedTableModel
from ui.models.proxies import sorted_proxy
from ui.models.record_table import RecordTableModel
from ui.tasks import TaskRunner
from ui.terms.consents import (
    given_text,
    localized_title,
    party_text,
    technology_text,
    verified_text,
)

ALERT_RED = QColor("#c62828")

Index = QModelIndex | QPersistentModelIndex


def receipt_reference(receipt_id: str) -> str:
    """A receipt as a short reference a person can read out or compare: "7F3A-91C2" (the end
    of the shop's id; the Copy buttons copy the whole id)."""
    core = receipt_id.split("_", 1)[-1].replace("-", "").upper()
    tail = core[-8:] if len(core) >= 8 else core
    return f"{tail[:4]}-{tail[4:]}" if len(tail) == 8 else (tail or "—")


@dataclass(frozen=True)
class HistoryRow:
    """One consent change from the history, with the result of checking its signature."""

    receipt: ConsentReceipt
    check: SignatureResult

    @property
    def id(self) -> str:
        return self.receipt.id


class PurposeTitles:
    """Purpose key → localized title; filled when the consents arrive."""

    def __init__(self) -> None:
        self._consents: dict[str, Consent] = {}

    def update(self, consents: Sequence[Consent]) -> None:
        self._consents = {c.purpose: c for c in consents}

    def title(self, purpose: str | None) -> str | None:
        if purpose is None:
            return None
        consent = self._consents.get(purpose)
        return localized_title(consent.title, consent.title_zh) if consent else purpose

    def consent(self, purpose: str | None) -> Consent | None:
        return self._consents.get(purpose or "")

    @property
    def all(self) -> Mapping[str, Consent]:
        return self._consents


def history_columns(titles: PurposeTitles) -> list[Column[HistoryRow]]:
    return [
        Column[HistoryRow](trans_late("Columns", "Time"), lambda r: r.receipt.time),
        Column[HistoryRow](
            trans_late("Columns", "Purpose"), lambda r: titles.title(r.receipt.purpose)
        ),
        Column[HistoryRow](
            trans_late("Columns", "Change"), lambda r: given_text(r.receipt.granted)
        ),
        Column[HistoryRow](
            trans_late("Columns", "Policy version"), lambda r: r.receipt.policy_version
        ),
        Column[HistoryRow](
            trans_late("Columns", "Receipt"), lambda r: receipt_reference(r.receipt.id)
        ),
        Column[HistoryRow](
            trans_late("Columns", "Signature"),
            lambda r: verified_text(r.check.ok),
            tooltip=lambda r: "\n".join(r.check.problems),
        ),
    ]


SIGNATURE_COLUMN = 5


class HistoryModel(PagedTableModel[HistoryRow]):
    """The consent history, paged; a receipt whose signature fails is shown in red."""

    def __init__(
        self, titles: PurposeTitles, runner: TaskRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(history_columns(titles), runner, parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and index.column() == SIGNATURE_COLUMN
            and 0 <= index.row() < self.rowCount()
            and not self.row_at(index.row()).check.ok
        ):
            return QBrush(ALERT_RED)
        return super().data(index, role)


def cookie_columns(titles: PurposeTitles) -> list[Column[Cookie]]:
    def tied(cookie: Cookie) -> str | None:
        consent = titles.consent(cookie.consent_purpose)
        if cookie.consent_purpose is None:
            return None
        if consent is None:
            return cookie.consent_purpose
        title = localized_title(consent.title, consent.title_zh)
        # "（…）" in Chinese: ASCII brackets between Chinese words read as a typo
        return translate("Terms", "{0} ({1})").format(title, given_text(consent.granted))

    return [
        Column[Cookie](trans_late("Columns", "Name"), lambda c: c.name),
        Column[Cookie](
            trans_late("Columns", "Technology"), lambda c: technology_text(c.technology)
        ),
        Column[Cookie](
            trans_late("Columns", "Purpose"), lambda c: c.purpose, tooltip=lambda c: c.purpose
        ),
        Column[Cookie](trans_late("Columns", "Party"), lambda c: party_text(c.party)),
        Column[Cookie](trans_late("Columns", "Provider"), lambda c: c.provider),
        Column[Cookie](trans_late("Columns", "Lifetime"), lambda c: c.lifetime),
        Column[Cookie](trans_late("Columns", "Tied consent"), tied),
        Column[Cookie](trans_late("Columns", "Active"), lambda c: c.active),
    ]


COOKIE_GROUP_COLUMNS = {"technology": 1, "purpose": 6, "party": 3, "name": 0}


def cookie_model(
    titles: PurposeTitles, parent: QObject | None = None
) -> tuple[RecordTableModel[Cookie], QSortFilterProxyModel]:
    model: RecordTableModel[Cookie] = RecordTableModel(cookie_columns(titles), parent)
    return model, sorted_proxy(model, parent)


Fetch = Callable[[str | None], tuple[Sequence[HistoryRow], str | None]]

__all__ = [
    "COOKIE_GROUP_COLUMNS",
    "Fetch",
    "HistoryModel",
    "HistoryRow",
    "PurposeTitles",
    "cookie_columns",
    "cookie_model",
    "history_columns",
]
