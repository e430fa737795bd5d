"""The schema is migrated once with Alembic, and the migrations build exactly the models' schema.

Other branches add tables and columns; if they forget the migration, the comparison here fails
and names the difference (regenerate with `python -m server.migrations.regenerate`).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

import server.models  # noqa: F401
from server import migrations
from server.context import ServerConfig, ShopContext
from server.db import Base, make_engine, sqlite_url
from server.migrations import include_name
from server.schema import SchemaNotMigrated, create_schema
from server.shops import shop_profile

ROOT = Path(__file__).resolve().parents[2]


def differences(engine: Engine) -> list:
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": include_name}
        )
        return compare_metadata(context, Base.metadata)


def migrate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "server", "migrate", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_migrated_sqlite_schema_equals_the_models(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    done = migrate("--db", str(path))
    assert done.returncode == 0, done.stderr
    assert "none -> " + migrations.head_revision() in done.stdout
    engine = make_engine(sqlite_url(str(path)))
    try:
        assert differences(engine) == []
        assert migrations.current_revision(engine) == migrations.head_revision()
        # the SQLite full-text index of My Tracks comes with the baseline
        assert "tracks_fts" in inspect(engine).get_table_names()
    finally:
        engine.dispose()
    again = migrate("--db", str(path))
    assert again.returncode == 0, again.stderr
    down = migrate("--db", str(path), "--downgrade", "--revision", "base")
    assert down.returncode == 0, down.stderr
    engine = make_engine(sqlite_url(str(path)))
    try:
        assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    finally:
        engine.dispose()


def test_fast_create_path_is_stamped_and_equal(tmp_path: Path) -> None:
    engine = make_engine(sqlite_url(str(tmp_path / "c.db")))
    try:
        create_schema(engine)
        assert migrations.current_revision(engine) == migrations.head_revision()
        assert differences(engine) == []
    finally:
        engine.dispose()


def test_a_worker_refuses_an_unmigrated_database(tmp_path: Path) -> None:
    config = ServerConfig(
        db_url=sqlite_url(str(tmp_path / "w.db")),
        shop=shop_profile("silumart"),
        manage_schema=False,
    )
    with pytest.raises(SchemaNotMigrated, match="python -m server migrate"):
        ShopContext(config)
    assert migrate("--db", str(tmp_path / "w.db")).returncode == 0
    ShopContext(config).dispose()  # migrated once: the worker starts without touching it


def test_migrated_postgres_schema_equals_the_models(pg_database: Callable[[], str]) -> None:
    url = pg_database()
    done = migrate("--db-url", url)
    assert done.returncode == 0, done.stderr
    engine = make_engine(url)
    try:
        assert differences(engine) == []
        assert migrations.current_revision(engine) == migrations.head_revision()
    finally:
        engine.dispose()
