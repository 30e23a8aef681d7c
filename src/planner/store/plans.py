"""The plan: one JSON document per project with a version, and what changed from the last one."""

from __future__ import annotations

import json

from sqlalchemy import delete, insert, select, update

from . import projects as project_rows
from .plan_changes import describe_plan_change
from .records import PlanConflictError, StoreError, refuse_controls_in
from .tables import now, plans


def load(conn, project_id: str) -> tuple[dict | None, int]:
    row = conn.execute(select(plans.c.document, plans.c.version).where(plans.c.project_id == project_id)).first()
    return (json.loads(row.document), row.version) if row else (None, 0)


def save(change, project_id: str, document: dict, expected_version: int | None, author: str, what: str) -> int:
    refuse_controls_in(document, "the plan")
    encoded = json.dumps(document, ensure_ascii=False, allow_nan=False)
    if project_rows.touch(change, project_id) == 0:
        raise StoreError("This project no longer exists; the plan could not be saved.")
    row = change.execute(select(plans.c.version, plans.c.document).where(plans.c.project_id == project_id)).first()
    current = row.version if row else 0
    if expected_version is not None and expected_version != current:
        raise PlanConflictError(current)
    summary = describe_plan_change(_plan_or_none(row.document) if row else None, document)
    if row is None:
        change.execute(insert(plans).values(project_id=project_id, document=encoded, updated_at=now(), version=1))
    else:
        change.execute(update(plans).where(plans.c.project_id == project_id)
                       .values(document=encoded, updated_at=now(), version=current + 1))
    change.record(project_id, author, "plan", what or "plan", f"version {current + 1}: {summary}")
    return current + 1


def replace(change, project_id: str, document: dict | None) -> None:
    """The imported plan (or none), starting again at version 1."""
    change.execute(delete(plans).where(plans.c.project_id == project_id))
    if document is not None:
        change.execute(insert(plans).values(project_id=project_id, updated_at=now(), version=1,
                                            document=json.dumps(document, ensure_ascii=False, allow_nan=False)))


def _plan_or_none(encoded: str) -> dict | None:
    try:
        return json.loads(encoded)
    except ValueError:
        return None
