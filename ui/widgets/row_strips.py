"""Rows painted ahead, in the UI thread's idle moments, for a table scrolled a screenful at a time.

A table dragged through a long list shows a new screenful of rows every frame, and drawing
their texts (shaping each, blending its glyphs) is most of the frame. Qt widgets paint on the
UI thread only, and PySide6 holds the interpreter lock while Qt paints, so a worker thread
could not do it without stopping the UI thread all the same. What can move is *when*: the rows
just past the screen's edge, in the direction of the last scroll, are painted into one image
(`RowStrips.paint_ahead`), a part per turn of the event loop, and the frame that shows them
copies that image (`copy`), a fraction of the cost of drawing them. The UI thread does the same
painting in all, in parts short enough not to be felt, instead of all of it in the frame.

A row's image is used only with the look it was painted with (`use`: the columns, font,
palette, grid, pixel ratio…) and for the texts it was painted with (the model's own tuple,
compared); anything else is painted afresh. Only the rows around the screen are kept: about
three screenfuls (a 1280-pixel-wide row is 130 KB), in images painted into again and again.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtCore import QObject, QPoint, QRect, QSize, QTimer
from PySide6.QtGui import QImage, QPainter

# The strips' pixel format: the raster backing store's own, so a strip copies without conversion.
_FORMAT = QImage.Format.Format_RGB32

# Spare images kept for painting ahead again (each is a screenful).
_SPARE_IMAGES = 2

# Paints part `part` (0, 1, …) of adjacent rows (each with its texts), the first row at the
# painter's origin; returns whether that was the last part. A part is what one turn of the
# event loop paints: short enough (a fraction of a millisecond) not to be felt.
PaintPart = Callable[[QPainter, list[tuple[int, tuple[str, ...]]], int], bool]


class _Job:
    """Rows being painted ahead into one image, a part per turn of the event loop."""

    def __init__(self, rows: list[tuple[int, tuple[str, ...]]], image: QImage, paint: PaintPart):
        self.rows = rows
        self.image = image
        self.paint = paint
        self.part = 0


class RowStrips(QObject):
    """Images of rows, each painted with one look, kept for rows near the screen."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._look: Hashable = None
        self._size: tuple[int, int, float] = (0, 0, 1.0)  # a row's width, height; pixel ratio
        # a row's texts, and the image holding it at a height (device pixels)
        self._strips: dict[int, tuple[tuple[str, ...], QImage, int]] = {}
        self._job: _Job | None = None
        # Images no kept row is in any more, for the next screenfuls: a new one of a few
        # megabytes costs the kernel a page fault per 4 KB the first time it is painted
        # (up to 10 ms measured in one go: see the backgrounds' parts in text_table.py).
        self._spare: list[QImage] = []
        self._last_first = -1
        # A zero timer runs when the event loop has nothing else waiting: one part a turn.
        self._idle = QTimer(self)
        self._idle.setInterval(0)
        self._idle.timeout.connect(self._paint_part)

    def clear(self) -> None:
        self._strips.clear()
        self._job = None
        self._spare.clear()
        self._idle.stop()

    def painting(self) -> bool:
        """Whether rows are being painted ahead (a part at a time)."""
        return self._job is not None

    def kept_rows(self) -> set[int]:
        """The rows whose images are kept (painted ahead)."""
        return set(self._strips)

    def copy(
        self, painter: QPainter, x: int, rows: list[tuple[int, int, tuple[str, ...]]]
    ) -> set[int]:
        """Copy the images of those of `rows` (each a row, its top on screen and its texts)
        that were painted with this look and these texts; returns the rows copied.

        Rows painted together and shown together are copied in one piece."""
        width, height, ratio = self._size
        device_width, device_height = round(width * ratio), round(height * ratio)
        copied: set[int] = set()
        piece: tuple[QImage, int, int, int] | None = None  # image, its y, top on screen, rows
        for row, top, texts in rows:
            kept = self._strips.get(row)
            if kept is None or (kept[0] is not texts and kept[0] != texts):
                continue
            copied.add(row)
            _texts, image, y = kept
            if piece is not None:
                p_image, p_y, p_top, p_rows = piece
                if (
                    p_image is image
                    and y == p_y + p_rows * device_height
                    and top == p_top + p_rows * height
                ):
                    piece = (p_image, p_y, p_top, p_rows + 1)
                    continue
                painter.drawImage(
                    QPoint(x, p_top), p_image, QRect(0, p_y, device_width, p_rows * device_height)
                )
            piece = (image, y, top, 1)
        if piece is not None:
            p_image, p_y, p_top, p_rows = piece
            painter.drawImage(
                QPoint(x, p_top), p_image, QRect(0, p_y, device_width, p_rows * device_height)
            )
        return copied

    def use(self, look: Hashable, size: tuple[int, int, float]) -> None:
        """Paint with `look` (images of other looks are dropped): call before `copy`.

        `size` is a row's width and height and the pixel ratio, which `look` decides."""
        if look != self._look:
            self._look = look
            self.clear()
        self._size = size

    def paint_ahead(
        self,
        first: int,
        last: int,
        count: int,
        texts_at: Callable[[int], tuple[str, ...] | None],
        paint: PaintPart,
    ) -> None:
        """After a frame that showed rows `first`..`last` of `count`: keep the strips around
        them, and paint the next screenful (in the direction the rows moved) when idle.

        `texts_at` gives a row's texts, or None for a row the model no longer has."""
        screen = last - first + 1
        down = first >= self._last_first
        self._last_first = first
        if down:
            ahead = range(last, min(count, last + screen + 1))
        else:
            ahead = range(max(0, first - screen), first + 1)
        keep_from, keep_to = first - screen - 1, last + screen + 1
        dropped = [r for r in self._strips if not keep_from <= r <= keep_to]
        if dropped:
            images = {id(self._strips[row][1]): self._strips[row][1] for row in dropped}
            for row in dropped:
                del self._strips[row]
            for _texts, image, _y in self._strips.values():
                images.pop(id(image), None)
            self._spare = (self._spare + list(images.values()))[-_SPARE_IMAGES:]
        job = self._job
        if job is not None:
            if [row for row, _texts in job.rows] == list(ahead):
                return  # being painted
            self._job = None  # rows no longer next: its image is free
            self._spare = [*self._spare, job.image][-_SPARE_IMAGES:]
        if all(row in self._strips for row in ahead):
            self._idle.stop()
            return
        rows: list[tuple[int, tuple[str, ...]]] = []
        for row in ahead:
            texts = texts_at(row)
            if texts is None:
                break
            rows.append((row, texts))
        if not rows:
            return
        width, height, ratio = self._size
        # room for a whole screenful and one more row, however many rows there are yet
        size = QSize(round(width * ratio), round(height * ratio) * (screen + 1))
        canvas = self._spare.pop() if self._spare else None
        if canvas is None or canvas.size() != size:
            canvas = QImage(size, _FORMAT)
            canvas.setDevicePixelRatio(ratio)
        self._job = _Job(rows, canvas, paint)
        self._idle.start()

    def _paint_part(self) -> None:
        job = self._job
        if job is None:
            self._idle.stop()
            return
        painter = QPainter(job.image)
        try:
            done = job.paint(painter, job.rows, job.part)
        finally:
            painter.end()
        job.part += 1
        if done:
            row_height = round(self._size[1] * self._size[2])
            for place, (row, texts) in enumerate(job.rows):
                self._strips[row] = (texts, job.image, place * row_height)
            self._job = None
            self._idle.stop()
