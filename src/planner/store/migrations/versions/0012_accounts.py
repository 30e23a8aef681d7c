"""Accounts from the organisation's identity provider, the projects they own, and projects shared by e-mail.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

AWARE = sa.DateTime(timezone=True)  # what tables.UTCDateTime stores (written out: a migration stays as it was)

revision = "0012"
down_revision = "0011"


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("issuer", sa.String(300), nullable=False),
        sa.Column("subject", sa.String(255), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("first_seen", AWARE, nullable=False),
        sa.Column("last_seen", AWARE, nullable=False),
        sa.UniqueConstraint("issuer", "subject", name="uq_accounts_issuer_subject"),
    )
    op.create_index("ix_accounts_email", "accounts", ["email"])
    op.create_table(
        "project_owners",
        sa.Column("project_id", sa.String(64), sa.ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("account_id", sa.String(32), sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("added_at", AWARE, nullable=False),
    )
    op.create_index("ix_project_owners_account_id", "project_owners", ["account_id"])
    op.create_table(
        "project_shares",
        sa.Column("project_id", sa.String(64), sa.ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("email", sa.String(254), primary_key=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("added_at", AWARE, nullable=False),
        sa.Column("added_by", sa.String(120), nullable=False),
    )
    op.create_index("ix_project_shares_email", "project_shares", ["email"])


def downgrade() -> None:
    op.drop_table("project_shares")
    op.drop_table("project_owners")
    op.drop_table("accounts")
