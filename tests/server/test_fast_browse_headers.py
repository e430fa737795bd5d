"""A browse answered before FastAPI's layers (`server.fastpath.ShopAPI`) is the stack's answer.

The browse `GET /v1/tracks?limit=…` skips the middleware stack, so everything the stack adds
is added there by hand. Here the same request is sent both ways (an extra unknown parameter
sends it through the full stack and the declared route, which ignore it) and the status, the
body and every header but the date and a fresh request id must match: in English and Chinese,
with the caller's request id, for a refused token, and a crash must still be a problem 500
with its request id and language label.
"""

from __future__ import annotations

from typing import Any

import pytest
import requests

import server.fastpath
from server.embedded import RunningShop
from server.fastpath import ShopAPI
from tests.conftest import SHOPPER
from tests.support.oauth_login import sign_in

VARYING = {"date", "x-request-id"}


def both_ways(
    shop: RunningShop, token: str, headers: dict[str, str], query: str = "limit=5"
) -> tuple[requests.Response, requests.Response]:
    app = shop.app
    assert isinstance(app, ShopAPI)
    sent = {"Authorization": f"Bearer {token}", **headers}
    before = app.fast_answers
    fast = requests.get(f"{shop.url}/v1/tracks?{query}", headers=sent, timeout=10)
    assert app.fast_answers == before + 1, "the browse did not take the fast path"
    full = requests.get(f"{shop.url}/v1/tracks?{query}&unknown=1", headers=sent, timeout=10)
    assert app.fast_answers == before + 1, "the other request should have gone through the stack"
    return fast, full


def header_list(answer: requests.Response, skip: set[str]) -> list[tuple[str, str]]:
    raw: Any = answer.raw
    return [(k.lower(), v) for k, v in raw.headers.items() if k.lower() not in skip]


@pytest.mark.parametrize(
    "headers",
    [{}, {"Accept-Language": "zh-CN"}, {"Accept-Language": "fr, en;q=0.5"}, {"X-Request-Id": "r1"}],
)
def test_fast_browse_answers_like_the_stack(shop: RunningShop, headers: dict[str, str]) -> None:
    token = str(sign_in(shop.url, *SHOPPER)["access_token"])
    fast, full = both_ways(shop, token, headers)
    assert fast.status_code == full.status_code == 200
    assert fast.content == full.content
    skip = VARYING - ({"x-request-id"} if "X-Request-Id" in headers else set())
    assert header_list(fast, skip) == header_list(full, skip)
    if "X-Request-Id" in headers:
        assert fast.headers["x-request-id"] == "r1"
    else:
        assert fast.headers["x-request-id"] != full.headers["x-request-id"]


@pytest.mark.parametrize("language", ["en", "zh-CN"])
def test_refused_token_answers_like_the_stack(shop: RunningShop, language: str) -> None:
    fast, full = both_ways(shop, "not-a-token", {"Accept-Language": language})
    assert fast.status_code == full.status_code == 401
    assert fast.content == full.content
    assert header_list(fast, VARYING) == header_list(full, VARYING)
    assert fast.headers["content-language"] == language


def test_a_crash_is_a_problem_500_with_its_id(
    shop: RunningShop, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = str(sign_in(shop.url, *SHOPPER)["access_token"])

    def broken(*_args: object, **_kwargs: object) -> bytes:
        raise RuntimeError("a bug in the page")

    monkeypatch.setattr(server.fastpath, "tracks_page", broken)
    before = shop.app.fast_answers if isinstance(shop.app, ShopAPI) else -1
    answer = requests.get(
        f"{shop.url}/v1/tracks?limit=5",
        headers={"Authorization": f"Bearer {token}", "Accept-Language": "zh-CN"},
        timeout=10,
    )
    assert isinstance(shop.app, ShopAPI)
    assert shop.app.fast_answers == before + 1
    assert answer.status_code == 500
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["code"] == "internal_error"
    assert answer.headers["x-request-id"]
    assert answer.headers["content-language"] == "zh-CN"
    assert "Accept-Language" in answer.headers["vary"]


def test_a_nul_or_a_body_goes_through_the_stack(shop: RunningShop) -> None:
    token = str(sign_in(shop.url, *SHOPPER)["access_token"])
    app = shop.app
    assert isinstance(app, ShopAPI)
    before = app.fast_answers
    nul = requests.get(
        f"{shop.url}/v1/tracks?limit=5&cursor=%00",
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert nul.status_code == 400
    assert nul.json()["code"] == "invalid_character"
    with_body = requests.get(
        f"{shop.url}/v1/tracks?limit=5",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        data=b"{}",
        timeout=10,
    )
    assert with_body.status_code == 200
    assert app.fast_answers == before  # both judged by the full stack
