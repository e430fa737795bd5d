"""A table over a `PagedTableModel` with a line saying what is loaded, and an error + retry.

Used by the My data and Orders pages (any list the shop pages through).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui.errors import user_message
from ui.models.paged_table import Fetcher, PagedTableModel
from ui.widgets.load_state import plain_label
from ui.widgets.steady_line import SteadyLine
from ui.widgets.tables import fit_columns, record_table


class PagedTable(QWidget):
    """A table over a PagedTableModel, with a line saying what is loaded and an error + retry."""

    def __init__(
        self,
        model: PagedTableModel[Any],
        name: str,
        intro: str = "",
        parent: QWidget | None = None,
        *,
        optional: Sequence[int] = (),
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.optional = tuple(optional)  # see fit_columns: columns a detail pane also shows
        layout = QVBoxLayout(self)
        if intro:
            layout.addWidget(plain_label(intro))
        self.table = record_table(name, max_section=420)
        self.table.setModel(model)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        # one line: a wrapping label's size hint is two lines tall, and SteadyLine keeps it
        self.status = plain_label(wrap=False)
        self.error = plain_label()
        self.error.setObjectName("errorMessage")
        self.retry = QPushButton(self.tr("Try again"))
        self.retry.setAccessibleName(self.tr("Try loading {0} again").format(name))
        self.retry.clicked.connect(model.retry)
        row.addWidget(SteadyLine(self.status))  # changes per page: no relayout
        row.addWidget(self.error, 1)
        row.addWidget(self.retry)
        layout.addLayout(row)
        self._show_error(None)
        self._sized = False
        model.load_failed.connect(lambda error: self._show_error(user_message(error)))
        model.loading_changed.connect(self._loading)
        model.page_loaded.connect(self._loaded)

    def start(self, fetch: Fetcher[Any]) -> None:
        self._sized = False
        self._show_error(None)
        self.model.start(fetch)

    def _loading(self, busy: bool) -> None:
        if busy:
            self._show_error(None)
            self.status.setText(self.tr("Loading…"))

    def _loaded(self, rows: int) -> None:
        if rows == 0:
            self.status.setText(self.tr("Nothing recorded."))
        elif self.model.exhausted:
            self.status.setText(self.tr("{0} records").format(rows))
        else:
            self.status.setText(self.tr("{0} records loaded; scroll for more").format(rows))
        if not self._sized and rows:
            self._sized = True
            fit_columns(self.table, optional=self.optional)

    def _show_error(self, message: str | None) -> None:
        if message is not None:
            self.status.setText("")
        self.error.setText(message or "")
        self.error.setVisible(message is not None)
        self.retry.setVisible(message is not None)
