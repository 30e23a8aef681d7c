"""The workshop room in the store: revealed questions, the shared timer, and the version the live views poll."""

from datetime import timedelta

import pytest

from planner.store import StoreError
from planner.store import workshop_room as room_rows

QUALITY, TIMELINE = "exp_model_quality", "exp_timeline"


def test_reveals_are_kept_in_order_once_each_with_history(store):
    project = store.create_project("Room")
    assert store.workshop_room(project.id).revealed == ()
    store.reveal_questions(project.id, [QUALITY], author="Fran")
    room = store.reveal_questions(project.id, [TIMELINE, QUALITY, TIMELINE], author="Fran")
    assert room.revealed == (QUALITY, TIMELINE)
    assert store.workshop_room(project.id).revealed == (QUALITY, TIMELINE)
    entries = [(e.author, e.kind, e.target, e.detail) for e in store.history(project.id, kinds=["workshop"])]
    assert entries == [("Fran", "workshop", TIMELINE, "revealed to the participants"),
                       ("Fran", "workshop", QUALITY, "revealed to the participants")]
    other = store.create_project("Other room")
    assert store.workshop_room(other.id).revealed == ()  # per project


def test_an_unknown_question_is_not_revealed(store):
    project = store.create_project("Room")
    with pytest.raises(StoreError, match="not one of the workshop questions"):
        store.reveal_questions(project.id, [QUALITY, "<b>made up</b>"])
    assert store.workshop_room(project.id).revealed == ()


def test_revealing_in_a_deleted_project_saves_nothing(store):
    project = store.create_project("Room")
    store.delete_project(project.id)
    with pytest.raises(StoreError, match="no longer exists"):
        store.reveal_questions(project.id, [QUALITY])


def test_the_version_changes_with_every_change_the_live_view_shows(store):
    project = store.create_project("Room")
    seen = [store.workshop_version(project.id)]

    def changed() -> bool:
        seen.append(store.workshop_version(project.id))
        return seen[-1] != seen[-2]

    assert not changed()  # nothing happened
    ana, _ = store.join_workshop(project.id, "Ana", "Client")
    assert changed()
    store.save_expectation(project.id, ana.id, QUALITY, "rough")
    assert changed()
    store.save_expectation(project.id, ana.id, QUALITY, "near_perfect")  # a changed answer
    assert changed()
    store.reveal_questions(project.id, [QUALITY])
    assert changed()
    store.reveal_questions(project.id, [QUALITY])  # already revealed: nothing new
    assert not changed()
    store.set_timer(project.id, "start", 10)
    assert changed()
    store.save_plan(project.id, {})
    assert changed()
    store.remove_participant(project.id, ana.id)
    assert changed()
    assert not changed()


def test_the_timer_starts_pauses_and_resumes_with_what_is_left(store, monkeypatch):
    project = store.create_project("Room")
    started = room_rows.now()
    monkeypatch.setattr(room_rows, "now", lambda: started)
    timer = store.set_timer(project.id, "start", 15, author="Fran").timer
    assert (timer.seconds, timer.used, timer.started_at) == (900, 0, started)
    assert timer.left(started + timedelta(minutes=4)) == 660
    monkeypatch.setattr(room_rows, "now", lambda: started + timedelta(minutes=4))
    paused = store.set_timer(project.id, "pause").timer
    assert (paused.used, paused.started_at) == (240, None)
    assert paused.left(started + timedelta(hours=1)) == 660  # a paused timer keeps what is left
    monkeypatch.setattr(room_rows, "now", lambda: started + timedelta(minutes=30))
    running = store.workshop_room(project.id).timer if store.set_timer(project.id, "resume") else None
    assert running.left(started + timedelta(minutes=31)) == 600
    assert [e.detail for e in store.history(project.id, kinds=["workshop"])] == ["resumed", "paused with 11 min left",
                                                                                 "started for 15 min"]


@pytest.mark.parametrize("minutes", [0, -5, 601, "ten", None, True])
def test_a_timer_length_out_of_range_is_refused(store, minutes):
    project = store.create_project("Room")
    with pytest.raises(ValueError, match="1 to 600 minutes"):
        store.set_timer(project.id, "start", minutes)
    assert store.workshop_room(project.id).timer.seconds == 0


def test_deleting_the_project_deletes_its_room(store):
    project = store.create_project("Room")
    store.reveal_questions(project.id, [QUALITY])
    store.delete_project(project.id)
    assert store.workshop_room(project.id).revealed == ()


def test_a_participants_version_changes_only_with_what_their_page_shows(store):
    """Issue 15 §4: every answer moved the one version every page polled, so 30 people answering reran 30 whole pages
    every 2 s. A participant answers blind: joins and answers to questions not revealed yet leave their version."""
    project = store.create_project("Room")
    seen = [store.workshop_version(project.id, participant=True)]

    def changed() -> bool:
        seen.append(store.workshop_version(project.id, participant=True))
        return seen[-1] != seen[-2]

    ana, _ = store.join_workshop(project.id, "Ana", "Client")
    assert not changed()  # a join
    store.save_expectation(project.id, ana.id, QUALITY, "rough")
    assert not changed()  # an answer nobody sees yet
    store.reveal_questions(project.id, [QUALITY])
    assert changed()
    store.save_expectation(project.id, ana.id, QUALITY, "near_perfect")
    assert changed()  # an answer to a revealed question shows under it
    store.save_expectation(project.id, ana.id, TIMELINE, "fixed")
    assert not changed()
    bo, _ = store.join_workshop(project.id, "Bo", "Data scientist")
    store.save_expectation(project.id, bo.id, QUALITY, "rough")
    assert changed()
    store.set_timer(project.id, "start", 10)
    assert changed()
    store.save_plan(project.id, {})
    assert changed()
    store.remove_participant(project.id, bo.id)
    assert changed()  # their revealed answer leaves the view
    assert store.workshop_version(project.id) != store.workshop_version(project.id, participant=True)
