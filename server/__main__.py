"""Command line: `python -m server [serve] [--demo] [--shop NAME] [--db PATH] [--port N] …`,
`python -m server serve --workers N --db-url postgresql+psycopg://…` (N processes on one port),
`python -m server migrate` (the schema, once), `python -m server process` (the request
processor; several may run at once) and `python -m server admin …`.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import socket
import sys
import threading
from dataclasses import replace
from datetime import timedelta

from server.cli_database import add_database_arguments, url_from_arguments
from server.context import ServerConfig
from server.embedded import RunningShop
from server.shops import SHOPS, shop_profile

log = logging.getLogger("server")


def _serve_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m server",
        description="Serve the reference shop privacy API (one shop per process).",
        epilog="Other commands: `python -m server process …`, `python -m server admin …`.",
    )
    parser.add_argument(
        "--shop",
        choices=sorted(SHOPS),
        default="silumart",
        help="which demo shop profile to serve (default: silumart)",
    )
    add_database_arguments(
        parser,
        db_help="SQLite file (default: ./<shop>.db, made if missing)",
        url_help="any SQLAlchemy URL instead of --db, e.g. postgresql+psycopg://…",
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default: loopback only)"
    )
    parser.add_argument("--port", type=int, default=8731, help="port (default: 8731; 0 = any)")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="seed demo data if the database is empty and show demo accounts",
    )
    parser.add_argument(
        "--tracks",
        type=int,
        default=3000,
        help="My Tracks entries for the first demo shopper (default: 3000)",
    )
    parser.add_argument("--seed", type=int, default=20261122, help="demo data seed")
    parser.add_argument(
        "--processor-delay",
        type=float,
        default=5.0,
        help="seconds between request processing steps (default: 5)",
    )
    parser.add_argument(
        "--no-processor",
        action="store_true",
        help="do not process privacy requests in this process",
    )
    parser.add_argument(
        "--trusted-proxy",
        action="append",
        default=[],
        metavar="ADDR",
        help="a reverse proxy whose X-Forwarded-For names the client "
        "(repeatable; default: none, the socket's address counts)",
    )
    parser.add_argument(
        "--requests-per-day",
        type=int,
        default=20,
        metavar="N",
        help="privacy requests one account may file a day (default: 20; 0: no limit)",
    )
    parser.add_argument(
        "--uploads-per-day",
        type=int,
        default=10,
        metavar="N",
        help="identity documents one account may upload a day (default: 10; 0: no limit)",
    )
    parser.add_argument(
        "--exit-with-parent",
        action="store_true",
        help="stop when standard input closes (for a parent app's demo shops)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="server processes behind the one port (default: 1, in-process); "
        "more than 1 needs a migrated database (python -m server migrate) "
        "and is meant for PostgreSQL",
    )
    return parser


def serve(argv: list[str]) -> int:
    args = _serve_parser().parse_args(argv)
    profile = shop_profile(args.shop)
    # The same checks and sentences as the other commands (server.cli_database); neither flag:
    # the shop's own file in the working directory, made if missing.
    db_url = url_from_arguments(args, existing=False, default=f"{args.shop}.db")
    if db_url is None:
        return 2
    config = ServerConfig(
        db_url=db_url,
        shop=profile,
        demo=args.demo,
        processor_delay=timedelta(seconds=args.processor_delay),
        run_processor=not args.no_processor,
        trusted_proxies=tuple(args.trusted_proxy),
        requests_per_day=max(0, args.requests_per_day),
        uploads_per_day=max(0, args.uploads_per_day),
    )
    if args.workers > 1:
        return serve_workers(args, config)
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


def _bind(host: str, port: int) -> socket.socket:
    # IPPROTO_TCP and TCP_NODELAY (see listening_socket); inheritable for the worker processes
    from server.embedded import listening_socket

    sock = listening_socket(host)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock


def serve_workers(args: argparse.Namespace, config: ServerConfig) -> int:
    """N uvicorn worker processes on one socket; this process supervises them.

    This process migrates the schema (once, before any worker starts), seeds demo data if asked,
    and runs the request processor thread unless `--no-processor`; the workers only serve.
    """
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from server.context import ShopContext
    from server.processor import RequestProcessor
    from server.worker import ENV_NAME, worker_environment

    sock = _bind(args.host, args.port)
    port = sock.getsockname()[1]
    shown_host = f"[{args.host}]" if ":" in args.host else args.host
    url = f"http://{shown_host}:{port}"
    config = replace(config, public_url=url)
    ctx = ShopContext(config)  # migrates the schema here, once
    accounts: list[tuple[str, str, str]] = []
    if args.demo:
        from server.demo.seeding import seed_for_demo

        accounts = seed_for_demo(ctx, tracks=args.tracks, seed=args.seed)
    os.environ[ENV_NAME] = worker_environment(config, accounts)
    processor = RequestProcessor(ctx) if config.run_processor else None
    uv_config = uvicorn.Config(
        "server.worker:create_worker_app",
        factory=True,
        workers=args.workers,
        log_level="warning",
        access_log=False,
        lifespan="on",
        # As in server.embedded: uvicorn's defaults would believe X-Forwarded-For from
        # 127.0.0.1, so anyone on the machine could dodge sign-in throttling with the header.
        proxy_headers=bool(config.trusted_proxies),
        forwarded_allow_ips=list(config.trusted_proxies) or None,
    )
    supervisor = Multiprocess(uv_config, sockets=[sock])
    if args.exit_with_parent:

        def watch_parent() -> None:
            sys.stdin.read()  # returns when the parent closes our stdin (or dies)
            supervisor.should_exit.set()

        threading.Thread(target=watch_parent, daemon=True).start()
    print(
        f"{config.shop.name} is serving the privacy API at {url} with {args.workers} worker "
        "processes",
        flush=True,
    )
    print(f"  discovery: {url}/.well-known/privacy-api", flush=True)
    for username, password, role in accounts:
        print(f"  demo {role}: {username} / {password}", flush=True)
    if processor is not None:
        processor.start()
    try:
        supervisor.run()
    finally:
        if processor is not None:
            processor.stop()
        sock.close()
        ctx.dispose()
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    # Alembic logs every plugin it loads at INFO; keep the start-up output readable.
    logging.getLogger("alembic").setLevel(logging.WARNING)
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
