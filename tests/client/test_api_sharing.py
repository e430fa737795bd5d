"""ShopApi against the real shop: recipients, policy, notices, the access log."""

from __future__ import annotations

import pytest

from client.api import ShopApi
from client.errors import NotFound
from client.models import AccessLogEntry, Notice, PolicyVersion, Recipient, RecipientEvent
from server.embedded import RunningShop
from tests.client.api_helpers import api_for
from tests.conftest import SHOPPER


@pytest.fixture
def shop_api(shop: RunningShop) -> ShopApi:
    return api_for(shop, *SHOPPER)


def test_recipients_detail_and_events(shop_api: ShopApi) -> None:
    recipients = list(shop_api.list_recipients(limit=3).auto_paging_iter())
    assert recipients
    assert all(isinstance(r, Recipient) for r in recipients)
    shared = next(r for r in recipients if r.event_count > 0)
    assert shop_api.get_recipient(shared.id) == shared
    events = list(shop_api.list_recipient_events(shared.id, limit=2).auto_paging_iter())
    assert len(events) == shared.event_count
    assert all(isinstance(e, RecipientEvent) for e in events)
    with pytest.raises(NotFound):
        shop_api.get_recipient("0")
    with pytest.raises(NotFound):
        shop_api.list_recipient_events("abc")


def test_policy_versions_and_acknowledge(shop_api: ShopApi) -> None:
    current = shop_api.get_policy()
    versions = list(shop_api.list_policy_versions(limit=1).auto_paging_iter())
    assert versions
    assert all(isinstance(v, PolicyVersion) for v in versions)
    assert versions[0].version == current.version
    ack = shop_api.acknowledge_policy(current.version)
    assert ack.version == current.version
    again = shop_api.get_policy()
    assert again.acknowledged
    assert again.acknowledged_at == ack.acknowledged_at
    with pytest.raises(NotFound):
        shop_api.acknowledge_policy("0.0-none")


def test_notices(shop_api: ShopApi) -> None:
    notices = list(shop_api.list_notices(limit=1).auto_paging_iter())
    assert notices
    assert all(isinstance(n, Notice) for n in notices)


def test_access_log_and_head(shop_api: ShopApi) -> None:
    shop_api.get_me()
    head = shop_api.get_access_log_head()
    entries = list(shop_api.list_access_log(limit=3).auto_paging_iter())
    assert entries
    assert all(isinstance(e, AccessLogEntry) for e in entries)
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert any(e.resource.endswith("/me") for e in entries)
    assert entries[head.seq - 1].hash == head.hash
    newest = shop_api.list_access_log(limit=1, order="desc").items[0]
    assert newest.seq > entries[-1].seq  # every read is logged, this one too
