"""My data: every category the shop holds, the account and profile fields (edit or request a
correction), and the collected devices, locations and logs (paged, loaded as you scroll).

In assist mode (`view.can_change` False) editing is absent; requesting a correction stays, as
agents may file requests for the shopper.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
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
from client.models.guardians import GuardianLink
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
    SERVICE_COLUMNS,
    VALUE_COLUMN,
    ProfileModel,
    category_columns,
)
from ui.session import ActiveView
from ui.tasks import TaskControl
from ui.terms.consents import localized_title
from ui.terms.data import clause_text, field_text, guardian_text
from ui.terms.policy_records import exception_text, refusal_text
from ui.widgets.load_state import plain_label
from ui.widgets.paged_table import PagedTable
from ui.widgets.tables import fit_columns, record_table

PAGE_SIZE = 50
# Categories columns: Policy section, Source, Stored in, Kept for give way (in this order)
# when the window is narrow; the detail line under the table shows them for the selection.
CATEGORY_OPTIONAL = (8, 7, 6, 5)
CATEGORY_DETAIL = (3, 4, 5, 6, 7, 8)
MINOR_STYLE = "color: #8a4b00; font-weight: 600;"


@dataclass(frozen=True)
class MyData:
    account: Account
    categories: list[DataCategory]
    purpose_titles: dict[str, str]
    guardian_links: list[GuardianLink] = field(default_factory=list)


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
        self.service_model: PagedTableModel[Any] = PagedTableModel(SERVICE_COLUMNS, runner, self)
        self.service = PagedTable(
            self.service_model,
            self.tr("Customer service"),
            self.tr(
                "Your calls, chats, e-mails and letters with customer service, what each was "
                "about and how it was solved."
            ),
        )
        self.service_clause = plain_label()
        self.service_clause.setObjectName("serviceRecordsClause")
        service_layout = self.service.layout()
        assert isinstance(service_layout, QVBoxLayout)
        service_layout.insertWidget(1, self.service_clause)
        self.tabs.addTab(self.devices, self.tr("Devices"))
        self.tabs.addTab(self.locations, self.tr("Locations"))
        self.tabs.addTab(self.logs, self.tr("Logs"))
        # shown only at a shop that lists customer-service records among its categories
        self.service_tab = self.tabs.addTab(self.service, self.tr("Customer service"))
        self.tabs.setTabVisible(self.service_tab, False)

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
        self.category_table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_category(current)
        )
        layout.addWidget(self.category_table, 1)
        # the selected category in full: where the table is too narrow for all its columns, the
        # ones it hides (see CATEGORY_OPTIONAL) are read here; with the statutory case it is
        # collected under without consent, and what refusing to provide it costs (each with its
        # clause or as the shop's setting)
        self.category_detail = plain_label(
            self.tr("Select a category to see whether it needs your consent.")
        )
        self.category_detail.setObjectName("categoryDetail")
        self.category_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.category_detail)
        return tab

    def _show_category(self, index: QModelIndex) -> None:
        proxy = self.category_proxy
        source = proxy.mapToSource(index)
        if not source.isValid() or source.row() >= self.category_model.rowCount():
            return
        category = self.category_model.row_at(source.row())
        lines = [localized_title(category.title, category.title_zh)]
        if category.description:
            lines.append(category.description)
        for column in CATEGORY_DETAIL:
            title = proxy.headerData(column, Qt.Orientation.Horizontal)
            text = proxy.index(index.row(), column).data(Qt.ItemDataRole.DisplayRole)
            if text:
                lines.append(self.tr("{0}: {1}").format(title, text))
        lines.append(exception_text(category.no_consent_exception))
        if category.refusal_consequence is not None:
            lines.append(refusal_text(category.refusal_consequence))
        self.category_detail.setText("\n".join(lines))

    def _build_profile_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.account_summary = plain_label()
        self.account_summary.setObjectName("accountSummary")
        layout.addWidget(self.account_summary)
        self.minor_status = plain_label()
        self.minor_status.setObjectName("minorStatus")
        self.links_status = plain_label()
        self.links_status.setObjectName("guardianLinks")
        self.minor_status.setStyleSheet(MINOR_STYLE)
        self.minor_status.hide()
        layout.addWidget(self.minor_status)
        self.links_status.hide()
        layout.addWidget(self.links_status)
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
        try:
            links = api.list_guardian_links()
        except ApiError:
            links = []  # an older shop or archive without guardian links
        return MyData(account, categories, titles, links)

    def present(self, data: MyData) -> bool:
        view = self.view
        can_change = view is not None and view.can_change
        self.purpose_titles = data.purpose_titles
        self.category_model.set_rows(data.categories)
        fit_columns(self.category_table, optional=CATEGORY_OPTIONAL)
        if data.categories:
            self.category_table.setCurrentIndex(self.category_proxy.index(0, 0))
        self._show_category(self.category_table.currentIndex())
        records = next((c for c in data.categories if c.key == "service_records"), None)
        self.tabs.setTabVisible(self.service_tab, records is not None)
        if records is not None:
            self.service_clause.setText(
                self.tr("Kept because: {0}").format(
                    clause_text(records.clause, records.basis, records.clause_title)
                )
            )
        self._present_account(data.account, can_change)
        self._present_links(data.guardian_links)
        if view is not None:
            self._start_paged(view)
        return bool(data.categories or data.account.fields)

    def _present_links(self, links: list[GuardianLink]) -> None:
        """The accounts this one looks after as a guardian (its own guardians are above)."""
        wards = [
            link.display_name
            for link in links
            if link.other_role == "ward" and link.revoked_at is None
        ]
        self.links_status.setText(
            self.tr("You are the guardian of: {0}.").format(", ".join(wards)) if wards else ""
        )
        self.links_status.setVisible(bool(wards))

    def _present_account(self, account: Account, can_change: bool) -> None:
        self.account = account
        self.account_summary.setText(
            self.tr("Customer number {0} · {1} · member since {2}").format(
                account.customer_no, account.display_name, format_date(account.created_at)
            )
        )
        covered = account.is_minor or account.guardian_rule is not None
        if covered:
            lines = [
                self.tr("This account belongs to a minor. Guardian consent: {0}.").format(
                    guardian_text(account.guardian_consent)
                )
                if account.is_minor
                else self.tr("The shop protects this account as one without full legal capacity.")
            ]
            # The age the shop holds, or that it holds none (it may only know "minor").
            lines.append(
                self.tr("Age on file at the shop: {0}.").format(account.age_years)
                if account.age_years is not None
                else self.tr("The shop holds no age for this account.")
            )
            if account.guardians:
                names = ", ".join(g.display_name for g in account.guardians)
                lines.append(self.tr("Guardian: {0}.").format(names))
            rule = account.guardian_rule
            if rule is not None:
                clauses = ", ".join(f"§ {c.number}" for c in rule.clauses)
                lines.append(self.tr("The shop's policy ({0}): {1}").format(clauses, rule.summary))
            self.minor_status.setText("\n".join(lines))
        self.minor_status.setVisible(covered)
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

        def service(cursor: str | None) -> tuple[Sequence[Any], str | None]:
            page = api.list_service_contacts(limit=PAGE_SIZE, cursor=cursor)
            return page.items, page.next_cursor

        self.devices.start(devices)
        self.locations.start(locations)
        self.logs.start(logs)
        if self.tabs.isTabVisible(self.service_tab):
            self.service.start(service)

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
