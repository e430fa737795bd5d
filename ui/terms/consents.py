"""Human words for the shop's terms (legal bases, channels, technologies, recipient types).

Shared by the consents and sharing pages. Every string goes through
`QCoreApplication.translate("Terms", …)` with a literal source text so it can be translated;
an unknown term (a newer shop) is shown as the shop sent it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QLocale

from client.models.data import DataCategory
from ui.formats import join_list
from ui.i18n import translate


def chinese() -> bool:
    """True when the app speaks Chinese (the language set by ui.i18n or the system)."""
    return QLocale().language() == QLocale.Language.Chinese


def localized_title(title: str, title_zh: str) -> str:
    """The Chinese title when the app speaks Chinese and the shop gave one."""
    return title_zh if chinese() and title_zh else title


_LEGAL_BASES: dict[str, Callable[[], str]] = {
    "consent": lambda: translate("Terms", "Your consent"),
    "contract": lambda: translate("Terms", "Needed to fulfil your contract with the shop"),
    "legal_obligation": lambda: translate("Terms", "Required by law"),
    "legitimate_interest": lambda: translate("Terms", "The shop's legitimate interest"),
    "vital_interest": lambda: translate("Terms", "To protect someone's life or health"),
    "public_interest": lambda: translate("Terms", "A task in the public interest"),
}

_CHANNELS: dict[str, Callable[[], str]] = {
    "sms": lambda: translate("Terms", "Text messages (SMS)"),
    "email": lambda: translate("Terms", "E-mail"),
    "push": lambda: translate("Terms", "Push notifications"),
    "internal_letter": lambda: translate("Terms", "In-site letters"),
}

_TECHNOLOGIES: dict[str, Callable[[], str]] = {
    "cookie": lambda: translate("Terms", "Cookie"),
    "flash_cookie": lambda: translate("Terms", "Flash cookie"),
    "local_storage": lambda: translate("Terms", "Local storage"),
    "web_beacon": lambda: translate("Terms", "Web beacon"),
    "pixel_tag": lambda: translate("Terms", "Pixel tag"),
}

_PARTIES: dict[str, Callable[[], str]] = {
    "first": lambda: translate("Terms", "First party (the shop)"),
    "third": lambda: translate("Terms", "Third party"),
}

_RECIPIENT_TYPES: dict[str, Callable[[], str]] = {
    "advertising": lambda: translate("Terms", "Advertising"),
    "analytics": lambda: translate("Terms", "Analytics"),
    "logistics": lambda: translate("Terms", "Logistics"),
    "payment": lambda: translate("Terms", "Payment"),
    "infrastructure": lambda: translate("Terms", "Infrastructure / cloud"),
    "customer_service": lambda: translate("Terms", "Customer service"),
    "authority": lambda: translate("Terms", "Public authority"),
    "successor": lambda: translate("Terms", "Successor in a merger or acquisition"),
    "public": lambda: translate("Terms", "The public"),
}


def _lookup(table: dict[str, Callable[[], str]], key: str | None) -> str:
    if key is None:
        return "—"
    words = table.get(key)
    return words() if words is not None else key


def legal_basis_text(basis: str) -> str:
    return _lookup(_LEGAL_BASES, basis)


def channel_text(channel: str) -> str:
    return _lookup(_CHANNELS, channel)


def technology_text(technology: str) -> str:
    return _lookup(_TECHNOLOGIES, technology)


def party_text(party: str) -> str:
    return _lookup(_PARTIES, party)


def recipient_type_text(kind: str) -> str:
    return _lookup(_RECIPIENT_TYPES, kind)


def verified_text(ok: bool) -> str:
    return translate("Terms", "✓ verified") if ok else translate("Terms", "✗ NOT verified")


def given_text(granted: bool) -> str:
    return translate("Terms", "Given") if granted else translate("Terms", "Withdrawn")


def identifiable_text(identifiable: bool) -> str:
    return (
        translate("Terms", "Identifiable")
        if identifiable
        else translate("Terms", "Aggregated only")
    )


class CategoryNames:
    """Category key → the shop's title for it in the UI language (the key itself only when the
    shop does not list that category). Filled from the shop's list of data categories."""

    def __init__(self) -> None:
        self._titles: dict[str, str] = {}

    def update(self, categories: Sequence[DataCategory]) -> None:
        self._titles = {c.key: localized_title(c.title, c.title_zh) for c in categories}

    def name(self, key: str) -> str:
        return self._titles.get(key, key)

    def names(self, keys: Sequence[str]) -> str:
        return join_list([self.name(k) for k in keys])


__all__ = [
    "CategoryNames",
    "channel_text",
    "chinese",
    "given_text",
    "identifiable_text",
    "legal_basis_text",
    "localized_title",
    "party_text",
    "recipient_type_text",
    "technology_text",
    "verified_text",
]
