"""Milestones: named snapshots of the answers, the score trend and the comparison of two."""

from pathlib import Path

import pytest

from planner.content import load_content
from planner.milestones import Milestone, compare, trend
from planner.safe_yaml import load_yaml
from planner.store import StoreError
from planner.store.store import MILESTONE_LIMIT

ROOT = Path(__file__).resolve().parents[1]
CONTENT = load_content()
RISKY = {k: v for k, v in load_yaml((ROOT / "examples" / "risky.yaml").read_bytes(), "r").items() if k != "schema_version"}
GOOD = {k: v for k, v in load_yaml((ROOT / "examples" / "well-prepared.yaml").read_bytes(), "g").items()
        if k != "schema_version"}


def test_a_milestone_keeps_the_answers_of_its_moment(store):
    project = store.create_project("P")
    store.save_answer(project.id, "setup_team_size", 3)
    kickoff = store.save_milestone(project.id, "  Kickoff\n")
    store.save_answer(project.id, "setup_team_size", 7)
    store.save_answer(project.id, "setup_trajectory", "parallel")
    later = store.save_milestone(project.id, "End of exploration")
    listed = store.list_milestones(project.id)
    assert [m.name for m in listed] == ["Kickoff", "End of exploration"]
    assert listed[0].answers == {"setup_team_size": 3} and kickoff.answers == {"setup_team_size": 3}
    assert listed[1].answers == {"setup_team_size": 7, "setup_trajectory": "parallel"}
    store.delete_milestone(project.id, kickoff.id)
    assert [m.id for m in store.list_milestones(project.id)] == [later.id]


def test_milestone_entries_leave_the_answers_out_and_answers_are_read_by_id(store):
    project, other = store.create_project("P"), store.create_project("Q")
    store.save_answer(project.id, "setup_team_size", 3)
    kickoff = store.save_milestone(project.id, "Kickoff")
    store.save_answer(project.id, "setup_team_size", 7)
    later = store.save_milestone(project.id, "Later")
    foreign = store.save_milestone(other.id, "Theirs")
    entries = store.milestone_entries(project.id)
    assert [(e.id, e.name) for e in entries] == [(kickoff.id, "Kickoff"), (later.id, "Later")]
    assert not hasattr(entries[0], "answers") and entries[0].created_at == store.list_milestones(project.id)[0].created_at
    assert store.milestone_answers(project.id, [later.id]) == {later.id: {"setup_team_size": 7}}
    assert store.milestone_answers(project.id, {kickoff.id, foreign.id, "gone"}) == {kickoff.id: {"setup_team_size": 3}}
    assert store.milestone_answers(project.id, []) == {}


def test_cleared_answers_are_not_in_a_milestone(store):
    project = store.create_project("P")
    version = store.save_answer(project.id, "setup_team_size", 3)
    store.save_answer(project.id, "setup_team_size", None, version)
    assert store.save_milestone(project.id, "Kickoff").answers == {}


@pytest.mark.parametrize("name", ["", "   ", "x" * 81])
def test_milestone_names_are_checked(store, name):
    project = store.create_project("P")
    with pytest.raises(ValueError):
        store.save_milestone(project.id, name)
    assert store.list_milestones(project.id) == []


def test_milestones_are_limited_and_need_a_project(store):
    project = store.create_project("P")
    for i in range(MILESTONE_LIMIT):
        store.save_milestone(project.id, f"M{i}")
    with pytest.raises(StoreError, match="at most"):
        store.save_milestone(project.id, "One too many")
    with pytest.raises(StoreError, match="no longer exists"):
        store.save_milestone("AAAAAAAAAAAAAAAA", "Kickoff")


def test_deleting_a_project_deletes_its_milestones(store):
    project = store.create_project("P")
    store.save_milestone(project.id, "Kickoff")
    store.delete_project(project.id)
    assert store.list_milestones(project.id) == []


def test_trend_has_every_point_at_every_milestone_and_now(store):
    project = store.create_project("P")
    store.replace_answers(project.id, RISKY)
    store.save_milestone(project.id, "Kickoff")
    store.replace_answers(project.id, GOOD)
    store.save_milestone(project.id, "Pre-launch")
    points = trend(CONTENT, store.list_milestones(project.id), current=GOOD)
    assert [p.milestone for p in points] == ["Kickoff"] * 3 + ["Pre-launch"] * 3 + ["Now"] * 3
    by = {(p.milestone, p.point_id): p.score for p in points}
    for point in CONTENT.kb.collaboration_points:
        assert by[("Pre-launch", point.id)] < by[("Kickoff", point.id)]
        assert by[("Pre-launch", point.id)] == by[("Now", point.id)]


def test_compare_lists_changed_answers_and_moved_challenges():
    result = compare(CONTENT, RISKY, {**RISKY, "req_error_expectations": "agreed"})
    assert [c.question_id for c in result.answers] == ["req_error_expectations"]
    change = result.answers[0]
    assert "no errors" in change.before and "agreed" in change.after
    assert result.challenges and all(c.after < c.before for c in result.challenges)
    assert compare(CONTENT, RISKY, RISKY).answers == () and compare(CONTENT, RISKY, RISKY).challenges == ()


def test_compare_shows_unanswered_questions():
    result = compare(CONTENT, {}, {"setup_team_size": 4})
    assert result.answers[0].before == "not answered" and result.answers[0].after.startswith("4")


def test_a_milestones_assessment_is_computed_once_and_kept(monkeypatch):
    """Issue 16: the page re-assessed every milestone on every rerun; its answers never change, so it is kept."""
    import planner.milestones as milestones_module
    from planner.content.loader import _assemble, _builtin_files, content_dir

    kb, files = _builtin_files(str(content_dir()))
    content = _assemble(kb, list(files))  # a Content of its own, so no other test's assessments are kept in it
    calls = []
    real = milestones_module.assess
    monkeypatch.setattr(milestones_module, "assess", lambda c, a: calls.append(dict(a)) or real(c, a))
    kept = [Milestone("k", "Kickoff", None, dict(RISKY)), Milestone("g", "Good", None, dict(GOOD))]
    first = trend(content, kept, current=RISKY)
    assert len(calls) == 2  # "Now" has the kickoff's answers: one assessment serves both
    assert trend(content, kept, current=RISKY) == first and len(calls) == 2  # the next rerun assesses nothing
    compare(content, RISKY, GOOD)
    assert len(calls) == 2
    changed = dict(RISKY, setup_team_size=RISKY.get("setup_team_size", 3) + 1)
    trend(content, kept, current=changed)
    assert len(calls) == 3 and calls[-1] == changed  # other answers: a new assessment


def test_kept_assessments_tell_answer_types_apart():
    from planner.milestones import answers_key

    assert len({answers_key({"q": 1}), answers_key({"q": 1.0}), answers_key({"q": True}), answers_key({"q": [1]})}) == 4
    assert answers_key({"a": 1, "b": 2}) == answers_key({"b": 2, "a": 1})


def test_informs_and_points_informed_are_computed_once_per_question():
    """Issue 16: `informs()` rebuilt a set 54,890 times per Milestones rerun; the content is frozen."""
    question = CONTENT.questions["setup_trajectory"]
    assert question.informs() is question.informs()
    assert CONTENT.points_informed(question) is CONTENT.points_informed(question)
    assert CONTENT.points_informed(question) == {CONTENT.challenges[c].collaboration_point for c in question.informs()}
