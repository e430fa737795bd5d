"""Odd and hostile input answers 4xx problem+json, never 500; big bodies are refused unread."""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.conftest import SHOPPER
from tests.server.test_requests_result import completed_access
from tests.support.oauth_login import Api, sign_in

EDGE_FROM = "0001-01-01T00:00:00+14:00"  # no UTC equivalent: the year would be 0
EDGE_TO = "9999-12-31T23:59:59-14:00"  # likewise, year 10000
CURSOR_LISTS = [
    "/tracks",
    "/orders",
    "/requests",
    "/notices",
    "/consents/history",
    "/tags",
    "/access-log",
    "/recipients",
]


def cursor_of(values: list[object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


TAMPERED_CURSORS = [
    cursor_of([1e30, 1]),
    cursor_of([2**63, 1]),
    cursor_of(["2026-01-01T00:00:00Z", 2**63]),
    cursor_of(["2026-01-01T00:00:00Z", -(2**63) - 1]),
    cursor_of([EDGE_FROM, 1]),
    cursor_of([EDGE_TO, 2**63]),
    cursor_of([1, 1e30]),
    cursor_of([10**40]),
    cursor_of(["a\u0000b"]),
    cursor_of([["nested"], {"x": 1}]),
    "%%%",
    "A" * 500,
]


def assert_problem(response: requests.Response, *statuses: int) -> dict[str, object]:
    assert response.status_code in statuses, (response.status_code, response.text[:300])
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.headers.get("X-Request-Id")
    body: dict[str, object] = response.json()
    assert body["status"] == response.status_code
    assert isinstance(body["code"], str)
    return body


@pytest.mark.parametrize("q", ["a\x00b", "\x00", "ab\x00", "蓝牙\x00耳机"])
def test_nul_in_search_is_refused(api: Api, q: str) -> None:
    body = assert_problem(api.get("/tracks", params={"q": q}), 400)
    assert body["code"] == "invalid_character"
    assert api.get("/tracks", params={"q": "abc"}).status_code == 200


@pytest.mark.parametrize("path", ["/tracks", "/tracks/activity"])
@pytest.mark.parametrize(("name", "value"), [("from", EDGE_FROM), ("to", EDGE_TO)])
def test_calendar_edge_dates_are_422(api: Api, path: str, name: str, value: str) -> None:
    assert_problem(api.get(path, params={name: value}), 422)
    # the representable extremes are fine
    extreme = "0001-01-01T00:00:00Z" if name == "from" else "9999-12-31T23:59:59Z"
    assert api.get(path, params={name: extreme}).status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"from": EDGE_FROM, "to": "2020-01-01T00:00:00Z"},
        {"from": "2020-01-01T00:00:00Z", "to": EDGE_TO},
    ],
)
def test_calendar_edge_dates_in_a_bulk_delete_are_422(api: Api, body: dict[str, str]) -> None:
    before = len(api.get("/tracks", params={"limit": 500}).json()["items"])
    assert_problem(api.post("/tracks:delete", json=body, headers={"Idempotency-Key": "edge"}), 422)
    assert len(api.get("/tracks", params={"limit": 500}).json()["items"]) == before


@pytest.mark.parametrize("path", CURSOR_LISTS)
def test_tampered_cursors_are_400(api: Api, path: str) -> None:
    for cursor in TAMPERED_CURSORS:
        body = assert_problem(api.get(path, params={"cursor": cursor}), 400, 422)
        assert body["code"] in {"invalid_cursor", "validation_failed", "invalid_character"}


def test_a_range_header_with_thousands_of_digits_is_ignored(shop, api: Api) -> None:
    request_id = completed_access(shop, api)
    url = f"/requests/{request_id}/result"
    whole = api.get(url)
    assert whole.status_code == 200
    for header in [
        "bytes=" + "9" * 5000 + "-",
        "bytes=-" + "9" * 5000,
        "bytes=1-" + "9" * 5000,
        "bytes=" + "1" * 19 + "-" + "2" * 19,
    ]:
        response = api.get(url, headers={"Range": header})
        assert response.status_code in (200, 206, 416), response.text[:200]
        if response.status_code == 200:
            assert response.content == whole.content


def test_nul_in_a_json_body_is_refused_and_nothing_is_filed(api: Api) -> None:
    before = len(api.get("/requests").json()["items"])
    response = api.post(
        "/requests",
        json={"type": "complaint", "details": {"text": "a\x00b"}},
        headers={"Idempotency-Key": "nul-body"},
    )
    assert assert_problem(response, 400)["code"] == "invalid_character"
    assert len(api.get("/requests").json()["items"]) == before


def test_nul_in_the_sign_in_form_is_refused(shop) -> None:
    response = requests.post(
        f"{shop.url}/oauth/token",
        data={"grant_type": "authorization_code", "code": "a\x00b"},
        timeout=10,
    )
    assert_problem(response, 400)


# --- body limits ------------------------------------------------------------------------------


def test_a_body_over_the_limit_is_413_before_it_is_parsed(api: Api) -> None:
    body = b'{"type":"complaint","details":{"text":"' + b"a" * (2 * 1024 * 1024) + b'"}}'
    response = api.post(
        "/requests",
        data=body,
        headers={"Content-Type": "application/json", "Idempotency-Key": "big"},
    )
    assert assert_problem(response, 413)["code"] == "payload_too_large"
    streamed = api.post(
        "/requests",
        data=iter([body[:600_000], body[600_000:]]),
        headers={"Content-Type": "application/json", "Idempotency-Key": "big-chunked"},
    )
    assert assert_problem(streamed, 413)["code"] == "payload_too_large"
    just_under = b'{"type":"complaint","details":{"text":"' + b"a" * 1000 + b'"}}'
    assert (
        api.post(
            "/requests",
            data=just_under,
            headers={"Content-Type": "application/json", "Idempotency-Key": "small"},
        ).status_code
        != 413
    )


def test_a_body_without_a_valid_token_is_refused_unread(shop) -> None:
    small = {"type": "access"}
    for headers in ({}, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Basic x"}):
        response = requests.post(
            f"{shop.url}/v1/requests",
            json=small,
            headers={"Idempotency-Key": "anon", **headers},
            timeout=10,
        )
        assert assert_problem(response, 401)["code"] == "unauthenticated"


@pytest.fixture
def served_shop(tmp_path: Path, shop_templates: dict[str, Path]) -> Iterator[tuple[str, int]]:
    """The demo shop as its own process, so its memory can be read from /proc."""
    db = tmp_path / "shop.db"
    shutil.copyfile(shop_templates["silumart"], db)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "server",
            "--demo",
            "--db",
            str(db),
            "--port",
            "0",
            "--no-processor",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + 60
        url = ""
        while time.monotonic() < deadline and not url:
            line = process.stdout.readline()
            found = re.search(r"serving the privacy API at (\S+)", line)
            url = found.group(1) if found else ""
        assert url, "the shop did not start"
        yield url, process.pid
    finally:
        process.kill()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


def _peak_rss_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    found = re.search(r"VmHWM:\s+(\d+) kB", status)
    assert found is not None
    return int(found.group(1))


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_fifty_mebibytes_do_not_reach_the_server_memory(served_shop: tuple[str, int]) -> None:
    url, pid = served_shop
    tokens = sign_in(url, *SHOPPER)
    api = Api(url + "/v1", str(tokens["access_token"]))
    assert api.get("/tracks").status_code == 200
    before = _peak_rss_kib(pid)
    huge = b'{"type":"complaint","details":{"text":"' + b"a" * (50 * 1024 * 1024) + b'"}}'
    for auth in (True, False):
        session = api if auth else requests.Session()
        response = session.post(
            url + "/v1/requests",
            data=huge,
            timeout=60,
            headers={"Content-Type": "application/json", "Idempotency-Key": "huge"},
        )
        assert response.status_code == (413 if auth else 401)
    grown_mib = (_peak_rss_kib(pid) - before) / 1024
    assert grown_mib < 16, f"the server's peak memory grew {grown_mib:.0f} MiB"


# --- the OpenAPI document tells the truth ------------------------------------------------------


def test_405_lists_every_method_of_the_path(api: Api) -> None:
    response = api.delete("/me")
    assert_problem(response, 405)
    assert {m.strip() for m in response.headers["Allow"].split(",")} >= {"GET", "PATCH"}
    response = api.put("/requests")
    assert {m.strip() for m in response.headers["Allow"].split(",")} >= {"GET", "POST"}


def test_the_document_names_what_the_server_answers(shop) -> None:
    document = requests.get(f"{shop.url}/openapi.json", timeout=10).json()
    file_request = document["paths"]["/v1/requests"]["post"]
    key = next(p for p in file_request["parameters"] if p["name"] == "Idempotency-Key")
    assert key["required"] is True
    for path, item in document["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            assert "400" in responses, (method, path)
            if "requestBody" in operation:
                assert "413" in responses, (method, path)
            if "422" in responses:
                assert "application/problem+json" in responses["422"]["content"], (method, path)
    authorize = document["paths"]["/oauth/authorize"]["get"]["responses"]
    assert "text/html" in authorize["400"]["content"]
    token = document["paths"]["/oauth/token"]["post"]["responses"]
    assert {"200", "400", "401", "413", "422"} <= set(token)
