"""The Store's workshop-room methods (reveals, the shared timer, the parking lot, the version the live views poll),
kept apart from the facade so it stays small; Store inherits them and supplies `_read` and `_write`."""

from __future__ import annotations

from . import parking as parking_rows
from . import workshop_room as room_rows
from .parking import ParkedQuestion
from .workshop_room import WorkshopRoom


class WorkshopRoomStore:
    def workshop_version(self, project_id: str, *, participant: bool = False) -> tuple:
        """A value that changes whenever the workshop view would (joins, answers, reveals, timer, parked questions, plan):
        one small query; `participant`: whenever a participant's would (they answer blind: not with joins or answers not
        revealed yet)."""
        with self._read() as conn:  # a reveal just after reading the revealed questions moves the room's version on too
            return room_rows.version(conn, project_id, room_rows.read(conn, project_id).revealed if participant else None)

    def workshop_room(self, project_id: str) -> WorkshopRoom:
        """The questions revealed to the participants and the shared timer."""
        with self._read() as conn:
            return room_rows.read(conn, project_id)

    def reveal_questions(self, project_id: str, question_ids, *, author: str = "") -> WorkshopRoom:
        """Let the participants see everyone's answers to these expectation questions (StoreError for an unknown id)."""
        from ..content import load_content

        ids = room_rows.check_questions(question_ids, {q.id for q in load_content().kb.expectations})
        with self._write() as change:
            return room_rows.reveal(change, project_id, ids, author)

    def set_timer(self, project_id: str, action: str, minutes: float = 0, *, author: str = "") -> WorkshopRoom:
        """The shared timer: "start" (for `minutes`, from the full length), "pause" or "resume"."""
        actions = {"start": lambda c: room_rows.start_timer(c, project_id, minutes, author),
                   "pause": lambda c: room_rows.pause_timer(c, project_id, author),
                   "resume": lambda c: room_rows.resume_timer(c, project_id, author)}
        if action not in actions:
            raise ValueError(f"the timer can start, pause or resume, not {str(action)[:20]!r}")
        with self._write() as change:
            return actions[action](change)

    def park_question(self, project_id: str, participant_id: str, question: str, who: str = "") -> ParkedQuestion:
        """A participant adds a question to the workshop's parking lot, with who could answer it (optional); ValueError
        for text that cannot be saved, StoreError past the caps (parking.py: per participant per minute, per workshop)."""
        with self._write() as change:
            return parking_rows.add(change, project_id, participant_id, question, who)

    def parked_questions(self, project_id: str) -> list[ParkedQuestion]:
        """What participants added to the parking lot, oldest first, with its status (open, moved, dismissed)."""
        with self._read() as conn:
            return parking_rows.listed(conn, project_id)

    def decide_parked_question(self, project_id: str, question_id: str, status: str, *, author: str = "") -> ParkedQuestion:
        """The facilitator marks a parked question "moved" (into the plan's parking lot) or "dismissed"."""
        with self._write() as change:
            return parking_rows.decide(change, project_id, question_id, status, author)
