"""planner.store.plan_changes: History says which plan field changed, from what to what."""

from planner.store.plan_changes import MAX_CHANGES, describe_plan_change

OLD = {"tasks": [{"id": "t1", "name": "Data cleaning", "pessimistic": 25}, {"id": "t2", "name": "Model", "pessimistic": 40}],
       "estimation": {"target_days": None, "seed": 1}, "participants": ["Ana"], "data_agreement": {"contact": ""}}


def changed(**updates):
    new = {**OLD, **updates}
    return describe_plan_change(OLD, new)


def test_a_changed_cell_names_section_row_field_and_values():
    tasks = [{**OLD["tasks"][0], "pessimistic": 30}, OLD["tasks"][1]]
    assert changed(tasks=tasks) == "Tasks › Data cleaning › pessimistic: 25 → 30"


def test_nested_field_and_empty_values():
    assert changed(estimation={"target_days": 130, "seed": 1}) == "Estimation › target days: empty → 130"
    assert changed(data_agreement={"contact": "Ana (data owner)"}) == "Data agreement › contact: empty → Ana (data owner)"


def test_added_and_removed_rows_are_named():
    assert changed(participants=["Ana", "Bo"]) == "Participants: added Bo"
    assert changed(tasks=OLD["tasks"][:1]) == "Tasks: removed Model"


def test_first_save_and_no_change():
    assert describe_plan_change(None, OLD) == "plan created"
    assert describe_plan_change(OLD, dict(OLD)) == "no change"


def test_many_changes_are_cut_with_a_count():
    new = {**OLD, "participants": [f"P{i}" for i in range(MAX_CHANGES + 3)]}
    text = describe_plan_change(OLD, new)
    assert text.count("added") == MAX_CHANGES  # 8 added + 1 removed: the first five are named
    assert text.endswith("; and 4 more")


def test_long_values_are_shortened():
    text = changed(data_agreement={"contact": "x" * 500})
    assert len(text) < 120 and text.endswith("…")


def test_the_workshops_open_disagreements_are_named_in_history():
    """Issue 15: "Put the open disagreements into the plan" and settling one say so in History, with the question."""
    question = {"expectation": "exp_timeline", "question": "How certain is the timeline for the model work?", "answers": []}
    before = {**OLD, "open_questions": []}
    expected = "Workshop disagreements not settled: added How certain is the timeline for the model work?"
    assert describe_plan_change(before, {**before, "open_questions": [question]}) == expected
