"""The sharing flow chart's labels: whole where they fit, shortened to whole words where not."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from pytestqt.qtbot import QtBot

from ui.widgets.flow_chart import Flow, FlowChart, FlowNode, fitted_label

LONG_EN = "My Tracks (searches and product views)"
LONG_ZH = "我的足迹（搜索与浏览记录）"


def test_a_label_loses_its_bracketed_explanation_before_any_word(qtbot: QtBot) -> None:
    chart = FlowChart()
    qtbot.addWidget(chart)
    metrics = QFontMetrics(chart.font())
    for label, short in ((LONG_EN, "My Tracks"), (LONG_ZH, "我的足迹")):
        assert fitted_label(label, metrics, metrics.horizontalAdvance(label)) == label
        between = (metrics.horizontalAdvance(short) + metrics.horizontalAdvance(label)) / 2
        assert fitted_label(label, metrics, between) == short
        tiny = fitted_label(label, metrics, metrics.horizontalAdvance(short) / 2)
        assert tiny.endswith("…")


def test_a_narrow_chart_paints_whole_names_and_keeps_the_rest_in_the_tooltip(
    qtbot: QtBot,
) -> None:
    chart = FlowChart()
    qtbot.addWidget(chart)
    chart.set_data(
        [FlowNode("tracks", LONG_ZH), FlowNode("orders", "订单")],
        [FlowNode("police", "公安机关（依法调取）")],
        [Flow("tracks", "police", 2, "2"), Flow("orders", "police", 1, "1")],
    )
    chart.resize(260, 200)
    chart.show()
    qtbot.waitExposed(chart)
    chart.grab()  # paints the widget now, as the screen would
    assert "我的足迹" in chart.drawn_labels
    assert "订单" in chart.drawn_labels
    assert not any(label.endswith("…") for label in chart.drawn_labels)
    assert {label for _rect, label in chart._label_rects} >= {LONG_ZH, "订单"}
