"""The workshop room: which expectation questions the facilitator revealed, the shared timer, and the version the
live views poll (one small query that changes whenever anything they show changes)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, insert, select, update

from . import projects as project_rows
from .records import StoreError
from .tables import expectation_answers, now, participants, plans, workshop_rooms

TIMER_MINUTES_LIMIT = 600


@dataclass(frozen=True)
class Timer:
    seconds: int  # its length (0: no timer set)
    used: int  # seconds run before the current start
    started_at: datetime | None  # running since (None: paused or not started)

    def left(self, at: datetime) -> float:
        """Seconds left at `at` (negative: over time)."""
        running = (at - self.started_at).total_seconds() if self.started_at else 0.0
        return self.seconds - self.used - running


@dataclass(frozen=True)
class WorkshopRoom:
    revealed: tuple[str, ...]  # question ids, in the order they were revealed
    timer: Timer
    version: int


EMPTY = WorkshopRoom((), Timer(0, 0, None), 0)


def read(conn, project_id: str) -> WorkshopRoom:
    row = conn.execute(select(workshop_rooms).where(workshop_rooms.c.project_id == project_id)).mappings().first()
    if row is None:
        return EMPTY
    return WorkshopRoom(tuple(json.loads(row["revealed"])), Timer(row["timer_seconds"], row["timer_used"], row["timer_started_at"]),
                        row["version"])


def version(conn, project_id: str, answers_to: tuple[str, ...] | None = None) -> tuple:
    """Changes with every join, removal, expectation answer, reveal, timer change, parked question and plan save of the project.

    With `answers_to` (what a participant's page shows: they answer blind), joins and answers to other questions
    leave it as it is: it changes with answers to these questions (incl. those a removal takes away), reveals, timer
    changes and plan saves."""
    people = participants.c.project_id == project_id
    answered = expectation_answers.join(participants)
    shown = people if answers_to is None else and_(people, expectation_answers.c.question_id.in_(list(answers_to)))
    joins = () if answers_to is not None else (
        select(func.count()).select_from(participants).where(people).scalar_subquery(),
        select(func.max(participants.c.joined_at)).where(people).scalar_subquery(),
    )
    row = conn.execute(select(
        *joins,
        select(func.count()).select_from(answered).where(shown).scalar_subquery(),
        select(func.max(expectation_answers.c.updated_at)).select_from(answered).where(shown).scalar_subquery(),
        select(workshop_rooms.c.version).where(workshop_rooms.c.project_id == project_id).scalar_subquery(),
        select(plans.c.version).where(plans.c.project_id == project_id).scalar_subquery(),
    )).one()
    return tuple(row)


def _write(change, project_id: str, **values) -> WorkshopRoom:
    """Update the room's row (made on first use), counting the change; the project row is locked so that two
    facilitators' clicks go one after another."""
    project_rows.require(change, project_id)
    project_rows.lock(change, project_id)
    current = read(change, project_id)
    stamp = {"version": current.version + 1, "updated_at": now()}
    if current is EMPTY:
        fresh = {"revealed": "[]", "timer_seconds": 0, "timer_used": 0, "timer_started_at": None}
        change.execute(insert(workshop_rooms).values(project_id=project_id, **{**fresh, **stamp, **values}))
    else:
        change.execute(update(workshop_rooms).where(workshop_rooms.c.project_id == project_id).values(**stamp, **values))
    return read(change, project_id)


def bump(change, project_id: str) -> WorkshopRoom:
    """Count a change the room shows that is kept elsewhere (e.g. the parking lot), so the live views redraw."""
    return _write(change, project_id)


def reveal(change, project_id: str, question_ids: list[str], author: str) -> WorkshopRoom:
    """Participants see everyone's answers to these questions from now on; one history entry per newly revealed one."""
    current = read(change, project_id).revealed
    new = [q for q in dict.fromkeys(question_ids) if q not in current]
    if not new:
        return read(change, project_id)
    room = _write(change, project_id, revealed=json.dumps([*current, *new]))
    for question_id in new:
        change.record(project_id, author, "workshop", question_id, "revealed to the participants")
    return room


def start_timer(change, project_id: str, minutes, author: str) -> WorkshopRoom:
    """Start (or restart from the full length) the shared timer; `minutes` 1..TIMER_MINUTES_LIMIT."""
    if isinstance(minutes, bool) or not isinstance(minutes, int | float) or not 1 <= minutes <= TIMER_MINUTES_LIMIT:
        raise ValueError(f"the timer takes 1 to {TIMER_MINUTES_LIMIT} minutes, not {str(minutes)[:20]!r}")
    room = _write(change, project_id, timer_seconds=round(minutes * 60), timer_used=0, timer_started_at=now())
    change.record(project_id, author, "workshop", "timer", f"started for {minutes:g} min")
    return room


def pause_timer(change, project_id: str, author: str) -> WorkshopRoom:
    timer = read(change, project_id).timer
    if timer.started_at is None:
        return read(change, project_id)
    at = now()
    used = timer.used + round((at - timer.started_at).total_seconds())
    room = _write(change, project_id, timer_used=used, timer_started_at=None)
    change.record(project_id, author, "workshop", "timer", f"paused with {max(timer.seconds - used, 0) // 60} min left")
    return room


def resume_timer(change, project_id: str, author: str) -> WorkshopRoom:
    timer = read(change, project_id).timer
    if timer.started_at is not None or not timer.seconds:
        return read(change, project_id)
    room = _write(change, project_id, timer_started_at=now())
    change.record(project_id, author, "workshop", "timer", "resumed")
    return room


def check_questions(question_ids, known: set[str]) -> list[str]:
    """The ids as a list; StoreError naming the first one that is not a workshop question (a crafted request)."""
    ids = list(question_ids)
    unknown = next((q for q in ids if q not in known), None)
    if unknown is not None:
        raise StoreError(f"{str(unknown)[:80]!r} is not one of the workshop questions; nothing was revealed.")
    return ids
