"""Automated decisions (placeholder until its owner lands the real page)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.pages.base import Page
from ui.widgets.load_state import plain_label


class DecisionsPage(Page):
    page_id = "decisions"
    icon_name = "decisions"

    def __init__(self, context: object, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)  # type: ignore[arg-type]
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(self.title()))

    def title(self) -> str:
        return self.tr("Automated decisions")
