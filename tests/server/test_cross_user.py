"""The two-user matrix: nothing of shopper A is reachable, listable or changeable by shopper B.

Every `/v1` route is enumerated from the registered routers, so a route added later is covered
without touching this file; a route with a path parameter that the matrix cannot exercise fails
`test_every_parameterised_route_is_covered` by name, so it cannot slip through silently.

How an id of A is found for `/v1/x/{id}[/...]`: A's own list `/v1/x` (or an alias below). A's
data is seeded, and the items no seed holds (privacy requests, assist sessions, a fresh consent
receipt) are created as A first, when those routes exist.

Most collections belong to the subject, and B must get 404 (or 403). A few are shop-wide
catalogues whose path key is not A's (a consent purpose, a channel, a recipient, a policy
version): B may use those keys for B's own data, but never sees or changes A's.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import select

from server.bulk import BULK_SECTIONS
from server.db import Base
from server.embedded import RunningShop
from server.models import GuardianLink, User
from server.routes import ROUTERS
from tests.conftest import AGENT, SECOND_SHOPPER, SHOPPER
from tests.support.oauth_login import Api, sign_in
from tests.support.shops import start_shop_from

PARAM = re.compile(r"\{([^}/]+)\}")
SKIPPED_METHODS = {"HEAD", "OPTIONS"}

# A list that names the ids of an item route when it is not simply the path's prefix.
LIST_ALIASES = {
    "/v1/consents/receipts": "/v1/consents/history",
    "/v1/policy": "/v1/policy/versions",
}
# Shop-wide collections: the same ids appear for every subject.
CATALOGUES = {
    "/v1/consents",
    "/v1/subscriptions",
    "/v1/cookies",
    "/v1/recipients",
    "/v1/policy/versions",
    "/v1/data/categories",
    "/v1/notices",
    "/v1/impact-assessments",  # published to everyone
}
# In a catalogue list, items that are nonetheless personal to the subject who sees them.
PERSONAL_ITEM = {"/v1/notices": lambda item: bool(item.get("personal"))}
# Bodies for writes whose generated example would not be meaningful.
BODIES: dict[tuple[str, str], Any] = {
    ("PUT", "/v1/consents/{purpose}"): {"granted": True},
    ("PUT", "/v1/subscriptions/{channel}"): {"enabled": True},
}


# --- the route table ----------------------------------------------------------------------


def _flatten(routes: list[Any], prefix: str = "") -> Iterator[tuple[str, str]]:
    """(method, path) of every route, through included routers of any FastAPI version."""
    for route in routes:
        original = getattr(route, "original_router", None)
        if original is not None:  # FastAPI >= 0.16x keeps included routers as branches
            context = getattr(route, "include_context", None)
            yield from _flatten(original.routes, prefix + getattr(context, "prefix", ""))
            continue
        path = getattr(route, "path", None)
        methods = getattr(route, "methods", None)
        if path is not None and methods:
            for method in methods:
                yield method, prefix + path
        elif getattr(route, "routes", None):  # a Mount
            yield from _flatten(route.routes, prefix + (path or ""))


def v1_routes(routes: list[Any]) -> list[tuple[str, str]]:
    return sorted(
        {(m, p) for m, p in _flatten(routes) if p.startswith("/v1/") and m not in SKIPPED_METHODS}
    )


DECLARED = v1_routes([r for router in ROUTERS for r in router.routes])
# Routes whose path parameter names a kind of thing, not an item: the caller's own export of
# a section (checked by `test_b_exports_hold_only_b_items`).
SECTION_ROUTES = {"/v1/export/{section}"}
PARAM_ROUTES = [(m, p) for m, p in DECLARED if PARAM.search(p) and p not in SECTION_ROUTES]
LIST_ROUTES = [p for m, p in DECLARED if m == "GET" and not PARAM.search(p)]


def collection_of(path: str) -> str:
    """The list that names the ids of a route's first path parameter."""
    prefix = path[: PARAM.search(path).start()].rstrip("/")  # type: ignore[union-attr]
    return LIST_ALIASES.get(prefix, prefix)


# --- the world: one shop, A with items of every kind, B, and A's ids -------------------------


@dataclass
class World:
    shop: RunningShop
    a: Api
    b: Api
    a_id: int
    a_customer_no: str
    openapi: dict[str, Any]
    lists_a: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def items_of(response: requests.Response) -> list[dict[str, Any]] | None:
    if response.status_code != 200 or "json" not in response.headers.get("content-type", ""):
        return None
    body = response.json()
    if isinstance(body, dict) and isinstance(body.get("items"), list):
        return [i for i in body["items"] if isinstance(i, dict)]
    return None


def has_route(method: str, path: str) -> bool:
    return (method, path) in DECLARED


def create_as_a(world: World, agent_api_base: str) -> None:
    """Items no seed holds: a fresh consent receipt, a privacy request, an assist session."""
    a = world.a
    consents = items_of(a.get("/consents")) or []
    optional = [c for c in consents if not c.get("required")]
    if optional:
        a.put(f"/consents/{optional[0]['purpose']}", json={"granted": True})
    if has_route("POST", "/v1/requests"):
        response = a.post(
            "/requests",
            json={"type": "complaint", "details": {"text": "Cross-user check."}},
            headers={"Idempotency-Key": str(uuid.uuid4())},
        )
        if response.status_code >= 300:
            world.notes.append(f"could not file a request as A: {response.status_code}")
    if has_route("POST", "/v1/assist/codes") and has_route("POST", "/v1/assist/sessions"):
        code = a.post("/assist/codes", headers={"Idempotency-Key": str(uuid.uuid4())})
        if code.status_code in (200, 201):
            agent = Api(
                agent_api_base, str(sign_in(world.shop.url, *AGENT, scope="assist")["access_token"])
            )
            opened = agent.post(
                "/assist/sessions",
                json={
                    "customer_no": world.a_customer_no,
                    "code": code.json()["code"],
                    "reason": "cross-user check",
                },
                headers={"Idempotency-Key": str(uuid.uuid4())},
            )
            if opened.status_code >= 300:
                world.notes.append(f"could not open an assist session: {opened.text}")
        else:
            world.notes.append(f"could not issue an assist code as A: {code.status_code}")


@pytest.fixture(scope="module")
def world(
    shop_templates: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    shop = start_shop_from(
        shop_templates["silumart"], tmp_path_factory.mktemp("cross-user"), "silumart"
    )
    try:
        with shop.ctx.sessions() as session:
            user = session.scalars(select(User).where(User.username == SHOPPER[0])).one()
            # A also looks after the demo minor, so the guardian routes have an id of A's.
            minor = session.scalars(select(User).where(User.is_minor.is_(True))).first()
            if minor is not None:
                session.add(
                    GuardianLink(
                        guardian_id=user.id,
                        ward_id=minor.id,
                        relationship="legal_guardian",
                        since=user.created_at,
                    )
                )
                session.commit()
        base = shop.url + "/v1"
        w = World(
            shop=shop,
            a=Api(base, str(sign_in(shop.url, *SHOPPER)["access_token"])),
            b=Api(base, str(sign_in(shop.url, *SECOND_SHOPPER)["access_token"])),
            a_id=user.id,
            a_customer_no=user.customer_no,
            openapi=requests.get(shop.url + "/openapi.json", timeout=30).json(),
        )
        create_as_a(w, base)
        for path in LIST_ROUTES:
            items = items_of(w.a.get(path[3:], params={"limit": 500}))
            if items is None:
                items = items_of(w.a.get(path[3:]))
            if items is not None:
                w.lists_a[path] = items
        yield w
    finally:
        shop.stop()


# --- A's state, to show B changed nothing ---------------------------------------------------


def snapshot(world: World) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of A (by user_id / subject_id) and every row of the tables owned by no one."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with world.shop.ctx.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            owner = next(
                (table.c[name] for name in ("user_id", "subject_id") if name in table.c), None
            )
            query = table.select()
            if owner is not None:
                query = query.where(owner == world.a_id)
            rows = conn.execute(query.order_by(*table.primary_key.columns)).all()
            out[table.name] = [tuple(row) for row in rows]
    return out


def diff(
    before: dict[str, list[tuple[Any, ...]]], after: dict[str, list[tuple[Any, ...]]]
) -> list[str]:
    return [
        f"{name}: {len(before[name])} rows before, {len(after.get(name, []))} after"
        f"{' (contents changed)' if len(before[name]) == len(after.get(name, [])) else ''}"
        for name in before
        if before[name] != after.get(name)
    ]


# --- request bodies from the OpenAPI document -------------------------------------------------


def example(schema: dict[str, Any], spec: dict[str, Any], depth: int = 0) -> Any:
    """A small valid instance of a JSON schema (enough for pydantic to accept the body)."""
    if depth > 8:
        return None
    if "$ref" in schema:
        node: Any = spec
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[part]
        return example(node, spec, depth + 1)
    if "const" in schema:
        return schema["const"]
    if schema.get("enum"):
        return schema["enum"][0]
    if "default" in schema and schema["default"] is not None:
        return schema["default"]
    for key in ("oneOf", "anyOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"]
            return example(options[0], spec, depth + 1) if options else None
    if "allOf" in schema:
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            value = example(part, spec, depth + 1)
            if isinstance(value, dict):
                merged.update(value)
        return merged
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        props = schema.get("properties", {})
        return {
            name: example(props[name], spec, depth + 1)
            for name in schema.get("required", [])
            if name in props
        }
    if kind == "array":
        count = max(int(schema.get("minItems", 1)), 1)
        return [example(schema.get("items", {}), spec, depth + 1) for _ in range(count)]
    if kind == "string":
        if schema.get("format") == "date-time":
            return "2026-01-01T00:00:00Z"
        if schema.get("format") == "date":
            return "2026-01-01"
        min_length = int(schema.get("minLength", 0))
        return "123456" if min_length <= 6 else "1" * min_length
    if kind == "integer":
        return max(int(schema.get("minimum", 1)), 1)
    if kind == "number":
        return 1
    if kind == "boolean":
        return True
    return None


def body_for(world: World, method: str, path: str) -> Any:
    if (method, path) in BODIES:
        return BODIES[(method, path)]
    operation = world.openapi.get("paths", {}).get(path, {}).get(method.lower(), {})
    content = operation.get("requestBody", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema")
    return None if schema is None else example(schema, world.openapi)


def call(api: Api, world: World, method: str, path: str, url: str) -> requests.Response:
    body = body_for(world, method, path)
    headers = {"Idempotency-Key": str(uuid.uuid4())} if method == "POST" else {}
    if body is None:
        return api.request(method, url, headers=headers)
    return api.request(method, url, json=body, headers=headers)


def fill(path: str, value: str) -> str:
    return PARAM.sub(value, path)[3:]  # relative to /v1


def pick_id(world: World, method: str, path: str) -> str | None:
    """An id of A for the route: for sub-lists, one whose sub-list is not empty for A."""
    items = world.lists_a.get(collection_of(path))
    if not items:
        return None
    ids = [str(i["id"]) for i in items if "id" in i]
    if method == "GET" and not path.endswith("}"):
        for candidate in ids[:50]:
            if items_of(world.a.get(fill(path, candidate))):
                return candidate
    if collection_of(path) == "/v1/consents":  # a purpose B may freely grant
        optional = [str(i["id"]) for i in items if not i.get("required")]
        return optional[0] if optional else ids[0]
    return ids[0] if ids else None


# --- the matrix -----------------------------------------------------------------------------


def test_every_parameterised_route_is_covered(world: World) -> None:
    """The live app has no /v1 route the matrix does not know; each one has an A id to try."""
    live = v1_routes(list(world.shop.app.routes))
    assert set(DECLARED) <= set(live), "the app's route table could not be read"
    assert PARAM_ROUTES, "no /v1 route with a path parameter was found"
    unknown = sorted(set(live) - set(DECLARED))
    assert not unknown, f"routes registered outside server.routes.ROUTERS: {unknown}"
    no_list = [f"{m} {p}" for m, p in PARAM_ROUTES if collection_of(p) not in world.lists_a]
    assert not no_list, (
        "no list endpoint names ids for these routes; add an alias to LIST_ALIASES in "
        f"{__file__}: {no_list}"
    )


@pytest.mark.parametrize(
    ("method", "path"), PARAM_ROUTES, ids=[f"{m} {p}" for m, p in PARAM_ROUTES]
)
def test_b_cannot_reach_a_item(world: World, method: str, path: str) -> None:
    collection = collection_of(path)
    if collection not in world.lists_a:
        pytest.fail(f"no list of A names ids for {method} {path} (see LIST_ALIASES)")
    candidate = pick_id(world, method, path)
    if candidate is None:
        pytest.skip(
            f"user A has no item in {collection} to try {method} {path} with "
            f"({'; '.join(world.notes) or 'none seeded or created'})"
        )
    url = fill(path, candidate)
    own = collection in CATALOGUES
    if method == "GET" and path.endswith("}"):
        assert world.a.get(url).status_code == 200, f"A cannot read its own {url}"
    a_view = world.a.get(url).json() if method == "GET" else None

    before = snapshot(world)
    response = call(world.b, world, method, path, url)
    after = snapshot(world)

    assert not diff(before, after), f"B's {method} {url} changed A's data: {diff(before, after)}"
    assert world.a_customer_no not in response.text, f"B's {method} {url} shows A's customer no"
    assert response.status_code < 500, response.text
    if not own:
        assert response.status_code in (403, 404), (
            f"B's {method} {url} on A's item answered {response.status_code}: {response.text[:300]}"
        )
        assert response.headers["content-type"].startswith("application/problem+json")
        assert "code" in response.json()
        return
    # a shop-wide key: B sees B's own view of it, never A's
    if method != "GET":
        return
    assert response.status_code == 200, response.text
    b_items = items_of(response)
    if b_items is not None and a_view is not None:
        a_ids = {str(i["id"]) for i in a_view.get("items", [])}
        assert not a_ids & {str(i["id"]) for i in b_items}, f"B sees A's items at {url}"
    elif path.endswith("}"):
        b_list = items_of(world.b.get(collection[3:], params={"limit": 500})) or []
        mine = [i for i in b_list if str(i.get("id")) == candidate]
        assert mine == [response.json()], f"B's {url} is not B's own view of it"


# The list route of each bulk section (what A's ids are read from).
EXPORT_LISTS = {
    "tracks": "/v1/tracks",
    "orders": "/v1/orders",
    "decisions": "/v1/decisions",
    "locations": "/v1/data/locations",
    "logs": "/v1/data/logs",
}


def test_b_exports_hold_only_b_items(world: World) -> None:
    assert set(EXPORT_LISTS) == set(BULK_SECTIONS)
    for section, listing in EXPORT_LISTS.items():
        a_ids = {str(i["id"]) for i in world.lists_a.get(listing, [])}
        assert a_ids, f"A has no {section} to compare with"
        response = world.b.get(f"/export/{section}")
        assert response.status_code == 200, response.text
        assert world.a_customer_no not in response.text
        b_ids = {str(json.loads(line)["id"]) for line in response.text.splitlines() if line}
        assert not a_ids & b_ids, f"B's export of {section} holds A's items"
        # continuing after one of A's items is refused, and says nothing about it
        after = world.b.get(f"/export/{section}", params={"after": sorted(a_ids)[0]})
        assert after.status_code in (400, 404, 422), after.text[:300]
        assert world.a_customer_no not in after.text


@pytest.mark.parametrize("path", LIST_ROUTES, ids=LIST_ROUTES)
def test_b_lists_never_hold_a_items(world: World, path: str) -> None:
    response = world.b.get(path[3:], params={"limit": 500})
    if response.status_code == 422:  # a list without paging parameters
        response = world.b.get(path[3:])
    assert response.status_code == 200, response.text
    assert world.a_customer_no not in response.text, f"B's {path} shows A's customer number"
    b_items = items_of(response)
    a_items = world.lists_a.get(path)
    if b_items is None or a_items is None:
        return
    b_ids = {str(i["id"]) for i in b_items if "id" in i}
    if path in CATALOGUES:
        personal = PERSONAL_ITEM.get(path)
        a_private = {str(i["id"]) for i in a_items if personal is not None and personal(i)}
    else:
        a_private = {str(i["id"]) for i in a_items if "id" in i}
    assert not a_private & b_ids, f"B's {path} lists A's items {sorted(a_private & b_ids)}"


def test_b_bulk_track_delete_leaves_a_tracks(world: World) -> None:
    if not has_route("POST", "/v1/tracks:delete"):
        pytest.skip("no bulk track deletion route")
    tracks = world.lists_a.get("/v1/tracks") or []
    assert tracks
    before = snapshot(world)
    response = world.b.post(
        "/tracks:delete",
        json={"ids": [t["id"] for t in tracks[:20]]},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert response.status_code in (200, 404), response.text
    if response.status_code == 200:
        assert json.loads(response.text).get("deleted") == 0
    assert not diff(before, snapshot(world))
