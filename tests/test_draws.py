"""Common random numbers (plan/draws.py): per-task and per-driver streams, drawn once and shared by every variant."""

from pathlib import Path

import numpy as np
import pytest

from planner.answers import answers_from_document
from planner.assessment import assess
from planner.content import load_content
from planner.plan import default_plan, draws
from planner.plan.buffers import compute_buffers
from planner.plan.montecarlo import sample_durations
from planner.plan.schedule import driver_log_factors, simulate_schedule
from planner.plan.whatif import chosen_levers, schedule_answers
from planner.safe_yaml import load_yaml

ROOT = Path(__file__).resolve().parents[1]
CONTENT = load_content()
RISKY = answers_from_document(load_yaml((ROOT / "examples" / "risky.yaml").read_bytes(), "risky"), CONTENT, "risky")
LOW, MODE, HIGH = [1.0, 2.0, 3.0, 0.5], [2.0, 4.0, 5.0, 0.5], [4.0, 9.0, 8.0, 0.5]


@pytest.fixture(autouse=True)
def _no_kept_draws():
    draws.clear_draws()
    yield
    draws.clear_draws()


@pytest.mark.parametrize("distribution", ["pert", "triangular"])
def test_editing_one_task_redraws_only_its_own_column(distribution):
    before = sample_durations(LOW, MODE, HIGH, trials=2000, seed=3, distribution=distribution)
    edited = sample_durations([LOW[0], 1.0, *LOW[2:]], [MODE[0], 6.0, *MODE[2:]], [HIGH[0], 12.0, *HIGH[2:]], trials=2000,
                              seed=3, distribution=distribution)
    assert not np.array_equal(before[:, 1], edited[:, 1])
    assert np.array_equal(np.delete(before, 1, axis=1), np.delete(edited, 1, axis=1))


def test_adding_a_task_at_the_end_keeps_every_other_task_s_draws():
    before = sample_durations(LOW, MODE, HIGH, trials=2000, seed=3)
    longer = sample_durations([*LOW, 2.0], [*MODE, 3.0], [*HIGH, 6.0], trials=2000, seed=3)
    assert np.array_equal(longer[:, :-1], before)


def test_a_driver_s_draws_follow_its_id_not_its_position_nor_the_other_drivers():
    impact = [[1.0, 1.2, 1.8], [1.0, 1.5, 2.5], [1.1, 1.3, 1.4]]
    three = driver_log_factors([0.5, 0.4, 0.6], impact, trials=3000, seed=5, ids=["R4", "I4", "D1"])
    two = driver_log_factors([0.6, 0.5], [impact[2], impact[0]], trials=3000, seed=5, ids=["D1", "R4"])
    assert np.array_equal(two[:, 0], three[:, 2]) and np.array_equal(two[:, 1], three[:, 0])
    assert not np.array_equal(three[:, 0], driver_log_factors([0.5], impact[:1], trials=3000, seed=6, ids=["R4"])[:, 0])


def test_lowering_a_probability_only_removes_occurrences_trial_by_trial():
    touches = [[True, True, False, False], [False, True, True, True]]
    impact = [[1.0, 1.5, 2.0], [1.0, 1.2, 3.0]]
    high = simulate_schedule(LOW, MODE, HIGH, [0.7, 0.5], impact, touches, trials=3000, seed=9, ids=["a", "b"])
    low = simulate_schedule(LOW, MODE, HIGH, [0.2, 0.5], impact, touches, trials=3000, seed=9, ids=["a", "b"])
    occurred = high.log_factor[:, 0] != 0
    assert np.all((low.log_factor[:, 0] != 0) <= occurred) and (low.log_factor[:, 0] != 0).sum() < occurred.sum()
    assert np.all(low.totals <= high.totals + 1e-9)
    assert np.allclose(high.totals, high.durations.sum(axis=1))


def test_kept_draws_are_the_ones_drawn_afresh_and_cannot_be_changed_by_a_caller():
    first = sample_durations(LOW, MODE, HIGH, trials=1000, seed=11)
    first[:] = -1.0  # the caller's copy, not the kept columns
    kept = sample_durations(LOW, MODE, HIGH, trials=1000, seed=11)
    draws.clear_draws()
    fresh = sample_durations(LOW, MODE, HIGH, trials=1000, seed=11)
    assert np.array_equal(kept, fresh) and kept.min() >= 0
    with pytest.raises(ValueError):
        draws.driver_uniforms(11, "R4", trials=1000)[0, 0] = 2.0


def test_unseeded_runs_are_drawn_every_time_and_never_kept():
    a = sample_durations(LOW, MODE, HIGH, trials=1000, seed=None)
    b = sample_durations(LOW, MODE, HIGH, trials=1000, seed=None)
    assert not np.array_equal(a, b) and not draws._kept


def test_kept_draws_stay_within_their_bound(monkeypatch):
    monkeypatch.setattr(draws, "CACHE_BYTES", 3 * 1000 * 8)
    for seed in range(5):
        sample_durations(LOW, MODE, HIGH, trials=1000, seed=seed)
        assert draws._kept_bytes <= draws.CACHE_BYTES and len(draws._kept) <= 3
    assert np.array_equal(sample_durations(LOW, MODE, HIGH, trials=1000, seed=0),
                          (draws.clear_draws(), sample_durations(LOW, MODE, HIGH, trials=1000, seed=0))[1])


def test_a_lever_variant_reuses_the_plan_s_draws_and_draws_nothing_new(monkeypatch):
    plan = default_plan(CONTENT, RISKY)
    before = compute_buffers(plan, RISKY, assess(CONTENT, RISKY))
    streams = []
    real = draws._stream
    monkeypatch.setattr(draws, "_stream", lambda *a: streams.append(a) or real(*a))
    lever_answers = schedule_answers(CONTENT, RISKY, chosen_levers(CONTENT, [lever.id for lever in CONTENT.kb.levers]))
    after = compute_buffers(plan, lever_answers, assess(CONTENT, lever_answers), details=False)
    assert streams == []
    assert np.all(after.totals <= before.totals + 1e-9) and after.summary.p80 < before.summary.p80
