"""Opening the database and telling what went wrong with it, in words a user can act on."""

from __future__ import annotations

import os
import re
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, IntegrityError, OperationalError, SQLAlchemyError

from .db import database_url, make_engine
from .migrate import SchemaUpgradeError, upgrade
from .records import StoreError, StoreUnavailable, one_line


def open_engine(url: str | None):
    """(url, engine) of the migrated database PLANNER_DB (or `url`) names; StoreUnavailable says what is wrong."""
    setting = url if url is not None else os.environ.get("PLANNER_DB", "")
    try:
        url = database_url(url)
    except OSError as exc:
        raise unavailable(setting, f"its folder cannot be created ({exc.strerror or exc})") from None
    try:
        engine = make_engine(url)
        with guard():
            if engine.dialect.name == "sqlite":
                raw = engine.raw_connection()  # outside any transaction, as the pragma requires
                try:
                    raw.cursor().execute("PRAGMA journal_mode=WAL")  # persistent: stored in the file
                finally:
                    raw.close()
            upgrade(engine)  # versioned migrations (Alembic) up to the schema in tables.py
    except SchemaUpgradeError as exc:
        raise unavailable(url, f"its data cannot be brought to this version of the planner: {exc}; nothing was changed") from None
    except StoreError as exc:
        raise unavailable(url, opening_reason(str(exc))) from None
    except (SQLAlchemyError, ValueError, ImportError) as exc:  # e.g. a malformed URL or an unknown driver
        raise unavailable(setting, f"the setting is not a usable database URL ({type(exc).__name__}: {exc})") from None
    return url, engine


@contextmanager
def guard():
    """Database errors become StoreError with a message that says what to do."""
    try:
        yield
    except OperationalError as exc:
        raise StoreError(operational_message(str(exc.orig) if exc.orig else str(exc))) from None
    except sqlite3.OperationalError as exc:  # raised raw from the connect hook (pragmas)
        raise StoreError(operational_message(str(exc))) from None
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"The database file is damaged or not a database ({exc}). Restore a backup or set PLANNER_DB to a new file.") from None
    except IntegrityError as exc:
        raise StoreError(f"The change conflicts with data already saved ({exc.orig}). Nothing was changed.") from None
    except DatabaseError as exc:
        raise StoreError(f"The database file is damaged or not a database ({exc.orig}). Restore a backup or set PLANNER_DB to a new file.") from None


def sqlite_file(engine) -> Path | None:
    """The database file of a SQLite engine (None for memory and other databases)."""
    if engine.dialect.name != "sqlite":
        return None
    name = engine.url.database or ""
    if name.startswith("file:"):
        name = name[5:].split("?", 1)[0]
    if not name or name == ":memory:" or "mode=memory" in str(engine.url):
        return None
    return Path(name).resolve()


def identity(path: Path | None):
    if path is None:
        return None
    try:
        info = path.stat()
    except OSError:
        return "missing"
    return info.st_dev, info.st_ino


def operational_message(text: str) -> str:
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return ("The database is busy (locked by another process), so this change was not saved; changes saved "
                "before are kept. Wait a moment and try again.")
    if "readonly" in lowered or "read-only" in lowered:
        return "The database file is read-only, so changes cannot be saved. Make it writable or set PLANNER_DB to another file."
    if "unable to open" in lowered:
        return "The database file cannot be opened. Check that the folder exists and is writable, or set PLANNER_DB."
    return f"The database reported a problem: {text}. Nothing was changed."


def shown_location(url: str) -> str:
    """Where PLANNER_DB points, for messages: the file path, or the URL without its password."""
    if url.startswith("sqlite:///"):
        return url[len("sqlite:///"):] or "(in memory)"
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (SQLAlchemyError, ValueError):
        return re.sub(r"(://[^:/@]*):[^@]*@", r"\1:***@", url)


def opening_reason(message: str) -> str:
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


def unavailable(url: str, reason: str) -> StoreUnavailable:
    where = shown_location(url) if "://" in url else (url or "the default data/planner.db")
    password = _password(url)
    reason = reason.replace(url, where)  # a driver's message may quote the whole URL, password and all
    if password and len(password) >= 4:
        reason = reason.replace(password, "***")
    return StoreUnavailable(one_line(f"The planner cannot open its database {where}: {reason}. Change the PLANNER_DB "
                                     "setting to a writable SQLite file path or a reachable database URL, then restart "
                                     "the planner."))
