"""Tables of the My data and Orders pages: column declarations, the profile model, and a
lazily paged table with its own error line and retry button.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from client.models.account import ProfileField
from client.models.data import DataCategory, Device, Location, LogEntry, ServiceContact, Storage
from ui.errors import user_message
from ui.formats import join_list
from ui.models.columns import Column
from ui.models.paged_table import Fetcher, PagedTableModel
from ui.models.record_table import RecordTableModel
from ui.pages.consents_terms import legal_basis_text, localized_title
from ui.pages.my_data_terms import (
    clause_text,
    device_type_text,
    field_text,
    group_text,
    location_source_text,
    retention_with_basis,
    source_text,
)
from ui.pages.policy_records_text import channel_text, duration_text
from ui.tasks import TaskRunner
from ui.widgets.load_state import plain_label
from ui.widgets.tables import fit_columns

Index = QModelIndex | QPersistentModelIndex

VALUE_COLUMN = 1


def table_view(name: str) -> QTableView:
    table = QTableView()
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setMaximumSectionSize(420)
    return table


def storage_text(storage: Storage) -> str:
    territory = QLocale.codeToTerritory(storage.country)
    if territory != QLocale.Country.AnyTerritory:
        country = f"{QLocale.territoryToString(territory)} ({storage.country})"
    else:
        country = storage.country
    return join_list([part for part in (country, storage.vendor) if part])


# --- categories ---------------------------------------------------------------------------


def category_columns(purpose_title: Callable[[str], str]) -> list[Column[DataCategory]]:
    return [
        Column[DataCategory]("Category", lambda c: localized_title(c.title, c.title_zh)),
        Column[DataCategory]("Items", lambda c: c.count, align_right=True),
        Column[DataCategory]("Sensitive", lambda c: c.sensitive),
        Column[DataCategory]("Purposes", lambda c: [purpose_title(p) for p in c.purposes]),
        Column[DataCategory]("Legal basis", lambda c: legal_basis_text(c.legal_basis)),
        Column[DataCategory](
            "Kept for", lambda c: retention_with_basis(c.retention, c.retention_basis)
        ),
        Column[DataCategory]("Stored in", lambda c: storage_text(c.storage)),
        Column[DataCategory]("Source", lambda c: source_text(c.source)),
        Column[DataCategory](
            "Policy section",
            lambda c: clause_text(
                c.clause if c.clause is not None else (c.policy_section or None),
                c.basis,
                c.clause_title or None,
            ),
        ),
    ]


# --- account & profile --------------------------------------------------------------------


def profile_columns() -> list[Column[ProfileField]]:
    return [
        Column[ProfileField]("Field", lambda f: field_text(f.key)),
        Column[ProfileField]("Value", lambda f: f.value),
        Column[ProfileField]("Group", lambda f: group_text(f.group)),
        Column[ProfileField]("Source", lambda f: source_text(f.source)),
        Column[ProfileField]("Editable", lambda f: f.editable),
        Column[ProfileField]("Updated", lambda f: f.updated_at),
    ]


class ProfileModel(RecordTableModel[ProfileField]):
    """The profile fields. When `editing_allowed`, editable values can be edited in place:
    the model does not change itself but asks (`edit_requested`) for the change at the shop."""

    edit_requested = Signal(str, str)  # field key, typed value

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(profile_columns(), parent)
        self.editing_allowed = False

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if (
            index.isValid()
            and self.editing_allowed
            and index.column() == VALUE_COLUMN
            and self.row_at(index.row()).editable
        ):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.EditRole
            and index.isValid()
            and index.column() == VALUE_COLUMN
            and 0 <= index.row() < self.rowCount()
        ):
            return self.row_at(index.row()).value or ""
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.EditRole
            or not index.isValid()
            or not self.flags(index) & Qt.ItemFlag.ItemIsEditable
        ):
            return False
        field = self.row_at(index.row())
        text = "" if value is None else str(value)
        if text == (field.value or ""):
            return False
        self.edit_requested.emit(field.key, text)
        return True

    def replace(self, fields: Sequence[ProfileField]) -> None:
        """New values from the shop: keep the rows (and selection) when the keys are the same."""
        if [f.key for f in fields] == [f.key for f in self.rows]:
            self._rows = list(fields)
            if fields:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(fields) - 1, self.columnCount() - 1)
                )
        else:
            self.set_rows(fields)

    def row_of(self, key: str) -> int:
        return next((n for n, f in enumerate(self.rows) if f.key == key), -1)


# --- devices, locations, logs ---------------------------------------------------------------


def _settings_text(settings: dict[str, Any]) -> str:
    return ", ".join(f"{key}: {value}" for key, value in settings.items())


DEVICE_COLUMNS: list[Column[Device]] = [
    Column[Device]("Type", lambda d: device_type_text(d.device_type)),
    Column[Device]("Model", lambda d: d.model),
    Column[Device]("System", lambda d: f"{d.os} {d.os_version}".strip()),
    Column[Device]("Device ID", lambda d: d.device_uid),
    Column[Device]("First seen", lambda d: d.first_seen),
    Column[Device]("Last seen", lambda d: d.last_seen),
    Column[Device]("Settings", lambda d: _settings_text(d.settings)),
]


def _coordinates(location: Location) -> str | None:
    if location.latitude is None or location.longitude is None:
        return None
    return f"{location.latitude:.5f}, {location.longitude:.5f}"


LOCATION_COLUMNS: list[Column[Location]] = [
    Column[Location]("Time", lambda loc: loc.at),
    Column[Location]("Source", lambda loc: location_source_text(loc.source)),
    Column[Location]("Place", lambda loc: loc.city or None),
    Column[Location]("IP address", lambda loc: loc.ip),
    Column[Location]("Coordinates", _coordinates),
]

LOG_COLUMNS: list[Column[LogEntry]] = [
    Column[LogEntry]("Time", lambda e: e.at),
    Column[LogEntry]("Page visited", lambda e: e.page),
    Column[LogEntry]("Search query", lambda e: e.search_query),
    Column[LogEntry]("IP address", lambda e: e.ip),
    Column[LogEntry]("Browser", lambda e: e.browser),
    Column[LogEntry]("Carrier", lambda e: e.carrier),
    Column[LogEntry]("Language", lambda e: e.language),
]

SERVICE_COLUMNS: list[Column[ServiceContact]] = [
    Column[ServiceContact]("Time", lambda c: c.at),
    Column[ServiceContact]("Channel", lambda c: channel_text(c.channel)),
    Column[ServiceContact]("About", lambda c: c.summary, tooltip=lambda c: c.summary),
    Column[ServiceContact]("Outcome", lambda c: c.outcome or None, tooltip=lambda c: c.outcome),
    Column[ServiceContact]("Call length", lambda c: duration_text(c.duration_seconds)),
    Column[ServiceContact]("Order", lambda c: c.order_id),
]


class PagedTable(QWidget):
    """A table over a PagedTableModel, with a line saying what is loaded and an error + retry."""

    def __init__(
        self, model: PagedTableModel[Any], name: str, intro: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        layout = QVBoxLayout(self)
        if intro:
            layout.addWidget(plain_label(intro))
        self.table = table_view(name)
        self.table.setModel(model)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.status = plain_label()
        self.error = plain_label()
        self.error.setObjectName("errorMessage")
        self.retry = QPushButton(self.tr("Try again"))
        self.retry.setAccessibleName(self.tr("Try loading {0} again").format(name))
        self.retry.clicked.connect(model.retry)
        row.addWidget(self.status)
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
            fit_columns(self.table)

    def _show_error(self, message: str | None) -> None:
        if message is not None:
            self.status.setText("")
        self.error.setText(message or "")
        self.error.setVisible(message is not None)
        self.retry.setVisible(message is not None)


def paged_model(
    columns: Sequence[Column[Any]], runner: TaskRunner, parent: QObject | None = None
) -> PagedTableModel[Any]:
    return PagedTableModel(columns, runner, parent)
