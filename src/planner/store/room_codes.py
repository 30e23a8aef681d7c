"""Workshop room codes: a short code that stands for one join link for a few hours, shown again at any time.

A code is 6 characters from an alphabet without look-alikes (no 0/O, 1/I); the database keeps its SHA-256
fingerprint to find it, and a copy masked with a key derived from the creating browser's id (itself stored
only as a fingerprint), so that browser can show the code again after a refresh. A code has only 30 bits, so
someone holding a copy of the database can recover a live code by trying all of them (the README says so);
its strength is in the rules: one code per project at a time, it ends after ROOM_CODE_HOURS or when stopped
(or its join link is revoked), joins through it count against the join link's per-minute limit, and wrong codes
are capped per minute (counted in the database, so across replicas): FAILED_CODES_PER_MINUTE from one browser
(so one person typing wrong codes locks out only themselves), FAILED_CODES_PER_MINUTE_SERVER from everyone
together (a backstop against guessing from many browsers: at that rate a 4-hour code is found with a chance of
about 1 in 15,000), after which no new code is accepted for the rest of the minute. A code that once worked is refused without
counting as a guess, and a session a code already let in is only re-checked through its join link, so
other people's wrong codes never throw it out.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, insert, select, update

from . import links as link_rows
from . import projects as project_rows
from .access import PARTICIPANT, Grant, fingerprint
from .records import clean_author
from .tables import access_links, now, room_code_failures, room_codes

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # 32 characters: no 0, 1, I, O
CODE_LENGTH = 6  # 30 bits
ROOM_CODE_HOURS = 4  # a two-hour kickoff with room to start late or run over
FAILED_CODES_PER_MINUTE = 10  # from one browser (its id's fingerprint)
FAILED_CODES_PER_MINUTE_SERVER = 300  # from all browsers together
CODE_RE = re.compile(f"^[{ALPHABET}]{{{CODE_LENGTH}}}$")
_SEPARATORS = re.compile(r"[\s\-_.]+")


@dataclass(frozen=True)
class RoomCode:
    id: str
    project_id: str
    link_id: str  # the join link the code stands for
    created_at: datetime
    created_by: str
    expires_at: datetime
    code: str | None  # the code itself, when this browser made it; otherwise None (it cannot be shown here)


def normalise(text) -> str | None:
    """The code as typed (any case, spaces or dashes) in its stored form, or None when it cannot be a code."""
    if not isinstance(text, str) or len(text) > 40:
        return None
    code = _SEPARATORS.sub("", text).upper()
    return code if CODE_RE.match(code) else None


def shown(code: str) -> str:
    """The code as shown on a screen, in two groups of three (`ABC DEF`)."""
    return f"{code[:3]} {code[3:]}"


def code_fingerprint(code: str) -> str:
    return fingerprint(f"room-code:{code}")


def _mask(browser: str, code_id: str) -> list[int]:
    digest = hmac.new(str(browser).encode("utf-8"), f"room-code:{code_id}".encode(), hashlib.sha256).digest()
    return [b % len(ALPHABET) for b in digest[:CODE_LENGTH]]


def seal(code: str, browser: str, code_id: str) -> str:
    return "".join(ALPHABET[(ALPHABET.index(c) + m) % len(ALPHABET)] for c, m in zip(code, _mask(browser, code_id)))


def unseal(sealed: str, browser: str, code_id: str) -> str:
    return "".join(ALPHABET[(ALPHABET.index(c) - m) % len(ALPHABET)] for c, m in zip(sealed, _mask(browser, code_id)))


def _active(at: datetime):
    """Conditions for a code that still works: not stopped, not expired, its join link not revoked."""
    return (room_codes.c.revoked_at.is_(None), room_codes.c.expires_at > at, access_links.c.revoked_at.is_(None))


def _active_rows(conn, at: datetime, *where):
    return conn.execute(select(room_codes).join(access_links, access_links.c.id == room_codes.c.link_id)
                        .where(*_active(at), *where).order_by(room_codes.c.created_at.desc())).mappings().all()


def create(change, project_id: str, author: str, browser: str, hours: float = ROOM_CODE_HOURS) -> RoomCode:
    """A new code for the project (the previous one stops), with a join link of its own behind it."""
    project_rows.require(change, project_id)
    project_rows.lock(change, project_id)
    at = now()
    _stop_all(change, project_id, author, at)
    for _ in range(20):  # codes of other projects that still work must not be reused
        code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
        if not _active_rows(change, at, room_codes.c.code_hash == code_fingerprint(code)):
            break
    else:  # pragma: no cover - about a billion codes; only with tens of millions live at once
        raise ValueError("no free room code was found; try again")
    link, _ = link_rows.insert_link(change, project_id, PARTICIPANT, "Room code", author)
    row = RoomCode(secrets.token_urlsafe(9), project_id, link.id, at, clean_author(author), at + timedelta(hours=hours), code)
    change.execute(insert(room_codes).values(id=row.id, project_id=project_id, link_id=link.id,
                                             code_hash=code_fingerprint(code), sealed=seal(code, browser, row.id),
                                             sealed_for=fingerprint(browser), created_at=at, created_by=row.created_by,
                                             expires_at=row.expires_at, revoked_at=None, revoked_by=""))
    change.record(project_id, author, "access", "room code created", f"valid until {row.expires_at:%Y-%m-%d %H:%M} UTC")
    return row


def current(conn, project_id: str, browser: str) -> RoomCode | None:
    """The project's code that works now; `code` is filled in only for the browser that made it."""
    rows = _active_rows(conn, now(), room_codes.c.project_id == project_id)
    if not rows:
        return None
    r = rows[0]
    code = unseal(r["sealed"], browser, r["id"]) if secrets.compare_digest(r["sealed_for"], fingerprint(browser)) else None
    return RoomCode(r["id"], project_id, r["link_id"], r["created_at"], r["created_by"], r["expires_at"], code)


def stop(change, project_id: str, author: str) -> bool:
    """Stop the project's code (and its join link): it no longer opens the workshop. True when one was working."""
    project_rows.lock(change, project_id)
    return _stop_all(change, project_id, author, now())


def _stop_all(change, project_id: str, author: str, at: datetime) -> bool:
    rows = _active_rows(change, at, room_codes.c.project_id == project_id)
    for r in rows:
        change.execute(update(room_codes).where(room_codes.c.id == r["id"]).values(revoked_at=at, revoked_by=clean_author(author)))
        change.execute(update(access_links).where(access_links.c.id == r["link_id"])
                       .values(revoked_at=at, revoked_by=clean_author(author)))
        change.record(project_id, author, "access", "room code stopped", "")
    return bool(rows)


def source_fingerprint(browser: str | None) -> str:
    """What the failure rows keep of the browser that typed a code (never its id itself)."""
    return hashlib.sha256(f"room-code-source:{browser or ''}".encode()).hexdigest()[:32]


def too_many_failures(conn, source: str) -> str | None:
    """"room_code_limit_browser" when this browser's wrong codes reached its limit in the last minute,
    "room_code_limit" when everyone's did, else None."""
    since = now() - timedelta(minutes=1)
    recent = room_code_failures.c.at > since
    mine = conn.execute(select(func.count()).select_from(room_code_failures)
                        .where(recent, room_code_failures.c.source == source)).scalar()
    if mine >= FAILED_CODES_PER_MINUTE:
        return "room_code_limit_browser"
    everyone = conn.execute(select(func.count()).select_from(room_code_failures).where(recent)).scalar()
    return "room_code_limit" if everyone >= FAILED_CODES_PER_MINUTE_SERVER else None


def find(conn, code: str) -> Grant | None:
    """The join access a working code gives (None: no such code works now)."""
    rows = _active_rows(conn, now(), room_codes.c.code_hash == code_fingerprint(code))
    if not rows:
        return None
    return Grant(rows[0]["project_id"], PARTICIPANT, rows[0]["link_id"])


def by_link(conn, link_id: str) -> Grant | None:
    """The join access of the code behind this join link while it still works (a session that already got in)."""
    rows = _active_rows(conn, now(), room_codes.c.link_id == link_id)
    return Grant(rows[0]["project_id"], PARTICIPANT, rows[0]["link_id"]) if rows else None


def was_issued(conn, code: str) -> bool:
    """A code that once worked (stopped, replaced or expired): refused, but not counted as a guess."""
    return conn.execute(select(room_codes.c.link_id).where(room_codes.c.code_hash == code_fingerprint(code))).first() is not None


def note_failure(change, source: str) -> None:
    at = now()
    change.execute(delete(room_code_failures).where(room_code_failures.c.at < at - timedelta(minutes=10)))
    change.execute(insert(room_code_failures).values(at=at, source=source))
