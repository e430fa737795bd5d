"""Creating the schema: the tables, plus a trigram full-text index of My Tracks on SQLite.

On other backends text search falls back to ILIKE (add pg_trgm in a migration for scale).
"""

from __future__ import annotations

from sqlalchemy import Engine, text

import server.models  # noqa: F401  (registers every table)
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


def uses_fts(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


SCHEMA_VERSION = 1


def create_schema(engine: Engine) -> None:
    """Create what is missing and record the schema version (a newer database is refused)."""
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(
            text("CREATE TABLE IF NOT EXISTS schema_meta (key VARCHAR(40) PRIMARY KEY, "
                 "value VARCHAR(40) NOT NULL)")
        )
        stored = conn.execute(text("SELECT value FROM schema_meta WHERE key = 'version'"))
        row = stored.first()
        if row is None:
            conn.execute(text("INSERT INTO schema_meta (key, value) VALUES ('version', :v)"),
                         {"v": str(SCHEMA_VERSION)})
        elif int(row[0]) > SCHEMA_VERSION:
            raise RuntimeError(
                f"the database has schema version {row[0]}, newer than this server "
                f"({SCHEMA_VERSION}); upgrade the server"
            )
        if uses_fts(engine):
            for statement in _SQLITE_FTS:
                conn.execute(text(statement))
