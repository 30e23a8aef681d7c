"""planner.store.Store: projects, answers with versions, team files, transactions, SQLite failure modes."""

from __future__ import annotations

import os
import sqlite3
import stat
import threading

import pytest

from planner.store import ConflictError, Store, StoreError, valid_project_id
from planner.store.store import NAME_LIMIT

# -- projects -------------------------------------------------------------------------------------

def test_project_round_trip(store):
    project = store.create_project("  Claims   triage ", "  First pilot  ")
    assert valid_project_id(project.id)
    assert project.name == "Claims triage" and project.description == "First pilot"
    assert store.get_project(project.id) == project
    assert store.list_projects() == [project]

    store.update_project(project.id, "Claims triage v2", "Second pilot")
    updated = store.get_project(project.id)
    assert (updated.name, updated.description, updated.created_at) == ("Claims triage v2", "Second pilot", project.created_at)

    store.delete_project(project.id)
    assert store.get_project(project.id) is None
    assert store.list_projects() == []


def test_project_ids_are_unique(store):
    ids = {store.create_project(f"P{i}").id for i in range(20)}
    assert len(ids) == 20


@pytest.mark.parametrize("name", ["", "   ", "\n\t", "x" * (NAME_LIMIT + 1)])
def test_bad_project_names_refused(store, name):
    with pytest.raises(ValueError):
        store.create_project(name)
    assert store.list_projects() == []


def test_name_is_one_line(store):
    assert store.create_project("two\nlines\r\nhere").name == "two lines here"


def test_description_limit(store):
    with pytest.raises(ValueError):
        store.create_project("P", "d" * 2001)


def test_delete_removes_answers_and_files(store):
    project = store.create_project("P")
    store.save_answer(project.id, "q_one", "a")
    store.save_question_file(project.id, "team.yaml", "text")
    store.delete_project(project.id)
    assert store.load_answers(project.id) == {}
    assert store.list_question_files(project.id) == []


def test_delete_only_touches_one_project(store):
    keep, drop = store.create_project("Keep"), store.create_project("Drop")
    store.save_answer(keep.id, "q", 1)
    store.save_answer(drop.id, "q", 2)
    store.delete_project(drop.id)
    assert store.load_answers(keep.id) == {"q": 1}
    assert [p.id for p in store.list_projects()] == [keep.id]


@pytest.mark.parametrize("bad_id", ["../x", "", "a" * 200, "../../etc/passwd", "short", "with space!", None, 42,
                                    "x' OR '1'='1"])
def test_invalid_project_ids(store, bad_id):
    store.create_project("P")
    assert store.get_project(bad_id) is None


def test_unknown_valid_looking_id(store):
    assert store.get_project("abcdefghijkl") is None


# -- answers --------------------------------------------------------------------------------------

def test_save_and_clear_answer(store):
    project = store.create_project("P")
    value = {"nested": ["ä", 1, 2.5, True, None]}
    assert store.save_answer(project.id, "q_one", value) == 1
    assert store.load_answers(project.id) == {"q_one": value}
    assert store.save_answer(project.id, "q_one", None) == 2  # cleared, but its version keeps counting
    assert store.load_answers(project.id) == {}
    assert store.load_answer_versions(project.id) == {"q_one": (None, 2)}


def test_versions_increment(store):
    project = store.create_project("P")
    versions = [store.save_answer(project.id, "q", f"v{i}") for i in range(4)]
    assert versions == [1, 2, 3, 4]
    assert store.load_answer_versions(project.id) == {"q": ("v3", 4)}


def test_expected_version_matching_saves(store):
    project = store.create_project("P")
    assert store.save_answer(project.id, "q", "a", expected_version=0) == 1
    assert store.save_answer(project.id, "q", "b", expected_version=1) == 2


def test_conflict_on_stale_expected_version(store):
    project = store.create_project("P")
    store.save_answer(project.id, "q", "mine")           # v1, read by both users
    store.save_answer(project.id, "q", "theirs", expected_version=1)  # v2
    with pytest.raises(ConflictError) as info:
        store.save_answer(project.id, "q", "stale", expected_version=1)
    assert info.value.current_value == "theirs" and info.value.current_version == 2
    assert info.value.question_id == "q"
    assert store.load_answer_versions(project.id) == {"q": ("theirs", 2)}


def test_conflict_on_new_answer_saved_meanwhile(store):
    project = store.create_project("P")
    store.save_answer(project.id, "q", "first")
    with pytest.raises(ConflictError):
        store.save_answer(project.id, "q", "second", expected_version=0)
    with pytest.raises(ConflictError):
        store.save_answer(project.id, "q", None, expected_version=0)  # a stale clear must not delete
    assert store.load_answers(project.id) == {"q": "first"}


def test_conflict_is_a_store_error(store):
    assert issubclass(ConflictError, StoreError)


def test_stale_write_after_clear_and_resave_conflicts(store):
    project = store.create_project("P")
    seen = store.save_answer(project.id, "q", "a")   # user A reads version 1
    store.save_answer(project.id, "q", None)          # user B clears it
    store.save_answer(project.id, "q", "c")           # user B answers again
    with pytest.raises(ConflictError):
        store.save_answer(project.id, "q", "x", expected_version=seen)


def test_save_answer_for_missing_project(store):
    with pytest.raises(StoreError) as info:
        store.save_answer("abcdefghijkl", "q", 1)
    assert "no longer exists" in str(info.value)


def test_save_answer_refuses_nan_and_keeps_old_value(store):
    project = store.create_project("P")
    store.save_answer(project.id, "q", 1)
    with pytest.raises(ValueError):
        store.save_answer(project.id, "q", float("nan"))
    assert store.load_answer_versions(project.id) == {"q": (1, 1)}


def test_replace_answers(store):
    project = store.create_project("P")
    store.save_answer(project.id, "old", 1)
    store.replace_answers(project.id, {"new_a": "x", "new_b": [1, 2]}, [("team.yaml", "content")])
    assert store.load_answers(project.id) == {"new_a": "x", "new_b": [1, 2]}
    assert store.list_question_files(project.id) == [("team.yaml", "content")]


def test_replace_answers_is_atomic(store, monkeypatch):
    project = store.create_project("P")
    store.save_answer(project.id, "keep_a", "a")
    store.save_answer(project.id, "keep_b", ["b"])
    store.save_question_file(project.id, "team.yaml", "original")
    before = store.load_answer_versions(project.id)

    original = Store._insert_answers

    def insert_then_fail(self, conn, project_id, new_answers):
        original(self, conn, project_id, new_answers)
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Store, "_insert_answers", insert_then_fail)
    with pytest.raises(RuntimeError):
        store.replace_answers(project.id, {"other": 1}, [("team.yaml", "replaced")])
    assert store.load_answer_versions(project.id) == before
    assert store.list_question_files(project.id) == [("team.yaml", "original")]


def test_replace_answers_with_unencodable_value_changes_nothing(store):
    project = store.create_project("P")
    store.save_answer(project.id, "keep", "a")
    with pytest.raises(ValueError):
        store.replace_answers(project.id, {"ok": 1, "bad": float("inf")})
    assert store.load_answers(project.id) == {"keep": "a"}


def test_integrity_error_is_not_reported_as_damage(store):
    project = store.create_project("P")
    store.delete_project(project.id)
    with pytest.raises(StoreError) as info:
        store.replace_answers(project.id, {"q": 1})
    assert "damaged" not in str(info.value)


# -- import_project -------------------------------------------------------------------------------

def test_import_project(store):
    project = store.import_project("Imported", "desc", {"a": 1, "b": ["x"]}, [("t1.yaml", "one"), ("t2.yaml", "two")])
    assert store.get_project(project.id).name == "Imported"
    assert store.load_answers(project.id) == {"a": 1, "b": ["x"]}
    assert sorted(store.list_question_files(project.id)) == [("t1.yaml", "one"), ("t2.yaml", "two")]


def test_import_project_all_or_nothing(store, monkeypatch):
    store.create_project("Existing")
    before = store.list_projects()

    def fail(self, conn, project_id, new_answers):
        raise RuntimeError("fails midway, after the project row was inserted")

    monkeypatch.setattr(Store, "_insert_answers", fail)
    with pytest.raises(RuntimeError):
        store.import_project("Imported", "", {"a": 1})
    assert store.list_projects() == before


def test_import_project_failing_on_files_creates_nothing(store):
    with pytest.raises(StoreError):
        store.import_project("Imported", "", {"a": 1}, [("same.yaml", "x"), ("same.yaml", "y")])
    assert store.list_projects() == []


def test_import_project_bad_name_creates_nothing(store):
    with pytest.raises(ValueError):
        store.import_project("", "", {"a": 1})
    assert store.list_projects() == []


# -- team question files --------------------------------------------------------------------------

def test_question_files_add_list_remove(store):
    project = store.create_project("P")
    other = store.create_project("Other")
    store.save_question_file(project.id, "a.yaml", "first")
    store.save_question_file(project.id, "b.yaml", "second")
    assert sorted(store.list_question_files(project.id)) == [("a.yaml", "first"), ("b.yaml", "second")]
    store.save_question_file(project.id, "a.yaml", "replaced")
    assert dict(store.list_question_files(project.id)) == {"a.yaml": "replaced", "b.yaml": "second"}
    store.remove_question_file(project.id, "a.yaml")
    assert store.list_question_files(project.id) == [("b.yaml", "second")]
    assert store.list_question_files(other.id) == []


# -- database location and persistence ------------------------------------------------------------

def test_planner_db_env_respected(tmp_db):
    store = Store()
    assert str(tmp_db) in store.url
    project = store.create_project("Env")
    assert tmp_db.exists()
    assert Store(str(tmp_db)).get_project(project.id) == project


def test_planner_db_env_creates_missing_folder(tmp_path, monkeypatch):
    path = tmp_path / "new" / "folder" / "p.db"
    monkeypatch.setenv("PLANNER_DB", str(path))
    Store().create_project("P")
    assert path.exists()


def test_refresh_new_store_sees_everything(tmp_path):
    path = str(tmp_path / "shared.db")
    first = Store(path)
    project = first.create_project("P", "d")
    first.save_answer(project.id, "q", "a")
    first.save_answer(project.id, "q", "b")
    first.save_question_file(project.id, "team.yaml", "content")

    fresh = Store(path)
    assert fresh.get_project(project.id).name == "P"
    assert fresh.load_answer_versions(project.id) == {"q": ("b", 2)}
    assert fresh.list_question_files(project.id) == [("team.yaml", "content")]


def test_wal_mode(tmp_path):
    store = Store(str(tmp_path / "store.db"))  # a SQLite setting
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar().lower() == "wal"
    raw = sqlite3.connect(tmp_path / "store.db")
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"  # persistent in the file
    finally:
        raw.close()


def test_concurrent_writers_lose_nothing(store):
    project = store.create_project("P")
    errors = []

    def writer(t: int):
        try:
            for i in range(50):
                store.save_answer(project.id, f"q_{t}_{i}", {"thread": t, "i": i})
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(t,)) for t in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    answers = store.load_answers(project.id)
    assert len(answers) == 200
    assert all(answers[f"q_{t}_{i}"] == {"thread": t, "i": i} for t in range(4) for i in range(50))


def test_concurrent_writers_on_one_answer_with_versions(store):
    """Optimistic locking: every increment retried on conflict, none lost."""
    project = store.create_project("P")
    store.save_answer(project.id, "counter", 0)
    conflicts = []

    def increment(n: int):
        for _ in range(n):
            while True:
                value, version = store.load_answer_versions(project.id)["counter"]
                try:
                    store.save_answer(project.id, "counter", value + 1, expected_version=version)
                    break
                except ConflictError:
                    conflicts.append(1)

    threads = [threading.Thread(target=increment, args=(15,)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert store.load_answer_versions(project.id)["counter"] == (60, 61)


# -- failure modes --------------------------------------------------------------------------------

@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_database_file(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "p.db"
    Store(str(path)).create_project("P")
    for f in folder.iterdir():
        f.chmod(stat.S_IRUSR)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(StoreError) as info:
            Store(str(path)).create_project("Q")
        assert "read-only" in str(info.value) or "cannot be opened" in str(info.value)
    finally:
        folder.chmod(stat.S_IRWXU)
        for f in folder.iterdir():
            f.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_read_only_database_via_uri(tmp_path):
    path = tmp_path / "p.db"
    project = Store(str(path)).create_project("P")
    read_only = Store(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert read_only.get_project(project.id).name == "P"  # reading still works
    with pytest.raises(StoreError) as info:
        read_only.create_project("Q")
    assert "read-only" in str(info.value)
    with pytest.raises(StoreError):
        read_only.save_answer(project.id, "q", 1)
    assert Store(str(path)).load_answers(project.id) == {}


@pytest.mark.parametrize("garbage", [os.urandom(4096), b"SQLite format 3\x00" + b"\xff" * 4080, b"not a db" * 100])
def test_corrupt_database_file(tmp_path, garbage):
    path = tmp_path / "corrupt.db"
    path.write_bytes(garbage)
    with pytest.raises(StoreError) as info:
        store = Store(str(path))
        store.list_projects()
    assert "damaged" in str(info.value) or "not a database" in str(info.value)


def test_unusable_database_location_is_a_store_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError):
        Store(str(blocker / "sub" / "p.db"))


def test_history_records_who_changed_what(store):
    project = store.create_project("P", author="Ana")
    version = store.save_answer(project.id, "setup_team_size", 3, author="Bo\x00 (DS)")
    store.save_answer(project.id, "setup_team_size", None, version)
    store.save_plan(project.id, {"schema_version": 1}, 0, author="Ana", change="raci")
    store.save_milestone(project.id, "Kickoff", author="Cy")
    entries = store.history(project.id)
    assert [(e.kind, e.target, e.author) for e in entries] == [
        ("milestone", "Kickoff", "Cy"), ("plan", "raci", "Ana"), ("answer", "setup_team_size", ""),
        ("answer", "setup_team_size", "Bo (DS)"), ("project", "created", "Ana")]
    assert entries[2].detail == "cleared" and entries[3].detail == "3"
    assert store.history(project.id, limit=2)[1].kind == "plan"
    store.delete_project(project.id)
    assert store.history(project.id) == []


def test_a_refused_save_records_nothing(store):
    project = store.create_project("P")
    store.save_answer(project.id, "q", 1)
    with pytest.raises(ConflictError):
        store.save_answer(project.id, "q", 2, 0)
    assert [e.detail for e in store.history(project.id) if e.kind == "answer"] == ["1"]


# -- history of every change, and stale renames (issue 11, #11) -----------------------------------

def test_a_rename_is_recorded_and_a_stale_rename_is_refused(store):
    from planner.store import ProjectConflictError

    project = store.create_project("Claims triage", "First pilot", author="Ana")
    assert project.version == store.get_project(project.id).version == 1
    assert store.update_project(project.id, "Claims triage v2", "First pilot", 1, author="Bo") == 2
    with pytest.raises(ProjectConflictError) as info:  # another tab still shows version 1
        store.update_project(project.id, "Fraud model", "First pilot", 1, author="Cy")
    assert info.value.current.name == "Claims triage v2" and "Claims triage v2" in str(info.value)
    assert store.get_project(project.id).name == "Claims triage v2" and store.get_project(project.id).version == 2
    assert store.update_project(project.id, "Claims triage v2", "Second pilot", 2) == 3
    assert store.update_project(project.id, "Claims triage v2", "Second pilot", 3) == 3  # nothing changed: no entry
    entries = [(e.kind, e.target, e.author, e.detail) for e in store.history(project.id)]
    assert entries == [("project", "description changed", "", "Second pilot"),
                       ("project", "renamed", "Bo", "Claims triage → Claims triage v2"),
                       ("project", "created", "Ana", "Claims triage")]


def test_renaming_a_deleted_project_is_refused(store):
    project = store.create_project("Gone")
    store.delete_project(project.id)
    with pytest.raises(StoreError, match="no longer exists"):
        store.update_project(project.id, "Back", "")


def test_team_file_changes_and_milestone_deletions_are_recorded(store):
    project = store.create_project("P")
    store.save_question_file(project.id, "team.yaml", "first", author="Ana")
    store.save_question_file(project.id, "team.yaml", "second", author="Bo")
    store.remove_question_file(project.id, "team.yaml", author="Cy")
    store.remove_question_file(project.id, "team.yaml", author="Cy")  # already gone: nothing to record
    kickoff = store.save_milestone(project.id, "Kickoff", author="Ana")
    store.delete_milestone(project.id, kickoff.id, author="Dee")
    store.delete_milestone(project.id, kickoff.id, author="Dee")
    entries = [(e.kind, e.target, e.author, e.detail) for e in store.history(project.id)][:5]
    assert entries == [("milestone", "Kickoff", "Dee", "deleted"), ("milestone", "Kickoff", "Ana", "0 answers"),
                       ("question_file", "team.yaml", "Cy", "removed"), ("question_file", "team.yaml", "Bo", "replaced"),
                       ("question_file", "team.yaml", "Ana", "added")]


# -- a PLANNER_DB that cannot be opened (issue 11, #6) ----------------------------------------------

def _unusable_settings(tmp_path) -> dict[str, str]:
    text_file = tmp_path / "notes.txt"
    text_file.write_text("these are my notes, not a database\n" * 50)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    return {"text-file": str(text_file), "no-folder": "/proc/x/planner.db", "file-as-folder": str(blocker / "planner.db"),
            "postgres-down": "postgresql+psycopg://planner:s3cret-pass@127.0.0.1:1/planner"}


@pytest.mark.parametrize("case", ["text-file", "no-folder", "file-as-folder", "postgres-down"])
def test_an_unusable_database_setting_names_planner_db_and_the_place(tmp_path, monkeypatch, case):
    from planner.store import StoreUnavailable

    setting = _unusable_settings(tmp_path)[case]
    monkeypatch.setenv("PLANNER_DB", setting)
    with pytest.raises(StoreUnavailable) as info:
        Store()
    message = str(info.value)
    assert "PLANNER_DB" in message and "\n" not in message
    assert "s3cret-pass" not in message
    assert (setting if case != "postgres-down" else "postgresql+psycopg://planner:***@127.0.0.1:1/planner") in message
    reason = {"text-file": "damaged or not a database", "no-folder": "folder cannot be created",
              "file-as-folder": "folder cannot be created", "postgres-down": "cannot be reached"}[case]
    assert reason in message


# -- control characters are refused when text is saved (a crafted websocket frame cannot store them) ----------

@pytest.mark.parametrize("bad", ["before\x00after", "red \x1b[31m", "bell\x07"])
def test_description_and_name_with_control_characters_are_refused(store, bad):
    project = store.create_project("P", "old")
    with pytest.raises(ValueError, match="the description contains"):
        store.update_project(project.id, "P", bad)
    with pytest.raises(ValueError, match="the project name contains"):
        store.update_project(project.id, bad, "old")
    with pytest.raises(ValueError, match="the description contains"):
        store.create_project("Q", bad)
    assert (store.get_project(project.id).name, store.get_project(project.id).description) == ("P", "old")


def test_description_keeps_tabs_and_line_breaks(store):
    project = store.create_project("P", "line one\r\n\tline two")
    assert store.get_project(project.id).description == "line one\r\n\tline two"


def test_answers_and_plans_with_control_characters_are_refused_naming_the_field(store):
    from planner.store.store import InvalidTextError

    project = store.create_project("P")
    with pytest.raises(InvalidTextError, match="the answer to 'setup_ml_purpose' contains a NUL character"):
        store.save_answer(project.id, "setup_ml_purpose", "a\x00b")
    with pytest.raises(InvalidTextError, match="U\\+001B"):
        store.save_answer(project.id, "setup_missing_roles", ["ok", "x\x1b"])
    with pytest.raises(StoreError, match="the plan › data_agreement › quantity contains the control character U\\+001B"):
        store.save_plan(project.id, {"schema_version": 1, "data_agreement": {"quantity": "10k \x1b[31m rows"}})
    with pytest.raises(StoreError, match="the plan › decisions › 0 › topic contains a NUL"):
        store.save_plan(project.id, {"schema_version": 1, "decisions": [{"topic": "a\x00"}]})
    assert store.load_answers(project.id) == {} and store.load_plan(project.id) == (None, 0)


# -- a team file replacement that clears the answers no longer fitting it ---------------------------------------

def test_saving_a_team_file_and_clearing_answers_is_one_recorded_change(store):
    project = store.create_project("P")
    store.save_question_file(project.id, "team.yaml", "old")
    store.save_answer(project.id, "team_q_one", "stale")
    store.save_answer(project.id, "setup_team_size", 4)
    store.save_question_file_and_clear(project.id, "team.yaml", "new", ["team_q_one"], author="Ana", reason="no longer fits")
    assert store.list_question_files(project.id) == [("team.yaml", "new")]
    assert store.load_answers(project.id) == {"setup_team_size": 4}
    assert store.load_answer_versions(project.id)["team_q_one"] == (None, 2)  # open tabs see a newer version
    latest = store.history(project.id)[:2]
    assert [(e.kind, e.target, e.author) for e in latest] == [("question_file", "team.yaml", "Ana"), ("answer", "team_q_one", "Ana")]
    assert "no longer fits" in latest[1].detail


def test_saving_a_team_file_for_a_deleted_project_saves_nothing(store):
    project = store.create_project("P")
    store.delete_project(project.id)
    with pytest.raises(StoreError):
        store.save_question_file_and_clear(project.id, "team.yaml", "new", ["team_q_one"])
