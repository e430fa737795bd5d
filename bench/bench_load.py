"""Load on the shop server: 1, 2 and 4 workers on PostgreSQL beside single-process SQLite.

    python -m bench.bench_load [--tracks 1000000] [--shoppers 10000] [--workers 1,2,4]
                               [--seconds 8] [--clients 16] [--readme]

One shopper has `--tracks` My Tracks entries and the shop has `--shoppers` accounts. For each
set-up the server runs as real processes (`python -m server serve [--workers N]`), and a bounded
load generator in this process (`--clients` threads on keep-alive connections, each for at most
`--seconds` seconds and `MAX_CALLS_PER_CLIENT` calls, 127.0.0.1 only) measures requests per
second, p50 and p99 for:

* `tracks`: the million-track shopper pages My Tracks (first page, then next pages by cursor);
* `requests`: sampled shoppers list their privacy requests;
* `access_log`: sampled shoppers list their access log;
* `create`: sampled shoppers file a complaint (POST /v1/requests with an Idempotency-Key).

Interleaved with each set-up, a bare ASGI app (bench/bare_asgi.py: a constant JSON answer, no
database) runs under the same server with the same worker count; the ratio says how much of the
machine the shop's own work takes. The CPU time of the server processes and of PostgreSQL is
read from /proc around each scenario, giving CPU milliseconds per request: the basis of the
arithmetic in docs/SCALING.md.

After the load, a correctness check on each database: every 201 is exactly one new request and
one idempotency record (no duplicates), and every sampled shopper's access-log chain is whole
(seq without gaps, each entry linked to the one before, hashes recomputed).

Results go to bench/results/load.json; `--readme` also rewrites the README table between
`<!-- bench:load -->` and `<!-- /bench:load -->`. The issue-10 load generator (bench/load.py)
was not on main when this was written, so the small one here is self-contained.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import create_engine, func, insert, select, text
from sqlalchemy.orm import Session

from server.audit import GENESIS_HASH, entry_hash, hashed_fields
from server.auth.passwords import hash_password
from server.context import ServerConfig, ShopContext
from server.db import sqlite_url
from server.demo.seeding import seed_for_demo
from server.models import AccessLogEntry, IdempotencyRecord, PrivacyRequest, User
from server.shops import shop_profile
from tests.support.oauth_login import sign_in
from tests.support.postgres import PostgresCluster, create_database

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "load.json"
README = ROOT / "README.md"
SCALING = ROOT / "docs" / "SCALING.md"
MAX_CALLS_PER_CLIENT = 5000
SAMPLED_SHOPPERS = 24  # shoppers who list (each with PRESEEDED_REQUESTS requests filed)
PRESEEDED_REQUESTS = 25  # so every set-up lists the same amount, whatever others filed
BULK_PASSWORD = "load1234"  # noqa: S105  (throwaway bench accounts)
MILLION_SHOPPER = ("lin.mei", "demo1234")
SCENARIOS = ("tracks", "requests", "access_log", "create")
_URL = re.compile(r"(?:serving the privacy API at|Uvicorn running on) (http://\S+)")
TICKS = os.sysconf("SC_CLK_TCK")


# --- processes and their CPU time ---------------------------------------------------------


def tree_cpu_seconds(root_pid: int) -> float:
    """User + system CPU seconds of a process and all its descendants (from /proc)."""
    total = 0.0
    stack = [root_pid]
    while stack:
        pid = stack.pop()
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            # own time, and that of children already reaped (PostgreSQL's ended backends)
            total += sum(int(f) for f in fields[11:15]) / TICKS
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except (OSError, IndexError, ValueError):
            continue
        stack.extend(int(c) for c in children)
    return total


def postmaster_pid(data_dir: Path) -> int:
    return int((data_dir / "postmaster.pid").read_text().split()[0])


@dataclass
class Server:
    process: subprocess.Popen[str]
    url: str

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.communicate()


def start(
    command: list[str],
    env: dict[str, str] | None = None,
    timeout: float = 120,
    url: str | None = None,
) -> Server:
    """Start a server process; its URL is read from its output unless given."""
    process = subprocess.Popen(  # noqa: S603  (our own commands)
        command,
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        env={**os.environ, **(env or {})},
    )
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    while url is None:
        line = process.stdout.readline()
        if not line:
            raise RuntimeError(f"{command[:4]} exited: {process.communicate()[0]}")
        found = _URL.search(line)
        url = found.group(1) if found else None
        if time.monotonic() > deadline:
            raise RuntimeError(f"{command[:4]} did not start")
    # drain the rest of the output so a chatty server never blocks on a full pipe
    threading.Thread(target=lambda: [None for _ in process.stdout or ()], daemon=True).start()
    while time.monotonic() < deadline:
        try:
            if requests.get(url + "/", timeout=5).status_code < 500:
                return Server(process, url.rstrip("/"))
        except requests.RequestException:
            time.sleep(0.2)
    raise RuntimeError(f"{command[:4]} did not answer")


def shop_command(db_args: list[str], workers: int) -> list[str]:
    command = [sys.executable, "-m", "server", "serve", *db_args, "--port", "0", "--no-processor"]
    command += ["--requests-per-day", "0"]  # the filers file thousands: measure, not throttle
    return [*command, "--workers", str(workers)] if workers > 1 else command


def bare_command(workers: int) -> list[str]:
    return [sys.executable, "-m", "bench.bare_asgi", str(workers)]


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# --- data ---------------------------------------------------------------------------------


def seed(db_url: str, tracks: int, shoppers: int) -> float:
    """The demo shop with a `tracks`-entry shopper, plus bulk accounts up to `shoppers`."""
    started = time.perf_counter()
    ctx = ShopContext(ServerConfig(db_url=db_url, shop=shop_profile("silumart"), demo=True))
    try:
        seed_for_demo(ctx, tracks=tracks)
        with ctx.sessions() as db:
            have = int(
                db.scalar(select(func.count()).select_from(User).where(User.role == "shopper")) or 0
            )
        password_hash = hash_password(BULK_PASSWORD)  # one hash for all: seeding stays fast
        now = datetime.now(UTC)
        rows = [
            {
                "username": f"load{n:06d}",
                "password_hash": password_hash,
                "role": "shopper",
                "customer_no": f"L{n:09d}",
                "display_name": f"Load shopper {n}",
                "created_at": now,
            }
            for n in range(max(0, shoppers - have))
        ]
        with ctx.engine.begin() as conn:
            for begin in range(0, len(rows), 5000):
                conn.execute(insert(User), rows[begin : begin + 5000])
    finally:
        ctx.dispose()
    preseed_requests(db_url, sampled_shoppers(SAMPLED_SHOPPERS)[0])
    return time.perf_counter() - started


def sampled_shoppers(count: int) -> tuple[list[str], list[str]]:
    """Two groups of bulk shoppers: those who list, and those who file requests.

    Kept apart so the lists cost the same in every set-up: a lister's requests are the ones
    seeded for it, not the ones filed during earlier set-ups.
    """
    rng = random.Random(14)
    picked = [f"load{n:06d}" for n in rng.sample(range(1000), 2 * count)]
    return picked[:count], picked[count:]


def preseed_requests(db_url: str, usernames: list[str]) -> None:
    """PRESEEDED_REQUESTS complaints for each lister, through the server's own create path."""
    from server.requests_flow import Filer, create_request

    ctx = ShopContext(ServerConfig(db_url=db_url, shop=shop_profile("silumart"), demo=True))
    try:
        with ctx.sessions() as db:
            for name in usernames:
                uid = db.scalars(select(User.id).where(User.username == name)).one()
                for n in range(PRESEEDED_REQUESTS):
                    create_request(
                        db,
                        ctx,
                        Filer(uid, "subject", name),
                        "complaint",
                        {"text": f"seeded complaint {n}"},
                        None,
                    )
            db.commit()
    finally:
        ctx.dispose()


def tokens_for(url: str, usernames: list[str]) -> dict[str, str]:
    found = {MILLION_SHOPPER[0]: str(sign_in(url, *MILLION_SHOPPER)["access_token"])}
    for name in usernames:
        found[name] = str(sign_in(url, name, BULK_PASSWORD)["access_token"])
    return found


# --- the load generator ---------------------------------------------------------------------


@dataclass
class Outcome:
    latencies_ms: list[float] = field(default_factory=list)
    status: dict[int, int] = field(default_factory=dict)
    created_keys: list[str] = field(default_factory=list)
    created_ids: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


Call = Callable[[requests.Session, random.Random, dict[str, Any]], requests.Response]


def scenario_call(name: str, base: str, tokens: dict[str, str]) -> tuple[Call, list[str]]:
    """What one client does per call, and which shoppers' tokens it uses."""
    listers, filers = sampled_shoppers(SAMPLED_SHOPPERS)
    if name == "tracks":

        def tracks(
            http: requests.Session, _rng: random.Random, state: dict[str, Any]
        ) -> requests.Response:
            params: dict[str, Any] = {"limit": 50}
            if state.get("cursor") and state.get("depth", 0) < 20:
                params["cursor"] = state["cursor"]
                state["depth"] = state.get("depth", 0) + 1
            else:
                state["depth"] = 0
            answer = http.get(f"{base}/v1/tracks", params=params, timeout=60)
            state["cursor"] = answer.json().get("next_cursor") if answer.ok else None
            return answer

        return tracks, [MILLION_SHOPPER[0]]
    if name in ("requests", "access_log"):
        path = "/v1/requests" if name == "requests" else "/v1/access-log"

        def listing(
            http: requests.Session, _rng: random.Random, _state: dict[str, Any]
        ) -> requests.Response:
            return http.get(f"{base}{path}", params={"limit": 20}, timeout=60)

        return listing, listers

    def create(
        http: requests.Session, _rng: random.Random, state: dict[str, Any]
    ) -> requests.Response:
        key = str(uuid.uuid4())
        state["key"] = key
        return http.post(
            f"{base}/v1/requests",
            timeout=60,
            json={"type": "complaint", "details": {"text": "load test"}},
            headers={"Idempotency-Key": key},
        )

    return create, filers


def run_load(
    call: Call, users: list[str], tokens: dict[str, str], clients: int, seconds: float
) -> tuple[Outcome, float]:
    outcome = Outcome()
    stop_at = time.monotonic() + seconds

    def client(index: int) -> None:
        rng = random.Random(index)
        user = users[index % len(users)]
        state: dict[str, Any] = {}
        with requests.Session() as http:
            http.headers["Authorization"] = f"Bearer {tokens[user]}"
            for _ in range(MAX_CALLS_PER_CLIENT):
                if time.monotonic() >= stop_at:
                    break
                began = time.perf_counter()
                try:
                    answer = http_call(call, http, rng, state)
                    code = answer.status_code
                except requests.RequestException:
                    code = 0
                elapsed = (time.perf_counter() - began) * 1000
                with outcome.lock:
                    outcome.latencies_ms.append(elapsed)
                    outcome.status[code] = outcome.status.get(code, 0) + 1
                    if code == 201 and "key" in state:
                        outcome.created_keys.append(state["key"])
                        outcome.created_ids.append(str(answer.json()["id"]))

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    return outcome, time.perf_counter() - began


def http_call(
    call: Call, http: requests.Session, rng: random.Random, state: dict[str, Any]
) -> requests.Response:
    state.pop("key", None)
    return call(http, rng, state)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def measure(
    label: str,
    server: Server,
    call: Call,
    users: list[str],
    tokens: dict[str, str],
    args: argparse.Namespace,
    db_pid: int | None,
) -> dict[str, Any]:
    app_before = tree_cpu_seconds(server.process.pid)
    db_before = tree_cpu_seconds(db_pid) if db_pid else 0.0
    outcome, wall = run_load(call, users, tokens, args.clients, args.seconds)
    app_cpu = tree_cpu_seconds(server.process.pid) - app_before
    db_cpu = (tree_cpu_seconds(db_pid) - db_before) if db_pid else 0.0
    done = len(outcome.latencies_ms)
    ok = sum(n for code, n in outcome.status.items() if 200 <= code < 300)
    row = {
        "label": label,
        "calls": done,
        "ok": ok,
        "status": outcome.status,
        "rps": round(ok / wall, 1) if wall else 0.0,
        "p50_ms": round(statistics.median(outcome.latencies_ms), 1) if done else None,
        "p99_ms": round(percentile(outcome.latencies_ms, 0.99), 1) if done else None,
        "app_cpu_ms_per_call": round(1000 * app_cpu / ok, 2) if ok else None,
        "db_cpu_ms_per_call": round(1000 * db_cpu / ok, 2) if ok and db_pid else None,
        "created_keys": outcome.created_keys,
        "created_ids": outcome.created_ids,
    }
    print(
        f"  {label:<28} {row['rps']:>8.1f} req/s  p50 {row['p50_ms']} ms  p99 "
        f"{row['p99_ms']} ms  app {row['app_cpu_ms_per_call']} cpu-ms/call  db "
        f"{row['db_cpu_ms_per_call']} cpu-ms/call  status {outcome.status}",
        flush=True,
    )
    return row


# --- correctness after the load --------------------------------------------------------------


def check_database(
    db_url: str, created_ids: list[str], since: datetime, before_requests: int, users: list[str]
) -> dict[str, Any]:
    """After the load: one new request and one idempotency record per 201, chains whole."""
    engine = create_engine(db_url)
    try:
        with Session(engine) as db:
            now_requests = int(db.scalar(select(func.count()).select_from(PrivacyRequest)) or 0)
            records = int(
                db.scalar(
                    select(func.count())
                    .select_from(IdempotencyRecord)
                    .where(IdempotencyRecord.created_at >= since)
                )
                or 0
            )
            chains_ok = True
            entries_checked = 0
            for name in users:
                uid = db.scalars(select(User.id).where(User.username == name)).one()
                previous = GENESIS_HASH
                query = (
                    select(AccessLogEntry)
                    .where(AccessLogEntry.user_id == uid)
                    .order_by(AccessLogEntry.seq)
                )
                for seq, entry in enumerate(db.scalars(query), start=1):
                    entries_checked += 1
                    if (
                        entry.seq != seq
                        or entry.prev_hash != previous
                        or entry.hash != entry_hash(hashed_fields(entry))
                    ):
                        chains_ok = False
                    previous = entry.hash
    finally:
        engine.dispose()
    result: dict[str, Any] = {
        "created_201": len(created_ids),
        "distinct_ids": len(set(created_ids)),
        "new_requests": now_requests - before_requests,
        "idempotency_records": records,
        "chains_whole": chains_ok,
        "chain_entries_checked": entries_checked,
    }
    result["ok"] = chains_ok and (
        result["new_requests"] == len(created_ids) == result["distinct_ids"] == records
    )
    return result


def count_requests(db_url: str) -> int:
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM privacy_requests")).scalar() or 0)
    finally:
        engine.dispose()


# --- the run --------------------------------------------------------------------------------


def run_setup(
    label: str,
    db_args: list[str],
    db_url: str,
    workers: int,
    args: argparse.Namespace,
    db_pid: int | None,
) -> dict[str, Any]:
    print(f"{label}:", flush=True)
    listers, filers = sampled_shoppers(SAMPLED_SHOPPERS)
    users = listers + filers
    before = count_requests(db_url)
    shop = start(shop_command(db_args, workers))
    try:
        tokens = tokens_for(shop.url, users)
        rows = {}
        created: list[str] = []
        since = datetime.now(UTC)
        for name in SCENARIOS:
            call, who = scenario_call(name, shop.url, tokens)
            rows[name] = measure(f"{name}", shop, call, who, tokens, args, db_pid)
            rows[name].pop("created_keys")
            created += rows[name].pop("created_ids")
    finally:
        shop.stop()
    # the bare baseline, same server and worker count, right after (interleaved)
    bare = start(bare_command(workers))
    try:

        def bare_get(
            http: requests.Session, _rng: random.Random, _state: dict[str, Any]
        ) -> requests.Response:
            return http.get(f"{bare.url}/v1/me", timeout=60)

        baseline = measure(
            "bare ASGI app (baseline)", bare, bare_get, ["bare"], {"bare": "-"}, args, None
        )
        baseline.pop("created_keys")
        baseline.pop("created_ids")
    finally:
        bare.stop()
    check = check_database(db_url, created, since, before, [MILLION_SHOPPER[0], *users])
    print(f"  correctness: {check}", flush=True)
    for row in rows.values():
        row["vs_bare"] = round(row["rps"] / baseline["rps"], 3) if baseline["rps"] else None
    return {"label": label, "workers": workers, "scenarios": rows, "bare": baseline, "check": check}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tracks", type=int, default=1_000_000)
    parser.add_argument("--shoppers", type=int, default=10_000)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument(
        "--readme",
        action="store_true",
        help="rewrite the README table and the basis in docs/SCALING.md",
    )
    parser.add_argument(
        "--publish-only",
        action="store_true",
        help="re-render README/SCALING from bench/results/load.json, no run",
    )
    args = parser.parse_args()
    if args.publish_only:
        publish(json.loads(RESULTS.read_text()), True)
        return
    worker_counts = [int(w) for w in args.workers.split(",")]
    directory = Path(tempfile.mkdtemp(prefix="privacy-load-"))
    cluster = PostgresCluster(directory)
    results: dict[str, Any] = {
        "tracks": args.tracks,
        "shoppers": args.shoppers,
        "clients": args.clients,
        "seconds_per_scenario": args.seconds,
        "cpus": os.cpu_count(),
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "setups": [],
    }
    try:
        pg_url = create_database(cluster.start(), "load")
        subprocess.run(  # noqa: S603
            [sys.executable, "-m", "server", "migrate", "--db-url", pg_url],
            cwd=ROOT,
            check=True,
            capture_output=True,
            timeout=300,
        )
        results["seed_postgres_s"] = round(seed(pg_url, args.tracks, args.shoppers), 1)
        sqlite_file = directory / "load.db"
        results["seed_sqlite_s"] = round(
            seed(sqlite_url(str(sqlite_file)), args.tracks, args.shoppers), 1
        )
        print(
            f"seeded: PostgreSQL {results['seed_postgres_s']} s, SQLite "
            f"{results['seed_sqlite_s']} s",
            flush=True,
        )
        db_pid = postmaster_pid(cluster.data)
        results["setups"].append(
            run_setup(
                "SQLite, 1 process",
                ["--db", str(sqlite_file)],
                sqlite_url(str(sqlite_file)),
                1,
                args,
                None,
            )
        )
        for workers in worker_counts:
            results["setups"].append(
                run_setup(
                    f"PostgreSQL, {workers} worker{'s' if workers > 1 else ''}",
                    ["--db-url", pg_url],
                    pg_url,
                    workers,
                    args,
                    db_pid,
                )
            )
        # after the load, so the access log has its entries too
        results["sizes"] = table_sizes(pg_url)
    finally:
        cluster.stop()
        shutil.rmtree(directory, ignore_errors=True)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    publish(results, args.readme)


def publish(results: dict[str, Any], write: bool) -> None:
    table = render(results)
    print(table)
    basis = sizing(results)
    print(basis)
    if write:
        write_between(README, "load", table)
        write_between(SCALING, "load-basis", basis)


def table_sizes(db_url: str) -> dict[str, Any]:
    """On-disk bytes per row of the two big tables (with their indexes), for SCALING.md."""
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            conn.execute(text("ANALYZE"))
            out = {}
            for table in ("tracks", "access_log", "users", "privacy_requests"):  # fixed names
                rows = int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() or 0)  # noqa: S608
                size = int(
                    conn.execute(text(f"SELECT pg_total_relation_size('{table}')")).scalar() or 0
                )
                out[table] = {
                    "rows": rows,
                    "bytes": size,
                    "bytes_per_row": round(size / rows, 1) if rows else None,
                }
            return out
    finally:
        engine.dispose()


def render(results: dict[str, Any]) -> str:
    lines = [
        f"{results['tracks']:,} tracks for one shopper, {results['shoppers']:,} shoppers; "
        f"{results['clients']} client threads for {results['seconds_per_scenario']:g} s per "
        f"cell, on {results['cpus']} CPU cores shared by client, server and database "
        f"({results['when']}). req/s · p50 · p99; the last column is the bare ASGI app under "
        "the same server and worker count. Any answer that was not 2xx is counted in bold.",
        "",
        "| set-up | My Tracks pages | request list | access-log list | file a request "
        "| bare app | after the load |",
        "|---|---|---|---|---|---|---|",
    ]
    for setup in results["setups"]:
        cells = []
        for name in SCENARIOS:
            row = setup["scenarios"][name]
            failed = {c: n for c, n in row["status"].items() if not 200 <= int(c) < 300}
            errors = "".join(f" · **{n}× {c}**" for c, n in sorted(failed.items()))
            cells.append(f"{row['rps']:.0f} · {row['p50_ms']} ms · {row['p99_ms']} ms{errors}")
        bare = setup["bare"]
        check = setup["check"]
        verdict = ("correct" if check["ok"] else "**WRONG**") + (
            f" ({check['created_201']} filed = {check['new_requests']} new, chains whole)"
            if check["ok"]
            else f" {check}"
        )
        lines.append(
            f"| {setup['label']} | "
            + " | ".join(cells)
            + f" | {bare['rps']:.0f} · {bare['p50_ms']} ms | {verdict} |"
        )
    lines += [
        "",
        "CPU per successful call (server processes · PostgreSQL):",
        "",
        "| set-up | My Tracks page | request list | access-log list | file a request |",
        "|---|---|---|---|---|",
    ]
    for setup in results["setups"]:
        cells = []
        for name in SCENARIOS:
            row = setup["scenarios"][name]
            db = f" · {row['db_cpu_ms_per_call']}" if row["db_cpu_ms_per_call"] else ""
            cells.append(f"{row['app_cpu_ms_per_call']}{db} ms")
        lines.append(f"| {setup['label']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_between(path: Path, name: str, table: str) -> None:
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    content = path.read_text()
    if start not in content:
        raise SystemExit(f"{path.name} has no {start} marker")
    head, rest = content.split(start, 1)
    _old, tail = rest.split(end, 1)
    path.write_text(f"{head}{start}\n{table}\n{end}{tail}")


# The sizing in docs/SCALING.md: assumptions (stated there) times the measured costs.
SHOPPERS_AT_SCALE = 50_000_000
TRACKS_AT_SCALE = 10_000_000_000
DAILY_ACTIVE_SHARE = 0.02  # 2 % of shoppers open their privacy dashboard on a given day
CALLS_PER_VISIT = 30  # pages of tracks, lists, the access log
PEAK_TO_MEAN = 10  # the busiest second against the day's average
REQUESTS_PER_SHOPPER_YEAR = 0.05  # privacy requests filed per shopper per year
CPU_HEADROOM = 0.6  # plan cores to run at most 60 % busy


def sizing(results: dict[str, Any]) -> str:
    """The arithmetic of docs/SCALING.md from the measured per-call costs and row sizes."""
    pg = [s for s in results["setups"] if s["label"].startswith("PostgreSQL")]
    best = max(pg, key=lambda s: s["scenarios"]["tracks"]["rps"])

    def cost(name: str, key: str) -> float:
        # the median over the PostgreSQL set-ups of one scenario's CPU ms per call
        values = [s["scenarios"][name][key] for s in pg if s["scenarios"][name][key]]
        return float(statistics.median(values)) if values else 0.0

    reads = ("tracks", "requests", "access_log")
    app_read = statistics.mean(cost(n, "app_cpu_ms_per_call") for n in reads)
    db_read = statistics.mean(cost(n, "db_cpu_ms_per_call") for n in reads)
    app_create = cost("create", "app_cpu_ms_per_call")
    db_create = cost("create", "db_cpu_ms_per_call")
    calls_day = SHOPPERS_AT_SCALE * DAILY_ACTIVE_SHARE * CALLS_PER_VISIT
    mean_rps = calls_day / 86_400
    peak_rps = mean_rps * PEAK_TO_MEAN
    creates_s = SHOPPERS_AT_SCALE * REQUESTS_PER_SHOPPER_YEAR / (365 * 86_400) * PEAK_TO_MEAN
    app_cores = (peak_rps * app_read + creates_s * app_create) / 1000 / CPU_HEADROOM
    db_cores = (peak_rps * db_read + creates_s * db_create) / 1000 / CPU_HEADROOM
    sizes = results["sizes"]
    track_bytes = sizes["tracks"]["bytes_per_row"] or 0.0
    log_bytes = sizes["access_log"]["bytes_per_row"] or 0.0
    user_bytes = sizes["users"]["bytes_per_row"] or 0.0
    log_rows_year = calls_day * 365  # every authenticated call appends one entry
    tib = 1024**4
    rows = [
        ("measured: server CPU per list call (PostgreSQL set-ups, median)", f"{app_read:.2f} ms"),
        ("measured: PostgreSQL CPU per list call", f"{db_read:.2f} ms"),
        ("measured: server CPU per filed request", f"{app_create:.2f} ms"),
        ("measured: PostgreSQL CPU per filed request", f"{db_create:.2f} ms"),
        ("measured: bytes per track row with its indexes", f"{track_bytes:.0f} B"),
        ("measured: bytes per access-log entry with its indexes", f"{log_bytes:.0f} B"),
        ("measured: bytes per account row", f"{user_bytes:.0f} B"),
        (
            f"measured: best PostgreSQL set-up here ({best['label']}), My Tracks pages",
            f"{best['scenarios']['tracks']['rps']:.0f} req/s on {results['cpus']} shared cores",
        ),
        (
            f"calls per day: {SHOPPERS_AT_SCALE:,} × {DAILY_ACTIVE_SHARE:.0%} × {CALLS_PER_VISIT}",
            f"{calls_day:,.0f}",
        ),
        (f"peak calls per second (mean × {PEAK_TO_MEAN})", f"{peak_rps:,.0f}"),
        ("peak filed requests per second", f"{creates_s:.2f}"),
        (f"server cores at peak (at most {CPU_HEADROOM:.0%} busy)", f"{app_cores:,.0f}"),
        ("database cores at peak, all on one primary (before replicas)", f"{db_cores:,.0f}"),
        (f"tracks: {TRACKS_AT_SCALE:,} rows", f"{TRACKS_AT_SCALE * track_bytes / tib:,.1f} TiB"),
        ("access-log entries per year (one per call)", f"{log_rows_year:,.0f}"),
        ("access log per year", f"{log_rows_year * log_bytes / tib:,.1f} TiB"),
        (
            f"accounts: {SHOPPERS_AT_SCALE:,} rows",
            f"{SHOPPERS_AT_SCALE * user_bytes / 1024**3:,.1f} GiB",
        ),
    ]
    lines = [
        f"From `bench/results/load.json` ({results['when']}, {results['tracks']:,} tracks, "
        f"{results['shoppers']:,} shoppers):",
        "",
        "| quantity | value |",
        "|---|---|",
    ]
    lines += [f"| {name} | {value} |" for name, value in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
