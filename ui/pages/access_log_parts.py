"""Helpers of the access-log page: words for roles, actions and chain problems; table models."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from client.models.access_log import AccessLogEntry
from client.models.assist import AssistSession
from client.verify import ChainResult
from ui.models.columns import Column, display_text
from ui.models.paged_table import PagedTableModel

CONTEXT = "AccessLogPage"

Index = QModelIndex | QPersistentModelIndex

_ROLES = {"subject": "You", "agent": "Agent", "system": "System"}
_ACTIONS = {
    "read": "Viewed",
    "create": "Created",
    "update": "Changed",
    "delete": "Deleted",
    "assist_start": "Started an assisted session",
}
_REASONS = {
    "edited": "an entry was changed after it was written",
    "missing": "entries are missing",
    "reordered": "entries are out of order or repeated",
    "unlinked": "an entry does not follow the one before it",
    "malformed": "an entry is malformed",
    "head_mismatch": "the latest entry differs from the one the shop pinned",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def role_text(role: str) -> str:
    words = _ROLES.get(role)
    return _tr(words) if words else role


def action_text(action: str) -> str:
    words = _ACTIONS.get(action)
    return _tr(words) if words else action


# What an entry's API path looked at, in words (first match wins). The log records paths;
# a shopper reads "your orders", never `/v1/orders/12`.
_RESOURCES = {
    r"access-log(/head)?": "this access log",
    r"assist/codes": "an assist code",
    r"assist/sessions(/.*)?": "an assisted session",
    r"consents/history": "your consent history",
    r"consents/receipts/[^/]+": "a consent receipt",
    r"consents(/[^/]+)?": "your consents",
    r"cookies": "your cookie choices",
    r"data/categories": "what data the shop holds about you",
    r"data/devices": "your devices",
    r"data/locations": "your locations",
    r"data/logs": "your sign-in records",
    r"decisions(/[^/]+)?": "automated decisions about you",
    r"me/personalization": "your personalisation settings",
    r"me": "your account details",
    r"notices": "notices from the shop",
    r"orders/[^/]+": "one of your orders",
    r"orders": "your orders",
    r"policy(/.*)?": "the privacy policy",
    r"recipients/[^/]+/events": "what a recipient received",
    r"recipients(/[^/]+)?": "who received your data",
    r"requests(/.*)?": "your privacy requests",
    r"subscriptions(/[^/]+)?": "your subscriptions",
    r"tags(/[^/]+)?": "your interest tags",
    r"tracks/activity": "your activity over time",
    r"tracks(/[^/]+)?": "your search and browsing history",
}
_RESOURCE_PATTERNS = [(re.compile(rf"^/?(v1/)?{pattern}/?$"), pattern) for pattern in _RESOURCES]


def resource_text(resource: str) -> str:
    """What was looked at, in words; an unknown path reads as "other data", not a path."""
    path = resource.split("?", 1)[0].strip()
    for compiled, pattern in _RESOURCE_PATTERNS:
        if compiled.match(path):
            return _tr(_RESOURCES[pattern])
    return _tr("other data") if path else "—"


def entry_action_text(entry: AccessLogEntry) -> str:
    """What the entry did, in words; ending an assisted session is not a "Deleted"."""
    if entry.action == "delete" and entry.resource.startswith("/v1/assist/sessions"):
        if entry.role == "subject":
            return _tr("You ended the assisted session")
        return _tr("The assisted session was ended")
    return action_text(entry.action)


def chain_reason_text(reason: str | None) -> str:
    words = _REASONS.get(reason or "")
    return _tr(words) if words else (reason or _tr("unknown problem"))


def chain_message(result: ChainResult) -> str:
    """The status line for a finished check: ✓ intact, or ✗ where and why it broke."""
    if result.ok:
        return _tr("✓ The log's chain of fingerprints is intact ({0} entries)").format(
            result.checked
        )
    if result.first_broken_seq is not None:
        return _tr("✗ The log has been altered at entry #{0} ({1})").format(
            result.first_broken_seq, chain_reason_text(result.reason)
        )
    return _tr("✗ The log has been altered ({0})").format(chain_reason_text(result.reason))


def session_state_text(session: AssistSession) -> str:
    if session.active:
        return _tr("Active")
    if session.ended_at is not None:
        return _tr("Ended {0}").format(display_text(session.ended_at))
    return _tr("Expired")


LOG_COLUMNS: list[Column[AccessLogEntry]] = [
    Column(str(QT_TRANSLATE_NOOP("Columns", "Time")), lambda e: e.time),
    Column(str(QT_TRANSLATE_NOOP("Columns", "Who")), lambda e: e.actor),
    Column(str(QT_TRANSLATE_NOOP("Columns", "Role")), lambda e: role_text(e.role)),
    Column(str(QT_TRANSLATE_NOOP("Columns", "Action")), entry_action_text),
    Column(
        str(QT_TRANSLATE_NOOP("Columns", "What")),
        lambda e: resource_text(e.resource),
        tooltip=lambda e: resource_text(e.resource),
    ),
    Column(
        str(QT_TRANSLATE_NOOP("Columns", "Reason")),
        lambda e: e.reason,
        tooltip=lambda e: e.reason or "",
    ),
    Column(str(QT_TRANSLATE_NOOP("Columns", "#")), lambda e: e.seq, align_right=True),
]

SESSION_COLUMNS: list[Column[AssistSession]] = [
    Column(str(QT_TRANSLATE_NOOP("Columns", "Agent")), lambda s: s.agent),
    Column(
        str(QT_TRANSLATE_NOOP("Columns", "Reason")), lambda s: s.reason, tooltip=lambda s: s.reason
    ),
    Column(str(QT_TRANSLATE_NOOP("Columns", "Started")), lambda s: s.started_at),
    Column(str(QT_TRANSLATE_NOOP("Columns", "Expires")), lambda s: s.expires_at),
    Column(str(QT_TRANSLATE_NOOP("Columns", "State")), session_state_text),
    Column("", lambda _s: ""),  # the "End now" button of an active session
]


class AccessLogModel(PagedTableModel[AccessLogEntry]):
    """The log, loaded page by page; an agent's entries are bold."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.FontRole
            and index.isValid()
            and 0 <= index.row() < self.rowCount()
        ):
            if self.row_at(index.row()).role != "agent":
                return None
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)


def by_agent(entry: object) -> bool:
    """The access-log filter "only agents" (see `SwitchFilter`)."""
    return isinstance(entry, AccessLogEntry) and entry.role == "agent"
