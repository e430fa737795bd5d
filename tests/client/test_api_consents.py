"""ShopApi against the real shop: consents with signed receipts, subscriptions, cookies."""

from __future__ import annotations

import pytest

from client.api import ShopApi
from client.discovery import fetch_discovery
from client.errors import NotFound, ValidationFailed
from client.models import CHANNELS, ConsentReceipt, Cookie
from client.verify import verify_consent_receipt
from server.embedded import RunningShop
from tests.client.api_helpers import api_for
from tests.conftest import SHOPPER


@pytest.fixture
def shop_api(shop: RunningShop) -> ShopApi:
    return api_for(shop, *SHOPPER)


def test_set_consent_returns_a_receipt_that_verifies(shop: RunningShop, shop_api: ShopApi) -> None:
    consents = shop_api.list_consents()
    optional = next(c for c in consents if not c.required)
    change = shop_api.set_consent(optional.purpose, not optional.granted)
    assert change.consent.granted is (not optional.granted)
    receipt = change.receipt
    assert receipt.purpose == optional.purpose
    assert receipt.granted is (not optional.granted)
    assert receipt.time.tzinfo is not None
    keys = fetch_discovery(shop.url).signing_keys
    assert verify_consent_receipt(receipt, keys).ok
    history = list(shop_api.list_consent_history(limit=1).auto_paging_iter())
    assert history[0].id == receipt.id
    fetched = shop_api.get_consent_receipt(receipt.id)
    assert fetched == receipt
    with pytest.raises(NotFound):
        shop_api.get_consent_receipt("rcpt_000000000000000000000000")


def test_a_required_consent_cannot_be_withdrawn(shop_api: ShopApi) -> None:
    required = next(c for c in shop_api.list_consents() if c.required)
    with pytest.raises(ValidationFailed) as caught:
        shop_api.set_consent(required.purpose, False)
    assert caught.value.status == 422
    assert caught.value.code == "consent_required"
    with pytest.raises(NotFound):
        shop_api.set_consent("no_such_purpose", True)


def test_history_pages(shop_api: ShopApi) -> None:
    receipts = list(shop_api.list_consent_history(limit=2).auto_paging_iter())
    assert all(isinstance(r, ConsentReceipt) for r in receipts)


def test_subscriptions(shop_api: ShopApi) -> None:
    subscriptions = shop_api.list_subscriptions()
    assert {s.channel for s in subscriptions} == set(CHANNELS)
    changed = shop_api.set_subscription("sms", True)
    assert changed.channel == "sms"
    assert changed.enabled
    assert changed.updated_at is not None
    assert shop_api.set_subscription("sms", False).enabled is False


def test_cookies(shop_api: ShopApi) -> None:
    cookies = list(shop_api.list_cookies(limit=3).auto_paging_iter())
    assert cookies
    assert all(isinstance(c, Cookie) for c in cookies)
    assert len({c.id for c in cookies}) == len(cookies)
