"""Human words for what a shop's policy promises beyond the rights card: customer-service
channels, sharing-event kinds, data-protection agreements, statutory no-consent exceptions,
refusal consequences, transfers abroad and orders placed for someone else.

Each promise is shown with its clause ("§ 1.F.8 — title") or as the shop's own setting when the
policy is silent, never as a promise the policy did not make. Every string goes through
`translate("Terms", …)` with a literal source text; remote text (summaries, scopes, the
exception's words) is passed through for plain-text labels to show.
"""

from __future__ import annotations

from collections.abc import Callable

from client.models.rights import RightsTerm
from client.models.sharing import Agreement
from ui.formats import country_name, format_date
from ui.i18n import translate
from ui.terms.data import clause_text

_CHANNELS: dict[str, Callable[[], str]] = {
    "phone": lambda: translate("Terms", "Phone call"),
    "online_chat": lambda: translate("Terms", "Online chat"),
    "email": lambda: translate("Terms", "E-mail"),
    "letter": lambda: translate("Terms", "Letter"),
}

_EVENT_KINDS: dict[str, Callable[[], str]] = {
    "disclosure": lambda: translate("Terms", "Shared with a partner"),
    "merger_transfer": lambda: translate("Terms", "Transferred in a merger or acquisition"),
    "public_disclosure": lambda: translate("Terms", "Made public"),
}


def service_channel_text(channel: str) -> str:
    words = _CHANNELS.get(channel)
    return words() if words is not None else channel


def event_kind_text(kind: str) -> str:
    words = _EVENT_KINDS.get(kind)
    return words() if words is not None else kind


def duration_text(seconds: int | None) -> str | None:
    if seconds is None:
        return None
    minutes, rest = divmod(max(seconds, 0), 60)
    return translate("Terms", "{0} min {1} s").format(minutes, rest)


def term_clause(term: RightsTerm) -> str:
    return clause_text(term.clause, term.basis, term.clause_title)


def exception_text(term: RightsTerm | None) -> str:
    """Which statutory case lets the shop do this without consent, or that it relies on none."""
    if term is None:
        return translate("Terms", "No exception: this needs your consent or another stated basis.")
    return translate("Terms", "No consent needed: {0} ({1})").format(term.text, term_clause(term))


def refusal_text(term: RightsTerm | None) -> str:
    if term is None:
        return translate("Terms", "The shop states no consequence of refusing.")
    return translate("Terms", "If you refuse: {0} ({1})").format(term.text, term_clause(term))


def agreement_text(agreement: Agreement | None) -> str:
    if agreement is None:
        return translate("Terms", "The shop says nothing about an agreement with this recipient.")
    if not agreement.exists:
        return translate("Terms", "No data-protection agreement (not a contracted partner).")
    signed = format_date(agreement.signed_at) if agreement.signed_at else "—"
    return translate("Terms", "Data-protection agreement signed {0}: {1} ({2})").format(
        signed,
        agreement.scope or "—",
        clause_text(agreement.clause, agreement.basis, agreement.clause_title),
    )


def agreement_short(agreement: Agreement | None) -> str:
    if agreement is None or not agreement.exists:
        return translate("Terms", "None")
    return format_date(agreement.signed_at) if agreement.signed_at else translate("Terms", "Yes")


def transfer_text(country: str | None, clause: str | None, basis: str, title: str | None) -> str:
    if not country:
        return ""
    return translate(
        "Terms", "Your data goes abroad, to {0}, only with this consent ({1})."
    ).format(country_name(country), clause_text(clause, basis, title))
