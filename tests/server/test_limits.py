"""Limits that protect without locking anyone out, over real HTTP from distinct sources.

Throttling backs off whoever makes the attempts (the client address for sign-in, the agent for
assist codes), never the account or customer attacked: a stranger's failed logins from one
address do not stop the shopper signing in from another, and one agent's wrong assist codes
do not stop another agent using a fresh code. One agent's guesses are limited across all
customers. The limiter's state lives in the database and expires, so 100,000 distinct keys
leave a bounded table.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests

from server.auth import oauth
from server.db import make_engine
from server.demo.accounts import demo_accounts
from server.embedded import RunningShop
from server.ratelimit import RateLimits
from server.routes import assist
from server.schema import create_schema
from tests.conftest import AGENT, SECOND_SHOPPER, SHOPPER
from tests.support.accounts import add_agent, agent_api
from tests.support.oauth_login import CLIENT_ID, Api, hidden_fields, pkce_pair, sign_in
from tests.support.sources import session_from

STRANGER = "127.0.0.2"


def login(
    shop: RunningShop, http: requests.Session, username: str, password: str
) -> requests.Response:
    """Open the sign-in page and submit it from `http`'s source address."""
    _verifier, challenge = pkce_pair()
    params = {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "state": "s",
        "redirect_uri": "http://127.0.0.1:40000/callback",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    page = http.get(f"{shop.url}/oauth/authorize?{urlencode(params)}", timeout=10)
    assert page.status_code == 200, page.text
    form = {**hidden_fields(page.text), "username": username, "password": password}
    return http.post(f"{shop.url}/oauth/authorize", data=form, allow_redirects=False, timeout=10)


def signed_in(answer: requests.Response) -> bool:
    return answer.status_code == 302 and "code" in parse_qs(
        urlsplit(answer.headers["location"]).query
    )


def test_a_strangers_failed_logins_do_not_lock_the_shopper_out(
    shop: RunningShop, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a longer first wait than the real 1 s, so a slow machine cannot outwait it by accident
    monkeypatch.setattr(oauth, "LOGIN_BACKOFF_BASE", 60.0)
    stranger = session_from(STRANGER)
    wrong = [login(shop, stranger, SHOPPER[0], f"guess-{i}").status_code for i in range(6)]
    assert wrong == [401] * 6  # five are free, the sixth starts the back-off
    # the stranger now waits, even with the right password ...
    refused = login(shop, stranger, *SHOPPER)
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    # ... but the shopper, from their own address, signs in as usual
    assert signed_in(login(shop, requests.Session(), *SHOPPER))
    assert sign_in(shop.url, *SHOPPER)["access_token"]
    # and the stranger's address is not barred from other accounts
    assert signed_in(login(shop, stranger, *SECOND_SHOPPER))
    # the back-off ends; a success from that address clears it
    shop.ctx.clock.offset += timedelta(seconds=61)
    assert signed_in(login(shop, stranger, *SHOPPER))
    assert login(shop, stranger, SHOPPER[0], "wrong").status_code == 401


def test_a_forged_forwarded_for_does_not_dodge_the_back_off(
    shop: RunningShop, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(oauth, "LOGIN_BACKOFF_BASE", 60.0)
    forger = session_from("127.0.0.4")
    for i in range(6):
        forger.headers["X-Forwarded-For"] = f"198.51.100.{i}"
        assert login(shop, forger, SHOPPER[0], "wrong").status_code == 401
    forger.headers["X-Forwarded-For"] = "198.51.100.99"
    assert login(shop, forger, *SHOPPER).status_code == 429


def test_behind_a_trusted_proxy_the_forwarded_client_counts(
    make_shop: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(oauth, "LOGIN_BACKOFF_BASE", 60.0)
    shop = make_shop("silumart", trusted_proxies=("127.0.0.5",))
    proxy = session_from("127.0.0.5")
    proxy.headers["X-Forwarded-For"] = "198.51.100.7"  # the stranger, as the proxy reports
    for _ in range(6):
        assert login(shop, proxy, SHOPPER[0], "wrong").status_code == 401
    assert login(shop, proxy, *SHOPPER).status_code == 429
    proxy.headers["X-Forwarded-For"] = "203.0.113.8"  # the shopper, through the same proxy
    assert signed_in(login(shop, proxy, *SHOPPER))


def test_one_address_is_limited_across_accounts(shop: RunningShop) -> None:
    sprayer = session_from("127.0.0.3")
    answers = [
        login(shop, sprayer, f"nobody{i}", "password1").status_code
        for i in range(oauth.SOURCE_FAILURES)
    ]
    assert answers == [401] * oauth.SOURCE_FAILURES
    blocked = login(shop, sprayer, *SECOND_SHOPPER)
    assert blocked.status_code == 429
    assert 1 <= int(blocked.headers["Retry-After"]) <= oauth.SOURCE_WINDOW
    # everyone else is unaffected
    assert signed_in(login(shop, requests.Session(), *SECOND_SHOPPER))
    shop.ctx.clock.offset += timedelta(seconds=oauth.SOURCE_WINDOW + 1)
    assert signed_in(login(shop, sprayer, *SECOND_SHOPPER))


def _customer_no(shop: RunningShop, username: str) -> str:
    return next(a.customer_no for a in demo_accounts(shop.ctx.shop) if a.username == username)


def _open(agent: Api, customer: str, code: str) -> requests.Response:
    return agent.post(
        "/assist/sessions", json={"customer_no": customer, "code": code, "reason": "Case 77"}
    )


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_one_agents_wrong_codes_do_not_stop_another_agent(shop: RunningShop, api: Api) -> None:
    code = api.post("/assist/codes").json()
    guesser = Api(
        shop.url + "/v1",
        str(sign_in(shop.url, *AGENT, scope="privacy.read assist")["access_token"]),
    )
    for _ in range(assist.MAX_FAILURES):
        assert _open(guesser, code["customer_no"], _wrong(code["code"])).status_code == 403
    # that code is burned, and the guesser waits for this customer
    assert _open(guesser, code["customer_no"], code["code"]).status_code == 429
    fresh = api.post("/assist/codes").json()
    assert _open(guesser, fresh["customer_no"], fresh["code"]).status_code == 429
    # another agent helps the customer with the fresh code at once
    helper = agent_api(shop, add_agent(shop))
    opened = _open(helper, fresh["customer_no"], fresh["code"])
    assert opened.status_code == 201, opened.text


def test_one_agent_cannot_guess_across_many_customers(
    shop: RunningShop, api: Api, other_api: Api
) -> None:
    live = {
        _customer_no(shop, SHOPPER[0]): api.post("/assist/codes").json()["code"],
        _customer_no(shop, SECOND_SHOPPER[0]): other_api.post("/assist/codes").json()["code"],
    }
    customers = [*live, *(f"SM7{n:05d}" for n in range(18))]  # 20 customers, 18 unknown
    agent = agent_api(shop, add_agent(shop))
    answers = [
        _open(agent, customers[i % len(customers)], f"{(i * 7919) % 1_000_000:06d}")
        for i in range(100)
    ]
    tried = [a for a in answers if a.status_code != 429]
    assert len(tried) == assist.AGENT_FAILURES  # 10 of the 100 guesses were even looked at
    assert {a.status_code for a in tried} == {403}
    assert all(
        1 <= int(a.headers["Retry-After"]) <= assist.AGENT_WINDOW
        for a in answers
        if a.status_code == 429
    )
    # the guesser is held back even with a right code; the codes still work for others
    customer, code = next(iter(live.items()))
    assert _open(agent, customer, code).status_code == 429
    other_agent = agent_api(shop, add_agent(shop))
    assert _open(other_agent, customer, code).status_code == 201


@pytest.fixture
def limits() -> Iterator[tuple[RateLimits, list[float]]]:
    """A limiter over its own SQLite database, on a clock the test moves by hand."""
    directory = Path(tempfile.mkdtemp(prefix="limits-"))
    engine = make_engine(f"sqlite:///{directory / 'limits.db'}")
    create_schema(engine)
    clock = [1_000_000.0]
    try:
        yield RateLimits(engine, now=lambda: clock[0], purge_every=1000), clock
    finally:
        engine.dispose()


def test_login_back_off_doubles_and_is_forgotten(
    limits: tuple[RateLimits, list[float]],
) -> None:
    limiter, clock = limits

    def fail() -> int:
        return limiter.fail(
            "pair",
            free=oauth.LOGIN_FREE_FAILURES,
            base=oauth.LOGIN_BACKOFF_BASE,
            cap=oauth.LOGIN_BACKOFF_CAP,
            forget_after=oauth.LOGIN_FORGET_AFTER,
        )[1]

    waits = [fail() for _ in range(17)]
    assert waits == [0] * 5 + [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]
    assert limiter.blocked_for("pair") == 900
    clock[0] += oauth.LOGIN_FORGET_AFTER + 901  # an hour without failures (after the wait)
    assert limiter.blocked_for("pair") == 0
    assert [fail() for _ in range(6)] == [0] * 5 + [1]  # forgotten: starts over
    limiter.clear("pair")
    assert limiter.blocked_for("pair") == 0
    assert limiter.count("pair") == 0


def test_a_window_blocks_until_it_ends(limits: tuple[RateLimits, list[float]]) -> None:
    limiter, clock = limits
    answers = [limiter.record("k", limit=3, window=60) for _ in range(4)]
    assert [count for count, _ in answers] == [1, 2, 3, 4]
    assert [wait for _, wait in answers] == [0, 0, 60, 60]
    clock[0] += 30
    assert limiter.blocked_for("k") == 30
    clock[0] += 31
    assert limiter.blocked_for("k") == 0
    assert limiter.record("k", limit=3, window=60) == (1, 0)  # a new window


@pytest.mark.slow
def test_100_000_distinct_keys_leave_a_bounded_table(
    limits: tuple[RateLimits, list[float]],
) -> None:
    limiter, clock = limits
    window = 60.0
    step = 0.01  # 100 new keys a second, each kept one window: about 6,000 live at a time
    largest = 0
    engine = limiter._engine
    for batch in range(100):
        # 1,000 requests' worth of writes per transaction keeps the test quick; each write is
        # the same upsert a request makes, and purging runs on the same write counter
        with engine.begin() as conn:
            for i in range(1000):
                limiter.record(f"source:{batch}:{i}", limit=5, window=window, db=conn)
                clock[0] += step
        largest = max(largest, limiter.size())
    live = int(window / step)
    assert largest <= live + limiter.purge_every + 1000, largest
    assert limiter.size() <= live + limiter.purge_every + 1000
    clock[0] += window
    purged = [limiter.purge() for _ in range(3)]  # in batches of PURGE_BATCH
    assert purged[-1] == 0
    assert limiter.size() == 0
