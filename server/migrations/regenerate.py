"""Rewrite the baseline revision from the models: `python -m server.migrations.regenerate`.

Only while no production database exists on these migrations: branches that add tables or
columns in parallel are merged first, then this rebuilds `versions/0001_baseline.py` against an
empty SQLite database, so the baseline is the whole current schema. Once a shop runs on it, add
a new revision instead (`alembic revision --autogenerate` with the same environment).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from server.migrations import HERE, alembic_config

BASELINE = "0001"


def main() -> int:
    versions = HERE / "versions"
    others = [p for p in versions.glob("*.py") if not p.name.startswith(BASELINE + "_")]
    if others:
        print(
            "later revisions exist; add a new revision instead of regenerating the baseline:",
            *(p.name for p in others),
            file=sys.stderr,
        )
        return 2
    for old in versions.glob(BASELINE + "_*.py"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'empty.db'}"
        engine = create_engine(url)
        try:
            with engine.begin() as conn:
                command.revision(
                    alembic_config(connection=conn),
                    message="baseline",
                    autogenerate=True,
                    rev_id=BASELINE,
                )
        finally:
            engine.dispose()
    written = next(versions.glob(BASELINE + "_*.py"))
    print(f"wrote {written}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
