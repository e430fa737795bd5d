"""The four faces of every page: busy, empty, error (with retry) and the content itself."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)


class LoadState(Enum):
    BUSY = 0
    EMPTY = 1
    ERROR = 2
    CONTENT = 3


def plain_label(text: str = "", parent: QWidget | None = None, *, wrap: bool = True) -> QLabel:
    """A label that never interprets its text as rich text (server text may contain markup)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setText(text)
    return label


class LoadStateStack(QStackedWidget):
    """Wraps a content widget; `show_busy/show_empty/show_error/show_content` switch faces."""

    retry_requested = Signal()

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._busy_label = plain_label(self.tr("Loading…"))
        busy_bar = QProgressBar()
        busy_bar.setRange(0, 0)
        busy_bar.setTextVisible(False)
        busy_bar.setMaximumWidth(280)
        busy_bar.setAccessibleName(self.tr("Loading"))
        self._busy = self._centered(self._busy_label, busy_bar)

        self._empty_label = plain_label(self.tr("Nothing here yet."))
        self._empty = self._centered(self._empty_label)

        self._error_label = plain_label()
        self._error_label.setObjectName("errorMessage")
        self._retry = QPushButton(self.tr("Try again"))
        self._retry.setAccessibleName(self.tr("Try again"))
        self._retry.clicked.connect(self.retry_requested)
        self._error = self._centered(self._error_label, self._retry)

        for face in (self._busy, self._empty, self._error, content):
            self.addWidget(face)
        self._content = content
        self.state = LoadState.CONTENT
        self.setCurrentWidget(content)

    @staticmethod
    def _centered(*widgets: QWidget) -> QWidget:
        face = QWidget()
        layout = QVBoxLayout(face)
        layout.addStretch(1)
        for widget in widgets:
            if isinstance(widget, QLabel):
                # full width, centred text: an aligned item loses height-for-width, and a
                # wrapped sentence would be cut top and bottom
                widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
                layout.addWidget(widget)
            else:
                layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return face

    def show_busy(self, message: str | None = None) -> None:
        self._busy_label.setText(message or self.tr("Loading…"))
        self._switch(LoadState.BUSY, self._busy)

    def show_empty(self, message: str | None = None) -> None:
        self._empty_label.setText(message or self.tr("Nothing here yet."))
        self._switch(LoadState.EMPTY, self._empty)

    def show_error(self, message: str) -> None:
        self._error_label.setText(message)
        self._switch(LoadState.ERROR, self._error)

    def show_content(self) -> None:
        self._switch(LoadState.CONTENT, self._content)

    @property
    def empty_text(self) -> str:
        return self._empty_label.text()

    @property
    def error_text(self) -> str:
        return self._error_label.text()

    @property
    def retry_button(self) -> QPushButton:
        return self._retry

    def _switch(self, state: LoadState, face: QWidget) -> None:
        self.state = state
        self.setCurrentWidget(face)
