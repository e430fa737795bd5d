"""Seed 1,000,000 My Tracks entries and measure paging and search over real HTTP.

    python -m bench.bench_tracks [--tracks 1000000] [--repeat 30]

Prints the seed time and the first-page, deep-page and text-search latencies (median, p95) as
the app sees them: through the real server, signed in through OAuth.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import requests
from sqlalchemy import select

from bench.stats import summary, time_calls
from server.context import ServerConfig
from server.db import sqlite_url
from server.demo.seeding import seed_for_demo
from server.embedded import RunningShop
from server.models import Track, User
from server.pagination import encode_cursor
from server.shops import SILUMART
from tests.support.oauth_login import Api, sign_in

SEARCHES = ["蓝牙耳机", "running", "儿童", "羽绒服", "phone case"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tracks", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        config = ServerConfig(db_url=sqlite_url(str(Path(directory) / "bench.db")),
                              shop=SILUMART, demo=True, run_processor=False)
        shop = RunningShop(config)
        start = time.perf_counter()
        seed_for_demo(shop.ctx, tracks=args.tracks)
        seeded = time.perf_counter() - start
        shop.start()
        try:
            report(shop, args, seeded)
        finally:
            shop.stop()


def report(shop: RunningShop, args: argparse.Namespace, seeded: float) -> None:
    with shop.ctx.sessions() as session:
        user = session.scalars(select(User).where(User.username == "lin.mei")).one()
        total = session.query(Track).filter(Track.user_id == user.id).count()
        deep = session.scalars(
            select(Track).where(Track.user_id == user.id)
            .order_by(Track.at.desc(), Track.id.desc()).offset(int(total * 0.9)).limit(1)
        ).one()
    deep_cursor = encode_cursor([deep.at, deep.id])
    api = Api(shop.url + "/v1", str(sign_in(shop.url, "lin.mei", "demo1234")["access_token"]))

    def get(params: dict[str, object]) -> None:
        answer = api.get("/tracks", params=params)
        answer.raise_for_status()

    print(f"tracks for lin.mei: {total:,}")
    print(f"demo shop seeded in {seeded:.1f} s (all demo data, {args.tracks:,} tracks)")
    get({"limit": 100})  # warm up
    print(f"first page (100)      {summary(time_calls(lambda: get({'limit': 100}), args.repeat))}")
    print("deep page at 90%      "
          + summary(time_calls(lambda: get({"limit": 100, "cursor": deep_cursor}), args.repeat)))
    for query in SEARCHES:
        durations = time_calls(lambda q=query: get({"limit": 100, "q": q}), args.repeat)
        print(f"search {query!r:14} {summary(durations)}")
    with_date = {"limit": 100, "q": "耳机", "from": "2025-06-01T00:00:00Z",
                 "to": "2025-12-31T00:00:00Z"}
    print(f"2-char + date range   {summary(time_calls(lambda: get(with_date), args.repeat))}")
    print(f"(server {requests.get(shop.url + '/.well-known/privacy-api', timeout=5).status_code})")


if __name__ == "__main__":
    main()
