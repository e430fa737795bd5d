"""Which multi-process server to run the shop under: uvicorn's supervisor, gunicorn or granian.

    python -m bench.bench_servers [--workers 2] [--seconds 6] [--clients 16] [--rounds 2]

Each server runs the same app factory (`server.worker:create_worker_app`) with the same number
of worker processes over one PostgreSQL database; `GET /v1/me` (a token lookup, an access-log
append, a small answer) by one signed-in shopper per client thread is the call. Interleaved
with each, the same server runs the bare ASGI app (bench/bare_asgi.py); rounds alternate the
order, so the shared machine's drift falls on all of them alike. Prints requests/s, p50 and
p99, each server's ratio to its own bare app and to uvicorn. Results:
bench/results/servers.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import requests

from bench.bench_load import (
    BULK_PASSWORD,
    README,
    ROOT,
    free_port,
    measure,
    seed,
    start,
    write_between,
)
from server.context import ServerConfig
from server.shops import shop_profile
from server.worker import ENV_NAME, worker_environment
from tests.support.oauth_login import sign_in
from tests.support.postgres import PostgresCluster, create_database

RESULTS = ROOT / "bench" / "results" / "servers.json"
SERVERS = ("uvicorn", "gunicorn", "granian")


def command(server: str, app: str, workers: int, port: int) -> list[str]:
    """`app` is a module:attribute; the shop's is a factory."""
    factory = app.endswith("create_worker_app")
    if server == "uvicorn":
        if factory:
            return [
                sys.executable,
                "-m",
                "server",
                "serve",
                "--workers",
                str(workers),
                "--db-url",
                os.environ["BENCH_DB_URL"],
                "--port",
                str(port),
                "--no-processor",
            ]
        return [sys.executable, "-m", "bench.bare_asgi", str(workers), str(port)]
    if server == "gunicorn":
        target = f"{app}()" if factory else app
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "-k",
            "uvicorn_worker.UvicornWorker",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            target,
        ]
    return [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "asgi",
        "--workers",
        str(workers),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        *(["--factory"] if factory else []),
        app,
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--readme", action="store_true", help="rewrite the README table")
    parser.add_argument(
        "--publish-only",
        action="store_true",
        help="re-render the README table from bench/results/servers.json",
    )
    args = parser.parse_args()
    if args.publish_only:
        publish(json.loads(RESULTS.read_text()), True)
        return
    directory = Path(tempfile.mkdtemp(prefix="privacy-servers-"))
    cluster = PostgresCluster(directory)
    rows: dict[str, dict[str, list[dict[str, Any]]]] = {
        s: {"shop": [], "bare": []} for s in SERVERS
    }
    try:
        url = create_database(cluster.start(), "servers")
        subprocess.run(  # noqa: S603
            [sys.executable, "-m", "server", "migrate", "--db-url", url],
            cwd=ROOT,
            check=True,
            capture_output=True,
            timeout=300,
        )
        seed(url, 100, 1100)  # the demo shop, and the bulk shoppers bench_load samples
        os.environ["BENCH_DB_URL"] = url
        rng = random.Random(5)
        clients = [f"load{n:06d}" for n in range(args.clients)]
        tokens: dict[str, str] = {}
        for round_no in range(args.rounds):
            order = list(SERVERS)
            rng.shuffle(order)
            for server in order:
                port = free_port()
                base = f"http://127.0.0.1:{port}"
                config = ServerConfig(db_url=url, shop=shop_profile("silumart"), public_url=base)
                env = {ENV_NAME: worker_environment(config, [])}
                for kind, app in (
                    ("shop", "server.worker:create_worker_app"),
                    ("bare", "bench.bare_asgi:app"),
                ):
                    running = start(command(server, app, args.workers, port), env=env, url=base)
                    try:
                        if kind == "shop" and not tokens:
                            # one shopper per client: the figure is the server's, not one
                            # subject's access-log lock; tokens stay valid across servers
                            for name in clients:
                                tokens[name] = str(
                                    sign_in(base, name, BULK_PASSWORD)["access_token"]
                                )

                        def me(http: requests.Session, *_: Any) -> requests.Response:
                            return http.get(f"{base}/v1/me", timeout=60)  # noqa: B023

                        row = measure(
                            f"round {round_no + 1} {server} {kind}",
                            running,
                            me,
                            clients,
                            tokens if kind == "shop" else dict.fromkeys(clients, "-"),
                            args,
                            None,
                        )
                        for extra in ("created_keys", "created_ids"):
                            row.pop(extra)
                        rows[server][kind].append(row)
                    finally:
                        running.stop()
    finally:
        cluster.stop()
        shutil.rmtree(directory, ignore_errors=True)
    summary: dict[str, Any] = {
        "workers": args.workers,
        "clients": args.clients,
        "seconds": args.seconds,
        "rounds": rows,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(summary, indent=2) + "\n")
    publish(summary, args.readme)


def render(summary: dict[str, Any]) -> str:
    """The README table: medians over the rounds (also what `bench.all` renders)."""
    rows = summary["rounds"]
    medians: dict[str, dict[str, float]] = {}
    for server in SERVERS:
        shop_rows, bare_rows = rows[server]["shop"], rows[server]["bare"]
        medians[server] = {
            "shop_rps": statistics.median(r["rps"] for r in shop_rows),
            "bare_rps": statistics.median(r["rps"] for r in bare_rows),
            "p50_ms": statistics.median(r["p50_ms"] for r in shop_rows),
            "p99_ms": statistics.median(r["p99_ms"] for r in shop_rows),
            "cpu_ms": statistics.median(r["app_cpu_ms_per_call"] for r in shop_rows),
            "low": min(r["rps"] for r in shop_rows),
            "high": max(r["rps"] for r in shop_rows),
        }
    base = medians["uvicorn"]
    lines = [
        f"{summary['workers']} worker processes each, {summary['clients']} clients (one shopper "
        f"each), `GET /v1/me` on PostgreSQL, median of {len(rows['uvicorn']['shop'])} "
        "interleaved rounds:",
        "",
        "| server | shop req/s | rounds' range | p50 | p99 | server CPU per call "
        "| bare app req/s | shop / bare | req/s vs uvicorn | CPU per call vs uvicorn |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for server, m in medians.items():
        lines.append(
            f"| {server} | {m['shop_rps']:.0f} | {m['low']:.0f}–{m['high']:.0f} "
            f"| {m['p50_ms']} ms | {m['p99_ms']} ms "
            f"| {m['cpu_ms']:.2f} ms | {m['bare_rps']:.0f} | {m['shop_rps'] / m['bare_rps']:.2f} "
            f"| {m['shop_rps'] / base['shop_rps']:.2f} | {m['cpu_ms'] / base['cpu_ms']:.2f} |"
        )
    return "\n".join(lines)


def publish(summary: dict[str, Any], write: bool) -> None:
    table = render(summary)
    print(table)
    if write:
        write_between(README, "servers", table)


if __name__ == "__main__":
    main()
