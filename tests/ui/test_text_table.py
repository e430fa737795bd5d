"""The table that paints its plain texts itself shows what Qt's own table shows, pixel for pixel.

Each test paints the same view twice, once through `TextTableView`'s own path and once through
Qt's (`QTableView.paintEvent`, by turning `paints_plainly` off for the second grab), and
compares the two images: backgrounds, alternating rows, selection, the focus frame, the grid and
the texts, elided as Qt elides them. Text drawn by a fallback font (Chinese) may sit one pixel
higher or lower than in Qt's layout, which centres each line on its own fonts; those cells are
compared by where their ink is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import cast

import pytest
from PySide6.QtCore import QAbstractItemModel, QEvent, QItemSelectionModel, QObject, QRect, Qt
from PySide6.QtGui import QImage, QPaintEvent, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QStyledItemDelegate
from pytestqt.qtbot import QtBot

from ui.models.columns import Column
from ui.models.paged_table import PagedTableModel
from ui.tasks import TaskRunner
from ui.widgets.text_table import QuietScrollBar, TextTableView


@dataclass(frozen=True)
class Entry:
    at: str
    kind: str
    text: str


COLUMNS = [
    Column[Entry]("Time", lambda e: e.at),
    Column[Entry]("Kind", lambda e: e.kind),
    Column[Entry]("Text", lambda e: e.text),
]
# the same, with the kind right-aligned (as amounts and counts are in other tables)
RIGHT_ALIGNED = [COLUMNS[0], Column[Entry]("Kind", lambda e: e.kind, align_right=True), COLUMNS[2]]
LATIN = [
    "red running shoes size 42",
    "a product title far too long for its column, which Qt cuts with an ellipsis " * 3,
    "wireless earbuds",
    "",
]
CHINESE = ["红色跑鞋 42码 男款", "保温杯 不锈钢 500ml " * 10]


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    runner = TaskRunner(max_workers=1)
    yield runner
    runner.shutdown()


def entries(texts: list[str], count: int = 60, blank: bool = False) -> list[Entry]:
    return [
        Entry(
            "" if blank else f"{1 + row % 28} Nov 2026, 10:{row % 60:02d}",
            "" if blank else ("Product view" if row % 3 else "Search"),
            "" if blank else texts[row % len(texts)],
        )
        for row in range(count)
    ]


def table(qtbot: QtBot, model: QAbstractItemModel, *, grid: bool = True) -> TextTableView:
    view = TextTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.setShowGrid(grid)
    rows = view.verticalHeader()
    rows.setVisible(False)
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    view.setColumnWidth(0, 170)
    view.setColumnWidth(1, 60)  # "Product view" does not fit: elided
    view.resize(700, 400)
    view.show()
    qtbot.waitExposed(view)
    return view


def both_paints(view: TextTableView, monkeypatch: pytest.MonkeyPatch) -> tuple[QImage, QImage]:
    assert view.paints_plainly()
    own = view.viewport().grab().toImage()
    with monkeypatch.context() as patch:
        patch.setattr(TextTableView, "paints_plainly", lambda _self: False)
        qt = view.viewport().grab().toImage()
    return own, qt


def differing(a: QImage, b: QImage) -> list[tuple[int, int]]:
    assert a.size() == b.size()
    return [
        (x, y)
        for y in range(a.height())
        for x in range(a.width())
        if a.pixel(x, y) != b.pixel(x, y)
    ]


def select_and_focus(view: TextTableView) -> None:
    model = view.model()
    view.setFocus()
    view.setCurrentIndex(model.index(5, 1))  # selects row 5, the focus frame on its 2nd cell
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    view.selectionModel().select(model.index(2, 0), flags)
    view.selectionModel().select(model.index(3, 0), flags)
    QApplication.processEvents()
    assert view.hasFocus()
    assert view.selectionModel().isRowSelected(3, view.rootIndex())


@pytest.mark.parametrize(("grid", "rows"), [(True, 60), (False, 60), (True, 7)])
def test_backgrounds_selection_focus_and_grid_are_qts(
    qtbot: QtBot, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch, grid: bool, rows: int
) -> None:
    model = PagedTableModel[Entry](COLUMNS, runner, cache_text=True)
    model.set_rows(entries(LATIN, count=rows, blank=True))  # 7: the rows end above the bottom
    view = table(qtbot, model, grid=grid)
    select_and_focus(view)
    own, qt = both_paints(view, monkeypatch)
    assert differing(own, qt) == []
    # and the picture is not blank: selection, alternate rows (and the grid) are in it
    assert len({own.pixel(5, y) for y in range(0, own.height(), 3)}) >= 3


@pytest.mark.parametrize("columns", [COLUMNS, RIGHT_ALIGNED], ids=["left", "kind on the right"])
def test_latin_texts_are_drawn_and_elided_as_qt_draws_them(
    qtbot: QtBot, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch, columns: list[Column[Entry]]
) -> None:
    model = PagedTableModel[Entry](columns, runner, cache_text=True)
    model.set_rows(entries(LATIN))
    view = table(qtbot, model)
    select_and_focus(view)
    view.verticalScrollBar().setValue(7)  # a scrolled view: rows start mid-list
    QApplication.processEvents()
    own, qt = both_paints(view, monkeypatch)
    assert differing(own, qt) == []
    blank = PagedTableModel[Entry](COLUMNS, runner, cache_text=True)
    blank.set_rows(entries(LATIN, blank=True))
    view.setModel(blank)
    view.verticalScrollBar().setValue(7)
    assert differing(view.viewport().grab().toImage(), own) != []  # the texts were drawn


def ink(image: QImage, left: int, top: int, width: int, height: int) -> tuple[int, ...] | None:
    """The bounding box of pixels darker than the background in a cell (text ink)."""
    dark = [
        (x, y)
        for y in range(top, top + height)
        for x in range(left, left + width)
        if QImage.pixelColor(image, x, y).lightness() < 128
    ]
    if not dark:
        return None
    xs, ys = [x for x, _ in dark], [y for _, y in dark]
    return min(xs), min(ys), max(xs), max(ys)


def test_chinese_texts_sit_where_qt_puts_them(
    qtbot: QtBot, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = PagedTableModel[Entry](COLUMNS, runner, cache_text=True)
    model.set_rows(entries(CHINESE))
    view = table(qtbot, model)
    own, qt = both_paints(view, monkeypatch)
    header, rows = view.horizontalHeader(), view.verticalHeader()
    compared = 0
    for row in range(rows.visualIndexAt(own.height() - 1)):
        top, height = rows.sectionViewportPosition(row), rows.sectionSize(row)
        for column in range(3):
            left, width = header.sectionViewportPosition(column), header.sectionSize(column)
            mine = ink(own, left, top, width - 1, height - 1)
            theirs = ink(qt, left, top, width - 1, height - 1)
            assert (mine is None) == (theirs is None)
            if mine is None or theirs is None:
                continue
            assert abs(mine[0] - theirs[0]) <= 1  # starts at the same margin
            assert abs(mine[2] - theirs[2]) <= 2  # elided to the same width
            assert abs(mine[1] - theirs[1]) <= 2
            assert abs(mine[3] - theirs[3]) <= 2
            compared += 1
    assert compared >= 30


def test_what_it_does_not_paint_itself_qt_does(
    qtbot: QtBot, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = PagedTableModel[Entry](COLUMNS, runner, cache_text=True)
    model.set_rows(entries(LATIN))
    view = table(qtbot, model)
    assert view.paints_plainly()
    view.setWordWrap(True)
    assert not view.paints_plainly()
    view.setWordWrap(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    assert not view.paints_plainly()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    assert not view.paints_plainly()
    view.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    view.setRowHidden(1, True)
    assert not view.paints_plainly()
    view.setRowHidden(1, False)
    assert view.paints_plainly()
    other = TextTableView()
    qtbot.addWidget(other)
    other.setModel(model)
    other.setItemDelegate(QStyledItemDelegate(other))  # a delegate of its own paints
    assert not other.paints_plainly()
    plain = QStandardItemModel(3, 3)  # no texts of its own: Qt's delegate paints it
    plain.setData(plain.index(0, 0), "cell")
    view.setModel(plain)
    assert not view.paints_plainly()
    QApplication.processEvents()
    shown = view.viewport().grab().toImage()
    header = view.horizontalHeader()
    height = view.verticalHeader().sectionSize(0)
    assert ink(shown, 0, 0, header.sectionSize(0) - 1, height - 1) is not None  # Qt drew it
    assert ink(shown, 0, height, header.sectionSize(0) - 1, height - 1) is None


class PaintCounter(QObject):
    """Counts paint events, and the area each repaints."""

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0
        self.areas: list[int] = []
        self.paused = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.paused:
            assert isinstance(event, QPaintEvent)
            self.paints += 1
            rects = cast(Iterable[QRect], event.region())  # a QRegion iterates its rectangles
            self.areas.append(sum(r.width() * r.height() for r in rects))
        return False


def on_screen(bar: QuietScrollBar) -> QImage:
    """What the window system was last given to show (the offscreen platform's copy)."""
    screen = QApplication.primaryScreen()
    return screen.grabWindow(bar.winId()).toImage().convertToFormat(QImage.Format.Format_RGB32)


def shown_as_painted_afresh(bar: QuietScrollBar, counter: PaintCounter) -> bool:
    """Whether what is on screen equals the whole bar painted now (a paint not counted)."""
    counter.paused = True
    try:
        afresh = bar.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    finally:
        counter.paused = False
    return differing(on_screen(bar), afresh) == []


def test_the_scroll_bar_repaints_only_what_a_new_value_changes(qtbot: QtBot) -> None:
    bar = QuietScrollBar(Qt.Orientation.Vertical)
    qtbot.addWidget(bar)
    bar.resize(16, 400)
    bar.setRange(0, 1_000_000)
    bar.setPageStep(30)
    bar.show()
    qtbot.waitExposed(bar)
    qtbot.wait(100)  # the first paints, of being shown
    whole = bar.width() * bar.height()
    counter = PaintCounter()
    bar.installEventFilter(counter)
    values: list[int] = []
    bar.valueChanged.connect(values.append)
    bar.setValue(500_000)  # the handle moves: its old and new places are repainted
    QApplication.processEvents()
    assert counter.paints == 1
    assert counter.areas[-1] < whole / 4
    assert shown_as_painted_afresh(bar, counter)
    for step in range(1, 11):  # 10 rows of a million: the same pixels, nothing repainted
        bar.setValue(500_000 + step)
        QApplication.processEvents()
    assert counter.paints == 1
    assert values[-1] == 500_010  # every value is still set and announced
    assert len(values) == 11
    for value in range(600_000, 1_000_001, 100_000):  # steps, then the end: the arrow changes
        bar.setValue(value)
        QApplication.processEvents()
        assert shown_as_painted_afresh(bar, counter)
    assert counter.paints == 6
    assert max(counter.areas) < whole / 2
    bar.setRange(0, 100)  # a short list: a longer handle, the whole bar repainted
    QApplication.processEvents()
    assert counter.areas[-1] == whole
    assert shown_as_painted_afresh(bar, counter)


def test_the_view_still_fetches_more_and_pages_with_its_new_bar(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    data = entries(LATIN, count=450)

    def fetch(cursor: str | None) -> tuple[list[Entry], str | None]:
        start = int(cursor or 0)
        end = min(start + 100, len(data))
        return data[start:end], (str(end) if end < len(data) else None)

    model = PagedTableModel[Entry](COLUMNS, runner, cache_text=True)
    view = table(qtbot, model)
    model.start(fetch)
    qtbot.waitUntil(lambda: model.rowCount() == 100, timeout=10_000)
    view.setFocus()
    view.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_PageDown)  # the view's keys move its bar
    assert view.verticalScrollBar().value() > 0
    view.scrollToBottom()  # reaching the end of the bar asks the model for more, at once
    assert model.loading
    qtbot.waitUntil(lambda: model.rowCount() == 200, timeout=10_000)
    assert model.texts_at(150) == (data[150].at, data[150].kind, data[150].text)


def test_a_row_with_only_some_cells_selected_is_painted_as_qt_paints_it(
    qtbot: QtBot, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = PagedTableModel[Entry](COLUMNS, runner, cache_text=True)
    model.set_rows(entries(LATIN, blank=True))
    view = table(qtbot, model)
    view.selectionModel().select(model.index(4, 1), QItemSelectionModel.SelectionFlag.Select)
    QApplication.processEvents()
    own, qt = both_paints(view, monkeypatch)
    assert differing(own, qt) == []
    rows, header = view.verticalHeader(), view.horizontalHeader()
    y = rows.sectionViewportPosition(4) + 3
    cells = [own.pixelColor(header.sectionViewportPosition(c) + 5, y).rgb() for c in range(3)]
    assert cells[0] == cells[2] != cells[1]  # the one cell highlighted, not its row
