"""Access links and the browsers that opened a project through one (only token fingerprints are stored)."""

from __future__ import annotations

import secrets

from sqlalchemy import delete, insert, select, update

from . import projects as project_rows
from .access import FACILITATOR, ROLES, AccessDenied, AccessLink, Grant, find_match, fingerprint, new_token
from .records import clean_author
from .tables import access_links, browser_access, now


def from_row(row) -> AccessLink:
    return AccessLink(row["id"], row["project_id"], row["role"], row["label"], row["participant_id"], row["created_at"],
                      row["created_by"], row["revoked_at"], row["revoked_by"])


def insert_link(change, project_id: str, role: str, label: str, author: str,
                participant_id: str | None = None) -> tuple[AccessLink, str]:
    if role not in ROLES:
        raise ValueError(f"a link opens a project as one of {', '.join(ROLES)}")
    token = new_token()
    link = AccessLink(secrets.token_urlsafe(9), project_id, role, clean_author(label), participant_id,
                      now(), clean_author(author), None, "")
    change.execute(insert(access_links).values(id=link.id, project_id=project_id, role=role, label=link.label,
                                               participant_id=participant_id, token_hash=fingerprint(token),
                                               created_at=link.created_at, created_by=link.created_by,
                                               revoked_at=None, revoked_by=""))
    return link, token


def listed(conn, project_id: str) -> list[AccessLink]:
    rows = conn.execute(select(access_links).where(access_links.c.project_id == project_id)
                        .order_by(access_links.c.created_at, access_links.c.id)).mappings().all()
    return [from_row(r) for r in rows]


def revoke(change, project_id: str, link_id: str, author: str) -> None:
    # Lock the project row: two facilitators revoking each other's links at once must not both
    # see "another facilitator link is left" (SQLite's BEGIN IMMEDIATE serialises anyway).
    project_rows.lock(change, project_id)
    rows = change.execute(select(access_links).where(access_links.c.project_id == project_id,
                                                     access_links.c.revoked_at.is_(None))).mappings().all()
    link = next((from_row(r) for r in rows if r["id"] == link_id), None)
    if link is None:
        return
    if link.role == FACILITATOR and sum(r["role"] == FACILITATOR for r in rows) == 1:
        raise ValueError("this is the project's last facilitator link; create another one before revoking it")
    change.execute(update(access_links).where(access_links.c.id == link_id)
                   .values(revoked_at=now(), revoked_by=clean_author(author)))
    change.record(project_id, author, "access", f"{link.role} link revoked", link.label)


def revoke_personal(change, project_id: str, participant_id: str, author: str) -> None:
    """Stop the participant's personal link(s) from working."""
    change.execute(update(access_links).where(access_links.c.project_id == project_id,
                                              access_links.c.participant_id == participant_id,
                                              access_links.c.revoked_at.is_(None))
                   .values(revoked_at=now(), revoked_by=clean_author(author)))


def resolve(conn, project_id: str, token: str) -> Grant:
    rows = conn.execute(select(access_links.c.id, access_links.c.role, access_links.c.participant_id,
                               access_links.c.token_hash, access_links.c.revoked_at)
                        .where(access_links.c.project_id == project_id)).all()
    row = find_match(token, [(r.token_hash, r) for r in rows])
    if row is None:
        raise AccessDenied("unknown")
    if row.revoked_at is not None:
        raise AccessDenied("revoked")
    return Grant(project_id, row.role, row.id, row.participant_id)


def bind(change, browser: str, link_id: str) -> None:
    key = fingerprint(browser)
    exists = change.execute(select(browser_access.c.link_id).where(browser_access.c.browser_hash == key,
                                                                    browser_access.c.link_id == link_id)).first()
    if exists is None:
        change.execute(insert(browser_access).values(browser_hash=key, link_id=link_id, added_at=now()))


def browser_grants(conn, browser: str, project_id: str | None) -> dict[str, Grant]:
    query = (select(access_links.c.id, access_links.c.project_id, access_links.c.role, access_links.c.participant_id)
             .join(browser_access, browser_access.c.link_id == access_links.c.id)
             .where(browser_access.c.browser_hash == fingerprint(browser), access_links.c.revoked_at.is_(None))
             .order_by(browser_access.c.added_at))
    if project_id is not None:
        query = query.where(access_links.c.project_id == project_id)
    grants: dict[str, Grant] = {}
    for r in conn.execute(query).all():
        grant = Grant(r.project_id, r.role, r.id, r.participant_id)
        best = grants.get(r.project_id)
        if best is None or grant.rank > best.rank:
            grants[r.project_id] = grant
    return grants


def forget(change, browser: str, project_id: str) -> None:
    links = select(access_links.c.id).where(access_links.c.project_id == project_id)
    change.execute(delete(browser_access).where(browser_access.c.browser_hash == fingerprint(browser),
                                                browser_access.c.link_id.in_(links)))
