"""Parked questions: what participants add to the workshop's parking lot, until the facilitator moves or dismisses it.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

AWARE = sa.DateTime(timezone=True)  # what tables.UTCDateTime stores (written out: a migration stays as it was)

revision = "0010"
down_revision = "0009"


def upgrade() -> None:
    op.create_table(
        "parked_questions",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("project_id", sa.String(64), sa.ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
        sa.Column("participant_id", sa.String(64), nullable=True),
        sa.Column("asked_by", sa.String(120), nullable=False),
        sa.Column("role", sa.String(40), nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("who", sa.String(200), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("created_at", AWARE, nullable=False),
        sa.Column("decided_at", AWARE, nullable=True),
        sa.Column("decided_by", sa.String(120), nullable=False),
    )
    op.create_index("ix_parked_questions_project_id", "parked_questions", ["project_id"])


def downgrade() -> None:
    op.drop_table("parked_questions")
