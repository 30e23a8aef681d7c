"""Accounts from the organisation's identity provider, the projects they own and the colleagues they share them with.

An account is the provider's issuer plus the subject it gives the person (stable, unlike a name or e-mail); a
project created while signed in belongs to that account. Sharing names a colleague by e-mail: whoever signs in
with that e-mail address may open the project as a facilitator, also if they have never signed in before.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert, select, update

from .access import FACILITATOR, Grant
from .records import clean_author, one_line
from .tables import accounts, now, project_owners, project_shares

EMAIL_LIMIT = 254
_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\".]+$")
ACCOUNT_LINK = "account:"  # a Grant given by an account (owner or shared) carries "account:<id>" as its link id


@dataclass(frozen=True)
class Account:
    id: str
    issuer: str
    subject: str
    email: str  # lower case; "" when the provider gives none (or says it is not verified)
    name: str

    @property
    def author(self) -> str:
        """How the account appears in the history: name and e-mail."""
        if self.name and self.email:
            return clean_author(f"{self.name} <{self.email}>")
        return clean_author(self.name or self.email or self.subject)


@dataclass(frozen=True)
class Share:
    project_id: str
    email: str
    added_at: datetime  # timezone-aware (UTC)
    added_by: str


def clean_email(text) -> str:
    """An e-mail address, trimmed and in lower case; ValueError naming the text when it is not one."""
    email = one_line(text or "").lower()
    if not email:
        raise ValueError("give the colleague's e-mail address (like name@example.org)")
    if len(email) > EMAIL_LIMIT or not _EMAIL.match(email):
        raise ValueError(f"{one_line(text)[:80]!r} is not an e-mail address (like name@example.org)")
    return email


def from_row(row) -> Account:
    return Account(row["id"], row["issuer"], row["subject"], row["email"], row["name"])


def sign_in(change, issuer: str, subject: str, email: str, name: str) -> Account:
    """The account of (issuer, subject), made on first sign-in; its e-mail and name follow the provider's latest."""
    issuer, subject = one_line(issuer)[:300], one_line(subject)[:255]
    if not issuer or not subject:
        raise ValueError("the identity provider gave no issuer or subject, so the sign-in cannot name an account")
    email = clean_email(email) if email else ""
    name = clean_author(name)
    where = (accounts.c.issuer == issuer, accounts.c.subject == subject)
    row = change.execute(select(accounts).where(*where)).mappings().first()
    at = now()
    if row is None:
        account = Account(secrets.token_urlsafe(12), issuer, subject, email, name)
        change.execute(insert(accounts).values(id=account.id, issuer=issuer, subject=subject, email=email, name=name,
                                               first_seen=at, last_seen=at))
        return account
    change.execute(update(accounts).where(*where).values(email=email, name=name, last_seen=at))
    return Account(row["id"], issuer, subject, email, name)


def get(conn, account_id: str) -> Account | None:
    row = conn.execute(select(accounts).where(accounts.c.id == account_id)).mappings().first()
    return from_row(row) if row else None


def own(change, project_id: str, account_id: str) -> None:
    change.execute(insert(project_owners).values(project_id=project_id, account_id=account_id, added_at=now()))


def owner(conn, project_id: str) -> Account | None:
    row = conn.execute(select(accounts).join(project_owners, project_owners.c.account_id == accounts.c.id)
                       .where(project_owners.c.project_id == project_id)).mappings().first()
    return from_row(row) if row else None


def share(change, project_id: str, email: str, author: str) -> bool:
    """Let whoever signs in with `email` open the project as facilitator; False when it was shared with them already."""
    email = clean_email(email)
    found = change.execute(select(project_shares.c.email).where(project_shares.c.project_id == project_id,
                                                                project_shares.c.email == email)).first()
    if found is not None:
        return False
    change.execute(insert(project_shares).values(project_id=project_id, email=email, role=FACILITATOR, added_at=now(),
                                                 added_by=clean_author(author)))
    change.record(project_id, author, "access", "shared with a colleague", email)
    return True


def unshare(change, project_id: str, email: str, author: str) -> bool:
    email = one_line(email or "").lower()
    gone = change.execute(delete(project_shares).where(project_shares.c.project_id == project_id,
                                                       project_shares.c.email == email)).rowcount
    if gone:
        change.record(project_id, author, "access", "no longer shared with a colleague", email)
    return bool(gone)


def shares(conn, project_id: str) -> list[Share]:
    rows = conn.execute(select(project_shares).where(project_shares.c.project_id == project_id)
                        .order_by(project_shares.c.added_at, project_shares.c.email)).mappings().all()
    return [Share(r["project_id"], r["email"], r["added_at"], r["added_by"]) for r in rows]


def grants(conn, account: Account, project_id: str | None = None) -> dict[str, Grant]:
    """Project id → facilitator access for the projects the account owns or that were shared with its e-mail."""
    owned = select(project_owners.c.project_id.label("project_id")).where(project_owners.c.account_id == account.id)
    shared = select(project_shares.c.project_id.label("project_id")).where(project_shares.c.email == account.email)
    if project_id is not None:
        owned = owned.where(project_owners.c.project_id == project_id)
        shared = shared.where(project_shares.c.project_id == project_id)
    query = owned.union(shared) if account.email else owned
    ids = conn.execute(query).scalars().all()
    return {pid: Grant(pid, FACILITATOR, ACCOUNT_LINK + account.id) for pid in ids}


