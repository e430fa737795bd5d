"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
${imports if imports else ""}
% if down_revision is None:
from server.schema import create_extras, drop_extras
% endif

# revision identifiers, used by Alembic.
revision: str = ${repr(up_revision)}
down_revision: Union[str, Sequence[str], None] = ${repr(down_revision)}
branch_labels: Union[str, Sequence[str], None] = ${repr(branch_labels)}
depends_on: Union[str, Sequence[str], None] = ${repr(depends_on)}


def upgrade() -> None:
    """Upgrade schema."""
    ${upgrades if upgrades else "pass"}
% if down_revision is None:
    # Not in the models: SQLite's full-text index of My Tracks, and the old version marker.
    create_extras(op.get_bind())
% endif


def downgrade() -> None:
    """Downgrade schema."""
% if down_revision is None:
    drop_extras(op.get_bind())
% endif
    ${downgrades if downgrades else "pass"}
