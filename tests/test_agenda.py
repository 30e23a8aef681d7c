"""The kickoff agenda fits the planned duration, with more minutes where the risk is higher (issue 15 §2)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.content import load_content
from planner.plan.agenda import WORKSHOP_MINUTES_RANGE, allot, split_duration
from planner.plan.defaults import FIXED_TOPICS, default_agenda

CONTENT = load_content()
scores = st.lists(st.one_of(st.none(), st.floats(0, 100)), min_size=1, max_size=8)
durations = st.integers(*WORKSHOP_MINUTES_RANGE)


@settings(max_examples=300, deadline=None)
@given(durations, scores)
def test_the_agenda_total_is_the_planned_duration_and_higher_risk_never_gets_fewer_minutes(total, risks):
    fixed, points = split_duration(total, [m for _, m, _ in FIXED_TOPICS], risks)
    assert sum(fixed) + sum(points) == total
    assert all(m >= 0 for m in fixed + points)
    known = [50.0 if r is None else r for r in risks]
    for a, b in ((i, j) for i in range(len(risks)) for j in range(len(risks))):
        if known[a] > known[b]:
            assert points[a] >= points[b], (known, points)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 600), st.lists(st.floats(0, 1000), min_size=1, max_size=10))
def test_allot_sums_to_the_total_and_follows_the_weights(total, weights):
    minutes = allot(total, weights)
    assert sum(minutes) == total
    for a in range(len(weights)):
        for b in range(len(weights)):
            if weights[a] > weights[b]:
                assert minutes[a] >= minutes[b]


def test_the_default_agenda_is_two_hours_with_a_break_and_the_closing_survey():
    agenda = default_agenda(CONTENT, {})
    assert sum(a.minutes for a in agenda) == 120  # was 130
    topics = [a.topic for a in agenda]
    assert "Break" in topics and any(t.startswith("Closing survey") for t in topics)
    assert sum(a.minutes for a in default_agenda(CONTENT, {}, 90)) == 90


def test_the_riskier_collaboration_point_gets_more_minutes(monkeypatch):
    """Scores of 44/47/56 (the review) gave 30 minutes each; now they get different minutes, the riskiest the most."""
    import planner.assessment as assessment

    real = assessment.assess

    def scored(content, answers):
        result = real(content, answers)
        points = [p.__class__(**{**p.__dict__, "score": s}) if hasattr(p, "__dict__") else p
                  for p, s in zip(result.points, (44, 47, 56), strict=False)]
        return result.__class__(**{**result.__dict__, "points": points})

    monkeypatch.setattr(assessment, "assess", scored)
    titles = [p.title for p in CONTENT.kb.collaboration_points]
    minutes = {a.topic: a.minutes for a in default_agenda(CONTENT, {}) if a.topic in titles}
    shown = [minutes[t] for t in titles]
    assert shown == sorted(shown) and shown[0] < shown[-1], shown


@pytest.mark.parametrize("total", [60, 95, 120, 480])
def test_every_slot_gets_some_time(total):
    fixed, points = split_duration(total, [m for _, m, _ in FIXED_TOPICS], [10, 50, 90])
    assert all(m > 0 for m in fixed + points), (fixed, points)


def test_plan_page_shows_the_agenda_against_the_planned_duration_and_warns_when_it_runs_over(tmp_path, monkeypatch):
    import streamlit
    from test_plan_page import BROWSER, open_plan

    from planner.store import Store

    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "agenda.db"))
    streamlit.cache_resource.clear()
    store = Store()
    project = store.create_project("Agenda", browser=BROWSER)
    store.save_plan(project.id, {"schema_version": 1, "agenda": [{"topic": "Everything", "minutes": 130}]}, 0)
    at = open_plan(project.id, "workshop")
    assert any("1 topics, 130 of 120 planned minutes" in c.value for c in at.caption)
    assert any("10 more than the planned 120" in w.value for w in at.warning)
    at.number_input(key="plan_workshop_minutes").set_value(90)
    at.run()
    assert store.load_plan(project.id)[0]["workshop_minutes"] == 90
    at.button(key="plan_agenda_fit").click()
    at.run()
    agenda = store.load_plan(project.id)[0]["agenda"]
    assert sum(a["minutes"] for a in agenda) == 90 and not at.warning and not at.exception
    streamlit.cache_resource.clear()
