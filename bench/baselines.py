"""The bare baselines the HTTP benchmarks compare the project against, each a tiny server.

    python -m bench.baselines minimal --db PATH --port N   # same work, plain sqlite3 driver
    python -m bench.baselines bare --port N                 # 100 in-memory dicts, nothing else

`minimal` is the hand-written minimum of `GET /v1/tracks?limit=100`: the bearer token checked
against the shop's own `access_tokens` table, one access-log entry appended to the subject's
hash chain (BEGIN IMMEDIATE, tip, SHA-256, insert, commit), the keyset query for 100 rows plus
one, JSON out; a sync FastAPI route (one worker-thread hop), one sqlite3 connection per thread,
no ORM, no models, no middleware. Its log entries are real chain links, so the shop's chain
still verifies after a run. `bare` is a FastAPI endpoint returning 100 in-memory dicts.

Both run under the same uvicorn, Python and socket options as the project (`server.embedded`).
`--json` picks the encoder of the minimal baseline: `orjson` (the project's) by default, so the
comparison is of the layers alone; `json` is the stdlib one.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import sqlite3
import sys
import threading
from datetime import UTC, datetime
from typing import Any

import orjson
import uvicorn
from fastapi import FastAPI, Request, Response

from server.embedded import listening_socket

GENESIS = "0" * 64


def _rfc3339(stored: str) -> str:
    """SQLAlchemy's SQLite text `YYYY-MM-DD HH:MM:SS.ffffff` (UTC) as the API writes it."""
    fraction = stored[20:26].rstrip("0")
    return f"{stored[:10]}T{stored[11:19]}{'.' + stored[20:26] if fraction else ''}Z"


def minimal_app(db_path: str, encoder: str = "json") -> FastAPI:
    app = FastAPI()
    local = threading.local()

    def connection() -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA busy_timeout=30000")
            local.conn = conn
        return conn

    def dumps(value: Any) -> bytes:
        if encoder == "orjson":
            return orjson.dumps(value)
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()

    def denied() -> Response:
        return Response(b'{"code":"invalid_token"}', 401, media_type="application/json")

    @app.get("/v1/tracks")
    def tracks(request: Request, limit: int = 100, cursor: str | None = None) -> Response:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer":
            return denied()
        conn = connection()
        now = datetime.now(UTC)
        found = conn.execute(
            "SELECT t.subject_id, t.expires_at, t.revoked, t.scope, u.display_name, u.closed_at"
            " FROM access_tokens t JOIN users u ON u.id = t.subject_id WHERE t.token_hash = ?",
            (hashlib.sha256(token.strip().encode()).hexdigest(),),
        ).fetchone()
        stamp = now.strftime("%Y-%m-%d %H:%M:%S.%f")
        if found is None or found[2] or found[1] <= stamp or found[5] is not None:
            return denied()
        if "privacy.read" not in found[3].split():
            return denied()
        subject, actor = found[0], found[4]
        # the access-log append: the subject's chain, serialized by the write lock
        conn.execute("BEGIN IMMEDIATE")
        try:
            tip = conn.execute(
                "SELECT seq, hash FROM access_log WHERE user_id = ? ORDER BY seq DESC LIMIT 1",
                (subject,),
            ).fetchone()
            seq, prev = (tip[0] + 1, tip[1]) if tip else (1, GENESIS)
            fields = {
                "seq": seq,
                "at": now.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                "actor": actor,
                "role": "subject",
                "action": "read",
                "resource": "/v1/tracks",
                "reason": None,
                "prev_hash": prev,
            }
            digest = hashlib.sha256(
                json.dumps(
                    fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False
                ).encode()
            ).hexdigest()
            conn.execute(
                "INSERT INTO access_log (user_id, seq, at, actor, role, action, resource,"
                " reason, prev_hash, hash) VALUES (?, ?, ?, ?, 'subject', 'read', ?, NULL, ?, ?)",
                (subject, seq, stamp, actor, "/v1/tracks", prev, digest),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        # the keyset page, newest first
        if cursor:
            at, row_id = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
            at = at.replace("T", " ").rstrip("Z")
            rows = conn.execute(
                "SELECT id, kind, text, item_ref, at FROM tracks WHERE user_id = ? AND at <= ?"
                " AND (at < ? OR (at = ? AND id < ?)) ORDER BY at DESC, id DESC LIMIT ?",
                (subject, at, at, at, row_id, limit + 1),
            ).fetchall()
        else:
            rows = conn.execute(
                "SELECT id, kind, text, item_ref, at FROM tracks WHERE user_id = ?"
                " ORDER BY at DESC, id DESC LIMIT ?",
                (subject, limit + 1),
            ).fetchall()
        next_cursor = None
        if len(rows) > limit:
            last = rows[limit - 1]
            raw = json.dumps([_rfc3339(last[4]), last[0]], separators=(",", ":")).encode()
            next_cursor = base64.urlsafe_b64encode(raw).decode().rstrip("=")
        items = [
            {"id": str(r[0]), "kind": r[1], "text": r[2], "item_ref": r[3], "at": _rfc3339(r[4])}
            for r in rows[:limit]
        ]
        return Response(
            dumps({"items": items, "next_cursor": next_cursor}), media_type="application/json"
        )

    return app


BARE_ITEMS = [
    {
        "id": str(400 - i),
        "kind": "search" if i % 3 else "view",
        "text": f"蓝牙耳机 降噪 入耳式 {i}",
        "item_ref": None if i % 3 else f"item-{i:010d}",
        "at": f"2026-11-{1 + i % 28:02d}T12:{i % 60:02d}:00Z",
    }
    for i in range(100)
]


def bare_app() -> FastAPI:
    app = FastAPI()

    @app.get("/items")
    async def items() -> dict[str, Any]:
        return {"items": BARE_ITEMS, "next_cursor": None}

    return app


def serve(app: FastAPI, host: str, port: int) -> None:
    sock = listening_socket(host)
    sock.bind((host, port))
    print(f"serving at http://{host}:{sock.getsockname()[1]}", flush=True)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
    uvicorn.Server(config).run(sockets=[sock])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("kind", choices=["minimal", "bare"])
    parser.add_argument("--db", help="the shop's SQLite file (minimal)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--json", choices=["json", "orjson"], default="orjson")
    args = parser.parse_args(argv)
    if args.kind == "minimal":
        if not args.db:
            parser.error("minimal needs --db")
        serve(minimal_app(args.db, args.json), args.host, args.port)
    else:
        serve(bare_app(), args.host, args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
