"""`python -m server migrate [--db PATH | --db-url URL] [--revision REV]`.

Brings the shop's database to the newest schema revision (Alembic), once, before the workers of
`python -m server serve --workers N` start; workers never change the schema themselves. At the
newest revision it also makes the archive's kept lines again where they are missing or of an
older definition (SQLite; server.schema.create_kept_lines), saying so: filling them for every
order takes a while on a big shop (about 1 s per 20,000 small orders measured here; it
says what it is making while it runs).
"""

from __future__ import annotations

import argparse

from server.cli_database import add_database_arguments, url_from_arguments
from server.db import make_engine


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m server migrate", description="Upgrade the shop's database schema."
    )
    add_database_arguments(parser, url_help="any SQLAlchemy URL, e.g. postgresql+psycopg://…")
    parser.add_argument(
        "--revision", default="head", help="target revision (default: head, the newest)"
    )
    parser.add_argument(
        "--downgrade",
        action="store_true",
        help="go down to --revision instead of up (e.g. base: drop everything)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    url = url_from_arguments(args, existing=False)  # a missing SQLite file is made
    if url is None:
        return 2
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    from server import migrations
    from server.schema import create_kept_lines

    engine = make_engine(url)
    try:
        before = migrations.current_revision(engine)
        repaired: list[str] = []
        with engine.begin() as conn:
            config = migrations.alembic_config(connection=conn)
            if args.downgrade:
                command.downgrade(config, args.revision)
            else:
                command.upgrade(config, args.revision)
                if MigrationContext.configure(conn).get_current_revision() == (
                    migrations.head_revision()
                ):
                    # At the newest revision, the archive's kept lines (SQLite) are made again
                    # if they were dropped or are of an older definition: revision 0002 made
                    # them once, nothing else would notice they are gone.
                    repaired = create_kept_lines(conn)
        after = migrations.current_revision(engine)
        if after is not None and not args.downgrade:
            # The shop's signing key is made here too, so processes started next (workers,
            # several processors) all find the same one instead of racing to create it.
            from server.db import make_session_factory, transaction
            from server.signing import load_or_create_signer
            from server.timeutil import Clock

            with transaction(make_session_factory(engine)) as session:
                load_or_create_signer(session, Clock())
    finally:
        engine.dispose()
    print(f"schema revision: {before or 'none'} -> {after or 'none'}", flush=True)
    for done in repaired:
        print(f"archive's kept lines were missing or out of date: {done}", flush=True)
    return 0
