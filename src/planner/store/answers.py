"""Answers: one value per question with a version that counts every change (cleared answers keep counting)."""

from __future__ import annotations

import json

from sqlalchemy import delete, insert, select, update

from . import projects as project_rows
from .records import ConflictError, StoreError, refuse_controls_in
from .tables import answers, now


def encode(value) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def versions(conn, project_id: str) -> dict[str, tuple[object, int]]:
    rows = conn.execute(select(answers.c.question_id, answers.c.value, answers.c.version)
                        .where(answers.c.project_id == project_id)).all()
    return {qid: (None if value is None else json.loads(value), version) for qid, value, version in rows}


def given(conn, project_id: str) -> dict:
    """The answers that hold a value (cleared ones left out)."""
    rows = conn.execute(select(answers.c.question_id, answers.c.value)
                        .where(answers.c.project_id == project_id, answers.c.value.is_not(None))).all()
    return {qid: json.loads(value) for qid, value in rows}


def save(change, project_id: str, question_id: str, value, expected_version: int | None, author: str) -> int:
    refuse_controls_in(value, f"the answer to {question_id!r}")
    encoded = None if value is None else encode(value)
    if project_rows.touch(change, project_id) == 0:
        raise StoreError("This project no longer exists; the answer could not be saved.")
    row = change.execute(select(answers.c.value, answers.c.version)
                         .where(answers.c.project_id == project_id, answers.c.question_id == question_id)).first()
    current_version = row.version if row else 0
    if expected_version is not None and expected_version != current_version:
        current = json.loads(row.value) if row and row.value is not None else None
        raise ConflictError(question_id, current, current_version)
    if row is None:
        change.execute(insert(answers).values(project_id=project_id, question_id=question_id, value=encoded,
                                              updated_at=now(), version=1))
    else:
        change.execute(update(answers).where(answers.c.project_id == project_id, answers.c.question_id == question_id)
                       .values(value=encoded, updated_at=now(), version=current_version + 1))
    change.record(project_id, author, "answer", question_id, "cleared" if encoded is None else encoded)
    return current_version + 1


def insert_all(change, project_id: str, new_answers: dict) -> None:
    at = now()
    rows = [dict(project_id=project_id, question_id=qid, updated_at=at, version=1, value=encode(v))
            for qid, v in new_answers.items()]
    if rows:
        change.execute(insert(answers), rows)


def delete_all(change, project_id: str) -> None:
    change.execute(delete(answers).where(answers.c.project_id == project_id))


def clear(change, project_id: str, question_id: str) -> bool:
    """Clear one answer (its version counts on); False when it held no value."""
    cleared = change.execute(update(answers)
                             .where(answers.c.project_id == project_id, answers.c.question_id == question_id,
                                    answers.c.value.is_not(None))
                             .values(value=None, updated_at=now(), version=answers.c.version + 1))
    return bool(cleared.rowcount)
