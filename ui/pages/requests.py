"""Requests: one tracker of every privacy request at every signed-in shop.

The table lists each request with its legal deadline in working days (overdue in red); the
detail below shows the timeline, a refusal's ground, an extension, the result, and the actions
(cancel, verify identity, download the archive). "New request…" opens the guided form of each
type. A request written while the shop is unreachable waits in the offline outbox and is sent,
exactly once, on a later refresh. The page refreshes itself every 30 seconds while visible.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from client.backends import RequestBackend, Send
from client.discovery import RetentionInfo
from client.models.requests import REQUEST_TYPES, CreatedRequest
from client.outbox import Outbox, OutboxItem
from ui.errors import user_message
from ui.icons import icon
from ui.models.columns import RAW_ROLE
from ui.models.proxies import SwitchFilter
from ui.models.requests import (
    RequestsTableModel,
    ShopFailure,
    TrackedRequest,
    TrackerData,
    is_open,
    is_overdue,
    type_label,
)
from ui.pages.base import DataPage, Page, newest
from ui.pages.requests_detail import RequestDetail
from ui.pages.requests_fides import FIDES_ACCOUNT, FidesRequestDialog
from ui.pages.requests_forms import NewRequestDialog, QueuedOffline
from ui.pages.requests_unsent import UnsentDialog, refusal_text
from ui.plain_text import plain_tooltip
from ui.session import OUTBOX_FILE as SESSION_OUTBOX_FILE
from ui.session import ActiveView
from ui.widgets.load_state import LoadState, plain_label
from ui.widgets.tables import fit_columns, record_table

if TYPE_CHECKING:
    from client.connection import ShopConnection

REFRESH_INTERVAL_MS = 30_000
OUTBOX_FILE = SESSION_OUTBOX_FILE  # kept for importers; the session owns the outbox
MAX_REQUESTS_PER_SHOP = 1000


@dataclass(frozen=True)
class Source:
    """One shop to list requests from (taken on the UI thread before a load)."""

    shop_id: str
    shop_name: str
    api: RequestBackend
    connection: ShopConnection | None  # None while assisting: nothing is queued or flushed
    account: str
    send: Send | None = None  # how the outbox sends for this shop (None: nothing is flushed)


class RequestsPage(DataPage[TrackerData]):
    page_id = "requests"
    icon_name = "requests"
    requests_refreshed = Signal(list)  # every TrackedRequest after each load (for the Notifier)
    outbox_changed = Signal(int)  # how many requests wait in the outbox

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        self.dialog: NewRequestDialog | FidesRequestDialog | None = None
        self.unsent_dialog: UnsentDialog | None = None
        self.outbox_pending = 0
        self._failed_items: list[OutboxItem] = []
        super().__init__(context, parent)
        # Another page (My data, Decisions) queued a request: show it waiting here, too.
        context.session.outbox_changed.connect(self._outbox_grew)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_INTERVAL_MS)
        self.timer.timeout.connect(self.auto_refresh)

    def title(self) -> str:
        return self.tr("Requests")

    # --- widgets --------------------------------------------------------------------------------
    def build(self, content: QWidget) -> None:
        layout = QVBoxLayout(content)
        bar = QHBoxLayout()
        self.new_button = QPushButton(icon("add"), self.tr("New request…"))
        self.new_button.setObjectName("newRequest")
        self.new_menu = QMenu(self.new_button)
        for rtype in REQUEST_TYPES:
            action = self.new_menu.addAction(type_label(rtype))
            action.setData(rtype)
            action.triggered.connect(lambda _checked=False, t=rtype: self.new_request(t))
        self.new_button.setMenu(self.new_menu)
        bar.addWidget(self.new_button)
        self.filter_box = QComboBox()
        self.filter_box.setAccessibleName(self.tr("Show"))
        self.filter_box.addItem(self.tr("Open requests"), True)
        self.filter_box.addItem(self.tr("All requests"), False)
        self.filter_box.currentIndexChanged.connect(self._filter_changed)
        bar.addWidget(plain_label(self.tr("Show:"), wrap=False))
        bar.addWidget(self.filter_box)
        bar.addStretch(1)
        self.outbox_label = plain_label(wrap=False)
        self.outbox_label.setObjectName("outboxIndicator")
        self.outbox_label.setStyleSheet("color: #e65100; font-weight: bold;")
        self.outbox_label.hide()
        bar.addWidget(self.outbox_label)
        # Refused items hold the shopper's own text: shown, to be filed again or deleted
        # one by one after a question, never thrown away unseen.
        self.unsent_button = QPushButton(self.tr("Unsent requests…"))
        self.unsent_button.setObjectName("showUnsent")
        self.unsent_button.setToolTip(
            self.tr("See the requests the shop refused: edit and file them again, or delete them")
        )
        self.unsent_button.clicked.connect(self.show_unsent)
        self.unsent_button.hide()
        bar.addWidget(self.unsent_button)
        self.refresh_button = QPushButton(icon("refresh"), "")
        self.refresh_button.setAccessibleName(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Refresh"))
        self.refresh_button.clicked.connect(lambda: self.refresh(quiet=True))
        bar.addWidget(self.refresh_button)
        layout.addLayout(bar)

        self.message = plain_label()
        self.message.setObjectName("pageMessage")
        self.message.hide()
        layout.addWidget(self.message)
        self.shop_errors = plain_label()
        self.shop_errors.setObjectName("errorMessage")
        self.shop_errors.setStyleSheet("color: #c62828;")
        self.shop_errors.hide()
        layout.addWidget(self.shop_errors)

        self.model = RequestsTableModel(self)
        self.proxy = SwitchFilter(is_open, self, on=True)
        self.proxy.setSourceModel(self.model)
        self.table = record_table(self.tr("Requests"), self.proxy, sortable=True)
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        fit_columns(self.table)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.empty_hint = plain_label()
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.hide()

        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.table)
        table_layout.addWidget(self.empty_hint)

        self.detail = RequestDetail(self.run, self.api_for)
        self.detail.changed.connect(self.replace_row)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.detail)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.hide()  # shown once a request is selected
        self.detail_area = scroll
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(table_box)
        self.splitter.addWidget(scroll)
        scroll.show()  # QSplitter keeps a never-shown widget hidden otherwise
        self.splitter.setChildrenCollapsible(False)
        table_box.setMinimumHeight(140)
        scroll.setMinimumHeight(200)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([260, 520])
        layout.addWidget(self.splitter, 1)

        refresh = QAction(self)
        refresh.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        refresh.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh.triggered.connect(lambda: self.refresh(quiet=True))
        self.addAction(refresh)
        new = QAction(self)
        new.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        new.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new.triggered.connect(self.new_button.showMenu)
        self.addAction(new)

    # --- visibility and the timer -------------------------------------------------------------
    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.timer.start()

    def hideEvent(self, event: Any) -> None:
        super().hideEvent(event)
        self.timer.stop()

    def _outbox_grew(self) -> None:
        if self.isVisible() and self.view is not None:
            self.refresh(quiet=True)
        else:
            self._stale = True

    def auto_refresh(self) -> None:
        if self.isVisible() and self._task is None and self.view is not None:
            self.refresh(quiet=True)

    # --- loading --------------------------------------------------------------------------------
    def sources(self, view: ActiveView) -> list[Source]:
        """The shops to track: every signed-in connection; only the customer while assisting."""
        session = self.context.session
        if view.assisting or view.guardian is not None:  # only the customer's (ward's) own
            return [Source(view.shop_id, view.shop_name, view.requests, None, view.account_label)]
        found = []
        for connection in session.signed_in_connections():
            found.append(
                Source(
                    connection.shop_id,
                    connection.shop_name,
                    connection.api,
                    connection,
                    connection.username or "",
                    connection.send_filed_request,
                )
            )
        for fides in session.fides_shops.values():  # one tracker across every kind of shop
            found.append(
                Source(
                    fides.shop_id,
                    fides.shop_name,
                    fides,
                    None,
                    FIDES_ACCOUNT,
                    fides.send_filed_request,
                )
            )
        if not any(s.shop_id == view.shop_id for s in found):
            found.insert(
                0, Source(view.shop_id, view.shop_name, view.requests, None, view.account_label)
            )
        return found

    def outbox(self) -> Outbox:
        """The app's outbox (the session's: every page queues into the same one)."""
        return self.context.session.outbox()

    def fetch(self, view: ActiveView) -> TrackerData:
        return self.fetch_sources(self.sources(view))

    def fetch_sources(self, sources: list[Source]) -> TrackerData:
        """Worker thread: send what waits in the outbox, then list every shop's requests."""
        data = TrackerData()
        outbox = self.outbox()
        for source in sources:
            if source.send is None:
                continue
            try:
                report = outbox.flush(source.send, shop_id=source.shop_id, account=source.account)
            except Exception as exc:  # the shop or the file: try again on the next refresh
                data.outbox_failed.append(user_message(exc))
                continue
            data.outbox_sent += len(report.sent)
            data.outbox_refused += len(report.failed)  # listed under "Unsent requests…"

        def listing(source: Source) -> tuple[list[TrackedRequest], bool]:
            requests, more = newest(
                source.api.list_requests(limit=100).auto_paging_iter(), MAX_REQUESTS_PER_SHOP
            )
            return [TrackedRequest(source.shop_id, source.shop_name, r) for r in requests], more

        with ThreadPoolExecutor(
            max_workers=max(1, min(4, len(sources))), thread_name_prefix="requests-shop"
        ) as pool:
            futures = [(source, pool.submit(listing, source)) for source in sources]
            errors: list[BaseException] = []
            for source, future in futures:
                try:
                    rows, more = future.result()
                    data.rows += rows
                    data.capped = data.capped or more
                except Exception as exc:
                    errors.append(exc)
                    data.failures.append(
                        ShopFailure(source.shop_id, source.shop_name, user_message(exc))
                    )
        if errors and len(errors) == len(sources):
            raise errors[0]  # nothing at all: the error face (ReauthRequired reaches Page.run)
        pending = outbox.pending()
        failed = outbox.failed()
        data.outbox_pending = len(pending)
        data.outbox_failed_items = failed
        return data

    def refresh(self, quiet: bool = False) -> None:
        """Load again; `quiet` keeps the table on screen and never overlaps a running load."""
        Page.refresh(self)
        view = self.view
        if self._task is not None:
            if quiet:
                return
            self._task.cancel()
            self._task = None
        if view is None:
            self.clear_message()
            self.show_welcome()
            self.loaded.emit()
            return
        sources = self.sources(view)
        keep_content = quiet and self.state is LoadState.CONTENT
        if not keep_content:
            self.stack.show_busy()

        def done(data: TrackerData) -> None:
            self._task = None
            self.present(data)
            self.stack.show_content()
            self.loaded.emit()

        def failed(error: BaseException) -> None:
            self._task = None
            if keep_content:
                self.shop_errors.setText(user_message(error))
                self.shop_errors.show()
            else:
                self.stack.show_error(user_message(error))
            self.loaded.emit()

        self._task = self.run(lambda _control: self.fetch_sources(sources), done, failed)

    def present(self, data: TrackerData) -> bool:
        selected = self.detail.row.key if self.detail.row is not None else None
        self.model.set_rows(data.rows)
        self._update_empty_hint()
        errors = [self.tr("{0}: {1}").format(f.shop_name, f.message) for f in data.failures]
        # The outbox itself failed (its file, an unexpected answer): said, tried again next time.
        errors += [
            self.tr("The outbox could not be sent: {0}").format(message)
            for message in dict.fromkeys(data.outbox_failed)
        ]
        if errors:
            self.shop_errors.setText("\n".join(errors))
        self.shop_errors.setVisible(bool(errors))
        self.set_outbox_state(data.outbox_pending, data.outbox_failed_items)
        if data.capped:
            self.show_capped(MAX_REQUESTS_PER_SHOP)
        else:
            self.capped_note.hide()  # this page loads by its own refresh
        told = []
        if data.outbox_sent:
            told.append(self.tr("%n request(s) from the outbox were sent.", "", data.outbox_sent))
        if data.outbox_refused:
            told.append(
                self.tr(
                    "The shop did not accept %n request(s) from the outbox: see “Unsent "
                    "requests…”.",
                    "",
                    data.outbox_refused,
                )
            )
        if told:
            self.show_message(" ".join(told))
        if selected is not None and not self.select(selected):
            self.detail.show_row(None)
        self.requests_refreshed.emit(list(data.rows))
        return True

    # --- the table --------------------------------------------------------------------------
    def _filter_changed(self) -> None:
        self.proxy.set_on(bool(self.filter_box.currentData()))
        self._update_empty_hint()
        if self.detail.row is not None and not self.select(self.detail.row.key):
            self.detail.show_row(None)

    def _update_empty_hint(self) -> None:
        empty = self.proxy.rowCount() == 0
        if self.model.rowCount() == 0:
            self.empty_hint.setText(
                self.tr(
                    "No requests yet. Use “New request…” to ask a shop for a copy of your data, a "
                    "correction, a deletion and more."
                )
            )
        else:
            self.empty_hint.setText(
                self.tr("No open requests. Choose “All requests” to see the finished ones.")
            )
        self.empty_hint.setVisible(empty)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.proxy.data(current, RAW_ROLE) if current.isValid() else None
        selected = row if isinstance(row, TrackedRequest) else None
        self.detail.show_row(selected)
        self.detail_area.setVisible(selected is not None)

    def select(self, key: tuple[str, str]) -> bool:
        """Select the request `key` (shop id, request id) if the filter shows it."""
        source_row = self.model.find(key)
        if source_row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        self.detail.show_row(self.model.row_at(source_row))
        return True

    def selected_row(self) -> TrackedRequest | None:
        return self.detail.row

    def replace_row(self, row: TrackedRequest) -> None:
        position = self.model.find(row.key)
        rows = self.model.rows
        if position >= 0:
            rows[position] = row
        else:
            rows.insert(0, row)
        self.model.set_rows(rows)
        self._update_empty_hint()
        if (
            not self.select(row.key)
            and self.detail.row is not None
            and self.detail.row.key == row.key
        ):
            self.detail.show_row(row)
        self.requests_refreshed.emit(self.model.rows)

    def api_for(self, shop_id: str) -> RequestBackend | None:
        view = self.view
        if view is not None and view.shop_id == shop_id:
            return view.requests
        if view is not None and (view.assisting or view.guardian is not None):
            return None
        fides = self.context.session.fides_shops.get(shop_id)
        if fides is not None:
            return fides
        connection = self.context.session.connections.get(shop_id)
        if connection is None or not connection.signed_in:
            return None
        return connection.api

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        if text:
            self.context.notify(text)

    # --- filing ---------------------------------------------------------------------------------
    def set_view(self, view: ActiveView | None) -> None:
        """Offer only the request types this shop's backend takes."""
        caps = view.capabilities if view is not None else None
        for action in self.new_menu.actions():
            action.setVisible(caps is None or caps.offers(str(action.data())))
        self.detail.codes_readable = view is None or view.can_change
        super().set_view(view)

    def new_request(
        self, rtype: str, draft: dict[str, Any] | None = None
    ) -> NewRequestDialog | FidesRequestDialog | None:
        """Open the form of `rtype`; `draft` fills it with a request written before."""
        view = self.view
        if view is None:
            return None
        if view.fides is not None:
            return self._new_fides_request(view, rtype)
        connection = self.context.session.connections.get(view.shop_id)
        retention: RetentionInfo | None = (
            connection.discovery.retention if connection is not None else None
        )
        related = [r for r in self.model.rows if r.shop_id == view.shop_id]
        selected = self.detail.row
        preferred = (
            selected
            if selected is not None
            and selected.shop_id == view.shop_id
            and (is_overdue(selected.request) or selected.request.status == "denied")
            else None
        )
        dialog = NewRequestDialog(
            rtype,
            view.api,
            self.run,
            shop_name=view.shop_name,
            retention=retention,
            related=related,
            preferred=preferred,
            filer=self.context.session.request_filer(view),
            draft=draft,
            parent=self,
        )
        dialog.accepted.connect(lambda: self._filed(dialog))
        dialog.finished.connect(lambda _code: self._forget_dialog(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _new_fides_request(self, view: ActiveView, rtype: str) -> FidesRequestDialog | None:
        shop = view.fides
        if shop is None or not shop.capabilities.offers(rtype):
            return None
        dialog = FidesRequestDialog(rtype, shop, self.outbox, self.run, parent=self)
        dialog.accepted.connect(lambda: self._fides_filed(dialog))
        dialog.finished.connect(lambda _code: self._forget_dialog(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _fides_filed(self, dialog: FidesRequestDialog) -> None:
        created = dialog.created
        if created is None:
            self.show_message(
                self.tr(
                    "The shop cannot be reached. Your request is kept in the outbox and will be "
                    "sent once the shop is back."
                )
            )
            self.refresh(quiet=True)
            return
        row = TrackedRequest(dialog.shop.shop_id, dialog.shop.shop_name, created.request)
        self.show_message(
            self.tr(
                "Your request was filed: {0}. Enter the code the shop sent you to verify it."
            ).format(type_label(created.request.type))
        )
        self.replace_row(row)

    def _forget_dialog(self, dialog: NewRequestDialog | FidesRequestDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _filed(self, dialog: NewRequestDialog) -> None:
        result = dialog.result_value
        if isinstance(result, CreatedRequest):
            view = self.view
            shop_id = view.shop_id if view is not None else ""
            shop_name = view.shop_name if view is not None else ""
            row = TrackedRequest(shop_id, shop_name, result.request)
            message = self.tr("Your request was filed: {0}.").format(
                type_label(result.request.type)
            )
            if result.request.status == "identity_unverified":
                # the detail below offers the code and, where the shop takes one, a document
                message += " " + self.tr(
                    "Prove who you are below: with the code the shop sent you, or with a "
                    "document where the shop accepts one."
                )
            self.show_message(message)
            self.replace_row(row)
        elif isinstance(result, QueuedOffline):
            self.set_outbox_state(result.pending, None)
            self.show_message(
                self.tr(
                    "The shop cannot be reached. Your request is kept in the outbox and will be "
                    "sent once the shop is back."
                )
            )

    # --- the outbox ------------------------------------------------------------------------
    def set_outbox_state(self, pending: int, failed: list[OutboxItem] | None) -> None:
        self.outbox_pending = pending
        parts = []
        if pending:
            parts.append(self.tr("%n request(s) waiting to be sent", "", pending))
        if failed is not None:
            self._failed_items = failed
        failed_items = self._failed_items
        if failed_items:
            parts.append(self.tr("%n request(s) the shop did not accept", "", len(failed_items)))
            self.outbox_label.setToolTip(
                plain_tooltip(  # the shops' own words: literal
                    "\n".join(
                        self.tr("{0}: {1}").format(
                            type_label(str(item.payload.get("type") or "")), refusal_text(item)
                        )
                        for item in failed_items
                    )
                )
            )
        self.outbox_label.setText(" · ".join(parts))
        self.outbox_label.setVisible(bool(parts))
        self.unsent_button.setVisible(bool(failed_items))
        if self.unsent_dialog is not None and failed is not None:
            self.unsent_dialog.set_items(failed_items)
        self.outbox_changed.emit(pending)

    def show_unsent(self) -> UnsentDialog:
        """The refused outbox items, each with the shop's reason and what was written."""
        if self.unsent_dialog is not None:
            self.unsent_dialog.raise_()
            return self.unsent_dialog
        dialog = UnsentDialog(self._failed_items, self._shop_name, self._why_not_refile, self)
        dialog.refile_requested.connect(self._refile)
        dialog.delete_requested.connect(self._delete_unsent)
        dialog.finished.connect(lambda _code: self._unsent_closed(dialog))
        self.unsent_dialog = dialog
        dialog.open()
        return dialog

    def _unsent_closed(self, dialog: UnsentDialog) -> None:
        if self.unsent_dialog is dialog:
            self.unsent_dialog = None
        dialog.deleteLater()

    def _shop_name(self, shop_id: str) -> str:
        session = self.context.session
        connection = session.connections.get(shop_id)
        if connection is not None:
            return connection.shop_name
        fides = session.fides_shops.get(shop_id)
        if fides is not None:
            return fides.shop_name
        return self.tr("a shop no longer added")

    def _why_not_refile(self, item: OutboxItem) -> str:
        """Why `item` cannot be filed again from the page now ("" when it can)."""
        view = self.view
        name = self._shop_name(item.shop_id)
        if view is None or view.shop_id != item.shop_id:
            return self.tr("Switch to {0} to edit and file it again.").format(name)
        if view.assisting or view.guardian is not None or view.archive is not None:
            return self.tr("File it again from your own sign-in.")
        connection = self.context.session.connections.get(view.shop_id)
        own = (
            FIDES_ACCOUNT
            if view.fides is not None
            else (connection.username or "" if connection is not None else "")
        )
        if item.account != own:
            return self.tr("Switch to the account that wrote it to edit and file it again.")
        if not view.capabilities.offers(str(item.payload.get("type") or "")):
            return self.tr("This shop no longer takes this kind of request.")
        return ""

    def _refile(self, item: OutboxItem) -> None:
        """Open the item's form filled in; once filed anew, the refused item goes."""
        if self._why_not_refile(item):
            return
        dialog = self.new_request(str(item.payload.get("type") or ""), draft=dict(item.payload))
        if dialog is not None:
            dialog.accepted.connect(lambda: self._forget_unsent(item))

    def _delete_unsent(self, item: OutboxItem) -> None:
        self._forget_unsent(item)

    def _forget_unsent(self, item: OutboxItem) -> None:
        def work(_control: Any) -> tuple[int, list[OutboxItem]]:
            outbox = self.outbox()
            outbox.dismiss(item.id)
            return len(outbox.pending()), outbox.failed()

        self.run(work, lambda state: self.set_outbox_state(*state))
