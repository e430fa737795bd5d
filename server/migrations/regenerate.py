"""Rewrite the baseline revision from the models: `python -m server.migrations.regenerate`.

Only while no production database exists on these migrations: branches that add tables or
columns in parallel are merged first, then this rebuilds `versions/0001_baseline.py` against an
empty SQLite database, so the baseline is the whole current schema. Once a shop runs on it, add
a new revision instead (`alembic revision --autogenerate` with the same environment).

Later revisions that change no model (they say `TOUCHES_MODELS = False`: e.g. 0002, the
archive's kept lines on SQLite) are set aside while the baseline is written and put back on top
of it; any other later revision stops it.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from server.migrations import HERE, alembic_config

BASELINE = "0001"
_NO_MODELS = re.compile(r"^TOUCHES_MODELS\s*=\s*False\s*$", re.MULTILINE)


def touches_models(revision: Path) -> bool:
    """Whether a revision file may change what the models describe (unless it says not)."""
    return _NO_MODELS.search(revision.read_text(encoding="utf-8")) is None


def main() -> int:
    versions = HERE / "versions"
    later = [p for p in versions.glob("*.py") if not p.name.startswith(BASELINE + "_")]
    others = [p for p in later if touches_models(p)]
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
        aside = Path(tmp) / "aside"
        aside.mkdir()
        for revision in later:  # autogenerate would write a revision on top of them
            shutil.move(revision, aside / revision.name)
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
            for revision in later:
                shutil.move(aside / revision.name, revision)
    written = next(versions.glob(BASELINE + "_*.py"))
    print(f"wrote {written}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
