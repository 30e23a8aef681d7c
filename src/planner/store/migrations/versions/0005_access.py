"""Access links (facilitator, join and personal participant links) and the browsers that use them.

Revision ID: 0005
Revises: 0004

Participants joined before this revision were identified by their id, which was their link
(?participant=ID): each gets a new, non-secret id and a personal link with the old id's fingerprint,
so their old links keep working and the database no longer holds the secret itself.
"""

import hashlib
import secrets

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    links = op.create_table(
        "access_links",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("project_id", sa.String(64), sa.ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("label", sa.String(120), nullable=False),
        sa.Column("participant_id", sa.String(64), nullable=True),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("created_by", sa.String(120), nullable=False),
        sa.Column("revoked_at", sa.String(40), nullable=True),
        sa.Column("revoked_by", sa.String(120), nullable=False),
    )
    op.create_index("ix_access_links_project_id", "access_links", ["project_id"])
    op.create_table(
        "browser_access",
        sa.Column("browser_hash", sa.String(64), primary_key=True),
        sa.Column("link_id", sa.String(32), sa.ForeignKey("access_links.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("added_at", sa.String(40), nullable=False),
    )
    bind = op.get_bind()
    old = bind.execute(sa.text("SELECT id, project_id, name, role, joined_at FROM participants")).all()
    for p in old:  # a new, non-secret id; the old one (the secret) survives only as the link's fingerprint
        new_id = secrets.token_urlsafe(12)
        bind.execute(sa.text("INSERT INTO participants (id, project_id, name, role, joined_at) "
                             "VALUES (:id, :project_id, :name, :role, :joined_at)"),
                     dict(id=new_id, project_id=p.project_id, name=p.name, role=p.role, joined_at=p.joined_at))
        bind.execute(sa.text("UPDATE expectation_answers SET participant_id = :new WHERE participant_id = :old"),
                     dict(new=new_id, old=p.id))
        bind.execute(sa.text("DELETE FROM participants WHERE id = :old"), dict(old=p.id))
        op.bulk_insert(links, [dict(id=secrets.token_urlsafe(9), project_id=p.project_id, role="participant",
                                    label=p.name, participant_id=new_id,
                                    token_hash=hashlib.sha256(p.id.encode()).hexdigest(), created_at=p.joined_at,
                                    created_by=p.name, revoked_at=None, revoked_by="")])


def downgrade() -> None:
    op.drop_table("browser_access")
    op.drop_index("ix_access_links_project_id", "access_links")
    op.drop_table("access_links")
