"""Timestamps become timezone-aware date-times (they were ISO strings in VARCHAR(40) columns).

Revision ID: 0007
Revises: 0006

Every stored string is read as ISO 8601 (a value without a zone, such as '2025-01-01', was written
in UTC); PostgreSQL gets TIMESTAMP WITH TIME ZONE, SQLite (no zone type) the UTC wall time in
SQLAlchemy's DATETIME text form. A value that is not a date stops the upgrade and names where it is.
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from planner.store.migrate import SchemaUpgradeError

revision = "0007"
down_revision = "0006"

COLUMNS = {  # table → its timestamp columns and whether each may be NULL
    "projects": {"created_at": False, "updated_at": False},
    "answers": {"updated_at": False},
    "question_files": {"added_at": False},
    "plans": {"updated_at": False},
    "milestones": {"created_at": False},
    "history": {"at": False},
    "participants": {"joined_at": False},
    "expectation_answers": {"updated_at": False},
    "access_links": {"created_at": False, "revoked_at": True},
    "browser_access": {"added_at": False},
}
AWARE = sa.DateTime(timezone=True)
TEXT = sa.String(40)


def _parse(table: str, column: str, value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(str(value).strip())
    except ValueError:
        raise SchemaUpgradeError(f"{table}.{column} holds {str(value)[:60]!r}, which is not a date and time") from None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _rewrite(table: str, column: str, convert) -> None:
    """Replace every distinct value of the column by convert(value)."""
    bind = op.get_bind()
    values = [v for (v,) in bind.execute(sa.text(f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL"))]
    for old in values:
        new = convert(old)
        if new != old:
            bind.execute(sa.text(f"UPDATE {table} SET {column} = :new WHERE {column} = :old"), dict(new=new, old=old))


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, columns in COLUMNS.items():
        for column in columns:
            if sqlite:  # naive UTC, as SQLAlchemy's SQLite DATETIME stores and reads it
                _rewrite(table, column, lambda v, t=table, c=column: _parse(t, c, v).strftime("%Y-%m-%d %H:%M:%S.%f"))
            else:
                _rewrite(table, column, lambda v, t=table, c=column: _parse(t, c, v).isoformat(timespec="microseconds"))
        _retype(table, columns, AWARE, sqlite, "{column}::timestamptz")


def _retype(table: str, columns: dict, type_, sqlite: bool, using: str) -> None:
    if sqlite:
        # Rebuild the table with the columns read as the new type: the text is copied as it is (a changed
        # type would make Alembic CAST it, and SQLite's CAST to DATETIME keeps only the year).
        with op.batch_alter_table(table, recreate="always",
                                  reflect_args=[sa.Column(c, type_, nullable=n) for c, n in columns.items()]):
            pass
        return
    for column, nullable in columns.items():
        op.alter_column(table, column, type_=type_, existing_nullable=nullable, postgresql_using=using.format(column=column))


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, columns in COLUMNS.items():
        _retype(table, columns, TEXT, sqlite, "to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US') || '+00:00'")
        if sqlite:  # back to the ISO strings the code before 0007 wrote and compared
            for column in columns:
                _rewrite(table, column, lambda v, t=table, c=column: _parse(t, c, v).isoformat(timespec="microseconds"))
