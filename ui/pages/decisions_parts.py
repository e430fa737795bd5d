"""Helpers of the automated-decisions page: words for codes, table columns, weight bars."""

from __future__ import annotations

import math
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
)
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from client.models.orders import Decision, Factor
from ui.formats import format_percent
from ui.models.columns import RAW_ROLE, Column

CONTEXT = "DecisionsPage"

_KINDS = {
    "risk_flag": "Risk flag",
    "transaction_block": "Blocked transaction",
    "coupon_eligibility": "Coupon eligibility",
    "credit_limit": "Credit / pay-later eligibility",
}
_SIGNIFICANCE = {"low": "Low", "medium": "Medium", "high": "High"}
_STATUS = {
    "identity_unverified": "waiting for identity verification",
    "pending": "received",
    "in_progress": "in progress",
    "extended": "extended",
    "completed": "completed",
    "denied": "denied",
    "canceled": "canceled",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def kind_text(kind: str) -> str:
    """The decision kind in words (unknown kinds are shown as the shop sent them)."""
    words = _KINDS.get(kind)
    return _tr(words) if words else (kind or "—")


def significance_text(value: str) -> str:
    words = _SIGNIFICANCE.get(value)
    return _tr(words) if words else value


def status_text(status: str) -> str:
    words = _STATUS.get(status)
    return _tr(words) if words else status


# The demo shops' factor identifiers in words; a newer shop's unknown factor is shown with its
# underscores turned into spaces rather than as an identifier.
_FACTORS = {
    "new_device": "Signing in from a new device",
    "login_city_change": "Signing in from another city",
    "night_time_login": "Signing in at night",
    "amount_vs_history": "Amount compared with your past orders",
    "shipping_address_new": "A new delivery address",
    "card_recently_added": "A recently added card",
    "category_affinity": "Categories you often look at",
    "days_since_last_order": "Days since your last order",
    "basket_size": "Number of items in your basket",
    "account_age": "How long you have had the account",
    "on_time_repayments": "Repayments made on time",
    "order_frequency": "How often you order",
    "age_check": "Age check",
    "address_change_after_payment": "Delivery address changed after payment",
    "order_value": "Order value",
    "previous_orders": "Your previous orders",
}

# Which of the shopper's data a decision input is, and the page that shows it.
_INPUTS = {
    "orders": "Your orders",
    "payments": "Your payments",
    "tracks": "What you browsed and searched",
    "tags": "Your interest tags",
    "devices": "Your devices",
    "locations": "Your locations",
    "logs": "Your sign-in records",
    "account": "Your account details",
    "identity_verification": "Your identity verification",
    "profile": "Your profile",
    "sharing": "What was shared with others",
    "consents": "Your consents",
}
# Built from page → inputs so that page ids never look like words to translate.
_INPUT_PAGES = {
    name: page
    for page, names in (
        ("orders", ("orders", "payments")),
        ("tracks", ("tracks", "tags")),
        ("sharing", ("sharing",)),
        ("consents", ("consents",)),
        (
            "my-data",
            ("devices", "locations", "logs", "account", "identity_verification", "profile"),
        ),
    )
    for name in names
}


def factor_name(name: str) -> str:
    """A factor in words: `new_device` → "Signing in from a new device"."""
    words = _FACTORS.get(name)
    if words:
        return _tr(words)
    return name.replace("_", " ").strip() or "—"


def input_link(name: str) -> tuple[str, str | None]:
    """A decision input in words and the page id that shows it (None: no page does)."""
    words = _INPUTS.get(name)
    text = _tr(words) if words else (name.replace("_", " ").strip() or "—")
    return text, _INPUT_PAGES.get(name)


def percent_shares(weights: list[float]) -> list[int]:
    """Each weight's share of the total in whole percent, summing to exactly 100.

    Largest-remainder rounding: everyone gets the floor of their exact share and the points
    still missing go to the largest remainders (ties to the earlier factor), so rounding
    never shows 101 % or 99 %. Negative weights count by their size; all-zero weights → 0s.
    """
    # A NaN or infinite weight (a broken record) counts as nothing rather than as all.
    sizes = [abs(w) if math.isfinite(w) else 0.0 for w in weights]
    total = sum(sizes)
    if not sizes or total <= 0:
        return [0 for _ in sizes]
    exact = [size * 100 / total for size in sizes]
    shares = [int(value) for value in exact]
    missing = 100 - sum(shares)
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in order[:missing]:
        shares[i] += 1
    return shares


def contest_text(human_review_available: bool) -> str:
    """How to contest a decision, phrased by the app in the shopper's language (the shop's
    own text names request types by their API codes)."""
    if human_review_available:
        return _tr(
            "How to contest it: if you think this decision is wrong, ask for a human review "
            "on the Automated decisions page and say why. A person at the shop looks at it "
            "again, can change the outcome and answers in writing. You can also complain to "
            "the shop's privacy contact or to the regulator."
        )
    return _tr(
        "How to contest it: this shop does not offer a review by a person for this "
        "decision; you can complain to the shop's privacy contact or to the regulator."
    )


def factor_lines(factors: list[W]) -> list[str]:
    """One "• factor in words — share %" line per factor, heaviest first, summing to 100 %."""
    return [
        f"• {getattr(f, 'label', '') or factor_name(str(getattr(f, 'factor', '')))} — "
        f"{percent_text(share)}"
        for f, share in weighted_factors(factors)
    ]


def percent_text(share: int) -> str:
    return format_percent(share / 100)


class _Weighted(Protocol):
    @property
    def weight(self) -> float: ...


W = TypeVar("W", bound=_Weighted)


def weighted_factors(factors: list[W]) -> list[tuple[W, int]]:
    """The factors, heaviest first, each with its whole-percent share (summing to 100)."""
    ordered = sorted(factors, key=lambda f: -abs(f.weight))
    return list(zip(ordered, percent_shares([f.weight for f in ordered]), strict=True))


_SIGNIFICANCE_ORDER = {"low": 0, "medium": 1, "high": 2}

DECISION_COLUMNS: list[Column[Decision]] = [
    Column(str(QT_TRANSLATE_NOOP("Columns", "Date")), lambda d: d.at),
    Column(str(QT_TRANSLATE_NOOP("Columns", "System")), lambda d: d.system),
    Column(str(QT_TRANSLATE_NOOP("Columns", "Kind")), lambda d: kind_text(d.kind)),
    Column(
        str(QT_TRANSLATE_NOOP("Columns", "Outcome")),
        lambda d: d.outcome,
        tooltip=lambda d: d.outcome,
    ),
    Column(
        str(QT_TRANSLATE_NOOP("Columns", "Significance")),
        lambda d: significance_text(d.significance),
        sort=lambda d: _SIGNIFICANCE_ORDER.get(d.significance, -1),
    ),
]

# Rows are (factor, share in percent) pairs from `weighted_factors`.
FACTOR_COLUMNS: list[Column[tuple[Factor, int]]] = [
    Column(
        str(QT_TRANSLATE_NOOP("Columns", "Factor")),
        lambda fs: fs[0].label or factor_name(fs[0].factor),
    ),
    Column(
        str(QT_TRANSLATE_NOOP("Columns", "Weight")),
        lambda fs: percent_text(fs[1]),
        sort=lambda fs: fs[1],
    ),
]


class WeightBarDelegate(QStyledItemDelegate):
    """Draws a factor's weight as a small bar next to its percentage."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        row: Any = index.data(RAW_ROLE)
        if not (isinstance(row, tuple) and len(row) == 2 and isinstance(row[1], int)):
            super().paint(painter, option, index)
            return
        share = min(1.0, max(0.0, row[1] / 100))
        painter.save()
        rect: QRect = option.rect
        palette = option.palette
        text_width = option.fontMetrics.horizontalAdvance("100%") + 8
        bar_room = max(0, rect.width() - text_width - 8)
        bar = QRect(
            rect.left() + 4,
            rect.top() + rect.height() // 3,
            int(bar_room * share),
            max(4, rect.height() // 3),
        )
        painter.fillRect(bar, palette.highlight())
        painter.setPen(palette.text().color())
        painter.drawText(
            QRect(rect.right() - text_width, rect.top(), text_width, rect.height()),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            percent_text(row[1]),
        )
        painter.restore()
