"""The app's table views: read-only, whole-row selection, plain look (`record_table`).

`fit_columns` is the one column policy: columns take the width their content needs, the key
column (the first: what a row is) is never squeezed, one column stretches into the room left,
and when the content is wider than the view the widest other columns give way and wrap their
text onto more lines (rows get the height they need) instead of scrolling sideways. When even
their widest words do not fit side by side, a table's `optional` columns (the ones its page
also shows in a detail pane) are hidden, least important first, until they do; they come back
when the view grows. A table that is a short list to choose from (a partner, a policy version)
can also ask that its rows stay within `max_lines` lines (optional columns give way until they
do) and that `min_rows` rows always show, so that its selection never hides below a fold.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QObject,
    QRect,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyleOptionHeader,
    QTableView,
    QWidget,
)


def record_table(
    name: str,
    model: QAbstractItemModel | None = None,
    *,
    sortable: bool = False,
    fit_contents: bool = False,
    wrap: bool = False,
    max_section: int | None = None,
) -> QTableView:
    """A table of records; `fit_contents` sizes columns to their text, else the user does.

    The one table helper: every read-only list of records in the app is made here (sorting
    through `ui.models.proxies`), so they select, look and size alike.
    """
    table = QTableView()
    table.setAccessibleName(name)
    if model is not None:
        table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(wrap)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(
        QHeaderView.ResizeMode.ResizeToContents
        if fit_contents
        else QHeaderView.ResizeMode.Interactive
    )
    header.setStretchLastSection(True)
    if max_section is not None:
        header.setMaximumSectionSize(max_section)
    table.setSortingEnabled(sortable)
    if fit_contents:
        fit_columns(table)  # fitted columns wrap rather than scroll sideways
    return table


# what wrapping cannot split: runs of non-space letters; Chinese text breaks between characters
_WORDS = re.compile(r"[\u2e80-\u9fff\uff00-\uffef]|[^\s\u2e80-\u9fff\uff00-\uffef]+")


class WrappingHeader(QHeaderView):
    """A horizontal header whose titles wrap onto two lines when their column is narrow."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(False)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def _title(self, logical: int) -> str:
        model = self.model()
        if model is None:
            return ""
        return str(model.headerData(logical, self.orientation(), Qt.ItemDataRole.DisplayRole) or "")

    def _margin(self) -> int:
        return self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, self)

    def word_width(self, logical: int) -> int:
        """The narrowest the section may be: its widest word plus margins (and sort mark)."""
        # titles break at spaces only: a short Chinese title stays on one line
        words = self._title(logical).split() or [""]
        mark = (
            self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, self)
            if self.isSortIndicatorShown()
            else 0
        )
        widest = max(self.fontMetrics().horizontalAdvance(w) for w in words)
        return widest + 2 * self._margin() + mark

    def sizeHint(self) -> QSize:  # two lines when any title has to wrap
        hint = super().sizeHint()
        lines = 1
        for logical in range(self.count()):
            if self.isSectionHidden(logical):
                continue
            room = self.sectionSize(logical) - 2 * self._margin()
            box = self.fontMetrics().boundingRect(
                QRect(0, 0, max(room, 1), 10_000),
                int(Qt.TextFlag.TextWordWrap),
                self._title(logical),
            )
            lines = max(lines, round(box.height() / max(self.fontMetrics().lineSpacing(), 1)))
        extra = (min(lines, 3) - 1) * self.fontMetrics().lineSpacing()
        return QSize(hint.width(), hint.height() + extra)

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        painter.save()
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect = rect
        option.section = logical
        option.text = ""
        if self.isSortIndicatorShown() and self.sortIndicatorSection() == logical:
            option.sortIndicator = (
                QStyleOptionHeader.SortIndicator.SortDown
                if self.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
                else QStyleOptionHeader.SortIndicator.SortUp
            )
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        margin = self._margin()
        text_rect = rect.adjusted(margin, 0, -margin, 0)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(
            text_rect,
            int(
                Qt.AlignmentFlag.AlignLeft
                | Qt.AlignmentFlag.AlignVCenter
                | Qt.TextFlag.TextWordWrap
            ),
            self._title(logical),
        )
        painter.restore()


def _use_wrapping_header(table: QTableView) -> None:
    if isinstance(table.horizontalHeader(), WrappingHeader):
        return
    old = table.horizontalHeader()
    section, order = old.sortIndicatorSection(), old.sortIndicatorOrder()
    sorting = table.isSortingEnabled()
    header = WrappingHeader(table)
    header.setSortIndicatorShown(old.isSortIndicatorShown())
    header.setStretchLastSection(old.stretchLastSection())
    hidden = old.isHidden()  # explicitly hidden (a header made after show starts hidden)
    table.setHorizontalHeader(header)
    header.setHidden(hidden)
    header.setSortIndicator(section, order)
    table.setSortingEnabled(sorting)  # reconnects sorting to the new header


# "13 Nov 2026, 04:17" / "2026年11月13日 04:17" break between the date and the time only: a
# date split over three lines reads badly
_DATE_TIME = re.compile(
    r"^(\d{1,2} \S+ \d{4},?|\d{4}年\d{1,2}月\d{1,2}日) (\d{1,2}:\d{2})$"  # en, zh
)
_WIDE = re.compile(r"[\u2e80-\u9fff\uff00-\uffef]")
_SHORT = 10  # characters: a cell this short never wraps
_LINES_SLACK = 6  # px over the narrowest width that keeps a column within max_lines
_KEY_SHARE = 0.2  # the key column may wrap, but keeps this share of the room at least


class ColumnFitter(QObject):
    """Keeps a table's columns fitted (see the module docstring) as its rows and size change."""

    def __init__(
        self,
        table: QTableView,
        stretch: int | None,
        key: int,
        wrap: bool,
        optional: Sequence[int] = (),
        max_lines: int | None = None,
        min_rows: int = 0,
    ) -> None:
        super().__init__(table)
        _use_wrapping_header(table)
        self.table = table
        self.stretch = stretch
        self.key = key
        self.wrap = wrap
        self.optional = tuple(optional)
        self.max_lines = max_lines
        self.min_rows = min_rows
        # max_lines and min_rows only while optional columns give way for want of width
        self.narrow_only = False
        # with max_lines: each column first gets the width its rows need to stay within it
        self.by_lines = False
        self.dropped: list[int] = []  # optional columns this fitter hid for want of room
        self._busy = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        self._model: QAbstractItemModel | None = None
        table.viewport().installEventFilter(self)
        table.installEventFilter(self)
        self._watch_model()

    def _watch_model(self) -> None:
        model = self.table.model()
        if model is None or model is self._model:
            return
        self._model = model
        for signal in (
            model.modelReset,
            model.rowsInserted,
            model.rowsRemoved,
            model.layoutChanged,
            model.dataChanged,
            model.headerDataChanged,
        ):
            signal.connect(self.later)

    def later(self, *_args: object) -> None:
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.later()
        return False

    def fit(self) -> None:
        if self._busy:
            return
        self._busy = True
        try:
            self._watch_model()
            self._fit()
        finally:
            self._busy = False

    def _room(self) -> int:
        table = self.table
        # keep room for a vertical scroll bar that may appear once rows wrap
        bar = table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, table)
        return table.width() - 2 * table.frameWidth() - bar - 2

    def _longest_word(self, column: int) -> int:
        """The narrowest the column may get: its widest word (wrapping cannot go below it; ids
        are one word), or its widest short cell (dates, amounts, names read on one line)."""
        table, model = self.table, self.table.model()
        metrics = table.fontMetrics()
        padding = (
            2
            * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
            + 4
        )
        widest = 0
        for row in range(min(model.rowCount(), 200)):  # bounded: paged tables can be long
            text = model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
            if isinstance(text, str) and text:
                # a Chinese character is about two Latin letters wide
                short = len(text) + len(_WIDE.findall(text)) <= _SHORT
                if self.wrap and not short:
                    date_time = _DATE_TIME.match(text)
                    words = list(date_time.groups()) if date_time else _WORDS.findall(text)
                else:
                    words = [text]
                widest = max(widest, *(metrics.horizontalAdvance(w) for w in words))
        return widest + padding if widest else 0

    def _widths(
        self, columns: list[int], natural: dict[int, int], floors: dict[int, int], room: int
    ) -> dict[int, int]:
        widths = {c: natural[c] for c in columns}
        giving = list(columns)
        if sum(widths.values()) > room:
            # a water level: columns are capped at one common width (never below their
            # floor, the key's floor the highest), the lowest cap that fits the room
            fixed = 0

            def total(level: int) -> int:
                return fixed + sum(min(natural[c], max(level, floors[c])) for c in giving)

            low, high = 0, max(natural.values())
            while low < high:
                middle = (low + high + 1) // 2
                if total(middle) <= room:
                    low = middle
                else:
                    high = middle - 1
            for column in giving:
                widths[column] = min(natural[column], max(low, floors[column]))
        return widths

    def _column_lines(self, column: int, width: int) -> int:
        """The lines most of the column's cells wrap to at `width` (as `_lines` counts)."""
        table, model = self.table, self.table.model()
        margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table)
        flags = int(Qt.TextFlag.TextWordWrap)
        room = QRect(0, 0, max(width - 2 * (margin + 1), 1), 100_000)
        counts: list[int] = []
        for row in range(min(model.rowCount(), 50)):  # bounded, as `_lines`
            index = model.index(row, column)
            text = model.data(index, Qt.ItemDataRole.DisplayRole)
            if not isinstance(text, str) or not text:
                counts.append(1)
                continue
            font = model.data(index, Qt.ItemDataRole.FontRole)
            metrics = QFontMetrics(font) if isinstance(font, QFont) else table.fontMetrics()
            line = metrics.boundingRect(QRect(0, 0, 100_000, 100_000), flags, text).height()
            counts.append(round(metrics.boundingRect(room, flags, text).height() / max(line, 1)))
        counts.sort(reverse=True)
        return counts[len(counts) // 5] if counts else 1

    def _within_lines(
        self, columns: list[int], natural: dict[int, int], floors: dict[int, int], room: int
    ) -> dict[int, int]:
        """Widths by the water level, from floors raised to what each column needs to keep
        within `max_lines` (short columns take two lines, not one, and leave the room to the
        long ones); the plain water level when those floors do not fit the room."""
        if not self.by_lines or self.max_lines is None or not self.wrap:
            return self._widths(columns, natural, floors, room)
        needed = {}
        for column in columns:
            low, high = min(floors[column], natural[column]), natural[column]
            while low < high:  # the narrowest width within max_lines (natural: one line)
                middle = (low + high) // 2
                if self._column_lines(column, middle) <= self.max_lines:
                    high = middle
                else:
                    low = middle + 1
            # a few pixels over the narrowest: at the very edge the view's own wrapping (a
            # Chinese line breaks at any character) may take a line more than measured here
            needed[column] = max(min(low + _LINES_SLACK, natural[column]), floors[column])
        if sum(needed.values()) > room:
            return self._widths(columns, natural, floors, room)
        return self._widths(columns, natural, needed, room)

    def _lines(self, widths: dict[int, int]) -> int:
        """How many lines the rows wrap to at these widths: most rows' (the tallest fifth is
        let be, so that one partner receiving six kinds of data does not empty the table)."""
        table, model = self.table, self.table.model()
        margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table)
        padding = 2 * (margin + 1)  # the cell's text margins, as the delegate lays them out
        flags = int(Qt.TextFlag.TextWordWrap)
        rows: list[int] = []
        for row in range(min(model.rowCount(), 50)):  # bounded: paged tables can be long
            most = 1
            for column, width in widths.items():
                index = model.index(row, column)
                text = model.data(index, Qt.ItemDataRole.DisplayRole)
                if not isinstance(text, str) or not text:
                    continue
                font = model.data(index, Qt.ItemDataRole.FontRole)  # bold rows are wider
                metrics = QFontMetrics(font) if isinstance(font, QFont) else table.fontMetrics()
                # a line's height from the text itself: Chinese falls back to a taller font
                line = metrics.boundingRect(QRect(0, 0, 100_000, 100_000), flags, text).height()
                room = QRect(0, 0, max(width - padding, 1), 100_000)
                box = metrics.boundingRect(room, flags, text)
                most = max(most, round(box.height() / max(line, 1)))
            rows.append(most)
        rows.sort(reverse=True)
        return rows[len(rows) // 5] if rows else 1

    def _keep_rows_shown(self) -> None:
        """At least `min_rows` rows (or all, when fewer) fit in the view, whatever their height."""
        table, model = self.table, self.table.model()
        if not self.min_rows or model is None:
            return
        rows = min(self.min_rows, model.rowCount()) or 1
        heights = [
            table.sizeHintForRow(r) if r < model.rowCount() else table.fontMetrics().height() + 8
            for r in range(rows)
        ]
        header = table.horizontalHeader()
        needed = sum(max(h, table.verticalHeader().minimumSectionSize()) for h in heights)
        needed += header.sizeHint().height() if not header.isHidden() else 0
        needed += 2 * table.frameWidth() + 2
        if table.minimumHeight() != needed:
            table.setMinimumHeight(needed)

    def _fit(self) -> None:
        table, model = self.table, self.table.model()
        if model is None or not table.isVisible():
            return
        header = table.horizontalHeader()
        for column in self.dropped:  # measured afresh: the room or the rows may have changed
            header.showSection(column)
        self.dropped = []
        columns = [c for c in range(model.columnCount()) if not header.isSectionHidden(c)]
        if not columns:
            return
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.setWordWrap(self.wrap)
        natural = {c: max(table.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in columns}
        natural = {c: max(w, 1) for c, w in natural.items()}
        room = self._room()
        titles = header.word_width if isinstance(header, WrappingHeader) else header.sectionSizeHint
        floors = {c: max(titles(c), self._longest_word(c)) for c in columns}
        if self.key in floors:
            floors[self.key] = min(natural[self.key], max(floors[self.key], int(room * _KEY_SHARE)))
        # the narrowest the columns can be is their floors: past the room, drop optional ones
        for column in self.optional:
            if sum(min(natural[c], floors[c]) for c in columns) <= room or len(columns) < 2:
                break
            if column in columns and column != self.key:
                header.hideSection(column)
                self.dropped.append(column)
                columns.remove(column)
        narrow = bool(self.dropped)  # some columns already gave way for want of width
        short = not self.narrow_only or narrow
        fitting = self._within_lines if short else self._widths
        widths = fitting(columns, natural, floors, room)
        # a list to choose from keeps its rows short: optional columns give way until they are
        while (
            short
            and self.max_lines is not None
            and self.wrap
            and self._lines(widths) > self.max_lines
        ):
            left = [c for c in self.optional if c in columns and c != self.key]
            if not left or len(columns) < 2:
                break
            header.hideSection(left[0])
            self.dropped.append(left[0])
            columns.remove(left[0])
            widths = fitting(columns, natural, floors, room)
        others = [c for c in columns if c != self.key]
        stretch = (
            self.stretch
            if self.stretch in columns
            else max(others or columns, key=lambda c: natural[c])
        )
        for column in columns:
            header.resizeSection(column, widths[column])
        if sum(widths.values()) <= room:  # else stretching would squeeze it below its words
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        header.updateGeometry()  # titles may now wrap: the header's height follows
        header.geometriesChanged.emit()  # the view lays out its header again
        rows = table.verticalHeader()
        if self.wrap:
            rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if short:
            self._keep_rows_shown()
        elif self.min_rows and table.minimumHeight():
            table.setMinimumHeight(0)  # wide again: the rows' minimum of the narrow size goes


def fit_columns(
    table: QTableView,
    *,
    stretch: int | None = None,
    key: int = 0,
    wrap: bool = True,
    optional: Sequence[int] = (),
    max_lines: int | None = None,
    min_rows: int = 0,
    narrow_only: bool = False,
    by_lines: bool = False,
) -> None:
    """Fit the table's columns now and whenever its rows or size change (idempotent).

    `optional`: columns that may be hidden when the view is too narrow for all of them, in the
    order they give way; only columns whose content the page also shows elsewhere (its detail
    pane) belong here. `max_lines`: optional columns also give way while a row would wrap to
    more lines than this. `min_rows`: the view is kept tall enough to show this many rows.
    `narrow_only`: `max_lines` and `min_rows` apply only while some optional column gives way
    for want of width (a detail pane then shows them): a view wide enough for every column
    keeps them all, however tall its rows. `by_lines`: with `max_lines`, each column is first
    given the narrowest width that keeps its cells within it, the rest of the room shared by
    the water level (so short columns wrap to two lines and a long one keeps its place).
    """
    fitter = table.findChild(ColumnFitter)
    if fitter is None:
        fitter = ColumnFitter(table, stretch, key, wrap, optional, max_lines, min_rows)
    else:
        fitter.stretch, fitter.key, fitter.wrap = stretch, key, wrap
        fitter.optional = tuple(optional)
        fitter.max_lines, fitter.min_rows = max_lines, min_rows
    fitter.narrow_only = narrow_only
    fitter.by_lines = by_lines
    fitter.fit()


def dropped_columns(table: QTableView) -> list[int]:
    """The optional columns hidden for want of room right now (see `fit_columns`)."""
    fitter = table.findChild(ColumnFitter)
    return list(fitter.dropped) if fitter is not None else []
