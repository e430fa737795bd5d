"""A clickable tile with one big figure and a caption, for the overview."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from ui.widgets.load_state import plain_label


class StatCard(QFrame):
    clicked = Signal()

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        self.figure = plain_label("—")
        self.figure.setObjectName("statFigure")
        self.caption = plain_label(caption)
        self.caption.setObjectName("statCaption")
        self.detail = plain_label()
        self.detail.setObjectName("statDetail")
        for label in (self.figure, self.caption, self.detail):
            layout.addWidget(label)
        layout.addStretch(1)
        self.setAccessibleName(caption)

    def set_value(self, figure: str, detail: str = "", *, alert: bool = False) -> None:
        self.figure.setText(figure)
        self.detail.setText(detail)
        self.setProperty("alert", alert)
        for widget in (self, self.figure, self.detail):  # re-apply the [alert] style rules
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        self.setAccessibleDescription(f"{figure} {detail}".strip())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: object) -> None:
        from PySide6.QtGui import QKeyEvent

        if isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]
