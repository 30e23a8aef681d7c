"""Schema migrations: one head, the migrated schema equals the code's tables, old databases are upgraded."""

import sqlite3
from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import select

from planner.store import Store
from planner.store.migrate import HEAD, MIGRATIONS, current_revision
from planner.store.store import metadata
from planner.store.tables import TIMESTAMPS


def test_head_constant_matches_the_scripts():
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_heads() == [HEAD]


def test_migrated_schema_equals_the_tables_in_code(store):
    with store.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert differences == []
    assert current_revision(store.engine) == HEAD


def test_a_database_from_before_migrations_is_upgraded_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.db"
    raw = sqlite3.connect(path)
    raw.executescript("""
        CREATE TABLE projects (id VARCHAR(64) PRIMARY KEY, name VARCHAR(200) NOT NULL, description TEXT NOT NULL,
                               created_at VARCHAR(40) NOT NULL, updated_at VARCHAR(40) NOT NULL, version INTEGER NOT NULL);
        CREATE TABLE answers (project_id VARCHAR(64) REFERENCES projects(id) ON DELETE CASCADE, question_id VARCHAR(80),
                              value TEXT, updated_at VARCHAR(40) NOT NULL, version INTEGER NOT NULL,
                              PRIMARY KEY (project_id, question_id));
        CREATE TABLE question_files (project_id VARCHAR(64) REFERENCES projects(id) ON DELETE CASCADE, name VARCHAR(200),
                                     content TEXT NOT NULL, added_at VARCHAR(40) NOT NULL, PRIMARY KEY (project_id, name));
        CREATE TABLE plans (project_id VARCHAR(64) PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
                            document TEXT NOT NULL, updated_at VARCHAR(40) NOT NULL, version INTEGER NOT NULL);
        INSERT INTO projects VALUES ('OldProject01', 'Old', '', '2025-01-01', '2025-01-01', 1);
        INSERT INTO answers VALUES ('OldProject01', 'setup_team_size', '4', '2025-01-01', 3);
    """)
    raw.commit()
    raw.close()
    store = Store(str(path))
    assert current_revision(store.engine) == HEAD
    snapshot = store.snapshot("OldProject01")
    assert snapshot.answers == {"setup_team_size": 4} and snapshot.versions["setup_team_size"] == (4, 3)
    assert store.save_milestone("OldProject01", "Kickoff").answers == {"setup_team_size": 4}
    Store(str(path))  # opening again is a no-op
    assert current_revision(store.engine) == HEAD


def test_participants_from_before_access_links_keep_their_links(tmp_path):
    """0005: a participant's old id was their link; it becomes a personal link (fingerprint only)."""
    from alembic import command

    path = tmp_path / "workshop.db"
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    from planner.store.db import make_engine

    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0004")
        conn.exec_driver_sql("INSERT INTO projects VALUES ('OldProject01', 'Old', '', '2025-01-01', '2025-01-01', 1)")
        conn.exec_driver_sql("INSERT INTO participants VALUES ('old-participant-token-123456', 'OldProject01', 'Ana', "
                             "'Client', '2025-01-02')")
        conn.exec_driver_sql("INSERT INTO expectation_answers VALUES ('old-participant-token-123456', "
                             "'exp_model_quality', 'rough', '2025-01-02')")
    engine.dispose()
    store = Store(str(path))
    assert current_revision(store.engine) == HEAD
    grant = store.resolve_token("OldProject01", "old-participant-token-123456")
    ana = store.participants("OldProject01")[0]
    assert grant.participant_id == ana.id and not grant.facilitator
    assert ana.answers == {"exp_model_quality": "rough"} and ana.name == "Ana"
    assert ana.id != "old-participant-token-123456"  # the secret is gone from the database
    with store.engine.connect() as conn:
        dump = " ".join(str(r) for t in ("participants", "expectation_answers", "access_links")
                        for r in conn.exec_driver_sql(f"SELECT * FROM {t}"))
    assert "old-participant-token-123456" not in dump
    assert store.links("OldProject01")[0].label == "Ana"


def _database_at(request, tmp_path, revision: str) -> str:
    """The URL of an empty database migrated to `revision` (a SQLite file, or a fresh PostgreSQL schema)."""
    from alembic import command
    from sqlalchemy import create_engine, text

    from planner.store.db import make_engine

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
        cleaner = create_engine(url)
        with cleaner.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        cleaner.dispose()
    engine = make_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
    engine.dispose()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def at_0006(request, tmp_path):
    return _database_at(request, tmp_path, "0006")


OLD_ROWS = """
    INSERT INTO projects VALUES ('OldProject01', 'Old', '', '2025-01-01T09:30:00+00:00', '2025-03-04T10:20:30.123456+00:00', 2);
    INSERT INTO answers VALUES ('OldProject01', 'setup_team_size', '4', '2025-03-04T10:20:30+00:00', 1);
    INSERT INTO question_files VALUES ('OldProject01', 'team.yaml', 'text', '2025-01-02');
    INSERT INTO plans VALUES ('OldProject01', '{}', '2025-03-04T12:20:30+02:00', 1);
    INSERT INTO milestones VALUES ('Milestone001', 'OldProject01', 'Kickoff', '2025-02-01T08:00:00.000001+00:00', '{}');
    INSERT INTO history (project_id, at, author, kind, target, detail)
        VALUES ('OldProject01', '2025-03-04T10:20:30.654321+00:00', 'Ana', 'answer', 'setup_team_size', '4');
    INSERT INTO participants VALUES ('Participant1', 'OldProject01', 'Bo', 'Client', '2025-02-01T08:00:01+00:00', NULL);
    INSERT INTO expectation_answers VALUES ('Participant1', 'exp_model_quality', 'rough', '2025-02-01T08:00:02+00:00');
    INSERT INTO access_links VALUES ('Link0001', 'OldProject01', 'facilitator', 'Mine', NULL, 'f00d',
                                     '2025-01-01T09:30:00.5+00:00', 'Ana', '2025-01-05T00:00:00Z', 'Ana');
    INSERT INTO browser_access VALUES ('b00c', 'Link0001', '2025-01-01T09:30:01+00:00');
"""


def _utc(*parts) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def test_0007_turns_the_stored_strings_into_aware_datetimes(at_0006):
    from sqlalchemy import create_engine

    engine = create_engine(at_0006)
    with engine.begin() as conn:
        for statement in OLD_ROWS.split(";"):
            if statement.strip():
                conn.exec_driver_sql(statement)
    engine.dispose()
    store = Store(at_0006)
    try:
        assert current_revision(store.engine) == HEAD
        project = store.get_project("OldProject01")
        assert (project.created_at, project.updated_at) == (_utc(2025, 1, 1, 9, 30), _utc(2025, 3, 4, 10, 20, 30, 123456))
        assert project.updated_at.tzinfo is not None
        assert store.history("OldProject01")[0].at == _utc(2025, 3, 4, 10, 20, 30, 654321)
        assert store.list_milestones("OldProject01")[0].created_at == _utc(2025, 2, 1, 8, 0, 0, 1)
        link = store.links("OldProject01")[0]
        assert (link.created_at, link.revoked_at) == (_utc(2025, 1, 1, 9, 30, 0, 500000), _utc(2025, 1, 5))
        with store.engine.connect() as conn:
            stamps = {t.name: [tuple(r) for r in conn.execute(select(*(c for c in t.columns if c.name in TIMESTAMPS[t.name])))]
                      for t in metadata.sorted_tables}
        assert stamps["question_files"] == [(_utc(2025, 1, 2),)]  # a date without time or zone: midnight UTC
        assert stamps["plans"] == [(_utc(2025, 3, 4, 10, 20, 30),)]  # +02:00 converted to UTC
        assert stamps["answers"] == [(_utc(2025, 3, 4, 10, 20, 30),)]
        assert stamps["participants"] == [(_utc(2025, 2, 1, 8, 0, 1),)]
        assert stamps["expectation_answers"] == [(_utc(2025, 2, 1, 8, 0, 2),)]
        assert stamps["browser_access"] == [(_utc(2025, 1, 1, 9, 30, 1),)]
        assert all(s.tzinfo is not None for rows in stamps.values() for row in rows for s in row if s is not None)
        assert store.snapshot("OldProject01").answers == {"setup_team_size": 4}  # the data came through
        assert store.participants("OldProject01")[0].answers == {"exp_model_quality": "rough"}
        store.save_answer("OldProject01", "setup_team_size", 5)  # and the project is usable after the upgrade
        assert store.get_project("OldProject01").updated_at > project.updated_at
        assert [p.id for p in store.list_projects()] == ["OldProject01"]
    finally:
        store.engine.dispose()


def test_0007_refuses_a_value_that_is_not_a_date_and_changes_nothing(at_0006):
    from sqlalchemy import create_engine

    from planner.store import StoreUnavailable

    engine = create_engine(at_0006)
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO projects VALUES ('OldProject01', 'Old', '', 'last tuesday', "
                             "'2025-01-01T00:00:00+00:00', 1)")
    with pytest.raises(StoreUnavailable, match="projects.created_at holds 'last tuesday', which is not a date and time"):
        Store(at_0006)
    assert current_revision(engine) == "0006"
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT created_at, updated_at FROM projects").all() == [
            ("last tuesday", "2025-01-01T00:00:00+00:00")]
    engine.dispose()


def test_0007_downgrades_to_the_strings_the_old_code_wrote(tmp_path):
    from alembic import command

    from planner.store.db import make_engine

    url = f"sqlite:///{tmp_path / 'down.db'}"
    store = Store(url)
    project = store.create_project("P")
    store.engine.dispose()
    engine = make_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0006")
    with engine.connect() as conn:
        created = conn.exec_driver_sql("SELECT created_at FROM projects").scalar()
    engine.dispose()
    assert created == project.created_at.isoformat(timespec="microseconds")
    assert Store(url).get_project(project.id).created_at == project.created_at  # and up again


@pytest.fixture(params=["sqlite", "postgresql"])
def at_0007(request, tmp_path):
    return _database_at(request, tmp_path, "0007")


def test_0008_adds_room_codes_to_a_database_at_0007_and_keeps_its_links(at_0007):
    from sqlalchemy import create_engine

    engine = create_engine(at_0007)
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO projects VALUES ('OldProject01', 'Old', '', '2025-01-01 09:30:00', "
                             "'2025-01-01 09:30:00', 1)" if engine.dialect.name == "sqlite" else
                             "INSERT INTO projects VALUES ('OldProject01', 'Old', '', '2025-01-01T09:30:00Z', "
                             "'2025-01-01T09:30:00Z', 1)")
    engine.dispose()
    store = Store(at_0007)
    try:
        assert current_revision(store.engine) == HEAD
        made = store.create_room_code("OldProject01", browser="browser-aaaaaaaaaaaaaaaa")
        assert store.resolve_room_code(made.code).project_id == "OldProject01"
        assert store.room_code("OldProject01", "browser-aaaaaaaaaaaaaaaa").code == made.code
        assert store.get_project("OldProject01").created_at == _utc(2025, 1, 1, 9, 30)
    finally:
        store.engine.dispose()


def test_0008_downgrades_to_0007(tmp_path):
    from alembic import command
    from sqlalchemy import inspect

    from planner.store.db import make_engine

    url = f"sqlite:///{tmp_path / 'down8.db'}"
    store = Store(url)
    project = store.create_project("P")
    store.create_room_code(project.id, browser="browser-aaaaaaaaaaaaaaaa")
    store.engine.dispose()
    engine = make_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0007")
    assert not {"room_codes", "room_code_failures"} & set(inspect(engine).get_table_names())
    engine.dispose()
    assert Store(url).get_project(project.id).name == "P"  # and up again


@pytest.fixture(params=["sqlite", "postgresql"])
def at_0008(request, tmp_path):
    return _database_at(request, tmp_path, "0008")


def test_0009_adds_workshop_rooms_to_a_database_at_0008_and_keeps_its_participants(at_0008):
    from sqlalchemy import create_engine

    engine = create_engine(at_0008)
    stamp = "'2025-01-01 09:30:00'" if engine.dialect.name == "sqlite" else "'2025-01-01T09:30:00Z'"
    with engine.begin() as conn:
        conn.exec_driver_sql(f"INSERT INTO projects VALUES ('OldProject01', 'Old', '', {stamp}, {stamp}, 1)")
        conn.exec_driver_sql(f"INSERT INTO participants VALUES ('Participant1', 'OldProject01', 'Bo', 'Client', {stamp}, NULL)")
    engine.dispose()
    store = Store(at_0008)
    try:
        assert current_revision(store.engine) == HEAD
        assert store.workshop_room("OldProject01").revealed == ()  # nothing revealed yet: participants answer blind
        assert store.reveal_questions("OldProject01", ["exp_model_quality"], author="Fran").revealed == ("exp_model_quality",)
        assert [p.name for p in store.participants("OldProject01")] == ["Bo"]
    finally:
        store.engine.dispose()


def test_0009_downgrades_to_0008(tmp_path):
    from alembic import command
    from sqlalchemy import inspect

    from planner.store.db import make_engine

    url = f"sqlite:///{tmp_path / 'down9.db'}"
    store = Store(url)
    project = store.create_project("P")
    store.reveal_questions(project.id, ["exp_model_quality"])
    store.engine.dispose()
    engine = make_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0008")
    assert "workshop_rooms" not in set(inspect(engine).get_table_names())
    engine.dispose()
    assert Store(url).workshop_room(project.id).revealed == ()  # and up again


@pytest.fixture(params=["sqlite", "postgresql"])
def at_0009(request, tmp_path):
    return _database_at(request, tmp_path, "0009")


def test_0010_adds_the_parking_lot_to_a_database_at_0009_and_keeps_its_room(at_0009):
    from sqlalchemy import create_engine

    engine = create_engine(at_0009)
    stamp = "'2025-01-01 09:30:00'" if engine.dialect.name == "sqlite" else "'2025-01-01T09:30:00Z'"
    with engine.begin() as conn:
        conn.exec_driver_sql(f"INSERT INTO projects VALUES ('OldProject01', 'Old', '', {stamp}, {stamp}, 1)")
        conn.exec_driver_sql(f"INSERT INTO participants VALUES ('Participant1', 'OldProject01', 'Bo', 'Client', {stamp}, NULL)")
        conn.exec_driver_sql(f"INSERT INTO workshop_rooms VALUES ('OldProject01', '[\"exp_model_quality\"]', 0, 0, NULL, 3, {stamp})")
    engine.dispose()
    store = Store(at_0009)
    try:
        assert current_revision(store.engine) == HEAD
        assert store.parked_questions("OldProject01") == []
        store.park_question("OldProject01", "Participant1", "Who signs off?")
        room = store.workshop_room("OldProject01")
        assert room.revealed == ("exp_model_quality",) and room.version == 4
    finally:
        store.engine.dispose()


def test_0010_downgrades_to_0009(tmp_path):
    from alembic import command
    from sqlalchemy import inspect

    from planner.store.db import make_engine

    url = f"sqlite:///{tmp_path / 'down10.db'}"
    store = Store(url)
    project = store.create_project("P")
    ana, _ = store.join_workshop(project.id, "Ana", "Client")
    store.park_question(project.id, ana.id, "Who signs off?")
    store.engine.dispose()
    engine = make_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0009")
    assert "parked_questions" not in set(inspect(engine).get_table_names())
    engine.dispose()
    assert Store(url).parked_questions(project.id) == []  # and up again


def _fresh_python(code: str) -> str:
    import os
    import subprocess
    import sys
    from pathlib import Path

    src = str(Path(__file__).resolve().parents[1] / "src")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": src})
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_database_at_head_opens_without_loading_alembic(tmp_path):
    """Issue 16: the first page after a server start paid ~0.2 s importing Alembic only to learn there was nothing to do."""
    path = tmp_path / "at_head.db"
    Store(str(path)).engine.dispose()
    loaded = _fresh_python(f"import sys; from planner.store import Store; Store({str(path)!r}); print('alembic' in sys.modules)")
    assert loaded == "False"


def test_a_database_behind_head_still_runs_its_migrations_at_start(tmp_path):
    path = tmp_path / "behind.db"
    engine = Store(str(path)).engine
    from alembic import command

    from planner.store.migrate import at_head

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:  # back to the revision before HEAD, as a database of the previous release is
        config.attributes["connection"] = conn
        command.downgrade(config, "0010")
    assert not at_head(engine) and current_revision(engine) == "0010"
    engine.dispose()
    reopened = Store(str(path))
    assert current_revision(reopened.engine) == HEAD
@pytest.fixture(params=["sqlite", "postgresql"])
def at_0011(request, tmp_path):
    return _database_at(request, tmp_path, "0011")


def test_0012_adds_accounts_to_a_database_at_0011_and_keeps_its_projects(at_0011):
    from sqlalchemy import create_engine

    engine = create_engine(at_0011)
    stamp = "'2025-01-01 09:30:00'" if engine.dialect.name == "sqlite" else "'2025-01-01T09:30:00Z'"
    with engine.begin() as conn:
        conn.exec_driver_sql(f"INSERT INTO projects VALUES ('OldProject01', 'Old', '', {stamp}, {stamp}, 1)")
    engine.dispose()
    store = Store(at_0011)
    try:
        assert current_revision(store.engine) == HEAD
        assert store.project_owner("OldProject01") is None and store.project_shares("OldProject01") == []
        ana = store.sign_in("https://login.example.org", "sub-ana", email="ana@example.org", name="Ana")
        assert store.account_grant(ana, "OldProject01") is None  # an old project is not anyone's account's
        store.share_project("OldProject01", "ana@example.org")
        assert store.account_grant(ana, "OldProject01").facilitator
        assert [p.id for p in store.list_projects()] == ["OldProject01"]
    finally:
        store.engine.dispose()


def test_0012_downgrades_to_0011(tmp_path):
    from alembic import command
    from sqlalchemy import inspect

    from planner.store.db import make_engine

    url = f"sqlite:///{tmp_path / 'down12.db'}"
    store = Store(url)
    ana = store.sign_in("https://login.example.org", "sub-ana", email="ana@example.org")
    project = store.create_project("P", owner=ana.id)
    store.share_project(project.id, "bo@example.org")
    store.engine.dispose()
    engine = make_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0011")
    assert {"accounts", "project_owners", "project_shares"}.isdisjoint(inspect(engine).get_table_names())
    engine.dispose()
    again = Store(url)  # and up again
    assert again.get_project(project.id).name == "P" and again.project_owner(project.id) is None
