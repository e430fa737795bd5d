"""A full-width message strip above the pages: keychain warnings, assist mode, offline outbox."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from ui.widgets.load_state import plain_label


class Banner(QFrame):
    action_clicked = Signal()

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"banner_{kind}")
        self.setProperty("bannerKind", kind)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        self.label = plain_label()
        self.label.setAccessibleName(kind)
        layout.addWidget(self.label, 1)
        self.button = QPushButton()
        self.button.clicked.connect(self.action_clicked)
        self.button.hide()
        layout.addWidget(self.button)
        self.hide()

    def show_message(self, text: str, action: str | None = None) -> None:
        self.label.setText(text)
        if action:
            self.button.setText(action)
            self.button.setAccessibleName(action)
            self.button.show()
        else:
            self.button.hide()
        self.show()

    @property
    def text(self) -> str:
        return self.label.text()
