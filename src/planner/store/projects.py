"""Projects: their rows, one consistent snapshot, renames; deleting one lets the foreign keys cascade."""

from __future__ import annotations

import json
import secrets

from sqlalchemy import delete, insert, select, update

from .records import Project, ProjectConflictError, ProjectSnapshot, StoreError, clean_description, clean_name
from .tables import answers, now, plans, projects, question_files


def new_project_id() -> str:
    """A random id that never starts with "-": `python -m planner link <id>` read such an id as an option (1 in 64)."""
    while True:
        token = secrets.token_urlsafe(12)
        if not token.startswith("-"):
            return token


def from_row(row) -> Project:
    return Project(row["id"], row["name"], row["description"], row["created_at"], row["updated_at"], version=row["version"])


def insert_project(change, name: str, description: str) -> Project:
    at = now()
    project = Project(new_project_id(), name, description, at, at)
    change.execute(insert(projects).values(id=project.id, name=name, description=description,
                                           created_at=at, updated_at=at, version=1))
    return project


def require(conn, project_id: str) -> None:
    if conn.execute(select(projects.c.id).where(projects.c.id == project_id)).first() is None:
        raise StoreError("This project no longer exists; nothing was saved.")


def touch(change, project_id: str) -> int:
    """Mark the project as changed now; the number of rows touched (0: the project is gone)."""
    return change.execute(update(projects).where(projects.c.id == project_id).values(updated_at=now())).rowcount


def lock(change, project_id: str) -> None:
    """Lock the project row so concurrent writers (other replicas too) go one after another."""
    change.execute(select(projects.c.id).where(projects.c.id == project_id).with_for_update()).first()


def get(conn, project_id: str) -> Project | None:
    row = conn.execute(select(projects).where(projects.c.id == project_id)).mappings().first()
    return from_row(row) if row else None


def listed(conn, ids: list[str] | None = None) -> list[Project]:
    """All projects (or those with `ids`), most recently changed first."""
    query = select(projects).order_by(projects.c.updated_at.desc(), projects.c.name)
    if ids is not None:
        query = query.where(projects.c.id.in_(ids))
    return [from_row(r) for r in conn.execute(query).mappings().all()]


def snapshot(conn, project_id: str) -> ProjectSnapshot | None:
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
        project=from_row(row),
        question_files=tuple((f.name, f.content) for f in files),
        versions={qid: (None if value is None else json.loads(value), version) for qid, value, version in rows},
        plan=json.loads(plan.document) if plan else None,
        plan_version=plan.version if plan else 0,
    )


def update_project(change, project_id: str, name: str, description: str, expected_version: int | None,
                   author: str) -> int:
    name, description = clean_name(name), clean_description(description)
    row = change.execute(select(projects).where(projects.c.id == project_id)).mappings().first()
    if row is None:
        raise StoreError("This project no longer exists; the change could not be saved.")
    current = from_row(row)
    if expected_version is not None and expected_version != current.version:
        raise ProjectConflictError(current)
    if (name, description) == (current.name, current.description):
        return current.version
    change.execute(update(projects).where(projects.c.id == project_id)
                   .values(name=name, description=description, updated_at=now(), version=current.version + 1))
    if name != current.name:
        change.record(project_id, author, "project", "renamed", f"{current.name} → {name}")
    if description != current.description:
        change.record(project_id, author, "project", "description changed", description or "(none)")
    return current.version + 1


def delete_project(change, project_id: str) -> None:
    """The project and everything that belongs to it: every table's foreign key cascades from projects."""
    change.execute(delete(projects).where(projects.c.id == project_id))
