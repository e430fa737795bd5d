"""List throughput over HTTP: the project against two bare baselines, interleaved in one run.

    python -m bench.bench_http [--tracks 20000] [--rounds 3] [--seconds 5] [--connections 50]

Three servers, each in its own process under the same Python and uvicorn, over the same SQLite
file: the project (`python -m server`), the hand-written minimum of the same route
(`bench.baselines minimal`: token check, access-log append, keyset query for 100 rows, JSON
out, plain sqlite3) and a bare FastAPI endpoint returning 100 in-memory dicts. One load tool
(`bench.load`, wrk) drives `GET /v1/tracks?limit=100` signed in, with 50 kept-alive
connections; every round runs all three one after the other (the order rotating), so the
machine's other load falls on all of them alike. Prints and saves (`bench/results/http.json`)
requests/s and latency per target and the ratios; afterwards the subject's hash chain, which
the project and the minimal baseline both appended to, is verified over HTTP.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from bench.load import run_load
from bench.results import save
from server.context import ServerConfig, ShopContext
from server.db import sqlite_url
from server.demo.seeding import seed_for_demo
from server.shops import SILUMART
from tests.server.test_access_log_chain import chain_problems, fetch_chain
from tests.support.oauth_login import Api, sign_in

TARGETS = ("project", "minimal", "bare")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_server(command: list[str], marker: str, stack: ExitStack) -> tuple[str, int]:
    """Start a server process; returns its URL (read off its first line naming one), pid."""
    process = subprocess.Popen(  # noqa: S603 (our own interpreter and modules)
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.PIPE,
        text=True,
    )
    stack.callback(process.wait, 10)
    stack.callback(process.terminate)
    assert process.stdout is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        if marker in line:
            return line.split(marker, 1)[1].split()[0], process.pid
    raise RuntimeError(f"server did not start: {command}")


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tracks", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--no-save", action="store_true", help="print only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory, ExitStack() as stack:
        db = str(Path(directory) / "bench.db")
        ctx = ShopContext(ServerConfig(db_url=sqlite_url(db), shop=SILUMART, demo=True))
        try:
            seed_for_demo(ctx, tracks=args.tracks)
        finally:
            ctx.dispose()
        python = sys.executable
        project, project_pid = start_server(
            [
                python,
                "-m",
                "server",
                "--db",
                db,
                "--port",
                "0",
                "--no-processor",
                "--exit-with-parent",
            ],
            "privacy API at ",
            stack,
        )
        minimal, minimal_pid = start_server(
            [python, "-m", "bench.baselines", "minimal", "--db", db], "serving at ", stack
        )
        bare, bare_pid = start_server(
            [python, "-m", "bench.baselines", "bare"], "serving at ", stack
        )
        pids = {"project": project_pid, "minimal": minimal_pid, "bare": bare_pid}
        token = str(sign_in(project, "lin.mei", "demo1234")["access_token"])
        auth = {"Authorization": f"Bearer {token}"}
        urls = {
            "project": f"{project}/v1/tracks?limit=100",
            "minimal": f"{minimal}/v1/tracks?limit=100",
            "bare": f"{bare}/items",
        }
        runs: dict[str, list[dict[str, Any]]] = {name: [] for name in TARGETS}
        for name in TARGETS:  # warm-up: imports, caches, the first connections
            run_load(urls[name], connections=args.connections, seconds=1, headers=auth)
        for round_no in range(args.rounds):
            order = TARGETS[round_no % 3 :] + TARGETS[: round_no % 3]
            for name in order:
                cpu_before = cpu_seconds(pids[name])
                result = run_load(
                    urls[name], connections=args.connections, seconds=args.seconds, headers=auth
                )
                # the server's own CPU per answer: what the machine's other load cannot skew
                result["cpu_ms_per_request"] = (
                    (cpu_seconds(pids[name]) - cpu_before) * 1000 / max(result["requests"], 1)
                )
                runs[name].append(result)
                print(
                    f"round {round_no + 1} {name:8} {result['rps']:8.0f} req/s   "
                    f"p50 {result['p50_ms']:6.1f} ms   p99 {result['p99_ms']:6.1f} ms   "
                    f"cpu {result['cpu_ms_per_request']:5.2f} ms/req   "
                    f"non-2xx {result['non_2xx']}   errors {result['socket_errors']}",
                    flush=True,
                )
        chain = fetch_chain(Api(project + "/v1", token))
        problems = chain_problems(chain)
    summary = summarize(runs)
    summary["chain"] = {"entries": len(chain), "problems": problems[:5]}
    summary["settings"] = vars(args)
    print_summary(summary)
    if not args.no_save:
        print(f"saved {save('http', summary)}")


def summarize(runs: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    rounds = len(runs["project"])
    per_round = [
        {
            "vs_minimal": runs["project"][i]["rps"] / max(runs["minimal"][i]["rps"], 1e-9),
            "vs_bare": runs["project"][i]["rps"] / max(runs["bare"][i]["rps"], 1e-9),
            "cpu_vs_minimal": runs["minimal"][i]["cpu_ms_per_request"]
            / max(runs["project"][i]["cpu_ms_per_request"], 1e-9),
            "cpu_vs_bare": runs["bare"][i]["cpu_ms_per_request"]
            / max(runs["project"][i]["cpu_ms_per_request"], 1e-9),
        }
        for i in range(rounds)
    ]
    targets = {
        name: {
            "rps": median([r["rps"] for r in results]),
            "p50_ms": median([r["p50_ms"] for r in results]),
            "p99_ms": median([r["p99_ms"] for r in results]),
            "cpu_ms_per_request": median([r["cpu_ms_per_request"] for r in results]),
            "non_2xx": sum(r["non_2xx"] for r in results),
            "socket_errors": sum(r["socket_errors"] for r in results),
            "requests": sum(r["requests"] for r in results),
        }
        for name, results in runs.items()
    }
    return {
        "targets": targets,
        "rounds": runs,
        "ratios": {
            "vs_minimal": median([r["vs_minimal"] for r in per_round]),
            "vs_bare": median([r["vs_bare"] for r in per_round]),
            "cpu_vs_minimal": median([r["cpu_vs_minimal"] for r in per_round]),
            "cpu_vs_bare": median([r["cpu_vs_bare"] for r in per_round]),
            "p99_vs_bare": targets["project"]["p99_ms"] / max(targets["bare"]["p99_ms"], 1e-9),
            "per_round": per_round,
        },
    }


def print_summary(summary: dict[str, Any]) -> None:
    print()
    print(f"{'':10}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'cpu ms/req':>12}{'errors':>8}")
    for name, t in summary["targets"].items():
        print(
            f"{name:10}{t['rps']:10.0f}{t['p50_ms']:10.1f}{t['p99_ms']:10.1f}"
            f"{t['cpu_ms_per_request']:12.3f}{t['non_2xx'] + t['socket_errors']:8d}"
        )
    ratios = summary["ratios"]
    print(
        f"project / minimal (same work, plain driver): {ratios['vs_minimal']:.2f}x  (target >= 1.0)"
    )
    print(f"project / bare FastAPI, 100 dicts:          {ratios['vs_bare']:.2f}x  (target >= 0.3)")
    print(
        f"p99 project / bare:                          {ratios['p99_vs_bare']:.2f}x  (target <= 4)"
    )
    print(
        f"by server CPU per request: {ratios['cpu_vs_minimal']:.2f}x the minimal, "
        f"{ratios['cpu_vs_bare']:.2f}x the bare endpoint (requests per CPU-second)"
    )
    chain = summary["chain"]
    print(
        f"access-log chain after the run: {chain['entries']} entries, "
        f"{'verifies' if not chain['problems'] else chain['problems']}"
    )


def render(result: dict[str, Any]) -> str:
    """The README table (between the `bench:http` markers), from a saved result."""
    t, ratios, s = result["targets"], result["ratios"], result["settings"]
    labels = {
        "project": "this server, `GET /v1/tracks?limit=100`",
        "minimal": "hand-written minimum of the same work (plain sqlite3)",
        "bare": "bare FastAPI endpoint, 100 in-memory dicts",
    }
    lines = [
        f"`python -m bench.bench_http`: {s['connections']} connections (wrk), "
        f"{s['rounds']} interleaved rounds of {s['seconds']:g} s, SQLite, signed in "
        f"({result['machine']['cpus']} cores, Python {result['machine']['python']}):",
        "",
        "| server | req/s | p50 | p99 | server CPU per request | errors |",
        "|---|---|---|---|---|---|",
    ]
    for name in TARGETS:
        row = t[name]
        lines.append(
            f"| {labels[name]} | {row['rps']:,.0f} | {row['p50_ms']:.1f} ms | "
            f"{row['p99_ms']:.1f} ms | {row['cpu_ms_per_request']:.2f} ms | "
            f"{row['non_2xx'] + row['socket_errors']} |"
        )
    lines += [
        "",
        f"Ratios: **{ratios['vs_minimal']:.2f}×** the hand-written minimum (target ≥ 1.0), "
        f"**{ratios['vs_bare']:.2f}×** the bare endpoint (target ≥ 0.3), p99 "
        f"**{ratios['p99_vs_bare']:.2f}×** the bare endpoint's (target ≤ 4). "
        f"Per CPU-second of the server process (robust against the machine's other load): "
        f"**{ratios['cpu_vs_minimal']:.2f}×** the minimum, **{ratios['cpu_vs_bare']:.2f}×** the "
        f"bare endpoint. The access-log chain, which the project and the minimum both appended "
        f"to, verified after the run ({result['chain']['entries']:,} entries).",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
