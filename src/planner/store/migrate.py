"""Versioned schema migrations (Alembic), run when a Store opens its database."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

HEAD = "0012"  # the newest revision in migrations/versions (a test checks they agree)
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BASELINE = "0001"  # the schema databases had before migrations existed (created with create_all)


class SchemaUpgradeError(ValueError):
    """A migration met data it cannot convert; the message names the table, column and value. Nothing was changed."""


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def at_head(engine: Engine) -> bool:
    """Whether the database is at HEAD, read with one query and without loading Alembic (about 0.2 s of the first
    page after a server start, issue 16); any doubt (no version table, another revision) says False."""
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return False
            return [row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))] == [HEAD]
    except SQLAlchemyError:
        return False


def upgrade(engine: Engine) -> None:
    """Bring the database to HEAD; a database from before migrations is stamped at the baseline first."""
    if at_head(engine) or current_revision(engine) == HEAD:
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:  # SQLite rebuilds a table to change a column; with foreign keys on, dropping it would cascade
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")  # outside a transaction, as required
        try:
            with conn.begin():
                config.attributes["connection"] = conn
                tables = set(inspect(conn).get_table_names())
                if "alembic_version" not in tables and "projects" in tables:  # made by create_all before migrations
                    known = [("0005", "access_links"), ("0004", "participants"), ("0003", "history"), ("0002", "milestones")]
                    command.stamp(config, next((rev for rev, table in known if table in tables), BASELINE))
                command.upgrade(config, "head")
        finally:
            if sqlite:
                conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")
