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

import logging
import time

from sqlalchemy import Connection, Engine, text

import server.models  # noqa: F401  (registers every table)
from server import bulk
from server.db import Base

log = logging.getLogger(__name__)

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
    """What the models do not describe and the baseline revision makes: the version marker, and
    SQLite's full-text index. The archive's kept lines come with revision 0002
    (`create_kept_lines`)."""
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


def _count(conn: Connection, sql: str) -> int:
    return int(conn.exec_driver_sql(sql).scalar() or 0)


def _drop_track_lines(conn: Connection) -> None:
    """Drop the kept lines of My Tracks, whatever definition made them (the index first: a
    column an index names cannot be dropped)."""
    conn.exec_driver_sql(f"DROP INDEX IF EXISTS {bulk.TRACK_LINES_INDEX}")
    # table_xinfo, not table_info: only it lists generated columns
    columns = {row[1] for row in conn.exec_driver_sql("PRAGMA table_xinfo(tracks)")}
    for column in (bulk.TRACK_CSV, bulk.TRACK_LINE):
        if column in columns:
            conn.exec_driver_sql(f"ALTER TABLE tracks DROP COLUMN {column}")


def _drop_order_lines(conn: Connection) -> None:
    """Drop the kept order lines and every trigger of theirs, also one an older definition had
    that this code no longer names (it would keep writing, and `has_order_lines` would never
    accept the set)."""
    found = conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'order\\_lines\\_%' "
        "ESCAPE '\\'"
    )
    for (name,) in found.fetchall():
        conn.exec_driver_sql(f'DROP TRIGGER IF EXISTS "{name}"')
    for statement in bulk.order_lines_drop_ddl():
        conn.exec_driver_sql(statement)


def create_kept_lines(conn: Connection) -> list[str]:
    """Make the archive's kept lines (SQLite only; server.bulk) where they are missing or were
    made by another definition than this code's: each track's line and CSV row (generated
    columns and their index) and each order's (`order_lines` and its triggers), filled for the
    rows already there. Lines this code would make are left alone, so running it again does
    nothing. Returns what it did, one sentence each (also logged: filling them takes a while on
    a big shop: one statement, about 1 s per 20,000 small orders measured here)."""
    if not uses_fts(conn):
        return []  # PostgreSQL keeps no lines: the archive builds them per batch there
    done: list[str] = []
    if not bulk.has_track_lines(conn):
        tracks = _count(conn, "SELECT count(*) FROM tracks")
        log.info("making the archive's kept line of each of %d tracks", tracks)
        started = time.monotonic()
        _drop_track_lines(conn)
        for statement in bulk.track_line_ddl():
            conn.exec_driver_sql(statement)
        done.append(f"made the kept lines of {tracks} tracks in {time.monotonic() - started:.1f} s")
    if not bulk.has_order_lines(conn):
        orders = _count(conn, "SELECT count(*) FROM orders")
        log.info(
            "making the archive's kept line of each of %d orders (about 1 s per 20,000)", orders
        )
        started = time.monotonic()
        _drop_order_lines(conn)
        for statement in bulk.order_lines_ddl():
            conn.exec_driver_sql(statement)
        done.append(f"made the kept lines of {orders} orders in {time.monotonic() - started:.1f} s")
    for sentence in done:
        log.info("%s", sentence)
    return done


def drop_kept_lines(conn: Connection) -> None:
    """Undo `create_kept_lines` (the archive then builds every line per batch, as before)."""
    if uses_fts(conn):
        _drop_order_lines(conn)
        _drop_track_lines(conn)


def drop_extras(conn: Connection) -> None:
    drop_kept_lines(conn)  # the baseline's downgrade runs after 0002's: normally none are left
    if uses_fts(conn):
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
        if manage and uses_fts(engine):
            # At the newest revision but without the kept lines (dropped, or made by an older
            # definition of them): made again, as `python -m server migrate` does. Workers
            # never do it; they read what is there, or build each line per batch.
            with engine.begin() as conn:
                create_kept_lines(conn)
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
        create_kept_lines(conn)
        migrations.stamp_head(conn)
