"""My data: every category the shop holds, the account and profile fields (edit or request a
correction), and the collected devices, locations and logs (paged, loaded as you scroll).

In assist mode (`view.can_change` False) editing is absent; requesting a correction stays, as
agents may file requests for the shopper.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from client.errors import ApiError
from client.filing import Filing, Queued
from client.models.account import Account, ProfileField
from client.models.data import DataCategory
from client.models.requests import CreatedRequest
from ui.formats import format_date
from ui.models.columns import display_text
from ui.models.paged_table import PagedTableModel
from ui.models.proxies import sorted_proxy
from ui.models.record_table import RecordTableModel
from ui.pages.base import DataPage
from ui.pages.my_data_dialogs import CorrectionDialog, Done, EditFieldDialog, Failed
from ui.pages.my_data_tables import (
    DEVICE_COLUMNS,
    LOCATION_COLUMNS,
    LOG_COLUMNS,
    VALUE_COLUMN,
    ProfileModel,
    category_columns,
)
from ui.session import ActiveView
from ui.tasks import TaskControl
from ui.terms.consents import localized_title
from ui.terms.data import field_text, guardian_text
from ui.widgets.load_state import plain_label
from ui.widgets.paged_table import PagedTable
from ui.widgets.tables import fit_columns, record_table

PAGE_SIZE = 50
MINOR_STYLE = "color: #8a4b00; font-weight: 600;"


@dataclass(frozen=True)
class MyData:
    account: Account
    categories: list[DataCategory]
    purpose_titles: dict[str, str]


class MyDataPage(DataPage[MyData]):
    page_id = "my-data"
    icon_name = "data"

    def title(self) -> str:
        return self.tr("My data")

    def empty_message(self) -> str:
        return self.tr("The shop holds no data about this account.")

    # --- building -------------------------------------------------------------------------
    def build(self, content: QWidget) -> None:
        self.purpose_titles: dict[str, str] = {}
        self.account: Account | None = None
        self.dialog: EditFieldDialog | CorrectionDialog | None = None
        self.tabs = QTabWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.tabs)
        self.tabs.addTab(self._build_categories_tab(), self.tr("Categories"))
        self.tabs.addTab(self._build_profile_tab(), self.tr("Account && profile"))
        runner = self.context.runner
        self.device_model: PagedTableModel[Any] = PagedTableModel(DEVICE_COLUMNS, runner, self)
        self.location_model: PagedTableModel[Any] = PagedTableModel(LOCATION_COLUMNS, runner, self)
        self.log_model: PagedTableModel[Any] = PagedTableModel(LOG_COLUMNS, runner, self)
        self.devices = PagedTable(
            self.device_model,
            self.tr("Devices"),
            self.tr("Devices you used with the shop: type, system, settings and their unique id."),
        )
        self.locations = PagedTable(
            self.location_model,
            self.tr("Locations"),
            self.tr(
                "Where you were when using the shop: from the IP address, GPS, Wi-Fi or base "
                "stations."
            ),
        )
        self.logs = PagedTable(
            self.log_model,
            self.tr("Logs"),
            self.tr(
                "What the shop's servers logged: pages visited, searches, IP address, browser, "
                "carrier and language."
            ),
        )
        self.tabs.addTab(self.devices, self.tr("Devices"))
        self.tabs.addTab(self.locations, self.tr("Locations"))
        self.tabs.addTab(self.logs, self.tr("Logs"))

    def _build_categories_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(
            plain_label(
                self.tr(
                    "Every kind of personal data the shop holds about you: why, on what legal "
                    "basis, for how long, and where it is stored."
                )
            )
        )
        self.category_model: RecordTableModel[DataCategory] = RecordTableModel(
            category_columns(self._purpose_title), self
        )
        self.category_proxy = sorted_proxy(self.category_model, self)
        self.category_table = record_table(self.tr("Categories of data held"), max_section=420)
        self.category_table.setModel(self.category_proxy)
        self.category_table.setSortingEnabled(True)
        self.category_table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        layout.addWidget(self.category_table, 1)
        return tab

    def _build_profile_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.account_summary = plain_label()
        self.account_summary.setObjectName("accountSummary")
        layout.addWidget(self.account_summary)
        self.minor_status = plain_label()
        self.minor_status.setObjectName("minorStatus")
        self.minor_status.setStyleSheet(MINOR_STYLE)
        self.minor_status.hide()
        layout.addWidget(self.minor_status)
        self.profile_hint = plain_label()
        layout.addWidget(self.profile_hint)
        self.profile_model = ProfileModel(self)
        self.profile_model.edit_requested.connect(self._edited_in_place)
        self.profile_table = record_table(self.tr("Account and profile fields"), max_section=420)
        self.profile_table.setModel(self.profile_model)
        self.profile_table.selectionModel().currentRowChanged.connect(
            lambda *_: self._update_buttons()
        )
        self.profile_table.doubleClicked.connect(self._double_clicked)
        layout.addWidget(self.profile_table, 1)
        row = QHBoxLayout()
        self.profile_status = plain_label()
        self.profile_status.setObjectName("profileStatus")
        row.addWidget(self.profile_status, 1)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setAccessibleName(self.tr("Edit the selected field"))
        self.edit_button.clicked.connect(lambda: self.edit_field(self._selected_key()))
        self.correction_button = QPushButton(self.tr("Request correction…"))
        self.correction_button.setAccessibleName(
            self.tr("Request a correction of the selected field")
        )
        self.correction_button.clicked.connect(
            lambda: self.request_correction(self._selected_key())
        )
        row.addWidget(self.edit_button)
        row.addWidget(self.correction_button)
        layout.addLayout(row)
        edit_shortcut = QShortcut(QKeySequence(Qt.Key.Key_F2), self.profile_table)
        edit_shortcut.activated.connect(self._edit_current)
        return tab

    # --- loading --------------------------------------------------------------------------
    def fetch(self, view: ActiveView) -> MyData:
        api = view.api
        account = api.get_me()
        categories = api.list_categories()
        titles: dict[str, str] = {}
        try:
            for consent in api.list_consents():
                titles[consent.purpose] = localized_title(consent.title, consent.title_zh)
        except ApiError:
            pass  # purposes are then shown by their keys
        return MyData(account, categories, titles)

    def present(self, data: MyData) -> bool:
        view = self.view
        can_change = view is not None and view.can_change
        self.purpose_titles = data.purpose_titles
        self.category_model.set_rows(data.categories)
        fit_columns(self.category_table)
        self._present_account(data.account, can_change)
        if view is not None:
            self._start_paged(view)
        return bool(data.categories or data.account.fields)

    def _present_account(self, account: Account, can_change: bool) -> None:
        self.account = account
        self.account_summary.setText(
            self.tr("Customer number {0} · {1} · member since {2}").format(
                account.customer_no, account.display_name, format_date(account.created_at)
            )
        )
        if account.is_minor:
            self.minor_status.setText(
                self.tr("This account belongs to a minor. Guardian consent: {0}.").format(
                    guardian_text(account.guardian_consent)
                )
            )
        self.minor_status.setVisible(account.is_minor)
        self.profile_model.editing_allowed = can_change
        self.profile_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            if can_change
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        self.profile_model.replace(account.fields)
        fit_columns(self.profile_table)
        self.edit_button.setVisible(can_change)
        self.profile_hint.setText(
            self.tr(
                "Fields marked editable can be changed here (double-click the value or use "
                "Edit…). For the others, ask the shop to correct them."
            )
            if can_change
            else self.tr(
                "Assisted session: fields cannot be edited, but a correction can "
                "be requested for the shopper."
            )
        )
        self._update_buttons()

    def _start_paged(self, view: ActiveView) -> None:
        api = view.api

        def devices(cursor: str | None) -> tuple[Sequence[Any], str | None]:
            page = api.list_devices(limit=PAGE_SIZE, cursor=cursor)
            return page.items, page.next_cursor

        def locations(cursor: str | None) -> tuple[Sequence[Any], str | None]:
            page = api.list_locations(limit=PAGE_SIZE, cursor=cursor)
            return page.items, page.next_cursor

        def logs(cursor: str | None) -> tuple[Sequence[Any], str | None]:
            page = api.list_logs(limit=PAGE_SIZE, cursor=cursor)
            return page.items, page.next_cursor

        self.devices.start(devices)
        self.locations.start(locations)
        self.logs.start(logs)

    def _purpose_title(self, purpose: str) -> str:
        return self.purpose_titles.get(purpose) or purpose.replace("_", " ")

    # --- the profile actions ----------------------------------------------------------------
    @property
    def can_change(self) -> bool:
        return self.view is not None and self.view.can_change

    def field(self, key: str | None) -> ProfileField | None:
        if key is None:
            return None
        return next((f for f in self.profile_model.rows if f.key == key), None)

    def _selected_key(self) -> str | None:
        index = self.profile_table.currentIndex()
        if not index.isValid():
            return None
        return self.profile_model.row_at(index.row()).key

    def select_field(self, key: str) -> None:
        row = self.profile_model.row_of(key)
        if row >= 0:
            self.profile_table.setCurrentIndex(self.profile_model.index(row, VALUE_COLUMN))

    def _update_buttons(self) -> None:
        field = self.field(self._selected_key())
        self.edit_button.setEnabled(field is not None and field.editable and self.can_change)
        self.correction_button.setEnabled(
            field is not None and (not field.editable or not self.can_change)
        )

    def _double_clicked(self, index: QModelIndex) -> None:
        field = self.profile_model.row_at(index.row()) if index.isValid() else None
        if field is None:
            return
        if not (field.editable and self.can_change):
            self.request_correction(field.key)
        elif index.column() != VALUE_COLUMN:
            self.edit_field(field.key)

    def _edit_current(self) -> None:
        key = self._selected_key()
        field = self.field(key)
        if field is not None and field.editable and self.can_change:
            self.edit_field(key)

    def save_field(self, key: str, value: str | None, done: Done, failed: Failed) -> None:
        """Change one editable field at the shop; `done(account)` or `failed(error)`."""
        view = self.view
        if view is None or not view.can_change:
            return

        def work(_control: TaskControl) -> Account:
            return view.shop.update_me({key: value})

        def saved(account: Account) -> None:
            if self.view is view:
                self._present_account(account, view.can_change)
                self.select_field(key)
                message = self.tr("Saved: {0}").format(field_text(key))
                self.profile_status.setText(message)
                self.context.notify(message)
            done(account)

        self.run(work, saved, failed)

    def _edited_in_place(self, key: str, text: str) -> None:
        field = self.field(key)
        if field is None:
            return
        self.profile_status.setText(self.tr("Saving {0}…").format(field_text(key)))

        def failed(error: BaseException) -> None:
            # Keep what was typed: reopen it in the dialog with the shop's answer.
            self.profile_status.setText("")
            dialog = self.edit_field(key, value=text)
            if dialog is not None:
                dialog.show_failure(error)

        self.save_field(key, text if text.strip() else None, lambda _account: None, failed)

    def edit_field(self, key: str | None, *, value: str | None = None) -> EditFieldDialog | None:
        """Open the Edit dialog for an editable field (shopper mode only)."""
        field = self.field(key)
        if field is None or not field.editable or not self.can_change:
            return None
        dialog = EditFieldDialog(
            field,
            lambda v, done, failed: self.save_field(field.key, v, done, failed),
            self,
            value=value,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._show_dialog(dialog)
        return dialog

    def request_correction(self, key: str | None) -> CorrectionDialog | None:
        """Open the correction dialog (also in assist mode: agents may file requests)."""
        field = self.field(key)
        view = self.view
        if field is None or view is None:
            return None

        # Shoppers and agents alike file through the session's one path (see client.filing).
        filer = self.context.session.request_filer(view)

        def file(filing: Filing, done: Done, failed: Failed) -> None:
            def work(_control: TaskControl) -> CreatedRequest | Queued:
                return filer.file(filing)

            def filed(outcome: CreatedRequest | Queued) -> None:
                if isinstance(outcome, Queued):
                    message = self.tr(
                        "The shop cannot be reached: the correction request for {0} waits in "
                        "the outbox"
                    ).format(field_text(field.key))
                    self.context.session.outbox_changed.emit()
                else:
                    message = self.tr("Correction request filed for {0}").format(
                        field_text(field.key)
                    )
                self.profile_status.setText(message)
                self.context.notify(message)
                done(outcome)

            self.run(work, filed, failed)

        dialog = CorrectionDialog(field, file, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._correction_closed(dialog))
        self._show_dialog(dialog)
        return dialog

    def _correction_closed(self, dialog: CorrectionDialog) -> None:
        if dialog.open_requests_clicked:
            self.navigate.emit("requests")

    def _show_dialog(self, dialog: EditFieldDialog | CorrectionDialog) -> None:
        self.dialog = dialog
        dialog.destroyed.connect(lambda *_: self._forget_dialog(dialog))
        dialog.open()

    def _forget_dialog(self, dialog: object) -> None:
        if self.dialog is dialog:
            self.dialog = None


def category_row_text(model: RecordTableModel[DataCategory], row: int) -> list[str]:
    """The shown text of one category row (for tests and accessibility)."""
    return [
        display_text(model.data(model.index(row, column))) for column in range(model.columnCount())
    ]
