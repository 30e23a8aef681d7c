"""The Store facade: every read and write of a project goes through it; each aggregate has its own module.

Writes run in `_write`, which hands the aggregate a Change and records the history it noted when
the transaction commits (history.py). The names below stay importable from here for callers.
"""

from __future__ import annotations

from contextlib import contextmanager

from ..domain import WORKSHOP_ROLES, Milestone, MilestoneEntry, Participant
from . import answers as answer_rows
from . import history as history_rows
from . import links as link_rows
from . import milestones as milestone_rows
from . import plans as plan_rows
from . import projects as project_rows
from . import room_codes as room_code_rows
from . import team_files
from . import workshop as workshop_rows
from .access import FACILITATOR, AccessDenied, AccessLink, Grant, valid_token
from .account_store import AccountStore
from .accounts import own as own_project
from .connection import guard, identity, open_engine, operational_message, sqlite_file
from .history import Change
from .milestones import MILESTONE_LIMIT
from .room_codes import ROOM_CODE_HOURS, RoomCode
from .records import (AUTHOR_LIMIT, DESCRIPTION_LIMIT, NAME_LIMIT, ConflictError, HistoryEntry, HistoryPage, InvalidTextError,
                      PlanConflictError, Project, ProjectConflictError, ProjectSnapshot, StoreError, StoreUnavailable, clean_author,
                      clean_description, clean_milestone_name, clean_name, valid_project_id)
from .tables import (access_links, answers, browser_access, expectation_answers, history, metadata, milestones, participants, plans,
                     projects, question_files)
from .workshop import JOINS_PER_LINK_PER_MINUTE, PARTICIPANT_LIMIT
from .room_store import WorkshopRoomStore

_operational_message = operational_message  # the name tests and callers used

__all__ = [
    "AUTHOR_LIMIT", "DESCRIPTION_LIMIT", "JOINS_PER_LINK_PER_MINUTE", "MILESTONE_LIMIT", "NAME_LIMIT", "PARTICIPANT_LIMIT",
    "WORKSHOP_ROLES", "ConflictError", "HistoryEntry", "HistoryPage", "InvalidTextError", "Milestone", "Participant", "PlanConflictError",
    "Project", "ProjectConflictError", "ProjectSnapshot", "Store", "StoreError", "StoreUnavailable", "_operational_message",
    "access_links", "answers", "browser_access", "clean_author", "clean_description", "clean_milestone_name",
    "clean_name", "expectation_answers", "history", "metadata", "milestones", "participants", "plans", "projects",
    "question_files", "valid_project_id",
]


class Store(AccountStore, WorkshopRoomStore):
    """Projects and answers in SQLite (default) or any SQLAlchemy database URL."""

    def __init__(self, url: str | None = None):
        """Open (and migrate) the database; StoreUnavailable names what is wrong with PLANNER_DB."""
        self.url, self.engine = open_engine(url)
        self._file = sqlite_file(self.engine)
        self._identity = identity(self._file)

    # -- plumbing -------------------------------------------------------------
    def _check_file(self) -> None:
        """Pooled connections keep writing into a deleted or replaced file, so such saves would vanish."""
        if self._file is not None and identity(self._file) != self._identity:
            raise StoreError(f"The database file {self._file.name} was deleted or replaced while the app was running, so "
                             "nothing more can be saved safely. Restore the file from a backup, or restart the app to "
                             "start a new database.")

    @contextmanager
    def _read(self):
        self._check_file()
        with guard(), self.engine.connect() as conn:
            yield conn

    @contextmanager
    def _write(self):
        """One write transaction; the history the change noted is written in it, just before it commits."""
        self._check_file()
        with guard(), self.engine.connect().execution_options(immediate=True) as conn, conn.begin():
            change = Change(conn)
            yield change
            change.flush()

    # -- projects -------------------------------------------------------------
    def create_project(self, name: str, description: str = "", *, author: str = "", browser: str | None = None,
                       owner: str | None = None) -> Project:
        """A new project; with `browser`, also its first facilitator link, remembered for that browser; with `owner` (an
        account id), it belongs to that account.

        The returned Project then carries the link's token in `key` (the only time it is available).
        """
        with self._write() as change:
            project = project_rows.insert_project(change, clean_name(name), clean_description(description))
            change.record(project.id, author, "project", "created", project.name)
            return self._with_creator_link(change, project, author, browser, owner)

    def _with_creator_link(self, change, project: Project, author: str, browser: str | None, owner: str | None = None) -> Project:
        if owner is not None:
            own_project(change, project.id, owner)
        if browser is None:
            return project
        link, token = link_rows.insert_link(change, project.id, FACILITATOR, "Created in this browser", author)
        link_rows.bind(change, browser, link.id)
        return Project(project.id, project.name, project.description, project.created_at, project.updated_at, token,
                       project.version)

    def get_project(self, project_id) -> Project | None:
        if not valid_project_id(project_id):
            return None
        with self._read() as conn:
            return project_rows.get(conn, project_id)

    def snapshot(self, project_id) -> ProjectSnapshot | None:
        """The project, its team question files and its answers with versions, in one consistent read."""
        if not valid_project_id(project_id):
            return None
        with self._read() as conn, conn.begin():
            return project_rows.snapshot(conn, project_id)

    def list_projects(self) -> list[Project]:
        with self._read() as conn:
            return project_rows.listed(conn)

    def update_project(self, project_id: str, name: str, description: str, expected_version: int | None = None, *,
                       author: str = "") -> int:
        """Rename / re-describe the project and record it; returns the project's new version.

        With `expected_version`, a change based on a stale read raises ProjectConflictError (carrying
        the newer project) instead of overwriting someone else's rename.
        """
        with self._write() as change:
            return project_rows.update_project(change, project_id, name, description, expected_version, author)

    def delete_project(self, project_id: str) -> None:
        """The project with its answers, plan, files, milestones, history, participants and links (cascading)."""
        with self._write() as change:
            project_rows.delete_project(change, project_id)

    # -- milestones: named snapshots of the answers -----------------------------
    def save_milestone(self, project_id: str, name: str, *, author: str = "") -> Milestone:
        """Copy the project's current answers under a name (e.g. "Kickoff"), in one transaction."""
        with self._write() as change:
            return milestone_rows.save(change, project_id, name, author)

    def list_milestones(self, project_id: str) -> list[Milestone]:
        """Oldest first."""
        with self._read() as conn:
            return milestone_rows.listed(conn, project_id)

    def milestone_entries(self, project_id: str) -> list[MilestoneEntry]:
        """Oldest first, without their answers (a page with many milestones reads only the answers it shows)."""
        with self._read() as conn:
            return milestone_rows.entries(conn, project_id)

    def milestone_answers(self, project_id: str, milestone_ids) -> dict[str, dict]:
        """The saved answers of these milestones of the project, by id (an id not found is left out)."""
        with self._read() as conn:
            return milestone_rows.answers_of(conn, project_id, milestone_ids)

    def delete_milestone(self, project_id: str, milestone_id: str, *, author: str = "") -> None:
        with self._write() as change:
            milestone_rows.delete_one(change, project_id, milestone_id, author)

    # -- workshop participants -------------------------------------------------
    def join_workshop(self, project_id: str, name: str, role: str, *, browser: str | None = None,
                      via: str | None = None) -> tuple[Participant, str]:
        """A participant joins with a name and one of WORKSHOP_ROLES; returns them and their personal link token.

        `via` is the id of the join link they came through: at most JOINS_PER_LINK_PER_MINUTE people join
        through one link per minute (counted in the database, so it holds across app replicas).
        """
        with self._write() as change:
            return workshop_rows.join(change, project_id, name, role, browser, via)

    def participants(self, project_id: str) -> list[Participant]:
        """Everyone who joined, with their expectation answers, in order of joining."""
        with self._read() as conn, conn.begin():
            return workshop_rows.listed(conn, project_id)

    def save_expectation(self, project_id: str, participant_id: str, question_id: str, value: str) -> None:
        """A participant's answer to one expectation question; ValueError unless it is one of that question's options."""
        from ..content import load_content  # the knowledge base defines the expectation questions
        from ..workshop import check_expectation

        value = check_expectation(load_content().kb.expectations, question_id, value)
        with self._write() as change:
            workshop_rows.save_expectation(change, project_id, participant_id, question_id, value)

    def remove_participant(self, project_id: str, participant_id: str, *, author: str = "") -> None:
        """Take someone out of the workshop: their personal link stops working and their answers leave the view."""
        with self._write() as change:
            workshop_rows.remove(change, project_id, participant_id, author)

    # -- access links ----------------------------------------------------------
    def create_link(self, project_id: str, role: str, label: str = "", *, author: str = "") -> tuple[AccessLink, str]:
        """A new facilitator or join link; the token is returned once and only its fingerprint is kept."""
        with self._write() as change:
            project_rows.require(change, project_id)
            link, token = link_rows.insert_link(change, project_id, role, label, author)
            change.record(project_id, author, "access", f"{role} link created", link.label)
            return link, token

    def links(self, project_id: str) -> list[AccessLink]:
        """Every link of the project, active and revoked, oldest first."""
        with self._read() as conn:
            return link_rows.listed(conn, project_id)

    def revoke_link(self, project_id: str, link_id: str, *, author: str = "") -> None:
        """Stop a link from working (browsers that opened the project through it lose access too).

        The last active facilitator link cannot be revoked: nobody could manage the project any more.
        """
        with self._write() as change:
            link_rows.revoke(change, project_id, link_id, author)

    def resolve_token(self, project_id: str, token) -> Grant:
        """The access a token gives to this project; AccessDenied when it is unknown or revoked."""
        if not valid_project_id(project_id) or not valid_token(token):
            raise AccessDenied("unknown")
        with self._read() as conn:
            return link_rows.resolve(conn, project_id, token)

    def create_room_code(self, project_id: str, *, author: str = "", browser: str,
                         hours: float = ROOM_CODE_HOURS) -> RoomCode:
        """A short room code that joins the workshop for `hours` (the project's previous code stops); only `browser`
        can show it again (room_codes.py says why and what limits a guesser)."""
        with self._write() as change:
            return room_code_rows.create(change, project_id, author, browser, hours)

    def room_code(self, project_id: str, browser: str) -> RoomCode | None:
        """The project's working room code (its `code` only for the browser that made it), or None."""
        with self._read() as conn:
            return room_code_rows.current(conn, project_id, browser)

    def stop_room_code(self, project_id: str, *, author: str = "") -> bool:
        """The room code and its join link stop working at once (people who joined keep their personal links)."""
        with self._write() as change:
            return room_code_rows.stop(change, project_id, author)

    def resolve_room_code(self, text, known_link: str | None = None, *, browser: str | None = None) -> Grant:
        """The join access a room code gives (room_codes.py: the guess limits per `browser` and server-wide, what counts
        as a guess); with `known_link` (the code already let this session in) only whether it still works is checked."""
        code = room_code_rows.normalise(text)
        if code is None:
            raise AccessDenied("room_code")
        source = room_code_rows.source_fingerprint(browser)
        with self._read() as conn:
            limit = room_code_rows.too_many_failures(conn, source) if known_link is None else None
            if limit:
                raise AccessDenied(limit)
            grant = room_code_rows.by_link(conn, known_link) if known_link else room_code_rows.find(conn, code)
            guess = grant is None and known_link is None and not room_code_rows.was_issued(conn, code)
        if guess:
            with self._write() as change:
                room_code_rows.note_failure(change, source)
        if grant is None:
            raise AccessDenied("room_code")
        return grant

    def remember(self, browser: str, grant: Grant) -> None:
        """This browser opened the project through `grant`'s link: list it and let it back in without the link."""
        with self._write() as change:
            link_rows.bind(change, browser, grant.link_id)

    def browser_grants(self, browser: str, project_id: str | None = None) -> dict[str, Grant]:
        """Project id → the best active access this browser has (facilitator, then a personal participant
        link, then a join link); with `project_id`, for that project only (one indexed read per rerun)."""
        with self._read() as conn:
            return link_rows.browser_grants(conn, browser, project_id)

    def browser_grant(self, browser: str, project_id: str) -> Grant | None:
        """This browser's best active access to one project (None: it never opened it, or it was revoked)."""
        return self.browser_grants(browser, project_id).get(project_id)

    def browser_projects(self, browser: str) -> list[tuple[Project, Grant]]:
        """The projects this browser created or joined and can still open, most recently changed first."""
        grants = self.browser_grants(browser)
        if not grants:
            return []
        with self._read() as conn:
            return [(p, grants[p.id]) for p in project_rows.listed(conn, list(grants))]

    def forget(self, browser: str, project_id: str) -> None:
        """Take the project off this browser's list (its links keep working)."""
        with self._write() as change:
            link_rows.forget(change, browser, project_id)

    # -- history ---------------------------------------------------------------
    def history(self, project_id: str, limit: int = 1000, offset: int = 0, *, kinds=None, authors=None) -> list[HistoryEntry]:
        """Newest first: `limit` entries after the first `offset`; only of `kinds` / by `authors` when given."""
        with self._read() as conn:
            return history_rows.read(conn, project_id, limit, offset, kinds, authors)

    def history_count(self, project_id: str, *, kinds=None, authors=None) -> int:
        """How many history entries there are (with `kinds` / `authors`: how many of those)."""
        with self._read() as conn:
            return history_rows.count(conn, project_id, kinds, authors)

    def history_page(self, project_id: str, limit: int, offset: int = 0, *, kinds=None, authors=None) -> HistoryPage:
        """One page of the history with its counts and the authors and kinds to filter by, read together."""
        with self._read() as conn:
            return history_rows.page(conn, project_id, limit, offset, kinds, authors)

    # -- answers --------------------------------------------------------------
    def load_answers(self, project_id: str) -> dict:
        return {qid: value for qid, (value, _) in self.load_answer_versions(project_id).items() if value is not None}

    def load_answer_versions(self, project_id: str) -> dict[str, tuple[object, int]]:
        with self._read() as conn:
            return answer_rows.versions(conn, project_id)

    def save_answer(self, project_id: str, question_id: str, value, expected_version: int | None = None, *,
                    author: str = "") -> int:
        """Save (or, for None, clear) one answer; returns its new version.

        With `expected_version`, a write based on a stale read raises ConflictError instead of
        overwriting someone else's newer answer.
        """
        with self._write() as change:
            return answer_rows.save(change, project_id, question_id, value, expected_version, author)

    def replace_answers(self, project_id: str, new_answers: dict, files: list[tuple[str, str]] = (),
                        plan: dict | None = None, *, author: str = "") -> None:
        """Replace all answers and the plan (and add/replace team files) in one transaction (explicit import)."""
        with self._write() as change:
            plan_rows.replace(change, project_id, plan)
            answer_rows.delete_all(change, project_id)
            self._insert_answers(change, project_id, new_answers)
            for file_name, text in files:
                team_files.put(change, project_id, file_name, text)
            project_rows.touch(change, project_id)
            change.record(project_id, author, "import", "answers", f"{len(new_answers)} answers replaced")

    def _insert_answers(self, change, project_id: str, new_answers: dict) -> None:
        answer_rows.insert_all(change, project_id, new_answers)

    def import_project(self, name: str, description: str, new_answers: dict, files: list[tuple[str, str]] = (),
                       plan: dict | None = None, *, author: str = "", browser: str | None = None,
                       owner: str | None = None) -> Project:
        """A new project holding imported answers, plan and team files, all or nothing (`browser`, `owner`: as in create_project)."""
        with self._write() as change:
            project = project_rows.insert_project(change, clean_name(name), clean_description(description))
            self._insert_answers(change, project.id, new_answers)
            plan_rows.replace(change, project.id, plan)
            for file_name, text in files:
                team_files.add(change, project.id, file_name, text)
            change.record(project.id, author, "import", "project", f"imported with {len(new_answers)} answers")
            return self._with_creator_link(change, project, author, browser, owner)

    # -- plan -------------------------------------------------------------------
    def load_plan(self, project_id: str) -> tuple[dict | None, int]:
        with self._read() as conn:
            return plan_rows.load(conn, project_id)

    def save_plan(self, project_id: str, document: dict, expected_version: int | None = None, *, author: str = "",
                  change: str = "") -> int:
        """Save the whole plan; a write based on a stale read raises PlanConflictError."""
        with self._write() as write:
            return plan_rows.save(write, project_id, document, expected_version, author, change)

    # -- team question files ---------------------------------------------------
    def save_question_file_and_clear(self, project_id: str, name: str, text: str, clear: list[str], *,
                                     author: str = "", reason: str = "") -> None:
        """Add or replace a team file and clear the answers that no longer fit it, in one transaction.

        The page lists those answers and asks first; each cleared answer gets a history entry.
        """
        with self._write() as change:
            project_rows.require(change, project_id)
            team_files.put(change, project_id, name, text)
            for question_id in clear:
                if answer_rows.clear(change, project_id, question_id):
                    change.record(project_id, author, "answer", question_id,
                                  f"cleared: {reason or 'no longer fits its question'}")
            project_rows.touch(change, project_id)
            change.record(project_id, author, "question_file", name, f"saved; {len(clear)} answer(s) cleared")

    def list_question_files(self, project_id: str) -> list[tuple[str, str]]:
        with self._read() as conn:
            return team_files.listed(conn, project_id)

    def save_question_file(self, project_id: str, name: str, text: str, *, author: str = "") -> None:
        with self._write() as change:
            replaced = team_files.put(change, project_id, name, text)
            project_rows.touch(change, project_id)
            change.record(project_id, author, "question_file", name, "replaced" if replaced else "added")

    def remove_question_file(self, project_id: str, name: str, *, author: str = "") -> None:
        with self._write() as change:
            if team_files.remove(change, project_id, name):
                project_rows.touch(change, project_id)
                change.record(project_id, author, "question_file", name, "removed")
