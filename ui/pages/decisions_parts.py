"""Helpers of the automated-decisions page: words for codes, table columns, weight bars."""

from __future__ import annotations

from typing import Any

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


def factor_name(name: str) -> str:
    """`new_device` → `new device` (factor names are identifiers from the shop)."""
    return name.replace("_", " ")


def weight_text(weight: float) -> str:
    return format_percent(weight)


_SIGNIFICANCE_ORDER = {"low": 0, "medium": 1, "high": 2}

DECISION_COLUMNS: list[Column[Decision]] = [
    Column(str(QT_TRANSLATE_NOOP("Columns", "Date")), lambda d: d.at),
    Column(str(QT_TRANSLATE_NOOP("Columns", "System")), lambda d: d.system),
    Column(str(QT_TRANSLATE_NOOP("Columns", "Kind")), lambda d: kind_text(d.kind)),
    Column(str(QT_TRANSLATE_NOOP("Columns", "Outcome")), lambda d: d.outcome,
           tooltip=lambda d: d.outcome),
    Column(str(QT_TRANSLATE_NOOP("Columns", "Significance")),
           lambda d: significance_text(d.significance),
           sort=lambda d: _SIGNIFICANCE_ORDER.get(d.significance, -1)),
]

FACTOR_COLUMNS: list[Column[Factor]] = [
    Column(str(QT_TRANSLATE_NOOP("Columns", "Factor")),
           lambda f: getattr(f, "label", "") or factor_name(f.factor)),
    Column(str(QT_TRANSLATE_NOOP("Columns", "Weight")), lambda f: weight_text(f.weight),
           sort=lambda f: f.weight),
]


class WeightBarDelegate(QStyledItemDelegate):
    """Draws a factor's weight as a small bar next to its percentage."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        factor: Any = index.data(RAW_ROLE)
        if not isinstance(factor, Factor):
            super().paint(painter, option, index)
            return
        painter.save()
        rect: QRect = option.rect
        palette = option.palette
        text_width = option.fontMetrics.horizontalAdvance("100%") + 8
        bar_room = max(0, rect.width() - text_width - 8)
        share = min(1.0, max(0.0, abs(factor.weight)))
        bar = QRect(rect.left() + 4, rect.top() + rect.height() // 3,
                    int(bar_room * share), max(4, rect.height() // 3))
        painter.fillRect(bar, palette.highlight())
        painter.setPen(palette.text().color())
        painter.drawText(QRect(rect.right() - text_width, rect.top(), text_width, rect.height()),
                         int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                         weight_text(factor.weight))
        painter.restore()
