"""Issue 14: the schedule-risk simulation — challenges as risk drivers, their properties and the planner's calibration targets."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from planner.answers import answers_from_document
from planner.assessment import assess
from planner.content import load_content
from planner.plan import default_plan
from planner.plan.buffers import UNASSESSED, compute_buffers, delivery_target
from planner.plan.catalogue import load_catalogue
from planner.plan.model import Estimation, Plan, Task
from planner.plan.schedule import p80_contributions, simulate_schedule, target_chance, totals_without_each, triangular_from_uniform
from planner.safe_yaml import load_document

CONTENT = load_content()
ROOT = Path(__file__).resolve().parents[1]


def example(name: str) -> dict:
    path = ROOT / "examples" / f"{name}.yaml"
    return answers_from_document(load_document(path.read_bytes(), str(path)), CONTENT, str(path))


def schedule(answers: dict, plan: Plan | None = None, **estimation):
    plan = plan or default_plan(CONTENT, answers)
    if estimation:
        plan = plan.model_copy(update={"estimation": plan.estimation.model_copy(update=estimation)})
    return compute_buffers(plan, answers, assess(CONTENT, answers))


# -- the core (plan/schedule.py) ------------------------------------------------------------------------------

def test_triangular_quantiles_match_numpy_and_a_point_range_is_its_value():
    u = np.linspace(0.001, 0.999, 999)[:, None]
    got = triangular_from_uniform(u, np.array([1.0, 2.0]), np.array([1.5, 2.0]), np.array([3.0, 2.0]))
    draws = np.random.default_rng(1).triangular(1.0, 1.5, 3.0, 200_000)
    assert np.allclose(np.quantile(draws, u[:, 0]), got[:, 0], atol=0.02)
    assert np.all(got[:, 1] == 2.0)


def _run(probability, trials=2000, seed=7):
    low, mode, high = [1, 2, 4, 3], [2, 5, 6, 4], [5, 9, 14, 8]
    impact = [[1, 1.2, 2], [1, 1, 3], [1.1, 1.3, 1.6]]
    touches = [[1, 1, 0, 0], [0, 1, 1, 1], [1, 0, 0, 1]]
    return simulate_schedule(low, mode, high, probability, impact, touches, trials=trials, seed=seed)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=3, max_size=3), st.lists(st.floats(0, 1), min_size=3, max_size=3))
def test_a_higher_probability_never_shortens_a_trial_or_a_percentile(p, extra):
    higher = [min(1.0, a + b) for a, b in zip(p, extra, strict=True)]
    low, high = _run(p).totals, _run(higher).totals
    assert np.all(high >= low)
    assert np.all(np.percentile(high, [50, 80, 95]) >= np.percentile(low, [50, 80, 95]))


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=3, max_size=3), st.integers(0, 2))
def test_removing_a_driver_never_lengthens_and_contributions_are_p80_with_minus_without(p, off):
    run = _run(p)
    switched = list(p)
    switched[off] = 0.0
    without = _run(switched).totals
    assert np.all(without <= run.totals)
    assert np.allclose(totals_without_each(run)[:, off], without)
    contributions = dict(p80_contributions(run, ["a", "b", "c"]))
    expected = np.percentile(run.totals, 80) - np.percentile(without, 80)
    assert contributions["abc"[off]] == pytest.approx(expected, abs=1e-9)
    assert list(contributions.values()) == sorted(contributions.values(), reverse=True)


def test_the_same_seed_gives_the_same_draws_and_another_seed_others():
    assert np.array_equal(_run([0.5, 0.5, 0.5]).totals, _run([0.5, 0.5, 0.5]).totals)
    assert not np.array_equal(_run([0.5, 0.5, 0.5]).totals, _run([0.5, 0.5, 0.5], seed=8).totals)


def test_target_chance():
    assert target_chance([1, 2, 3, 4], 2) == 0.5 and target_chance([1, 2], None) is None


# -- the knowledge base ---------------------------------------------------------------------------------------

def test_every_challenge_is_a_driver_cited_to_its_own_finding():
    drivers = load_catalogue().schedule.drivers
    assert sorted(d.challenge for d in drivers) == sorted(c.id for c in CONTENT.kb.challenges)
    for d in drivers:
        assert any(d.challenge in c.split(",")[1] for c in d.citations if "," in c), d.challenge
    assert "planner's own calibration" in load_catalogue().schedule.note


def test_drivers_read_the_assessment_likelihoods():
    answers = example("risky")
    result = schedule(answers)
    likelihood = {c.id: c.likelihood for c in assess(CONTENT, answers).challenges}
    assert {d.id: d.value for d in result.drivers} == {cid: (UNASSESSED if v is None else v) for cid, v in likelihood.items()}
    assert list(result.contributions)[:3] == ["R4", "I4", "D1"]  # the tornado's top three on the risky example


# -- tasks from the answers -----------------------------------------------------------------------------------

def _task(plan: Plan, kind: str) -> Task | None:
    return next((t for t in plan.tasks if t.kind == kind), None)


def test_generated_tasks_say_which_answer_added_them(best_answers_except):
    best = default_plan(CONTENT, best_answers_except({"setup_data_source": ["in_house"], "data_refresh": "on_request"}))
    assert all(_task(best, kind) is None for kind in ("access", "privacy", "labelling", "rewrite", "pipeline"))
    risky = default_plan(CONTENT, best_answers_except({"data_access_obstacles": ["approvals_pending"], "setup_data_source": ["hired_team", "in_house"],
                                                       "data_sensitivity": ["health"], "setup_integration": "shared_model_code",
                                                       "int_code_rewrite": "solo_rewrite", "data_refresh": "continuous_agreed"}))
    for kind, question in (("access", "data_access_obstacles"), ("labelling", "setup_data_source"), ("privacy", "data_sensitivity"),
                           ("rewrite", "int_code_rewrite"), ("pipeline", "data_refresh")):
        task = _task(risky, kind)
        assert task is not None and task.added_by.startswith("added by") and f"({question})" in task.added_by, kind
    assert _task(risky, "exploration").added_by == ""  # every plan has it


def test_monitoring_set_up_is_sized_by_the_monitoring_answers(best_answers_except):
    small = _task(default_plan(CONTENT, best_answers_except({})), "monitoring")
    big = _task(default_plan(CONTENT, best_answers_except({"qa_telemetry": "nothing"})), "monitoring")
    assert big.likely > small.likely and "(qa_telemetry)" in big.added_by and small.added_by == ""


# -- the delivery date ----------------------------------------------------------------------------------------

def test_the_questionnaires_delivery_weeks_are_the_default_target_and_the_plans_own_wins():
    answers = example("well-prepared")
    assert answers["req_weeks_to_delivery"] == 26
    result = schedule(answers)
    assert result.summary.target_days == 130 and "26 weeks" in result.target_source
    assert result.summary.probability_on_time == target_chance(result.totals, 130)
    own = schedule(answers, target_days=60)
    assert own.summary.target_days == 60 and own.target_source == "the plan"
    assert delivery_target(Plan(), {}) == (None, "")


# -- time-boxes -----------------------------------------------------------------------------------------------

def test_a_research_time_box_has_a_go_no_go_with_probabilities_from_the_simulation():
    for name in ("risky", "well-prepared"):
        (box,) = schedule(example(name)).go_no_go
        assert [label for label, _, _ in box.outcomes] == ["Go", "Continue with a new box", "Change the approach", "Stop"]
        assert sum(p for _, p, _ in box.outcomes) == pytest.approx(1)
        assert box.outcomes[0][1] == pytest.approx(1 - box.overrun)
    assert schedule(example("risky")).go_no_go[0].overrun > 2 * schedule(example("well-prepared")).go_no_go[0].overrun


# -- properties over answers ----------------------------------------------------------------------------------

SCORED = [q for s in CONTENT.sections for q in s.questions if q.scored and q.options]
BASE = example("well-prepared")
BASE_PLAN = default_plan(CONTENT, BASE).model_copy(update={"estimation": Estimation(trials=400)})
BASE_LIKELIHOOD = {c.id: c.likelihood for c in assess(CONTENT, BASE).challenges}


@st.composite
def answer_changes(draw):
    changed = dict(BASE)
    for q in draw(st.lists(st.sampled_from(SCORED), min_size=1, max_size=3, unique_by=lambda q: q.id)):
        values = [o.value for o in q.options]
        changed[q.id] = [draw(st.sampled_from(values))] if q.type == "multi" else draw(st.sampled_from(values))
    return changed


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(answer_changes())
def test_answer_changes_that_raise_likelihoods_never_shorten_a_percentile(changed):
    after = {c.id: c.likelihood for c in assess(CONTENT, changed).challenges}
    before = BASE_LIKELIHOOD
    assume(all(None not in (before[c], after[c]) and after[c] >= before[c] for c in before))
    assume(any(after[c] > before[c] for c in before))
    old, new = compute_buffers(BASE_PLAN, BASE, assess(CONTENT, BASE)), compute_buffers(BASE_PLAN, changed, assess(CONTENT, changed))
    for p in ("p50", "p80", "p95"):
        assert getattr(new.summary, p) >= getattr(old.summary, p) - 1e-9, p


# -- calibration targets (the planner's own) ------------------------------------------------------------------

def test_all_best_answers_keep_the_tail_short(best_answers_except):
    s = schedule(best_answers_except({})).summary
    assert s.p95 / s.p50 <= 1.3


def test_the_risky_example_has_a_visibly_larger_buffer_and_a_long_tail():
    risky, prepared = schedule(example("risky")).summary, schedule(example("well-prepared")).summary
    assert risky.p80 - risky.p50 >= 2.5 * (prepared.p80 - prepared.p50)
    assert risky.p95 >= 1.5 * risky.p50


def test_an_edit_works_on_groups_of_tasks_and_never_builds_a_trials_by_tasks_array(monkeypatch):
    """Issue 16: at 500 tasks a (trials, tasks) array per edit (durations, and the contributions' product with them) was
    most of the edit's cost; the run now sums each group of tasks that the same drivers touch once."""
    from planner.plan import schedule as schedule_module

    answers = example("risky")
    plan = default_plan(CONTENT, answers)
    plan = plan.model_copy(update={"tasks": [*plan.tasks, *[Task(name=f"T{i}", driver=("model", "data", "none")[i % 3],
                                                                  exploratory=i == 0, optimistic=1, likely=3, pessimistic=8)
                                                             for i in range(60)]]})
    expected = compute_buffers(plan, answers, assess(CONTENT, answers))
    run = simulate_schedule([1, 2, 3, 1], [2, 3, 4, 2], [4, 6, 9, 5], [0.5, 0.3], [[1, 1.2, 2], [1, 1.1, 1.5]],
                            [[1, 1, 0, 1], [0, 1, 0, 1]], trials=500, seed=3)
    assert run.group_base.shape == (500, 3)  # tasks 1 and 4 are touched by the same drivers
    per_task = run.durations @ run.touches.T
    assert np.allclose((run.group_base * run.group_factor) @ run.patterns.T, per_task)
    assert np.allclose(run.totals, run.durations.sum(axis=1))

    def refused(self):
        raise AssertionError("a (trials, tasks) array was built")

    monkeypatch.setattr(schedule_module.ScheduleRun, "base", property(refused))
    monkeypatch.setattr(schedule_module.ScheduleRun, "durations", property(refused))
    got = compute_buffers(plan, answers, assess(CONTENT, answers))
    assert got.summary == expected.summary and got.contributions == expected.contributions and got.go_no_go == expected.go_no_go


def test_the_groups_multiplier_is_computed_once_per_run():
    """Issue 16: the totals and the drivers' contributions share one exp((trials, drivers) @ (drivers, groups)); the
    contributions computed it a second time on every estimate edit."""
    run = _run([0.5, 0.3, 0.8])
    assert "group_factor" in run.__dict__  # kept from the totals, not computed again when first read
    assert np.array_equal(run.group_factor, np.exp(run.log_factor @ run.patterns))
    assert np.allclose((run.group_base * run.group_factor).sum(axis=1), run.totals)
