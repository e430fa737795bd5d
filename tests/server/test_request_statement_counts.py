"""How many SQL statements filing a privacy request and listing them cost, over real HTTP.

A count, not a timing: it cannot drift with the machine's load, and it catches the shapes that
made these calls dear before (a filing that read its own new request back in three queries,
one query per listed request, a limit's counting that ran while the limit was off).

Every statement the SQLite driver runs is seen, through `sqlite3.Connection.set_trace_callback`
on each pooled connection: those SQLAlchemy runs, the ones `server.db.DriverStatement` sends to
the cursor directly (token lookup, access-log tip and insert), and the driver's own BEGIN and
COMMIT. The request processor is off, so nothing but the call under test runs statements.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests
from sqlalchemy import event

from server.embedded import RunningShop
from tests.conftest import SHOPPER
from tests.support.oauth_login import Api, sign_in

# The statements of one filing with the daily limit off: the guard's token check; the
# principal; the access-log append (BEGIN IMMEDIATE, tip, insert, COMMIT); the transaction of
# the work (BEGIN, purge of expired idempotency keys, the key's claim, the request, its first
# event, the stored response, COMMIT). Main before this test had 16: the new request's
# timeline, fee quote and documents were read back.
FILING_STATEMENTS = 13
# One more with the limit on: the counting upsert, in the filing's transaction.
LIMIT_STATEMENTS = 1
# A page of requests: the principal, the access-log append (4), the page, its timelines with
# their fee quotes, and its identity documents: the same for 1 request as for 20. Main before
# this test had 9 (timelines and fee quotes apart).
LIST_STATEMENTS = 8


class StatementLog:
    """Every SQL statement run on `shop`'s engine while `recording`."""

    def __init__(self, shop: RunningShop) -> None:
        self.statements: list[str] = []
        self.recording = False
        self._lock = threading.Lock()
        engine = shop.ctx.engine
        event.listen(engine, "connect", self._trace)
        engine.pool.dispose()  # connections opened before the listener are replaced

    def _trace(self, dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.set_trace_callback(self._seen)

    def _seen(self, statement: str) -> None:
        if self.recording:
            with self._lock:
                self.statements.append(" ".join(statement.split()))

    def during(self, call: Callable[[], requests.Response]) -> tuple[requests.Response, list[str]]:
        self.statements = []
        self.recording = True
        try:
            answer = call()
        finally:
            self.recording = False
        return answer, list(self.statements)


@pytest.fixture(params=[0, 50], ids=["limit-off", "limit-on"])
def counted(
    request: pytest.FixtureRequest, make_shop: Callable[..., RunningShop]
) -> Iterator[tuple[Api, StatementLog, int]]:
    limit = int(request.param)
    shop = make_shop("silumart", run_processor=False, requests_per_day=limit)
    log = StatementLog(shop)
    api = Api(shop.url + "/v1", str(sign_in(shop.url, *SHOPPER)["access_token"]))
    yield api, log, limit
    api.close()


def file_complaint(api: Api, text: str) -> requests.Response:
    return api.post(
        "/requests",
        json={"type": "complaint", "details": {"text": text}},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )


def touching(statements: list[str], table: str) -> list[str]:
    return [s for s in statements if f" {table} " in f" {s} " or f" {table}(" in s]


def test_filing_costs_a_fixed_number_of_statements(counted: tuple[Api, StatementLog, int]) -> None:
    api, log, limit = counted
    assert file_complaint(api, "warm-up").status_code == 201  # first-use work out of the way
    answer, statements = log.during(lambda: file_complaint(api, "Where is my parcel?"))
    assert answer.status_code == 201, answer.text
    body = answer.json()
    # the answer is the whole new request, as GET shows it, although nothing was read back
    assert body == api.get(f"/requests/{body['id']}").json()
    assert [e["status"] for e in body["timeline"]] == ["pending"]
    assert body["fee"] is None
    assert body["identity_documents"] == []

    expected = FILING_STATEMENTS + (LIMIT_STATEMENTS if limit else 0)
    assert len(statements) == expected, "\n".join(statements)
    # a switched-off limit is not counted at all; a switched-on one once, in the filing
    assert len(touching(statements, "rate_limits")) == (1 if limit else 0), statements
    # no read-back of what the filing itself wrote
    assert not [s for s in statements if s.startswith("SELECT") and "request_events" in s]
    assert not [s for s in statements if s.startswith("SELECT") and "fee_quotes" in s]
    assert not [s for s in statements if s.startswith("SELECT") and "identity_documents" in s]


def test_a_replayed_filing_writes_nothing_new(counted: tuple[Api, StatementLog, int]) -> None:
    api, log, _limit = counted
    key = str(uuid.uuid4())

    def send() -> requests.Response:
        return api.post(
            "/requests",
            json={"type": "complaint", "details": {"text": "once"}},
            headers={"Idempotency-Key": key},
        )

    first = send()
    assert first.status_code == 201, first.text
    again, statements = log.during(send)
    assert again.status_code == 201
    assert again.json() == first.json()
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert not [s for s in statements if s.startswith("INSERT INTO privacy_requests")]
    # a replay is not another filing: the limit is neither read nor counted
    assert touching(statements, "rate_limits") == []


def test_listing_costs_the_same_for_one_request_as_for_twenty(
    counted: tuple[Api, StatementLog, int],
) -> None:
    api, log, _limit = counted
    for n in range(21):
        assert file_complaint(api, f"complaint {n}").status_code == 201
    assert api.get("/requests", params={"limit": 20}).status_code == 200  # warm-up
    one, one_statements = log.during(lambda: api.get("/requests", params={"limit": 1}))
    page, page_statements = log.during(lambda: api.get("/requests", params={"limit": 20}))
    assert one.status_code == 200
    assert page.status_code == 200
    assert len(one.json()["items"]) == 1
    assert len(page.json()["items"]) == 20
    assert all(item["timeline"] for item in page.json()["items"])
    assert len(one_statements) == len(page_statements) == LIST_STATEMENTS, "\n".join(
        page_statements
    )
    # reading is never limited by the filing limit
    assert touching(page_statements, "rate_limits") == []
