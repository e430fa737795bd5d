"""The committed OpenAPI document is the one the server serves."""

from __future__ import annotations

import requests

from server.embedded import RunningShop
from server.openapi_export import DEFAULT_PATH, openapi_document, render


def test_committed_document_is_current() -> None:
    assert DEFAULT_PATH.read_text(encoding="utf-8") == render(openapi_document()), (
        "docs/openapi.json is stale: run `python -m server.openapi_export`"
    )


def test_served_document_lists_every_contract_resource(shop: RunningShop) -> None:
    paths = requests.get(f"{shop.url}/openapi.json", timeout=10).json()["paths"]
    for path in (
        "/v1/me",
        "/v1/tracks",
        "/v1/orders/{order_id}",
        "/v1/consents/{purpose}",
        "/v1/requests",
        "/v1/access-log",
        "/.well-known/privacy-api",
    ):
        assert any(p == path or p.startswith(path.split("{")[0]) for p in paths), path
