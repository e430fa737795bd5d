"""The faces of every page: busy, empty, error (with retry), signed out (a welcome with Add a
shop / Sign in) and the content itself."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
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
    WELCOME = 4


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
    add_shop_requested = Signal()
    sign_in_requested = Signal()

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

        # Signed out: a welcome that says what to do, with the two buttons that do it.
        self._welcome_heading = plain_label()
        self._welcome_heading.setObjectName("welcomeHeading")
        self._welcome_heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self._welcome_text = plain_label()
        self._welcome_text.setObjectName("welcomeText")
        self._welcome_text.setMaximumWidth(560)
        self._welcome_text.setMinimumWidth(320)
        self._add_shop = QPushButton(self.tr("Add a shop…"))
        self._add_shop.setObjectName("welcomeAddShop")
        self._add_shop.clicked.connect(self.add_shop_requested)
        self._sign_in = QPushButton(self.tr("Sign in"))
        self._sign_in.setObjectName("welcomeSignIn")
        self._sign_in.clicked.connect(self.sign_in_requested)
        buttons = QWidget()
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 8, 0, 0)
        row.addWidget(self._sign_in)
        row.addWidget(self._add_shop)
        self._welcome = self._centered(self._welcome_heading, self._welcome_text, buttons)
        self._welcome.setObjectName("welcomeFace")

        for face in (self._busy, self._empty, self._error, self._welcome, content):
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

    def show_welcome(self, known_shop: str | None) -> None:
        """Signed out. `known_shop`: a shop already added (sign in again in one click)."""
        if known_shop:
            self._welcome_heading.setText(self.tr("You are signed out"))
            self._welcome_text.setText(
                self.tr(
                    "{0} and its accounts are still listed here. Sign in again to see what it "
                    "holds about you, or add another shop."
                ).format(known_shop)
            )
        else:
            self._welcome_heading.setText(self.tr("Welcome"))
            self._welcome_text.setText(
                self.tr(
                    "See what a shop holds about you, what it shares and why, and ask it to "
                    "correct or delete it. Start by adding the shop you buy from; you then sign "
                    "in on the shop's own page in your browser."
                )
            )
        self._sign_in.setVisible(bool(known_shop))
        self._sign_in.setDefault(bool(known_shop))
        self._add_shop.setDefault(not known_shop)
        self._switch(LoadState.WELCOME, self._welcome)

    @property
    def welcome_text(self) -> str:
        return self._welcome_text.text()

    @property
    def add_shop_button(self) -> QPushButton:
        return self._add_shop

    @property
    def sign_in_button(self) -> QPushButton:
        return self._sign_in

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
