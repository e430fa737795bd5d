"""One account cannot file requests or upload documents without bound.

Over real HTTP: past the day's number of privacy requests (or identity-document uploads) an
account gets a 429 with Retry-After, in its language; a replay of an earlier filing still
answers, other accounts are unaffected, and the next day it may file again. The five documents
one request may carry stay five when uploads race (SQLite and PostgreSQL).
"""

from __future__ import annotations

import functools
import threading
import uuid
from datetime import timedelta
from typing import Any

import pytest
import requests

from server import identity_documents
from server.context import ServerConfig
from server.embedded import RunningShop
from server.routes import privacy_requests
from server.shops import shop_profile
from tests.conftest import SECOND_SHOPPER, SHOPPER
from tests.server.test_identity_documents import PDF, upload
from tests.server.test_write_races import together
from tests.support.oauth_login import Api, sign_in

ZH = {"Accept-Language": "zh-CN"}


def fresh(shop: RunningShop, who: tuple[str, str] = SHOPPER) -> Api:
    return Api(shop.url + "/v1", str(sign_in(shop.url, *who)["access_token"]))


def file(api: Api, key: str | None = None, **headers: str) -> requests.Response:
    return api.post(
        "/requests",
        json={"type": "access", "details": {}},
        headers={"Idempotency-Key": key or str(uuid.uuid4()), **headers},
    )


def assert_limited(answer: requests.Response, window: float) -> None:
    assert answer.status_code == 429, answer.text
    assert answer.json()["code"] == "rate_limited"
    assert 1 <= int(answer.headers["Retry-After"]) <= window
    assert answer.headers["Content-Language"] == "zh-CN"
    assert "该账户" in answer.json()["detail"]


def test_filing_past_the_days_limit_is_a_429(make_shop: Any) -> None:
    assert ServerConfig("sqlite://", shop_profile("silumart")).requests_per_day == 20
    shop = make_shop("silumart", requests_per_day=3)
    api = fresh(shop)
    first_key = str(uuid.uuid4())
    first = file(api, first_key)
    assert first.status_code == 201, first.text
    assert [file(api).status_code for _ in range(2)] == [201, 201]
    assert_limited(file(api, **ZH), privacy_requests.REQUEST_WINDOW)
    # a retry of a filing that went through is a replay, not a new filing
    again = file(api, first_key)
    assert again.status_code == 201
    assert again.json()["id"] == first.json()["id"]
    # the limit is the account's: another shopper files as usual
    assert file(fresh(shop, SECOND_SHOPPER)).status_code == 201
    # and the next day the account may file again
    shop.ctx.clock.offset += timedelta(days=1, seconds=1)
    assert file(fresh(shop)).status_code == 201


def test_uploading_past_the_days_limit_is_a_429(make_shop: Any) -> None:
    assert ServerConfig("sqlite://", shop_profile("silumart")).uploads_per_day == 10
    shop = make_shop("silumart", uploads_per_day=2)
    api = fresh(shop)
    rids = [file(api).json()["id"] for _ in range(2)]
    assert upload(api, rids[0], PDF).status_code == 201
    assert upload(api, rids[1], PDF).status_code == 201
    refused = api.post(
        f"/requests/{rids[1]}/identity-documents",
        params={"kind": "written_request"},
        data=PDF,
        headers={"Content-Type": "application/pdf", "Idempotency-Key": str(uuid.uuid4()), **ZH},
    )
    assert_limited(refused, identity_documents.UPLOAD_WINDOW)


def test_racing_uploads_never_pass_five_documents(
    race_shop: RunningShop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Six uploads to a request holding one document: four fit. Each upload, where the
    database lets it, is held after counting the request's documents until the others have
    counted too (at most 0.3 s each), so an upload that counted without holding the request
    (before the count came after a write to it) let all six in on PostgreSQL.

    The account's daily upload limit is off here: its counter is one row per account, updated
    in the upload's transaction, which holds that row and so serialised these uploads by
    itself (it hid the missing hold). On SQLite this race cannot happen and the test guards
    the outcome only: each upload carries an Idempotency-Key, whose claim is the first write of
    the upload's transaction and takes SQLite's single write lock before the documents are
    counted, so the uploads count one after another."""
    monkeypatch.setattr(race_shop.ctx.config, "uploads_per_day", 0)
    counted = threading.Condition()
    arrivals = [0]
    clean_filename = identity_documents.clean_filename

    def counted_then_wait(raw: str | None) -> str:
        with counted:
            arrivals[0] += 1
            counted.notify_all()
            counted.wait_for(lambda: arrivals[0] >= 6, timeout=0.3)
        return clean_filename(raw)

    api = fresh(race_shop)
    rid = file(api).json()["id"]
    assert upload(api, rid, PDF).status_code == 201
    apis = [fresh(race_shop) for _ in range(6)]
    # named after the count, before the insert: the point where a racing upload must wait
    monkeypatch.setattr(identity_documents, "clean_filename", counted_then_wait)
    answers: list[Any] = together([functools.partial(upload, a, rid, PDF) for a in apis])
    assert all(isinstance(a, requests.Response) for a in answers), answers
    codes = sorted(a.status_code for a in answers)
    assert codes == [201] * 4 + [409] * 2, [a.text for a in answers]
    assert {a.json()["code"] for a in answers if a.status_code == 409} == {"too_many_documents"}
    documents = api.get(f"/requests/{rid}").json()["identity_documents"]
    assert len(documents) == identity_documents.MAX_DOCUMENTS_PER_REQUEST
