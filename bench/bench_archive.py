"""Archive export and the shop's own archive, each against `zip -1` of the same NDJSON.

    python -m bench.bench_archive [--tracks 1000000] [--orders 100000] [--rounds 3]
                                  [--json bench/results/archive.json]

The shop (demo data, plus `--tracks` My Tracks rows from `seed_bulk_tracks` and `--orders`
orders inserted in bulk here) runs in this process. Interleaved, `--rounds` times:

1. the app's export (every section, orders and decisions in full detail) in a child process
   that imports only the client (`bench.archive_client`), so its peak RSS is the app's alone;
2. `zip -1` of the same data: every data member of that archive as an NDJSON file;
3. the shop's signed archive for the same account (`server.archive_builder.build_archive`, as
   the request processor runs it);
4. `zip -1` of that archive's data as NDJSON.

Then once: an export of only the newest tenth (by time), to show the peak RSS is flat in size,
and a full open + verify of the export. Prints each figure with its baseline and the ratio
(medians over the rounds) and writes them as JSON (`--json`) for the README table
(`<!-- bench:archive -->`).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from client.archive import open_archive
from server.archive_builder import build_archive
from server.context import ServerConfig
from server.db import sqlite_url
from server.demo.seeding import seed_for_demo
from server.demo.tracks import seed_bulk_tracks
from server.embedded import RunningShop
from server.models import Order, OrderItem, Track, User
from server.shops import SILUMART
from tests.support.oauth_login import sign_in

BATCH = 10_000
RESULTS = Path(__file__).with_name("results") / "archive.json"
TARGET_EXPORT = 10.0
TARGET_SHOP = 3.0
TARGET_RSS_MIB = 100.0


def seed_orders(shop: RunningShop, user_id: int, count: int, anchor: datetime) -> None:
    rng = random.Random(7)
    with shop.ctx.engine.begin() as conn:
        first_id = (
            conn.execute(select(Order.id).order_by(Order.id.desc()).limit(1)).scalar() or 0
        ) + 1
        for start in range(0, count, BATCH):
            n = min(BATCH, count - start)
            ids = range(first_id + start, first_id + start + n)
            conn.execute(
                insert(Order),
                [
                    {
                        "id": oid,
                        "user_id": user_id,
                        "number": f"B{oid:010d}",
                        "placed_at": anchor - timedelta(minutes=oid),
                        "status": "delivered",
                        "total_cents": rng.randrange(100, 100_000),
                        "currency": "CNY",
                        "payment_method": "card",
                        "payment_masked": "**** 1234",
                        "payment_status": "paid",
                        "logistics_partner": "顺丰速运",
                        "tracking_no": f"SF{oid:012d}",
                        "recipient_name": "林*",
                        "recipient_phone_masked": "138****0000",
                        "recipient_address": "上海市浦东新区**路**号",
                        "for_other": False,
                    }
                    for oid in ids
                ],
            )
            conn.execute(
                insert(OrderItem),
                [
                    {
                        "order_id": oid,
                        "title": "蓝牙耳机 Bluetooth headphones",
                        "quantity": 1,
                        "unit_price_cents": 19_900,
                    }
                    for oid in ids
                ],
            )


def as_ndjson(archive_path: Path, directory: Path) -> list[Path]:
    """Every data member of an archive as an NDJSON file (one item per line); the account
    object is one line too."""
    directory.mkdir(parents=True, exist_ok=True)
    files = []
    with open_archive(archive_path) as archive:
        for section in archive.sections:
            target = directory / f"{section}.ndjson"
            with open(target, "wb") as out:
                for item in archive.iter_items(section):
                    out.write(
                        json.dumps(item, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
                    )
            files.append(target)
    return files


def zip_seconds(files: list[Path], out: Path, cpu: list[float] | None = None) -> float:
    """Wall seconds of `zip -1`; its CPU seconds (user + system) appended to `cpu`."""
    out.unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run(["zip", "-1", "-q", "-j", str(out), *map(str, files)], check=True)  # noqa: S603, S607
    seconds = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    out.unlink()
    return seconds


def run_client(
    api_base: str, token: str, out: Path, *, start: datetime | None = None, verify: bool = False
) -> dict[str, Any]:
    out.unlink(missing_ok=True)
    command = [
        sys.executable,
        "-m",
        "bench.archive_client",
        f"--api-base={api_base}",
        f"--token={token}",  # with "=": a token may start with "-"
        f"--out={out}",
    ]
    if start is not None:
        command.append(f"--from={start.isoformat()}")
    if verify:
        command.append("--verify")
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        raise SystemExit(done.returncode)
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tracks", type=int, default=1_000_000)
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--json",
        type=Path,
        default=RESULTS,
        help="where to write the results (default bench/results/archive.json)",
    )
    args = parser.parse_args()
    if shutil.which("zip") is None:
        raise SystemExit("this benchmark needs the `zip` command (apt-get install zip)")
    with tempfile.TemporaryDirectory() as name:
        directory = Path(name)
        config = ServerConfig(
            db_url=sqlite_url(str(directory / "bench.db")),
            shop=SILUMART,
            demo=True,
            run_processor=False,
        )
        shop = RunningShop(config)
        began = time.perf_counter()
        seed_for_demo(shop.ctx, tracks=0)
        with shop.ctx.sessions() as session:
            user = session.scalars(select(User).where(User.username == "lin.mei")).one()
            user_id = user.id
        anchor = datetime.now(UTC)
        seed_bulk_tracks(shop.ctx.engine, user_id, args.tracks, seed=11, anchor=anchor)
        seed_orders(shop, user_id, args.orders, anchor)
        with shop.ctx.sessions() as session:
            tenth = session.scalar(
                select(Track.at)
                .where(Track.user_id == user_id)
                .order_by(Track.at.desc())
                .offset(max(args.tracks // 10 - 1, 0))
                .limit(1)
            )
            n_orders = session.scalar(
                select(func.count()).select_from(Order).where(Order.user_id == user_id)
            )
        print(
            f"seeded {args.tracks:,} tracks and {n_orders:,} orders in "
            f"{time.perf_counter() - began:.1f} s",
            flush=True,
        )
        shop.start()
        try:
            token = str(sign_in(shop.url, "lin.mei", "demo1234")["access_token"])
            api_base = shop.url + "/v1"
            export_path = directory / "export.zip"
            exports: list[dict[str, Any]] = []
            export_zip: list[float] = []
            shop_s: list[float] = []
            shop_zip: list[float] = []
            # CPU seconds (every thread of this process; zip's user + system): what the
            # shared machine's load does not stretch the way it stretches wall time.
            shop_cpu: list[float] = []
            shop_zip_cpu: list[float] = []
            export_files: list[Path] = []
            shop_files: list[Path] = []
            shop_size = 0
            for round_no in range(args.rounds):
                exports.append(run_client(api_base, token, export_path))
                if not export_files:
                    export_files = as_ndjson(export_path, directory / "export-ndjson")
                export_zip.append(zip_seconds(export_files, directory / "baseline.zip"))
                with shop.ctx.sessions() as session:
                    subject = session.get(User, user_id)
                    assert subject is not None
                    began, cpu_began = time.perf_counter(), time.process_time()
                    info = build_archive(
                        session, shop.ctx, subject, request_id=None, out_dir=directory / "shop"
                    )
                    shop_s.append(time.perf_counter() - began)
                    shop_cpu.append(time.process_time() - cpu_began)
                shop_size = info.size
                if not shop_files:
                    shop_files = as_ndjson(info.path, directory / "shop-ndjson")
                info.path.unlink()
                shop_zip.append(zip_seconds(shop_files, directory / "baseline.zip", shop_zip_cpu))
                print(
                    f"round {round_no + 1}: export {exports[-1]['export_s']:.2f} s "
                    f"(zip -1 {export_zip[-1]:.2f} s), shop archive {shop_s[-1]:.2f} s "
                    f"(zip -1 {shop_zip[-1]:.2f} s)",
                    flush=True,
                )
            small = run_client(
                api_base,
                token,
                directory / "small.zip",
                start=tenth.replace(tzinfo=UTC) if tenth else None,
            )
            verified = run_client(api_base, token, export_path, verify=True)
        finally:
            shop.stop()
        ndjson_bytes = sum(f.stat().st_size for f in export_files)
    counts = exports[-1]["counts"]
    export_s = median([e["export_s"] for e in exports])
    rss = max(e["peak_rss_kib"] for e in exports) / 1024
    small_rss = small["peak_rss_kib"] / 1024
    results = {
        "bench": "archive",
        "config": {
            "tracks": counts.get("tracks", 0),
            "orders": counts.get("orders", 0),
            "records": sum(counts.values()),
            "rounds": args.rounds,
            "ndjson_mib": round(ndjson_bytes / 2**20, 1),
        },
        "export_s": round(export_s, 2),
        "export_zip_s": round(median(export_zip), 3),
        "export_ratio": round(export_s / median(export_zip), 2),
        "export_size_mib": round(exports[-1]["size"] / 2**20, 1),
        "export_peak_rss_mib": round(rss, 1),
        "small_export_records": sum(small["counts"].values()),
        "small_export_peak_rss_mib": round(small_rss, 1),
        "client_imports_server": bool(exports[-1]["server_modules_imported"]),
        "verify_s": round(verified["verify_s"], 2),
        "shop_archive_s": round(median(shop_s), 2),
        "shop_zip_s": round(median(shop_zip), 3),
        "shop_ratio": round(median(shop_s) / median(shop_zip), 2),
        "shop_size_mib": round(shop_size / 2**20, 1),
        "shop_cpu_s": round(median(shop_cpu), 2),
        "shop_zip_cpu_s": round(median(shop_zip_cpu), 3),
        "shop_cpu_ratio": round(median(shop_cpu) / median(shop_zip_cpu), 2),
        "rounds": {
            "export_s": [round(e["export_s"], 2) for e in exports],
            "export_zip_s": [round(x, 3) for x in export_zip],
            "shop_archive_s": [round(x, 2) for x in shop_s],
            "shop_zip_s": [round(x, 3) for x in shop_zip],
            "shop_cpu_s": [round(x, 2) for x in shop_cpu],
            "shop_zip_cpu_s": [round(x, 3) for x in shop_zip_cpu],
        },
        "load_average": round(os.getloadavg()[0], 1),
        "targets": {
            "export_ratio": TARGET_EXPORT,
            "shop_ratio": TARGET_SHOP,
            "peak_rss_mib": TARGET_RSS_MIB,
        },
    }
    results["machine"] = machine()
    print(
        f"exported {results['config']['records']:,} records ({counts.get('tracks', 0):,} "
        f"tracks, {counts.get('orders', 0):,} orders with details); NDJSON "
        f"{results['config']['ndjson_mib']} MiB"
    )
    print(render(results))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {args.json}")


def machine() -> dict[str, Any]:
    """What it ran on (the shape `bench.results.save` writes, for `python -m bench.all`)."""
    return {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def render(r: dict[str, Any]) -> str:
    """The README's section between `<!-- bench:archive -->` and `<!-- /bench:archive -->`."""
    c = r["config"]
    lines = [
        f"**Archives of an account with {c['tracks']:,} tracks and {c['orders']:,} orders** "
        f"({c['records']:,} records, {c['ndjson_mib']} MiB as NDJSON; "
        f"`python -m bench.bench_archive`, medians of {c['rounds']} interleaved rounds):",
        "",
        "| what | project | `zip -1` of the same NDJSON | ratio | target |",
        "|---|---|---|---|---|",
        f"| app export, full order and decision detail ({r['export_size_mib']} MiB) | "
        f"{r['export_s']:.2f} s | {r['export_zip_s']:.2f} s | {r['export_ratio']:.1f}× | "
        f"≤ {r['targets']['export_ratio']:.0f}× |",
        f"| shop's signed archive for an access request ({r['shop_size_mib']} MiB) | "
        f"{r['shop_archive_s']:.2f} s | {r['shop_zip_s']:.2f} s | {r['shop_ratio']:.1f}× | "
        f"≤ {r['targets']['shop_ratio']:.0f}× |",
        "",
        "| what | figure |",
        "|---|---|",
        f"| peak RSS of the exporting process (client only"
        f"{'' if not r['client_imports_server'] else ', but it imported the server!'}) | "
        f"{r['export_peak_rss_mib']} MiB (target ≤ {r['targets']['peak_rss_mib']:.0f}) |",
        f"| the same for the newest tenth ({r['small_export_records']:,} records) | "
        f"{r['small_export_peak_rss_mib']} MiB |",
        f"| open and verify every member and record of the export | {r['verify_s']:.2f} s |",
    ]
    if "shop_cpu_ratio" in r:
        lines.append(
            f"| CPU time of the shop's archive (all its threads) against `zip -1`'s | "
            f"{r['shop_cpu_s']:.2f} s against {r['shop_zip_cpu_s']:.2f} s, "
            f"{r['shop_cpu_ratio']:.1f}× |"
        )
    return "\n".join(lines + _round_lines(r))


def _round_lines(r: dict[str, Any]) -> list[str]:
    rounds = r.get("rounds")
    if not rounds:
        return []
    export = ", ".join(
        f"{a / b:.1f}×" for a, b in zip(rounds["export_s"], rounds["export_zip_s"], strict=True)
    )
    shop = ", ".join(
        f"{a / b:.1f}×" for a, b in zip(rounds["shop_archive_s"], rounds["shop_zip_s"], strict=True)
    )
    return [
        "",
        f"Each round's ratio: export {export}; shop archive {shop} (load average "
        f"{r.get('load_average', '?')} on {r.get('machine', {}).get('cpus', '?')} CPUs: the "
        "machine is shared, so the baseline runs beside the project in every round).",
    ]


if __name__ == "__main__":
    main()
