"""The Store's account methods (sign-in, ownership, sharing by e-mail; accounts.py holds the rows), kept apart from
the facade so it stays small; Store inherits them and supplies `_read` and `_write`."""

from __future__ import annotations

from . import accounts as account_rows
from . import projects as project_rows
from .access import Grant
from .accounts import Account, Share
from .records import Project


class AccountStore:
    def sign_in(self, issuer: str, subject: str, *, email: str = "", name: str = "") -> Account:
        """The account the identity provider's (issuer, subject) names, made on its first sign-in (name and e-mail
        are updated to the provider's latest)."""
        with self._write() as change:
            return account_rows.sign_in(change, issuer, subject, email, name)

    def account(self, account_id: str) -> Account | None:
        with self._read() as conn:
            return account_rows.get(conn, account_id)

    def project_owner(self, project_id: str) -> Account | None:
        """The account the project belongs to (None: it was made without signing in)."""
        with self._read() as conn:
            return account_rows.owner(conn, project_id)

    def share_project(self, project_id: str, email: str, *, author: str = "") -> bool:
        """Let the colleague who signs in with `email` open the project as a facilitator (ValueError: not an e-mail
        address); False when it was shared with them already."""
        with self._write() as change:
            project_rows.require(change, project_id)
            return account_rows.share(change, project_id, email, author)

    def unshare_project(self, project_id: str, email: str, *, author: str = "") -> bool:
        """The colleague with `email` can no longer open the project through their account (links they hold still work)."""
        with self._write() as change:
            return account_rows.unshare(change, project_id, email, author)

    def project_shares(self, project_id: str) -> list[Share]:
        """The e-mail addresses the project is shared with, oldest first."""
        with self._read() as conn:
            return account_rows.shares(conn, project_id)

    def account_grant(self, account: Account, project_id: str) -> Grant | None:
        """Facilitator access when the account owns the project or it was shared with the account's e-mail."""
        with self._read() as conn:
            return account_rows.grants(conn, account, project_id).get(project_id)

    def account_projects(self, account: Account) -> list[tuple[Project, Grant]]:
        """The projects the account owns or that were shared with it, most recently changed first."""
        with self._read() as conn:
            grants = account_rows.grants(conn, account)
            return [(p, grants[p.id]) for p in project_rows.listed(conn, list(grants))] if grants else []
