"""The outbox: requests filed offline are kept (without secrets) and sent exactly once."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from client.connection import StaticToken
from client.errors import AuthenticationRequired, Conflict, ConnectionFailed, ValidationFailed
from client.outbox import FAILED, PENDING, Outbox
from client.transport import Transport
from server.embedded import RunningShop
from tests.conftest import SHOPPER
from tests.support.oauth_login import sign_in

COMPLAINT = {"type": "complaint", "details": {"text": "My data was shared without asking."}}


def shop_sender(shop: RunningShop, token: str) -> Any:
    transport = Transport(shop.url + "/v1", tokens=StaticToken(token))

    def send(payload: dict[str, Any], key: str) -> Any:
        return transport.send_json("POST", "requests", payload, idempotency_key=key)

    return send


def offline_sender(payload: dict[str, Any], key: str) -> Any:
    transport = Transport("http://127.0.0.1:9/v1", max_retries=0)
    return transport.send_json("POST", "requests", payload, idempotency_key=key)


def complaints(shop: RunningShop, token: str) -> list[dict[str, Any]]:
    transport = Transport(shop.url + "/v1", tokens=StaticToken(token))
    items = transport.get_json("requests", params={"limit": 500})["items"]
    return [item for item in items if item["type"] == "complaint"]


@pytest.fixture
def token(shop: RunningShop) -> str:
    return str(sign_in(shop.url, *SHOPPER)["access_token"])


def test_filed_offline_then_sent_once_when_back(
    shop: RunningShop, token: str, tmp_path: Path
) -> None:
    outbox = Outbox(tmp_path / "outbox.sqlite")
    item = outbox.add("silumart", "lin.mei", COMPLAINT)
    assert item.status == PENDING
    assert item.idempotency_key

    report = outbox.flush(offline_sender)
    assert report.sent == []
    assert [d.id for d in report.deferred] == [item.id]
    [still] = outbox.pending()
    assert still.idempotency_key == item.idempotency_key
    assert still.attempts == 1

    report = outbox.flush(shop_sender(shop, token))
    [(sent, created)] = report.sent
    assert sent.id == item.id
    assert created["type"] == "complaint"
    assert outbox.pending() == []
    assert outbox.failed() == []
    assert len(complaints(shop, token)) == 1
    # Nothing is left to send: another flush sends nothing.
    assert outbox.flush(shop_sender(shop, token)).sent == []
    assert len(complaints(shop, token)) == 1


def test_a_lost_answer_is_resent_with_the_same_key(
    shop: RunningShop, token: str, tmp_path: Path
) -> None:
    outbox = Outbox(tmp_path / "outbox.sqlite")
    outbox.add("silumart", "lin.mei", COMPLAINT)
    real = shop_sender(shop, token)
    keys: list[str] = []

    def answer_lost(payload: dict[str, Any], key: str) -> Any:
        keys.append(key)
        real(payload, key)  # the shop creates it...
        raise ConnectionFailed()  # ...but the connection drops before the answer arrives

    outbox.flush(answer_lost)
    assert len(outbox.pending()) == 1

    def recording(payload: dict[str, Any], key: str) -> Any:
        keys.append(key)
        return real(payload, key)

    report = outbox.flush(recording)
    assert len(report.sent) == 1
    assert len(set(keys)) == 1
    assert len(complaints(shop, token)) == 1  # created exactly once


def test_survives_a_restart(shop: RunningShop, token: str, tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite"
    first = Outbox(path)
    filed = first.add("silumart", "lin.mei", COMPLAINT)
    del first
    again = Outbox(path)
    [item] = again.pending()
    assert item.id == filed.id
    assert item.payload == COMPLAINT
    assert item.idempotency_key == filed.idempotency_key
    assert len(again.flush(shop_sender(shop, token)).sent) == 1


def test_a_final_refusal_marks_the_item_failed(
    shop: RunningShop, token: str, tmp_path: Path
) -> None:
    outbox = Outbox(tmp_path / "outbox.sqlite")
    bad = outbox.add("silumart", "lin.mei", {"type": "complaint", "details": {"text": ""}})
    good = outbox.add("silumart", "lin.mei", COMPLAINT)
    report = outbox.flush(shop_sender(shop, token))
    assert [f.id for f in report.failed] == [bad.id]
    assert report.failed[0].status == FAILED
    assert report.failed[0].error
    assert [s.id for s, _ in report.sent] == [good.id]
    assert [f.id for f in outbox.failed()] == [bad.id]
    assert outbox.pending() == []
    outbox.dismiss(bad.id)
    assert outbox.failed() == []


def test_sign_in_needed_keeps_the_item(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox.sqlite")
    outbox.add("silumart", "lin.mei", COMPLAINT)

    def expired(payload: dict[str, Any], key: str) -> Any:
        raise AuthenticationRequired(status=401)

    report = outbox.flush(expired)
    assert len(report.deferred) == 1
    assert len(outbox.pending()) == 1


def test_only_the_named_shop_is_flushed(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox.sqlite")
    outbox.add("silumart", "lin.mei", COMPLAINT)
    other = outbox.add("sinomai", "wang.fang", COMPLAINT)
    report = outbox.flush(lambda payload, key: {"id": key}, shop_id="silumart")
    assert len(report.sent) == 1
    assert [p.id for p in outbox.pending()] == [other.id]


def test_two_flushes_at_once_send_each_item_once(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite"
    filed = [Outbox(path).add("silumart", "lin.mei", COMPLAINT) for _ in range(5)]
    sent: list[str] = []
    lock = threading.Lock()

    def slow(payload: dict[str, Any], key: str) -> Any:
        time.sleep(0.05)
        with lock:
            sent.append(key)
        return {"id": key}

    # Two independent Outbox objects on one file: as two processes would be.
    outboxes = [Outbox(path), Outbox(path)]
    barrier = threading.Barrier(2)

    def run(box: Outbox) -> None:
        barrier.wait()
        box.flush(slow)

    threads = [threading.Thread(target=run, args=(box,)) for box in outboxes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(sent) == sorted(item.idempotency_key for item in filed)
    assert Outbox(path).pending() == []


def test_a_flush_that_died_is_picked_up_later(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite"
    item = Outbox(path).add("silumart", "lin.mei", COMPLAINT)
    with sqlite3.connect(path) as db:  # a flush claimed it, then the process was killed
        db.execute("UPDATE outbox SET status = 'sending', claimed_at = ?", (time.time() - 10,))
    db.close()
    assert Outbox(path, stale_after=60).flush(lambda p, k: {}).sent == []
    report = Outbox(path, stale_after=5).flush(lambda p, k: {"key": k})
    assert report.created == [{"key": item.idempotency_key}]


def test_nothing_secret_is_stored(shop: RunningShop, token: str, tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite"
    outbox = Outbox(path)
    with pytest.raises(ValueError, match="access_token"):
        outbox.add("silumart", "lin.mei", {"type": "complaint", "access_token": token})
    with pytest.raises(ValueError, match="password"):
        outbox.add("silumart", "lin.mei", {"type": "x", "details": {"password": "demo1234"}})
    outbox.add("silumart", "lin.mei", COMPLAINT)
    outbox.flush(offline_sender)
    raw = path.read_bytes()
    assert token.encode() not in raw
    assert b"demo1234" not in raw
    db = sqlite3.connect(path)
    columns = {row[1] for row in db.execute("PRAGMA table_info(outbox)")}
    db.close()
    assert not any("token" in c and c != "idempotency_key" for c in columns)


def test_validation_failed_is_final_not_deferred(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox.sqlite")
    outbox.add("silumart", "lin.mei", COMPLAINT)

    def refuse(payload: dict[str, Any], key: str) -> Any:
        raise ValidationFailed("The text is empty.", status=422, code="validation_failed")

    report = outbox.flush(refuse)
    assert report.failed[0].error == "The text is empty."


def test_flush_through_a_shop_connection(shop: RunningShop, tmp_path: Path) -> None:
    from client.connection import ShopConnection
    from tests.client.browser import MemoryKeyring, ScriptedBrowser

    conn = ShopConnection(
        shop.url, keyring_backend=MemoryKeyring(), open_browser=ScriptedBrowser(*SHOPPER)
    )
    conn.sign_in("lin.mei")
    outbox = Outbox(tmp_path / "outbox.sqlite")
    outbox.add(conn.shop_id, "lin.mei", COMPLAINT)
    report = outbox.flush(conn.send_filed_request, shop_id=conn.shop_id, account="lin.mei")
    assert report.created[0]["status"] in ("pending", "identity_unverified", "in_progress")
    assert outbox.pending() == []


def test_request_in_progress_is_retried_with_backoff_never_failed(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox.sqlite")
    item = outbox.add("silumart", "lin.mei", COMPLAINT)
    answers: list[Exception | None] = [
        Conflict(status=409, code="request_in_progress", retry_after=1.0),
        ConnectionFailed(),
        Conflict(status=409, code="request_in_progress", retry_after=120.0),
        None,
    ]
    slept: list[float] = []

    def flaky(payload: dict[str, Any], key: str) -> Any:
        assert key == item.idempotency_key  # one key for every try
        answer = answers.pop(0)
        if answer is not None:
            raise answer
        return {"id": "1"}

    report = outbox.flush(flaky, retries=5, backoff=0.5, max_backoff=4.0, sleep=slept.append)
    assert [s.id for s, _ in report.sent] == [item.id]
    assert report.failed == []
    assert outbox.failed() == []
    assert len(slept) == 3
    assert slept[0] >= 1.0  # Retry-After honoured ...
    assert 0.5 <= slept[1] <= 1.0  # ... exponential back-off with jitter ...
    assert slept[2] == 4.0  # ... and capped, even when the shop asks for longer


def test_persistent_request_in_progress_leaves_the_item_queued(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox.sqlite")
    item = outbox.add("silumart", "lin.mei", COMPLAINT)
    calls = 0

    def busy(payload: dict[str, Any], key: str) -> Any:
        nonlocal calls
        calls += 1
        raise Conflict(status=409, code="request_in_progress")

    report = outbox.flush(busy, retries=2, sleep=lambda _s: None)
    assert calls == 3
    assert [d.id for d in report.deferred] == [item.id]
    assert report.failed == []
    assert outbox.failed() == []
    [still] = outbox.pending()
    assert still.status == PENDING
    assert still.idempotency_key == item.idempotency_key


def test_other_conflicts_are_final(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox.sqlite")
    item = outbox.add("silumart", "lin.mei", COMPLAINT)

    def stale(payload: dict[str, Any], key: str) -> Any:
        raise Conflict("The value changed.", status=409, code="stale_value")

    report = outbox.flush(stale, sleep=lambda _s: None)
    assert [f.id for f in report.failed] == [item.id]
