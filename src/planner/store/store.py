"""The one place that reads and writes projects, answers and team question files."""

from __future__ import annotations

import json
import os
import re
import secrets
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import (
    Column,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, IntegrityError, OperationalError, SQLAlchemyError

from ..text import first_control, refuse_controls
from .access import (
    FACILITATOR,
    PARTICIPANT,
    ROLES,
    AccessDenied,
    AccessLink,
    Grant,
    find_match,
    fingerprint,
    new_token,
    valid_token,
)
from .db import database_url, make_engine
from .migrate import upgrade
from .plan_changes import describe_plan_change

metadata = MetaData()

projects = Table(
    "projects",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("description", Text, nullable=False, default=""),
    Column("created_at", String(40), nullable=False),
    Column("updated_at", String(40), nullable=False),
    Column("version", Integer, nullable=False, default=1),
)

answers = Table(
    "answers",
    metadata,
    Column("project_id", String(64), ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    Column("question_id", String(80), primary_key=True),
    Column("value", Text, nullable=True),  # NULL: cleared, kept so its version keeps counting
    Column("updated_at", String(40), nullable=False),
    Column("version", Integer, nullable=False),
)

question_files = Table(
    "question_files",
    metadata,
    Column("project_id", String(64), ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    Column("name", String(200), primary_key=True),
    Column("content", Text, nullable=False),
    Column("added_at", String(40), nullable=False),
)

plans = Table(
    "plans",
    metadata,
    Column("project_id", String(64), ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    Column("document", Text, nullable=False),  # the plan as JSON (planner.plan.model.Plan)
    Column("updated_at", String(40), nullable=False),
    Column("version", Integer, nullable=False),
)

milestones = Table(
    "milestones",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("project_id", String(64), ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("answers", Text, nullable=False),  # the project's answers at that moment, as JSON
)

history = Table(
    "history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("project_id", String(64), ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("at", String(40), nullable=False),
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
    Column("joined_at", String(40), nullable=False),
    Column("joined_via", String(32), nullable=True),  # the join link they came through (NULL: joined before 0006)
)

expectation_answers = Table(
    "expectation_answers",
    metadata,
    Column("participant_id", String(64), ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True),
    Column("question_id", String(80), primary_key=True),
    Column("value", String(80), nullable=False),
    Column("updated_at", String(40), nullable=False),
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
    Column("created_at", String(40), nullable=False),
    Column("created_by", String(120), nullable=False),
    Column("revoked_at", String(40), nullable=True),
    Column("revoked_by", String(120), nullable=False),
)

browser_access = Table(
    "browser_access",
    metadata,
    Column("browser_hash", String(64), primary_key=True),  # SHA-256 of the browser's cookie
    Column("link_id", String(32), ForeignKey("access_links.id", ondelete="CASCADE"), primary_key=True),
    Column("added_at", String(40), nullable=False),
)

PROJECT_ID_RE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
NAME_LIMIT = 120
DESCRIPTION_LIMIT = 2000


class StoreError(Exception):
    """The database cannot be used right now; the message says what to do."""


class StoreUnavailable(StoreError):
    """The database PLANNER_DB names cannot be opened at all: the message says what is wrong and where."""


class ProjectConflictError(StoreError):
    """The project's name or description was changed by someone else since it was read; nothing was overwritten."""

    def __init__(self, current: "Project"):
        self.current = current
        super().__init__(f"The project was changed by someone else in the meantime: it is now called '{current.name}'. "
                         "Your change was not saved; make it again if it should win.")


class InvalidTextError(StoreError, ValueError):
    """Text with a control character (NUL, ESC, ...) was refused; nothing was saved."""


def _refuse_controls_in(value, what: str) -> None:
    found = first_control(value)
    if found:
        where = f"{what} › {found[0]}" if found[0] else what
        raise InvalidTextError(f"{where} {found[1]}. Nothing was saved.")


class PlanConflictError(StoreError):
    """The plan was saved by someone else since it was read."""

    def __init__(self, current_version: int):
        self.current_version = current_version
        super().__init__("The plan was changed by someone else in the meantime; their version is shown now. "
                         "Make your change again.")


class ConflictError(StoreError):
    """Someone else saved a newer value first; nothing was overwritten."""

    def __init__(self, question_id: str, current_value, current_version: int):
        self.question_id = question_id
        self.current_value = current_value
        self.current_version = current_version
        super().__init__(f"{question_id!r} was changed by someone else in the meantime; their answer was kept")


@dataclass(frozen=True)
class Project:
    id: str
    name: str
    description: str
    created_at: str
    updated_at: str
    key: str = ""  # the creator's facilitator token; only on the Project returned by create/import, never read back
    version: int = 1  # counts changes of name and description (update_project's expected_version)


@dataclass(frozen=True)
class ProjectSnapshot:
    project: Project
    question_files: tuple[tuple[str, str], ...]
    versions: dict  # question id → (value or None when cleared, version)
    plan: dict | None = None  # the saved plan document, None until the team edits the plan
    plan_version: int = 0

    @property
    def answers(self) -> dict:
        return {qid: value for qid, (value, _) in self.versions.items() if value is not None}


MILESTONE_LIMIT = 50
AUTHOR_LIMIT = 120


WORKSHOP_ROLES = ("Product owner / PM", "Data scientist", "Software engineer", "Domain expert", "Operations",
                  "Client", "Other")
PARTICIPANT_LIMIT = 100
JOINS_PER_LINK_PER_MINUTE = 20  # a leaked join link cannot fill a workshop at once (checked in the database)


@dataclass(frozen=True)
class Participant:
    id: str
    name: str
    role: str
    answers: dict  # expectation question id → option value


@dataclass(frozen=True)
class HistoryEntry:
    at: str
    author: str  # "" when the person did not give a name
    kind: str
    target: str
    detail: str


def _one_line(text) -> str:
    """Printable characters only, whitespace runs collapsed to one space, trimmed."""
    return " ".join("".join(c for c in str(text) if c.isprintable() or c.isspace()).split())


def _required_name(text, limit: int, missing: str, field: str = "the name") -> str:
    name = _one_line(refuse_controls(str(text), field))
    if not name:
        raise ValueError(missing)
    if len(name) > limit:
        raise ValueError(f"the name is {len(name)} characters long; at most {limit} are allowed")
    return name


def clean_author(author) -> str:
    """Who made a change: one line, at most 120 characters ("" = not given)."""
    return _one_line(author or "")[:AUTHOR_LIMIT]


@dataclass(frozen=True)
class Milestone:
    id: str
    name: str
    created_at: str  # ISO timestamp (UTC)
    answers: dict


def clean_milestone_name(name: str) -> str:
    """One line, trimmed, 1–80 characters; ValueError otherwise."""
    return _required_name(name, 80, "a milestone needs a name", "the milestone name")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _now_ordered() -> str:
    """A timestamp fine enough to order rows written within one second (milestones, participants, history)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def valid_project_id(value) -> bool:
    return isinstance(value, str) and bool(PROJECT_ID_RE.match(value))


def clean_name(name: str) -> str:
    """Project names: one line, trimmed, bounded; ValueError when empty or too long."""
    return _required_name(name, NAME_LIMIT, "the project needs a name", "the project name")


def clean_description(description: str) -> str:
    description = refuse_controls(str(description), "the description").strip()
    if len(description) > DESCRIPTION_LIMIT:
        raise ValueError(f"the description is {len(description):,} characters long; at most {DESCRIPTION_LIMIT:,} are allowed")
    return description


def _sqlite_file(engine) -> Path | None:
    """The database file of a SQLite engine (None for memory and other databases)."""
    if engine.dialect.name != "sqlite":
        return None
    name = engine.url.database or ""
    if name.startswith("file:"):
        name = name[5:].split("?", 1)[0]
    if not name or name == ":memory:" or "mode=memory" in str(engine.url):
        return None
    return Path(name).resolve()


def _identity(path: Path | None):
    if path is None:
        return None
    try:
        info = path.stat()
    except OSError:
        return "missing"
    return info.st_dev, info.st_ino


class Store:
    """Projects and answers in SQLite (default) or any SQLAlchemy database URL."""

    def __init__(self, url: str | None = None):
        """Open (and migrate) the database; StoreUnavailable names what is wrong with PLANNER_DB."""
        setting = url if url is not None else os.environ.get("PLANNER_DB", "")
        try:
            self.url = database_url(url)
        except OSError as exc:
            raise _unavailable(setting, f"its folder cannot be created ({exc.strerror or exc})") from None
        try:
            self.engine = make_engine(self.url)
            with self._guard():
                if self.engine.dialect.name == "sqlite":
                    raw = self.engine.raw_connection()  # outside any transaction, as the pragma requires
                    try:
                        raw.cursor().execute("PRAGMA journal_mode=WAL")  # persistent: stored in the file
                    finally:
                        raw.close()
                upgrade(self.engine)  # versioned migrations (Alembic) up to the schema below
        except StoreError as exc:
            raise _unavailable(self.url, _opening_reason(str(exc))) from None
        except (SQLAlchemyError, ValueError, ImportError) as exc:  # e.g. a malformed URL or an unknown driver
            raise _unavailable(setting, f"the setting is not a usable database URL ({type(exc).__name__}: {exc})") from None
        self._file = _sqlite_file(self.engine)
        self._identity = _identity(self._file)

    # -- plumbing -------------------------------------------------------------
    @contextmanager
    def _guard(self):
        try:
            yield
        except OperationalError as exc:
            raise StoreError(_operational_message(str(exc.orig) if exc.orig else str(exc))) from None
        except sqlite3.OperationalError as exc:  # raised raw from the connect hook (pragmas)
            raise StoreError(_operational_message(str(exc))) from None
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"The database file is damaged or not a database ({exc}). Restore a backup or set PLANNER_DB to a new file.") from None
        except IntegrityError as exc:
            raise StoreError(f"The change conflicts with data already saved ({exc.orig}). Nothing was changed.") from None
        except DatabaseError as exc:
            raise StoreError(f"The database file is damaged or not a database ({exc.orig}). Restore a backup or set PLANNER_DB to a new file.") from None

    def _check_file(self) -> None:
        """Pooled connections keep writing into a deleted or replaced file, so such saves would vanish."""
        if self._file is not None and _identity(self._file) != self._identity:
            raise StoreError(f"The database file {self._file.name} was deleted or replaced while the app was running, so "
                             "nothing more can be saved safely. Restore the file from a backup, or restart the app to "
                             "start a new database.")

    @contextmanager
    def _read(self):
        self._check_file()
        with self._guard(), self.engine.connect() as conn:
            yield conn

    @contextmanager
    def _write(self):
        self._check_file()
        with self._guard(), self.engine.connect().execution_options(immediate=True) as conn, conn.begin():
            yield conn

    # -- projects -------------------------------------------------------------
    def create_project(self, name: str, description: str = "", *, author: str = "", browser: str | None = None) -> Project:
        """A new project; with `browser`, also its first facilitator link, remembered for that browser.

        The returned Project then carries the link's token in `key` (the only time it is available).
        """
        with self._write() as conn:
            project = self._insert_project(conn, clean_name(name), clean_description(description))
            self._record(conn, project.id, author, "project", "created", project.name)
            return self._with_creator_link(conn, project, author, browser)

    def _with_creator_link(self, conn, project: Project, author: str, browser: str | None) -> Project:
        if browser is None:
            return project
        link, token = self._insert_link(conn, project.id, FACILITATOR, "Created in this browser", author)
        self._bind(conn, browser, link.id)
        return Project(project.id, project.name, project.description, project.created_at, project.updated_at, token,
                       project.version)

    def _insert_project(self, conn, name: str, description: str) -> Project:
        now = _now()
        project = Project(secrets.token_urlsafe(12), name, description, now, now)
        conn.execute(insert(projects).values(id=project.id, name=name, description=description,
                                             created_at=now, updated_at=now, version=1))
        return project

    def get_project(self, project_id) -> Project | None:
        if not valid_project_id(project_id):
            return None
        with self._read() as conn:
            row = conn.execute(select(projects).where(projects.c.id == project_id)).mappings().first()
        return _project(row) if row else None

    def snapshot(self, project_id) -> ProjectSnapshot | None:
        """The project, its team question files and its answers with versions, in one consistent read."""
        if not valid_project_id(project_id):
            return None
        with self._read() as conn, conn.begin():
            row = conn.execute(select(projects).where(projects.c.id == project_id)).mappings().first()
            if row is None:
                return None
            files = conn.execute(select(question_files.c.name, question_files.c.content)
                                 .where(question_files.c.project_id == project_id)
                                 .order_by(question_files.c.added_at, question_files.c.name)).all()
            rows = conn.execute(select(answers.c.question_id, answers.c.value, answers.c.version)
                                .where(answers.c.project_id == project_id)).all()
            plan = conn.execute(select(plans.c.document, plans.c.version).where(plans.c.project_id == project_id)).first()
        return ProjectSnapshot(
            project=_project(row),
            question_files=tuple((f.name, f.content) for f in files),
            versions={qid: (None if value is None else json.loads(value), version) for qid, value, version in rows},
            plan=json.loads(plan.document) if plan else None,
            plan_version=plan.version if plan else 0,
        )

    def list_projects(self) -> list[Project]:
        with self._read() as conn:
            rows = conn.execute(select(projects).order_by(projects.c.updated_at.desc(), projects.c.name)).mappings().all()
        return [_project(r) for r in rows]

    def update_project(self, project_id: str, name: str, description: str, expected_version: int | None = None, *,
                       author: str = "") -> int:
        """Rename / re-describe the project and record it; returns the project's new version.

        With `expected_version`, a change based on a stale read raises ProjectConflictError (carrying
        the newer project) instead of overwriting someone else's rename.
        """
        name, description = clean_name(name), clean_description(description)
        with self._write() as conn:
            row = conn.execute(select(projects).where(projects.c.id == project_id)).mappings().first()
            if row is None:
                raise StoreError("This project no longer exists; the change could not be saved.")
            current = _project(row)
            if expected_version is not None and expected_version != current.version:
                raise ProjectConflictError(current)
            if (name, description) == (current.name, current.description):
                return current.version
            conn.execute(update(projects).where(projects.c.id == project_id)
                         .values(name=name, description=description, updated_at=_now(), version=current.version + 1))
            if name != current.name:
                self._record(conn, project_id, author, "project", "renamed", f"{current.name} → {name}")
            if description != current.description:
                self._record(conn, project_id, author, "project", "description changed", description or "(none)")
            return current.version + 1

    def delete_project(self, project_id: str) -> None:
        with self._write() as conn:
            conn.execute(delete(milestones).where(milestones.c.project_id == project_id))
            conn.execute(delete(history).where(history.c.project_id == project_id))
            ids = select(participants.c.id).where(participants.c.project_id == project_id)
            conn.execute(delete(expectation_answers).where(expectation_answers.c.participant_id.in_(ids)))
            conn.execute(delete(participants).where(participants.c.project_id == project_id))
            links = select(access_links.c.id).where(access_links.c.project_id == project_id)
            conn.execute(delete(browser_access).where(browser_access.c.link_id.in_(links)))
            conn.execute(delete(access_links).where(access_links.c.project_id == project_id))
            conn.execute(delete(plans).where(plans.c.project_id == project_id))
            conn.execute(delete(answers).where(answers.c.project_id == project_id))
            conn.execute(delete(question_files).where(question_files.c.project_id == project_id))
            conn.execute(delete(projects).where(projects.c.id == project_id))

    # -- milestones: named snapshots of the answers -----------------------------
    def save_milestone(self, project_id: str, name: str, *, author: str = "") -> Milestone:
        """Copy the project's current answers under a name (e.g. "Kickoff"), in one transaction."""
        name = clean_milestone_name(name)
        with self._write() as conn:
            _require_project(conn, project_id)
            count = conn.execute(select(milestones.c.id).where(milestones.c.project_id == project_id)).all()
            if len(count) >= MILESTONE_LIMIT:
                raise StoreError(f"A project keeps at most {MILESTONE_LIMIT} milestones; delete an old one first.")
            rows = conn.execute(select(answers.c.question_id, answers.c.value)
                                .where(answers.c.project_id == project_id, answers.c.value.is_not(None))).all()
            snapshot = {qid: json.loads(value) for qid, value in rows}
            milestone = Milestone(secrets.token_urlsafe(9), name, _now_ordered(), snapshot)
            conn.execute(insert(milestones).values(id=milestone.id, project_id=project_id, name=name,
                                                   created_at=milestone.created_at,
                                                   answers=json.dumps(snapshot, ensure_ascii=False, allow_nan=False)))
            self._record(conn, project_id, author, "milestone", name, f"{len(snapshot)} answers")
            return milestone

    def list_milestones(self, project_id: str) -> list[Milestone]:
        """Oldest first."""
        with self._read() as conn:
            rows = conn.execute(select(milestones).where(milestones.c.project_id == project_id)
                                .order_by(milestones.c.created_at, milestones.c.name)).mappings().all()
        return [Milestone(r["id"], r["name"], r["created_at"], json.loads(r["answers"])) for r in rows]

    def delete_milestone(self, project_id: str, milestone_id: str, *, author: str = "") -> None:
        with self._write() as conn:
            row = conn.execute(select(milestones.c.name).where(milestones.c.project_id == project_id,
                                                               milestones.c.id == milestone_id)).first()
            if row is None:
                return
            conn.execute(delete(milestones).where(milestones.c.project_id == project_id, milestones.c.id == milestone_id))
            self._record(conn, project_id, author, "milestone", row.name, "deleted")

    # -- workshop participants -------------------------------------------------
    def join_workshop(self, project_id: str, name: str, role: str, *, browser: str | None = None,
                      via: str | None = None) -> tuple[Participant, str]:
        """A participant joins with a name and one of WORKSHOP_ROLES; returns them and their personal link token.

        `via` is the id of the join link they came through: at most JOINS_PER_LINK_PER_MINUTE people join
        through one link per minute (counted in the database, so it holds across app replicas).
        """
        name = clean_author(name)
        if not name:
            raise ValueError("give your name so the facilitator can see who answered")
        if role not in WORKSHOP_ROLES:
            raise ValueError(f"choose one of the roles: {', '.join(WORKSHOP_ROLES)}")
        with self._write() as conn:
            _require_project(conn, project_id)
            # Lock the project row so joins at the same moment (other replicas too) are counted one after another.
            conn.execute(select(projects.c.id).where(projects.c.id == project_id).with_for_update()).first()
            count = len(conn.execute(select(participants.c.id).where(participants.c.project_id == project_id)).all())
            if count >= PARTICIPANT_LIMIT:
                raise StoreError(f"A workshop takes at most {PARTICIPANT_LIMIT} participants.")
            now = datetime.now(UTC)
            if via is not None:
                since = (now - timedelta(minutes=1)).isoformat(timespec="microseconds")
                recent = conn.execute(select(participants.c.id).where(participants.c.project_id == project_id,
                                                                      participants.c.joined_via == via,
                                                                      participants.c.joined_at > since)).all()
                if len(recent) >= JOINS_PER_LINK_PER_MINUTE:
                    raise StoreError("Too many people joined through this link in the last minute; wait a moment and "
                                     "try again.")
            participant = Participant(secrets.token_urlsafe(12), name, role, {})
            conn.execute(insert(participants).values(id=participant.id, project_id=project_id, name=name, role=role,
                                                     joined_at=now.isoformat(timespec="microseconds"), joined_via=via))
            link, token = self._insert_link(conn, project_id, PARTICIPANT, name, name, participant_id=participant.id)
            if browser is not None:
                self._bind(conn, browser, link.id)
            self._record(conn, project_id, name, "workshop", "joined", role)
            return participant, token

    def participants(self, project_id: str) -> list[Participant]:
        """Everyone who joined, with their expectation answers, in order of joining."""
        with self._read() as conn, conn.begin():
            people = conn.execute(select(participants).where(participants.c.project_id == project_id)
                                  .order_by(participants.c.joined_at, participants.c.id)).mappings().all()
            rows = conn.execute(select(expectation_answers).join(participants)
                                .where(participants.c.project_id == project_id)).mappings().all()
        given: dict[str, dict] = {}
        for row in rows:
            given.setdefault(row["participant_id"], {})[row["question_id"]] = row["value"]
        return [Participant(p["id"], p["name"], p["role"], given.get(p["id"], {})) for p in people]

    def save_expectation(self, project_id: str, participant_id: str, question_id: str, value: str) -> None:
        """A participant's answer to one expectation question; ValueError unless it is one of that question's options."""
        from ..content import load_content  # the knowledge base defines the expectation questions
        from ..workshop import check_expectation

        value = check_expectation(load_content().kb.expectations, question_id, value)
        with self._write() as conn:
            owner = conn.execute(select(participants.c.project_id, participants.c.name)
                                 .where(participants.c.id == participant_id)).first()
            if owner is None or owner.project_id != project_id:
                raise StoreError("This participant link is not valid for this project; join again.")
            conn.execute(delete(expectation_answers).where(expectation_answers.c.participant_id == participant_id,
                                                           expectation_answers.c.question_id == question_id))
            conn.execute(insert(expectation_answers).values(participant_id=participant_id, question_id=question_id,
                                                            value=value, updated_at=_now()))
            self._record(conn, project_id, owner.name, "workshop", question_id, value)

    def remove_participant(self, project_id: str, participant_id: str, *, author: str = "") -> None:
        """Take someone out of the workshop: their personal link stops working and their answers leave the view."""
        with self._write() as conn:
            row = conn.execute(select(participants.c.name).where(participants.c.id == participant_id,
                                                                 participants.c.project_id == project_id)).first()
            if row is None:
                return
            conn.execute(update(access_links).where(access_links.c.project_id == project_id,
                                                    access_links.c.participant_id == participant_id,
                                                    access_links.c.revoked_at.is_(None))
                         .values(revoked_at=_now_ordered(), revoked_by=clean_author(author)))
            conn.execute(delete(expectation_answers).where(expectation_answers.c.participant_id == participant_id))
            conn.execute(delete(participants).where(participants.c.id == participant_id))
            self._record(conn, project_id, author, "access", "participant removed", row.name)

    # -- access links ----------------------------------------------------------
    def _insert_link(self, conn, project_id: str, role: str, label: str, author: str,
                     participant_id: str | None = None) -> tuple[AccessLink, str]:
        if role not in ROLES:
            raise ValueError(f"a link opens a project as one of {', '.join(ROLES)}")
        token = new_token()
        link = AccessLink(secrets.token_urlsafe(9), project_id, role, clean_author(label), participant_id,
                          _now_ordered(), clean_author(author), None, "")
        conn.execute(insert(access_links).values(id=link.id, project_id=project_id, role=role, label=link.label,
                                                 participant_id=participant_id, token_hash=fingerprint(token),
                                                 created_at=link.created_at, created_by=link.created_by,
                                                 revoked_at=None, revoked_by=""))
        return link, token

    def create_link(self, project_id: str, role: str, label: str = "", *, author: str = "") -> tuple[AccessLink, str]:
        """A new facilitator or join link; the token is returned once and only its fingerprint is kept."""
        with self._write() as conn:
            _require_project(conn, project_id)
            link, token = self._insert_link(conn, project_id, role, label, author)
            self._record(conn, project_id, author, "access", f"{role} link created", link.label)
            return link, token

    def links(self, project_id: str) -> list[AccessLink]:
        """Every link of the project, active and revoked, oldest first."""
        with self._read() as conn:
            rows = conn.execute(select(access_links).where(access_links.c.project_id == project_id)
                                .order_by(access_links.c.created_at, access_links.c.id)).mappings().all()
        return [_link(r) for r in rows]

    def revoke_link(self, project_id: str, link_id: str, *, author: str = "") -> None:
        """Stop a link from working (browsers that opened the project through it lose access too).

        The last active facilitator link cannot be revoked: nobody could manage the project any more.
        """
        with self._write() as conn:
            # Lock the project row: two facilitators revoking each other's links at once must not both
            # see "another facilitator link is left" (SQLite's BEGIN IMMEDIATE serialises anyway).
            conn.execute(select(projects.c.id).where(projects.c.id == project_id).with_for_update()).first()
            rows = conn.execute(select(access_links).where(access_links.c.project_id == project_id,
                                                           access_links.c.revoked_at.is_(None))).mappings().all()
            link = next((_link(r) for r in rows if r["id"] == link_id), None)
            if link is None:
                return
            if link.role == FACILITATOR and sum(r["role"] == FACILITATOR for r in rows) == 1:
                raise ValueError("this is the project's last facilitator link; create another one before revoking it")
            conn.execute(update(access_links).where(access_links.c.id == link_id)
                         .values(revoked_at=_now_ordered(), revoked_by=clean_author(author)))
            self._record(conn, project_id, author, "access", f"{link.role} link revoked", link.label)

    def resolve_token(self, project_id: str, token) -> Grant:
        """The access a token gives to this project; AccessDenied when it is unknown or revoked."""
        if not valid_project_id(project_id) or not valid_token(token):
            raise AccessDenied("unknown")
        with self._read() as conn:
            rows = conn.execute(select(access_links.c.id, access_links.c.role, access_links.c.participant_id,
                                       access_links.c.token_hash, access_links.c.revoked_at)
                                .where(access_links.c.project_id == project_id)).all()
        row = find_match(token, [(r.token_hash, r) for r in rows])
        if row is None:
            raise AccessDenied("unknown")
        if row.revoked_at is not None:
            raise AccessDenied("revoked")
        return Grant(project_id, row.role, row.id, row.participant_id)

    def _bind(self, conn, browser: str, link_id: str) -> None:
        key = fingerprint(browser)
        exists = conn.execute(select(browser_access.c.link_id).where(browser_access.c.browser_hash == key,
                                                                      browser_access.c.link_id == link_id)).first()
        if exists is None:
            conn.execute(insert(browser_access).values(browser_hash=key, link_id=link_id, added_at=_now_ordered()))

    def remember(self, browser: str, grant: Grant) -> None:
        """This browser opened the project through `grant`'s link: list it and let it back in without the link."""
        with self._write() as conn:
            self._bind(conn, browser, grant.link_id)

    def browser_grants(self, browser: str, project_id: str | None = None) -> dict[str, Grant]:
        """Project id → the best active access this browser has (facilitator, then a personal participant
        link, then a join link); with `project_id`, for that project only (one indexed read per rerun)."""
        query = (select(access_links.c.id, access_links.c.project_id, access_links.c.role, access_links.c.participant_id)
                 .join(browser_access, browser_access.c.link_id == access_links.c.id)
                 .where(browser_access.c.browser_hash == fingerprint(browser), access_links.c.revoked_at.is_(None))
                 .order_by(browser_access.c.added_at))
        if project_id is not None:
            query = query.where(access_links.c.project_id == project_id)
        with self._read() as conn:
            rows = conn.execute(query).all()
        grants: dict[str, Grant] = {}
        for r in rows:
            grant = Grant(r.project_id, r.role, r.id, r.participant_id)
            best = grants.get(r.project_id)
            if best is None or _rank(grant) > _rank(best):
                grants[r.project_id] = grant
        return grants

    def browser_grant(self, browser: str, project_id: str) -> Grant | None:
        """This browser's best active access to one project (None: it never opened it, or it was revoked)."""
        return self.browser_grants(browser, project_id).get(project_id)

    def browser_projects(self, browser: str) -> list[tuple[Project, Grant]]:
        """The projects this browser created or joined and can still open, most recently changed first."""
        grants = self.browser_grants(browser)
        if not grants:
            return []
        with self._read() as conn:
            rows = conn.execute(select(projects).where(projects.c.id.in_(list(grants)))
                                .order_by(projects.c.updated_at.desc(), projects.c.name)).mappings().all()
        return [(_project(r), grants[r["id"]]) for r in rows]

    def forget(self, browser: str, project_id: str) -> None:
        """Take the project off this browser's list (its links keep working)."""
        with self._write() as conn:
            links = select(access_links.c.id).where(access_links.c.project_id == project_id)
            conn.execute(delete(browser_access).where(browser_access.c.browser_hash == fingerprint(browser),
                                                      browser_access.c.link_id.in_(links)))

    def _record(self, conn, project_id: str, author: str, kind: str, target: str, detail: str = "") -> None:
        conn.execute(insert(history).values(project_id=project_id, at=_now_ordered(),
                                            author=clean_author(author), kind=kind, target=str(target)[:200],
                                            detail=str(detail)[:20_000]))

    def history(self, project_id: str, limit: int = 1000) -> list[HistoryEntry]:
        """Newest first."""
        with self._read() as conn:
            rows = conn.execute(select(history).where(history.c.project_id == project_id)
                                .order_by(history.c.id.desc()).limit(limit)).mappings().all()
        return [HistoryEntry(r["at"], r["author"], r["kind"], r["target"], r["detail"]) for r in rows]

    def _touch(self, conn, project_id: str) -> None:
        conn.execute(update(projects).where(projects.c.id == project_id).values(updated_at=_now()))

    # -- answers --------------------------------------------------------------
    def load_answers(self, project_id: str) -> dict:
        return {qid: value for qid, (value, _) in self.load_answer_versions(project_id).items() if value is not None}

    def load_answer_versions(self, project_id: str) -> dict[str, tuple[object, int]]:
        with self._read() as conn:
            rows = conn.execute(select(answers.c.question_id, answers.c.value, answers.c.version)
                                .where(answers.c.project_id == project_id)).all()
        return {qid: (None if value is None else json.loads(value), version) for qid, value, version in rows}

    def save_answer(self, project_id: str, question_id: str, value, expected_version: int | None = None, *,
                    author: str = "") -> int:
        """Save (or, for None, clear) one answer; returns its new version.

        With `expected_version`, a write based on a stale read raises ConflictError instead of
        overwriting someone else's newer answer.
        """
        _refuse_controls_in(value, f"the answer to {question_id!r}")
        encoded = None if value is None else json.dumps(value, ensure_ascii=False, allow_nan=False)
        with self._write() as conn:
            touched = conn.execute(update(projects).where(projects.c.id == project_id).values(updated_at=_now()))
            if touched.rowcount == 0:
                raise StoreError("This project no longer exists; the answer could not be saved.")
            row = conn.execute(select(answers.c.value, answers.c.version)
                               .where(answers.c.project_id == project_id, answers.c.question_id == question_id)).first()
            current_version = row.version if row else 0
            if expected_version is not None and expected_version != current_version:
                current = json.loads(row.value) if row and row.value is not None else None
                raise ConflictError(question_id, current, current_version)
            if row is None:
                conn.execute(insert(answers).values(project_id=project_id, question_id=question_id, value=encoded,
                                                    updated_at=_now(), version=1))
                new_version = 1
            else:
                new_version = current_version + 1
                conn.execute(update(answers)
                             .where(answers.c.project_id == project_id, answers.c.question_id == question_id)
                             .values(value=encoded, updated_at=_now(), version=new_version))
            self._record(conn, project_id, author, "answer", question_id, "cleared" if encoded is None else encoded)
        return new_version

    def replace_answers(self, project_id: str, new_answers: dict, files: list[tuple[str, str]] = (),
                        plan: dict | None = None, *, author: str = "") -> None:
        """Replace all answers and the plan (and add/replace team files) in one transaction (explicit import)."""
        with self._write() as conn:
            self._write_plan(conn, project_id, plan)
            conn.execute(delete(answers).where(answers.c.project_id == project_id))
            self._insert_answers(conn, project_id, new_answers)
            for file_name, text in files:
                conn.execute(delete(question_files).where(question_files.c.project_id == project_id,
                                                          question_files.c.name == file_name))
                conn.execute(insert(question_files).values(project_id=project_id, name=file_name, content=text,
                                                           added_at=_now()))
            self._touch(conn, project_id)
            self._record(conn, project_id, author, "import", "answers", f"{len(new_answers)} answers replaced")

    def _insert_answers(self, conn, project_id: str, new_answers: dict) -> None:
        now = _now()
        rows = [dict(project_id=project_id, question_id=qid, updated_at=now, version=1,
                     value=json.dumps(v, ensure_ascii=False, allow_nan=False)) for qid, v in new_answers.items()]
        if rows:
            conn.execute(insert(answers), rows)

    def import_project(self, name: str, description: str, new_answers: dict, files: list[tuple[str, str]] = (),
                       plan: dict | None = None, *, author: str = "", browser: str | None = None) -> Project:
        """Create a new project holding imported answers, plan and team files, all or nothing (`browser`: as in create_project)."""
        with self._write() as conn:
            project = self._insert_project(conn, clean_name(name), clean_description(description))
            self._insert_answers(conn, project.id, new_answers)
            self._write_plan(conn, project.id, plan)
            for file_name, text in files:
                conn.execute(insert(question_files).values(project_id=project.id, name=file_name, content=text, added_at=_now()))
            self._record(conn, project.id, author, "import", "project", f"imported with {len(new_answers)} answers")
            return self._with_creator_link(conn, project, author, browser)

    # -- plan -------------------------------------------------------------------
    def load_plan(self, project_id: str) -> tuple[dict | None, int]:
        with self._read() as conn:
            row = conn.execute(select(plans.c.document, plans.c.version).where(plans.c.project_id == project_id)).first()
        return (json.loads(row.document), row.version) if row else (None, 0)

    def save_plan(self, project_id: str, document: dict, expected_version: int | None = None, *, author: str = "",
                  change: str = "") -> int:
        """Save the whole plan; a write based on a stale read raises PlanConflictError."""
        _refuse_controls_in(document, "the plan")
        encoded = json.dumps(document, ensure_ascii=False, allow_nan=False)
        with self._write() as conn:
            touched = conn.execute(update(projects).where(projects.c.id == project_id).values(updated_at=_now()))
            if touched.rowcount == 0:
                raise StoreError("This project no longer exists; the plan could not be saved.")
            row = conn.execute(select(plans.c.version, plans.c.document).where(plans.c.project_id == project_id)).first()
            current = row.version if row else 0
            if expected_version is not None and expected_version != current:
                raise PlanConflictError(current)
            summary = describe_plan_change(_plan_or_none(row.document) if row else None, document)
            if row is None:
                conn.execute(insert(plans).values(project_id=project_id, document=encoded, updated_at=_now(), version=1))
            else:
                conn.execute(update(plans).where(plans.c.project_id == project_id)
                             .values(document=encoded, updated_at=_now(), version=current + 1))
            self._record(conn, project_id, author, "plan", change or "plan", f"version {current + 1}: {summary}")
        return current + 1

    def _write_plan(self, conn, project_id: str, document: dict | None) -> None:
        conn.execute(delete(plans).where(plans.c.project_id == project_id))
        if document is not None:
            conn.execute(insert(plans).values(project_id=project_id, updated_at=_now(), version=1,
                                              document=json.dumps(document, ensure_ascii=False, allow_nan=False)))

    # -- team question files ---------------------------------------------------
    def save_question_file_and_clear(self, project_id: str, name: str, text: str, clear: list[str], *,
                                     author: str = "", reason: str = "") -> None:
        """Add or replace a team file and clear the answers that no longer fit it, in one transaction.

        The page lists those answers and asks first; each cleared answer gets a history entry.
        """
        with self._write() as conn:
            _require_project(conn, project_id)
            conn.execute(delete(question_files).where(question_files.c.project_id == project_id, question_files.c.name == name))
            conn.execute(insert(question_files).values(project_id=project_id, name=name, content=text, added_at=_now()))
            for question_id in clear:
                cleared = conn.execute(update(answers)
                                       .where(answers.c.project_id == project_id, answers.c.question_id == question_id,
                                              answers.c.value.is_not(None))
                                       .values(value=None, updated_at=_now(), version=answers.c.version + 1))
                if cleared.rowcount:
                    self._record(conn, project_id, author, "answer", question_id,
                                 f"cleared: {reason or 'no longer fits its question'}")
            self._touch(conn, project_id)
            self._record(conn, project_id, author, "question_file", name, f"saved; {len(clear)} answer(s) cleared")

    def list_question_files(self, project_id: str) -> list[tuple[str, str]]:
        with self._read() as conn:
            rows = conn.execute(select(question_files.c.name, question_files.c.content)
                                .where(question_files.c.project_id == project_id)
                                .order_by(question_files.c.added_at, question_files.c.name)).all()
        return [(r.name, r.content) for r in rows]

    def save_question_file(self, project_id: str, name: str, text: str, *, author: str = "") -> None:
        with self._write() as conn:
            replaced = conn.execute(delete(question_files).where(question_files.c.project_id == project_id,
                                                                 question_files.c.name == name)).rowcount
            conn.execute(insert(question_files).values(project_id=project_id, name=name, content=text, added_at=_now()))
            self._touch(conn, project_id)
            self._record(conn, project_id, author, "question_file", name, "replaced" if replaced else "added")

    def remove_question_file(self, project_id: str, name: str, *, author: str = "") -> None:
        with self._write() as conn:
            removed = conn.execute(delete(question_files).where(question_files.c.project_id == project_id,
                                                                question_files.c.name == name)).rowcount
            if removed:
                self._touch(conn, project_id)
                self._record(conn, project_id, author, "question_file", name, "removed")


def _operational_message(text: str) -> str:
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return ("The database is busy (locked by another process), so this change was not saved; changes saved "
                "before are kept. Wait a moment and try again.")
    if "readonly" in lowered or "read-only" in lowered:
        return "The database file is read-only, so changes cannot be saved. Make it writable or set PLANNER_DB to another file."
    if "unable to open" in lowered:
        return "The database file cannot be opened. Check that the folder exists and is writable, or set PLANNER_DB."
    return f"The database reported a problem: {text}. Nothing was changed."


def _shown_location(url: str) -> str:
    """Where PLANNER_DB points, for messages: the file path, or the URL without its password."""
    if url.startswith("sqlite:///"):
        return url[len("sqlite:///"):] or "(in memory)"
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (SQLAlchemyError, ValueError):
        return re.sub(r"(://[^:/@]*):[^@]*@", r"\1:***@", url)


def _opening_reason(message: str) -> str:
    """The store's own message for a failed first connection, told as what is wrong with the database."""
    lowered = message.lower()
    if "damaged or not a database" in lowered:
        return "the file is damaged or not a database"
    if "read-only" in lowered:
        return "the file or its folder is read-only"
    if "cannot be opened" in lowered:
        return "the file cannot be opened (does the folder exist, and may the planner write there?)"
    if "busy" in lowered:
        return "it is locked by another process"
    detail = message.removeprefix("The database reported a problem: ").removesuffix(" Nothing was changed.").rstrip(".")
    return f"the database server cannot be reached or refused the connection ({detail})"


def _password(url: str) -> str | None:
    try:
        return make_url(url).password if "://" in url else None
    except (SQLAlchemyError, ValueError):
        return None


def _unavailable(url: str, reason: str) -> StoreUnavailable:
    where = _shown_location(url) if "://" in url else (url or "the default data/planner.db")
    password = _password(url)
    reason = reason.replace(url, where)  # a driver's message may quote the whole URL, password and all
    if password and len(password) >= 4:
        reason = reason.replace(password, "***")
    return StoreUnavailable(_one_line(f"The planner cannot open its database {where}: {reason}. Change the PLANNER_DB "
                                      "setting to a writable SQLite file path or a reachable database URL, then restart "
                                      "the planner."))


def _rank(grant: Grant) -> tuple[bool, bool]:
    return grant.facilitator, grant.participant_id is not None


def _require_project(conn, project_id: str) -> None:
    if conn.execute(select(projects.c.id).where(projects.c.id == project_id)).first() is None:
        raise StoreError("This project no longer exists; nothing was saved.")


def _link(row) -> AccessLink:
    return AccessLink(row["id"], row["project_id"], row["role"], row["label"], row["participant_id"], row["created_at"],
                      row["created_by"], row["revoked_at"], row["revoked_by"])


def _project(row) -> Project:
    return Project(row["id"], row["name"], row["description"], row["created_at"], row["updated_at"], version=row["version"])


def _plan_or_none(encoded: str) -> dict | None:
    try:
        return json.loads(encoded)
    except ValueError:
        return None
