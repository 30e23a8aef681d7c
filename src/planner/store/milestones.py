"""Milestones: named copies of a project's answers (e.g. "Kickoff"), oldest first."""

from __future__ import annotations

import json
import secrets

from sqlalchemy import delete, insert, select

from ..domain import Milestone, MilestoneEntry
from . import answers as answer_rows
from . import projects as project_rows
from .records import StoreError, clean_milestone_name
from .tables import milestones, now

MILESTONE_LIMIT = 50


def save(change, project_id: str, name: str, author: str) -> Milestone:
    name = clean_milestone_name(name)
    project_rows.require(change, project_id)
    count = change.execute(select(milestones.c.id).where(milestones.c.project_id == project_id)).all()
    if len(count) >= MILESTONE_LIMIT:
        raise StoreError(f"A project keeps at most {MILESTONE_LIMIT} milestones; delete an old one first.")
    snapshot = answer_rows.given(change, project_id)
    milestone = Milestone(secrets.token_urlsafe(9), name, now(), snapshot)
    change.execute(insert(milestones).values(id=milestone.id, project_id=project_id, name=name,
                                             created_at=milestone.created_at,
                                             answers=json.dumps(snapshot, ensure_ascii=False, allow_nan=False)))
    change.record(project_id, author, "milestone", name, f"{len(snapshot)} answers")
    return milestone


def listed(conn, project_id: str) -> list[Milestone]:
    rows = conn.execute(select(milestones).where(milestones.c.project_id == project_id)
                        .order_by(milestones.c.created_at, milestones.c.name)).mappings().all()
    return [Milestone(r["id"], r["name"], r["created_at"], json.loads(r["answers"])) for r in rows]


def entries(conn, project_id: str) -> list[MilestoneEntry]:
    rows = conn.execute(select(milestones.c.id, milestones.c.name, milestones.c.created_at)
                        .where(milestones.c.project_id == project_id).order_by(milestones.c.created_at, milestones.c.name)).all()
    return [MilestoneEntry(r.id, r.name, r.created_at) for r in rows]


def answers_of(conn, project_id: str, milestone_ids) -> dict[str, dict]:
    ids = sorted(set(milestone_ids))
    if not ids:
        return {}
    rows = conn.execute(select(milestones.c.id, milestones.c.answers)
                        .where(milestones.c.project_id == project_id, milestones.c.id.in_(ids))).all()
    return {r.id: json.loads(r.answers) for r in rows}


def delete_one(change, project_id: str, milestone_id: str, author: str) -> None:
    row = change.execute(select(milestones.c.name).where(milestones.c.project_id == project_id,
                                                         milestones.c.id == milestone_id)).first()
    if row is None:
        return
    change.execute(delete(milestones).where(milestones.c.project_id == project_id, milestones.c.id == milestone_id))
    change.record(project_id, author, "milestone", row.name, "deleted")
