"""Helpers of the access-log page: words for roles, actions and chain problems; table models."""

from __future__ import annotations

import re

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
)

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


# Kinds of things an entry looked at, as the shop names them in `what.kind`, with the app's
# words for each (used when the shop sends no `what`: an older shop, or an older archive).
KIND_WORDS: dict[str, str] = {
    "access_log": str(QT_TRANSLATE_NOOP("AccessLogPage", "this access log")),
    "assist_code": str(QT_TRANSLATE_NOOP("AccessLogPage", "an assist code")),
    "assist_sessions": str(QT_TRANSLATE_NOOP("AccessLogPage", "your assisted sessions")),
    "assist_session": str(QT_TRANSLATE_NOOP("AccessLogPage", "an assisted session")),
    "consents": str(QT_TRANSLATE_NOOP("AccessLogPage", "your consents")),
    "consent": str(QT_TRANSLATE_NOOP("AccessLogPage", "one of your consents")),
    "consent_history": str(QT_TRANSLATE_NOOP("AccessLogPage", "your consent history")),
    "consent_receipt": str(QT_TRANSLATE_NOOP("AccessLogPage", "a consent receipt")),
    "subscriptions": str(QT_TRANSLATE_NOOP("AccessLogPage", "your subscriptions")),
    "subscription": str(QT_TRANSLATE_NOOP("AccessLogPage", "one of your subscriptions")),
    "cookies": str(QT_TRANSLATE_NOOP("AccessLogPage", "your cookie choices")),
    "data_categories": str(
        QT_TRANSLATE_NOOP("AccessLogPage", "what data the shop holds about you")
    ),
    "devices": str(QT_TRANSLATE_NOOP("AccessLogPage", "your devices")),
    "locations": str(QT_TRANSLATE_NOOP("AccessLogPage", "your locations")),
    "logs": str(QT_TRANSLATE_NOOP("AccessLogPage", "your sign-in records")),
    "decisions": str(QT_TRANSLATE_NOOP("AccessLogPage", "automated decisions about you")),
    "decision": str(QT_TRANSLATE_NOOP("AccessLogPage", "an automated decision about you")),
    "decision_requests": str(QT_TRANSLATE_NOOP("AccessLogPage", "your requests about decisions")),
    "export": str(QT_TRANSLATE_NOOP("AccessLogPage", "a copy of your data")),
    "me": str(QT_TRANSLATE_NOOP("AccessLogPage", "your account details")),
    "personalization": str(QT_TRANSLATE_NOOP("AccessLogPage", "your personalisation settings")),
    "notices": str(QT_TRANSLATE_NOOP("AccessLogPage", "notices from the shop")),
    "policy": str(QT_TRANSLATE_NOOP("AccessLogPage", "the privacy policy")),
    "policy_version": str(QT_TRANSLATE_NOOP("AccessLogPage", "a version of the privacy policy")),
    "orders": str(QT_TRANSLATE_NOOP("AccessLogPage", "your orders")),
    "order": str(QT_TRANSLATE_NOOP("AccessLogPage", "one of your orders")),
    "overview": str(QT_TRANSLATE_NOOP("AccessLogPage", "a summary of your data")),
    "recipients": str(QT_TRANSLATE_NOOP("AccessLogPage", "who received your data")),
    "recipient": str(QT_TRANSLATE_NOOP("AccessLogPage", "a recipient of your data")),
    "recipient_events": str(QT_TRANSLATE_NOOP("AccessLogPage", "what a recipient received")),
    "requests": str(QT_TRANSLATE_NOOP("AccessLogPage", "your privacy requests")),
    "request": str(QT_TRANSLATE_NOOP("AccessLogPage", "one of your privacy requests")),
    "request_result": str(QT_TRANSLATE_NOOP("AccessLogPage", "the result of one of your requests")),
    "rights": str(QT_TRANSLATE_NOOP("AccessLogPage", "your rights at this shop")),
    "tracks": str(QT_TRANSLATE_NOOP("AccessLogPage", "your search and browsing history")),
    "track": str(QT_TRANSLATE_NOOP("AccessLogPage", "an entry of your browsing history")),
    "tracks_activity": str(QT_TRANSLATE_NOOP("AccessLogPage", "your activity over time")),
    "tags": str(QT_TRANSLATE_NOOP("AccessLogPage", "your interest tags")),
    "tag": str(QT_TRANSLATE_NOOP("AccessLogPage", "one of your interest tags")),
    "other": str(QT_TRANSLATE_NOOP("AccessLogPage", "other information in your account")),
}

# The path of an entry → its kind, for entries without `what` (first match wins).
_PATH_KINDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"^/?(?:v1/)?{pattern}/?$"), kind)
    for pattern, kind in (
        (r"access-log(?:/head)?", "access_log"),
        (r"assist/codes", "assist_code"),
        (r"assist/sessions", "assist_sessions"),
        (r"assist/sessions/[^/]+", "assist_session"),
        (r"consents/history", "consent_history"),
        (r"consents/receipts/[^/]+", "consent_receipt"),
        (r"consents", "consents"),
        (r"consents/[^/]+", "consent"),
        (r"subscriptions", "subscriptions"),
        (r"subscriptions/[^/]+", "subscription"),
        (r"cookies", "cookies"),
        (r"data/categories", "data_categories"),
        (r"data/devices", "devices"),
        (r"data/locations", "locations"),
        (r"data/logs", "logs"),
        (r"decisions", "decisions"),
        (r"decisions/[^/]+", "decision"),
        (r"decision-requests", "decision_requests"),
        (r"export(?:/[^/]+)?", "export"),
        (r"me/personalization", "personalization"),
        (r"me", "me"),
        (r"notices", "notices"),
        (r"policy(?:/versions)?", "policy"),
        (r"policy/[^/]+(?:/acknowledge)?", "policy_version"),
        (r"orders", "orders"),
        (r"orders/[^/]+", "order"),
        (r"overview", "overview"),
        (r"recipients", "recipients"),
        (r"recipients/[^/]+/events", "recipient_events"),
        (r"recipients/[^/]+", "recipient"),
        (r"requests", "requests"),
        (r"requests/[^/]+/result", "request_result"),
        (r"requests/[^/]+(?:/[^/]+)?", "request"),
        (r"rights", "rights"),
        (r"tracks(?::delete)?", "tracks"),
        (r"tracks/activity", "tracks_activity"),
        (r"tracks/[^/]+", "track"),
        (r"tags", "tags"),
        (r"tags/[^/]+", "tag"),
    )
)

# Kinds in the groups the "What" filter offers (a shopper thinks "my orders", not "order").
KIND_GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "account": (
        str(QT_TRANSLATE_NOOP("AccessLogPage", "Your account and its data")),
        ("me", "personalization", "devices", "locations", "logs", "data_categories", "overview"),
    ),
    "browsing": (
        str(QT_TRANSLATE_NOOP("AccessLogPage", "Browsing history and interests")),
        ("tracks", "track", "tracks_activity", "tags", "tag"),
    ),
    "orders": (str(QT_TRANSLATE_NOOP("AccessLogPage", "Orders")), ("orders", "order")),
    "consents": (
        str(QT_TRANSLATE_NOOP("AccessLogPage", "Consents, subscriptions and cookies")),
        (
            "consents",
            "consent",
            "consent_history",
            "consent_receipt",
            "subscriptions",
            "subscription",
            "cookies",
        ),
    ),
    "sharing": (
        str(QT_TRANSLATE_NOOP("AccessLogPage", "Sharing with others")),
        ("recipients", "recipient", "recipient_events"),
    ),
    "decisions": (
        str(QT_TRANSLATE_NOOP("AccessLogPage", "Automated decisions")),
        ("decisions", "decision", "decision_requests"),
    ),
    "requests": (
        str(QT_TRANSLATE_NOOP("AccessLogPage", "Requests and copies of your data")),
        ("requests", "request", "request_result", "export", "rights"),
    ),
    "assist": (
        str(QT_TRANSLATE_NOOP("AccessLogPage", "Assisted sessions")),
        ("assist_code", "assist_sessions", "assist_session"),
    ),
    "shop": (
        str(QT_TRANSLATE_NOOP("AccessLogPage", "Notices, the policy and this log")),
        ("notices", "policy", "policy_version", "access_log", "other"),
    ),
}
_GROUP_OF_KIND = {kind: group for group, (_t, kinds) in KIND_GROUPS.items() for kind in kinds}

# Who made an entry, as the "Who" filter offers it.
WHO: dict[str, str] = {
    "you": str(QT_TRANSLATE_NOOP("AccessLogPage", "You (changes)")),
    "app": str(QT_TRANSLATE_NOOP("AccessLogPage", "This app (reads for you)")),
    "agent": str(QT_TRANSLATE_NOOP("AccessLogPage", "Customer service agents")),
    "guardian": str(QT_TRANSLATE_NOOP("AccessLogPage", "Your guardian")),
    "shop": str(QT_TRANSLATE_NOOP("AccessLogPage", "Shop staff and systems")),
}


def path_kind(resource: str) -> str:
    """The kind of thing an API path is about; "other" for a path the app does not know."""
    path = resource.split("?", 1)[0].strip()
    for compiled, kind in _PATH_KINDS:
        if compiled.match(path):
            return kind
    return "other"


def entry_kind(entry: AccessLogEntry) -> str:
    if entry.what is not None and entry.what.kind in KIND_WORDS:
        return entry.what.kind
    return path_kind(entry.resource)


def kind_group(kind: str) -> str:
    return _GROUP_OF_KIND.get(kind, "shop")


def resource_text(resource: str) -> str:
    """What a path looked at, in the app's words; never the path."""
    return _tr(KIND_WORDS[path_kind(resource)]) if resource.strip() else "—"


def what_text(entry: AccessLogEntry) -> str:
    """What the entry looked at: the shop's words (in the UI language, which the app asks
    for), else the app's own words for the path."""
    if entry.what is not None and entry.what.text.strip():
        return entry.what.text
    return resource_text(entry.resource)


def who_of(entry: AccessLogEntry) -> str:
    """you | app | agent | guardian | shop. The shopper's reads are the app's: it loads each
    page's data for them (and in the background); the shopper's changes are theirs."""
    role = str(entry.role)
    if role == "agent":
        return "agent"
    if role == "guardian":
        return "guardian"
    if role == "subject":
        return "app" if entry.action == "read" else "you"
    return "shop"


def agent_name(entry: AccessLogEntry) -> str:
    return entry.actor_display or entry.actor


def who_text(entry: AccessLogEntry) -> str:
    who = who_of(entry)
    if who == "agent":
        return _tr("{0} · customer service agent").format(agent_name(entry))
    if who == "app":
        return _tr("This app, for you")
    if who == "you":
        return _tr("You")
    if who == "guardian":
        return _tr("Your guardian {0}").format(entry.actor_display or entry.actor)
    return _tr("The shop ({0})").format(entry.actor) if entry.actor else _tr("The shop")


def session_key(entry: AccessLogEntry) -> str | None:
    """The assisted session an entry belongs to: the shop says so, else (older entries) an
    agent's entries with the same agent and reason belong together."""
    if entry.assist_session_id:
        return entry.assist_session_id
    if entry.role == "agent":
        return f"{entry.actor}\x1f{entry.reason or ''}"
    if entry.action == "delete" and path_kind(entry.resource) == "assist_session":
        return entry.resource.rstrip("/").rsplit("/", 1)[-1]
    return None


def entry_action_text(entry: AccessLogEntry) -> str:
    """What the entry did, in words; ending an assisted session is not a "Deleted"."""
    if entry.action == "delete" and entry_kind(entry) == "assist_session":
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
    Column(str(QT_TRANSLATE_NOOP("Columns", "Who")), who_text),
    Column(str(QT_TRANSLATE_NOOP("Columns", "Action")), entry_action_text),
    Column(str(QT_TRANSLATE_NOOP("Columns", "What")), what_text, tooltip=what_text),
    Column(
        str(QT_TRANSLATE_NOOP("Columns", "Reason")),
        lambda e: e.reason,
        tooltip=lambda e: e.reason or "",
    ),
    Column(str(QT_TRANSLATE_NOOP("Columns", "#")), lambda e: e.seq, align_right=True),
]

SESSION_COLUMNS: list[Column[AssistSession]] = [
    Column(
        str(QT_TRANSLATE_NOOP("Columns", "Agent")),
        lambda s: QCoreApplication.translate(
            "AccessLogPage", "{0} · customer service agent"
        ).format(s.agent_name),
    ),
    Column(
        str(QT_TRANSLATE_NOOP("Columns", "Reason")), lambda s: s.reason, tooltip=lambda s: s.reason
    ),
    Column(str(QT_TRANSLATE_NOOP("Columns", "Started")), lambda s: s.started_at),
    Column(str(QT_TRANSLATE_NOOP("Columns", "Expires")), lambda s: s.expires_at),
    Column(str(QT_TRANSLATE_NOOP("Columns", "State")), session_state_text),
    # The "End now" button of an active session covers this cell; its words are the cell's
    # text so that the column is fitted to the button and never squeezes it.
    Column("", lambda s: _tr("End now") if s.active else ""),
]


class AccessLogModel(PagedTableModel[AccessLogEntry]):
    """The log as loaded from the shop, page by page (shown through `LogRowsModel`)."""
