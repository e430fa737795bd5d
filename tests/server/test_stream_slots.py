"""Slow readers of a streamed answer do not hold the shop's request slots.

A shop admits at most `REQUEST_SLOTS` requests to its database at once (`server.deps`). A
streamed download (a bulk export, an access archive) may take its reader minutes; if it kept
its slot until the last byte, that many slow readers would freeze every other request. Here
more streams than there are slots are held open, each read only a little, over real loopback
connections: the shop still answers at once, and each stream still completes intact afterwards.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import time
from datetime import timedelta
from typing import Any

import requests
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from requests.adapters import HTTPAdapter
from sqlalchemy import func, insert, select
from urllib3.connection import HTTPConnection

from server.db import REQUEST_SLOTS
from server.deps import get_db
from server.embedded import RunningShop
from server.models import LogEntry, User
from server.routes import ROUTERS
from tests.conftest import SHOPPER
from tests.server.test_requests_result import completed_access
from tests.support.oauth_login import Api

# More streams than slots: with a slot held per stream, nothing else would be admitted.
STREAMS = REQUEST_SLOTS + 2
# ~16 MB of barely compressible text (the archive deflates it to ~8 MB): more than a small
# receive window and the server's send buffers hold, so an unread stream really stays open
# inside the server, its sender waiting on the socket.
ENTRIES = 2_000
SIZE = 8_000
RECEIVE_WINDOW = 4096


class SlowReader(HTTPAdapter):
    """Connections with a small receive buffer, as a slow link has: the server's send blocks
    after a few KiB in flight instead of a loopback socket's megabytes."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["socket_options"] = [
            *HTTPConnection.default_socket_options,
            (socket.SOL_SOCKET, socket.SO_RCVBUF, RECEIVE_WINDOW),
        ]
        super().init_poolmanager(*args, **kwargs)


def add_logs(shop: RunningShop) -> int:
    """Many large, barely compressible log entries for the demo shopper; their total count."""
    now = shop.ctx.clock.now()
    with shop.ctx.sessions() as db:
        me = db.scalars(select(User.id).where(User.username == SHOPPER[0])).one()
        db.execute(
            insert(LogEntry),
            [
                {
                    "user_id": me,
                    "at": now - timedelta(days=1, seconds=i),
                    "ip": "192.0.2.7",
                    "browser": "Firefox",
                    "carrier": "China Mobile",
                    "language": "zh-CN",
                    "page": "/item/" + os.urandom(SIZE // 2).hex(),
                }
                for i in range(ENTRIES)
            ],
        )
        db.commit()
        return int(db.scalar(select(func.count()).where(LogEntry.user_id == me)) or 0)


def open_unread(api: Api, path: str) -> list[tuple[requests.Response, bytes]]:
    """`STREAMS` answers to `path`, each with its headers and first KiB read, then left."""
    held = []
    for _ in range(STREAMS):
        reader = Api(api.base_url, str(api.headers["Authorization"]).removeprefix("Bearer "))
        reader.mount("http://", SlowReader())
        response = reader.get(path, stream=True, timeout=10)
        assert response.status_code == 200, response.text
        head = response.raw.read(1024)
        assert len(head) == 1024
        held.append((response, head))
    return held


def read_rest(response: requests.Response, head: bytes) -> bytes:
    rest = response.raw.read()
    return head + (b"" if rest is None else rest)


def assert_shop_answers(shop: RunningShop, api: Api) -> None:
    """Another request, and every slot is free again once the senders block on their sockets."""
    started = time.monotonic()
    me = api.get("/me", timeout=10)
    assert me.status_code == 200, me.text
    assert time.monotonic() - started < 5.0
    deadline = time.monotonic() + 10.0
    while shop.ctx.db_slots._value != REQUEST_SLOTS and time.monotonic() < deadline:
        time.sleep(0.05)
    assert shop.ctx.db_slots._value == REQUEST_SLOTS


def test_unread_exports_leave_the_shop_answering(shop: RunningShop, api: Api) -> None:
    total = add_logs(shop)
    held = open_unread(api, "/export/logs")
    try:
        assert_shop_answers(shop, api)
        # A stream left waiting still completes, every line intact, newest first, none twice.
        body = read_rest(*held[0])
        assert body.endswith(b"\n")
        items: list[dict[str, Any]] = [json.loads(line) for line in body.splitlines()]
        assert len(items) == total
        assert len({i["id"] for i in items}) == len(items)
        assert [i["at"] for i in items] == sorted((i["at"] for i in items), reverse=True)
    finally:
        for response, _head in held:
            response.close()
    # Closed streams give nothing back twice: the slots are all free, the shop answers.
    assert_shop_answers(shop, api)


def test_unread_archive_downloads_leave_the_shop_answering(shop: RunningShop, api: Api) -> None:
    add_logs(shop)
    rid = completed_access(shop, api)
    held = open_unread(api, f"/requests/{rid}/result")
    try:
        assert_shop_answers(shop, api)
        first, head = held[0]
        whole = read_rest(first, head)
        assert len(whole) == int(first.headers["Content-Length"]) > 6 * 1024 * 1024
        assert hashlib.sha256(whole).hexdigest() == first.headers["X-Content-SHA256"]
    finally:
        for response, _head in held:
            response.close()
    assert_shop_answers(shop, api)


def test_no_route_takes_two_sessions() -> None:
    """A route on `stream_db` must not also reach `get_db` through `current_principal`: the
    two scopes are two sessions, two slots per request, and a full shop would deadlock."""

    def scopes(dependant: Dependant) -> set[str]:
        found: set[str] = set()
        for sub in dependant.dependencies:
            if sub.call is get_db:
                found.add(sub.scope or "request")
            found |= scopes(sub)
        return found

    routes = [r for router in ROUTERS for r in router.routes if isinstance(r, APIRoute)]
    assert routes
    for route in routes:
        assert len(scopes(route.dependant)) <= 1, route.path
    streaming = {r.path for r in routes if scopes(r.dependant) == {"function"}}
    assert {"/v1/export/{section}", "/v1/requests/{request_id}/result"} <= streaming
