"""Human words for the My data and Orders pages: retention periods, sources, field names,
order and payment states, money.

Every string goes through `QCoreApplication.translate("Terms", …)` with a literal source text;
an unknown term (a newer shop) is shown as the shop sent it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLocale


def _tr(text: str) -> str:
    return QCoreApplication.translate("Terms", text)


def _lookup(table: dict[str, Callable[[], str]], key: str | None) -> str:
    if not key:
        return "—"
    words = table.get(key)
    return words() if words is not None else key


_SOURCES: dict[str, Callable[[], str]] = {
    "provided": lambda: _tr("Provided by you"),
    "collected": lambda: _tr("Collected when you use the shop"),
    "inferred": lambda: _tr("Inferred by the shop"),
    "partner": lambda: _tr("Received from a partner"),
}

_FIELDS: dict[str, Callable[[], str]] = {
    "phone": lambda: _tr("Mobile phone"),
    "email": lambda: _tr("E-mail"),
    "contact_name": lambda: _tr("Contact name"),
    "member_name": lambda: _tr("Member name"),
    "password": lambda: _tr("Password"),
    "real_name": lambda: _tr("Real name"),
    "gender": lambda: _tr("Gender"),
    "fixed_phone": lambda: _tr("Fixed phone"),
    "job": lambda: _tr("Job"),
    "main_business": lambda: _tr("Main business"),
    "id_verified": lambda: _tr("Identity verified"),
    "id_number_masked": lambda: _tr("ID number (masked)"),
}

_GROUPS: dict[str, Callable[[], str]] = {
    "membership": lambda: _tr("Membership"),
    "profile": lambda: _tr("Optional profile"),
    "verification": lambda: _tr("Identity verification"),
}

_GUARDIAN: dict[str, Callable[[], str]] = {
    "granted": lambda: _tr("a guardian has given consent"),
    "pending": lambda: _tr("waiting for a guardian's consent"),
    "refused": lambda: _tr("a guardian has refused consent"),
    "withdrawn": lambda: _tr("a guardian has withdrawn consent"),
    "not_needed": lambda: _tr("not needed"),
}

_ORDER_STATUSES: dict[str, Callable[[], str]] = {
    "pending": lambda: _tr("Pending"),
    "paid": lambda: _tr("Paid"),
    "shipped": lambda: _tr("Shipped"),
    "delivered": lambda: _tr("Delivered"),
    "completed": lambda: _tr("Completed"),
    "canceled": lambda: _tr("Canceled"),
    "cancelled": lambda: _tr("Canceled"),
    "refunded": lambda: _tr("Refunded"),
    "returned": lambda: _tr("Returned"),
}

_PAYMENT_METHODS: dict[str, Callable[[], str]] = {
    "bank_card": lambda: _tr("Bank card"),
    "card": lambda: _tr("Bank card"),
    "credit_card": lambda: _tr("Credit card"),
    "debit_card": lambda: _tr("Debit card"),
    "wallet": lambda: _tr("Wallet"),
    "alipay": lambda: _tr("Alipay"),
    "wechat_pay": lambda: _tr("WeChat Pay"),
    "pay_later": lambda: _tr("Pay later"),
    "cash_on_delivery": lambda: _tr("Cash on delivery"),
}

_PAYMENT_STATUSES: dict[str, Callable[[], str]] = {
    "paid": lambda: _tr("Paid"),
    "pending": lambda: _tr("Pending"),
    "unpaid": lambda: _tr("Not paid"),
    "refunded": lambda: _tr("Refunded"),
    "failed": lambda: _tr("Failed"),
}

_LOCATION_SOURCES: dict[str, Callable[[], str]] = {
    "ip": lambda: _tr("IP address"),
    "gps": lambda: _tr("GPS"),
    "wifi": lambda: _tr("Wi-Fi"),
    "cell": lambda: _tr("Base station"),
    "base_station": lambda: _tr("Base station"),
    "bluetooth": lambda: _tr("Bluetooth"),
}

_LOCATION_PERMISSIONS: dict[str, Callable[[], str]] = {
    "always": lambda: _tr("Location: always allowed"),
    "while_using": lambda: _tr("Location: only while using the app"),
    "denied": lambda: _tr("Location: not allowed"),
}


def device_setting_text(key: str, value: object) -> str:
    """One setting of a device in words: 'Notifications on', 'Location: not allowed'.

    A setting the app does not know (a newer shop) reads as its name in words and its value,
    never as `key: value`.
    """
    on = bool(value) if isinstance(value, bool) else None
    if key == "notifications" and on is not None:
        return _tr("Notifications on") if on else _tr("Notifications off")
    if key == "dark_mode" and on is not None:
        return _tr("Dark mode on") if on else _tr("Dark mode off")
    if key == "location_permission" and str(value) in _LOCATION_PERMISSIONS:
        return _LOCATION_PERMISSIONS[str(value)]()
    if key == "language" and isinstance(value, str) and value:
        locale = QLocale(value.replace("-", "_"))
        name = locale.nativeLanguageName() if locale.language() != QLocale.Language.C else value
        return _tr("Language: {0}").format(name or value)
    words = key.replace("_", " ").strip().capitalize()
    shown = (_tr("yes") if on else _tr("no")) if on is not None else str(value).replace("_", " ")
    return _tr("{0}: {1}").format(words, shown)

_DEVICE_TYPES: dict[str, Callable[[], str]] = {
    "phone": lambda: _tr("Phone"),
    "tablet": lambda: _tr("Tablet"),
    "desktop": lambda: _tr("Computer"),
    "laptop": lambda: _tr("Laptop"),
    "pc": lambda: _tr("Computer"),
}


def source_text(source: str) -> str:
    return _lookup(_SOURCES, source)


def field_text(key: str) -> str:
    return _lookup(_FIELDS, key)


def group_text(group: str) -> str:
    return _lookup(_GROUPS, group)


def guardian_text(state: str) -> str:
    return _lookup(_GUARDIAN, state)


def order_status_text(status: str) -> str:
    return _lookup(_ORDER_STATUSES, status)


def payment_method_text(method: str) -> str:
    return _lookup(_PAYMENT_METHODS, method)


def payment_status_text(status: str) -> str:
    return _lookup(_PAYMENT_STATUSES, status)


def location_source_text(source: str) -> str:
    return _lookup(_LOCATION_SOURCES, source)


def device_type_text(kind: str) -> str:
    return _lookup(_DEVICE_TYPES, kind)


_PERIOD = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


def retention_text(retention: str) -> str:
    """'P3Y' → '3 years'; 'until_account_closed' → 'until the account is closed'."""
    if retention in ("until_account_closed", "until_account_cancelled", "permanent"):
        return _tr("until the account is closed")
    match = _PERIOD.match(retention or "")
    if not match or not any(match.groups()):
        return retention or "—"
    years, months, weeks, days = (int(g) if g else 0 for g in match.groups())
    parts: list[str] = []
    if years:
        parts.append(_tr("1 year") if years == 1 else _tr("{0} years").format(years))
    if months:
        parts.append(_tr("1 month") if months == 1 else _tr("{0} months").format(months))
    if weeks:
        parts.append(_tr("1 week") if weeks == 1 else _tr("{0} weeks").format(weeks))
    if days:
        parts.append(_tr("1 day") if days == 1 else _tr("{0} days").format(days))
    return _tr(", ").join(parts)


def money_text(cents: int, currency: str) -> str:
    """An amount in the app's locale, e.g. 'CN¥2,169.00' or '¥2,169.00'."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:  # no locale set: plain English grouping
        locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    symbol = _CURRENCY_SYMBOLS.get(currency, currency + " ")
    return locale.toCurrencyString(cents / 100, symbol)


_CURRENCY_SYMBOLS = {"CNY": "¥", "USD": "US$", "EUR": "€", "HKD": "HK$", "JPY": "JP¥", "GBP": "£"}


__all__ = [
    "device_setting_text",
    "device_type_text",
    "field_text",
    "group_text",
    "guardian_text",
    "location_source_text",
    "money_text",
    "order_status_text",
    "payment_method_text",
    "payment_status_text",
    "retention_text",
    "source_text",
]


def clause_text(clause: str | None, basis: str, title: str | None = None) -> str:
    """'§ 1.A' (with the section's title when known), or that the policy does not say it:
    a value the shop merely configured must not read as a promise of its policy."""
    if basis == "shop_configuration" or not clause:
        return _tr("Not stated in the policy (the shop's own setting)")
    return f"§ {clause} — {title}" if title else f"§ {clause}"


def retention_with_basis(retention: str, basis: str) -> str:
    """The retention period, marked when the policy states no period for it."""
    text = retention_text(retention)
    if basis == "shop_configuration":
        return _tr("{0} (shop's setting, not stated in the policy)").format(text)
    return text
