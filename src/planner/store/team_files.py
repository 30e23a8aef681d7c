"""Team question files: YAML text a team added to its project, kept in the order they were added."""

from __future__ import annotations

from sqlalchemy import delete, insert, select

from .tables import now, question_files


def listed(conn, project_id: str) -> list[tuple[str, str]]:
    rows = conn.execute(select(question_files.c.name, question_files.c.content)
                        .where(question_files.c.project_id == project_id)
                        .order_by(question_files.c.added_at, question_files.c.name)).all()
    return [(r.name, r.content) for r in rows]


def remove(change, project_id: str, name: str) -> bool:
    """Remove the file; False when there was none of that name."""
    return bool(change.execute(delete(question_files).where(question_files.c.project_id == project_id,
                                                            question_files.c.name == name)).rowcount)


def put(change, project_id: str, name: str, text: str) -> bool:
    """Add or replace the file; True when it replaced one."""
    replaced = remove(change, project_id, name)
    change.execute(insert(question_files).values(project_id=project_id, name=name, content=text, added_at=now()))
    return replaced


def add(change, project_id: str, name: str, text: str) -> None:
    """Add a file to a new project (a second file of the same name is refused by the database)."""
    change.execute(insert(question_files).values(project_id=project_id, name=name, content=text, added_at=now()))
