"""Searches and product views over time: a two-line chart that follows the palette.

Shows `client.models.tracks.Activity` (one bucket per day, week or month). The x axis is a
date axis, so hundreds of daily buckets stay readable; with no data the chart is replaced by a
plain sentence. A one-line plain-text summary under the chart says the totals (for screen
readers and for anyone who prefers numbers).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QDate, QDateTime, QEvent, QMargins, Qt, QTime
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from client.models.tracks import Activity
from ui.formats import axis_pattern, format_count
from ui.widgets.load_state import plain_label

# Two colours that stay apart on light and dark backgrounds (and for common colour blindness).
SEARCH_COLOR = QColor("#1e88e5")
VIEW_COLOR = QColor("#f4511e")
POINTS_UP_TO = 60  # draw point markers when there are few buckets (a lone point stays visible)


def integer_scale(highest: int, max_intervals: int = 6) -> tuple[int, int]:
    """(top, tick count) of a count axis whose every tick falls on a whole number."""
    highest = max(highest, 1)
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            intervals = -(-highest // step)
            if intervals <= max_intervals:
                return intervals * step, intervals + 1
        magnitude *= 10


class ActivityChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = QChart()
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart.setBackgroundRoundness(0)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
        self.searches = QLineSeries()
        self.views = QLineSeries()
        for series, color in ((self.searches, SEARCH_COLOR), (self.views, VIEW_COLOR)):
            pen = QPen(color)
            pen.setWidthF(2.0)
            series.setPen(pen)
            series.setColor(color)
            self.chart.addSeries(series)
        self.x_axis = QDateTimeAxis()
        self.x_axis.setTickCount(7)
        self.y_axis = QValueAxis()
        self.y_axis.setLabelFormat("%d")
        self.y_axis.setMinorTickCount(0)
        self.chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        for series in (self.searches, self.views):
            series.attachAxis(self.x_axis)
            series.attachAxis(self.y_axis)

        self.view = QChartView(self.chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(220)
        self.view.setAccessibleName(self.tr("Activity over time"))
        self.empty_label = plain_label(self.tr("No activity in this period."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty_label)
        self.summary = plain_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.summary)
        self.activity: Activity | None = None
        self._retranslate()
        self._follow_palette()
        self.set_activity(None)

    # --- data ---------------------------------------------------------------------------------
    def set_activity(self, activity: Activity | None) -> None:
        self.activity = activity
        buckets = activity.buckets if activity else []
        self.searches.clear()
        self.views.clear()
        total_searches = sum(b.search for b in buckets)
        total_views = sum(b.view for b in buckets)
        if not buckets or total_searches + total_views == 0:
            self.stack.setCurrentWidget(self.empty_label)
            self.summary.setText("")
            return
        self.stack.setCurrentWidget(self.view)
        xs: list[float] = []
        for bucket in buckets:
            moment = QDateTime(
                QDate(bucket.start.year, bucket.start.month, bucket.start.day), QTime(0, 0)
            )
            x = float(moment.toMSecsSinceEpoch())
            xs.append(x)
            self.searches.append(x, bucket.search)
            self.views.append(x, bucket.view)
        few = len(buckets) <= POINTS_UP_TO
        self.searches.setPointsVisible(few)
        self.views.setPointsVisible(few)
        first, last = min(xs), max(xs)
        if first == last:  # a single bucket: give it some room on both sides
            day = 86_400_000.0
            first, last = first - day, last + day
        self.x_axis.setRange(
            QDateTime.fromMSecsSinceEpoch(int(first)), QDateTime.fromMSecsSinceEpoch(int(last))
        )
        self.x_axis.setFormat(axis_pattern(bool(activity and activity.bucket == "month")))
        top, ticks = integer_scale(max(max(b.search, b.view) for b in buckets))
        self.y_axis.setRange(0, top)
        self.y_axis.setTickCount(ticks)
        self.summary.setText(
            self.tr("{0} searches and {1} product views in this period.").format(
                format_count(total_searches), format_count(total_views)
            )
        )

    @property
    def is_empty(self) -> bool:
        return self.stack.currentWidget() is self.empty_label

    # --- look ---------------------------------------------------------------------------------
    def changeEvent(self, event: Any) -> None:
        super().changeEvent(event)
        kind = event.type()
        if kind in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._follow_palette()
        elif kind == QEvent.Type.LanguageChange:
            self._retranslate()
            self.set_activity(self.activity)

    def _retranslate(self) -> None:
        self.searches.setName(self.tr("Searches"))
        self.views.setName(self.tr("Product views"))
        self.empty_label.setText(self.tr("No activity in this period."))
        self.view.setAccessibleName(self.tr("Activity over time"))

    def _follow_palette(self) -> None:
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        grid = palette.color(QPalette.ColorRole.Mid)
        self.chart.setBackgroundBrush(base)
        self.chart.setPlotAreaBackgroundVisible(False)
        self.chart.legend().setLabelColor(text)
        for axis in (self.x_axis, self.y_axis):
            axis.setLabelsColor(text)
            axis.setLinePenColor(grid)
            axis.setGridLineColor(grid)
        self.view.setBackgroundBrush(base)
