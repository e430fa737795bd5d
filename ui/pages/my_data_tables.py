"""Tables of the My data page: column declarations and the profile model."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from client.i18n import trans_late
from client.models.account import ProfileField
from client.models.data import DataCategory, Device, Location, LogEntry, ServiceContact
from ui.formats import join_list
from ui.models.columns import Column
from ui.models.paged_table import PagedTableModel
from ui.models.record_table import RecordTableModel
from ui.tasks import TaskRunner
from ui.terms.consents import legal_basis_text, localized_title
from ui.terms.data import (
    clause_text,
    device_setting_text,
    device_type_text,
    field_text,
    field_value_text,
    group_text,
    language_tag_text,
    location_source_text,
    retention_with_basis,
    source_text,
    storage_text,
)
from ui.terms.log_words import browser_text, page_text
from ui.terms.policy_records import duration_text, service_channel_text

Index = QModelIndex | QPersistentModelIndex

VALUE_COLUMN = 1


# --- categories ---------------------------------------------------------------------------


def category_columns(purpose_title: Callable[[str], str]) -> list[Column[DataCategory]]:
    return [
        Column[DataCategory](
            trans_late("Columns", "Category"), lambda c: localized_title(c.title, c.title_zh)
        ),
        Column[DataCategory](trans_late("Columns", "Items"), lambda c: c.count, align_right=True),
        Column[DataCategory](trans_late("Columns", "Sensitive"), lambda c: c.sensitive),
        Column[DataCategory](
            trans_late("Columns", "Purposes"), lambda c: [purpose_title(p) for p in c.purposes]
        ),
        Column[DataCategory](
            trans_late("Columns", "Legal basis"), lambda c: legal_basis_text(c.legal_basis)
        ),
        Column[DataCategory](
            trans_late("Columns", "Kept for"),
            lambda c: retention_with_basis(c.retention, c.retention_basis),
        ),
        Column[DataCategory](trans_late("Columns", "Stored in"), lambda c: storage_text(c.storage)),
        Column[DataCategory](trans_late("Columns", "Source"), lambda c: source_text(c.source)),
        Column[DataCategory](
            trans_late("Columns", "Policy section"),
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
        Column[ProfileField](trans_late("Columns", "Field"), lambda f: field_text(f.key)),
        Column[ProfileField](
            trans_late("Columns", "Value"), lambda f: field_value_text(f.key, f.value)
        ),
        Column[ProfileField](trans_late("Columns", "Group"), lambda f: group_text(f.group)),
        Column[ProfileField](trans_late("Columns", "Source"), lambda f: source_text(f.source)),
        Column[ProfileField](trans_late("Columns", "Editable"), lambda f: f.editable),
        Column[ProfileField](trans_late("Columns", "Updated"), lambda f: f.updated_at),
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
    return join_list([device_setting_text(key, value) for key, value in settings.items()])


DEVICE_COLUMNS: list[Column[Device]] = [
    Column[Device](trans_late("Columns", "Type"), lambda d: device_type_text(d.device_type)),
    Column[Device](trans_late("Columns", "Model"), lambda d: d.model),
    Column[Device](trans_late("Columns", "System"), lambda d: f"{d.os} {d.os_version}".strip()),
    Column[Device](trans_late("Columns", "Device ID"), lambda d: d.device_uid),
    Column[Device](trans_late("Columns", "First seen"), lambda d: d.first_seen),
    Column[Device](trans_late("Columns", "Last seen"), lambda d: d.last_seen),
    Column[Device](trans_late("Columns", "Settings"), lambda d: _settings_text(d.settings)),
]


def _coordinates(location: Location) -> str | None:
    if location.latitude is None or location.longitude is None:
        return None
    return f"{location.latitude:.5f}, {location.longitude:.5f}"


LOCATION_COLUMNS: list[Column[Location]] = [
    Column[Location](trans_late("Columns", "Time"), lambda loc: loc.at),
    Column[Location](trans_late("Columns", "Source"), lambda loc: location_source_text(loc.source)),
    Column[Location](trans_late("Columns", "Place"), lambda loc: loc.city or None),
    Column[Location](trans_late("Columns", "IP address"), lambda loc: loc.ip),
    Column[Location](trans_late("Columns", "Coordinates"), _coordinates),
]

LOG_COLUMNS: list[Column[LogEntry]] = [
    Column[LogEntry](trans_late("Columns", "Time"), lambda e: e.at),
    # the page and the browser as the shop logged them are codes (a path, a user agent):
    # shown in words, in the UI language
    Column[LogEntry](
        trans_late("Columns", "Page visited"), lambda e: page_text(e.page, e.search_query)
    ),
    Column[LogEntry](trans_late("Columns", "Search query"), lambda e: e.search_query),
    Column[LogEntry](trans_late("Columns", "IP address"), lambda e: e.ip),
    Column[LogEntry](trans_late("Columns", "Browser"), lambda e: browser_text(e.browser)),
    Column[LogEntry](trans_late("Columns", "Carrier"), lambda e: e.carrier),
    Column[LogEntry](trans_late("Columns", "Language"), lambda e: language_tag_text(e.language)),
]


def paged_model(
    columns: Sequence[Column[Any]], runner: TaskRunner, parent: QObject | None = None
) -> PagedTableModel[Any]:
    return PagedTableModel(columns, runner, parent)


SERVICE_COLUMNS: list[Column[ServiceContact]] = [
    Column[ServiceContact](trans_late("Columns", "Time"), lambda c: c.at),
    Column[ServiceContact](
        trans_late("Columns", "Channel"), lambda c: service_channel_text(c.channel)
    ),
    Column[ServiceContact](
        trans_late("Columns", "About"), lambda c: c.summary, tooltip=lambda c: c.summary
    ),
    Column[ServiceContact](
        trans_late("Columns", "Outcome"), lambda c: c.outcome or None, tooltip=lambda c: c.outcome
    ),
    Column[ServiceContact](
        trans_late("Columns", "Call length"), lambda c: duration_text(c.duration_seconds)
    ),
    Column[ServiceContact](trans_late("Columns", "Order"), lambda c: c.order_number),
]
