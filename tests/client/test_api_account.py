"""ShopApi against the real shop: the account, data categories and collected data."""

from __future__ import annotations

import pytest

from client.api import ShopApi
from client.errors import AuthenticationRequired, ValidationFailed
from client.models import Account, DataCategory, Device, Location, LogEntry
from server.embedded import RunningShop
from tests.client.api_helpers import api_for
from tests.conftest import SHOPPER


@pytest.fixture
def shop_api(shop: RunningShop) -> ShopApi:
    return api_for(shop, *SHOPPER)


def test_me_is_typed_with_aware_times(shop_api: ShopApi) -> None:
    me = shop_api.get_me()
    assert isinstance(me, Account)
    assert me.customer_no
    assert me.created_at.tzinfo is not None
    assert me.fields
    assert all(f.source in {"provided", "collected", "inferred", "partner"} for f in me.fields)


def test_patch_me_changes_an_editable_field(shop_api: ShopApi) -> None:
    me = shop_api.get_me()
    editable = next(f for f in me.fields if f.editable)
    updated = shop_api.update_me({editable.key: "changed by test"})
    field = updated.field(editable.key)
    assert field is not None
    assert field.value == "changed by test"
    assert field.source == "provided"


def test_patch_me_refuses_a_non_editable_field(shop_api: ShopApi) -> None:
    me = shop_api.get_me()
    locked = next(f for f in me.fields if not f.editable)
    with pytest.raises(ValidationFailed) as caught:
        shop_api.update_me({locked.key: "x"})
    assert caught.value.status == 422
    assert caught.value.code == "field_not_editable"
    assert shop_api.get_me().field(locked.key) == locked


def test_personalization_switch(shop_api: ShopApi) -> None:
    assert shop_api.set_personalization(False).enabled is False
    assert shop_api.get_me().personalization is False
    assert shop_api.set_personalization(True).enabled is True


def test_categories(shop_api: ShopApi) -> None:
    categories = shop_api.list_categories()
    assert categories
    assert all(isinstance(c, DataCategory) for c in categories)
    keys = {c.key for c in categories}
    assert "tracks" in keys
    assert all(c.storage.country for c in categories)


def test_devices_locations_logs_pages_and_iterators(shop_api: ShopApi) -> None:
    devices = list(shop_api.list_devices(limit=2).auto_paging_iter())
    assert devices
    assert all(isinstance(d, Device) for d in devices)
    assert [d.id for d in devices] == [d.id for d in shop_api.list_devices(limit=500).items]
    page = shop_api.list_locations(limit=3)
    assert len(page.items) <= 3
    assert all(isinstance(x, Location) for x in page.items)
    if page.next_cursor:
        following = shop_api.list_locations(limit=3, cursor=page.next_cursor)
        assert not {x.id for x in following.items} & {x.id for x in page.items}
    logs = list(shop_api.list_logs(limit=7).auto_paging_iter(max_items=10))
    assert 0 < len(logs) <= 10
    assert all(isinstance(x, LogEntry) for x in logs)
    times = [x.at for x in logs]
    assert times == sorted(times, reverse=True)


def test_a_bad_token_is_authentication_required(shop: RunningShop) -> None:
    from client.transport import Transport
    from tests.client.api_helpers import FixedToken

    api = ShopApi(Transport(shop.url + "/v1", tokens=FixedToken("not-a-token")))
    with pytest.raises(AuthenticationRequired):
        api.get_me()
