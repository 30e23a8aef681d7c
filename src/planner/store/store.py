"""The one place that reads and writes projects, answers and team question files."""

from __future__ import annotations

import json
import re
import secrets
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
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
from sqlalchemy.exc import DatabaseError, IntegrityError, OperationalError

from .db import database_url, make_engine
from .migrate import upgrade

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
    Column("kind", String(20), nullable=False),  # answer, plan, import, project, milestone, question_file
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
)

expectation_answers = Table(
    "expectation_answers",
    metadata,
    Column("participant_id", String(64), ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True),
    Column("question_id", String(80), primary_key=True),
    Column("value", String(80), nullable=False),
    Column("updated_at", String(40), nullable=False),
)

PROJECT_ID_RE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
NAME_LIMIT = 120
DESCRIPTION_LIMIT = 2000


class StoreError(Exception):
    """The database cannot be used right now; the message says what to do."""


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


def _required_name(text, limit: int, missing: str) -> str:
    name = _one_line(text)
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
    return _required_name(name, 80, "a milestone needs a name")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _now_ordered() -> str:
    """A timestamp fine enough to order rows written within one second (milestones, participants, history)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def valid_project_id(value) -> bool:
    return isinstance(value, str) and bool(PROJECT_ID_RE.match(value))


def clean_name(name: str) -> str:
    """Project names: one line, trimmed, bounded; ValueError when empty or too long."""
    return _required_name(name, NAME_LIMIT, "the project needs a name")


def clean_description(description: str) -> str:
    description = str(description).strip()
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
        try:
            self.url = database_url(url)
        except OSError as exc:
            raise StoreError(f"The database folder cannot be created ({exc.strerror or exc}). Set PLANNER_DB to a writable path.") from None
        self.engine = make_engine(self.url)
        with self._guard():
            if self.engine.dialect.name == "sqlite":
                raw = self.engine.raw_connection()  # outside any transaction, as the pragma requires
                try:
                    raw.cursor().execute("PRAGMA journal_mode=WAL")  # persistent: stored in the file
                finally:
                    raw.close()
            upgrade(self.engine)  # versioned migrations (Alembic) up to the schema below
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
    def create_project(self, name: str, description: str = "", *, author: str = "") -> Project:
        with self._write() as conn:
            project = self._insert_project(conn, clean_name(name), clean_description(description))
            self._record(conn, project.id, author, "project", "created", project.name)
            return project

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

    def update_project(self, project_id: str, name: str, description: str) -> None:
        name, description = clean_name(name), clean_description(description)
        with self._write() as conn:
            conn.execute(update(projects).where(projects.c.id == project_id)
                         .values(name=name, description=description, updated_at=_now(), version=projects.c.version + 1))

    def delete_project(self, project_id: str) -> None:
        with self._write() as conn:
            conn.execute(delete(milestones).where(milestones.c.project_id == project_id))
            conn.execute(delete(history).where(history.c.project_id == project_id))
            ids = select(participants.c.id).where(participants.c.project_id == project_id)
            conn.execute(delete(expectation_answers).where(expectation_answers.c.participant_id.in_(ids)))
            conn.execute(delete(participants).where(participants.c.project_id == project_id))
            conn.execute(delete(plans).where(plans.c.project_id == project_id))
            conn.execute(delete(answers).where(answers.c.project_id == project_id))
            conn.execute(delete(question_files).where(question_files.c.project_id == project_id))
            conn.execute(delete(projects).where(projects.c.id == project_id))

    # -- milestones: named snapshots of the answers -----------------------------
    def save_milestone(self, project_id: str, name: str, *, author: str = "") -> Milestone:
        """Copy the project's current answers under a name (e.g. "Kickoff"), in one transaction."""
        name = clean_milestone_name(name)
        with self._write() as conn:
            if conn.execute(select(projects.c.id).where(projects.c.id == project_id)).first() is None:
                raise StoreError("The project no longer exists; nothing was saved.")
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

    def delete_milestone(self, project_id: str, milestone_id: str) -> None:
        with self._write() as conn:
            conn.execute(delete(milestones).where(milestones.c.project_id == project_id, milestones.c.id == milestone_id))

    # -- workshop participants -------------------------------------------------
    def join_workshop(self, project_id: str, name: str, role: str) -> Participant:
        """A participant joins with a name and one of WORKSHOP_ROLES."""
        name = clean_author(name)
        if not name:
            raise ValueError("give your name so the facilitator can see who answered")
        if role not in WORKSHOP_ROLES:
            raise ValueError(f"choose one of the roles: {', '.join(WORKSHOP_ROLES)}")
        with self._write() as conn:
            if conn.execute(select(projects.c.id).where(projects.c.id == project_id)).first() is None:
                raise StoreError("This project no longer exists.")
            count = len(conn.execute(select(participants.c.id).where(participants.c.project_id == project_id)).all())
            if count >= PARTICIPANT_LIMIT:
                raise StoreError(f"A workshop takes at most {PARTICIPANT_LIMIT} participants.")
            participant = Participant(secrets.token_urlsafe(16), name, role, {})
            conn.execute(insert(participants).values(id=participant.id, project_id=project_id, name=name, role=role,
                                                     joined_at=_now_ordered()))
            self._record(conn, project_id, name, "workshop", "joined", role)
            return participant

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
        with self._write() as conn:
            owner = conn.execute(select(participants.c.project_id, participants.c.name)
                                 .where(participants.c.id == participant_id)).first()
            if owner is None or owner.project_id != project_id:
                raise StoreError("This participant link is not valid for this project; join again.")
            conn.execute(delete(expectation_answers).where(expectation_answers.c.participant_id == participant_id,
                                                           expectation_answers.c.question_id == question_id))
            conn.execute(insert(expectation_answers).values(participant_id=participant_id, question_id=question_id,
                                                            value=str(value)[:80], updated_at=_now()))
            self._record(conn, project_id, owner.name, "workshop", question_id, str(value)[:80])

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
                       plan: dict | None = None, *, author: str = "") -> Project:
        """Create a new project holding imported answers, plan and team files, all or nothing."""
        with self._write() as conn:
            project = self._insert_project(conn, clean_name(name), clean_description(description))
            self._insert_answers(conn, project.id, new_answers)
            self._write_plan(conn, project.id, plan)
            for file_name, text in files:
                conn.execute(insert(question_files).values(project_id=project.id, name=file_name, content=text, added_at=_now()))
            self._record(conn, project.id, author, "import", "project", f"imported with {len(new_answers)} answers")
        return project

    # -- plan -------------------------------------------------------------------
    def load_plan(self, project_id: str) -> tuple[dict | None, int]:
        with self._read() as conn:
            row = conn.execute(select(plans.c.document, plans.c.version).where(plans.c.project_id == project_id)).first()
        return (json.loads(row.document), row.version) if row else (None, 0)

    def save_plan(self, project_id: str, document: dict, expected_version: int | None = None, *, author: str = "",
                  change: str = "") -> int:
        """Save the whole plan; a write based on a stale read raises PlanConflictError."""
        encoded = json.dumps(document, ensure_ascii=False, allow_nan=False)
        with self._write() as conn:
            touched = conn.execute(update(projects).where(projects.c.id == project_id).values(updated_at=_now()))
            if touched.rowcount == 0:
                raise StoreError("This project no longer exists; the plan could not be saved.")
            row = conn.execute(select(plans.c.version).where(plans.c.project_id == project_id)).first()
            current = row.version if row else 0
            if expected_version is not None and expected_version != current:
                raise PlanConflictError(current)
            if row is None:
                conn.execute(insert(plans).values(project_id=project_id, document=encoded, updated_at=_now(), version=1))
            else:
                conn.execute(update(plans).where(plans.c.project_id == project_id)
                             .values(document=encoded, updated_at=_now(), version=current + 1))
            self._record(conn, project_id, author, "plan", change or "plan", f"version {current + 1}")
        return current + 1

    def _write_plan(self, conn, project_id: str, document: dict | None) -> None:
        conn.execute(delete(plans).where(plans.c.project_id == project_id))
        if document is not None:
            conn.execute(insert(plans).values(project_id=project_id, updated_at=_now(), version=1,
                                              document=json.dumps(document, ensure_ascii=False, allow_nan=False)))

    # -- team question files ---------------------------------------------------
    def list_question_files(self, project_id: str) -> list[tuple[str, str]]:
        with self._read() as conn:
            rows = conn.execute(select(question_files.c.name, question_files.c.content)
                                .where(question_files.c.project_id == project_id)
                                .order_by(question_files.c.added_at, question_files.c.name)).all()
        return [(r.name, r.content) for r in rows]

    def save_question_file(self, project_id: str, name: str, text: str) -> None:
        with self._write() as conn:
            conn.execute(delete(question_files).where(question_files.c.project_id == project_id, question_files.c.name == name))
            conn.execute(insert(question_files).values(project_id=project_id, name=name, content=text, added_at=_now()))
            self._touch(conn, project_id)

    def remove_question_file(self, project_id: str, name: str) -> None:
        with self._write() as conn:
            conn.execute(delete(question_files).where(question_files.c.project_id == project_id, question_files.c.name == name))
            self._touch(conn, project_id)


def _operational_message(text: str) -> str:
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return "The database is busy (locked by another process). Wait a moment and try again; nothing was lost."
    if "readonly" in lowered or "read-only" in lowered:
        return "The database file is read-only, so changes cannot be saved. Make it writable or set PLANNER_DB to another file."
    if "unable to open" in lowered:
        return "The database file cannot be opened. Check that the folder exists and is writable, or set PLANNER_DB."
    return f"The database reported a problem: {text}. Nothing was changed."


def _project(row) -> Project:
    return Project(row["id"], row["name"], row["description"], row["created_at"], row["updated_at"])
