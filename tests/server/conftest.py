"""Server-test fixtures: one throwaway PostgreSQL cluster shared by the multi-process tests,
and a shop per backend for the race tests."""

from __future__ import annotations

import itertools
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from server.context import ServerConfig
from server.demo.accounts import demo_accounts
from server.demo.seeding import seed_for_demo
from server.embedded import RunningShop
from server.shops import shop_profile
from tests.support.postgres import PostgresCluster, create_database, postgres_bin
from tests.support.shops import start_shop_from

_names = itertools.count(1)


@pytest.fixture(scope="session")
def pg_base_url() -> Iterator[str]:
    """A running cluster's URL (skips where PostgreSQL is not installed)."""
    if postgres_bin() is None:
        pytest.skip("PostgreSQL server binaries are not installed")
    # Not under pytest's tmp dir: the `postgres` user must be able to reach the directory.
    directory = Path(tempfile.mkdtemp(prefix="privacy-pg-"))
    cluster = PostgresCluster(directory)
    try:
        yield cluster.start()
    finally:
        cluster.stop()
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def pg_database(pg_base_url: str) -> Callable[[], str]:
    """Make a new empty database on the shared cluster; returns its URL."""
    return lambda: create_database(pg_base_url, f"t{next(_names)}")


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def race_shop(
    request: pytest.FixtureRequest,
    shop_templates: dict[str, Path],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[RunningShop]:
    """One Silumart shop per backend (SQLite, then PostgreSQL) for the module using it: the
    race tests, whose every test signs in with fresh credentials."""
    if request.param == "sqlite":
        shop = start_shop_from(
            shop_templates["silumart"], tmp_path_factory.mktemp("races"), "silumart"
        )
    else:
        cluster = request.getfixturevalue("pg_cluster")
        url = cluster.create_database(f"races_{uuid.uuid4().hex[:8]}")
        config = ServerConfig(
            db_url=url, shop=shop_profile("silumart"), demo=True, processor_delay=timedelta(0)
        )
        shop = RunningShop(config)
        seed_for_demo(shop.ctx, tracks=50)
        shop.ctx.demo_accounts = [
            (a.username, a.password, a.role) for a in demo_accounts(config.shop)
        ]
        shop.start()
    try:
        yield shop
    finally:
        shop.stop()
