"""Which database a shop command-line tool opens: `--db PATH` or `--db-url URL`, one of them.

`python -m server admin`, `python -m server process` and `python -m server migrate` take the
pair through `add_database_arguments` and get the SQLAlchemy URL from `url_from_arguments`
(`database_url` on the parsed values). It refuses what cannot work with one sentence for the
terminal (the tool prints it and exits with 2) instead of a traceback from the database driver:
neither or both given, a `--db` that is missing (where the tool needs an existing database), a
directory, unreadable, or not a SQLite file. `python -m server serve` takes them the same way,
with one difference: given neither, it serves (and creates) `./<shop>.db`, its default.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from server.db import sqlite_url

# The first 16 bytes of every SQLite 3 database file (an empty file is a new, empty database).
SQLITE_HEADER = b"SQLite format 3\x00"


class DatabaseArgumentError(ValueError):
    """The `--db`/`--db-url` given cannot be opened; `str()` is the sentence to print."""


def add_database_arguments(
    parser: argparse.ArgumentParser,
    *,
    url_help: str = "any SQLAlchemy URL instead of --db",
    db_help: str = "the shop's SQLite file",
) -> None:
    parser.add_argument("--db", help=db_help)
    parser.add_argument("--db-url", help=url_help)


def database_url(
    db: str | None, db_url: str | None, *, existing: bool = True, default: str | None = None
) -> str:
    """The URL that `--db` or `--db-url` names; with `existing=False` the SQLite file may be
    missing (it is created), but a file that is there must still be a readable database.
    `default`: the SQLite file to take when neither is given (checked as a `--db` would be);
    without one, giving neither is refused."""
    if db and db_url:
        raise DatabaseArgumentError("give --db PATH or --db-url URL, not both")
    if db_url:
        return db_url
    if not db:
        db = default
    if not db:
        raise DatabaseArgumentError("give --db PATH (or --db-url)")
    path = Path(db)
    if not path.exists():
        if existing:
            raise DatabaseArgumentError(f"no database at {db}")
        return sqlite_url(str(path.resolve()))
    if path.is_dir():
        raise DatabaseArgumentError(f"{db} is a directory, not a database file")
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseArgumentError(f"cannot read the database at {db}: {exc.strerror}") from exc
    if head and head != SQLITE_HEADER:
        raise DatabaseArgumentError(f"{db} is not a SQLite database")
    return sqlite_url(str(path.resolve()))


def url_from_arguments(
    args: argparse.Namespace, *, existing: bool = True, default: str | None = None
) -> str | None:
    """`database_url` of the parsed `--db`/`--db-url`, or None after saying on stderr why not
    (the tool then exits with status 2)."""
    try:
        return database_url(args.db, args.db_url, existing=existing, default=default)
    except DatabaseArgumentError as exc:
        print(exc, file=sys.stderr)
        return None
