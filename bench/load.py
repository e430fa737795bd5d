"""The HTTP load tool of the benchmarks: `wrk` (Debian package `wrk`) over keep-alive.

    python -m bench.load URL [--connections 50] [--seconds 5] [-H "Name: value"]

`run_load` drives one URL with a fixed number of kept-alive connections for a fixed time
(bounded in both; loopback only) and returns requests/s, latency percentiles and error counts.
wrk is written in C, so on a 2-core machine the load generator takes little of the CPU the
servers under test need; the same tool drives the project and every baseline.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from typing import Any
from urllib.parse import urlsplit

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _millis(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        raise ValueError(f"unexpected wrk duration {text!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def run_load(
    url: str,
    *,
    connections: int = 50,
    seconds: float = 5.0,
    headers: dict[str, str] | None = None,
    threads: int = 2,
) -> dict[str, Any]:
    """Load `url` (127.0.0.1 only); returns rps, p50/p90/p99 ms, non-2xx and socket errors."""
    host = urlsplit(url).hostname
    if host not in {"127.0.0.1", "localhost", "::1"}:
        raise ValueError("the load tool only targets loopback")
    wrk = shutil.which("wrk")
    if wrk is None:
        raise RuntimeError("wrk is not installed (Debian: apt-get install wrk)")
    command = [
        wrk,
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--latency",
        "--timeout",
        "30s",
    ]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    command.append(url)
    output = subprocess.run(  # noqa: S603 (our own wrk command line, no shell)
        command, capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout
    result: dict[str, Any] = {"connections": connections, "seconds": seconds}
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    result["rps"] = float(rps.group(1)) if rps else 0.0
    result["requests"] = int(total.group(1)) if total else 0
    for label in ("50", "90", "99"):
        found = re.search(rf"^\s+{label}%\s+(\S+)", output, re.MULTILINE)
        result[f"p{label}_ms"] = _millis(found.group(1)) if found else None
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    result["non_2xx"] = int(non2xx.group(1)) if non2xx else 0
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    result["socket_errors"] = sum(int(g) for g in errors.groups()) if errors else 0
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("-H", "--header", action="append", default=[])
    args = parser.parse_args(argv)
    headers = dict(h.split(": ", 1) for h in args.header)
    print(
        json.dumps(
            run_load(args.url, connections=args.connections, seconds=args.seconds, headers=headers),
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
