"""Access links: random tokens that open a project as facilitator or participant.

The database keeps only a SHA-256 fingerprint of each token, so a copy of the database does not
open any project; a presented token is compared with the fingerprints in constant time.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

FACILITATOR = "facilitator"
PARTICIPANT = "participant"
ROLES = (FACILITATOR, PARTICIPANT)
TOKEN_BYTES = 24  # 192 bits; the issue asks for at least 128
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{16,128}$")
BROWSER_COOKIE = "planner_browser"


@dataclass(frozen=True)
class AccessLink:
    id: str  # public id (for lists and revoking), not a secret
    project_id: str
    role: str  # FACILITATOR or PARTICIPANT
    label: str
    participant_id: str | None  # set on a participant's personal link
    created_at: datetime  # timezone-aware (UTC)
    created_by: str
    revoked_at: datetime | None
    revoked_by: str

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    @property
    def kind(self) -> str:
        if self.role == FACILITATOR:
            return "Facilitator link"
        return "Personal participant link" if self.participant_id else "Join link for participants"


@dataclass(frozen=True)
class Grant:
    """What one browser session may do on one project, and through which link."""

    project_id: str
    role: str
    link_id: str
    participant_id: str | None = None

    @property
    def facilitator(self) -> bool:
        return self.role == FACILITATOR

    @property
    def rank(self) -> tuple[bool, bool]:
        """Which access counts for more: facilitator, then a personal participant link, then a join link."""
        return self.facilitator, self.participant_id is not None


class AccessDenied(Exception):
    """The link does not open this project; the message never names another project."""

    MESSAGES = {
        "revoked": "This link was revoked by the project's facilitator. Ask them for a new one.",
        "unknown": "This link does not open any project: it may be mistyped or incomplete. Ask the facilitator for the link.",
        "room_code": "This room code does not open a workshop: it may be mistyped, expired or stopped. Ask the "
                     "facilitator for the code on the screen.",
        "room_code_limit": "Too many wrong room codes were tried in the last minute, so no code is accepted just now. "
                           "Wait a minute and try again, or ask the facilitator for the join link.",
        "room_code_limit_browser": "Too many wrong room codes were typed in this browser in the last minute. Check the code "
                                   "on the facilitator's screen and try again in a minute, or scan the QR code.",
    }

    def __init__(self, reason: str):
        self.reason = reason  # one of MESSAGES
        super().__init__(self.MESSAGES.get(reason, self.MESSAGES["unknown"]))


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def fingerprint(token: str) -> str:
    return hashlib.sha256(str(token).encode("utf-8", "replace")).hexdigest()


def valid_token(value) -> bool:
    return isinstance(value, str) and bool(TOKEN_RE.match(value))


def find_match(token: str, fingerprints: list[tuple[str, object]]):
    """The item whose fingerprint matches `token`, comparing every one in constant time (no early exit)."""
    wanted = fingerprint(token)
    found = None
    for stored, item in fingerprints:
        if secrets.compare_digest(stored, wanted) and found is None:
            found = item
    return found
