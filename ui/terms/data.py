"""Human words for the My data and Orders pages: retention periods, sources, field names,
order and payment states, money.

Every string goes through `QCoreApplication.translate("Terms", …)` with a literal source text;
an unknown term (a newer shop) is shown as the shop sent it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QLocale

from client.models.data import Storage
from ui.formats import country_text, join_list
from ui.i18n import translate


def _lookup(table: dict[str, Callable[[], str]], key: str | None) -> str:
    if not key:
        return "—"
    words = table.get(key)
    return words() if words is not None else key


_SOURCES: dict[str, Callable[[], str]] = {
    "provided": lambda: translate("Terms", "Provided by you"),
    "collected": lambda: translate("Terms", "Collected when you use the shop"),
    "inferred": lambda: translate("Terms", "Inferred by the shop"),
    "partner": lambda: translate("Terms", "Received from a partner"),
}

_FIELDS: dict[str, Callable[[], str]] = {
    "phone": lambda: translate("Terms", "Mobile phone"),
    "email": lambda: translate("Terms", "E-mail"),
    "contact_name": lambda: translate("Terms", "Contact name"),
    "member_name": lambda: translate("Terms", "Member name"),
    "password": lambda: translate("Terms", "Password"),
    "real_name": lambda: translate("Terms", "Real name"),
    "gender": lambda: translate("Terms", "Gender"),
    "fixed_phone": lambda: translate("Terms", "Fixed phone"),
    "job": lambda: translate("Terms", "Job"),
    "main_business": lambda: translate("Terms", "Main business"),
    "id_verified": lambda: translate("Terms", "Identity verified"),
    "id_number_masked": lambda: translate("Terms", "ID number (masked)"),
}

_GROUPS: dict[str, Callable[[], str]] = {
    "membership": lambda: translate("Terms", "Membership"),
    "profile": lambda: translate("Terms", "Optional profile"),
    "verification": lambda: translate("Terms", "Identity verification"),
}

_GUARDIAN: dict[str, Callable[[], str]] = {
    "granted": lambda: translate("Terms", "a guardian has given consent"),
    "pending": lambda: translate("Terms", "waiting for a guardian's consent"),
    "refused": lambda: translate("Terms", "a guardian has refused consent"),
    "withdrawn": lambda: translate("Terms", "a guardian has withdrawn consent"),
    "not_needed": lambda: translate("Terms", "not needed"),
}

_ORDER_STATUSES: dict[str, Callable[[], str]] = {
    "pending": lambda: translate("Terms", "Pending"),
    "paid": lambda: translate("Terms", "Paid"),
    "shipped": lambda: translate("Terms", "Shipped"),
    "delivered": lambda: translate("Terms", "Delivered"),
    "completed": lambda: translate("Terms", "Completed"),
    "canceled": lambda: translate("Terms", "Canceled"),
    "cancelled": lambda: translate("Terms", "Canceled"),
    "refunded": lambda: translate("Terms", "Refunded"),
    "returned": lambda: translate("Terms", "Returned"),
}

_PAYMENT_METHODS: dict[str, Callable[[], str]] = {
    "bank_card": lambda: translate("Terms", "Bank card"),
    "card": lambda: translate("Terms", "Bank card"),
    "credit_card": lambda: translate("Terms", "Credit card"),
    "debit_card": lambda: translate("Terms", "Debit card"),
    "wallet": lambda: translate("Terms", "Wallet"),
    "alipay": lambda: translate("Terms", "Alipay"),
    "wechat_pay": lambda: translate("Terms", "WeChat Pay"),
    "pay_later": lambda: translate("Terms", "Pay later"),
    "cash_on_delivery": lambda: translate("Terms", "Cash on delivery"),
}

_PAYMENT_STATUSES: dict[str, Callable[[], str]] = {
    "paid": lambda: translate("Terms", "Paid"),
    "pending": lambda: translate("Terms", "Pending"),
    "unpaid": lambda: translate("Terms", "Not paid"),
    "refunded": lambda: translate("Terms", "Refunded"),
    "failed": lambda: translate("Terms", "Failed"),
}

_LOCATION_SOURCES: dict[str, Callable[[], str]] = {
    "ip": lambda: translate("Terms", "IP address"),
    "gps": lambda: translate("Terms", "GPS"),
    "wifi": lambda: translate("Terms", "Wi-Fi"),
    "cell": lambda: translate("Terms", "Base station"),
    "base_station": lambda: translate("Terms", "Base station"),
    "bluetooth": lambda: translate("Terms", "Bluetooth"),
}

_LOCATION_PERMISSIONS: dict[str, Callable[[], str]] = {
    "always": lambda: translate("Terms", "Location: always allowed"),
    "while_using": lambda: translate("Terms", "Location: only while using the app"),
    "denied": lambda: translate("Terms", "Location: not allowed"),
}


def storage_text(storage: Storage) -> str:
    """Where data is stored: 'China (CN), Aliyun (Hangzhou region)'."""
    return join_list([part for part in (country_text(storage.country), storage.vendor) if part])


def device_setting_text(key: str, value: object) -> str:
    """One setting of a device in words: 'Notifications on', 'Location: not allowed'.

    A setting the app does not know (a newer shop) reads as its name in words and its value,
    never as `key: value`.
    """
    on = bool(value) if isinstance(value, bool) else None
    if key == "notifications" and on is not None:
        if on:
            return translate("Terms", "Notifications on")
        return translate("Terms", "Notifications off")
    if key == "dark_mode" and on is not None:
        if on:
            return translate("Terms", "Dark mode on")
        return translate("Terms", "Dark mode off")
    if key == "location_permission" and str(value) in _LOCATION_PERMISSIONS:
        return _LOCATION_PERMISSIONS[str(value)]()
    if key == "language" and isinstance(value, str) and value:
        locale = QLocale(value.replace("-", "_"))
        name = locale.nativeLanguageName() if locale.language() != QLocale.Language.C else value
        return translate("Terms", "Language: {0}").format(name or value)
    words = key.replace("_", " ").strip().capitalize()
    if on is not None:
        shown = translate("Terms", "yes") if on else translate("Terms", "no")
    else:
        shown = str(value).replace("_", " ")
    return translate("Terms", "{0}: {1}").format(words, shown)


# Profile fields whose value is one of the shop's words, not something the shopper typed:
# shown in the UI language (a value the app does not know is shown as the shop sent it).
_FIELD_VALUES: dict[str, dict[str, Callable[[], str]]] = {
    "gender": {
        "female": lambda: translate("Terms", "Female"),
        "male": lambda: translate("Terms", "Male"),
        "other": lambda: translate("Terms", "Other"),
        "unknown": lambda: translate("Terms", "Not known"),
    },
    "id_verified": {
        "verified": lambda: translate("Terms", "Verified"),
        "unverified": lambda: translate("Terms", "Not verified"),
        "pending": lambda: translate("Terms", "Being checked"),
    },
}


def field_value_text(key: str, value: str | None) -> str:
    """A profile field's value as shown: the shop's word for a gender or a verification state
    in the UI language; anything else (a name, a number) exactly as it is."""
    words = _FIELD_VALUES.get(key, {}).get((value or "").strip().lower())
    return words() if words is not None else (value or "")


def language_tag_text(tag: str) -> str:
    """A language tag a server logged ("zh-CN") as the language's own name ("简体中文"), as the
    Devices tab shows a device's language; a tag Qt does not know is shown as it is."""
    if not tag:
        return "—"
    locale = QLocale(tag.replace("-", "_"))
    if locale.language() == QLocale.Language.C:
        return tag
    return locale.nativeLanguageName() or tag


_DEVICE_TYPES: dict[str, Callable[[], str]] = {
    "phone": lambda: translate("Terms", "Phone"),
    "tablet": lambda: translate("Terms", "Tablet"),
    "desktop": lambda: translate("Terms", "Computer"),
    "laptop": lambda: translate("Terms", "Laptop"),
    "pc": lambda: translate("Terms", "Computer"),
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
        return translate("Terms", "until the account is closed")
    match = _PERIOD.match(retention or "")
    if not match or not any(match.groups()):
        return retention or "—"
    years, months, weeks, days = (int(g) if g else 0 for g in match.groups())
    parts: list[str] = []
    if years:
        parts.append(
            translate("Terms", "1 year")
            if years == 1
            else translate("Terms", "{0} years").format(years)
        )
    if months:
        parts.append(
            translate("Terms", "1 month")
            if months == 1
            else translate("Terms", "{0} months").format(months)
        )
    if weeks:
        parts.append(
            translate("Terms", "1 week")
            if weeks == 1
            else translate("Terms", "{0} weeks").format(weeks)
        )
    if days:
        parts.append(
            translate("Terms", "1 day")
            if days == 1
            else translate("Terms", "{0} days").format(days)
        )
    return translate("Terms", ", ").join(parts)


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
    "storage_text",
]


def clause_text(clause: str | None, basis: str, title: str | None = None) -> str:
    """'§ 1.A' (with the section's title when known), or that the policy does not say it:
    a value the shop merely configured must not read as a promise of its policy."""
    if basis == "shop_configuration" or not clause:
        return translate("Terms", "Not stated in the policy (the shop's own setting)")
    return f"§ {clause} — {title}" if title else f"§ {clause}"


def retention_with_basis(retention: str, basis: str) -> str:
    """The retention period, marked when the policy states no period for it."""
    text = retention_text(retention)
    if basis == "shop_configuration":
        return translate("Terms", "{0} (shop's setting, not stated in the policy)").format(text)
    return text
