"""Alembic migrations of the shop's schema, and the calls the server makes on them.

`python -m server migrate` upgrades a database to the newest revision once, before any worker
starts; workers then only check that the database is at that revision. A fresh SQLite file (the
tests' templates, `--demo`) is built with `create_all` and stamped at the newest revision, which
is much faster than replaying migrations and gives the same schema (tests/server/test_migrations.py
checks that the migrated schema equals the models).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from server.db import UTCDateTime

HERE = Path(__file__).resolve().parent

# Tables that exist in the database but not in the models: SQLite's full-text index of My
# Tracks (server.schema), the archive's kept order lines (server.bulk) and the older version
# marker. Comparisons and autogenerate skip them.
UNMODELLED_PREFIXES = ("tracks_fts", "schema_meta", "alembic_version", "sqlite_", "order_lines")


# Columns and indexes not in the models: the lines of My Tracks that SQLite keeps (server.bulk).
UNMODELLED_PARTS = ("export_line", "export_csv", "ix_tracks_export")


def include_name(name: str | None, type_: str, _parent: Any) -> bool:
    if type_ in ("column", "index") and name in UNMODELLED_PARTS:
        return False
    return not (type_ == "table" and name is not None and name.startswith(UNMODELLED_PREFIXES))


def render_item(type_: str, obj: Any, _autogen_context: Any) -> str | Literal[False]:
    # The UTC wrapper is Python-side only; the column is a plain DateTime, so migrations need
    # not import the server's code to describe it.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    return False


def alembic_config(url: str | None = None, connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(HERE))
    if url is not None:
        # ConfigParser interpolation: a literal % in a password must be doubled.
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=1)
def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError("no migration revisions found")
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run every migration up to `revision` on `engine`'s database."""
    with engine.begin() as conn:
        command.upgrade(alembic_config(connection=conn), revision)


def stamp_head(conn: Connection) -> None:
    """Record the newest revision without running migrations (the schema was just created)."""
    MigrationContext.configure(conn).stamp(ScriptDirectory.from_config(alembic_config()), "head")
