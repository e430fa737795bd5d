"""Helpers of the access-log page: words for roles, actions and chain problems; table models."""

from __future__ import annotations

import re

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
)

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
    "guardian": trans_late("AccessLogPage", "Guardian"),
    "system": trans_late("AccessLogPage", "System"),
}
_ACTIONS = {
    "read": trans_late("AccessLogPage", "Viewed"),
    "create": trans_late("AccessLogPage", "Created"),
    "update": trans_late("AccessLogPage", "Changed"),
    "delete": trans_late("AccessLogPage", "Deleted"),
    "assist_start": trans_late("AccessLogPage", "Started an assisted session"),
    "guardian_start": trans_late("AccessLogPage", "Opened your dashboard as your guardian"),
    "guardian_closed": trans_late(
        "AccessLogPage", "Closed their account, which ended your guardian link"
    ),
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


# Kinds of things an entry looked at, as the shop names them in `what.kind`, with the app's
# words for each (used when the shop sends no `what`: an older shop, or an older archive).
KIND_WORDS: dict[str, str] = {
    "access_log": trans_late("AccessLogPage", "this access log"),
    "assist_code": trans_late("AccessLogPage", "an assist code"),
    "assist_sessions": trans_late("AccessLogPage", "your assisted sessions"),
    "assist_session": trans_late("AccessLogPage", "an assisted session"),
    "consents": trans_late("AccessLogPage", "your consents"),
    "consent": trans_late("AccessLogPage", "one of your consents"),
    "consent_history": trans_late("AccessLogPage", "your consent history"),
    "consent_receipt": trans_late("AccessLogPage", "a consent receipt"),
    "subscriptions": trans_late("AccessLogPage", "your subscriptions"),
    "subscription": trans_late("AccessLogPage", "one of your subscriptions"),
    "cookies": trans_late("AccessLogPage", "your cookie choices"),
    "data_categories": trans_late("AccessLogPage", "what data the shop holds about you"),
    "devices": trans_late("AccessLogPage", "your devices"),
    "locations": trans_late("AccessLogPage", "your locations"),
    "logs": trans_late("AccessLogPage", "your sign-in records"),
    "decisions": trans_late("AccessLogPage", "automated decisions about you"),
    "decision": trans_late("AccessLogPage", "an automated decision about you"),
    "decision_requests": trans_late("AccessLogPage", "your requests about decisions"),
    "export": trans_late("AccessLogPage", "a copy of your data"),
    "me": trans_late("AccessLogPage", "your account details"),
    "personalization": trans_late("AccessLogPage", "your personalisation settings"),
    "notices": trans_late("AccessLogPage", "notices from the shop"),
    "policy": trans_late("AccessLogPage", "the privacy policy"),
    "policy_version": trans_late("AccessLogPage", "a version of the privacy policy"),
    "orders": trans_late("AccessLogPage", "your orders"),
    "order": trans_late("AccessLogPage", "one of your orders"),
    "overview": trans_late("AccessLogPage", "a summary of your data"),
    "recipients": trans_late("AccessLogPage", "who received your data"),
    "recipient": trans_late("AccessLogPage", "a recipient of your data"),
    "recipient_events": trans_late("AccessLogPage", "what a recipient received"),
    "requests": trans_late("AccessLogPage", "your privacy requests"),
    "request": trans_late("AccessLogPage", "one of your privacy requests"),
    "request_result": trans_late("AccessLogPage", "the result of one of your requests"),
    "rights": trans_late("AccessLogPage", "your rights at this shop"),
    "tracks": trans_late("AccessLogPage", "your search and browsing history"),
    "track": trans_late("AccessLogPage", "an entry of your browsing history"),
    "tracks_activity": trans_late("AccessLogPage", "your activity over time"),
    "tags": trans_late("AccessLogPage", "your interest tags"),
    "tag": trans_late("AccessLogPage", "one of your interest tags"),
    "service_contacts": trans_late("AccessLogPage", "your customer-service records"),
    "impact_assessments": trans_late("AccessLogPage", "the shop's impact assessments"),
    "incidents": trans_late("AccessLogPage", "security incident notices"),
    "incident": trans_late("AccessLogPage", "a security incident notice"),
    "guardians": trans_late("AccessLogPage", "guardian links"),
    "guardian_session": trans_late("AccessLogPage", "a guardian's view of a ward's data"),
    "account_consent": trans_late("AccessLogPage", "a guardian's consent to an account"),
    "other": trans_late("AccessLogPage", "other information in your account"),
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
        (r"data/service-contacts", "service_contacts"),
        (r"impact-assessments", "impact_assessments"),
        (r"incidents(?:/counts)?", "incidents"),
        (r"incidents/[^/]+(?:/read)?", "incident"),
        (r"guardian/(?:wards|links)", "guardians"),
        (r"guardian/wards/[^/]+/session", "guardian_session"),
        (r"guardian/wards/[^/]+/account-consent", "account_consent"),
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
        (r"requests/[^/]+(?:/.+)?", "request"),
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
        trans_late("AccessLogPage", "Your account and its data"),
        (
            "me",
            "personalization",
            "devices",
            "locations",
            "logs",
            "data_categories",
            "overview",
            "service_contacts",
            "guardians",
            "guardian_session",
            "account_consent",
        ),
    ),
    "browsing": (
        trans_late("AccessLogPage", "Browsing history and interests"),
        ("tracks", "track", "tracks_activity", "tags", "tag"),
    ),
    "orders": (trans_late("AccessLogPage", "Orders"), ("orders", "order")),
    "consents": (
        trans_late("AccessLogPage", "Consents, subscriptions and cookies"),
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
        trans_late("AccessLogPage", "Sharing with others"),
        ("recipients", "recipient", "recipient_events"),
    ),
    "decisions": (
        trans_late("AccessLogPage", "Automated decisions"),
        ("decisions", "decision", "decision_requests"),
    ),
    "requests": (
        trans_late("AccessLogPage", "Requests and copies of your data"),
        ("requests", "request", "request_result", "export", "rights"),
    ),
    "assist": (
        trans_late("AccessLogPage", "Assisted sessions"),
        ("assist_code", "assist_sessions", "assist_session"),
    ),
    "shop": (
        trans_late("AccessLogPage", "Notices, the policy and this log"),
        (
            "notices",
            "policy",
            "policy_version",
            "access_log",
            "impact_assessments",
            "incidents",
            "incident",
            "other",
        ),
    ),
}
_GROUP_OF_KIND = {kind: group for group, (_t, kinds) in KIND_GROUPS.items() for kind in kinds}

# Who made an entry, as the "Who" filter offers it.
WHO: dict[str, str] = {
    "you": trans_late("AccessLogPage", "You (changes)"),
    "app": trans_late("AccessLogPage", "This app (reads for you)"),
    "agent": trans_late("AccessLogPage", "Customer service agents"),
    "guardian": trans_late("AccessLogPage", "Your guardian"),
    "shop": trans_late("AccessLogPage", "Shop staff and systems"),
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
    return translate("AccessLogPage", KIND_WORDS[path_kind(resource)]) if resource.strip() else "—"


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
        return translate("AccessLogPage", "{0} · customer service agent").format(agent_name(entry))
    if who == "app":
        return translate("AccessLogPage", "This app, for you")
    if who == "you":
        return translate("AccessLogPage", "You")
    if who == "guardian":
        return translate("AccessLogPage", "Your guardian {0}").format(
            entry.actor_display or entry.actor
        )
    return (
        translate("AccessLogPage", "The shop ({0})").format(entry.actor)
        if entry.actor
        else translate("AccessLogPage", "The shop")
    )


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
    # when it stops (or stopped) is part of its state: no separate column, so the table fits
    # beside the assist code at 1024×640
    if session.active:
        return translate("AccessLogPage", "Active until {0}").format(
            display_text(session.expires_at)
        )
    if session.ended_at is not None:
        return translate("AccessLogPage", "Ended {0}").format(display_text(session.ended_at))
    return translate("AccessLogPage", "Expired {0}").format(display_text(session.expires_at))


LOG_COLUMNS: list[Column[AccessLogEntry]] = [
    Column(trans_late("Columns", "Time"), lambda e: e.time),
    Column(trans_late("Columns", "Who"), who_text),
    Column(trans_late("Columns", "Action"), entry_action_text),
    Column(trans_late("Columns", "What"), what_text, tooltip=what_text),
    Column(
        trans_late("Columns", "Reason"),
        lambda e: e.reason,
        tooltip=lambda e: e.reason or "",
    ),
    Column(trans_late("Columns", "#"), lambda e: e.seq, align_right=True),
]

SESSION_COLUMNS: list[Column[AssistSession]] = [
    Column(
        trans_late("Columns", "Agent"),
        lambda s: translate("AccessLogPage", "{0} · customer service agent").format(s.agent_name),
    ),
    Column(trans_late("Columns", "Reason"), lambda s: s.reason, tooltip=lambda s: s.reason),
    Column(trans_late("Columns", "Started"), lambda s: s.started_at),
    Column(trans_late("Columns", "State"), session_state_text),
    # The "End now" button of an active session covers this cell; its words are the cell's
    # text so that the column is fitted to the button and never squeezes it.
    Column("", lambda s: translate("AccessLogPage", "End now") if s.active else ""),
]


class AccessLogModel(PagedTableModel[AccessLogEntry]):
    """The log as loaded from the shop, page by page (shown through `LogRowsModel`)."""
