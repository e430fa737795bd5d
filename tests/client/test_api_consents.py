"""ShopApi against the real shop: consents with signed receipts, subscriptions, cookies."""

from __future__ import annotations

import pytest

from client.api import ShopApi
from client.discovery import fetch_discovery
from client.errors import NotFound, ValidationFailed
from client.models import CHANNELS, ConsentReceipt, Cookie
from client.transport import Transport
from client.verify import verify_consent_receipt
from server.embedded import RunningShop
from tests.client.api_helpers import FixedToken, api_for
from tests.client.test_transport import FlakyProxy, proxy, token  # noqa: F401 (fixtures)
from tests.conftest import SHOPPER
from tests.support.oauth_login import Api


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


def test_a_consent_change_whose_answer_is_lost_is_made_once(
    shop: RunningShop,
    proxy: FlakyProxy,  # noqa: F811 (the fixture imported above)
    token: str,  # noqa: F811
) -> None:
    """The transport re-sends the PUT with the key `set_consent` made for it: the shop answers
    the first answer, and a change made elsewhere in between stands (no second receipt)."""
    direct = Api(shop.url + "/v1", token)
    purpose = next(c for c in api_for(shop, *SHOPPER).list_consents() if not c.required)
    receipts_before = len(direct.get("/consents/history", params={"limit": 500}).json()["items"])

    def meanwhile(_seconds: float) -> None:
        # before the retry: the shopper switches it back on another device
        answer = direct.put(f"/consents/{purpose.purpose}", json={"granted": purpose.granted})
        assert answer.status_code == 200, answer.text

    transport = Transport(
        proxy.url + "/v1", tokens=FixedToken(token), sleep=meanwhile, max_retries=2
    )
    proxy.drop(1, after_forward=True)  # the shop makes the change; its answer is lost
    change = ShopApi(transport).set_consent(purpose.purpose, not purpose.granted)
    assert proxy.count("PUT", f"/v1/consents/{purpose.purpose}") == 2
    assert change.consent.granted is (not purpose.granted)  # the first answer, replayed
    history = direct.get("/consents/history", params={"limit": 500}).json()["items"]
    assert len(history) == receipts_before + 2  # the app's one change and the other device's
    assert history[1]["id"] == change.receipt.id
    items = direct.get("/consents").json()["items"]
    assert next(c for c in items if c["purpose"] == purpose.purpose)["granted"] is purpose.granted
