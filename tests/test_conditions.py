"""planner.conditions: the one evaluator of show_if, setup rules, explainer triggers and plan task defaults."""

from __future__ import annotations

import dataclasses

import pytest
from pydantic import ValidationError

from planner.answers import is_visible as answers_is_visible
from planner.assessment import fired_rules
from planner.conditions import Condition, OptionCondition, all_hold, asked_answers, holds, is_visible
from planner.content import load_content
from planner.content.schema import ShowIf
from planner.explainers import fired_cards
from planner.plan import defaults as defaults_module
from planner.plan.catalogue import load_catalogue
from planner.plan.defaults import default_plan

CONTENT = load_content()
HIDDEN = CONTENT.questions["data_labelling_spec"]  # asked only when setup_data_source is hired_team


def cond(**fields) -> Condition:
    return Condition.model_validate({"question": "q_one", **fields})


# -- the forms content uses -------------------------------------------------------------------------------

def test_no_condition_always_holds():
    assert holds(None, {}) and holds(None, {"q_one": "x"})


@pytest.mark.parametrize("answers, expected", [
    ({"q_one": "a"}, True), ({"q_one": "b"}, True), ({"q_one": "c"}, False),
    ({}, False), ({"q_one": None}, False), ({"other": "a"}, False),
])
def test_any_of_on_a_single_answer(answers, expected):
    assert holds(cond(any_of=["a", "b"]), answers) is expected


@pytest.mark.parametrize("answer, expected", [(["c", "a"], True), (["b"], True), (["c", "d"], False), ([], False)])
def test_any_of_on_a_multi_answer_holds_when_any_chosen_option_matches(answer, expected):
    assert holds(cond(any_of=["a", "b"]), {"q_one": answer}) is expected


def test_any_of_on_scale_values():
    assert holds(cond(any_of=[4, 5]), {"q_one": 5})
    assert not holds(cond(any_of=[4, 5]), {"q_one": 3})
    assert not holds(cond(any_of=[4, 5]), {"q_one": "5"})  # text is not the number


@pytest.mark.parametrize("fields, value, expected", [
    ({"below": 10}, 9.5, True), ({"below": 10}, 10, False), ({"below": 10}, -3, True),
    ({"at_least": 10}, 10, True), ({"at_least": 10}, 9.99, False),
    ({"at_least": 2, "below": 5}, 2, True), ({"at_least": 2, "below": 5}, 4.9, True),
    ({"at_least": 2, "below": 5}, 5, False), ({"at_least": 2, "below": 5}, 1, False),
])
def test_number_ranges(fields, value, expected):
    assert holds(cond(**fields), {"q_one": value}) is expected


@pytest.mark.parametrize("value", [True, False, "3", [3], None])
def test_a_number_range_needs_a_number(value):
    assert not holds(cond(below=10), {"q_one": value})
    assert not holds(cond(at_least=-10), {"q_one": value})


def test_all_hold_needs_every_condition():
    both = [cond(any_of=["a"]), Condition(question="q_two", at_least=3)]
    assert all_hold(both, {"q_one": "a", "q_two": 3})
    assert not all_hold(both, {"q_one": "a", "q_two": 2})
    assert not all_hold(both, {"q_one": "a"})


# -- one model ------------------------------------------------------------------------------------------

def test_show_if_and_task_when_are_the_options_form_of_the_one_model():
    assert ShowIf is OptionCondition and issubclass(OptionCondition, Condition)
    assert isinstance(HIDDEN.show_if, Condition)
    task_when = next(t.when for t in load_catalogue().tasks if t.when is not None)
    assert isinstance(task_when, OptionCondition)
    assert HIDDEN.show_if.below is None and HIDDEN.show_if.at_least is None


@pytest.mark.parametrize("data, loc, message", [
    ({"question": "q_one", "any_of": ["a"], "below": 3}, ("below",), "Extra inputs are not permitted"),
    ({"question": "q_one"}, ("any_of",), "Field required"),
    ({"question": "q_one", "any_of": []}, ("any_of",), "at least 1 item"),
])
def test_the_options_form_refuses_what_show_if_refused(data, loc, message):
    with pytest.raises(ValidationError) as caught:
        OptionCondition.model_validate(data)
    error = caught.value.errors()[0]
    assert error["loc"] == loc and message in error["msg"]


def test_a_condition_needs_one_kind():
    with pytest.raises(ValidationError, match="either `any_of` or `below`/`at_least`"):
        Condition.model_validate({"question": "q_one"})
    with pytest.raises(ValidationError, match="either `any_of` or `below`/`at_least`"):
        Condition.model_validate({"question": "q_one", "any_of": ["a"], "below": 2})


# -- visibility: one rule for every user of conditions ------------------------------------------------------

def test_is_visible_is_the_one_from_answers():
    assert answers_is_visible is is_visible
    assert is_visible(HIDDEN, {"setup_data_source": "hired_team"})
    assert not is_visible(HIDDEN, {"setup_data_source": "public"}) and not is_visible(HIDDEN, {})


def test_asked_answers_drop_hidden_and_unknown_questions():
    answers = {"setup_data_source": "public", HIDDEN.id: HIDDEN.options[0].value, "no_such_question": "x"}
    assert asked_answers(CONTENT, answers) == {"setup_data_source": "public"}
    hired = {**answers, "setup_data_source": "hired_team"}
    assert asked_answers(CONTENT, hired) == {"setup_data_source": "hired_team", HIDDEN.id: HIDDEN.options[0].value}


def _on_hidden(value) -> OptionCondition:
    return OptionCondition(question=HIDDEN.id, any_of=[value])


def test_a_plan_task_on_a_question_not_asked_is_not_suggested(monkeypatch):
    """Before: plan/defaults had its own evaluator that read answers to hidden questions (setup rules and
    explainer cards did not). Now every condition reads only asked answers."""
    value = HIDDEN.options[-1].value
    real = load_catalogue()
    task = real.tasks[0].model_copy(update={"name": "Task on the labelling spec", "when": _on_hidden(value)})
    changed = real.model_copy(update={"tasks": [task, *real.tasks[1:]]})
    monkeypatch.setattr(defaults_module, "load_catalogue", lambda language="en": changed)
    hidden = {"setup_data_source": "public", HIDDEN.id: value}
    asked = {"setup_data_source": "hired_team", HIDDEN.id: value}
    assert "Task on the labelling spec" not in [t.name for t in default_plan(CONTENT, hidden).tasks]
    assert "Task on the labelling spec" in [t.name for t in default_plan(CONTENT, asked).tasks]


def test_rules_cards_and_tasks_agree_on_a_hidden_question(monkeypatch):
    value = HIDDEN.options[-1].value
    kb = CONTENT.kb
    rule = kb.setup_rules[0].model_copy(update={"id": "on_hidden", "when": [_on_hidden(value)]})
    card = kb.explainers[0].model_copy(update={"id": "on_hidden", "triggers": [
        kb.explainers[0].triggers[0].model_copy(update={"when": [_on_hidden(value)]})]})
    content = dataclasses.replace(CONTENT, kb=kb.model_copy(update={"setup_rules": [rule], "explainers": [card]}))
    real = load_catalogue()
    task = real.tasks[0].model_copy(update={"name": "on_hidden", "when": _on_hidden(value)})
    monkeypatch.setattr(defaults_module, "load_catalogue", lambda language="en": real.model_copy(update={"tasks": [task]}))
    for source, expected in (("public", False), ("hired_team", True)):
        answers = {"setup_data_source": source, HIDDEN.id: value}
        seen = ([r.id for r in fired_rules(content, answers)] == ["on_hidden"],
                [f.card.id for f in fired_cards(content, answers)] == ["on_hidden"],
                [t.name for t in default_plan(content, answers).tasks] == ["on_hidden"],
                is_visible(HIDDEN, answers))
        assert seen == (expected,) * 4, source


def test_built_in_content_and_plan_defaults_load_unchanged():
    assert sum(q.show_if is not None for q in CONTENT.questions.values()) >= 6
    assert any(t.when is not None for t in load_catalogue().tasks)
