"""What the store hands out (projects, snapshots, history entries), its errors, and the checks on names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from ..text import first_control, refuse_controls

PROJECT_ID_RE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
NAME_LIMIT = 120
DESCRIPTION_LIMIT = 2000
AUTHOR_LIMIT = 120


class StoreError(Exception):
    """The database cannot be used right now; the message says what to do."""


class StoreUnavailable(StoreError):
    """The database PLANNER_DB names cannot be opened at all: the message says what is wrong and where."""


class InvalidTextError(StoreError, ValueError):
    """Text with a control character (NUL, ESC, ...) was refused; nothing was saved."""


@dataclass(frozen=True)
class Project:
    id: str
    name: str
    description: str
    created_at: datetime  # timezone-aware (UTC)
    updated_at: datetime
    key: str = ""  # the creator's facilitator token; only on the Project returned by create/import, never read back
    version: int = 1  # counts changes of name and description (update_project's expected_version)


class ProjectConflictError(StoreError):
    """The project's name or description was changed by someone else since it was read; nothing was overwritten."""

    def __init__(self, current: Project):
        self.current = current
        super().__init__(f"The project was changed by someone else in the meantime: it is now called '{current.name}'. "
                         "Your change was not saved; make it again if it should win.")


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
class ProjectSnapshot:
    project: Project
    question_files: tuple[tuple[str, str], ...]
    versions: dict  # question id → (value or None when cleared, version)
    plan: dict | None = None  # the saved plan document, None until the team edits the plan
    plan_version: int = 0

    @property
    def answers(self) -> dict:
        return {qid: value for qid, (value, _) in self.versions.items() if value is not None}


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime  # timezone-aware (UTC)
    author: str  # "" when the person did not give a name
    kind: str
    target: str
    detail: str


@dataclass(frozen=True)
class HistoryPage:
    """Entries `offset`+1 to `offset`+len(entries) (newest first) of the `matching` ones, out of `total` in all."""

    entries: tuple[HistoryEntry, ...]
    matching: int  # entries that pass the filters
    total: int  # entries of the project
    authors: tuple[str, ...]  # every author in the project's history ("" for no name), sorted
    kinds: tuple[str, ...]  # every kind of change in it, the most recent first


def refuse_controls_in(value, what: str) -> None:
    found = first_control(value)
    if found:
        where = f"{what} › {found[0]}" if found[0] else what
        raise InvalidTextError(f"{where} {found[1]}. Nothing was saved.")


def one_line(text) -> str:
    """Printable characters only, whitespace runs collapsed to one space, trimmed."""
    return " ".join("".join(c for c in str(text) if c.isprintable() or c.isspace()).split())


def required_name(text, limit: int, missing: str, field: str = "the name") -> str:
    name = one_line(refuse_controls(str(text), field))
    if not name:
        raise ValueError(missing)
    if len(name) > limit:
        raise ValueError(f"the name is {len(name)} characters long; at most {limit} are allowed")
    return name


def clean_author(author) -> str:
    """Who made a change: one line, at most 120 characters ("" = not given)."""
    return one_line(author or "")[:AUTHOR_LIMIT]


def valid_project_id(value) -> bool:
    return isinstance(value, str) and bool(PROJECT_ID_RE.match(value))


def clean_name(name: str) -> str:
    """Project names: one line, trimmed, bounded; ValueError when empty or too long."""
    return required_name(name, NAME_LIMIT, "the project needs a name", "the project name")


def clean_description(description: str) -> str:
    description = refuse_controls(str(description), "the description").strip()
    if len(description) > DESCRIPTION_LIMIT:
        raise ValueError(f"the description is {len(description):,} characters long; at most {DESCRIPTION_LIMIT:,} are allowed")
    return description


def clean_milestone_name(name: str) -> str:
    """One line, trimmed, 1–80 characters; ValueError otherwise."""
    return required_name(name, 80, "a milestone needs a name", "the milestone name")
