"""The fast read path answers with exactly the contract's bytes, and never a 500 on bad input.

`GET /v1/tracks` (plain browse answered before FastAPI's router, filtered lists inside the
route) and `GET /v1/access-log` build their JSON from plain rows with orjson. Their bodies must
be byte-for-byte what the declared response model would serialize, and every malformed query
must still get the contract's problem+json answer.
"""

from __future__ import annotations

import pytest
import requests

from server.embedded import RunningShop
from server.schemas.access_log import AccessLogItem
from server.schemas.common import Page
from server.schemas.tracks import TrackOut
from tests.support.oauth_login import Api


def same_as_model(body: bytes, model: type[Page[TrackOut]] | type[Page[AccessLogItem]]) -> bool:
    return model.model_validate_json(body).model_dump_json().encode() == body


def test_track_pages_are_the_models_bytes(api: Api) -> None:
    first = api.get("/tracks", params={"limit": 7})
    assert first.status_code == 200
    assert first.headers["content-type"] == "application/json"
    assert first.headers["x-request-id"]
    assert same_as_model(first.content, Page[TrackOut])
    cursor = first.json()["next_cursor"]
    assert cursor
    shapes: list[dict[str, str | int]] = [
        {"limit": 5, "cursor": cursor},
        {},
        {"kind": "view", "limit": 4},
        {"q": first.json()["items"][0]["text"][:3], "limit": 50},
        {"from": "2025-06-01T00:00:00Z", "to": "2026-12-31T00:00:00Z", "limit": 3},
    ]
    for params in shapes:
        answer = api.get("/tracks", params=params)
        assert answer.status_code == 200, (params, answer.text)
        assert same_as_model(answer.content, Page[TrackOut]), params
    # the page after the cursor continues the first page without overlap
    after = api.get("/tracks", params={"limit": 5, "cursor": cursor}).json()["items"]
    whole = api.get("/tracks", params={"limit": 12}).json()["items"]
    assert whole == first.json()["items"] + after


def test_access_log_pages_are_the_models_bytes(api: Api) -> None:
    shapes: list[dict[str, str | int]] = [{"limit": 3}, {"limit": 2, "order": "desc"}, {}]
    for params in shapes:
        answer = api.get("/access-log", params=params)
        assert answer.status_code == 200, answer.text
        assert same_as_model(answer.content, Page[AccessLogItem]), params


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("limit=0", 422),
        ("limit=501", 422),
        ("limit=abc", 422),
        ("limit=%D9%A3", 422),  # an Arabic-Indic digit: not a plain ASCII number
        ("limit=", 422),
        ("cursor=not-a-cursor", 400),
        ("cursor=" + "A" * 513, 422),
        ("limit=5&limit=6", 200),  # repeated: FastAPI's rule (the last one) decides
        ("limit=5&unknown=1", 200),
    ],
)
def test_bad_browse_queries_get_problems_not_errors(api: Api, query: str, status: int) -> None:
    answer = api.get(f"/tracks?{query}")
    assert answer.status_code == status, answer.text
    assert answer.headers["x-request-id"]
    if status >= 400:
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.json()["status"] == status


def test_browse_without_a_valid_token_is_401(shop: RunningShop) -> None:
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic x"}):
        answer = requests.get(f"{shop.url}/v1/tracks?limit=3", headers=headers, timeout=10)
        assert answer.status_code == 401, headers
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.headers["www-authenticate"].startswith("Bearer")
