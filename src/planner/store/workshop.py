"""Workshop participants: who joined with which role, and their answers to the expectation questions."""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import delete, insert, select

from ..domain import WORKSHOP_ROLES, Participant
from . import links as link_rows
from . import projects as project_rows
from .access import PARTICIPANT
from .records import StoreError, clean_author
from .tables import expectation_answers, now, participants

PARTICIPANT_LIMIT = 100
JOINS_PER_LINK_PER_MINUTE = 40  # a room of 30 joins in its first minute; a leaked join link cannot fill a workshop at once (checked in the database)


def join(change, project_id: str, name: str, role: str, browser: str | None, via: str | None) -> tuple[Participant, str]:
    name = clean_author(name)
    if not name:
        raise ValueError("give your name so the facilitator can see who answered")
    if role not in WORKSHOP_ROLES:
        raise ValueError(f"choose one of the roles: {', '.join(WORKSHOP_ROLES)}")
    project_rows.require(change, project_id)
    project_rows.lock(change, project_id)  # joins at the same moment (other replicas too) are counted one after another
    count = len(change.execute(select(participants.c.id).where(participants.c.project_id == project_id)).all())
    if count >= PARTICIPANT_LIMIT:
        raise StoreError(f"A workshop takes at most {PARTICIPANT_LIMIT} participants.")
    at = now()
    if via is not None:
        recent = change.execute(select(participants.c.id).where(participants.c.project_id == project_id,
                                                                participants.c.joined_via == via,
                                                                participants.c.joined_at > at - timedelta(minutes=1))).all()
        if len(recent) >= JOINS_PER_LINK_PER_MINUTE:
            raise StoreError("Too many people joined through this link in the last minute; wait a moment and try again.")
    participant = Participant(secrets.token_urlsafe(12), name, role, {})
    change.execute(insert(participants).values(id=participant.id, project_id=project_id, name=name, role=role,
                                               joined_at=at, joined_via=via))
    link, token = link_rows.insert_link(change, project_id, PARTICIPANT, name, name, participant_id=participant.id)
    if browser is not None:
        link_rows.bind(change, browser, link.id)
    change.record(project_id, name, "workshop", "joined", role)
    return participant, token


def listed(conn, project_id: str) -> list[Participant]:
    people = conn.execute(select(participants).where(participants.c.project_id == project_id)
                          .order_by(participants.c.joined_at, participants.c.id)).mappings().all()
    rows = conn.execute(select(expectation_answers).join(participants)
                        .where(participants.c.project_id == project_id)).mappings().all()
    given: dict[str, dict] = {}
    for row in rows:
        given.setdefault(row["participant_id"], {})[row["question_id"]] = row["value"]
    return [Participant(p["id"], p["name"], p["role"], given.get(p["id"], {})) for p in people]


def save_expectation(change, project_id: str, participant_id: str, question_id: str, value: str) -> None:
    owner = change.execute(select(participants.c.project_id, participants.c.name)
                           .where(participants.c.id == participant_id)).first()
    if owner is None or owner.project_id != project_id:
        raise StoreError("This participant link is not valid for this project; join again.")
    change.execute(delete(expectation_answers).where(expectation_answers.c.participant_id == participant_id,
                                                     expectation_answers.c.question_id == question_id))
    change.execute(insert(expectation_answers).values(participant_id=participant_id, question_id=question_id,
                                                      value=value, updated_at=now()))
    change.record(project_id, owner.name, "workshop", question_id, value)


def remove(change, project_id: str, participant_id: str, author: str) -> None:
    """Their personal link stops working; their expectation answers go with them (the foreign key cascades)."""
    row = change.execute(select(participants.c.name).where(participants.c.id == participant_id,
                                                           participants.c.project_id == project_id)).first()
    if row is None:
        return
    link_rows.revoke_personal(change, project_id, participant_id, author)
    change.execute(delete(participants).where(participants.c.id == participant_id))
    change.record(project_id, author, "access", "participant removed", row.name)
