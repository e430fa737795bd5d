"""`serve --workers N` believes X-Forwarded-For only from the configured trusted proxies.

uvicorn's own defaults believe the header from 127.0.0.1; the multi-process server must not, or
anyone on the shop's machine could give every failed sign-in a fresh made-up address and never
be throttled. Real worker processes on SQLite, real sign-in forms over loopback.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests

from server.auth import oauth
from server.db import sqlite_url
from tests.conftest import SHOPPER
from tests.support.oauth_login import CLIENT_ID, REDIRECT_URI, hidden_fields, pkce_pair
from tests.support.sources import session_from
from tests.support.workers import ServedShop, serve_workers

PROXY = "127.0.0.5"


@pytest.fixture(scope="module")
def workers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedShop]:
    database = tmp_path_factory.mktemp("workers-proxy") / "shop.db"
    shop = serve_workers(sqlite_url(str(database)), 2, "--demo", "--trusted-proxy", PROXY)
    try:
        yield shop
    finally:
        shop.stop()


def login(base_url: str, http: requests.Session, username: str, password: str) -> requests.Response:
    """The sign-in form, opened and submitted from `http`'s source address."""
    _verifier, challenge = pkce_pair()
    params = {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "redirect_uri": REDIRECT_URI,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "state": "s",
    }
    page = http.get(f"{base_url}/oauth/authorize?{urlencode(params)}", timeout=10)
    assert page.status_code == 200, page.text
    form = {**hidden_fields(page.text), "username": username, "password": password}
    return http.post(
        f"{base_url}/oauth/authorize",
        data=form,
        allow_redirects=False,
        timeout=30,
        headers={"Connection": "close"},  # new connections: the attempts reach both workers
    )


def spray(base_url: str, http: requests.Session, forwarded: list[str]) -> list[int]:
    """One wrong sign-in per made-up account (no per-account back-off applies), each with
    the next X-Forwarded-For; the statuses."""
    answers = []
    for i, address in enumerate(forwarded):
        http.headers["X-Forwarded-For"] = address
        answers.append(login(base_url, http, f"nobody{i}", "password1").status_code)
    return answers


def test_a_forged_forwarded_for_does_not_dodge_throttling(workers: ServedShop) -> None:
    forger = requests.Session()  # from 127.0.0.1, which uvicorn would trust by default
    forged = [f"198.51.100.{i}" for i in range(oauth.SOURCE_FAILURES)]
    assert spray(workers.url, forger, forged) == [401] * oauth.SOURCE_FAILURES
    # the forger's own address is spent, whatever address the header names next
    assert spray(workers.url, forger, ["203.0.113.77"]) == [429]


def test_the_trusted_proxys_forwarded_client_counts(workers: ServedShop) -> None:
    proxy = session_from(PROXY)
    stranger = ["198.51.100.200"] * oauth.SOURCE_FAILURES
    assert spray(workers.url, proxy, stranger) == [401] * oauth.SOURCE_FAILURES
    assert spray(workers.url, proxy, stranger[:1]) == [429]
    # the shopper, through the same proxy from another address, is not throttled
    proxy.headers["X-Forwarded-For"] = "203.0.113.8"
    answer = login(workers.url, proxy, *SHOPPER)
    assert answer.status_code == 302, answer.text
    assert "code" in parse_qs(urlsplit(answer.headers["location"]).query)
