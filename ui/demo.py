"""The embedded demo: both demo shops served on loopback ports from per-user SQLite files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from server.context import ServerConfig
from server.db import sqlite_url
from server.demo.seeding import seed_for_demo
from server.embedded import RunningShop
from server.shops import shop_profile

DEMO_SHOPS = ("silumart", "sinomai")


@dataclass
class DemoShops:
    shops: list[RunningShop]

    @property
    def urls(self) -> list[tuple[str, str]]:
        return [(shop.ctx.shop.name, shop.url) for shop in self.shops]

    def stop(self) -> None:
        for shop in self.shops:
            shop.stop()


def start_demo_shops(data_dir: Path, *, tracks: int = 3000, fresh: bool = False,
                     processor_delay: float = 4.0) -> DemoShops:
    """Start (seeding on first use) both demo shops; blocking: call from a worker thread."""
    data_dir.mkdir(parents=True, exist_ok=True)
    started: list[RunningShop] = []
    try:
        for name in DEMO_SHOPS:
            path = data_dir / f"{name}.db"
            if fresh:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
            config = ServerConfig(
                db_url=sqlite_url(str(path)),
                shop=shop_profile(name),
                demo=True,
                run_processor=True,
                processor_delay=timedelta(seconds=processor_delay),
            )
            shop = RunningShop(config)
            seed_for_demo(shop.ctx, tracks=tracks)
            started.append(shop.start())
    except BaseException:
        for shop in started:
            shop.stop()
        raise
    return DemoShops(started)
