"""A consent change is made once, however often it is sent, over real HTTP.

* `PUT /v1/consents/{purpose}` takes an Idempotency-Key (the machinery of
  `server.idempotency`, as privacy requests use it): a retry with the same key and body answers
  exactly the first answer, even when the consent was changed in between, and mints no second
  receipt; the same key with another body is 422 `idempotency_conflict`.
* Setting the state already held changes nothing: `changed: false`, the receipt that recorded
  the state, no new receipt (with or without a key).
* Racing: two sends of one change with the same key (a retry overtaking the lost first try)
  give one receipt and two identical answers; two identical changes without a key mint one
  receipt between them. Both on SQLite and PostgreSQL (`race_shop`).
"""

from __future__ import annotations

import functools
import uuid
from typing import Any

import requests
from sqlalchemy import update

from server.embedded import RunningShop
from server.models import ConsentState
from tests.server.test_write_races import (
    PURPOSE,
    receipts,
    subject,
    together,
    warm_apis,
)
from tests.support.oauth_login import Api

ROUNDS = 4


def put(api: Api, granted: bool, key: str | None = None, **headers: str) -> requests.Response:
    if key is not None:
        headers["Idempotency-Key"] = key
    return api.put(f"/consents/{PURPOSE}", json={"granted": granted}, headers=headers)


def held(api: Api) -> bool:
    items = api.get("/consents").json()["items"]
    return bool(next(i for i in items if i["purpose"] == PURPOSE)["granted"])


def test_a_retry_with_the_same_key_answers_the_first_answer(
    shop: RunningShop, api: Api, other_api: Api
) -> None:
    me = subject(shop)
    start = held(api)
    key = str(uuid.uuid4())
    first = put(api, not start, key)
    assert first.status_code == 200, first.text
    assert first.json()["changed"] is True
    # the shopper changes their mind on another device before the lost answer is retried
    back = put(api, start)
    assert back.status_code == 200
    assert back.json()["changed"] is True
    count = receipts(shop, me)
    retry = put(api, not start, key)
    assert retry.status_code == 200, retry.text
    assert retry.headers.get("Idempotent-Replayed") == "true"
    assert retry.json() == first.json()
    # nothing was done again: no receipt, and the later change stands
    assert receipts(shop, me) == count
    assert held(api) is start
    # the key is the account's: another shopper's same key is their own, fresh change
    theirs = put(other_api, True, key)
    assert theirs.status_code == 200, theirs.text
    assert theirs.json()["receipt"]["id"] != first.json()["receipt"]["id"]


def test_the_same_key_with_another_body_is_refused_in_the_callers_language(api: Api) -> None:
    key = str(uuid.uuid4())
    start = held(api)
    assert put(api, not start, key).status_code == 200
    other = put(api, start, key, **{"Accept-Language": "zh-CN"})
    assert other.status_code == 422, other.text
    assert other.json()["code"] == "idempotency_conflict"
    assert other.headers["Content-Language"] == "zh-CN"
    assert "Idempotency-Key" in other.json()["detail"]
    assert "请求" in other.json()["detail"]
    assert held(api) is (not start)
    bad = put(api, start, "x" * 200)
    assert bad.status_code == 400
    assert bad.json()["code"] == "invalid_idempotency_key"


def test_setting_the_state_already_held_mints_no_receipt(shop: RunningShop, api: Api) -> None:
    me = subject(shop)
    start = held(api)
    made = put(api, not start)
    assert made.json()["changed"] is True
    count = receipts(shop, me)
    for key in (None, str(uuid.uuid4())):
        same = put(api, not start, key)
        assert same.status_code == 200, same.text
        body = same.json()
        assert body["changed"] is False
        assert body["receipt"] == made.json()["receipt"]
        assert body["consent"]["granted"] is (not start)
    assert receipts(shop, me) == count
    # the receipt the unchanged answers name is the newest of the history
    history = api.get("/consents/history", params={"limit": 1}).json()["items"]
    assert history[0]["id"] == made.json()["receipt"]["id"]


def test_a_state_without_its_receipt_gets_one(shop: RunningShop, api: Api) -> None:
    """A state row with no matching receipt (seeded, or set before receipts existed) is not
    "unchanged": the answer must carry a receipt of the state it shows."""
    me = subject(shop)
    start = held(api)
    assert put(api, start).status_code == 200  # the newest receipt now says `start`
    with shop.ctx.sessions() as db:
        db.execute(
            update(ConsentState)
            .where(ConsentState.user_id == me, ConsentState.purpose == PURPOSE)
            .values(granted=not start)
        )
        db.commit()
    count = receipts(shop, me)
    answer = put(api, not start)
    assert answer.json()["changed"] is True
    assert answer.json()["receipt"]["granted"] is (not start)
    assert receipts(shop, me) == count + 1


def test_two_sends_with_one_key_at_once_make_one_change(race_shop: RunningShop) -> None:
    shop = race_shop
    me = subject(shop)
    apis = warm_apis(shop, 2)
    for round_ in range(ROUNDS):
        key = str(uuid.uuid4())
        granted = round_ % 2 == 0
        if held(apis[0]) is granted:
            assert put(apis[0], not granted).status_code == 200
        before = receipts(shop, me)
        answers: list[Any] = together([functools.partial(put, a, granted, key) for a in apis])
        assert all(isinstance(a, requests.Response) for a in answers), answers
        assert [a.status_code for a in answers] == [200, 200], [a.text for a in answers]
        # the same answer, byte for byte: the second is the first one replayed
        assert answers[0].json() == answers[1].json()
        assert answers[0].json()["changed"] is True
        assert [a.headers.get("Idempotent-Replayed") for a in answers].count("true") == 1
        assert receipts(shop, me) == before + 1
        assert held(apis[0]) is granted


def test_two_identical_changes_without_a_key_mint_one_receipt(race_shop: RunningShop) -> None:
    shop = race_shop
    me = subject(shop)
    apis = warm_apis(shop, 3)
    for round_ in range(ROUNDS):
        granted = round_ % 2 == 0
        if held(apis[0]) is granted:
            assert put(apis[0], not granted).status_code == 200
        before = receipts(shop, me)
        answers: list[Any] = together([functools.partial(put, a, granted) for a in apis])
        assert all(isinstance(a, requests.Response) for a in answers), answers
        assert [a.status_code for a in answers] == [200] * 3, [a.text for a in answers]
        assert sorted(a.json()["changed"] for a in answers) == [False, False, True]
        assert len({a.json()["receipt"]["id"] for a in answers}) == 1
        assert receipts(shop, me) == before + 1
