"""Client explainer cards: content rules and when they apply."""

from pathlib import Path

import pytest

from planner.answers import answers_from_document
from planner.content import load_content
from planner.explainers import cards_for_question, fired_cards, trigger_questions
from planner.safe_yaml import load_yaml

ROOT = Path(__file__).resolve().parents[1]
CONTENT = load_content()


def example(name):
    return answers_from_document(load_yaml((ROOT / "examples" / f"{name}.yaml").read_bytes(), name), CONTENT, name)


def test_every_card_is_cited_triggered_and_short():
    cards = CONTENT.kb.explainers
    assert len(cards) >= 6
    for card in cards:
        assert card.citations and card.triggers, card.id
        assert len(card.body.split()) <= 150, card.id  # a card is read in under a minute


def test_risky_project_triggers_the_expected_cards():
    ids = {f.card.id for f in fired_cards(CONTENT, example("risky"))}
    assert {"no_error_free_models", "timeboxes_and_buffers", "data_needs_an_owner", "monitoring_costs",
            "domain_expert_time", "beyond_accuracy", "test_the_whole_product"} <= ids


def test_well_prepared_project_triggers_few_cards():
    assert len(fired_cards(CONTENT, example("well-prepared"))) <= 1


@pytest.mark.parametrize("answers, card", [
    ({"req_error_expectations": "zero_errors"}, "no_error_free_models"),
    ({"req_ml_literacy": 5}, "no_error_free_models"),
    ({"setup_trajectory": "model_first", "req_fixed_contract": "fixed_date"}, "timeboxes_and_buffers"),
    ({"data_refresh": "snapshot_only"}, "data_needs_an_owner"),
    ({"data_expert_hours": 0}, "domain_expert_time"),
    ({"qa_system_test_owner": "nobody"}, "test_the_whole_product"),
])
def test_single_answers_trigger_their_card_and_name_the_question(answers, card):
    fired = {f.card.id: f for f in fired_cards(CONTENT, answers)}
    assert card in fired
    assert set(fired[card].questions) <= set(answers)
    for question in fired[card].questions:
        assert card in [c.id for c in cards_for_question(list(fired.values()), question)]


def test_partial_trigger_does_not_fire():
    fired = {f.card.id for f in fired_cards(CONTENT, {"req_fixed_contract": "fixed_date"})}
    assert "timeboxes_and_buffers" not in fired  # needs the model-first trajectory too
    assert fired_cards(CONTENT, {}) == []


def test_hidden_question_does_not_trigger():
    # data_contract is only asked for provided or public data
    assert "data_needs_an_owner" in {f.card.id for f in fired_cards(CONTENT, {"setup_data_source": "provided",
                                                                             "data_contract": "none"})}
    assert "data_needs_an_owner" not in {f.card.id for f in fired_cards(CONTENT, {"setup_data_source": "hired_team",
                                                                                 "data_contract": "none"})}


def test_trigger_questions_are_the_follow_up_triggers_and_the_card_conditions():
    content = load_content()
    triggers = trigger_questions(content)
    assert {"setup_data_source", "setup_integration"} <= triggers  # show_if of data_* and int_* follow-ups
    assert {"setup_trajectory", "req_fixed_contract", "setup_missing_roles"} <= triggers  # card conditions
    assert "setup_model_developer" not in triggers and "setup_team_size" not in triggers
