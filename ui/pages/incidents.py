"""Security incidents: the shop's notices to *this* shopper, unread first (issue 13.7).

Each notice says what happened, what it means, which of the shopper's own data it touched
(each a button to the page that shows that data), what the shop did, what the shopper can do,
and the remedies; and on which clause of the shop's policy the notice rests (or that the
policy promises none and this is the shop's own practice). Opening a notice does not mark it
read: "Mark as read" does, an idempotent write. All of it is the shop's text: plain text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelection,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from client.i18n import trans_late
from client.models.incidents import Incident
from ui.errors import user_message
from ui.formats import format_date
from ui.models.columns import RAW_ROLE, Column, display_text
from ui.models.record_table import RecordTableModel
from ui.models.requests import category_label
from ui.pages.base import DataPage, newest
from ui.session import ActiveView
from ui.tasks import TaskControl
from ui.widgets.load_state import plain_label
from ui.widgets.tables import record_table

# Where the app shows each data category (the "see it" buttons of a notice).
_CATEGORY_PAGE_PAIRS: tuple[tuple[str, str], ...] = (
    ("account", "my-data"),
    ("profile", "my-data"),
    ("identity_verification", "my-data"),
    ("devices", "my-data"),
    ("locations", "my-data"),
    ("logs", "my-data"),
    ("tracks", "tracks"),
    ("tags", "tracks"),
    ("orders", "orders"),
    ("payments", "orders"),
    ("decisions", "decisions"),
    ("consents", "consents"),
    ("subscriptions", "consents"),
    ("sharing", "sharing"),
)
CATEGORY_PAGES: dict[str, str] = dict(_CATEGORY_PAGE_PAIRS)
CONTEXT = "IncidentsPage"
INCIDENTS_CAP = 500  # listed at most; more say so
_SEVERITY_WORDS = {
    "info": trans_late("IncidentsPage", "Low"),
    "warning": trans_late("IncidentsPage", "Medium"),
    "critical": trans_late("IncidentsPage", "High"),
}
_OTHER_SEVERITY = trans_late("IncidentsPage", "Not rated")
_READ_WORD = trans_late("IncidentsPage", "Read")
_UNREAD_WORD = trans_late("IncidentsPage", "Unread — new")


def page_for_category(category: str) -> str:
    return CATEGORY_PAGES.get(category, "my-data")


class _Words:
    """Translated words for the table (context "IncidentsPage")."""

    @staticmethod
    def read(incident: Incident) -> str:
        word = _READ_WORD if incident.read else _UNREAD_WORD
        return QCoreApplication.translate(CONTEXT, str(word))

    @staticmethod
    def severity(incident: Incident) -> str:
        # A level this app does not know is named as such, never by the shop's key.
        word = _SEVERITY_WORDS.get(incident.severity, _OTHER_SEVERITY)
        return QCoreApplication.translate(CONTEXT, str(word))


INCIDENT_COLUMNS: list[Column[Incident]] = [
    Column(trans_late("Columns", "Status"), _Words.read),
    Column(
        trans_late("Columns", "Published"),
        lambda i: format_date(i.published_at),
        sort=lambda i: i.published_at,
    ),
    Column(trans_late("Columns", "Severity"), _Words.severity),
    Column(trans_late("Columns", "Title"), lambda i: i.title, tooltip=lambda i: i.title),
]


class IncidentModel(RecordTableModel[Incident]):
    def data(self, index: QModelIndex | Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.FontRole and index.isValid():
            row = self.row_at(index.row())
            if row is not None and not row.read:
                font = QFont()
                font.setBold(True)
                return font
        return super().data(index, role)


@dataclass(frozen=True)
class IncidentsData:
    incidents: list[Incident]
    more: bool = False  # the shop holds more than were listed


class IncidentsPage(DataPage[IncidentsData]):
    page_id = "incidents"
    icon_name = "warning"
    incidents_changed = Signal()  # a notice was marked read (Overview recounts)

    def title(self) -> str:
        return self.tr("Security incidents")

    def empty_message(self) -> str:
        return self.tr("No security incident has affected your data at this shop.")

    # --- widgets ----------------------------------------------------------------------------
    def build(self, content: QWidget) -> None:
        self.incidents: list[Incident] = []
        self.current: Incident | None = None
        layout = QVBoxLayout(content)
        layout.setContentsMargins(16, 4, 16, 12)
        self.unread_note = plain_label()
        self.unread_note.setObjectName("unreadIncidents")
        self.unread_note.setStyleSheet("color: #c62828; font-weight: 600;")
        layout.addWidget(self.unread_note)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        layout.addWidget(splitter, 1)
        self.model = IncidentModel(INCIDENT_COLUMNS, self)
        self.table = record_table(self.tr("Security incidents"), self.model, fit_contents=True)
        self.table.selectionModel().selectionChanged.connect(self._chosen)
        splitter.addWidget(self.table)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        self.incident_heading = plain_label()
        self.incident_heading.setObjectName("incidentTitle")
        font = self.incident_heading.font()
        font.setBold(True)
        self.incident_heading.setFont(font)
        self.meta = plain_label()
        detail_layout.addWidget(self.incident_heading)
        detail_layout.addWidget(self.meta)
        self.sections: dict[str, QGroupBox] = {}
        self.texts: dict[str, Any] = {}
        for key, title in (
            ("situation", self.tr("What happened")),
            ("impact", self.tr("What it means for you")),
            ("affected", self.tr("Your data affected")),
            ("measures", self.tr("What the shop has done")),
            ("advice", self.tr("What you can do")),
            ("remedies", self.tr("Remedies for you")),
        ):
            box = QGroupBox(title)
            box_layout = QVBoxLayout(box)
            if key == "affected":
                self.affected_layout = box_layout
            else:
                label = plain_label()
                label.setObjectName(f"incident_{key}")
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                box_layout.addWidget(label)
                self.texts[key] = label
            self.sections[key] = box
            detail_layout.addWidget(box)
        self.clause = plain_label()
        self.clause.setObjectName("incidentClause")
        detail_layout.addWidget(self.clause)
        row = QHBoxLayout()
        self.read_status = plain_label()
        row.addWidget(self.read_status, 1)
        self.read_button = QPushButton(self.tr("Mark as read"))
        self.read_button.setObjectName("markIncidentRead")
        self.read_button.clicked.connect(self.mark_read)
        row.addWidget(self.read_button)
        detail_layout.addLayout(row)
        detail_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(detail)
        splitter.addWidget(scroll)
        splitter.setSizes([380, 620])
        self.affected_buttons: dict[str, QPushButton] = {}

    # --- loading ----------------------------------------------------------------------------
    def fetch(self, view: ActiveView) -> IncidentsData:
        incidents, more = newest(
            view.api.list_incidents(limit=100).auto_paging_iter(), INCIDENTS_CAP
        )
        return IncidentsData(incidents, more)

    def present(self, data: IncidentsData) -> bool:
        if data.more:
            self.show_capped(len(data.incidents))
        # The shop's order: unread first, then newest first.
        self.incidents = list(data.incidents)
        self.model.set_rows(self.incidents)
        self._show_unread_count()
        if self.incidents:
            self.table.selectRow(0)
        return bool(self.incidents)

    def _show_unread_count(self) -> None:
        unread = sum(1 for i in self.incidents if not i.read)
        self.unread_note.setText(
            self.tr(
                "⚠ %n unread security incident notice(s): read what happened to your data.",
                "",
                unread,
            )
        )
        self.unread_note.setVisible(bool(unread))

    # --- showing ----------------------------------------------------------------------------
    def _chosen(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        record = rows[0].data(RAW_ROLE) if rows else None
        self.show_incident(record if isinstance(record, Incident) else None)

    def show_incident(self, incident: Incident | None) -> None:
        self.current = incident
        if incident is None:
            return
        self.incident_heading.setText(incident.title)
        self.meta.setText(
            self.tr("Published {0} · happened {1} · severity: {2}").format(
                format_date(incident.published_at),
                format_date(incident.occurred_at),
                _Words.severity(incident),
            )
        )
        for key, label in self.texts.items():
            label.setText(str(getattr(incident, key)))
        while self.affected_layout.count():
            item = self.affected_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        self.affected_buttons = {}
        for data in incident.affected:
            # "&" in the shop's title is a literal one, not a keyboard shortcut
            title = data.title or category_label(data.category)
            button = QPushButton(self.tr("{0} — show this data").format(title).replace("&", "&&"))
            button.setObjectName(f"affected_{data.category}")
            target = page_for_category(data.category)
            button.clicked.connect(lambda _checked=False, t=target: self.navigate.emit(t))
            self.affected_layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            self.affected_buttons[data.category] = button
        self.clause.setText(
            self.tr("The shop's policy promises this notice in § {0}.").format(incident.clause)
            if incident.clause
            else self.tr(
                "The shop's policy promises no incident notices: this one is the shop's own "
                "practice."
            )
        )
        self._show_read_state(incident)

    def _show_read_state(self, incident: Incident) -> None:
        view = self.view
        can_mark = view is not None and view.can_change and not incident.read
        self.read_button.setVisible(can_mark)
        self.read_status.setText(
            self.tr("Read on {0}").format(display_text(incident.read_at))
            if incident.read and incident.read_at is not None
            else self.tr("Not read yet")
        )

    # --- actions ----------------------------------------------------------------------------
    def mark_read(self) -> None:
        view, incident = self.view, self.current
        if view is None or incident is None or not view.can_change:
            return
        self.read_button.setEnabled(False)

        def work(_control: TaskControl) -> Incident:
            return view.shop.mark_incident_read(incident.id)

        def done(updated: Incident) -> None:
            self.read_button.setEnabled(True)
            self.incidents = [updated if i.id == updated.id else i for i in self.incidents]
            self.model.set_rows(self.incidents)
            self._show_unread_count()
            # The list may have been reloaded meanwhile: select the notice only if still there.
            row = next((r for r, i in enumerate(self.incidents) if i.id == updated.id), None)
            if row is not None:
                self.table.selectRow(row)
                self.show_incident(updated)
            self.incidents_changed.emit()

        def failed(error: BaseException) -> None:
            self.read_button.setEnabled(True)
            self.context.notify(
                self.tr("Could not mark the notice as read: {0}").format(user_message(error))
            )

        self.run(work, done, failed)
