"""Schema migrations: one head, the migrated schema equals the code's tables, old databases are upgraded."""

import sqlite3

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from planner.store import Store
from planner.store.migrate import HEAD, MIGRATIONS, current_revision
from planner.store.store import metadata


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
