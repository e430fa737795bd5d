"""Human words for the shop's terms (legal bases, channels, technologies, recipient types).

Shared by the consents and sharing pages. Every string goes through
`QCoreApplication.translate("Terms", …)` with a literal source text so it can be translated;
an unknown term (a newer shop) is shown as the shop sent it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLocale


def _tr(text: str) -> str:
    return QCoreApplication.translate("Terms", text)


def chinese() -> bool:
    """True when the app speaks Chinese (the language set by ui.i18n or the system)."""
    return QLocale().language() == QLocale.Language.Chinese


def localized_title(title: str, title_zh: str) -> str:
    """The Chinese title when the app speaks Chinese and the shop gave one."""
    return title_zh if chinese() and title_zh else title


_LEGAL_BASES: dict[str, Callable[[], str]] = {
    "consent": lambda: _tr("Your consent"),
    "contract": lambda: _tr("Needed to fulfil your contract with the shop"),
    "legal_obligation": lambda: _tr("Required by law"),
    "legitimate_interest": lambda: _tr("The shop's legitimate interest"),
    "vital_interest": lambda: _tr("To protect someone's life or health"),
    "public_interest": lambda: _tr("A task in the public interest"),
}

_CHANNELS: dict[str, Callable[[], str]] = {
    "sms": lambda: _tr("Text messages (SMS)"),
    "email": lambda: _tr("E-mail"),
    "push": lambda: _tr("Push notifications"),
    "internal_letter": lambda: _tr("In-site letters"),
}

_TECHNOLOGIES: dict[str, Callable[[], str]] = {
    "cookie": lambda: _tr("Cookie"),
    "flash_cookie": lambda: _tr("Flash cookie"),
    "local_storage": lambda: _tr("Local storage"),
    "web_beacon": lambda: _tr("Web beacon"),
    "pixel_tag": lambda: _tr("Pixel tag"),
}

_PARTIES: dict[str, Callable[[], str]] = {
    "first": lambda: _tr("First party (the shop)"),
    "third": lambda: _tr("Third party"),
}

_RECIPIENT_TYPES: dict[str, Callable[[], str]] = {
    "advertising": lambda: _tr("Advertising"),
    "analytics": lambda: _tr("Analytics"),
    "logistics": lambda: _tr("Logistics"),
    "payment": lambda: _tr("Payment"),
    "infrastructure": lambda: _tr("Infrastructure / cloud"),
    "customer_service": lambda: _tr("Customer service"),
    "authority": lambda: _tr("Public authority"),
    "successor": lambda: _tr("Successor in a merger or acquisition"),
    "public": lambda: _tr("The public"),
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
    return _tr("✓ verified") if ok else _tr("✗ NOT verified")


def given_text(granted: bool) -> str:
    return _tr("Given") if granted else _tr("Withdrawn")


def identifiable_text(identifiable: bool) -> str:
    return _tr("Identifiable") if identifiable else _tr("Aggregated only")


__all__ = [
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
