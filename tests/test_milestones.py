"""Milestones: named snapshots of the answers, the score trend and the comparison of two."""

from pathlib import Path

import pytest

from planner.content import load_content
from planner.milestones import compare, trend
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
