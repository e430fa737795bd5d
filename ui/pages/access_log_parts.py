"""Helpers of the access-log page: words for roles, actions and chain problems; table models."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from client.i18n import trans_late
from client.models.access_log import AccessLogEntry
from client.models.assist import AssistSession
from client.verify import ChainResult
from ui.i18n import translate
from ui.models.columns import Column, display_text
from ui.models.paged_table import PagedTableModel

CONTEXT = "AccessLogPage"

Index = QModelIndex | QPersistentModelIndex

_ROLES = {
    "subject": trans_late("AccessLogPage", "You"),
    "agent": trans_late("AccessLogPage", "Agent"),
    "system": trans_late("AccessLogPage", "System"),
}
_ACTIONS = {
    "read": trans_late("AccessLogPage", "Viewed"),
    "create": trans_late("AccessLogPage", "Created"),
    "update": trans_late("AccessLogPage", "Changed"),
    "delete": trans_late("AccessLogPage", "Deleted"),
    "assist_start": trans_late("AccessLogPage", "Started an assisted session"),
}
_REASONS = {
    "edited": trans_late("AccessLogPage", "an entry was changed after it was written"),
    "missing": trans_late("AccessLogPage", "entries are missing"),
    "reordered": trans_late("AccessLogPage", "entries are out of order or repeated"),
    "unlinked": trans_late("AccessLogPage", "an entry does not follow the one before it"),
    "malformed": trans_late("AccessLogPage", "an entry is malformed"),
    "head_mismatch": trans_late(
        "AccessLogPage", "the latest entry differs from the one the shop pinned"
    ),
}


def role_text(role: str) -> str:
    words = _ROLES.get(role)
    return translate("AccessLogPage", words) if words else role


def action_text(action: str) -> str:
    words = _ACTIONS.get(action)
    return translate("AccessLogPage", words) if words else action


# What an entry's API path looked at, in words (first match wins). The log records paths;
# a shopper reads "your orders", never `/v1/orders/12`.
_RESOURCES = {
    r"access-log(/head)?": trans_late("AccessLogPage", "this access log"),
    r"assist/codes": trans_late("AccessLogPage", "an assist code"),
    r"assist/sessions(/.*)?": trans_late("AccessLogPage", "an assisted session"),
    r"consents/history": trans_late("AccessLogPage", "your consent history"),
    r"consents/receipts/[^/]+": trans_late("AccessLogPage", "a consent receipt"),
    r"consents(/[^/]+)?": trans_late("AccessLogPage", "your consents"),
    r"cookies": trans_late("AccessLogPage", "your cookie choices"),
    r"data/categories": trans_late("AccessLogPage", "what data the shop holds about you"),
    r"data/devices": trans_late("AccessLogPage", "your devices"),
    r"data/locations": trans_late("AccessLogPage", "your locations"),
    r"data/logs": trans_late("AccessLogPage", "your sign-in records"),
    r"decisions(/[^/]+)?": trans_late("AccessLogPage", "automated decisions about you"),
    r"me/personalization": trans_late("AccessLogPage", "your personalisation settings"),
    r"me": trans_late("AccessLogPage", "your account details"),
    r"notices": trans_late("AccessLogPage", "notices from the shop"),
    r"orders/[^/]+": trans_late("AccessLogPage", "one of your orders"),
    r"orders": trans_late("AccessLogPage", "your orders"),
    r"policy(/.*)?": trans_late("AccessLogPage", "the privacy policy"),
    r"recipients/[^/]+/events": trans_late("AccessLogPage", "what a recipient received"),
    r"recipients(/[^/]+)?": trans_late("AccessLogPage", "who received your data"),
    r"requests(/.*)?": trans_late("AccessLogPage", "your privacy requests"),
    r"subscriptions(/[^/]+)?": trans_late("AccessLogPage", "your subscriptions"),
    r"tags(/[^/]+)?": trans_late("AccessLogPage", "your interest tags"),
    r"tracks/activity": trans_late("AccessLogPage", "your activity over time"),
    r"tracks(/[^/]+)?": trans_late("AccessLogPage", "your search and browsing history"),
}
_RESOURCE_PATTERNS = [(re.compile(rf"^/?(v1/)?{pattern}/?$"), pattern) for pattern in _RESOURCES]


def resource_text(resource: str) -> str:
    """What was looked at, in words; an unknown path reads as "other data", not a path."""
    path = resource.split("?", 1)[0].strip()
    for compiled, pattern in _RESOURCE_PATTERNS:
        if compiled.match(path):
            return translate("AccessLogPage", _RESOURCES[pattern])
    return translate("AccessLogPage", "other data") if path else "—"


def entry_action_text(entry: AccessLogEntry) -> str:
    """What the entry did, in words; ending an assisted session is not a "Deleted"."""
    if entry.action == "delete" and entry.resource.startswith("/v1/assist/sessions"):
        if entry.role == "subject":
            return translate("AccessLogPage", "You ended the assisted session")
        return translate("AccessLogPage", "The assisted session was ended")
    return action_text(entry.action)


def chain_reason_text(reason: str | None) -> str:
    words = _REASONS.get(reason or "")
    return (
        translate("AccessLogPage", words)
        if words
        else (reason or translate("AccessLogPage", "unknown problem"))
    )


def chain_message(result: ChainResult) -> str:
    """The status line for a finished check: ✓ intact, or ✗ where and why it broke."""
    if result.ok:
        return translate(
            "AccessLogPage", "✓ The log's chain of fingerprints is intact ({0} entries)"
        ).format(result.checked)
    if result.first_broken_seq is not None:
        return translate("AccessLogPage", "✗ The log has been altered at entry #{0} ({1})").format(
            result.first_broken_seq, chain_reason_text(result.reason)
        )
    return translate("AccessLogPage", "✗ The log has been altered ({0})").format(
        chain_reason_text(result.reason)
    )


def session_state_text(session: AssistSession) -> str:
    if session.active:
        return translate("AccessLogPage", "Active")
    if session.ended_at is not None:
        return translate("AccessLogPage", "Ended {0}").format(display_text(session.ended_at))
    return translate("AccessLogPage", "Expired")


LOG_COLUMNS: list[Column[AccessLogEntry]] = [
    Column(trans_late("Columns", "Time"), lambda e: e.time),
    Column(trans_late("Columns", "Who"), lambda e: e.actor),
    Column(trans_late("Columns", "Role"), lambda e: role_text(e.role)),
    Column(trans_late("Columns", "Action"), entry_action_text),
    Column(
        trans_late("Columns", "What"),
        lambda e: resource_text(e.resource),
        tooltip=lambda e: resource_text(e.resource),
    ),
    Column(
        trans_late("Columns", "Reason"),
        lambda e: e.reason,
        tooltip=lambda e: e.reason or "",
    ),
    Column(trans_late("Columns", "#"), lambda e: e.seq, align_right=True),
]

SESSION_COLUMNS: list[Column[AssistSession]] = [
    Column(trans_late("Columns", "Agent"), lambda s: s.agent),
    Column(trans_late("Columns", "Reason"), lambda s: s.reason, tooltip=lambda s: s.reason),
    Column(trans_late("Columns", "Started"), lambda s: s.started_at),
    Column(trans_late("Columns", "Expires"), lambda s: s.expires_at),
    Column(trans_late("Columns", "State"), session_state_text),
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
