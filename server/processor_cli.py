"""`python -m server process --db PATH --shop NAME [--once] [--delay SECONDS] [--lease S]`.

Runs the shop's request processor on its own, against the same database the server uses: with
`--once` it takes one step for every due request and exits (printing how many), otherwise it
polls until interrupted (Ctrl+C or SIGTERM). Several may run at once on one database: each
request's step is claimed by one of them (see server.processor), and the claims of one that
crashed are taken over after `--lease` seconds. It never changes the schema (that is
`python -m server migrate`), so many can start together.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from dataclasses import replace
from datetime import timedelta

from server.cli_database import add_database_arguments, url_from_arguments
from server.context import ServerConfig, ShopContext
from server.processor import CLAIM_BATCH, DEFAULT_LEASE, RequestProcessor
from server.schema import SchemaNotMigrated
from server.shops import SHOPS, shop_profile


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m server process", description="Process the shop's privacy requests."
    )
    add_database_arguments(parser)
    parser.add_argument("--shop", choices=sorted(SHOPS), default="silumart")
    parser.add_argument("--once", action="store_true", help="one step, then exit")
    parser.add_argument(
        "--delay",
        type=float,
        default=5.0,
        help="seconds a request waits between steps (default: 5)",
    )
    parser.add_argument(
        "--lease",
        type=float,
        default=DEFAULT_LEASE.total_seconds(),
        help="seconds before a crashed processor's claims are taken over "
        f"(default: {DEFAULT_LEASE.total_seconds():g})",
    )
    parser.add_argument(
        "--batch",
        type=int,
        default=CLAIM_BATCH,
        help=f"requests claimed at a time (default: {CLAIM_BATCH})",
    )
    parser.add_argument(
        "--results-dir", help="where archives are written (default: next to the database)"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    url = url_from_arguments(args)
    if url is None:
        return 2
    config = ServerConfig(
        db_url=url,
        shop=shop_profile(args.shop),
        processor_delay=timedelta(seconds=max(args.delay, 0.0)),
        manage_schema=False,
    )
    if args.results_dir:
        config = replace(config, extra={**config.extra, "results_dir": args.results_dir})
    try:
        ctx = ShopContext(config)
    except SchemaNotMigrated as exc:
        print(str(exc), file=sys.stderr)
        return 2
    try:
        processor = RequestProcessor(
            ctx, lease=timedelta(seconds=max(args.lease, 0.1)), batch=max(args.batch, 1)
        )
        if args.once:
            print(f"{processor.run_once()} steps", flush=True)
            return 0
        stop = threading.Event()
        signal.signal(signal.SIGINT, lambda *_: stop.set())
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        processor.start()
        print(
            f"processing {ctx.shop.name} requests as {processor.name}; Ctrl+C to stop", flush=True
        )
        stop.wait()
        processor.stop()
        return 0
    finally:
        ctx.dispose()
