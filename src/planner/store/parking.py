"""The workshop's parking lot as participants fill it: questions nobody can answer in the room yet.

Participants cannot edit the plan, so what they add waits here, per workshop, until the facilitator moves it into the
plan's parking lot (Plan → Workshop) or dismisses it. Every change moves the room's version on, so everyone's live view
shows it within a few seconds.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, insert, select, update

from ..text import control_problem, line_break_problem
from . import workshop_room as room_rows
from .records import InvalidTextError, StoreError, clean_author, one_line
from .tables import now, parked_questions, participants

QUESTION_LIMIT = 500  # what a row of the plan's parking lot holds (plan.model.ParkingItem)
WHO_LIMIT = 200
PER_PARTICIPANT_PER_MINUTE = 5  # a participant (or a script with their link) cannot flood the room's screen
OPEN_LIMIT = 60  # waiting questions per workshop (the plan's parking lot holds 60 rows)
STATUSES = ("open", "moved", "dismissed")


@dataclass(frozen=True)
class ParkedQuestion:
    id: str
    question: str
    who: str  # who could answer it ("" = not said)
    asked_by: str
    role: str
    participant_id: str | None
    status: str  # open, moved (into the plan's parking lot) or dismissed
    created_at: datetime


def clean_question(question, who) -> tuple[str, str]:
    """The question (trimmed, a few lines) and who could answer it (one line); ValueError naming what is wrong."""
    text, whom = str(question or ""), str(who or "")
    for field, value in (("the question", text), ("“who could answer”", whom)):
        problem = control_problem(value)
        if problem:
            raise InvalidTextError(f"{field} {problem}. Nothing was saved.")
    text = text.strip()
    if not text:
        raise ValueError("write the question first")
    if len(text) > QUESTION_LIMIT:
        raise ValueError(f"the question is {len(text):,} characters long; at most {QUESTION_LIMIT} are allowed")
    problem = line_break_problem(text, QUESTION_LIMIT)
    if problem:
        raise ValueError(f"the question {problem}")
    whom = one_line(whom)
    if len(whom) > WHO_LIMIT:
        raise ValueError(f"“who could answer” is {len(whom):,} characters long; at most {WHO_LIMIT} are allowed")
    return text, whom


def _row(row) -> ParkedQuestion:
    return ParkedQuestion(row["id"], row["question"], row["who"], row["asked_by"], row["role"], row["participant_id"],
                          row["status"], row["created_at"])


def add(change, project_id: str, participant_id: str, question, who) -> ParkedQuestion:
    text, whom = clean_question(question, who)
    person = change.execute(select(participants.c.project_id, participants.c.name, participants.c.role)
                            .where(participants.c.id == participant_id)).first()
    if person is None or person.project_id != project_id:
        raise StoreError("This participant link is not valid for this project; join again.")
    room_rows.bump(change, project_id)  # locks the project: two additions at once are counted one after another
    mine = parked_questions.c.project_id == project_id
    at = now()
    recent = change.execute(select(func.count()).select_from(parked_questions).where(
        mine, parked_questions.c.participant_id == participant_id, parked_questions.c.created_at > at - timedelta(minutes=1))).scalar()
    if recent >= PER_PARTICIPANT_PER_MINUTE:
        raise StoreError(f"You added {recent} questions in the last minute; wait a moment before adding the next one.")
    waiting = change.execute(select(func.count()).select_from(parked_questions).where(mine, parked_questions.c.status == "open")).scalar()
    if waiting >= OPEN_LIMIT:
        raise StoreError(f"The parking lot already holds {OPEN_LIMIT} questions waiting for the facilitator; "
                         "add yours once some were moved into the plan or dismissed.")
    values = dict(id=secrets.token_urlsafe(12), project_id=project_id, participant_id=participant_id, asked_by=person.name,
                  role=person.role, question=text, who=whom, status="open", created_at=at, decided_at=None, decided_by="")
    change.execute(insert(parked_questions).values(**values))
    change.record(project_id, person.name, "workshop", "parking lot", f"added: {text}")
    return _row(values)


def listed(conn, project_id: str) -> list[ParkedQuestion]:
    rows = conn.execute(select(parked_questions).where(parked_questions.c.project_id == project_id)
                        .order_by(parked_questions.c.created_at, parked_questions.c.id)).mappings().all()
    return [_row(r) for r in rows]


def decide(change, project_id: str, question_id: str, status: str, author: str) -> ParkedQuestion:
    """Mark an open question moved (into the plan's parking lot) or dismissed; one already decided stays as it is."""
    if status not in ("moved", "dismissed"):
        raise ValueError(f"a parked question can be moved or dismissed, not {str(status)[:20]!r}")
    row = change.execute(select(parked_questions).where(parked_questions.c.id == question_id,
                                                        parked_questions.c.project_id == project_id)).mappings().first()
    if row is None:
        raise StoreError("That question is no longer in the workshop's parking lot.")
    if row["status"] != "open":
        return _row(row)
    room_rows.bump(change, project_id)
    change.execute(update(parked_questions).where(parked_questions.c.id == question_id)
                   .values(status=status, decided_at=now(), decided_by=clean_author(author)))
    verb = "moved into the plan's parking lot" if status == "moved" else "dismissed"
    change.record(project_id, author, "workshop", "parking lot", f"{verb}: {row['question']}")
    return _row({**row, "status": status})
