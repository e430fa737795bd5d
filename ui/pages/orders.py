"""Orders: the order list (loaded page by page), the selected order's details (loaded in the
background), and removing an order record — with what the shop keeps by law shown plainly.

In assist mode (`view.can_change` False) the remove action does not exist.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from client.errors import ApiError
from client.i18n import trans_late
from client.models.data import DataCategory
from client.models.orders import OrderDetail, OrderRemoved, OrderSummary
from client.pagination import ListPage
from ui.errors import user_message
from ui.formats import format_date, join_list
from ui.models.paged_table import PagedTableModel
from ui.pages.base import DataPage
from ui.pages.orders_detail import (
    ORDER_FOR_OTHER,
    ORDER_ITEMS,
    ORDER_PARTNER,
    OrderDetailPanel,
    order_columns,
)
from ui.plain_text import plain_message_box
from ui.session import ActiveView
from ui.tasks import Task, TaskControl, TaskRunner
from ui.terms.consents import legal_basis_text
from ui.widgets.paged_table import PagedTable

PAGE_SIZE = 25

_FIELD_WORDS = {
    "number": trans_late("OrdersPage", "order number"),
    "placed_at": trans_late("OrdersPage", "order time"),
    "status": trans_late("OrdersPage", "status"),
    "items": trans_late("OrdersPage", "items"),
    "total_cents": trans_late("OrdersPage", "total"),
    "currency": trans_late("OrdersPage", "currency"),
    "payment_method": trans_late("OrdersPage", "payment method"),
    "payment_masked": trans_late("OrdersPage", "masked payment account"),
    "payment_status": trans_late("OrdersPage", "payment status"),
}


class OrdersModel(PagedTableModel[OrderSummary]):
    """The order list, page by page."""

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(
            order_columns(lambda o: o.logistics_partner), runner, parent, cache_text=True
        )  # pure columns: texts made on the worker thread


@dataclass(frozen=True)
class OrdersData:
    first: ListPage[OrderSummary]
    categories: list[DataCategory]  # for the names of what was shared for an order


class OrdersPage(DataPage[OrdersData]):
    page_id = "orders"
    icon_name = "orders"

    def title(self) -> str:
        return self.tr("Orders")

    def empty_message(self) -> str:
        return self.tr("No orders on record.")

    # --- building -------------------------------------------------------------------------
    def build(self, content: QWidget) -> None:
        self._detail_task: Task[OrderDetail] | None = None
        self.last_removal: OrderRemoved | None = None
        self.removal_box: QMessageBox | None = None
        layout = QVBoxLayout(content)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.model = OrdersModel(self.context.runner, self)
        self.list = PagedTable(
            self.model,
            self.tr("Orders"),
            self.tr(
                "Your orders. Select one to see its items, payment, delivery and who received "
                "data for it."
            ),
            # the detail pane repeats these: they give way first when the window is narrow
            optional=(ORDER_FOR_OTHER, ORDER_PARTNER, ORDER_ITEMS),
        )
        self.table = self.list.table
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self._select_first = False
        self.model.page_loaded.connect(self._page_loaded)
        splitter.addWidget(self.list)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.detail = OrderDetailPanel()
        self.detail.retry.clicked.connect(self.load_selected)
        right_layout.addWidget(self.detail, 1)
        self.remove_button = QPushButton(self.tr("Remove order record…"))
        self.remove_button.setAccessibleName(self.tr("Remove the selected order record"))
        self.remove_button.setObjectName("removeOrder")
        self.remove_button.clicked.connect(self.remove_selected)
        self.detail.action_row.addWidget(self.remove_button)
        self.removal_note = self.detail.message
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1, 1])  # halves: the detail's tables need room as much as the list
        layout.addWidget(splitter)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.activated.connect(self.remove_selected)

    # --- loading --------------------------------------------------------------------------
    def fetch(self, view: ActiveView) -> OrdersData:
        try:
            categories = view.api.list_categories()
        except ApiError:
            categories = []  # then the detail names categories by the shop's keys
        return OrdersData(view.api.list_orders(limit=PAGE_SIZE), categories)

    def present(self, data: OrdersData) -> bool:
        view = self.view
        can_change = view is not None and view.can_change
        self.remove_button.setVisible(can_change)
        self.detail.show_nothing()
        self.detail.category_names.update(data.categories)
        if view is None:
            return False
        api = view.api
        first: ListPage[OrderSummary] | None = data.first

        def fetch(cursor: str | None) -> tuple[Sequence[OrderSummary], str | None]:
            nonlocal first
            if cursor is None and first is not None:  # the page the page loaded itself
                page, first = first, None
            else:
                page = api.list_orders(limit=PAGE_SIZE, cursor=cursor)
            return page.items, page.next_cursor

        self._select_first = True
        self.list.start(fetch)
        return bool(data.first.items)

    # --- the selected order ---------------------------------------------------------------
    def selected(self) -> OrderSummary | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def select_row(self, row: int) -> None:
        self.table.setCurrentIndex(self.model.index(row, 0))

    def _page_loaded(self, rows: int) -> None:
        if self._select_first and rows:
            self._select_first = False
            self.select_row(0)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.load_selected()

    def load_selected(self) -> None:
        view = self.view
        order = self.selected()
        if self._detail_task is not None:
            self._detail_task.cancel()
            self._detail_task = None
        if view is None or order is None:
            self.detail.show_nothing()
            return
        self.detail.show_loading(order)

        def work(_control: TaskControl) -> OrderDetail:
            return view.api.get_order(order.id)

        def done(detail: OrderDetail) -> None:
            self._detail_task = None
            self.detail.show_order(detail)
            self.remove_button.setEnabled(True)

        def failed(error: BaseException) -> None:
            self._detail_task = None
            self.detail.show_error(order, user_message(error))

        self._detail_task = self.run(work, done, failed)

    # --- removing an order record ---------------------------------------------------------
    def ask(self, title: str, text: str) -> bool:
        """Ask a yes/no question (plain text); tests replace this."""
        box = plain_message_box(
            self, QMessageBox.Icon.Warning, title, text, buttons=QMessageBox.StandardButton.Cancel
        )
        remove = box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is remove

    def remove_selected(self) -> None:
        view = self.view
        order = self.selected()
        if view is None or not view.can_change or order is None:
            return
        if not self.ask(
            self.tr("Remove order record"),
            self.tr(
                "Remove order {0} from your account?\n\n"
                "The delivery details (recipient, address, phone, tracking) are erased. By law "
                "the shop must keep the transaction record itself (goods, prices, payment) for "
                "a number of years; that part is hidden from your account and used for "
                "nothing else. You will see what is kept, and until when."
            ).format(order.number),
        ):
            return
        self.remove_button.setEnabled(False)

        def work(_control: TaskControl) -> OrderRemoved:
            return view.shop.remove_order(order.id)

        def done(result: OrderRemoved) -> None:
            self.last_removal = result
            self.model.remove_where(lambda o: o.id == order.id)
            self.table.clearSelection()
            self.table.setCurrentIndex(QModelIndex())
            text = self.retained_text(order, result)
            self.detail.show_nothing(text)
            self.remove_button.setEnabled(True)
            self.context.notify(self.tr("Order {0} removed").format(order.number))
            self._show_retained(text)

        def failed(error: BaseException) -> None:
            self.remove_button.setEnabled(True)
            message = self.tr("The order record was not removed: {0}").format(user_message(error))
            self.detail.error.setText(message)
            self.detail.error.show()
            self.tell(message, "error")

        self.run(work, done, failed)

    def retained_text(self, order: OrderSummary, result: OrderRemoved) -> str:
        retained = result.retained
        if retained is None:
            return self.tr("Order {0} was removed. The shop keeps nothing of it.").format(
                order.number
            )
        fields = join_list(
            [self.tr(_FIELD_WORDS[f]) if f in _FIELD_WORDS else f for f in retained.fields]
        )
        return self.tr(
            "Order {0} was removed from your account.\n\n"
            "Kept by law until {1}:\n"
            "• Data categories: {2}\n"
            "• Fields: {3}\n"
            "• Legal basis: {4}\n"
            "• Why: {5}"
        ).format(
            order.number,
            format_date(retained.until),
            join_list(retained.categories),
            fields,
            legal_basis_text(retained.legal_basis),
            retained.reason,
        )

    def _show_retained(self, text: str) -> None:
        box = plain_message_box(
            self, QMessageBox.Icon.Information, self.tr("Order record removed"), text
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.removal_box = box
        box.finished.connect(lambda _result: setattr(self, "removal_box", None))
        box.open()
