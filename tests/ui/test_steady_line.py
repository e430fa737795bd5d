"""A status line whose text changes per loaded page repaints itself, not the page around it.

Before `SteadyLine`, each new count under the My Tracks list laid out the whole tab again, and
the tab widget then repainted everything in it (the search box, the tab bar, the table): two
full-page repaints per page of rows while the list scrolled (bench/bench_scroll.py).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from ui.widgets.load_state import plain_label
from ui.widgets.steady_line import SteadyLine


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def tab_with_status(qtbot: QtBot, steady: bool) -> tuple[QTabWidget, QLineEdit, QLabel]:
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    page = QWidget()
    search = QLineEdit()
    status = plain_label("100 loaded; scroll down for more", wrap=False)
    bottom = QHBoxLayout()
    bottom.addWidget(SteadyLine(status) if steady else status, 1)
    layout = QVBoxLayout(page)
    layout.addWidget(search)
    layout.addStretch(1)
    layout.addLayout(bottom)
    tabs.addTab(page, "History")
    tabs.resize(800, 400)
    tabs.show()
    qtbot.waitExposed(tabs)
    return tabs, search, status


def repaints_of_search_box(qtbot: QtBot, steady: bool) -> int:
    _tabs, search, status = tab_with_status(qtbot, steady)
    counter = PaintCounter()
    search.installEventFilter(counter)
    QApplication.processEvents()
    counter.paints = 0
    for count in range(200, 1200, 100):  # the counts of ten pages, each text a bit different
        status.setText(f"{count:,} loaded, loading more…")
        QApplication.processEvents()
        status.setText(f"{count:,} loaded; scroll down for more")
        QApplication.processEvents()
    search.removeEventFilter(counter)
    return counter.paints


def test_new_counts_repaint_the_line_only(qtbot: QtBot) -> None:
    assert repaints_of_search_box(qtbot, steady=True) <= 2  # once, if a text grows wider
    # The same texts in a plain label repaint the whole tab each time (the test can fail).
    assert repaints_of_search_box(qtbot, steady=False) >= 10


def test_the_line_grows_to_its_widest_text_and_never_clips(qtbot: QtBot) -> None:
    _tabs, _search, status = tab_with_status(qtbot, steady=True)
    holder = status.parentWidget()
    assert isinstance(holder, SteadyLine)
    status.setText("Loading a rather longer line of text than before, to see it grow")
    qtbot.waitUntil(lambda: status.width() >= status.sizeHint().width())
    wide = holder.width()
    status.setText("1 loaded")
    QApplication.processEvents()
    assert holder.width() == wide  # a shorter text: no new layout
    assert status.height() >= status.sizeHint().height()


def test_a_text_set_before_the_page_is_shown_is_measured_when_shown(qtbot: QtBot) -> None:
    # As the My data tables do: the line is made empty, and its first count set before the
    # page is ever shown (a hidden holder is asked for no layout). Chinese text needs a taller
    # line than an empty label's.
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    page = QWidget()
    status = plain_label(wrap=False)
    layout = QVBoxLayout(page)
    layout.addStretch(1)
    layout.addWidget(SteadyLine(status))
    tabs.addTab(page, "History")
    status.setText("已加载 50 条记录；滚动查看更多 — and a longer English tail")
    tabs.resize(800, 400)
    tabs.show()
    qtbot.waitExposed(tabs)
    QApplication.processEvents()
    assert status.width() >= status.sizeHint().width()
    assert status.height() >= status.sizeHint().height()
