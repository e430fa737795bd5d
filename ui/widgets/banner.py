"""A full-width message strip: keychain warnings, assist mode, offline outbox, action results.

A dismissable banner (the result of an action on a page) has a close button and stays until
it is dismissed or replaced by the next message: nothing important vanishes after a few
seconds in the status bar.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QToolButton, QWidget

from ui.widgets.load_state import plain_label


class Banner(QFrame):
    action_clicked = Signal()
    dismissed = Signal()

    def __init__(
        self, kind: str, parent: QWidget | None = None, *, dismissable: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"banner_{kind}")
        self.setProperty("bannerKind", kind)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        self.label = plain_label()
        layout.addWidget(self.label, 1)
        self.button = QPushButton()
        self.button.clicked.connect(self.action_clicked)
        self.button.hide()
        layout.addWidget(self.button)
        self.close_button: QToolButton | None = None
        if dismissable:
            self.close_button = QToolButton()
            self.close_button.setObjectName("bannerDismiss")
            self.close_button.setText("✕")
            self.close_button.setAutoRaise(True)
            self.close_button.setToolTip(self.tr("Dismiss"))
            self.close_button.setAccessibleName(self.tr("Dismiss this message"))
            self.close_button.clicked.connect(self.dismiss)
            layout.addWidget(self.close_button)
        self._name_kind(kind)
        self.hide()

    def kind_name(self, kind: str) -> str:
        """The kind in words, as a screen reader says it before the message."""
        names = {
            "warning": self.tr("Warning"),
            "assist": self.tr("Assist mode"),
            "guardian": self.tr("Guardian mode"),
            "archive": self.tr("Opened archive"),
            "info": self.tr("Information"),
            "result": self.tr("Result"),
            "error": self.tr("Error"),
            "offline": self.tr("Offline"),
        }
        return names.get(kind, self.tr("Message"))

    def _name_kind(self, kind: str) -> None:
        name = self.kind_name(kind)
        self.setAccessibleName(name)
        self.label.setAccessibleName(name)

    def dismiss(self) -> None:
        self.label.clear()
        self.hide()
        self.dismissed.emit()

    def set_kind(self, kind: str) -> None:
        """Change the look (e.g. a result, an error, offline) and restyle."""
        self.setProperty("bannerKind", kind)
        self._name_kind(kind)  # heard as it looks
        self.style().unpolish(self)
        self.style().polish(self)

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
