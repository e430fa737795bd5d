"""The client side of `bench.bench_archive`, in a process of its own: export, optionally verify.

    python -m bench.archive_client --api-base URL --token T --out PATH [--from TIME] [--verify]

Imports only the client (no server, web framework or ORM: checked, and reported), so its peak
resident memory (VmHWM) is the exporting app's alone. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from datetime import datetime
from pathlib import Path

from client.api import ShopApi
from client.archive import export_archive, open_archive
from client.transport import Transport

SERVER_MODULES = ("server", "fastapi", "starlette", "sqlalchemy", "uvicorn")


class _Token:
    def __init__(self, token: str) -> None:
        self.token = token

    def access_token(self) -> str | None:
        return self.token

    def refresh_access_token(self) -> str | None:
        return None


def peak_rss_kib() -> int:
    """This process's peak resident memory (VmHWM; not `ru_maxrss`, which on Linux keeps the
    parent's high-water mark across fork + exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--api-base", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--from", dest="start", default=None)
    parser.add_argument("--verify", action="store_true")
    args = parser.parse_args()
    api = ShopApi(Transport(args.api_base, tokens=_Token(args.token), timeout=(5.0, 120.0)))
    start = datetime.fromisoformat(args.start) if args.start else None
    began = time.perf_counter()
    result = export_archive(api, args.out, start=start)
    exported = time.perf_counter() - began
    rss = peak_rss_kib()
    verified = None
    if args.verify:
        began = time.perf_counter()
        with open_archive(args.out):
            pass
        verified = time.perf_counter() - began
    leaked = sorted({m.split(".")[0] for m in sys.modules if m.startswith(SERVER_MODULES)})
    print(
        json.dumps(
            {
                "export_s": exported,
                "peak_rss_kib": rss,
                "size": result.size,
                "counts": result.counts,
                "verify_s": verified,
                "server_modules_imported": leaked,
            }
        )
    )


if __name__ == "__main__":
    main()
