"""The join link each participant came through, so joins can be capped per link and minute.

Revision ID: 0006
Revises: 0005

Participants who joined before this revision have none (NULL): they count for no link.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    with op.batch_alter_table("participants") as batch:
        batch.add_column(sa.Column("joined_via", sa.String(32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("participants") as batch:
        batch.drop_column("joined_via")
