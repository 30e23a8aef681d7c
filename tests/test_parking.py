"""The workshop's parking lot in the store: participants add questions, the facilitator moves or dismisses them."""

import re
from datetime import timedelta

import pytest

from planner.content import load_content
from planner.plan.model import Plan
from planner.store import StoreError
from planner.store import parking as parking_rows
from planner.workshop import park


def _joined(store):
    project = store.create_project("Room")
    ana, _ = store.join_workshop(project.id, "Ana", "Client")
    return project, ana


def test_a_participant_parks_a_question_with_who_could_answer_it(store):
    project, ana = _joined(store)
    before = store.workshop_version(project.id)
    item = store.park_question(project.id, ana.id, "  Who approves the labelling guidelines?\n", " Dr   Lee ")
    assert (item.question, item.who, item.asked_by, item.role, item.status) == \
        ("Who approves the labelling guidelines?", "Dr Lee", "Ana", "Client", "open")
    assert store.parked_questions(project.id) == [item]
    assert store.workshop_version(project.id) != before  # everyone's live view redraws
    entry = store.history(project.id, kinds=["workshop"])[0]
    assert (entry.author, entry.target, entry.detail) == ("Ana", "parking lot", "added: Who approves the labelling guidelines?")
    assert store.parked_questions(store.create_project("Other").id) == []  # per workshop


@pytest.mark.parametrize(("question", "who", "message"), [
    ("", "", "write the question first"),
    ("   \n ", "", "write the question first"),
    ("x" * 501, "", "the question is 501 characters long; at most 500 are allowed"),
    ("bell\x07", "", "the question contains the control character U+0007 at position 5"),
    ("ok?", "esc\x1b", "“who could answer” contains the control character U+001B at position 4"),
    ("ok?", "y" * 201, "“who could answer” is 201 characters long; at most 200 are allowed"),
    ("x\n" * 20, "", "the question has 19 line breaks; at most 12 are allowed"),
])
def test_text_that_cannot_be_saved_is_refused_with_what_is_wrong(store, question, who, message):
    project, ana = _joined(store)
    with pytest.raises(ValueError, match=re.escape(message)):
        store.park_question(project.id, ana.id, question, who)
    assert store.parked_questions(project.id) == []


def test_someone_elses_participant_id_cannot_park(store):
    project, _ = _joined(store)
    other, bo = _joined(store)
    with pytest.raises(StoreError, match="not valid for this project"):
        store.park_question(project.id, bo.id, "Sneaky?")
    assert store.parked_questions(project.id) == []


def test_a_participant_can_park_five_questions_a_minute(store, monkeypatch):
    project, ana = _joined(store)
    for n in range(parking_rows.PER_PARTICIPANT_PER_MINUTE):
        store.park_question(project.id, ana.id, f"Question {n}?")
    with pytest.raises(StoreError, match="You added 5 questions in the last minute"):
        store.park_question(project.id, ana.id, "One more?")
    bo, _ = store.join_workshop(project.id, "Bo", "Data scientist")
    store.park_question(project.id, bo.id, "Mine?")  # the cap is per participant
    later = parking_rows.now() + timedelta(minutes=1, seconds=1)
    monkeypatch.setattr(parking_rows, "now", lambda: later)
    store.park_question(project.id, ana.id, "A minute later?")
    assert len(store.parked_questions(project.id)) == 7


def test_a_workshop_holds_at_most_sixty_waiting_questions(store, monkeypatch):
    project, _ = _joined(store)
    monkeypatch.setattr(parking_rows, "PER_PARTICIPANT_PER_MINUTE", 1000)
    people = [store.join_workshop(project.id, f"P{n}", "Client")[0] for n in range(2)]
    for n in range(parking_rows.OPEN_LIMIT):
        store.park_question(project.id, people[n % 2].id, f"Q{n}?")
    with pytest.raises(StoreError, match="already holds 60 questions waiting for the facilitator"):
        store.park_question(project.id, people[0].id, "Q61?")
    first = store.parked_questions(project.id)[0]
    store.decide_parked_question(project.id, first.id, "dismissed")
    store.park_question(project.id, people[0].id, "Q61?")  # room again once one was dismissed


def test_the_facilitator_moves_or_dismisses_each_once_with_history(store):
    project, ana = _joined(store)
    kept = store.park_question(project.id, ana.id, "Who pays for labelling?", "Client PM")
    dropped = store.park_question(project.id, ana.id, "Lunch?")
    before = store.workshop_version(project.id)
    assert store.decide_parked_question(project.id, kept.id, "moved", author="Fran").status == "moved"
    assert store.workshop_version(project.id) != before
    store.decide_parked_question(project.id, dropped.id, "dismissed", author="Fran")
    assert store.decide_parked_question(project.id, dropped.id, "moved").status == "dismissed"  # decided once
    assert [i.status for i in store.parked_questions(project.id)] == ["moved", "dismissed"]
    details = [e.detail for e in store.history(project.id, kinds=["workshop"], authors=["Fran"])]
    assert details == ["dismissed: Lunch?", "moved into the plan's parking lot: Who pays for labelling?"]
    with pytest.raises(ValueError, match="moved or dismissed"):
        store.decide_parked_question(project.id, kept.id, "deleted")
    with pytest.raises(StoreError, match="no longer in the workshop's parking lot"):
        store.decide_parked_question(store.create_project("Other").id, kept.id, "moved")


def test_a_removed_participant_leaves_their_question_parked(store):
    project, ana = _joined(store)
    store.park_question(project.id, ana.id, "Still relevant?")
    store.remove_participant(project.id, ana.id)
    assert [i.asked_by for i in store.parked_questions(project.id)] == ["Ana"]


def test_parking_in_the_plan_adds_it_once_and_respects_the_cap():
    plan = park(Plan(), "Who pays?", "Client PM")
    assert [(p.question, p.owner) for p in plan.parking_lot] == [("Who pays?", "Client PM")]
    assert park(plan, "Who pays?", "Someone else").parking_lot == plan.parking_lot
    full = Plan(parking_lot=[{"question": f"Q{n}"} for n in range(60)])
    with pytest.raises(ValueError, match="at most 60 parked questions"):
        park(full, "One more?", "")
    assert load_content()  # the knowledge base loads with the parking lot in the store
