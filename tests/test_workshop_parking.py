"""AppTest: participants add to the workshop's parking lot; the facilitator moves a question into the plan or dismisses it."""

from test_pages import (  # noqa: F401 - fixtures and helpers shared with the page tests
    OTHER_BROWSER,
    WORKSHOP,
    all_text,
    join_as,
    open_app,
    page_db,
    page_project,
    page_store,
    rerun,
)

from planner.ui.state import md

QUESTION = "Who approves the labelling guidelines? <b>soon</b>"


def _park(at, question: str, who: str = ""):
    at.text_area(key="workshop_park_question").set_value(question)
    at.text_input(key="workshop_park_who").set_value(who)
    next(b for b in at.button if b.label == "Add to the parking lot").click()
    return rerun(at)


def test_a_participant_parks_a_question_and_the_facilitator_moves_it_into_the_plan(page_store, page_project):
    ana = _park(join_as(page_store, page_project, "Ana", "Client", OTHER_BROWSER), QUESTION, "Dr Lee")
    assert "Added to the parking lot" in all_text(ana)
    assert md(QUESTION) in all_text(ana)  # the room's parking lot, her question as text (not markup)
    assert ana.text_area(key="workshop_park_question").value == ""  # the form is ready for the next one
    facilitator = open_app(page_project.id, WORKSHOP)
    assert any("1 waiting" in e.label for e in facilitator.expander)
    item = page_store.parked_questions(page_project.id)[0]
    facilitator.button(key=f"workshop_park_move_{item.id}").click()
    rerun(facilitator)
    plan, _ = page_store.load_plan(page_project.id)
    assert [(p["question"], p["owner"]) for p in plan["parking_lot"]] == [(QUESTION, "Dr Lee")]
    assert page_store.parked_questions(page_project.id)[0].status == "moved"
    assert any("0 waiting, 1 moved into the plan" in e.label for e in facilitator.expander)
    assert "*in the plan*" in all_text(rerun(ana))


def test_a_dismissed_question_leaves_everyones_view(page_store, page_project):
    ana = _park(join_as(page_store, page_project, "Ana", "Client", OTHER_BROWSER), "Lunch at noon?")
    facilitator = open_app(page_project.id, WORKSHOP)
    item = page_store.parked_questions(page_project.id)[0]
    facilitator.button(key=f"workshop_park_dismiss_{item.id}").click()
    rerun(facilitator)
    assert page_store.parked_questions(page_project.id)[0].status == "dismissed"
    assert page_store.load_plan(page_project.id)[0] is None  # nothing went into the plan
    assert "Lunch at noon?" not in all_text(rerun(ana))


def test_a_question_that_cannot_be_saved_stays_in_the_form_with_what_is_wrong(page_store, page_project):
    ana = _park(join_as(page_store, page_project, "Ana", "Client", OTHER_BROWSER), "Ring\x07 the bell?")
    said = md("Not added: the question contains the control character U+0007 at position 5; remove it")
    assert any(said in e.value for e in ana.error)
    assert ana.text_area(key="workshop_park_question").value == "Ring\x07 the bell?"  # nothing typed is lost
    assert page_store.parked_questions(page_project.id) == []
