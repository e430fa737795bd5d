"""Creating the schema: the tables, plus on SQLite a trigram full-text index of My Tracks and the
archive's kept lines of tracks and orders (server.bulk).

The schema's history is in Alembic migrations (server/migrations). `create_schema` is what a
single-process server does at start: a fresh database is built with `create_all` and stamped at
the newest revision (fast: the tests' templates and `--demo` take this path), an older one is
upgraded. Workers of a multi-process server call it with `manage=False`: they only check that
`python -m server migrate` has brought the database to the newest revision.

On other backends text search falls back to ILIKE (add pg_trgm in a migration for scale).
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, text

import server.models  # noqa: F401  (registers every table)
from server import bulk
from server.db import Base

_SQLITE_FTS = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS tracks_fts USING fts5(
           text, content='tracks', content_rowid='id', tokenize='trigram')""",
    """CREATE TRIGGER IF NOT EXISTS tracks_fts_ai AFTER INSERT ON tracks BEGIN
           INSERT INTO tracks_fts(rowid, text) VALUES (new.id, new.text);
       END""",
    """CREATE TRIGGER IF NOT EXISTS tracks_fts_ad AFTER DELETE ON tracks BEGIN
           INSERT INTO tracks_fts(tracks_fts, rowid, text) VALUES ('delete', old.id, old.text);
       END""",
    """CREATE TRIGGER IF NOT EXISTS tracks_fts_au AFTER UPDATE OF text ON tracks BEGIN
           INSERT INTO tracks_fts(tracks_fts, rowid, text) VALUES ('delete', old.id, old.text);
           INSERT INTO tracks_fts(rowid, text) VALUES (new.id, new.text);
       END""",
]


def uses_fts(engine: Engine | Connection) -> bool:
    return engine.dialect.name == "sqlite"


SCHEMA_VERSION = 1


class SchemaNotMigrated(RuntimeError):
    """The database is not at the revision this server's code expects."""


def create_extras(conn: Connection) -> None:
    """What the models do not describe: the version marker, and SQLite's full-text index."""
    conn.execute(
        text(
            "CREATE TABLE IF NOT EXISTS schema_meta (key VARCHAR(40) PRIMARY KEY, "
            "value VARCHAR(40) NOT NULL)"
        )
    )
    stored = conn.execute(text("SELECT value FROM schema_meta WHERE key = 'version'"))
    row = stored.first()
    if row is None:
        conn.execute(
            text("INSERT INTO schema_meta (key, value) VALUES ('version', :v)"),
            {"v": str(SCHEMA_VERSION)},
        )
    elif int(row[0]) > SCHEMA_VERSION:
        raise RuntimeError(
            f"the database has schema version {row[0]}, newer than this server "
            f"({SCHEMA_VERSION}); upgrade the server"
        )
    if uses_fts(conn):
        for statement in _SQLITE_FTS:
            conn.execute(text(statement))
        # Rows that existed before the index (an older database) get indexed once.
        conn.execute(text("INSERT INTO tracks_fts(tracks_fts) VALUES ('rebuild')"))
        # Each track's archive line and CSV row, kept by SQLite in an index (server.bulk).
        if not bulk.has_track_lines(conn):
            for statement in bulk.track_line_ddl():
                conn.exec_driver_sql(statement)
        # Each order's archive line and CSV row, kept by triggers in `order_lines` (server.bulk).
        if not bulk.has_order_lines(conn):
            for statement in [*bulk.order_lines_drop_ddl(), *bulk.order_lines_ddl()]:
                conn.exec_driver_sql(statement)


def drop_extras(conn: Connection) -> None:
    if uses_fts(conn):
        for statement in bulk.order_lines_drop_ddl():
            conn.exec_driver_sql(statement)
        if bulk.has_track_lines(conn):
            conn.execute(text(f"DROP INDEX IF EXISTS {bulk.TRACK_LINES_INDEX}"))
            conn.execute(text(f"ALTER TABLE tracks DROP COLUMN {bulk.TRACK_CSV}"))
            conn.execute(text(f"ALTER TABLE tracks DROP COLUMN {bulk.TRACK_LINE}"))
        for name in ("tracks_fts_ai", "tracks_fts_ad", "tracks_fts_au"):
            conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
        conn.execute(text("DROP TABLE IF EXISTS tracks_fts"))
    conn.execute(text("DROP TABLE IF EXISTS schema_meta"))


def create_schema(engine: Engine, *, manage: bool = True) -> None:
    """Bring the database to the newest revision (or, with `manage=False`, insist it is)."""
    from server import migrations  # local: alembic is only needed when the schema is checked

    head = migrations.head_revision()
    current = migrations.current_revision(engine)
    if current == head:
        return
    if current is not None:
        try:
            migrations.ScriptDirectory.from_config(migrations.alembic_config()).get_revision(
                current
            )
        except Exception as exc:
            raise SchemaNotMigrated(
                f"the database is at schema revision {current}, unknown to this server "
                "(newer?); upgrade the server"
            ) from exc
    if not manage:
        raise SchemaNotMigrated(
            f"the database is at schema revision {current or 'none'}, this server needs {head}: "
            "run `python -m server migrate` first"
        )
    if current is not None or engine.dialect.name != "sqlite":
        # A shop's server database: replay the migrations, the same path `migrate` takes.
        migrations.upgrade(engine)
        return
    # A SQLite file with no revision: fresh (tests, --demo) or made before migrations existed.
    # Creating what is missing and stamping is the fast path (no migration replay) with the same
    # result, as tests/server/test_migrations.py checks.
    with engine.begin() as conn:
        Base.metadata.create_all(conn)
        create_extras(conn)
        migrations.stamp_head(conn)
