"""Every route, every parameter, cursor, header and body field, fed edge values: never a 5xx.

The operations come from the served OpenAPI document, so a new route is fuzzed without anyone
remembering to add it. Hypothesis draws which parameters to send and which edge value each gets
(NUL, huge numbers, the calendar's edges, long strings, wrong types); the run is derandomized
and has a fixed number of examples per operation, so it does the same work on any machine.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server.embedded import RunningShop
from tests.conftest import SHOPPER
from tests.support.oauth_login import sign_in
from tests.support.shops import start_shop_from

EXAMPLES_PER_OPERATION = 8
SKIPPED = {("post", "/oauth/revoke")}  # revoking the fuzzer's own token only ends the run early

EDGE_STRINGS: list[str] = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "%00",
    "0",
    "-1",
    "1e30",
    str(2**63),
    str(2**64),
    "-" + "9" * 30,
    "9" * 5000,
    "x" * 10_000,
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-14:00",
    "0001-01-01",
    "9999-12-31T23:59:59Z",
    "2026-02-30T00:00:00Z",
    "2026-13-01",
    "null",
    "true",
    "[]",
    "{}",
    "🙂" * 50,
    "\u202e\u0647",
    "<b>x</b>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "\r\n",
    "bytes=" + "9" * 5000 + "-",
    "bytes=0-",
    "*",
    "WyIxIl0",
    "eyJ4IjoxfQ",
]
# Sent one at a time to every parameter and body field (the systematic half of the run).
CORE_TEXT = [
    "a\x00b",
    "",
    "0.5",
    "1e30",
    str(2**63),
    "-" + "9" * 30,
    "9" * 5000,
    "x" * 10_000,
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-14:00",
    "2026-02-30T00:00:00Z",
    "🙂" * 50,
    "null",
]
CORE_JSON: list[Any] = [
    None,
    True,
    2**63,
    -(2**63) - 1,
    10**30,
    1e308,
    "a\x00b",
    "x" * 10_000,
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-14:00",
    [],
    {},
    "",
    "0.5",
]
EDGE_JSON: list[Any] = [
    *EDGE_STRINGS,
    None,
    True,
    False,
    0,
    -1,
    2**31,
    2**63,
    -(2**63) - 1,
    10**30,
    1e308,
    -0.0,
    [],
    {},
    [None],
    ["x"] * 600,
    {"a": None},
    {"": ""},
]


def _header_safe(value: str) -> bool:
    printable = value.isascii() and all(32 <= ord(c) < 127 for c in value)
    return printable and value == value.strip() and len(value) < 8000


EDGE_HEADERS = [value for value in EDGE_STRINGS if _header_safe(value)]
EXTRA_HEADERS = [
    "Idempotency-Key",
    "X-Request-Id",
    "Range",
    "If-Range",
    "Accept-Language",
    "Content-Type",
]


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    document = _document()
    found = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if (
                method in {"get", "post", "put", "patch", "delete"}
                and (method, path) not in SKIPPED
            ):
                found.append((method, path, operation))
    return found


def _document() -> dict[str, Any]:
    """docs/openapi.json: tests/server/test_openapi_document.py keeps it equal to the app's."""
    return json.loads((Path(__file__).parents[2] / "docs" / "openapi.json").read_text())


def _resolve(schema: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = document["components"]["schemas"][name]
    return schema


def _body_fields(operation: dict[str, Any], document: dict[str, Any]) -> tuple[str, list[str]]:
    """The body's media type and every property name it may hold (all variants of a union)."""
    content = operation.get("requestBody", {}).get("content", {})
    if not content:
        return "", []
    media, spec = next(iter(content.items()))
    names: set[str] = set()
    pending = [spec.get("schema", {})]
    seen = 0
    while pending and seen < 50:
        seen += 1
        schema = _resolve(pending.pop(), document)
        names.update(schema.get("properties", {}))
        for key in ("anyOf", "oneOf", "allOf"):
            pending.extend(schema.get(key, []))
        for value in schema.get("properties", {}).values():
            resolved = _resolve(value, document)
            if resolved.get("properties") or any(k in resolved for k in ("anyOf", "oneOf")):
                pending.append(resolved)
    return media, sorted(names)


OPERATIONS = _operations()


@pytest.fixture(scope="module")
def fuzz_shop(shop_templates: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    running: RunningShop = start_shop_from(
        shop_templates["silumart"], tmp_path_factory.mktemp("fuzz"), "silumart"
    )
    try:
        yield running.url
    finally:
        running.stop()


def _send(
    session: requests.Session,
    base: str,
    token: str,
    method: str,
    path: str,
    *,
    query: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
    **kwargs: Any,
) -> None:
    all_headers = {"Authorization": f"Bearer {token}", **(headers or {})}
    response = session.request(
        method,
        base + path,
        params=query or {},
        headers=all_headers,
        timeout=30,
        allow_redirects=False,
        **kwargs,
    )
    assert response.status_code < 500, (
        method,
        path,
        query,
        headers,
        kwargs,
        response.status_code,
        response.text[:300],
    )


def _with_path(path: str, parameters: list[dict[str, Any]], chosen: dict[str, str]) -> str:
    for parameter in parameters:
        if parameter["in"] == "path":
            name = parameter["name"]
            value = chosen.get(name, "1")
            path = path.replace("{" + name + "}", quote(value, safe="") or "%20")
    return path


def _body(media: str, values: dict[str, Any]) -> dict[str, Any]:
    if "form" in media:
        return {"data": {k: v if isinstance(v, str) else json.dumps(v) for k, v in values.items()}}
    return {"json": values}


IDS = [f"{m.upper()} {p}" for m, p, _o in OPERATIONS]


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_each_edge_value_alone_gives_no_server_error(
    fuzz_shop: str, method: str, path: str, operation: dict[str, Any]
) -> None:
    """Every parameter and body field, each core edge value on its own."""
    token = str(sign_in(fuzz_shop, *SHOPPER)["access_token"])
    parameters = [
        p for p in operation.get("parameters", []) if p.get("in") in {"path", "query", "header"}
    ]
    media, fields = _body_fields(operation, _document())
    session = requests.Session()
    base_body = _body(media, {}) if media else {}
    for parameter in parameters:
        name, where = parameter["name"], parameter["in"]
        for value in CORE_TEXT:
            if where == "path":
                _send(
                    session,
                    fuzz_shop,
                    token,
                    method,
                    _with_path(path, parameters, {name: value}),
                    **base_body,
                )
            elif where == "query":
                _send(
                    session,
                    fuzz_shop,
                    token,
                    method,
                    _with_path(path, parameters, {}),
                    query={name: value},
                    **base_body,
                )
            elif _header_safe(value):
                _send(
                    session,
                    fuzz_shop,
                    token,
                    method,
                    _with_path(path, parameters, {}),
                    headers={name: value},
                    **base_body,
                )
    for field in fields:
        for value in CORE_JSON:
            _send(
                session,
                fuzz_shop,
                token,
                method,
                _with_path(path, parameters, {}),
                headers={"Idempotency-Key": f"fuzz-{field}-{CORE_JSON.index(value)}"},
                **_body(media, {field: value}),
            )


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_edge_value_combinations_give_no_server_error(
    fuzz_shop: str, method: str, path: str, operation: dict[str, Any]
) -> None:
    """Hypothesis combines parameters, headers and body fields with edge values."""
    document = _document()
    token = str(sign_in(fuzz_shop, *SHOPPER)["access_token"])
    parameters = [
        p for p in operation.get("parameters", []) if p.get("in") in {"path", "query", "header"}
    ]
    media, fields = _body_fields(operation, document)
    session = requests.Session()

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def attempt(data: st.DataObject) -> None:
        chosen_path: dict[str, str] = {}
        query: dict[str, str] = {}
        headers: dict[str, str] = {}
        for parameter in parameters:
            name, where = parameter["name"], parameter["in"]
            if where == "path":
                chosen_path[name] = data.draw(st.sampled_from(EDGE_STRINGS) | st.text(max_size=30))
            elif data.draw(st.booleans()):
                if where == "query":
                    query[name] = data.draw(st.sampled_from(EDGE_STRINGS) | st.text(max_size=40))
                else:
                    headers[name] = data.draw(st.sampled_from(EDGE_HEADERS))
        for name in EXTRA_HEADERS:
            if data.draw(st.integers(0, 5)) == 0:
                headers[name] = data.draw(st.sampled_from(EDGE_HEADERS))
        kwargs: dict[str, Any] = {}
        if media:
            shape = data.draw(st.sampled_from(["fields", "fields", "fields", "other", "raw"]))
            if shape == "fields":
                chosen = data.draw(
                    st.lists(
                        st.sampled_from([*fields, "unexpected"]),
                        unique=True,
                        max_size=len(fields) + 1,
                    )
                )
                kwargs = _body(
                    media, {name: data.draw(st.sampled_from(EDGE_JSON)) for name in chosen}
                )
            elif shape == "other":
                kwargs["json"] = data.draw(st.sampled_from(EDGE_JSON))
            else:
                kwargs["data"] = data.draw(
                    st.sampled_from([b"{", b"\xff\xfe", b"[" * 10_000, b'{"a":' * 5000, b"\x00"])
                )
                headers.setdefault("Content-Type", media)
        _send(
            session,
            fuzz_shop,
            token,
            method,
            _with_path(path, parameters, chosen_path),
            query=query,
            headers=headers,
            **kwargs,
        )

    attempt()
