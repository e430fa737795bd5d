"""The app's text limits are the shop's: every entry of `client.limits` matches docs/openapi.json.

`tests/server/test_openapi_document.py` keeps docs/openapi.json equal to what the server
serves, so together they fail when a schema limit changes and the app's table does not.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from client.limits import ALL_LIMITS, TextLimit

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def _schemas() -> dict[str, Any]:
    return json.loads(DOCUMENT.read_text(encoding="utf-8"))["components"]["schemas"]


def _max_length(node: dict[str, Any]) -> int | None:
    """The string limit of a property, also inside `anyOf` (an optional string)."""
    if "maxLength" in node:
        return int(node["maxLength"])
    for option in node.get("anyOf", ()):
        if option.get("type") == "string" and "maxLength" in option:
            return int(option["maxLength"])
    return None


def _documented(limit: TextLimit) -> int | None:
    if limit.schema.startswith("GET "):
        document = json.loads(DOCUMENT.read_text(encoding="utf-8"))
        operation = document["paths"][limit.schema[4:]]["get"]
        parameter = next(p for p in operation["parameters"] if p["name"] == limit.prop)
        return _max_length(parameter["schema"])
    schema = _schemas()[limit.schema]
    name, _, rest = limit.prop.partition(".")
    node = schema["properties"][name]
    if rest == "*":
        node = node["additionalProperties"]
    return _max_length(node)


@pytest.mark.parametrize("name", sorted(ALL_LIMITS))
def test_limit_is_the_documented_one(name: str) -> None:
    limit = ALL_LIMITS[name]
    assert _documented(limit) == limit.max_length, (
        f"{name}: the shop's {limit.schema}.{limit.prop} limit changed; update client/limits.py"
    )


def test_every_request_note_has_the_same_limit() -> None:
    # REQUEST_NOTE names one request type; the app uses it for the note of all of them.
    schemas = _schemas()
    notes = {
        name: _max_length(schema["properties"]["note"])
        for name, schema in schemas.items()
        if name.startswith("New")
        and name.endswith("Request")
        and "note" in schema.get("properties", {})
    }
    assert len(notes) >= 8
    assert set(notes.values()) == {ALL_LIMITS["REQUEST_NOTE"].max_length}


def test_a_changed_limit_would_be_noticed() -> None:
    # The check above can fail: a limit that differs from the document is reported.
    wrong = TextLimit(199, "CorrectionDetails", "proposed")
    assert _documented(wrong) != wrong.max_length
