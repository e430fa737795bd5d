"""My Tracks with 1,000,000 entries over HTTP, against the same SQL run directly on the file.

    python -m bench.bench_tracks [--tracks 1000000] [--repeat 60]

Seeds the demo shop (lin.mei gets `--tracks` entries), serves it on loopback and signs in
through OAuth, then for each case (first page, deep page at 90 % by keyset cursor, text
searches) times, interleaved call by call (the order rotating):

- the project: `GET /v1/tracks` through the real server, signed in (token check, access-log
  append, the query, JSON), as the app sees it;
- the same SQL run directly on the same database file with the plain sqlite3 driver: the
  statements the route runs for that request (compiled from the route's own query builder),
  fetching every row;
- the round trip of a bare FastAPI endpoint returning 100 in-memory dicts under the same
  uvicorn, from the same client.

The target is project p95 <= 3x (direct SQL p95 + bare round-trip p95). Prints the table and
saves it to `bench/results/tracks.json`.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import requests
import uvicorn
from sqlalchemy import func, literal_column, select

import server.routes.tracks as tracks_route
from bench.baselines import bare_app
from bench.results import save
from server.context import ServerConfig
from server.db import sqlite_url
from server.demo.seeding import seed_for_demo
from server.embedded import RunningShop, listening_socket
from server.models import Track, User
from server.pagination import decode_cursor, encode_cursor
from server.schema import uses_fts
from server.shops import SILUMART
from server.timeutil import parse_rfc3339
from tests.support.oauth_login import Api, sign_in

CASES: list[tuple[str, dict[str, Any]]] = [
    ("first page (100 rows)", {}),
    ("deep page at 90 % (keyset cursor)", {"cursor": "DEEP"}),
    ("text search `蓝牙耳机` (trigram index)", {"q": "蓝牙耳机"}),
    ("text search `running`", {"q": "running"}),
    ("text search `phone case`", {"q": "phone case"}),
    ("2-character search `儿童`", {"q": "儿童"}),
    (
        "2-character search + date range",
        {"q": "耳机", "from": "2025-06-01T00:00:00Z", "to": "2025-12-31T00:00:00Z"},
    ),
]


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


class BareServer:
    """The bare FastAPI endpoint, served like the shop (same uvicorn, same socket options)."""

    def __init__(self) -> None:
        sock = listening_socket("127.0.0.1")
        sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{sock.getsockname()[1]}/items"
        config = uvicorn.Config(bare_app(), log_level="warning", access_log=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, daemon=True
        )
        self._sock = sock

    def start(self) -> BareServer:
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._sock.close()


def route_sql(shop: RunningShop, subject: int, params: dict[str, Any]) -> list[tuple[str, tuple]]:
    """The statements `GET /v1/tracks` runs for `params`, as (SQL, arguments) for sqlite3."""
    engine = shop.ctx.engine
    statements: list[Any] = []
    start = parse_rfc3339(params["from"]) if "from" in params else None
    end = parse_rfc3339(params["to"]) if "to" in params else None
    q = params.get("q")
    with engine.connect() as connection:
        if q and uses_fts(engine) and len(q) >= tracks_route.FTS_MIN_CHARS:
            phrase = tracks_route.fts_phrase(q)
            matching = select(tracks_route._FTS.c.rowid).where(
                literal_column("tracks_fts").op("MATCH")(phrase)
            )
            statements.append(
                select(func.count()).select_from(
                    matching.limit(tracks_route.FTS_DRIVE_LIMIT + 1).subquery()
                )
            )
        conditions = tracks_route._filtered(connection, subject, q=q, start=start, end=end)
        query = select(*tracks_route._TRACK_COLUMNS).where(*conditions)
        if "cursor" in params:
            at, row_id = decode_cursor(params["cursor"], [datetime, int])
            query = query.where(
                Track.at <= at, (Track.at < at) | ((Track.at == at) & (Track.id < row_id))
            )
        statements.append(query.order_by(Track.at.desc(), Track.id.desc()).limit(101))
    out = []
    for statement in statements:
        compiled = statement.compile(dialect=engine.dialect)
        values = compiled.construct_params()
        processed = []
        for name in compiled.positiontup or ():
            bind = compiled.binds[name]
            processor = bind.type.dialect_impl(engine.dialect).bind_processor(engine.dialect)
            processed.append(processor(values[name]) if processor else values[name])
        out.append((compiled.string, tuple(processed)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tracks", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=60)
    parser.add_argument("--no-save", action="store_true", help="print only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        db_file = Path(directory) / "bench.db"
        config = ServerConfig(
            db_url=sqlite_url(str(db_file)), shop=SILUMART, demo=True, run_processor=False
        )
        shop = RunningShop(config)
        started = time.perf_counter()
        seed_for_demo(shop.ctx, tracks=args.tracks)
        seeded = time.perf_counter() - started
        print(f"demo shop seeded in {seeded:.1f} s (all demo data, {args.tracks:,} tracks)")
        shop.start()
        bare = BareServer().start()
        try:
            result = measure(shop, bare, db_file, args)
        finally:
            bare.stop()
            shop.stop()
    result["seed_seconds"] = seeded
    result["settings"] = vars(args)
    print_table(result)
    if not args.no_save:
        print(f"saved {save('tracks', result)}")


def measure(
    shop: RunningShop, bare: BareServer, db_file: Path, args: argparse.Namespace
) -> dict[str, Any]:
    with shop.ctx.sessions() as session:
        user = session.scalars(select(User).where(User.username == "lin.mei")).one()
        total = session.scalar(
            select(func.count()).select_from(Track).where(Track.user_id == user.id)
        )
        deep = session.execute(
            select(Track.at, Track.id)
            .where(Track.user_id == user.id)
            .order_by(Track.at.desc(), Track.id.desc())
            .offset(int((total or 0) * 0.9))
            .limit(1)
        ).one()
    deep_cursor = encode_cursor([deep[0], deep[1]])
    api = Api(shop.url + "/v1", str(sign_in(shop.url, "lin.mei", "demo1234")["access_token"]))
    direct = sqlite3.connect(str(db_file), isolation_level=None, check_same_thread=False)
    bare_http = requests.Session()
    cases = []
    for label, raw_params in CASES:
        params = {k: (deep_cursor if v == "DEEP" else v) for k, v in raw_params.items()}
        sql = route_sql(shop, user.id, params)

        def project(params: dict[str, Any] = params) -> None:
            answer = api.get("/tracks", params={"limit": 100, **params})
            answer.raise_for_status()

        def same_sql(sql: list[tuple[str, tuple]] = sql) -> None:
            for text, arguments in sql:
                direct.execute(text, arguments).fetchall()

        def bare_round_trip() -> None:
            bare_http.get(bare.url, timeout=30).raise_for_status()

        timings = interleaved(
            {"project": project, "sql": same_sql, "bare": bare_round_trip}, args.repeat
        )
        baseline = p95(timings["sql"]) + p95(timings["bare"])
        case = {
            "case": label,
            **{f"{name}_median_ms": statistics.median(v) for name, v in timings.items()},
            **{f"{name}_p95_ms": p95(v) for name, v in timings.items()},
            "ratio": p95(timings["project"]) / baseline,
        }
        cases.append(case)
        print(
            f"{label:40} project p95 {case['project_p95_ms']:6.1f} ms   sql "
            f"{case['sql_p95_ms']:6.1f} + bare {case['bare_p95_ms']:5.1f} ms   "
            f"ratio {case['ratio']:4.2f}x",
            flush=True,
        )
    direct.close()
    return {"tracks": total, "cases": cases}


def interleaved(calls: dict[str, Callable[[], None]], repeat: int) -> dict[str, list[float]]:
    """Each call `repeat` times, one after the other in a rotating order; ms per call."""
    names = list(calls)
    for name in names:  # warm-up
        calls[name]()
    timings: dict[str, list[float]] = {name: [] for name in names}
    for index in range(repeat):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            start = time.perf_counter()
            calls[name]()
            timings[name].append((time.perf_counter() - start) * 1000)
    return timings


def print_table(result: dict[str, Any]) -> None:
    print()
    print(f"{'':40}{'project':>16}{'same SQL':>16}{'bare':>10}{'ratio':>8}")
    for case in result["cases"]:
        print(
            f"{case['case']:40}{case['project_median_ms']:7.1f}/{case['project_p95_ms']:6.1f} ms"
            f"{case['sql_median_ms']:7.1f}/{case['sql_p95_ms']:6.1f} ms"
            f"{case['bare_p95_ms']:7.1f} ms{case['ratio']:7.2f}x"
        )
    print("(median/p95; ratio = project p95 / (same SQL p95 + bare round-trip p95), target <= 3)")


def render(result: dict[str, Any]) -> str:
    """The README table (between the `bench:tracks` markers), from a saved result."""
    s, m = result["settings"], result["machine"]
    lines = [
        f"`python -m bench.bench_tracks`: {result['tracks']:,} entries, SQLite, signed in, "
        f"{s['repeat']} calls each, interleaved with the same SQL run directly on the same file "
        f"and a bare FastAPI endpoint's round trip ({m['cpus']} cores, Python {m['python']}):",
        "",
        "| what | this server, median | p95 | same SQL, p95 | bare round trip, p95 | ratio |",
        "|---|---|---|---|---|---|",
    ]
    for c in result["cases"]:
        lines.append(
            f"| {c['case']} | {c['project_median_ms']:.1f} ms | {c['project_p95_ms']:.1f} ms | "
            f"{c['sql_p95_ms']:.1f} ms | {c['bare_p95_ms']:.1f} ms | **{c['ratio']:.2f}×** |"
        )
    lines += [
        "",
        "Ratio: this server's p95 over (the same SQL's p95 + the bare round trip's p95); "
        "target ≤ 3.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
