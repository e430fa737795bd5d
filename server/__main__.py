"""Command line: `python -m server [--demo] [--shop NAME] [--db PATH] [--port N] [--host H]`,
`python -m server process` (run the request processor) and `python -m server admin …`.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from datetime import timedelta
from pathlib import Path

from server.context import ServerConfig
from server.db import sqlite_url
from server.embedded import RunningShop
from server.shops import SHOPS, shop_profile

log = logging.getLogger("server")


def _serve_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m server",
        description="Serve the reference shop privacy API (one shop per process).",
        epilog="Other commands: `python -m server process …`, `python -m server admin …`.",
    )
    parser.add_argument("--shop", choices=sorted(SHOPS), default="silumart",
                        help="which demo shop profile to serve (default: silumart)")
    parser.add_argument("--db", help="SQLite file (default: ./<shop>.db) ")
    parser.add_argument("--db-url", help="any SQLAlchemy URL, e.g. postgresql+psycopg://…")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to bind (default: loopback only)")
    parser.add_argument("--port", type=int, default=8731, help="port (default: 8731; 0 = any)")
    parser.add_argument("--demo", action="store_true",
                        help="seed demo data if the database is empty and show demo accounts")
    parser.add_argument("--tracks", type=int, default=3000,
                        help="My Tracks entries for the first demo shopper (default: 3000)")
    parser.add_argument("--seed", type=int, default=20261122, help="demo data seed")
    parser.add_argument("--processor-delay", type=float, default=5.0,
                        help="seconds between request processing steps (default: 5)")
    parser.add_argument("--no-processor", action="store_true",
                        help="do not process privacy requests in this process")
    parser.add_argument("--exit-with-parent", action="store_true",
                        help="stop when standard input closes (for a parent app's demo shops)")
    return parser


def serve(argv: list[str]) -> int:
    args = _serve_parser().parse_args(argv)
    profile = shop_profile(args.shop)
    db_url = args.db_url or sqlite_url(str(Path(args.db or f"{args.shop}.db").resolve()))
    config = ServerConfig(
        db_url=db_url,
        shop=profile,
        demo=args.demo,
        processor_delay=timedelta(seconds=args.processor_delay),
        run_processor=not args.no_processor,
    )
    shop = RunningShop(config, host=args.host, port=args.port)
    if args.demo:
        from server.demo.seeding import seed_for_demo

        accounts = seed_for_demo(shop.ctx, tracks=args.tracks, seed=args.seed)
    else:
        accounts = []
    shop.start()
    print(f"{profile.name} is serving the privacy API at {shop.url}", flush=True)
    print(f"  discovery: {shop.url}/.well-known/privacy-api", flush=True)
    for username, password, role in accounts:
        print(f"  demo {role}: {username} / {password}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    if args.exit_with_parent:

        def watch_parent() -> None:
            sys.stdin.read()  # returns when the parent closes our stdin (or dies)
            stop.set()

        threading.Thread(target=watch_parent, daemon=True).start()
    stop.wait()
    shop.stop()
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    if argv and argv[0] == "process":
        from server.processor_cli import main as process_main

        return process_main(argv[1:])
    if argv and argv[0] == "migrate":
        from server.migrate_cli import main as migrate_main

        return migrate_main(argv[1:])
    if argv and argv[0] == "admin":
        from server.admin import main as admin_main

        return admin_main(argv[1:])
    if argv and argv[0] == "serve":
        argv = argv[1:]
    return serve(argv)


if __name__ == "__main__":
    sys.exit(main())
