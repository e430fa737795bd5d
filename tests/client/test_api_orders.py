"""ShopApi against the real shop: orders (detail, removal) and automated decisions."""

from __future__ import annotations

import pytest

from client.api import ShopApi
from client.errors import NotFound
from client.models import Decision, DecisionDetail, OrderDetail, OrderSummary
from server.embedded import RunningShop
from tests.client.api_helpers import api_for
from tests.conftest import SECOND_SHOPPER, SHOPPER


@pytest.fixture
def shop_api(shop: RunningShop) -> ShopApi:
    return api_for(shop, *SHOPPER)


def test_orders_list_and_detail(shop_api: ShopApi) -> None:
    orders = list(shop_api.list_orders(limit=2).auto_paging_iter())
    assert orders
    assert all(isinstance(o, OrderSummary) for o in orders)
    detail = shop_api.get_order(orders[0].id)
    assert isinstance(detail, OrderDetail)
    assert detail.id == orders[0].id
    assert detail.items
    assert detail.payment.masked


def test_remove_order_reports_what_is_retained(shop_api: ShopApi) -> None:
    order = shop_api.list_orders(limit=1).items[0]
    removed = shop_api.remove_order(order.id)
    assert removed.id == order.id
    assert removed.removed
    assert removed.retained is not None
    assert removed.retained.until.tzinfo is not None
    assert order.id not in {o.id for o in shop_api.list_orders().auto_paging_iter()}


def test_another_shoppers_order_is_not_found(shop: RunningShop, shop_api: ShopApi) -> None:
    foreign = api_for(shop, *SECOND_SHOPPER).list_orders(limit=1).items[0]
    with pytest.raises(NotFound) as caught:
        shop_api.get_order(foreign.id)
    assert caught.value.status == 404
    assert caught.value.code == "not_found"
    assert caught.value.request_id
    with pytest.raises(NotFound):
        shop_api.get_order("no-such-id")


def test_decisions_and_detail(shop_api: ShopApi) -> None:
    decisions = list(shop_api.list_decisions().auto_paging_iter())
    assert decisions
    assert all(isinstance(d, Decision) for d in decisions)
    detail = shop_api.get_decision(decisions[0].id)
    assert isinstance(detail, DecisionDetail)
    assert detail.id == decisions[0].id
    assert detail.factors
    with pytest.raises(NotFound):
        shop_api.get_decision("999999")
