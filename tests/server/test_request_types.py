"""One list of request types on the server (`server/request_types.py`): the API's schemas, the
shops' profiles (which the discovery document publishes) and the tables keyed by type all
follow it, and `server.shops` gets it without importing the pydantic schemas."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import get_args

from pydantic import TypeAdapter

from server import request_types
from server.access_what import REQUEST_NAMES
from server.request_types import REQUEST_TYPES, RequestType
from server.requests_flow import HUMAN_TYPES, RESULT_KINDS
from server.schemas import privacy_requests
from server.shops import SHOPS, ShopProfile

ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_the_tuple_is_the_literal_in_its_order() -> None:
    assert get_args(RequestType) == REQUEST_TYPES
    assert REQUEST_TYPES[0] == "access"
    assert len(REQUEST_TYPES) == len(set(REQUEST_TYPES)) == 8
    # the schemas use this very type, not a copy of it
    assert privacy_requests.RequestType is RequestType


def test_every_shop_offers_the_list_in_its_order() -> None:
    assert ShopProfile.__dataclass_fields__["request_types"].default is REQUEST_TYPES
    for profile in SHOPS.values():
        assert profile.request_types == REQUEST_TYPES, profile.id


def test_what_can_be_filed_is_exactly_the_list() -> None:
    """The discriminated union of new requests has one model per type, and nothing else."""
    adapter: TypeAdapter[object] = TypeAdapter(privacy_requests.NewRequest)
    filed = adapter.json_schema()["discriminator"]["mapping"]
    assert set(filed) == set(REQUEST_TYPES)


def test_tables_keyed_by_type_cover_the_list() -> None:
    assert set(RESULT_KINDS) == set(REQUEST_TYPES)
    assert set(REQUEST_NAMES) == set(REQUEST_TYPES)
    assert set(REQUEST_TYPES) >= HUMAN_TYPES


def test_shops_and_the_list_need_no_pydantic() -> None:
    for path in (ROOT / "server" / "shops.py", Path(request_types.__file__)):
        imported = _imports(path)
        assert not {name for name in imported if name.split(".")[0] == "pydantic"}, path
        assert not {name for name in imported if name.startswith("server.schemas")}, path
    assert _imports(Path(request_types.__file__)) <= {"__future__", "typing"}
