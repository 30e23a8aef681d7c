"""The database tables (SQLAlchemy Core) and the one timestamp type every table uses."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, DateTime, ForeignKey, Integer, MetaData, String, Table, Text, UniqueConstraint
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator):
    """A timezone-aware datetime, stored in UTC; read back aware (UTC) on every database.

    PostgreSQL keeps the zone (timestamptz); SQLite has no zone type, so the UTC wall time is
    stored and UTC is put back on reading. Naive datetimes are refused: their zone is unknown.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise TypeError(f"a timestamp must be a timezone-aware datetime, not {value!r}")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def now() -> datetime:
    """The current time (UTC, aware), fine enough to order rows written within one second."""
    return datetime.now(UTC)


metadata = MetaData()

projects = Table(
    "projects",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("description", Text, nullable=False, default=""),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("version", Integer, nullable=False, default=1),
)

answers = Table(
    "answers",
    metadata,
    Column("project_id", String(64), ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    Column("question_id", String(80), primary_key=True),
    Column("value", Text, nullable=True),  # NULL: cleared, kept so its version keeps counting
    Column("updated_at", UTCDateTime, nullable=False),
    Column("version", Integer, nullable=False),
)

question_files = Table(
    "question_files",
    metadata,
    Column("project_id", String(64), ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    Column("name", String(200), primary_key=True),
    Column("content", Text, nullable=False),
    Column("added_at", UTCDateTime, nullable=False),
)

plans = Table(
    "plans",
    metadata,
    Column("project_id", String(64), ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    Column("document", Text, nullable=False),  # the plan as JSON (planner.plan.model.Plan)
    Column("updated_at", UTCDateTime, nullable=False),
    Column("version", Integer, nullable=False),
)

milestones = Table(
    "milestones",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("project_id", String(64), ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("answers", Text, nullable=False),  # the project's answers at that moment, as JSON
)

history = Table(
    "history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("project_id", String(64), ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("at", UTCDateTime, nullable=False),
    Column("author", String(120), nullable=False),
    Column("kind", String(20), nullable=False),  # answer, plan, import, project, milestone, question_file, workshop, access
    Column("target", String(200), nullable=False),  # e.g. the question id
    Column("detail", Text, nullable=False),  # e.g. the new value as JSON
)

participants = Table(
    "participants",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("project_id", String(64), ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", String(120), nullable=False),
    Column("role", String(40), nullable=False),
    Column("joined_at", UTCDateTime, nullable=False),
    Column("joined_via", String(32), nullable=True),  # the join link they came through (NULL: joined before 0006)
)

expectation_answers = Table(
    "expectation_answers",
    metadata,
    Column("participant_id", String(64), ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True),
    Column("question_id", String(80), primary_key=True),
    Column("value", String(80), nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

workshop_rooms = Table(  # per project: the questions the facilitator revealed and the shared timer (one row, made on first use)
    "workshop_rooms",
    metadata,
    Column("project_id", String(64), ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    Column("revealed", Text, nullable=False),  # JSON list of expectation question ids, in the order revealed
    Column("timer_seconds", Integer, nullable=False),  # the timer's length (0: no timer)
    Column("timer_used", Integer, nullable=False),  # seconds run before the current start (kept over a pause)
    Column("timer_started_at", UTCDateTime, nullable=True),  # running since (NULL: paused or not started)
    Column("version", Integer, nullable=False),  # counts every change (the live view polls it)
    Column("updated_at", UTCDateTime, nullable=False),
)

parked_questions = Table(  # what participants add to the workshop's parking lot (they cannot edit the plan)
    "parked_questions",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("project_id", String(64), ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("participant_id", String(64), nullable=True),  # who added it (kept as text: the question stays if they are removed)
    Column("asked_by", String(120), nullable=False),  # their name and role when they added it
    Column("role", String(40), nullable=False),
    Column("question", Text, nullable=False),
    Column("who", String(200), nullable=False),  # who could answer it ("" = not said)
    Column("status", String(12), nullable=False),  # open, moved (into the plan's parking lot) or dismissed
    Column("created_at", UTCDateTime, nullable=False),
    Column("decided_at", UTCDateTime, nullable=True),  # when the facilitator moved or dismissed it
    Column("decided_by", String(120), nullable=False),
)

access_links = Table(
    "access_links",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("project_id", String(64), ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("role", String(20), nullable=False),  # facilitator or participant
    Column("label", String(120), nullable=False),
    Column("participant_id", String(64), nullable=True),  # set on a participant's personal link
    Column("token_hash", String(64), nullable=False),  # SHA-256 of the token; the token itself is never stored
    Column("created_at", UTCDateTime, nullable=False),
    Column("created_by", String(120), nullable=False),
    Column("revoked_at", UTCDateTime, nullable=True),
    Column("revoked_by", String(120), nullable=False),
)

browser_access = Table(
    "browser_access",
    metadata,
    Column("browser_hash", String(64), primary_key=True),  # SHA-256 of the browser's cookie
    Column("link_id", String(32), ForeignKey("access_links.id", ondelete="CASCADE"), primary_key=True),
    Column("added_at", UTCDateTime, nullable=False),
)

accounts = Table(  # people signed in through the organisation's identity provider (only when sign-in is configured)
    "accounts",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("issuer", String(300), nullable=False),  # the provider's issuer URL ("iss")
    Column("subject", String(255), nullable=False),  # the provider's stable id of the person ("sub")
    Column("email", String(254), nullable=False, index=True),  # lower case; "" when none was given
    Column("name", String(120), nullable=False),
    Column("first_seen", UTCDateTime, nullable=False),
    Column("last_seen", UTCDateTime, nullable=False),
    UniqueConstraint("issuer", "subject", name="uq_accounts_issuer_subject"),
)

project_owners = Table(  # the account a project belongs to (created while signed in)
    "project_owners",
    metadata,
    Column("project_id", String(64), ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    Column("account_id", String(32), ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("added_at", UTCDateTime, nullable=False),
)

project_shares = Table(  # colleagues, named by e-mail, who may open a project as facilitators once signed in
    "project_shares",
    metadata,
    Column("project_id", String(64), ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    Column("email", String(254), primary_key=True, index=True),
    Column("role", String(20), nullable=False),  # facilitator
    Column("added_at", UTCDateTime, nullable=False),
    Column("added_by", String(120), nullable=False),
)

room_codes = Table(  # short workshop room codes: each stands for one join link, for a few hours
    "room_codes",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("project_id", String(64), ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("link_id", String(32), ForeignKey("access_links.id", ondelete="CASCADE"), nullable=False),
    Column("code_hash", String(64), nullable=False, index=True),  # SHA-256 of the code; the code itself is never stored
    Column("sealed", String(16), nullable=False),  # the code masked with a key only the creating browser holds
    Column("sealed_for", String(64), nullable=False),  # SHA-256 of that browser's id
    Column("created_at", UTCDateTime, nullable=False),
    Column("created_by", String(120), nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Column("revoked_at", UTCDateTime, nullable=True),
    Column("revoked_by", String(120), nullable=False),
)

room_code_failures = Table(  # wrong room codes tried: guessing is capped per minute, per browser and server-wide
    "room_code_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", UTCDateTime, nullable=False, index=True),
    Column("source", String(32), nullable=False, server_default="", index=True),  # room_codes.source_fingerprint
)

TIMESTAMPS = {table.name: [c.name for c in table.columns if isinstance(c.type, UTCDateTime)] for table in metadata.sorted_tables}
