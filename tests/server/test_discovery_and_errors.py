"""Discovery, and the cross-cutting rules: request ids, problem details, auth, cursors."""

from __future__ import annotations

import base64
import json
import re
import uuid

import pytest
import requests

from server.embedded import RunningShop
from server.routes import ROUTERS
from tests.conftest import SHOPPER
from tests.support.oauth_login import Api, sign_in

PARAM = re.compile(r"\{[^}/]+\}")

# The shape API.md fixes for /.well-known/privacy-api (values there are illustrative).
DISCOVERY_SHAPE = {
    "shop": {"id", "name", "logo_url", "locales"},
    "api_base": None,
    "oauth": {
        "issuer",
        "authorization_endpoint",
        "token_endpoint",
        "revocation_endpoint",
        "client_id",
        "scopes_supported",
        "code_challenge_methods_supported",
    },
    "requests": {"types", "deadline"},
    "signing_keys": None,
    "policy": {"url", "version"},
    "contact": {"privacy_email"},
}
REQUEST_TYPES = {
    "access",
    "correction",
    "deletion",
    "explanation",
    "human_review",
    "consent_withdrawal",
    "account_cancellation",
    "complaint",
}


def v1_routes() -> list[tuple[str, str]]:
    out = set()
    for router in ROUTERS:
        for route in router.routes:
            path = getattr(route, "path", "")
            for method in getattr(route, "methods", None) or ():
                if path.startswith("/v1/") and method not in {"HEAD", "OPTIONS"}:
                    out.add((method, path))
    return sorted(out)


def paged_list_routes(openapi: dict[str, object]) -> list[str]:
    """Every GET /v1 list without path parameters that takes a `cursor`."""
    out = []
    for path, operations in openapi["paths"].items():  # type: ignore[attr-defined]
        get = operations.get("get")
        if not path.startswith("/v1/") or PARAM.search(path) or not get:
            continue
        if any(p.get("name") == "cursor" for p in get.get("parameters", [])):
            out.append(path)
    return sorted(out)


def is_problem(response: requests.Response, status: int, code: str | None = None) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert {"type", "title", "status", "detail", "code"} <= set(body)
    assert body["status"] == status
    if code is not None:
        assert body["code"] == code, body
    assert "Traceback" not in response.text


def test_discovery_matches_the_contract(shop: RunningShop) -> None:
    response = requests.get(f"{shop.url}/.well-known/privacy-api", timeout=10)
    assert response.status_code == 200
    doc = response.json()
    assert set(DISCOVERY_SHAPE) <= set(doc)
    for key, inner in DISCOVERY_SHAPE.items():
        if inner is not None:
            assert inner <= set(doc[key]), (key, set(doc[key]))
    assert doc["api_base"] == shop.url + "/v1"
    oauth = doc["oauth"]
    assert oauth["authorization_endpoint"] == shop.url + "/oauth/authorize"
    assert oauth["token_endpoint"] == shop.url + "/oauth/token"
    assert oauth["revocation_endpoint"] == shop.url + "/oauth/revoke"
    assert oauth["client_id"] == "privacy-dashboard"
    assert set(oauth["scopes_supported"]) == {"privacy.read", "privacy.write", "assist"}
    assert oauth["code_challenge_methods_supported"] == ["S256"]
    assert set(doc["requests"]["types"]) == REQUEST_TYPES
    assert doc["requests"]["deadline"] == {"days": 15, "calendar": "working"}
    assert doc["signing_keys"]
    for key in doc["signing_keys"]:
        assert set(key) == {"kid", "alg", "public_key"}
        assert key["alg"] == "Ed25519"
        assert len(base64.b64decode(key["public_key"])) == 32
    assert set(doc["shop"]["locales"]) == {"zh-CN", "en"}
    assert "@" in doc["contact"]["privacy_email"]


def test_every_response_carries_a_request_id(shop: RunningShop, api: Api) -> None:
    responses = [
        requests.get(f"{shop.url}/.well-known/privacy-api", timeout=10),
        requests.get(f"{shop.url}/no/such/thing", timeout=10),
        requests.get(f"{shop.url}/v1/consents", timeout=10),
        requests.post(f"{shop.url}/oauth/token", data={"grant_type": "nope"}, timeout=10),
        api.get("/consents"),
        api.get("/access-log", params={"cursor": "%%%"}),
        api.put("/consents/nope", json={"granted": True}),
    ]
    seen = set()
    for response in responses:
        rid = response.headers.get("X-Request-Id")
        assert rid, response.url
        seen.add(rid)
    assert len(seen) == len(responses)
    mine = str(uuid.uuid4())
    echoed = api.get("/notices", headers={"X-Request-Id": mine})
    assert echoed.headers["X-Request-Id"] == mine


def test_unknown_path_is_a_problem(shop: RunningShop, api: Api) -> None:
    is_problem(requests.get(f"{shop.url}/no/such/thing", timeout=10), 404, "not_found")
    is_problem(api.get("/no-such-resource"), 404, "not_found")
    is_problem(api.delete("/consents"), 405)


def test_every_v1_route_needs_a_token(shop: RunningShop) -> None:
    routes = v1_routes()
    assert len(routes) > 15
    anonymous = requests.Session()
    for method, path in routes:
        url = shop.url + PARAM.sub("1", path)
        response = anonymous.request(method, url, json={}, timeout=10)
        is_problem(response, 401)
        assert response.headers.get("WWW-Authenticate", "").startswith("Bearer"), (method, path)
        bad = anonymous.request(
            method, url, json={}, timeout=10, headers={"Authorization": "Bearer not-a-token"}
        )
        is_problem(bad, 401)


BAD_CURSORS = [
    "%%%not-base64",
    base64.urlsafe_b64encode(b"not json").decode(),
    base64.urlsafe_b64encode(b'{"a": 1}').decode(),
    base64.urlsafe_b64encode(b"[]").decode(),
    base64.urlsafe_b64encode(b"[1, 2, 3, 4, 5, 6]").decode(),
    base64.urlsafe_b64encode(json.dumps([{"x": 1}]).encode()).decode(),
    base64.urlsafe_b64encode(json.dumps(["yesterday", "x"]).encode()).decode(),
    base64.urlsafe_b64encode(json.dumps(["x"]).encode()).decode(),
]


def test_malformed_cursors_are_400_on_every_list(shop: RunningShop, api: Api) -> None:
    openapi = requests.get(f"{shop.url}/openapi.json", timeout=10).json()
    lists = paged_list_routes(openapi)
    for expected in (
        "/v1/consents/history",
        "/v1/cookies",
        "/v1/recipients",
        "/v1/notices",
        "/v1/policy/versions",
        "/v1/access-log",
    ):
        assert expected in lists
    failures = []
    for path in lists:
        for cursor in BAD_CURSORS:
            response = api.get(path[3:], params={"cursor": cursor})
            if response.status_code != 400 or response.json().get("code") != "invalid_cursor":
                failures.append(f"{path} cursor={cursor!r}: {response.status_code}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("limit", ["0", "501", "-1", "ten"])
def test_bad_limits_are_validation_problems(api: Api, limit: str) -> None:
    is_problem(api.get("/recipients", params={"limit": limit}), 422, "validation_failed")


def test_revoked_token_is_401(shop: RunningShop) -> None:
    tokens = sign_in(shop.url, *SHOPPER)
    api = Api(shop.url + "/v1", str(tokens["access_token"]))
    assert api.get("/consents").status_code == 200
    revoked = requests.post(
        f"{shop.url}/oauth/revoke",
        data={
            "token": tokens["access_token"],
            "token_type_hint": "access_token",
            "client_id": "privacy-dashboard",
        },
        timeout=10,
    )
    assert revoked.status_code == 200
    is_problem(api.get("/consents"), 401)
    assert api.get("/access-log/head").status_code == 401

    # revoking the refresh token ends the whole sign-in, access tokens included
    second = sign_in(shop.url, *SHOPPER)
    other = Api(shop.url + "/v1", str(second["access_token"]))
    assert other.get("/notices").status_code == 200
    requests.post(f"{shop.url}/oauth/revoke", data={"token": second["refresh_token"]}, timeout=10)
    is_problem(other.get("/notices"), 401)


def test_the_cursors_the_server_hands_out_work_on_every_list(shop: RunningShop, api: Api) -> None:
    """A real `next_cursor` (times inside) leads to the next page, never a 400 or 500."""
    openapi = requests.get(f"{shop.url}/openapi.json", timeout=10).json()
    failures = []
    for path in paged_list_routes(openapi):
        first = api.get(path[3:], params={"limit": 1})
        assert first.status_code == 200, (path, first.text)
        cursor = first.json()["next_cursor"]
        if cursor is None:
            continue
        second = api.get(path[3:], params={"limit": 1, "cursor": cursor})
        if second.status_code != 200:
            failures.append(f"{path}: page 2 answered {second.status_code}")
        elif second.json()["items"] == first.json()["items"]:
            failures.append(f"{path}: page 2 repeats page 1")
    assert not failures, "\n".join(failures)
