"""Export a big account into an archive through the real API; print time and peak memory.

    python -m bench.bench_archive [--tracks 1000000] [--orders 100000] [--order-details]
                                  [--tracemalloc]

The shop (demo data, plus `--tracks` My Tracks rows from `seed_bulk_tracks` and `--orders`
orders inserted in bulk here) runs in this process; the export runs in a child process, so its
peak memory (VmHWM, and the Python heap's peak with `--tracemalloc`, which is slower) is
the client's alone. It then opens and fully verifies the archive (every member hashed, every
JSON record parsed) and converts it to SQLite, timing both.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from server.context import ServerConfig
from server.db import sqlite_url
from server.demo.seeding import seed_for_demo
from server.demo.tracks import seed_bulk_tracks
from server.embedded import RunningShop
from server.models import Order, OrderItem, User
from server.shops import SILUMART
from tests.support.oauth_login import sign_in

BATCH = 10_000


def peak_rss_kib() -> int:
    """This process's peak resident memory since it started (VmHWM).

    Not `ru_maxrss`: on Linux that keeps the high-water mark of the parent's memory across
    fork + exec, which here is the shop with its million rows.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def seed_orders(shop: RunningShop, user_id: int, count: int, anchor: datetime) -> None:
    rng = random.Random(7)
    with shop.ctx.engine.begin() as conn:
        first_id = (conn.execute(select(Order.id).order_by(Order.id.desc()).limit(1))
                    .scalar() or 0) + 1
        for start in range(0, count, BATCH):
            n = min(BATCH, count - start)
            ids = range(first_id + start, first_id + start + n)
            conn.execute(insert(Order), [
                {"id": oid, "user_id": user_id, "number": f"B{oid:010d}",
                 "placed_at": anchor - timedelta(minutes=oid), "status": "delivered",
                 "total_cents": rng.randrange(100, 100_000), "currency": "CNY",
                 "payment_method": "card", "payment_masked": "**** 1234",
                 "payment_status": "paid", "logistics_partner": "顺丰速运",
                 "tracking_no": f"SF{oid:012d}", "recipient_name": "林*",
                 "recipient_phone_masked": "138****0000",
                 "recipient_address": "上海市浦东新区**路**号", "for_other": False}
                for oid in ids])
            conn.execute(insert(OrderItem), [
                {"order_id": oid, "title": "蓝牙耳机 Bluetooth headphones", "quantity": 1,
                 "unit_price_cents": 19_900} for oid in ids])


def child(args: argparse.Namespace) -> None:
    """The client side: export, then open+verify, then SQLite; prints one JSON line."""
    import tracemalloc

    from client.api import ShopApi
    from client.archive import archive_to_sqlite, export_archive, open_archive
    from client.cli import _FixedToken
    from client.transport import Transport

    if args.tracemalloc:
        tracemalloc.start()
    api = ShopApi(Transport(args.api_base, tokens=_FixedToken(args.token)))
    out = Path(args.out)
    start = time.perf_counter()
    result = export_archive(api, out, details=args.order_details)
    exported = time.perf_counter() - start
    export_rss = peak_rss_kib()
    heap = tracemalloc.get_traced_memory()[1] if args.tracemalloc else None
    start = time.perf_counter()
    with open_archive(out):
        pass
    verified = time.perf_counter() - start
    start = time.perf_counter()
    sqlite_result = archive_to_sqlite(out, out.with_suffix(".db"))
    converted = time.perf_counter() - start
    print(json.dumps({
        "export_s": exported, "export_peak_rss_kib": export_rss, "export_peak_heap": heap,
        "verify_s": verified, "sqlite_s": converted, "size": result.size,
        "counts": result.counts, "tables": sqlite_result.tables,
        "final_peak_rss_kib": peak_rss_kib(),
    }))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tracks", type=int, default=1_000_000)
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--order-details", action="store_true",
                        help="fetch every order's detail (one request per order)")
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--api-base", help=argparse.SUPPRESS)
    parser.add_argument("--token", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    with tempfile.TemporaryDirectory() as directory:
        config = ServerConfig(db_url=sqlite_url(str(Path(directory) / "bench.db")),
                              shop=SILUMART, demo=True, run_processor=False)
        shop = RunningShop(config)
        start = time.perf_counter()
        seed_for_demo(shop.ctx, tracks=0)
        with shop.ctx.sessions() as session:
            user = session.scalars(select(User).where(User.username == "lin.mei")).one()
            user_id = user.id
        anchor = datetime.now(UTC)
        seed_bulk_tracks(shop.ctx.engine, user_id, args.tracks, seed=11, anchor=anchor)
        seed_orders(shop, user_id, args.orders, anchor)
        print(f"seeded {args.tracks:,} tracks and {args.orders:,} orders in "
              f"{time.perf_counter() - start:.1f} s")
        shop.start()
        try:
            token = str(sign_in(shop.url, "lin.mei", "demo1234")["access_token"])
            command = [sys.executable, "-m", "bench.bench_archive", "--child",
                       "--api-base", shop.url + "/v1", "--token", token,
                       "--out", str(Path(directory) / "export.zip")]
            if args.order_details:
                command.append("--order-details")
            if args.tracemalloc:
                command.append("--tracemalloc")
            finished = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
        finally:
            shop.stop()
    if finished.returncode != 0:
        print(finished.stderr, file=sys.stderr)
        raise SystemExit(finished.returncode)
    report = json.loads(finished.stdout.strip().splitlines()[-1])
    counts = report["counts"]
    print(f"exported {counts.get('tracks', 0):,} tracks, {counts.get('orders', 0):,} orders "
          f"({'details' if args.order_details else 'summaries'}), "
          f"{sum(counts.values()):,} records in all")
    print(f"archive size          {report['size'] / 2**20:.1f} MiB")
    print(f"export time           {report['export_s']:.1f} s")
    print(f"export peak RSS       {report['export_peak_rss_kib'] / 1024:.1f} MiB (client "
          "process)")
    if report["export_peak_heap"] is not None:
        print(f"export peak heap      {report['export_peak_heap'] / 2**20:.1f} MiB "
              "(tracemalloc)")
    print(f"open + verify         {report['verify_s']:.1f} s")
    print(f"to SQLite             {report['sqlite_s']:.1f} s")
    print(f"peak RSS overall      {report['final_peak_rss_kib'] / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
