"""Workshop room codes (a short code standing for a join link for a few hours) and the wrong codes tried.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

AWARE = sa.DateTime(timezone=True)  # what tables.UTCDateTime stores (written out: a migration stays as it was)

revision = "0008"
down_revision = "0007"


def upgrade() -> None:
    op.create_table(
        "room_codes",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("project_id", sa.String(64), sa.ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
        sa.Column("link_id", sa.String(32), sa.ForeignKey("access_links.id", ondelete="CASCADE"), nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("sealed", sa.String(16), nullable=False),
        sa.Column("sealed_for", sa.String(64), nullable=False),
        sa.Column("created_at", AWARE, nullable=False),
        sa.Column("created_by", sa.String(120), nullable=False),
        sa.Column("expires_at", AWARE, nullable=False),
        sa.Column("revoked_at", AWARE, nullable=True),
        sa.Column("revoked_by", sa.String(120), nullable=False),
    )
    op.create_index("ix_room_codes_project_id", "room_codes", ["project_id"])
    op.create_index("ix_room_codes_code_hash", "room_codes", ["code_hash"])
    op.create_table(
        "room_code_failures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", AWARE, nullable=False),
    )
    op.create_index("ix_room_code_failures_at", "room_code_failures", ["at"])


def downgrade() -> None:
    op.drop_table("room_code_failures")
    op.drop_table("room_codes")
