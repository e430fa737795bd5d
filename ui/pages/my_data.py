"""My data (placeholder until its owner lands the real page)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.pages.base import Page
from ui.widgets.load_state import plain_label


class MyDataPage(Page):
    page_id = "my-data"
    icon_name = "data"

    def __init__(self, context: object, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)  # type: ignore[arg-type]
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(self.title()))

    def title(self) -> str:
        return self.tr("My data")
