"""Server-test fixtures: one throwaway PostgreSQL cluster shared by the multi-process tests."""

from __future__ import annotations

import itertools
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.postgres import PostgresCluster, create_database, postgres_bin

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
