"""Helpers of the automated-decisions page: words for codes, table columns, weight bars."""

from __future__ import annotations

import math
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
)
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from client.i18n import trans_late
from client.models.orders import Decision, Factor
from ui.formats import format_percent
from ui.i18n import translate
from ui.models.columns import RAW_ROLE, Column

CONTEXT = "DecisionsPage"

_KINDS = {
    "risk_flag": trans_late("DecisionsPage", "Risk flag"),
    "transaction_block": trans_late("DecisionsPage", "Blocked transaction"),
    "coupon_eligibility": trans_late("DecisionsPage", "Coupon eligibility"),
    "credit_limit": trans_late("DecisionsPage", "Credit / pay-later eligibility"),
}
_SIGNIFICANCE = {
    "low": trans_late("DecisionsPage", "Low"),
    "medium": trans_late("DecisionsPage", "Medium"),
    "high": trans_late("DecisionsPage", "High"),
}
_STATUS = {
    "identity_unverified": trans_late("DecisionsPage", "waiting for identity verification"),
    "pending": trans_late("DecisionsPage", "received"),
    "in_progress": trans_late("DecisionsPage", "in progress"),
    "extended": trans_late("DecisionsPage", "extended"),
    "completed": trans_late("DecisionsPage", "completed"),
    "denied": trans_late("DecisionsPage", "denied"),
    "canceled": trans_late("DecisionsPage", "canceled"),
}


def kind_text(kind: str) -> str:
    """The decision kind in words (unknown kinds are shown as the shop sent them)."""
    words = _KINDS.get(kind)
    return translate("DecisionsPage", words) if words else (kind or "—")


def significance_text(value: str) -> str:
    words = _SIGNIFICANCE.get(value)
    return translate("DecisionsPage", words) if words else value


def status_text(status: str) -> str:
    words = _STATUS.get(status)
    return translate("DecisionsPage", words) if words else status


# The demo shops' factor identifiers in words; a newer shop's unknown factor is shown with its
# underscores turned into spaces rather than as an identifier.
_FACTORS = {
    "new_device": trans_late("DecisionsPage", "Signing in from a new device"),
    "login_city_change": trans_late("DecisionsPage", "Signing in from another city"),
    "night_time_login": trans_late("DecisionsPage", "Signing in at night"),
    "amount_vs_history": trans_late("DecisionsPage", "Amount compared with your past orders"),
    "shipping_address_new": trans_late("DecisionsPage", "A new delivery address"),
    "card_recently_added": trans_late("DecisionsPage", "A recently added card"),
    "category_affinity": trans_late("DecisionsPage", "Categories you often look at"),
    "days_since_last_order": trans_late("DecisionsPage", "Days since your last order"),
    "basket_size": trans_late("DecisionsPage", "Number of items in your basket"),
    "account_age": trans_late("DecisionsPage", "How long you have had the account"),
    "on_time_repayments": trans_late("DecisionsPage", "Repayments made on time"),
    "order_frequency": trans_late("DecisionsPage", "How often you order"),
    "age_check": trans_late("DecisionsPage", "Age check"),
    "address_change_after_payment": trans_late(
        "DecisionsPage", "Delivery address changed after payment"
    ),
    "order_value": trans_late("DecisionsPage", "Order value"),
    "previous_orders": trans_late("DecisionsPage", "Your previous orders"),
}

# Which of the shopper's data a decision input is, and the page that shows it.
_INPUTS = {
    "orders": trans_late("DecisionsPage", "Your orders"),
    "payments": trans_late("DecisionsPage", "Your payments"),
    "tracks": trans_late("DecisionsPage", "What you browsed and searched"),
    "tags": trans_late("DecisionsPage", "Your interest tags"),
    "devices": trans_late("DecisionsPage", "Your devices"),
    "locations": trans_late("DecisionsPage", "Your locations"),
    "logs": trans_late("DecisionsPage", "Your sign-in records"),
    "account": trans_late("DecisionsPage", "Your account details"),
    "identity_verification": trans_late("DecisionsPage", "Your identity verification"),
    "profile": trans_late("DecisionsPage", "Your profile"),
    "sharing": trans_late("DecisionsPage", "What was shared with others"),
    "consents": trans_late("DecisionsPage", "Your consents"),
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
        return translate("DecisionsPage", words)
    return name.replace("_", " ").strip() or "—"


def input_link(name: str) -> tuple[str, str | None]:
    """A decision input in words and the page id that shows it (None: no page does)."""
    words = _INPUTS.get(name)
    text = translate("DecisionsPage", words) if words else (name.replace("_", " ").strip() or "—")
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
        return translate(
            "DecisionsPage",
            "How to contest it: if you think this decision is wrong, ask for a human review "
            "on the Automated decisions page and say why. A person at the shop looks at it "
            "again, can change the outcome and answers in writing. You can also complain to "
            "the shop's privacy contact or to the regulator.",
        )
    return translate(
        "DecisionsPage",
        "How to contest it: this shop does not offer a review by a person for this "
        "decision; you can complain to the shop's privacy contact or to the regulator.",
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
    Column(trans_late("Columns", "Date"), lambda d: d.at),
    Column(trans_late("Columns", "System"), lambda d: d.system),
    Column(trans_late("Columns", "Kind"), lambda d: kind_text(d.kind)),
    Column(
        trans_late("Columns", "Outcome"),
        lambda d: d.outcome,
        tooltip=lambda d: d.outcome,
    ),
    Column(
        trans_late("Columns", "Significance"),
        lambda d: significance_text(d.significance),
        sort=lambda d: _SIGNIFICANCE_ORDER.get(d.significance, -1),
    ),
]

# Rows are (factor, share in percent) pairs from `weighted_factors`.
FACTOR_COLUMNS: list[Column[tuple[Factor, int]]] = [
    Column(
        trans_late("Columns", "Factor"),
        lambda fs: fs[0].label or factor_name(fs[0].factor),
    ),
    Column(
        trans_late("Columns", "Weight"),
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
