"""Wrong room codes remember which browser typed them (a fingerprint), so the guess limit is per browser first.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"


def upgrade() -> None:
    with op.batch_alter_table("room_code_failures") as batch:
        batch.add_column(sa.Column("source", sa.String(32), nullable=False, server_default=""))
        batch.create_index("ix_room_code_failures_source", ["source"])


def downgrade() -> None:
    with op.batch_alter_table("room_code_failures") as batch:
        batch.drop_index("ix_room_code_failures_source")
        batch.drop_column("source")
