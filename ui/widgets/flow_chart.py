"""A small custom-painted flow chart: sources on the left, targets on the right, bands between.

Used by the sharing page for "which data category goes to which recipient". Labels are painted
as plain text (never interpreted as markup), shortened to fit (see `fitted_label`), with the full
text in a tooltip.
Colours come from the widget's palette so light and dark themes both work; the font is the
widget's font, so CJK text renders through the platform's font fallback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ui.plain_text import plain_tooltip


@dataclass(frozen=True)
class FlowNode:
    key: str
    label: str
    muted: bool = False  # drawn in the secondary colour (e.g. aggregated-only recipients)


@dataclass(frozen=True)
class Flow:
    source: str
    target: str
    weight: int  # 0 draws a dashed line: declared, but nothing flowed yet
    tooltip: str = ""


ROW_HEIGHT = 26
MARGIN = 8
NODE_WIDTH = 8
MAX_BAND = 14.0


def fitted_label(label: str, metrics: QFontMetrics, width: float) -> str:
    """The label whole if it fits; else its name without the explanation in brackets ("My
    Tracks (searches and views)" → "My Tracks", 我的足迹（搜索与浏览记录） → 我的足迹), whole
    words; cut with "…" only if even that does not fit. The tooltip always has all of it."""
    if metrics.horizontalAdvance(label) <= width:
        return label
    short = re.split(r"\s*[（(]", label, maxsplit=1)[0].strip()
    if short and short != label and metrics.horizontalAdvance(short) <= width:
        return short
    return metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(width))


class FlowChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sources: list[FlowNode] = []
        self.targets: list[FlowNode] = []
        self.flows: list[Flow] = []
        self.highlight: str | None = None
        self._hit: list[tuple[QPainterPath, Flow]] = []
        self._label_rects: list[tuple[QRectF, str]] = []
        self.drawn_labels: list[str] = []  # the words each label was painted with (for tests)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(120)

    # --- data -------------------------------------------------------------------------------
    def set_data(self, sources: list[FlowNode], targets: list[FlowNode], flows: list[Flow]) -> None:
        self.sources, self.targets = list(sources), list(targets)
        keys_s = {n.key for n in sources}
        keys_t = {n.key for n in targets}
        self.flows = [f for f in flows if f.source in keys_s and f.target in keys_t]
        self.setAccessibleDescription(self.summary())
        self.updateGeometry()
        self.update()

    def set_highlight(self, target: str | None) -> None:
        self.highlight = target
        self.update()

    def summary(self) -> str:
        """A text version of the chart (for screen readers and tests)."""
        names = {n.key: n.label for n in self.sources + self.targets}
        return "\n".join(f"{names[f.source]} → {names[f.target]}: {f.weight}" for f in self.flows)

    def sizeHint(self) -> QSize:
        rows = max(len(self.sources), len(self.targets), 3)
        return QSize(560, rows * ROW_HEIGHT + 2 * MARGIN)

    # --- painting ---------------------------------------------------------------------------
    def _positions(self, nodes: list[FlowNode], height: float) -> dict[str, float]:
        if not nodes:
            return {}
        step = (height - 2 * MARGIN) / len(nodes)
        return {n.key: MARGIN + step * (i + 0.5) for i, n in enumerate(nodes)}

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_color = palette.color(QPalette.ColorRole.WindowText)
        strong = palette.color(QPalette.ColorRole.Highlight)
        muted = palette.color(QPalette.ColorRole.Mid)
        width, height = float(self.width()), float(self.height())
        # each side as wide as its longest label (bold, as when highlighted), up to 40 % of the
        # chart: long partner names stay whole and the flows take what is left
        bold = self.font()
        bold.setBold(True)
        wide = QFontMetrics(bold)

        def needed(nodes: list[FlowNode]) -> float:
            return float(max((wide.horizontalAdvance(n.label) for n in nodes), default=0) + 4)

        left_width = max(60.0, min(needed(self.sources), width * 0.4))
        right_width = max(60.0, min(needed(self.targets), width * 0.4))
        left_x = MARGIN + left_width + 6
        right_x = width - MARGIN - right_width - 6
        left = self._positions(self.sources, height)
        right = self._positions(self.targets, height)
        heaviest = max((f.weight for f in self.flows), default=1) or 1
        target_muted = {n.key: n.muted for n in self.targets}
        self._hit = []
        stroker = QPainterPathStroker()
        stroker.setWidth(8)
        for flow in self.flows:
            y1, y2 = left[flow.source], right[flow.target]
            path = QPainterPath(QPointF(left_x + NODE_WIDTH, y1))
            middle = (left_x + right_x) / 2
            path.cubicTo(QPointF(middle, y1), QPointF(middle, y2), QPointF(right_x, y2))
            color = QColor(muted if target_muted.get(flow.target) else strong)
            dimmed = self.highlight is not None and flow.target != self.highlight
            color.setAlpha(50 if dimmed else 170)
            band = 1.5 + (MAX_BAND - 1.5) * flow.weight / heaviest if flow.weight else 1.2
            pen = QPen(color, band)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            if flow.weight == 0:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            self._hit.append((stroker.createStroke(path), flow))
        self._label_rects = []
        self.drawn_labels = []
        metrics = self.fontMetrics()
        painter.setPen(text_color)
        for nodes, positions, x_node, align in (
            (self.sources, left, left_x, Qt.AlignmentFlag.AlignRight),
            (self.targets, right, right_x, Qt.AlignmentFlag.AlignLeft),
        ):
            for node in nodes:
                y = positions[node.key]
                node_color = QColor(muted if node.muted else strong)
                painter.fillRect(QRectF(x_node, y - 8, NODE_WIDTH, 16), node_color)
                if align == Qt.AlignmentFlag.AlignRight:
                    rect = QRectF(MARGIN, y - ROW_HEIGHT / 2, left_width, ROW_HEIGHT)
                else:
                    rect = QRectF(
                        right_x + NODE_WIDTH + 6, y - ROW_HEIGHT / 2, right_width, ROW_HEIGHT
                    )
                text = fitted_label(node.label, metrics, rect.width())
                self.drawn_labels.append(text)
                font = self.font()
                font.setBold(node.key == self.highlight)
                painter.setFont(font)
                painter.setPen(text_color)
                painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), text)
                self._label_rects.append((rect, node.label))
        painter.end()

    # --- tooltips ---------------------------------------------------------------------------
    def tooltip_at(self, point: QPointF) -> str:
        for rect, label in self._label_rects:
            if rect.contains(point):
                return label
        for path, flow in reversed(self._hit):
            if path.contains(point):
                return flow.tooltip
        return ""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), plain_tooltip(text), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)


__all__ = ["Flow", "FlowChart", "FlowNode"]
