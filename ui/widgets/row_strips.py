"""Rows painted ahead, in the UI thread's idle moments, for a table scrolled a screenful at a time.

A table dragged through a long list shows a new screenful of rows every frame, and drawing
their texts (shaping each, blending its glyphs) is most of the frame. Qt widgets paint on the
UI thread only, and PySide6 holds the interpreter lock while Qt paints, so a worker thread
could not do it without stopping the UI thread all the same. What can move is *when*: the rows
just past the screen's edge, in the direction of the last scroll, are painted into images
(`RowStrips.paint_ahead`), a few rows per turn of the event loop, and the frame that shows them
copies those images (`draw`): about a tenth of the cost of drawing them. The UI thread does the
same painting in all, in slices short enough not to be felt, instead of all of it in the frame.

A strip is used only with the look it was painted with (`use`: the columns, font, palette,
grid, pixel ratio…) and for the row's texts it was painted with (the model's own tuple,
compared); anything else is painted afresh. Only the rows around the screen are kept: about
three screenfuls of images (a 1280-pixel-wide row is 130 KB).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtCore import QObject, QPoint, QRect, QTimer
from PySide6.QtGui import QImage, QPainter

# Rows painted ahead in one turn of the event loop: short enough (about a third of a
# millisecond) to hide between two input events or timers.
SLICE_ROWS = 4
# The strips' pixel format: the raster backing store's own, so a strip copies without conversion.
_FORMAT = QImage.Format.Format_RGB32

# Paints adjacent rows (each with its texts), the first at the painter's origin.
PaintRows = Callable[[QPainter, list[tuple[int, tuple[str, ...]]]], None]


class RowStrips(QObject):
    """Images of rows, each painted with one look, kept for rows near the screen."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._look: Hashable = None
        # a row's texts, and the image holding it at a height (device pixels)
        self._strips: dict[int, tuple[tuple[str, ...], QImage, int]] = {}
        self._wanted: list[int] = []  # rows to paint ahead, nearest the screen first
        self._source: Callable[[int], tuple[str, ...] | None] | None = None
        self._paint_rows: PaintRows | None = None
        self._size: tuple[int, int, float] = (0, 0, 1.0)
        self._last_first = -1
        # A zero timer runs when the event loop has nothing else waiting: one slice a turn.
        self._idle = QTimer(self)
        self._idle.setInterval(0)
        self._idle.timeout.connect(self._paint_slice)

    def clear(self) -> None:
        self._strips.clear()
        self._wanted.clear()
        self._idle.stop()

    def kept_rows(self) -> set[int]:
        """The rows whose images are kept (painted ahead)."""
        return set(self._strips)

    def draw(self, painter: QPainter, x: int, y: int, row: int, texts: tuple[str, ...]) -> bool:
        """Copy the row's image to (x, y), if it was painted with this look and these texts."""
        kept = self._strips.get(row)
        if kept is None or (kept[0] is not texts and kept[0] != texts):
            return False
        width, height, ratio = self._size
        painter.drawImage(
            QPoint(x, y), kept[1], QRect(0, kept[2], round(width * ratio), round(height * ratio))
        )
        return True

    def use(self, look: Hashable, size: tuple[int, int, float]) -> None:
        """Paint with `look` (strips of other looks are dropped): call before `draw`."""
        if look != self._look or size != self._size:
            self._look, self._size = look, size
            self.clear()

    def paint_ahead(
        self,
        first: int,
        last: int,
        count: int,
        texts_at: Callable[[int], tuple[str, ...] | None],
        paint_rows: PaintRows,
    ) -> None:
        """After a frame that showed rows `first`..`last` of `count`: keep the strips around
        them, and paint the next screenful (in the direction the rows moved) when idle."""
        screen = last - first + 1
        down = first >= self._last_first
        self._last_first = first
        if down:
            ahead = range(last, min(count, last + screen + 1))
        else:
            ahead = range(max(0, first - screen - 1), first + 1)[::-1]
        keep_from, keep_to = first - screen - 1, last + screen + 1
        for row in [r for r in self._strips if not keep_from <= r <= keep_to]:
            del self._strips[row]
        self._wanted = [row for row in ahead if row not in self._strips]
        self._source, self._paint_rows = texts_at, paint_rows
        if self._wanted:
            self._idle.start()

    def _paint_slice(self) -> None:
        source, paint_rows = self._source, self._paint_rows
        wanted = self._wanted
        if source is None or paint_rows is None or not wanted:
            self._idle.stop()
            return
        # Up to SLICE_ROWS rows of the wanted, adjacent on screen, painted into one image.
        rows: list[tuple[int, tuple[str, ...]]] = []
        step = 1 if len(wanted) < 2 or wanted[1] > wanted[0] else -1
        while wanted and len(rows) < SLICE_ROWS:
            row = wanted[0]
            if rows and row != rows[-1][0] + step:
                break
            wanted.pop(0)
            texts = source(row)
            if texts is not None:
                rows.append((row, texts))
        if step < 0:
            rows.reverse()
        if rows:
            width, height, ratio = self._size
            image = QImage(round(width * ratio), round(height * ratio) * len(rows), _FORMAT)
            image.setDevicePixelRatio(ratio)
            painter = QPainter(image)
            try:
                paint_rows(painter, rows)
            finally:
                painter.end()
            for place, (row, texts) in enumerate(rows):
                self._strips[row] = (texts, image, place * round(height * ratio))
        if not wanted:
            self._idle.stop()
