"""The detail panel of the Orders page: items, masked payment, logistics, recipient, and who
received data for this order. Everything the shop sent is shown as plain text.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from client.i18n import trans_late
from client.models.orders import OrderDetail, OrderItem, OrderSummary, SharedWith
from ui.formats import format_date
from ui.models.columns import Column, display_text
from ui.models.record_table import RecordTableModel
from ui.terms.consents import CategoryNames, recipient_type_text
from ui.terms.data import (
    clause_text,
    money_text,
    order_status_text,
    payment_method_text,
    payment_status_text,
)
from ui.widgets.load_state import plain_label
from ui.widgets.tables import fit_columns, record_table

# columns of the list that the detail pane repeats (see order_columns)
ORDER_ITEMS, ORDER_PARTNER, ORDER_FOR_OTHER = 4, 5, 6


def order_columns(
    partner: Callable[[OrderSummary], str | None],
) -> list[Column[OrderSummary]]:
    return [
        Column[OrderSummary](trans_late("Columns", "Order number"), lambda o: o.number),
        Column[OrderSummary](trans_late("Columns", "Placed"), lambda o: o.placed_at),
        Column[OrderSummary](
            trans_late("Columns", "Status"), lambda o: order_status_text(o.status)
        ),
        Column[OrderSummary](
            trans_late("Columns", "Total"),
            lambda o: money_text(o.total_cents, o.currency),
            sort=lambda o: o.total_cents,
            align_right=True,
        ),
        Column[OrderSummary](
            trans_late("Columns", "Items"), lambda o: o.item_count, align_right=True
        ),
        Column[OrderSummary](trans_late("Columns", "Logistics partner"), partner),
        Column[OrderSummary](trans_late("Columns", "For someone else"), lambda o: o.for_other),
    ]


def item_columns(currency: list[str]) -> list[Column[OrderItem]]:
    """`currency` is a one-element list holding the shown order's currency."""
    return [
        Column[OrderItem](trans_late("Columns", "Item"), lambda i: i.title),
        Column[OrderItem](
            trans_late("Columns", "Quantity"), lambda i: i.quantity, align_right=True
        ),
        Column[OrderItem](
            trans_late("Columns", "Unit price"),
            lambda i: money_text(i.unit_price_cents, currency[0]),
            sort=lambda i: i.unit_price_cents,
            align_right=True,
        ),
        Column[OrderItem](
            trans_late("Columns", "Subtotal"),
            lambda i: money_text(i.unit_price_cents * i.quantity, currency[0]),
            sort=lambda i: i.unit_price_cents * i.quantity,
            align_right=True,
        ),
    ]


def shared_columns(names: CategoryNames) -> list[Column[SharedWith]]:
    return [
        Column[SharedWith](trans_late("Columns", "Recipient"), lambda s: s.name),
        Column[SharedWith](trans_late("Columns", "Type"), lambda s: recipient_type_text(s.type)),
        # the shop's titles, not its keys ("account, orders")
        Column[SharedWith](
            trans_late("Columns", "Data categories"), lambda s: names.names(s.categories)
        ),
        Column[SharedWith](trans_late("Columns", "Shared at"), lambda s: s.at),
    ]


class OrderDetailPanel(QScrollArea):
    """Shows one order; `show_loading`, `show_error` and `show_order` switch what it says."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        self.heading = plain_label()
        self.heading.setObjectName("orderHeading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        self.message = plain_label()
        layout.addWidget(self.message)
        error_row = QHBoxLayout()
        self.error = plain_label()
        self.error.setObjectName("errorMessage")
        self.retry = QPushButton(self.tr("Try again"))
        self.retry.setAccessibleName(self.tr("Load the order again"))
        error_row.addWidget(self.error, 1)
        error_row.addWidget(self.retry)
        layout.addLayout(error_row)

        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        self.summary = plain_label()
        body.addWidget(self.summary)
        self.currency = ["CNY"]
        self.item_model: RecordTableModel[OrderItem] = RecordTableModel(
            item_columns(self.currency), self
        )
        self.item_table = record_table(self.tr("Items of the order"), max_section=420)
        self.item_table.setModel(self.item_model)
        self.item_table.setWordWrap(True)
        self.item_table.setMinimumHeight(110)
        body.addWidget(self._group(self.tr("Items"), self.item_table))

        self.payment_method = plain_label()
        self.payment_masked = plain_label()
        self.payment_status = plain_label()
        body.addWidget(
            self._form_group(
                self.tr("Payment"),
                [
                    (self.tr("Method:"), self.payment_method),
                    (self.tr("Paid with:"), self.payment_masked),
                    (self.tr("Status:"), self.payment_status),
                ],
            )
        )
        self.partner = plain_label()
        self.tracking = plain_label()
        body.addWidget(
            self._form_group(
                self.tr("Logistics"),
                [
                    (self.tr("Partner:"), self.partner),
                    (self.tr("Tracking number:"), self.tracking),
                ],
            )
        )
        self.recipient_name = plain_label()
        self.recipient_phone = plain_label()
        self.recipient_address = plain_label()
        self.recipient_other = plain_label()
        self.placed_for = plain_label()
        self.placed_for.setObjectName("placedFor")
        self.placed_for.hide()
        body.addWidget(
            self._form_group(
                self.tr("Recipient"),
                [
                    (self.tr("Name:"), self.recipient_name),
                    (self.tr("Phone:"), self.recipient_phone),
                    (self.tr("Address:"), self.recipient_address),
                    (self.tr("For someone else:"), self.recipient_other),
                ],
            )
        )
        body.addWidget(self.placed_for)
        self.category_names = CategoryNames()  # the page fills it from the shop's categories
        self.shared_model: RecordTableModel[SharedWith] = RecordTableModel(
            shared_columns(self.category_names), self
        )
        self.shared_table = record_table(self.tr("Shared for this order with"), max_section=420)
        self.shared_table.setModel(self.shared_model)
        self.shared_table.setMinimumHeight(110)
        self.shared_empty = plain_label(self.tr("No data was shared with partners for this order."))
        shared_box = self._group(self.tr("Shared for this order with"), self.shared_table)
        shared_layout = shared_box.layout()
        assert shared_layout is not None
        shared_layout.addWidget(self.shared_empty)
        body.addWidget(shared_box)

        self.action_row = QHBoxLayout()
        self.action_row.addStretch(1)
        body.addLayout(self.action_row)
        layout.addWidget(self.body)
        layout.addStretch(1)
        self.setWidget(inner)
        self.order: OrderDetail | None = None
        self.show_nothing()

    @staticmethod
    def _group(title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        layout.addWidget(widget)
        return box

    @staticmethod
    def _form_group(title: str, rows: list[tuple[str, QLabel]]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        for caption, label in rows:
            form.addRow(caption, label)
        return box

    def _face(self, *, message: str = "", error: str | None = None, body: bool = False) -> None:
        self.message.setText(message)
        self.message.setVisible(bool(message))
        self.error.setText(error or "")
        self.error.setVisible(error is not None)
        self.retry.setVisible(error is not None)
        self.body.setVisible(body)

    def show_nothing(self, message: str | None = None) -> None:
        self.order = None
        self.heading.setText(self.tr("Order details"))
        self._face(message=message or self.tr("Select an order to see its details."))

    def show_loading(self, summary: OrderSummary) -> None:
        self.order = None
        self.heading.setText(self.tr("Order {0}").format(summary.number))
        self._face(message=self.tr("Loading the order…"))

    def show_error(self, summary: OrderSummary, message: str) -> None:
        self.order = None
        self.heading.setText(self.tr("Order {0}").format(summary.number))
        self._face(error=message)

    def show_order(self, order: OrderDetail) -> None:
        self.order = order
        self.heading.setText(self.tr("Order {0}").format(order.number))
        self.summary.setText(
            self.tr("Placed {0} · {1} · total {2} · %n item(s)", "", order.item_count).format(
                format_date(order.placed_at),
                order_status_text(order.status),
                money_text(order.total_cents, order.currency),
            )
        )
        self.currency[0] = order.currency
        self.item_model.set_rows(order.items)
        fit_columns(self.item_table)
        self.payment_method.setText(payment_method_text(order.payment.method))
        self.payment_masked.setText(order.payment.masked)
        self.payment_status.setText(payment_status_text(order.payment.status))
        self.partner.setText(order.logistics.partner)
        self.tracking.setText(order.logistics.tracking_no)
        recipient = order.recipient
        self.recipient_name.setText(recipient.name)
        self.recipient_phone.setText(recipient.phone_masked)
        self.recipient_address.setText(recipient.address)
        self.recipient_other.setText(display_text(recipient.for_other or order.for_other))
        placed = order.placed_for
        if placed is not None:
            # who placed the order for whom, and the purchaser's consent the policy asks for
            consent = (
                self.tr("you confirmed their consent on {0}").format(
                    display_text(placed.purchaser_consent_at)
                )
                if placed.purchaser_consent_at is not None
                else self.tr("no record of their consent")
            )
            self.placed_for.setText(
                self.tr("Placed by {0} for {1}; {2} ({3}).").format(
                    placed.placed_by,
                    placed.placed_for,
                    consent,
                    clause_text(placed.clause, placed.basis, placed.clause_title),
                )
            )
        self.placed_for.setVisible(placed is not None)
        self.shared_model.set_rows(order.shared_with)
        fit_columns(self.shared_table)
        self.shared_table.setVisible(bool(order.shared_with))
        self.shared_empty.setVisible(not order.shared_with)
        self._face(body=True)
