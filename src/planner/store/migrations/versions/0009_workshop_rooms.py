"""Workshop rooms: the expectation questions the facilitator revealed, and the room's shared timer.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

AWARE = sa.DateTime(timezone=True)  # what tables.UTCDateTime stores (written out: a migration stays as it was)

revision = "0009"
down_revision = "0008"


def upgrade() -> None:
    op.create_table(
        "workshop_rooms",
        sa.Column("project_id", sa.String(64), sa.ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("revealed", sa.Text, nullable=False),
        sa.Column("timer_seconds", sa.Integer, nullable=False),
        sa.Column("timer_used", sa.Integer, nullable=False),
        sa.Column("timer_started_at", AWARE, nullable=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("updated_at", AWARE, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("workshop_rooms")
