"""The app's own small SQLite files (the outbox, the Fides store): one short transaction each.

More than one thread may write the same file (a flush beside the UI): an IMMEDIATE transaction
takes the write lock at its start, so writers queue up (for up to 30 s) instead of interleaving.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def immediate_transaction(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection inside `BEGIN IMMEDIATE`: committed at the end, rolled back on any raise."""
    db = sqlite3.connect(path, timeout=30.0, isolation_level=None)
    try:
        db.row_factory = sqlite3.Row
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
    finally:
        db.close()


__all__ = ["immediate_transaction"]
