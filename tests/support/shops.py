"""Start real shop servers on loopback ports over temporary SQLite databases.

Seeding runs once per test session into a template file; every shop a test asks for gets its
own copy of that file, so tests never see each other's changes.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from server.context import ServerConfig, ShopContext
from server.db import sqlite_url
from server.demo.seeding import seed_for_demo
from server.embedded import RunningShop
from server.shops import shop_profile

SMALL_TRACKS = 400


def build_template(directory: Path, shop: str, tracks: int = SMALL_TRACKS) -> Path:
    path = directory / f"{shop}-template.db"
    config = ServerConfig(db_url=sqlite_url(str(path)), shop=shop_profile(shop), demo=True)
    ctx = ShopContext(config)
    try:
        seed_for_demo(ctx, tracks=tracks)
    finally:
        ctx.dispose()
    return path


def start_shop_from(template: Path, workdir: Path, shop: str, **overrides: object) -> RunningShop:
    """Copy the template database and serve it; `overrides` change ServerConfig fields."""
    workdir.mkdir(parents=True, exist_ok=True)
    target = workdir / f"{shop}.db"
    shutil.copyfile(template, target)
    config = ServerConfig(
        db_url=sqlite_url(str(target)),
        shop=shop_profile(shop),
        demo=True,
        processor_delay=timedelta(seconds=0),
    )
    config = replace(config, **overrides)  # type: ignore[arg-type]
    running = RunningShop(config)
    from server.demo.accounts import demo_accounts

    running.ctx.demo_accounts = [
        (a.username, a.password, a.role) for a in demo_accounts(config.shop)
    ]
    return running.start()
