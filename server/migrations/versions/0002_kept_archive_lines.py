"""kept archive lines

The archive's kept lines on SQLite (server.bulk): each track's line and CSV row (generated
columns and their index) and each order's (`order_lines`, filled for the orders already there,
and its triggers). Databases stamped at 0001 before these existed, or whose lines were dropped
or made by an older definition, get them here; lines as this code makes them are left alone.
On PostgreSQL nothing is kept, so this does nothing there.

No model changes: `python -m server.migrations.regenerate` keeps this revision on top of the
baseline it rewrites (TOUCHES_MODELS below).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 20:30:00

"""

from collections.abc import Sequence

from alembic import op

from server.schema import create_kept_lines, drop_kept_lines

# revision identifiers, used by Alembic.
revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Read by server.migrations.regenerate: this revision adds nothing the models describe.
TOUCHES_MODELS = False


def upgrade() -> None:
    """Make the kept lines where they are missing or of another definition (SQLite only)."""
    create_kept_lines(op.get_bind())


def downgrade() -> None:
    """Drop them: a server at 0001 builds every line per batch, as before they existed."""
    drop_kept_lines(op.get_bind())
