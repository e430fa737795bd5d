"""The one filing path (client.filing) and the outbox keeping the key of the press.

The end-to-end proof (a lost answer, then the outbox, against the real shop, from every form)
is in tests/ui/test_filing_once.py; these pin the rules the UI relies on.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, NoReturn

import pytest

from client.errors import ConnectionFailed, ServerError, ValidationFailed
from client.filing import Filing, FilingKeys, Queued, QueueFailed, RequestFiler
from client.models.requests import RequestType
from client.outbox import Outbox
from server.embedded import RunningShop
from tests.client.api_helpers import api_for
from tests.conftest import SHOPPER


class _DeadApi:
    """An API whose every call meets a dropped connection (nothing listens)."""

    def __init__(self) -> None:
        self.keys: list[str | None] = []

    def create_request(
        self,
        type: RequestType,
        details: Mapping[str, Any] | None = None,
        *,
        note: str | None = None,
        idempotency_key: str | None = None,
    ) -> NoReturn:
        self.keys.append(idempotency_key)
        raise ConnectionFailed("The shop cannot be reached.")


def test_without_an_outbox_a_dropped_line_is_reported_and_nothing_queued() -> None:
    filer = RequestFiler(_DeadApi(), shop_id="s", account="a")
    assert not filer.can_queue
    with pytest.raises(ConnectionFailed):
        filer.file(Filing.new("complaint", {"text": "x"}))


def test_a_dropped_line_queues_under_the_key_of_the_press(tmp_path: Path) -> None:
    api = _DeadApi()
    outbox = Outbox(tmp_path / "outbox.sqlite")
    filer = RequestFiler(api, shop_id="s", account="a", outbox=lambda: outbox)
    filing = Filing.new("complaint", {"text": "x"}, note="n")
    queued = filer.file(filing)
    assert isinstance(queued, Queued)
    assert api.keys == [filing.idempotency_key]
    assert queued.item.idempotency_key == filing.idempotency_key
    assert queued.item.payload == {"type": "complaint", "details": {"text": "x"}, "note": "n"}
    assert queued.pending == 1


def test_an_outbox_that_cannot_store_is_reported(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox.sqlite")
    outbox.add("s", "a", {"type": "access", "details": {}}, idempotency_key="taken")
    filer = RequestFiler(_DeadApi(), shop_id="s", account="a", outbox=outbox)
    with pytest.raises(QueueFailed):
        filer.file(Filing.new("complaint", {"text": "x"}, idempotency_key="taken"))


def test_keys_are_made_per_press_and_kept_until_answered() -> None:
    keys = FilingKeys()
    first = keys.filing("complaint", {"text": "a"})
    assert keys.filing("complaint", {"text": "a"}).idempotency_key == first.idempotency_key
    keys.settle(first, ConnectionFailed("down"))  # no answer: the shop may have it
    assert keys.filing("complaint", {"text": "a"}).idempotency_key == first.idempotency_key
    keys.settle(first, ServerError("500"))
    assert keys.filing("complaint", {"text": "a"}).idempotency_key == first.idempotency_key
    changed = keys.filing("complaint", {"text": "b"})
    assert changed.idempotency_key != first.idempotency_key
    keys.settle(first, ValidationFailed("no"))  # the shop answered: the key is spent
    assert keys.filing("complaint", {"text": "a"}).idempotency_key != first.idempotency_key


def test_outbox_add_keeps_the_given_key(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "o.sqlite")
    body = {"type": "complaint", "details": {}}
    item = outbox.add("s", "a", body, idempotency_key="k-1")
    assert item.idempotency_key == "k-1"
    # The same filing added twice stays one item; another request under that key is refused.
    assert outbox.add("s", "a", body, idempotency_key="k-1") == item
    with pytest.raises(ValueError, match="different request"):
        outbox.add("s", "a", {"type": "access", "details": {}}, idempotency_key="k-1")
    with pytest.raises(ValueError, match="1 to 255"):
        outbox.add("s", "a", body, idempotency_key="")
    assert len(outbox.pending()) == 1
    sent: list[str] = []
    outbox.flush(lambda _body, key: sent.append(key))
    assert sent == ["k-1"]


def test_a_filing_re_sent_with_its_key_is_one_request(shop: RunningShop) -> None:
    """The real shop: the payload the outbox keeps is byte-for-byte what the first try sent."""
    api = api_for(shop, *SHOPPER)
    filing = Filing.new("complaint", {"text": "once"})
    first = RequestFiler(api).file(filing)
    assert not isinstance(first, Queued)
    again = api.transport.send_json(
        "POST", "requests", filing.payload(), idempotency_key=filing.idempotency_key
    )
    assert again["id"] == first.request.id
    assert (
        sum(
            1
            for r in api.list_requests(type="complaint").auto_paging_iter()
            if r.details.get("text") == "once"
        )
        == 1
    )
