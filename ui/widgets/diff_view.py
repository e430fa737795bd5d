"""A before/after view of one value: before struck through in red, after in green.

Two plain-text labels (never rich text): whatever the shop or the user typed is shown literally.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from ui.widgets.load_state import plain_label

BEFORE_STYLE = "color: #c62828; background: #fdecea; padding: 2px 4px;"
AFTER_STYLE = "color: #2e7d32; background: #e8f5e9; padding: 2px 4px;"


class DiffView(QFrame):
    """Shows `before` → `after`; an empty value is shown as a note, not as nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diffView")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QGridLayout(self)
        self.before_caption = plain_label(self.tr("Before:"), wrap=False)
        self.after_caption = plain_label(self.tr("After:"), wrap=False)
        self.before_label = plain_label()
        self.before_label.setObjectName("diffBefore")
        self.before_label.setStyleSheet(BEFORE_STYLE)
        font = self.before_label.font()
        font.setStrikeOut(True)
        self.before_label.setFont(font)
        self.after_label = plain_label()
        self.after_label.setObjectName("diffAfter")
        self.after_label.setStyleSheet(AFTER_STYLE)
        for label in (self.before_label, self.after_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.before_caption, 0, 0)
        layout.addWidget(self.before_label, 0, 1)
        layout.addWidget(self.after_caption, 1, 0)
        layout.addWidget(self.after_label, 1, 1)
        layout.setColumnStretch(1, 1)
        self._before: str | None = None
        self._after: str | None = None
        self.set_values(None, None)

    def set_values(self, before: str | None, after: str | None) -> None:
        self._before = before
        self._after = after
        self._show(self.before_label, before, strike=True)
        self._show(self.after_label, after, strike=False)
        self.before_label.setAccessibleName(self.tr("Before: {0}").format(self.before_text))
        self.after_label.setAccessibleName(self.tr("After: {0}").format(self.after_text))

    def _show(self, label: QLabel, value: str | None, *, strike: bool) -> None:
        font = label.font()
        font.setStrikeOut(strike and bool(value))
        font.setItalic(not value)
        label.setFont(font)
        label.setText(value if value else self.tr("(empty)"))

    @property
    def before(self) -> str | None:
        return self._before

    @property
    def after(self) -> str | None:
        return self._after

    @property
    def before_text(self) -> str:
        return self.before_label.text()

    @property
    def after_text(self) -> str:
        return self.after_label.text()
