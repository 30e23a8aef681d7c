"""Workshop: participants join with a role, answer expectation questions; divergence finds disagreement."""

from datetime import UTC, datetime

import pytest

from planner.content import load_content
from planner.store import Participant, StoreError
from planner.store.store import WORKSHOP_ROLES
from planner.workshop import divergence

CONTENT = load_content()
QUALITY = "exp_model_quality"  # options: rough, clear_target, near_perfect


def people(*answers):
    return [Participant(f"p{i}", f"Person {i}", role, {QUALITY: value} if value else {})
            for i, (role, value) in enumerate(answers)]


def by_id(result):
    return {d.question.id: d for d in result}


def test_expectations_are_cited_and_ordered_scales():
    assert len(CONTENT.kb.expectations) >= 7
    for question in CONTENT.kb.expectations:
        assert question.citations and question.prompt and len(question.options) >= 2


def test_agreement_is_not_flagged():
    d = by_id(divergence(CONTENT, people(("Client", "clear_target"), ("Data scientist", "clear_target"))))[QUALITY]
    assert d.spread == 0 and not d.flagged and d.answered == 2


def test_opposite_ends_are_flagged_with_each_roles_view():
    d = by_id(divergence(CONTENT, people(("Client", "near_perfect"), ("Client", "near_perfect"),
                                         ("Data scientist", "rough"))))[QUALITY]
    assert d.flagged and d.spread > 0.35
    roles = {r.role: r for r in d.roles}
    assert roles["Client"].count == 2 and roles["Client"].mean_position == 1.0 and roles["Client"].answers == {"near_perfect": 2}
    assert roles["Data scientist"].mean_position == 0.0


def test_one_answer_or_none_gives_no_spread_and_sorts_last():
    result = divergence(CONTENT, people(("Client", "rough"), ("Data scientist", None)))
    assert by_id(result)[QUALITY].spread is None and not by_id(result)[QUALITY].flagged
    assert all(d.spread is None for d in result)


def test_most_divergent_question_comes_first():
    crowd = people(("Client", "near_perfect"), ("Data scientist", "rough"))
    crowd += [Participant("x", "X", "Client", {"exp_timeline": "fixed"}),
              Participant("y", "Y", "Data scientist", {"exp_timeline": "estimate_buffer"})]
    result = divergence(CONTENT, crowd)
    assert result[0].question.id == QUALITY


def test_join_answer_and_read_back(store):
    project = store.create_project("Workshop")
    ana, token = store.join_workshop(project.id, " Ana ", "Client")
    bo, _ = store.join_workshop(project.id, "Bo", "Data scientist")
    store.save_expectation(project.id, ana.id, QUALITY, "near_perfect")
    store.save_expectation(project.id, ana.id, QUALITY, "clear_target")  # changing one's mind replaces the answer
    store.save_expectation(project.id, bo.id, QUALITY, "rough")
    listed = store.participants(project.id)
    assert [(p.name, p.role, p.answers) for p in listed] == [("Ana", "Client", {QUALITY: "clear_target"}),
                                                             ("Bo", "Data scientist", {QUALITY: "rough"})]
    assert len(token) >= 22  # ≥ 128 random bits, URL-safe
    assert store.resolve_token(project.id, token).participant_id == ana.id  # the personal link identifies Ana
    assert store.history(project.id)[0].author == "Bo"
    store.delete_project(project.id)
    assert store.participants(project.id) == []


@pytest.mark.parametrize("name, role, message", [("", "Client", "give your name"), ("Ana", "Boss", "choose one of the roles")])
def test_join_needs_a_name_and_a_known_role(store, name, role, message):
    project = store.create_project("Workshop")
    with pytest.raises(ValueError, match=message):
        store.join_workshop(project.id, name, role)
    assert "Client" in WORKSHOP_ROLES


def test_a_participant_cannot_answer_for_another_project(store):
    first, second = store.create_project("A"), store.create_project("B")
    ana, _ = store.join_workshop(first.id, "Ana", "Client")
    with pytest.raises(StoreError, match="not valid for this project"):
        store.save_expectation(second.id, ana.id, QUALITY, "rough")


def test_settle_records_the_decision_and_replaces_an_earlier_one():
    from planner.plan import Plan
    from planner.workshop import settle, settled

    question = next(q for q in CONTENT.kb.expectations if q.id == QUALITY)
    plan = settle(Plan(), question, "clear_target", "F1 ≥ 0.8 on the March data", "Ana", "2026-11-23")
    first = settled(plan, question)
    assert first.decision == "A clear metric target agreed up front — F1 ≥ 0.8 on the March data" and first.owner == "Ana"
    plan = settle(plan, question, "near_perfect", "", "Bo", "2026-11-24")
    assert len(plan.decisions) == 1 and settled(plan, question).decision.startswith("Near-perfect")
    with pytest.raises(ValueError):
        settle(plan, question, "no_such_option", "", "Bo", "2026-11-24")


def test_answers_text_names_each_option_with_its_count():
    from planner.workshop import answers_text

    crowd = people(("Client", "near_perfect"), ("Client", "near_perfect"), ("Client", "rough"))
    quality = next(d for d in divergence(CONTENT, crowd) if d.question.id == QUALITY)
    assert answers_text(quality.question, quality.roles[0]) == (
        "2× Near-perfect - errors are hardly acceptable, 1× Roughly right is fine - we learn in production")


# -- crafted answers and join floods ------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["INJECTED <b>not an option</b>", "", None, 3, "Rough"])
def test_an_answer_that_is_not_one_of_the_options_is_refused(store, value):
    project = store.create_project("Workshop")
    ana, _ = store.join_workshop(project.id, "Ana", "Client")
    before = len(store.history(project.id))
    with pytest.raises(ValueError, match="is not one of the answers to “.+”; choose one of the options shown"):
        store.save_expectation(project.id, ana.id, QUALITY, value)
    assert store.participants(project.id)[0].answers == {}  # not stored, not counted as answered
    assert len(store.history(project.id)) == before


def test_an_answer_to_an_unknown_question_is_refused(store):
    project = store.create_project("Workshop")
    ana, _ = store.join_workshop(project.id, "Ana", "Client")
    with pytest.raises(ValueError, match="'exp_no_such_question' is not one of the workshop questions"):
        store.save_expectation(project.id, ana.id, "exp_no_such_question", "rough")
    store.save_expectation(project.id, ana.id, QUALITY, "rough")  # a real option still saves
    assert store.participants(project.id)[0].answers == {QUALITY: "rough"}


def test_check_expectation_accepts_exactly_the_options():
    from planner.workshop import check_expectation

    for question in CONTENT.kb.expectations:
        for option in question.options:
            assert check_expectation(CONTENT.kb.expectations, question.id, option.value) == option.value
    with pytest.raises(ValueError, match="^'x{60}' is not one of the answers"):
        check_expectation(CONTENT.kb.expectations, QUALITY, "x" * 500)  # a long value is shown cut


def test_joins_through_one_link_are_capped_per_minute(store):
    from sqlalchemy import update

    from planner.store.store import JOINS_PER_LINK_PER_MINUTE, participants

    project = store.create_project("Workshop")
    link, _ = store.create_link(project.id, "participant", "Join")
    other, _ = store.create_link(project.id, "participant", "Second room")
    for i in range(JOINS_PER_LINK_PER_MINUTE):
        store.join_workshop(project.id, f"Person {i}", "Client", via=link.id)
    with pytest.raises(StoreError, match="Too many people joined through this link in the last minute; wait a moment"):
        store.join_workshop(project.id, "One too many", "Client", via=link.id)
    assert len(store.participants(project.id)) == JOINS_PER_LINK_PER_MINUTE
    store.join_workshop(project.id, "Other room", "Client", via=other.id)  # another link has its own count
    with store.engine.begin() as conn:  # a minute later
        conn.execute(update(participants).where(participants.c.joined_via == link.id).values(joined_at=datetime(2026, 1, 1, tzinfo=UTC)))
    store.join_workshop(project.id, "Later", "Client", via=link.id)
    assert len(store.participants(project.id)) == JOINS_PER_LINK_PER_MINUTE + 2


# -- the participant page ----------------------------------------------------------------------------------------

from tests.test_pages import OTHER_BROWSER, WORKSHOP, join_as, open_app, page_db, page_project, page_store, rerun  # noqa: E402, F401


def craft(radio, sent: str) -> None:
    """Make the radio send `sent` as a crafted websocket frame would (the browser only sends its options)."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState
    from streamlit.testing.v1.element_tree import Radio

    class Crafted(Radio):
        @property
        def _widget_state(self):
            return WidgetState(id=self.id, string_value=sent)

    radio.__class__ = Crafted


def test_the_page_refuses_a_crafted_answer_and_shows_the_saved_one(page_store, page_project):
    ana = join_as(page_store, page_project, "Ana", "Client", OTHER_BROWSER)
    ana.radio(key="workshop_q_exp_model_quality").set_value("rough")
    rerun(ana)
    craft(ana.radio(key="workshop_q_exp_model_quality"), "INJECTED <b>not an option</b>")
    rerun(ana)
    assert any(e.value.startswith("Not saved") and "is not one of the answers" in e.value for e in ana.error)
    assert [p.answers for p in page_store.participants(page_project.id)] == [{QUALITY: "rough"}]
    assert ana.radio(key="workshop_q_exp_model_quality").value == "rough"


def test_the_join_form_says_when_too_many_joined_through_the_link(page_store, page_project):
    from planner.store.store import JOINS_PER_LINK_PER_MINUTE

    link, token = page_store.create_link(page_project.id, "participant", "Workshop")
    for i in range(JOINS_PER_LINK_PER_MINUTE):
        page_store.join_workshop(page_project.id, f"Person {i}", "Client", via=link.id)
    at = open_app(page_project.id, WORKSHOP, {"key": token}, browser=OTHER_BROWSER)
    at.text_input(key="workshop_name").set_value("Late comer")
    at.selectbox(key="workshop_role").set_value("Client")
    at.button[0].click()
    rerun(at)
    assert [e.value for e in at.error] == ["Not joined: Too many people joined through this link in the last minute; wait a "
                                           "moment and try again."]
    assert "Late comer" not in [p.name for p in page_store.participants(page_project.id)]


# -- what the room leaves in the plan (issue 15 §3) ----------------------------------------------------------------

def _room():
    """Two flagged questions (quality, timeline) between a client and a data scientist, and one agreed (testing)."""
    return [Participant("a", "Ana", "Product owner / PM", {QUALITY: "near_perfect", "exp_timeline": "fixed", "exp_system_testing": "qa_team"}),
            Participant("c", "Cy", "Product owner / PM", {QUALITY: "near_perfect"}),
            Participant("b", "Bo", "Data scientist", {QUALITY: "rough", "exp_timeline": "exploratory", "exp_system_testing": "qa_team"})]


def test_unsettled_disagreements_go_into_the_plan_with_each_roles_answers():
    from planner.plan import Plan
    from planner.workshop import record_room, settle

    people = _room()
    results = divergence(CONTENT, people)
    timeline = next(q for q in CONTENT.kb.expectations if q.id == "exp_timeline")
    plan = record_room(settle(Plan(), timeline, "exploratory", "", "Fran", "2026-11-23"), results, people)
    assert [x.expectation for x in plan.open_questions] == [QUALITY]  # timeline settled, testing agreed
    quality = plan.open_questions[0]
    assert quality.question == "How good must the model be before it goes live?"
    assert [(a.role, a.answers) for a in quality.answers] == [
        ("Product owner / PM", "2× Near-perfect - errors are hardly acceptable"),
        ("Data scientist", "1× Roughly right is fine - we learn in production")]
    question = next(q for q in CONTENT.kb.expectations if q.id == QUALITY)
    settled_plan = settle(plan, question, "clear_target", "", "Fran", "2026-11-23")
    assert settled_plan.open_questions == []  # settling keeps the plan's open questions current
    assert record_room(settled_plan, results, people).open_questions == []  # and recording again does not bring it back


def test_the_people_who_joined_fill_the_participant_list_without_duplicates():
    from planner.plan import Plan
    from planner.workshop import record_room

    people = _room()
    plan = Plan(participants=["ana", "Dee (client's lawyer)", "Bo — Data scientist"])
    recorded = record_room(plan, divergence(CONTENT, people), people)
    assert recorded.participants == ["Ana — Product owner / PM", "Dee (client's lawyer)", "Bo — Data scientist",
                                     "Cy — Product owner / PM"]
    assert record_room(recorded, divergence(CONTENT, people), people).participants == recorded.participants  # again: same list


def test_recording_over_the_participant_cap_is_refused_with_the_cap():
    from planner.plan import Plan
    from planner.workshop import record_room

    typed = Plan(participants=[f"Person {i}" for i in range(100)])
    with pytest.raises(ValueError, match="participants: a plan holds at most 100 participants"):
        record_room(typed, [], _room())


def test_sign_off_rows_name_each_participant_with_their_role_then_the_roles_nobody_holds():
    from planner.plan.participants import sign_off_rows

    rows = sign_off_rows(["Ana — Product owner / PM", "Dee", "Bo — Operations"], ["Product owner / PM", "Data scientist", " "])
    assert rows == [("Product owner / PM", "Ana"), ("", "Dee"), ("Operations", "Bo"), ("Data scientist", "")]


def test_a_participant_stored_with_an_old_role_still_loads_and_shows(store):
    """"Operations" stood in for ML / platform before the roles became one list; a stored participant keeps it."""
    from sqlalchemy import insert

    from planner.plan import Plan
    from planner.store.tables import participants
    from planner.workshop import record_room

    project = store.create_project("Workshop")
    with pytest.raises(ValueError, match="choose one of the roles"):
        store.join_workshop(project.id, "Bo", "Operations")
    with store.engine.begin() as conn:
        conn.execute(insert(participants).values(id="old-bo", project_id=project.id, name="Bo", role="Operations",
                                                 joined_at=datetime(2025, 1, 1, tzinfo=UTC), joined_via=None))
    store.save_expectation(project.id, "old-bo", QUALITY, "rough")
    people = store.participants(project.id)
    assert [(p.name, p.role, p.answers) for p in people] == [("Bo", "Operations", {QUALITY: "rough"})]
    assert record_room(Plan(), divergence(CONTENT, people), people).participants == ["Bo — Operations"]


def test_a_settled_answer_names_the_questionnaire_answer_it_stands_for():
    from planner.workshop import questionnaire_answer

    testing = next(q for q in CONTENT.kb.expectations if q.id == "exp_system_testing")
    assert questionnaire_answer(testing, "qa_team") == ("qa_system_test_owner", "separate_qa")
    changes = next(q for q in CONTENT.kb.expectations if q.id == "exp_data_changes")
    assert questionnaire_answer(changes, "continuously") is None  # no option of data_refresh says the same
    assert questionnaire_answer(testing, "no_such_option") is None


def test_the_settled_option_is_read_back_from_its_decision():
    from planner.plan import Plan
    from planner.workshop import settle, settled, settled_value

    testing = next(q for q in CONTENT.kb.expectations if q.id == "exp_system_testing")
    plan = settle(Plan(), testing, "qa_team", "from March — with the vendor", "Fran", "2026-11-23")
    assert settled_value(testing, settled(plan, testing)) == "qa_team"
    edited = settled(plan, testing).model_copy(update={"decision": "Somebody else, later"})
    assert settled_value(testing, edited) is None and settled_value(testing, None) is None
