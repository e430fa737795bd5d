"""A one-line label whose text changes often (a count while pages load) without laying out
the page again each time.

A label's new text changes its size hint, and Qt then lays out every layout above it again. Inside
a tab widget that ends in a repaint of the whole tab (`QTabWidget` repaints itself after every
layout request it gets), so a status line under a long list cost a full-page repaint each time a
page of rows came in while the list scrolled: two per page, ~3 ms each on the UI thread
(bench/bench_scroll.py). Here the label sits in a holder, outside any layout; the holder's size is
the widest text shown so far, so a new text repaints the label alone, and the page is laid out
again only when a text is wider than every one before it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class SteadyLine(QWidget):
    """Holds `label` (one line, no word wrap) and takes its widest size so far as its own."""

    def __init__(self, label: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        label.setParent(self)
        self._size = label.sizeHint()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return self._size

    def minimumSizeHint(self) -> QSize:
        # As a label without word wrap: never narrower than its text (nothing clipped).
        return self._size

    def event(self, event: QEvent) -> bool:
        # A child outside a layout asks its visible parent for a new layout when its size hint
        # may have changed (a new text, font or style); texts set while hidden are measured
        # when shown. Only a bigger label reaches the page's layout.
        kind = event.type()
        if kind == QEvent.Type.LayoutRequest:
            self._fit()
            return True
        if kind == QEvent.Type.Show:
            self._fit()
        return super().event(event)

    def _fit(self) -> None:
        grown = self.label.sizeHint().expandedTo(self._size)
        if grown != self._size:
            self._size = grown
            self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.label.setGeometry(self.rect())
        super().resizeEvent(event)
