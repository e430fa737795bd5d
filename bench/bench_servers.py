"""Which multi-process server to run the shop under: uvicorn's supervisor, gunicorn or granian.

    python -m bench.bench_servers [--workers 2] [--seconds 6] [--clients 16] [--rounds 2]

Each server runs the same app factory (`server.worker:create_worker_app`) with the same number
of worker processes over one PostgreSQL database; a signed-in shopper's `GET /v1/me` (a token
lookup, an access-log append, a small answer) is the call. Interleaved with each, the same
server runs the bare ASGI app (bench/bare_asgi.py); rounds alternate the order, so the shared
machine's drift falls on all of them alike. Prints requests/s, p50 and p99, each server's ratio
to its own bare app and to uvicorn. Results: bench/results/servers.json.
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
    MILLION_SHOPPER,
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
    args = parser.parse_args()
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
                        if kind == "shop":
                            token = str(sign_in(base, *MILLION_SHOPPER)["access_token"])
                        else:
                            token = "-"  # noqa: S105  (the bare app takes any token)

                        def me(http: requests.Session, *_: Any) -> requests.Response:
                            return http.get(f"{base}/v1/me", timeout=60)  # noqa: B023

                        row = measure(
                            f"round {round_no + 1} {server} {kind}",
                            running,
                            me,
                            ["u"],
                            {"u": token},
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
        "median": {},
    }
    for server in SERVERS:
        shop = statistics.median(r["rps"] for r in rows[server]["shop"])
        bare = statistics.median(r["rps"] for r in rows[server]["bare"])
        summary["median"][server] = {
            "shop_rps": shop,
            "bare_rps": bare,
            "shop_vs_bare": round(shop / bare, 3),
            "p50_ms": statistics.median(r["p50_ms"] for r in rows[server]["shop"]),
            "p99_ms": statistics.median(r["p99_ms"] for r in rows[server]["shop"]),
        }
    base_rps = summary["median"]["uvicorn"]["shop_rps"]
    print(
        f"\n{args.workers} workers, {args.clients} clients, GET /v1/me, median of "
        f"{args.rounds} rounds:"
    )
    for server, m in summary["median"].items():
        m["vs_uvicorn"] = round(m["shop_rps"] / base_rps, 3)
        print(
            f"  {server:<9} {m['shop_rps']:>7.1f} req/s  p50 {m['p50_ms']} ms  p99 "
            f"{m['p99_ms']} ms  bare {m['bare_rps']:.1f} req/s  shop/bare "
            f"{m['shop_vs_bare']}  vs uvicorn {m['vs_uvicorn']}"
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(summary, indent=2) + "\n")
    lines = [
        f"{args.workers} worker processes each, {args.clients} clients, a signed-in `GET /v1/me` "
        f"on PostgreSQL, median of {args.rounds} interleaved rounds:",
        "",
        "| server | shop req/s | p50 | p99 | bare app req/s | shop / bare | shop vs uvicorn |",
        "|---|---|---|---|---|---|---|",
    ]
    for server, m in summary["median"].items():
        lines.append(
            f"| {server} | {m['shop_rps']:.0f} | {m['p50_ms']} ms | {m['p99_ms']} ms "
            f"| {m['bare_rps']:.0f} | {m['shop_vs_bare']:.2f} | {m['vs_uvicorn']:.2f} |"
        )
    if args.readme:
        write_between(README, "servers", "\n".join(lines))


if __name__ == "__main__":
    main()
