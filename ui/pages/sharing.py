"""Sharing: every recipient of the shopper's data, its disclosures, a chart of the flows, and
where each category of data is stored."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from client.errors import ApiError
from client.i18n import trans_late
from client.models.data import DataCategory
from client.models.sharing import Recipient, RecipientEvent
from ui.errors import user_message
from ui.formats import country_text
from ui.models.columns import RAW_ROLE, Column, display_text
from ui.models.paged_table import PagedTableModel
from ui.models.proxies import sorted_proxy
from ui.models.record_table import RecordTableModel
from ui.pages.base import DataPage
from ui.session import ActiveView
from ui.terms.consents import (
    CategoryNames,
    identifiable_text,
    legal_basis_text,
    localized_title,
    recipient_type_text,
)
from ui.terms.data import clause_text, storage_text
from ui.terms.policy_records import (
    agreement_short,
    agreement_text,
    event_kind_text,
    exception_text,
)
from ui.widgets.flow_chart import Flow, FlowChart, FlowNode
from ui.widgets.load_state import plain_label
from ui.widgets.tables import fit_columns, record_table

EVENTS_PAGE_SIZE = 50


@dataclass(frozen=True)
class SharingData:
    recipients: list[Recipient]
    categories: list[DataCategory]
    notice_titles: dict[str, str]
    purpose_titles: dict[str, str]


def recipient_columns(names: CategoryNames) -> list[Column[Recipient]]:
    return [
        Column[Recipient](
            trans_late("Columns", "Name"), lambda r: r.name, tooltip=lambda r: r.name
        ),
        Column[Recipient](trans_late("Columns", "Type"), lambda r: recipient_type_text(r.type)),
        Column[Recipient](
            trans_late("Columns", "Data categories"), lambda r: names.names(r.categories)
        ),
        Column[Recipient](
            trans_late("Columns", "Purpose"), lambda r: r.purpose, tooltip=lambda r: r.purpose
        ),
        Column[Recipient](
            trans_late("Columns", "Legal basis"), lambda r: legal_basis_text(r.legal_basis)
        ),
        Column[Recipient](
            trans_late("Columns", "Identifiable"), lambda r: identifiable_text(r.identifiable)
        ),
        Column[Recipient](trans_late("Columns", "Country"), lambda r: country_text(r.country)),
        Column[Recipient](
            trans_late("Columns", "First shared"),
            lambda r: r.first_shared,
            sort=lambda r: r.first_shared.timestamp() if r.first_shared else 0,
        ),
        Column[Recipient](
            trans_late("Columns", "Last shared"),
            lambda r: r.last_shared,
            sort=lambda r: r.last_shared.timestamp() if r.last_shared else 0,
        ),
        Column[Recipient](
            trans_late("Columns", "Events"), lambda r: r.event_count, align_right=True
        ),
        Column[Recipient](
            trans_late("Columns", "Data-protection agreement"),
            lambda r: agreement_short(r.data_protection_agreement),
            tooltip=lambda r: agreement_text(r.data_protection_agreement),
        ),
    ]


# The partners' columns that give way, in this order, when the table is narrow (the detail
# pane lists them all): events, first shared, purpose, form, legal basis, last shared,
# agreement, country. Name, type and data categories always show.
PARTNER_OPTIONAL = (9, 7, 3, 5, 4, 8, 10, 6)
PARTNER_ROWS = 4  # partners the list always has room for
ROW_PADDING = 6  # px a table row adds to its lines

# The disclosures' columns that give way, in this order, while a row would wrap to more lines
# than EVENT_ROWS rows have room for: policy section, notice, kind, description (the detail
# under the table shows them all).
EVENT_OPTIONAL = (6, 5, 4, 3)
EVENT_ROWS = 4  # disclosures the table always has room for


def event_columns(
    names: CategoryNames, notice_titles: dict[str, str]
) -> list[Column[RecipientEvent]]:
    return [
        Column[RecipientEvent](trans_late("Columns", "Time"), lambda e: e.at),
        # the order's number; its id means nothing to the shopper
        Column[RecipientEvent](trans_late("Columns", "Order"), lambda e: e.order_number),
        Column[RecipientEvent](
            trans_late("Columns", "Data categories"), lambda e: names.names(e.categories)
        ),
        Column[RecipientEvent](
            trans_late("Columns", "Description"),
            lambda e: e.description,
            tooltip=lambda e: e.description,
        ),
        Column[RecipientEvent](
            trans_late("Columns", "Kind"),
            lambda e: event_kind_text(e.kind),
            tooltip=lambda e: clause_text(e.clause, e.basis, e.clause_title),
        ),
        # transfers on merger and public disclosures come with the notice that told you
        Column[RecipientEvent](
            trans_late("Columns", "Notice"),
            lambda e: notice_titles.get(e.notice_id, "") if e.notice_id else None,
            tooltip=lambda e: notice_titles.get(e.notice_id, "") if e.notice_id else "",
        ),
        Column[RecipientEvent](
            trans_late("Columns", "Policy section"),
            lambda e: clause_text(e.clause, e.basis, e.clause_title),
        ),
    ]


def storage_columns() -> list[Column[DataCategory]]:
    return [
        Column[DataCategory](
            trans_late("Columns", "Category"), lambda c: localized_title(c.title, c.title_zh)
        ),
        # country and provider in one column, as My data shows them: three columns fit beside
        # a partner's disclosures at 1024 px, four did not
        Column[DataCategory](trans_late("Columns", "Stored in"), lambda c: storage_text(c.storage)),
        Column[DataCategory](trans_late("Columns", "Records"), lambda c: c.count, align_right=True),
    ]


def _scrolling(label: QWidget, minimum: int) -> QScrollArea:
    """`label` in a frameless scroll area at least `minimum` px tall; in a layout (not bare)
    so that the wrapped label gets the height it needs."""
    inner = QWidget()
    inner_layout = QVBoxLayout(inner)
    inner_layout.setContentsMargins(0, 0, 0, 0)
    inner_layout.addWidget(label)
    inner_layout.addStretch(1)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(inner)
    scroll.setMinimumHeight(minimum)
    return scroll


class SharingPage(DataPage[SharingData]):
    page_id = "sharing"
    icon_name = "sharing"

    def title(self) -> str:
        return self.tr("Sharing")

    def empty_message(self) -> str:
        return self.tr("This shop lists no partners that receive your data.")

    # --- building -------------------------------------------------------------------------
    def build(self, content: QWidget) -> None:
        self.names = CategoryNames()
        self.notice_titles: dict[str, str] = {}
        self.purpose_titles: dict[str, str] = {}
        self.current_recipient: Recipient | None = None
        layout = QVBoxLayout(content)
        layout.addWidget(
            plain_label(
                self.tr(
                    "Who receives your data, which data, why, and on what legal basis. Select a "
                    "partner to see each time your data was shared with it."
                )
            )
        )

        self.recipient_model: RecordTableModel[Recipient] = RecordTableModel(
            recipient_columns(self.names), self
        )
        self.recipient_proxy = sorted_proxy(self.recipient_model, self)
        self.recipient_table = record_table(
            self.tr("Partners who receive your data"), sortable=True
        )
        self.recipient_table.setModel(self.recipient_proxy)
        self.recipient_table.selectionModel().currentRowChanged.connect(self._recipient_chosen)

        self.events_model: PagedTableModel[RecipientEvent] = PagedTableModel(
            event_columns(self.names, self.notice_titles), self.context.runner, self
        )
        self.events_model.load_failed.connect(
            lambda error: self._show_events_error(user_message(error))
        )
        self.events_model.loading_changed.connect(self._events_loading)
        self.events_model.page_loaded.connect(self._events_page_loaded)

        self.storage_model: RecordTableModel[DataCategory] = RecordTableModel(
            storage_columns(), self
        )
        self.storage_proxy = sorted_proxy(self.storage_model, self)

        vertical = QSplitter(Qt.Orientation.Vertical)
        vertical.setChildrenCollapsible(False)
        vertical.addWidget(self.recipient_table)
        horizontal = QSplitter(Qt.Orientation.Horizontal)
        horizontal.setChildrenCollapsible(False)
        horizontal.addWidget(self._build_detail())
        horizontal.addWidget(self._build_views())
        # the partner's disclosures (time, order number, data, description) need more room
        # than the chart, which scrolls: three fifths, so they fit side by side at 1024 px
        horizontal.setStretchFactor(0, 3)
        horizontal.setStretchFactor(1, 2)
        horizontal.setSizes([600, 400])
        vertical.addWidget(horizontal)
        vertical.setStretchFactor(0, 2)
        vertical.setStretchFactor(1, 3)
        layout.addWidget(vertical, 1)
        self.partner_split = vertical
        vertical.installEventFilter(self)  # its height sets how many lines a partner may take
        self.events_table.installEventFilter(self)  # its height sets a disclosure's lines

    def _build_detail(self) -> QWidget:
        panel = QFrame()
        panel.setObjectName("recipientDetail")
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        self.detail_name = plain_label()
        font = self.detail_name.font()
        font.setBold(True)
        self.detail_name.setFont(font)
        self.detail_name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_facts = plain_label()
        self.detail_facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.detail_name)
        # the facts grew (agreement, exception, own consent): they scroll rather than clip;
        # a layout (not the bare label) so the wrapped label gets the height it needs
        layout.addWidget(_scrolling(self.detail_facts, 90), 1)
        self.events_table = record_table(self.tr("Times your data was shared with this partner"))
        self.events_table.setObjectName("disclosures")  # a short list at every size (tests)
        self.events_table.setModel(self.events_model)
        self.events_table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_event(current.row())
        )
        layout.addWidget(self.events_table, 2)
        # the selected disclosure in full: the columns the table hides to keep its rows short
        # (EVENT_OPTIONAL) are read here
        self.event_detail = plain_label()
        self.event_detail.setObjectName("eventDetail")
        self.event_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # it scrolls like the facts: at 640 px its seven lines took the room the partner list
        # needs to show more than one partner
        layout.addWidget(_scrolling(self.event_detail, 60), 1)
        self.events_status = plain_label()
        layout.addWidget(self.events_status)
        row = QHBoxLayout()
        self.events_error = plain_label()
        self.events_error.setObjectName("errorMessage")
        self.events_retry = QPushButton(self.tr("Try again"))
        self.events_retry.clicked.connect(self.events_model.retry)
        row.addWidget(self.events_error, 1)
        row.addWidget(self.events_retry)
        layout.addLayout(row)
        self._show_events_error(None)
        return panel

    def _build_views(self) -> QWidget:
        self.views = QTabWidget()
        self.chart = FlowChart()
        self.chart.setAccessibleName(self.tr("Chart: which data goes to which partner"))
        chart_tab = QWidget()
        chart_layout = QVBoxLayout(chart_tab)
        chart_layout.addWidget(
            plain_label(
                self.tr(
                    "Left: your data by category. Right: partners. Thicker lines mean more "
                    "disclosures; grey lines go to partners that only get aggregated statistics; "
                    "dashed lines are declared but nothing was shared yet."
                )
            )
        )
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.chart)
        chart_layout.addWidget(scroll, 1)
        self.views.addTab(chart_tab, self.tr("Flows"))
        storage_tab = QWidget()
        storage_layout = QVBoxLayout(storage_tab)
        storage_layout.addWidget(
            plain_label(
                self.tr("Where each category of your data is stored: country and storage provider.")
            )
        )
        self.storage_table = record_table(self.tr("Where your data is stored"), sortable=True)
        self.storage_table.setModel(self.storage_proxy)
        storage_layout.addWidget(self.storage_table, 1)
        self.views.addTab(storage_tab, self.tr("Where it is stored"))
        return self.views

    # --- loading --------------------------------------------------------------------------
    def fetch(self, view: ActiveView) -> SharingData:
        api = view.api
        titles: dict[str, str] = {}
        # without them, events show no notice title and a consent purpose is named by its key
        with suppress(ApiError):
            titles = {
                n.id: n.title for n in api.list_notices(limit=100).auto_paging_iter(max_items=500)
            }
        purposes: dict[str, str] = {}
        with suppress(ApiError):
            purposes = {
                c.purpose: localized_title(c.title, c.title_zh) for c in api.list_consents()
            }
        return SharingData(
            recipients=list(api.list_recipients(limit=100).auto_paging_iter()),
            categories=api.list_categories(),
            notice_titles=titles,
            purpose_titles=purposes,
        )

    def present(self, data: SharingData) -> bool:
        self.names.update(data.categories)
        self.notice_titles.clear()
        self.notice_titles.update(data.notice_titles)
        self.purpose_titles = data.purpose_titles
        self.recipient_model.set_rows(data.recipients)
        self.storage_model.set_rows(data.categories)
        self.recipient_table.sortByColumn(9, Qt.SortOrder.DescendingOrder)
        self.storage_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        # the detail pane repeats these (events: the table of disclosures); they give way
        # first when the window is narrow, and while a partner's row would take more lines than
        # four rows have room for: the list shows four partners at 1024×640, not one and a half
        self._fit_partners()
        fit_columns(self.storage_table)
        self._present_chart(data)
        self.current_recipient = None
        self._clear_detail()
        if data.recipients:
            self.recipient_table.selectRow(0)
            self.recipient_table.setCurrentIndex(self.recipient_proxy.index(0, 0))
        return bool(data.recipients)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.partner_split and event.type() == QEvent.Type.Resize:
            self._fit_partners()
        elif watched is self.events_table and event.type() == QEvent.Type.Resize:
            self._fit_events()
        return False

    def _partner_lines(self) -> int:
        """How many lines a partner's row may wrap to so that PARTNER_ROWS rows fit in what
        the page leaves the list (the partner's detail below keeps its minimum): 2 at
        1024×640, more in a taller window."""
        table, split = self.recipient_table, self.partner_split
        metrics = table.fontMetrics()
        # Chinese text falls back to a taller font than the Latin one's line spacing
        line = max(metrics.lineSpacing(), metrics.boundingRect("Ag中").height())
        header = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth() + 2
        detail = split.widget(1)
        below = (detail.minimumSizeHint().height() if detail else 0) + split.handleWidth()
        room = split.height() - below - header
        return max(1, int((room / PARTNER_ROWS - ROW_PADDING) / max(line, 1)))

    def _event_lines(self) -> int:
        """How many lines a disclosure's row may wrap to so that EVENT_ROWS rows fit in the
        table's height: 2 at 1024×640 and at 1440×900 (the partner's panel beside the chart
        is about as short at both), more in a taller window; never fewer than 2, so a
        description keeps its column wherever two lines hold it."""
        table = self.events_table
        metrics = table.fontMetrics()
        line = max(metrics.lineSpacing(), metrics.boundingRect("Ag中").height())
        header = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth() + 2
        room = table.height() - header
        return max(2, int((room / EVENT_ROWS - ROW_PADDING) / max(line, 1)))

    def _fit_events(self) -> None:
        """Fit the disclosures' columns. The detail under the table is where a disclosure is
        read in full (every column, the selected row), so the table is a list to choose from:
        its rows stay short and EVENT_ROWS of them in view at every size, the optional columns
        giving way while a row would take more lines (at 1440×900 every column stayed and the
        policy section and description wrapped to six lines: one and a half rows showed)."""
        if self.events_model.rowCount() == 0:
            return
        fit_columns(
            self.events_table,
            optional=EVENT_OPTIONAL,
            max_lines=self._event_lines(),
            min_rows=EVENT_ROWS,
            by_lines=True,
        )

    def _fit_partners(self) -> None:
        if self.recipient_model.rowCount() == 0:
            return
        fit_columns(
            self.recipient_table,
            optional=PARTNER_OPTIONAL,
            max_lines=self._partner_lines(),
            min_rows=PARTNER_ROWS,
        )

    def _present_chart(self, data: SharingData) -> None:
        used = [key for r in data.recipients for key in r.categories]
        known = [c.key for c in data.categories if c.key in used]
        ordered = known + sorted({k for k in used if k not in known})
        sources = [FlowNode(key, self.names.name(key)) for key in ordered]
        targets = [FlowNode(r.id, r.name, muted=not r.identifiable) for r in data.recipients]
        flows = [
            Flow(
                key,
                r.id,
                r.event_count,
                self.tr("{0} → {1}: shared %n time(s)", "", r.event_count).format(
                    self.names.name(key), r.name
                ),
            )
            for r in data.recipients
            for key in r.categories
        ]
        self.chart.set_data(sources, targets, flows)

    # --- detail ---------------------------------------------------------------------------
    def _clear_detail(self) -> None:
        self.detail_name.setText(self.tr("Select a partner to see its details."))
        self.detail_facts.setText("")
        self.events_status.setText("")
        self._show_events_error(None)
        self.chart.set_highlight(None)

    def _recipient_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        recipient = current.data(RAW_ROLE) if current.isValid() else None
        if not isinstance(recipient, Recipient) or self.view is None:
            return
        if self.current_recipient is not None and self.current_recipient.id == recipient.id:
            return
        self.show_recipient(recipient)

    def show_recipient(self, recipient: Recipient) -> None:
        view = self.view
        if view is None:
            return
        self.current_recipient = recipient
        self.chart.set_highlight(recipient.id)
        self.detail_name.setText(recipient.name)
        facts = [
            self.tr("Type: {0}").format(recipient_type_text(recipient.type)),
            self.tr("Data: {0}").format(self.names.names(recipient.categories)),
            self.tr("Purpose: {0}").format(recipient.purpose),
            self.tr("Legal basis: {0}").format(legal_basis_text(recipient.legal_basis)),
            self.tr("Form: {0}").format(identifiable_text(recipient.identifiable)),
            self.tr("Country: {0}").format(country_text(recipient.country)),
            self.tr("First shared: {0}   Last shared: {1}").format(
                display_text(recipient.first_shared), display_text(recipient.last_shared)
            ),
            agreement_text(recipient.data_protection_agreement),
            exception_text(recipient.no_consent_exception),
        ]
        if recipient.consent_purpose:
            facts.append(
                self.tr("Shared only with its own consent: {0}").format(
                    self.purpose_titles.get(recipient.consent_purpose, recipient.consent_purpose)
                )
            )
        self.detail_facts.setText("\n".join(facts))
        api = view.api
        recipient_id = recipient.id

        def fetch(cursor: str | None) -> tuple[Sequence[RecipientEvent], str | None]:
            page = api.list_recipient_events(recipient_id, limit=EVENTS_PAGE_SIZE, cursor=cursor)
            return page.items, page.next_cursor

        self._show_events_error(None)
        self.event_detail.setText("")
        self.events_model.start(fetch)

    def _events_loading(self, busy: bool) -> None:
        if busy:
            self._show_events_error(None)
            self.events_status.setText(self.tr("Loading…"))
            return
        rows = self.events_model.rowCount()
        if not self.events_error.isHidden():
            self.events_status.setText("")
        elif rows == 0:
            self.events_status.setText(self.tr("Nothing has been shared with this partner."))
        else:
            self.events_status.setText(self.tr("%n disclosure(s) shown", "", rows))

    def _events_page_loaded(self, rows: int) -> None:
        if rows <= EVENTS_PAGE_SIZE:
            # as the partners: the disclosures' optional columns give way while a row would
            # take more lines than four rows have room for (it showed one and a half)
            self._fit_events()
            if rows and not self.events_table.currentIndex().isValid():
                self.events_table.setCurrentIndex(self.events_model.index(0, 0))
        self._show_event(self.events_table.currentIndex().row())

    def _show_event(self, row: int) -> None:
        model = self.events_model
        if not 0 <= row < model.rowCount():
            self.event_detail.setText("")
            return
        lines = []
        for column in range(1, model.columnCount()):
            text = model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
            if text:
                title = model.headerData(column, Qt.Orientation.Horizontal)
                lines.append(self.tr("{0}: {1}").format(title, text))
        self.event_detail.setText("\n".join(lines))

    def _show_events_error(self, message: str | None) -> None:
        self.events_error.setText(message or "")
        self.events_error.setVisible(message is not None)
        self.events_retry.setVisible(message is not None)
        if message is not None:
            self.events_status.setText("")
