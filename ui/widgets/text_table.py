"""A table view that paints its one-line plain-text cells itself: the view a long history scrolls.

Qt's own table paints each cell through `QStyledItemDelegate`: it asks the model for seven
roles, fills a style option, runs the style's item-view path and lays the text out in a
`QTextLayout` to fit and elide it. For My Tracks, scrolled a screenful per frame through a
million rows, that was most of a frame's budget. `TextTableView` paints what such a table shows
— row backgrounds (alternating, selected), each cell's text left- or right-aligned, centred in
the cell with the style's margins and elided on the right, the focus frame and the grid — in
one pass, asking the model for no cell: each column's texts under one clip, each text drawn
straight from the model's own strings (`RowTexts`). That is about half the paint
(`bench/bench_scroll.py` prints both). A text is measured (to elide it) only when it may be
wider than its cell: its length times the widest a character can be (`_WIDE_CHARACTERS`).

It paints itself only where that is the whole picture: a `RowTexts` model (whose cells have no
fonts, colours, icons or check boxes of their own), Qt's own delegate, row selection, no word
wrap, right elision, left-to-right, rows neither hidden nor moved. Otherwise it is Qt's own
`QTableView`, pixel for pixel what it paints itself (`tests/ui/test_text_table.py`). Everything
else (selection, keys, tooltips, accessibility, headers) is `QTableView`'s.

After a jump of most of a screen (a dragged scroll bar, Page Down), the next screenful in the
same direction is painted ahead while the UI thread is idle, and the next jump copies it
(`ui/widgets/row_strips.py`). Its vertical scroll bar repaints only what a new value changes
(`QuietScrollBar`).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPointF, QRect, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QRegion,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QAbstractSlider,
    QScrollBar,
    QStyle,
    QStyleOptionFocusRect,
    QStyleOptionSlider,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ui.widgets.row_strips import RowStrips

# A text whose length times the widest a character can be fits its cell is not measured. The
# widest: a wide Latin letter, an ideograph, a full-width form or an emoji drawn by a fallback
# font, with room to spare. (A text of rarer, wider characters than these is still clipped at
# its cell's edge, only perhaps without the "…".)
_WIDE_CHARACTERS = ("W", "M", "国", "Ｗ", "\U0001f600")
_WIDEST_MARGIN = 1.25
_SCROLL_BAR = QStyle.ComplexControl.CC_ScrollBar
_HANDLE = QStyle.SubControl.SC_ScrollBarSlider
_ARROW_BACK, _ARROW_ON = (
    QStyle.SubControl.SC_ScrollBarSubLine,
    QStyle.SubControl.SC_ScrollBarAddLine,
)
_EDGE = 2
# The rows painted ahead take their backgrounds in this many turns of the event loop.
_BACKGROUND_PARTS = 4
_ELIDE_RIGHT = Qt.TextElideMode.ElideRight  # looked up once: an enum member costs ~1 µs a read


@runtime_checkable
class RowTexts(Protocol):
    """A model whose rows' display texts can be read as plain strings, without an index, and
    whose columns are each left- or right-aligned (vertically centred)."""

    def texts_at(self, row: int) -> tuple[str, ...]: ...

    def aligned_right(self, column: int) -> bool: ...


class QuietScrollBar(QScrollBar):
    """A scroll bar whose new value repaints only the handle's old and new places, if any.

    A long list scrolled a screenful per frame moves its handle by a pixel or less; repainting
    the whole bar (and the widgets under it) each time was a fifth of a frame. The arrows look
    different only at either end, and the handle's length changes only when the list grows
    short of its shortest: those repaint it all.
    """

    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        self._shown: tuple[QRect, bool, bool] | None = None

    def _appearance(self) -> tuple[QRect, bool, bool]:
        """The handle's place, and whether the bar is at its start and at its end."""
        value = self.value()
        return self._part(_HANDLE), value == self.minimum(), value == self.maximum()

    def _part(self, part: QStyle.SubControl) -> QRect:
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        return self.style().subControlRect(_SCROLL_BAR, option, part, self)

    def sliderChange(self, change: QAbstractSlider.SliderChange) -> None:
        if change == QAbstractSlider.SliderChange.SliderOrientationChange:
            self._shown = None  # another bar altogether: repaint all, measure again
            super().sliderChange(change)
            return
        # a new value, range or page step: what it changes is where the handle is, its length
        # and the arrows' look at either end
        shown, before = self._appearance(), self._shown
        self._shown = shown
        if before is None or before[0].size() != shown[0].size():
            super().sliderChange(change)  # the whole bar
            return
        changed = QRegion()
        if before[0] != shown[0]:
            # the style draws the handle's edge a pixel outside its rectangle (Fusion)
            old, new = (r.adjusted(-_EDGE, -_EDGE, _EDGE, _EDGE) for r in (before[0], shown[0]))
            changed = changed.united(old).united(new)
        if before[1:] != shown[1:]:  # an arrow turns on or off
            for arrow in (_ARROW_BACK, _ARROW_ON):
                changed = changed.united(self._part(arrow))
        if not changed.isEmpty():
            self.update(changed)
        # else the same pixels; the value itself is set and announced all the same


if TYPE_CHECKING:

    class _TextsModel(QAbstractItemModel, RowTexts):
        """The models this view paints the cells of itself."""


class _Look:
    """What a row's pixels depend on besides its texts, read once per paint (and kept by the
    rows painted ahead after it, for all their parts)."""

    def __init__(self, view: TextTableView, cells: list[tuple[int, int, int]]) -> None:
        palette = view.palette()
        self.group = (
            QPalette.ColorGroup.Disabled
            if not view.isEnabled()
            else QPalette.ColorGroup.Active
            if view.isActiveWindow()
            else QPalette.ColorGroup.Inactive
        )
        self.grid = 1 if view.showGrid() else 0
        self.highlight = palette.color(self.group, QPalette.ColorRole.Highlight)
        self.alternate = palette.color(self.group, QPalette.ColorRole.AlternateBase)
        self.text = palette.color(self.group, QPalette.ColorRole.Text)
        self.selected_text = palette.color(self.group, QPalette.ColorRole.HighlightedText)
        self.font = view.font()
        self.metrics, self.exact = QFontMetrics(self.font), QFontMetricsF(self.font)
        style = view.style()
        self.margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        self.alternating = view.alternatingRowColors()
        viewport = view.viewport()
        self.background = viewport.palette().brush(viewport.backgroundRole())
        self.height = view.verticalHeader().defaultSectionSize()
        self.width = cells[-1][1] + cells[-1][2] - cells[0][1]
        self.ratio = viewport.devicePixelRatioF()
        # None: rows are not painted ahead (a background that is not one colour)
        self.key: tuple[object, ...] | None = None
        # (a fractional pixel ratio would put rows painted together a device pixel apart)
        if (
            self.background.style() == Qt.BrushStyle.SolidPattern
            and viewport.autoFillBackground()
            and self.ratio.is_integer()
        ):
            self.key = (
                tuple(cells),
                self.font.key(),
                palette.cacheKey(),
                viewport.palette().cacheKey(),
                self.group,
                self.grid,
                view.gridStyle(),
                self.alternating,
                self.height,
                self.ratio,
                id(style),
            )


class _SomeRows:
    """Some rows' texts, as `RowTexts` (for painting them ahead)."""

    def __init__(self, texts: dict[int, tuple[str, ...]], model: RowTexts) -> None:
        self.texts_at = texts.__getitem__
        self.aligned_right = model.aligned_right


class TextTableView(QTableView):
    """`QTableView` painting plain one-line cell texts straight from a `RowTexts` model."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._texts_at: _TextsModel | None = None
        self._widest: tuple[tuple[int, int], float] | None = None
        self._own_delegate = False
        self._strips = RowStrips(self)
        bar = QuietScrollBar(Qt.Orientation.Vertical, self)
        self.setVerticalScrollBar(bar)
        # The item view's own links to its first bar (fetch more at the end, keys) are not
        # carried over to a new one by Qt: made again here.
        bar.valueChanged.connect(self.verticalScrollbarValueChanged)
        bar.actionTriggered.connect(self.verticalScrollbarAction)

    def setItemDelegate(self, delegate: QAbstractItemDelegate) -> None:
        super().setItemDelegate(delegate)
        self._own_delegate = True  # it paints the cells, not this view

    def setItemDelegateForColumn(self, column: int, delegate: QAbstractItemDelegate) -> None:
        super().setItemDelegateForColumn(column, delegate)
        self._own_delegate = True

    def setItemDelegateForRow(self, row: int, delegate: QAbstractItemDelegate) -> None:
        super().setItemDelegateForRow(row, delegate)
        self._own_delegate = True

    def setModel(self, model: QAbstractItemModel | None) -> None:
        if self._texts_at is not None:
            self._texts_at.modelReset.disconnect(self._strips.clear)
        super().setModel(model)
        self._texts_at = model if isinstance(model, RowTexts) else None
        self._strips.clear()
        if self._texts_at is not None:
            self._texts_at.modelReset.connect(self._strips.clear)  # its rows are gone

    def paints_plainly(self) -> bool:
        """Whether this view paints its cells itself (else Qt's delegate does)."""
        rows = self.verticalHeader()
        return (
            self._texts_at is not None
            and self.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
            and not self.wordWrap()
            and self.textElideMode() == Qt.TextElideMode.ElideRight
            and not self.isRightToLeft()
            and rows.hiddenSectionCount() == 0
            and not rows.sectionsMoved()
            and not self._own_delegate
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        model = self._texts_at
        if model is None or not self.paints_plainly():
            super().paintEvent(event)
            return
        selected = self._selected_rows()
        if selected is None:
            super().paintEvent(event)
            return
        painter = QPainter(self.viewport())
        try:
            self._paint(painter, event.rect(), model, selected)
        finally:
            painter.end()

    def _selected_rows(self) -> set[int] | None:
        """The rows selected whole; None when some row has only some of its cells selected
        (Qt then paints, highlighting those cells alone)."""
        selection = self.selectionModel()
        if selection is None or not selection.hasSelection():
            return set()  # the common case, scrolling: nothing asked of the model per row
        last_column = self.model().columnCount(self.rootIndex()) - 1
        rows: set[int] = set()
        ranges = selection.selection()
        for position in range(ranges.count()):
            part = ranges.at(position)
            if part.left() > 0 or part.right() < last_column:
                return None
            rows.update(range(part.top(), part.bottom() + 1))
        return rows

    def _paint(self, painter: QPainter, area: QRect, model: RowTexts, selected: set[int]) -> None:
        rows, columns = self.verticalHeader(), self.horizontalHeader()
        count = self.model().rowCount()
        first = rows.visualIndexAt(area.top())
        if first < 0 or count == 0:
            return  # below the last row: the viewport's own background is the picture
        # The rows in `area`, each with its top and height.
        spans: list[tuple[int, int, int]] = []
        row = first
        while row < count:
            top = rows.sectionViewportPosition(row)
            if top > area.bottom():
                break
            spans.append((row, top, rows.sectionSize(row)))
            row += 1
        # The columns in `area`, left to right, each with its left edge and width.
        cells: list[tuple[int, int, int]] = []
        for visual in range(columns.count()):
            column = columns.logicalIndex(visual)
            if columns.isSectionHidden(column):
                continue
            left, width = columns.sectionViewportPosition(column), columns.sectionSize(column)
            if left + width > area.left() and left <= area.right():
                cells.append((column, left, width))
        if not cells:
            return
        look = _Look(self, cells)
        left_edge = cells[0][1]
        strips = self._strips
        plain = look.key is not None
        if plain:
            strips.use(look.key, (look.width, look.height, look.ratio))
        # Rows painted ahead are copied; the others are painted here, in runs of adjacent rows.
        focus_row = self._focus_row()
        copied: set[int] = set()
        if plain:
            copied = strips.copy(
                painter,
                left_edge,
                [
                    (row, top, model.texts_at(row))
                    for row, top, height in spans
                    if height == look.height and row not in selected and row != focus_row
                ],
            )
        runs: list[list[tuple[int, int, int]]] = [[]]
        for span in spans:
            if span[0] in copied:
                if runs[-1]:
                    runs.append([])
            else:
                runs[-1].append(span)
        for run in runs:
            if run:
                self._paint_rows(painter, model, run, cells, selected, look)
        self._paint_focus(painter, spans, cells, selected, look)
        screen = self.viewport().height()
        if plain and 2 * area.height() >= screen:
            # Most of a screen was new (a jump, not a wheel's step): the next jump is likely
            # to show the rows just past this screen, in the same direction.
            shifted = [(column, left - left_edge, width) for column, left, width in cells]
            paint = partial(self._paint_ahead_part, look, shifted, model)
            top_row, bottom_row = rows.visualIndexAt(0), rows.visualIndexAt(screen - 1)
            bottom_row = count - 1 if bottom_row < 0 else bottom_row
            strips.paint_ahead(top_row, bottom_row, count, self._texts_if_present, paint)

    def _paint_ahead_part(
        self,
        look: _Look,
        cells: list[tuple[int, int, int]],
        model: RowTexts,
        painter: QPainter,
        rows: list[tuple[int, tuple[str, ...]]],
        part: int,
    ) -> bool:
        """Part `part` of painting `rows` ahead (`RowStrips.paint_ahead`); whether it was the last.

        Parts 0-3: the backgrounds, a quarter of the rows each (the first paint into a new
        image pays a page fault per 4 KB). Then a column's texts in half the rows a part (the
        widest column's take about half a millisecond); the grid with the last.
        """
        at = [(row, place * look.height, look.height) for place, (row, _t) in enumerate(rows)]
        if part < _BACKGROUND_PARTS:
            start, end = (n * len(at) // _BACKGROUND_PARTS for n in (part, part + 1))
            band = at[start:end]
            if band:
                top = band[0][1]
                painter.fillRect(0, top, look.width, look.height * len(band), look.background)
                self._paint_backgrounds(painter, band, cells, set(), look)
            return False
        column, second_half = divmod(part - _BACKGROUND_PARTS, 2)
        middle = len(at) // 2
        half = at[middle:] if second_half else at[:middle]
        if half:
            texts = _SomeRows(dict(rows), model)
            self._paint_texts(painter, texts, half, [cells[column]], set(), look)
        if part < _BACKGROUND_PARTS + 2 * len(cells) - 1:
            return False
        if look.grid:
            self._paint_grid(painter, at, 0, look.width, cells)
        return True

    def _texts_if_present(self, row: int) -> tuple[str, ...] | None:
        model = self._texts_at
        if model is None or row >= self.model().rowCount():
            return None  # gone since: no longer painted ahead
        return model.texts_at(row)

    def _focus_row(self) -> int:
        """The row that shows the focus frame, or -1."""
        current: QModelIndex = self.currentIndex()
        if not current.isValid() or not (self.hasFocus() or self.viewport().hasFocus()):
            return -1
        return current.row()

    def _paint_rows(
        self,
        painter: QPainter,
        model: RowTexts,
        spans: list[tuple[int, int, int]],
        cells: list[tuple[int, int, int]],
        selected: set[int],
        look: _Look,
    ) -> None:
        """Adjacent rows' backgrounds, texts and grid."""
        self._paint_backgrounds(painter, spans, cells, selected, look)
        self._paint_texts(painter, model, spans, cells, selected, look)
        if look.grid:
            left_edge, right_edge = cells[0][1], cells[-1][1] + cells[-1][2]
            self._paint_grid(painter, spans, left_edge, right_edge, cells)

    def _paint_backgrounds(
        self,
        painter: QPainter,
        spans: list[tuple[int, int, int]],
        cells: list[tuple[int, int, int]],
        selected: set[int],
        look: _Look,
    ) -> None:
        """The selected and alternate rows' backgrounds (the others are the viewport's)."""
        left_edge = cells[0][1]
        width = cells[-1][1] + cells[-1][2] - left_edge
        for row, top, height in spans:
            if row in selected:
                painter.fillRect(left_edge, top, width, height, look.highlight)
            elif look.alternating and row & 1:
                painter.fillRect(left_edge, top, width, height, look.alternate)

    def _paint_grid(
        self,
        painter: QPainter,
        spans: list[tuple[int, int, int]],
        left_edge: int,
        right_edge: int,
        cells: list[tuple[int, int, int]],
    ) -> None:
        """The grid as Qt draws it: a line under each row and right of each column."""
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        hint = self.style().styleHint(QStyle.StyleHint.SH_Table_GridLineColor, option, self)
        color = QColor.fromRgba(hint & 0xFFFFFFFF)
        top, bottom = spans[0][1], spans[-1][1] + spans[-1][2]
        if self.gridStyle() != Qt.PenStyle.SolidLine:
            painter.setPen(QPen(color, 0, self.gridStyle()))
            for _row, row_top, height in spans:
                y = row_top + height - 1
                painter.drawLine(left_edge, y, right_edge - 1, y)
            for _column, left, width in cells:
                painter.drawLine(left + width - 1, top, left + width - 1, bottom - 1)
            return
        # Solid lines one pixel wide are filled rectangles: the same pixels, a quarter the cost.
        fill = painter.fillRect
        for _row, row_top, height in spans:
            fill(left_edge, row_top + height - 1, right_edge - left_edge, 1, color)
        for _column, left, width in cells:
            fill(left + width - 1, top, 1, bottom - top, color)

    def _paint_texts(
        self,
        painter: QPainter,
        model: RowTexts,
        spans: list[tuple[int, int, int]],
        cells: list[tuple[int, int, int]],
        selected: set[int],
        look: _Look,
    ) -> None:
        metrics, exact, margin, grid = look.metrics, look.exact, look.margin, look.grid
        widest = self._widest_character(metrics)
        line, ascent = metrics.height(), metrics.ascent()
        text_pen, selected_pen = look.text, look.selected_text
        texts = [
            (model.texts_at(row), top + (height - grid - line) // 2 + ascent, row in selected)
            for row, top, height in spans
        ]
        clip_top = spans[0][1]
        clip_height = spans[-1][1] + spans[-1][2] - clip_top
        painter.setFont(look.font)
        painter.setPen(text_pen)
        current_pen = text_pen
        draw = painter.drawText
        for column, left, width in cells:
            room = width - grid - 2 * margin
            if room <= 0:
                continue
            x = left + margin
            painter.setClipRect(x, clip_top, room, clip_height)
            fits = room / widest
            right = model.aligned_right(column)
            for row_texts, baseline, is_selected in texts:
                pen = selected_pen if is_selected else text_pen
                if pen is not current_pen:
                    painter.setPen(pen)
                    current_pen = pen
                text = row_texts[column] if column < len(row_texts) else ""
                if len(text) > fits:
                    text = metrics.elidedText(text, _ELIDE_RIGHT, room)
                if right:  # where Qt's layout puts it: at the text's exact (fractional) width
                    draw(QPointF(x + room - exact.horizontalAdvance(text), baseline), text)
                else:
                    draw(x, baseline, text)
        painter.setClipping(False)

    def _widest_character(self, metrics: QFontMetrics) -> float:
        """An upper bound of one character's advance in this font (and its fallbacks)."""
        key = metrics.height(), metrics.maxWidth()
        if self._widest is None or self._widest[0] != key:
            samples = [metrics.horizontalAdvance(c) for c in _WIDE_CHARACTERS]
            bound = max(samples) * _WIDEST_MARGIN
            self._widest = (key, bound)
        return self._widest[1]

    def _paint_focus(
        self,
        painter: QPainter,
        spans: list[tuple[int, int, int]],
        cells: list[tuple[int, int, int]],
        selected: set[int],
        look: _Look,
    ) -> None:
        current_row = self._focus_row()
        if current_row < 0:
            return
        current_column = self.currentIndex().column()
        for row, top, height in spans:
            if row != current_row:
                continue
            for column, left, width in cells:
                if column != current_column:
                    continue
                option = QStyleOptionFocusRect()
                option.initFrom(self)
                option.rect = QRect(left, top, width - look.grid, height - look.grid)
                option.state |= QStyle.StateFlag.State_KeyboardFocusChange
                option.state |= QStyle.StateFlag.State_Item
                role = (
                    QPalette.ColorRole.Highlight if row in selected else QPalette.ColorRole.Window
                )
                option.backgroundColor = self.palette().color(look.group, role)
                self.style().drawPrimitive(
                    QStyle.PrimitiveElement.PE_FrameFocusRect, option, painter, self
                )
