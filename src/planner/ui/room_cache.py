"""The workshop as the sessions of a room see it, read once per workshop version and shared by every session of
the server: after a change, 30 pages that rerun read the participants and compute the divergence once, not 30 times."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from .. import workshop
from ..content import Content
from ..domain import Participant
from ..store import Store
from ..store.workshop_room import WorkshopRoom

LIMIT = 64  # versions kept (a few per open workshop); the oldest goes first
MAX_AGE = 5.0  # seconds an entry serves: a change the version cannot see (two answers committed out of timestamp
# order on PostgreSQL leave count and latest time as they were) reaches a page that reruns after that


@dataclass(frozen=True)
class RoomState:
    version: tuple
    people: tuple[Participant, ...]  # shared by sessions: read, never change
    room: WorkshopRoom
    results: tuple[workshop.Divergence, ...]
    content: Content  # kept alive with the entry: its id is part of the key
    read_at: float  # time.monotonic()


_states: OrderedDict[tuple, RoomState] = OrderedDict()
_lock = threading.Lock()


def room_state(store: Store, project_id: str, content: Content, version: tuple | None = None) -> RoomState:
    """The participants, the room and the divergence as of `version` (store.workshop_version, read first by the caller
    so that a change after it is caught by the next poll), or newer; StoreError when the database is away."""
    if version is None:
        version = store.workshop_version(project_id)
    key = (project_id, version, id(content))
    with _lock:
        hit = _states.get(key)
        if hit is not None and time.monotonic() - hit.read_at <= MAX_AGE:
            _states.move_to_end(key)
            return hit
    read_at = time.monotonic()
    people = tuple(store.participants(project_id))  # read after `version`: at least as new
    results = tuple(workshop.divergence(content, list(people)))
    state = RoomState(version, people, store.workshop_room(project_id), results, content, read_at)
    with _lock:
        _states[key] = state
        _states.move_to_end(key)
        while len(_states) > LIMIT:
            _states.popitem(last=False)
    return state


def clear() -> None:
    with _lock:
        _states.clear()
