"""Orders page against a real demo shop: lazy list, detail, removal with the retained part."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from client.errors import NotFound
from server.embedded import RunningShop
from server.models import Order, OrderItem, User
from tests.conftest import SHOPPER
from tests.ui.conftest import (
    ModalAnswer,
    button,
    click,
    refresh_offline,
    retry_offline,
    wait_loaded,
)
from tests.ui.test_page_my_data import HOSTILE, open_assist, shopper_api
from ui.formats import format_date
from ui.main_window import MainWindow
from ui.pages.orders import PAGE_SIZE, OrdersPage
from ui.terms.data import money_text
from ui.widgets.load_state import LoadState


def open_page(qtbot: QtBot, window: MainWindow) -> OrdersPage:
    page = window.pages["orders"]
    assert isinstance(page, OrdersPage)
    window.select_page("orders")
    wait_loaded(qtbot, page)
    return page


def wait_detail(qtbot: QtBot, page: OrdersPage, order_id: str) -> None:
    qtbot.waitUntil(
        lambda: page.detail.order is not None and page.detail.order.id == order_id, timeout=10000
    )


def test_list_is_lazy_and_matches_the_api(
    qtbot: QtBot, window: MainWindow, shop: RunningShop, qtmodeltester: Any
) -> None:
    page = open_page(qtbot, window)
    assert page.state is LoadState.CONTENT
    orders = list(shopper_api(shop).list_orders().auto_paging_iter())
    assert len(orders) > PAGE_SIZE
    qtbot.waitUntil(lambda: page.model.rowCount() == PAGE_SIZE, timeout=10000)
    assert page.model.canFetchMore()
    page.model.fetchMore()
    qtbot.waitUntil(lambda: page.model.rowCount() == len(orders), timeout=10000)
    first = orders[0]
    model = page.model
    assert model.data(model.index(0, 0)) == first.number
    assert model.data(model.index(0, 3)) == money_text(first.total_cents, first.currency)
    assert model.data(model.index(0, 4)) == str(first.item_count)
    qtmodeltester.check(model)


def test_detail_of_the_selected_order(
    qtbot: QtBot, window: MainWindow, shop: RunningShop, qtmodeltester: Any
) -> None:
    page = open_page(qtbot, window)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10000)
    order = page.model.row_at(1)
    page.select_row(1)
    wait_detail(qtbot, page, order.id)
    expected = shopper_api(shop).get_order(order.id)
    detail = page.detail
    assert detail.item_model.rowCount() == len(expected.items)
    assert detail.item_model.data(detail.item_model.index(0, 0)) == expected.items[0].title
    assert detail.payment_masked.text() == expected.payment.masked
    assert detail.partner.text() == expected.logistics.partner
    assert detail.tracking.text() == expected.logistics.tracking_no
    assert detail.recipient_phone.text() == expected.recipient.phone_masked
    assert detail.recipient_address.text() == expected.recipient.address
    assert detail.shared_model.rowCount() == len(expected.shared_with)
    if expected.shared_with:
        assert (
            detail.shared_model.data(detail.shared_model.index(0, 0))
            == expected.shared_with[0].name
        )
    # the partner column fills in once the detail is known
    assert page.model.data(page.model.index(1, 5)) == expected.logistics.partner
    for model in (detail.item_model, detail.shared_model):
        qtmodeltester.check(model)


def test_remove_order_shows_what_is_retained(
    qtbot: QtBot, window: MainWindow, shop: RunningShop, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = open_page(qtbot, window)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10000)
    order = page.model.row_at(0)
    page.select_row(0)
    wait_detail(qtbot, page, order.id)
    remove = button(page, "removeOrder")
    declined = ModalAnswer(qtbot, QMessageBox.StandardButton.Cancel)
    click(qtbot, remove)
    assert declined.answered
    assert "keep" in declined.texts[0]
    assert shopper_api(shop).get_order(order.id).id == order.id  # declined: still there
    rows = page.model.rowCount()
    accepted = ModalAnswer(qtbot, "Remove")
    click(qtbot, remove)
    qtbot.waitUntil(lambda: page.last_removal is not None, timeout=10000)
    assert accepted.answered
    assert page.result_banner is not None  # the result stays on the page, not 8 s in the bar
    assert page.result_banner.text == f"Order {order.number} removed"
    assert page.model.rowCount() == rows - 1
    assert all(o.id != order.id for o in page.model.rows)
    with pytest.raises(NotFound):
        shopper_api(shop).get_order(order.id)
    removal = page.last_removal
    assert removal is not None
    retained = removal.retained
    assert retained is not None
    box = page.removal_box
    assert box is not None
    assert box.textFormat() == Qt.TextFormat.PlainText
    text = box.text()
    assert format_date(retained.until) in text
    assert retained.reason in text
    assert "payments" in text
    assert retained.reason in page.detail.message.text()
    box.close()


def test_hostile_item_title_is_literal(qtbot: QtBot, window: MainWindow, shop: RunningShop) -> None:
    with shop.ctx.sessions() as db:
        user = db.scalars(select(User).where(User.username == SHOPPER[0])).one()
        newest = db.scalars(
            select(Order).where(Order.user_id == user.id).order_by(Order.placed_at.desc())
        ).first()
        assert newest is not None
        item = db.scalars(select(OrderItem).where(OrderItem.order_id == newest.id)).first()
        assert item is not None
        item.title = HOSTILE
        newest.logistics_partner = "<b>courier</b>"
        db.commit()
    page = open_page(qtbot, window)
    qtbot.waitUntil(
        lambda: page.detail.order is not None or page.detail.error.text() != "", timeout=10000
    )
    detail = page.detail
    assert detail.order is not None, (detail.error.text(), page.stack.error_text)
    titles = [
        detail.item_model.data(detail.item_model.index(r, 0))
        for r in range(detail.item_model.rowCount())
    ]
    assert HOSTILE in titles
    assert detail.partner.text() == "<b>courier</b>"
    assert detail.partner.textFormat() == Qt.TextFormat.PlainText


def test_error_retry_and_empty(qtbot: QtBot, window: MainWindow, shop: RunningShop) -> None:
    page = open_page(qtbot, window)
    view = window.session.view()
    assert view is not None
    real_base = view.shop.transport.base_url
    view.shop.transport.base_url = "http://127.0.0.1:9/v1/"
    view.shop.transport.max_retries = 0
    refresh_offline(qtbot, page)  # offline: keeps what was loaded, says so
    view.shop.transport.base_url = real_base
    retry_offline(qtbot, page)
    assert wait_loaded(qtbot, page) is LoadState.CONTENT
    with shop.ctx.sessions() as db:
        user = db.scalars(select(User).where(User.username == SHOPPER[0])).one()
        for order in db.scalars(select(Order).where(Order.user_id == user.id)):
            order.removed_at = datetime.now(UTC)  # hidden, as the shop does on removal
        db.commit()
    page.refresh()
    assert wait_loaded(qtbot, page) is LoadState.EMPTY
    assert "No orders" in page.stack.empty_text


def test_assist_mode_has_no_remove(
    qtbot: QtBot, window: MainWindow, shop: RunningShop, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_assist(qtbot, window, shop)
    page = open_page(qtbot, window)
    assert page.view is not None
    assert not page.view.can_change
    qtbot.waitUntil(lambda: page.detail.order is not None, timeout=10000)
    assert page.remove_button.isHidden()
    monkeypatch.setattr(page, "ask", lambda _t, _x: pytest.fail("must not ask"))
    order = page.selected()
    assert order is not None
    page.remove_selected()
    assert shopper_api(shop).get_order(order.id).id == order.id
