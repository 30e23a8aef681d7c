"""Monte Carlo schedule estimation: distributions match their theory, inputs are checked per row."""

from __future__ import annotations

import dataclasses
import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.plan.montecarlo import (
    DISTRIBUTIONS,
    EstimateProblem,
    Summary,
    cumulative,
    histogram,
    sample_durations,
    simulate_total,
    summarise,
    validate_estimates,
)

BIG = 200_000


def pert_mean(a, m, b):
    return (a + 4 * m + b) / 6


def pert_var(a, m, b):
    mean = pert_mean(a, m, b)
    return (mean - a) * (b - mean) / 7


def tri_mean(a, m, b):
    return (a + m + b) / 3


def tri_var(a, m, b):
    return (a * a + m * m + b * b - a * m - a * b - m * b) / 18


def tri_quantile(q, a, m, b):
    """Inverse CDF of the triangular distribution."""
    if q <= (m - a) / (b - a):
        return a + math.sqrt(q * (b - a) * (m - a))
    return b - math.sqrt((1 - q) * (b - a) * (b - m))


# -- single tasks match the theory ----------------------------------------------------------------

@pytest.mark.parametrize("a, m, b", [(2, 5, 14), (10, 11, 30), (0, 9, 10), (3, 3, 9), (1, 7, 7)])
def test_pert_mean_and_variance(a, m, b):
    x = sample_durations([a], [m], [b], trials=BIG)[:, 0]
    assert x.mean() == pytest.approx(pert_mean(a, m, b), rel=0.01)
    assert x.var() == pytest.approx(pert_var(a, m, b), rel=0.01)


def test_pert_is_skewed_towards_the_long_tail():
    x = sample_durations([2], [4], [20], trials=BIG)[:, 0]
    assert np.median(x) < x.mean()  # right-skewed: the tail pulls the mean up


@pytest.mark.parametrize("a, m, b", [(2, 5, 14), (0, 0, 10), (4, 10, 10), (1, 2, 3)])
def test_triangular_mean_and_percentiles(a, m, b):
    x = sample_durations([a], [m], [b], trials=BIG, distribution="triangular")[:, 0]
    assert x.mean() == pytest.approx(tri_mean(a, m, b), rel=0.01)
    assert x.var() == pytest.approx(tri_var(a, m, b), rel=0.02)
    for q in (0.5, 0.8, 0.95):
        assert np.percentile(x, 100 * q) == pytest.approx(tri_quantile(q, a, m, b), rel=0.01)


@pytest.mark.parametrize("distribution", DISTRIBUTIONS)
def test_sum_of_thirty_tasks_adds_means_and_variances(distribution):
    rng = np.random.default_rng(7)
    low = rng.uniform(1, 10, 30)
    mode = low + rng.uniform(0, 10, 30)
    high = mode + rng.uniform(1, 20, 30)
    mean_f, var_f = (pert_mean, pert_var) if distribution == "pert" else (tri_mean, tri_var)
    totals = simulate_total(low, mode, high, trials=BIG, distribution=distribution)
    assert totals.shape == (BIG,)
    expected_mean = sum(mean_f(*t) for t in zip(low, mode, high, strict=True))
    expected_std = math.sqrt(sum(var_f(*t) for t in zip(low, mode, high, strict=True)))
    assert totals.mean() == pytest.approx(expected_mean, rel=0.01)
    assert totals.std() == pytest.approx(expected_std, rel=0.01)
    # the total is much less spread than the sum of the per-task spreads (independence)
    assert totals.std() < 0.5 * sum(math.sqrt(var_f(*t)) for t in zip(low, mode, high, strict=True))


def test_simulate_total_is_the_row_sum_of_sample_durations():
    args = ([1, 2, 0], [2, 5, 0], [4, 9, 3])
    assert np.allclose(simulate_total(*args, trials=500, seed=3), sample_durations(*args, trials=500, seed=3).sum(axis=1))


# -- seeds ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("distribution", DISTRIBUTIONS)
def test_same_seed_same_draws_other_seed_other_draws(distribution):
    args = ([1, 2, 3], [2, 5, 4], [4, 9, 10])
    first = sample_durations(*args, trials=1000, seed=42, distribution=distribution)
    again = sample_durations(*args, trials=1000, seed=42, distribution=distribution)
    other = sample_durations(*args, trials=1000, seed=43, distribution=distribution)
    assert np.array_equal(first, again)
    assert not np.array_equal(first, other)


def test_default_seed_is_reproducible():
    assert np.array_equal(simulate_total([1], [2], [5]), simulate_total([1], [2], [5]))


def test_pert_and_triangular_differ():
    args = ([1], [2], [9])
    assert not np.array_equal(sample_durations(*args, distribution="pert"), sample_durations(*args, distribution="triangular"))


# -- edge cases of the estimates ------------------------------------------------------------------

@pytest.mark.parametrize("distribution", DISTRIBUTIONS)
def test_degenerate_tasks_are_constant(distribution):
    x = sample_durations([5, 0, 1], [5, 0, 2], [5, 0, 4], trials=2000, distribution=distribution)
    assert np.all(x[:, 0] == 5)
    assert np.all(x[:, 1] == 0)
    assert x[:, 2].std() > 0  # the ordinary task next to them still varies
    assert np.all(np.isfinite(x))


@pytest.mark.parametrize("distribution", DISTRIBUTIONS)
def test_all_tasks_degenerate(distribution):
    totals = simulate_total([2, 3], [2, 3], [2, 3], trials=100, distribution=distribution)
    assert np.all(totals == 5)


@pytest.mark.parametrize("distribution", DISTRIBUTIONS)
def test_mode_at_an_end_of_the_range(distribution):
    # a == m < b gives PERT α = 1; m == b gives β = 1
    left = sample_durations([2], [2], [10], trials=BIG, distribution=distribution)[:, 0]
    right = sample_durations([2], [10], [10], trials=BIG, distribution=distribution)[:, 0]
    mean_f = pert_mean if distribution == "pert" else tri_mean
    assert left.min() >= 2 and left.max() <= 10
    assert right.min() >= 2 and right.max() <= 10
    assert left.mean() == pytest.approx(mean_f(2, 2, 10), rel=0.01)
    assert right.mean() == pytest.approx(mean_f(2, 10, 10), rel=0.01)


@pytest.mark.parametrize("distribution", DISTRIBUTIONS)
def test_zero_tasks(distribution):
    assert validate_estimates([], [], []) == []
    assert sample_durations([], [], [], trials=100, distribution=distribution).shape == (100, 0)
    totals = simulate_total([], [], [], trials=100, distribution=distribution)
    assert totals.shape == (100,) and np.all(totals == 0)
    s = summarise(totals, target_days=0)
    assert s.p50 == s.p80 == s.p95 == s.buffer == 0 and s.probability_on_time == 1.0


def test_accepts_ints_floats_and_arrays():
    ints = simulate_total([1, 2], [2, 3], [3, 4], trials=200)
    floats = simulate_total([1.0, 2.0], [2.0, 3.0], [3.0, 4.0], trials=200)
    arrays = simulate_total(np.array([1, 2]), np.array([2.0, 3.0]), (3, 4), trials=200)
    assert np.array_equal(ints, floats) and np.array_equal(ints, arrays)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.floats(min_value=0, max_value=1000, allow_nan=False, allow_infinity=False), min_size=3, max_size=3)
    | st.lists(st.integers(min_value=0, max_value=1000), min_size=3, max_size=3),
    st.sampled_from(DISTRIBUTIONS),
    st.integers(min_value=0, max_value=2**32 - 1),
)
def test_samples_stay_within_the_range(values, distribution, seed):
    a, m, b = sorted(values)
    x = sample_durations([a], [m], [b], trials=200, seed=seed, distribution=distribution)
    assert x.shape == (200, 1)
    assert np.all(x >= a) and np.all(x <= b)


# -- invalid input --------------------------------------------------------------------------------

def texts(problems) -> list[str]:
    return [str(p) for p in problems]


def test_message_format():
    assert texts(validate_estimates([1, 1, 5], [2, 2, 3], [3, 3, 2])) == ["row 3: optimistic (5) is larger than pessimistic (2)"]


def test_problems_are_objects_naming_row_and_field():
    problems = validate_estimates([1, -1, 5, 1], [2, 2, 3, 9], [3, 3, 2, 4])
    assert problems == [EstimateProblem("optimistic (-1) is negative", 2, "optimistic"),
                        EstimateProblem("optimistic (5) is larger than pessimistic (2)", 3, None),
                        EstimateProblem("most likely (9) is outside optimistic..pessimistic (1..4)", 4, "most likely")]
    assert validate_estimates([1], [2, 3], [4]) == [
        EstimateProblem("optimistic, most likely and pessimistic have different lengths (1, 2, 1)")]
    assert str(validate_estimates([1], [2, 3], [4])[0]).startswith("optimistic, most likely")  # no row: no "row" prefix


@pytest.mark.parametrize(
    "row2, words",
    [
        ((-1, 2, 3), "negative"),
        ((1, -2, 3), "negative"),
        ((float("nan"), 2, 3), "not a finite number"),
        ((1, 2, float("inf")), "not a finite number"),
        ((1, 2, -float("inf")), "not a finite number"),
        ((5, 5, 2), "optimistic (5) is larger than pessimistic (2)"),
        ((1, 9, 3), "most likely (9) is outside"),
        ((2, 1, 3), "most likely (1) is outside"),
        ((1, 2, 10**9), "absurdly large"),
        ((1, 2, 3651), "absurdly large"),
        (("1", 2, 3), "not a number"),
        ((1, "two", 3), "not a number"),
        ((1, None, 3), "not a number"),
        ((None, None, None), "not a number"),
        ((1, 2, [3]), "not a number"),
        ((True, 2, 3), "not a number"),
    ],
)
def test_invalid_inputs_name_the_row(row2, words):
    low, mode, high = zip((1, 2, 3), row2, (0, 0, 0), strict=True)
    problems = texts(validate_estimates(low, mode, high))
    assert problems, row2
    assert all(p.startswith("row 2: ") for p in problems), problems
    assert any(words in p for p in problems), problems
    with pytest.raises(ValueError, match="row 2: "):
        sample_durations(low, mode, high, trials=100)
    with pytest.raises(ValueError, match="row 2: "):
        simulate_total(low, mode, high, trials=100, distribution="triangular")


def test_every_bad_value_is_reported():
    problems = validate_estimates([-1, 1, 1], [None, 2, 2], [3, 3, float("nan")])
    assert [p.split(":")[0] for p in texts(problems)] == ["row 1", "row 1", "row 3"]
    assert [(p.row, p.field) for p in problems] == [(1, "optimistic"), (1, "most likely"), (3, "pessimistic")]


def test_boundary_values_are_valid():
    assert validate_estimates([0, 3650, 0], [0, 3650, 3650], [0, 3650, 3650]) == []
    assert validate_estimates([np.float64(1)], [np.int64(2)], [3.5]) == []


def test_different_lengths():
    problems = validate_estimates([1, 2], [2], [3, 4])
    assert problems and "different lengths" in str(problems[0]) and problems[0].row is None
    with pytest.raises(ValueError, match="different lengths"):
        sample_durations([1, 2], [2], [3, 4])


@pytest.mark.parametrize("distribution", ["beta", "PERT", "", None, "normal"])
def test_unknown_distribution(distribution):
    with pytest.raises(ValueError, match="distribution"):
        sample_durations([1], [2], [3], distribution=distribution)


@pytest.mark.parametrize("trials", [0, 99, -5, 1_000_001, 10**9, 100.0, 500.5, "1000", True, None])
def test_trials_limits(trials):
    with pytest.raises(ValueError, match="trials"):
        sample_durations([1], [2], [3], trials=trials)


@pytest.mark.parametrize("trials", [100, 1_000_000, np.int64(500)])
def test_trials_at_the_limits_are_accepted(trials):
    assert simulate_total([1], [2], [3], trials=trials).shape == (int(trials),)


# -- summary and charts ---------------------------------------------------------------------------

def test_summarise():
    totals = simulate_total([2, 3, 1], [4, 5, 2], [10, 12, 8], trials=20_000)
    s = summarise(totals)
    assert isinstance(s, Summary)
    assert s.trials == 20_000
    assert s.p50 <= s.p80 <= s.p95
    assert s.buffer == pytest.approx(s.p80 - s.p50) and s.buffer > 0
    assert s.mean == pytest.approx(totals.mean()) and s.std == pytest.approx(totals.std())
    assert s.p80 == pytest.approx(np.percentile(totals, 80))
    assert s.probability_on_time is None and s.target_days is None
    json.dumps(s.__dict__)  # plain Python numbers
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.mean = 0  # frozen


def test_probability_on_time_is_monotone_in_the_target():
    totals = simulate_total([2, 3, 1], [4, 5, 2], [10, 12, 8], trials=5000)
    targets = np.linspace(totals.min() - 5, totals.max() + 5, 60)
    probabilities = [summarise(totals, t).probability_on_time for t in targets]
    assert all(x <= y for x, y in zip(probabilities, probabilities[1:], strict=False))
    assert summarise(totals, totals.min() - 0.01).probability_on_time == 0.0
    assert summarise(totals, totals.max()).probability_on_time == 1.0
    assert summarise(totals, totals.max() + 100).probability_on_time == 1.0
    median = summarise(totals, float(np.median(totals)))
    assert median.probability_on_time == pytest.approx(0.5, abs=0.01)
    assert median.target_days == pytest.approx(np.median(totals))


def test_summarise_small_known_values():
    s = summarise([1, 2, 3, 4], target_days=2)
    assert s.probability_on_time == 0.5 and s.target_days == 2.0
    assert s.p50 == 2.5 and s.mean == 2.5


def test_summarise_rejects_empty_and_nan_target():
    with pytest.raises(ValueError):
        summarise([])
    with pytest.raises(ValueError):
        summarise([1, 2], target_days=float("nan"))


def test_histogram():
    totals = simulate_total([2, 3], [4, 5], [10, 12], trials=10_000)
    bars = histogram(totals, bins=25)
    assert len(bars) == 25
    assert sum(b["count"] for b in bars) == 10_000
    assert bars[0]["start"] == pytest.approx(totals.min()) and bars[-1]["end"] == pytest.approx(totals.max())
    assert all(b["end"] == pytest.approx(n["start"]) for b, n in zip(bars, bars[1:], strict=False))
    json.dumps(bars)
    assert histogram([]) == []
    assert sum(b["count"] for b in histogram(np.zeros(100))) == 100  # all equal still works


def test_cumulative():
    totals = simulate_total([2, 3], [4, 5], [10, 12], trials=10_000)
    curve = cumulative(totals)
    assert len(curve) == 101
    days = [c["days"] for c in curve]
    probabilities = [c["probability"] for c in curve]
    assert days == sorted(days) and probabilities == sorted(probabilities)
    assert days[0] == pytest.approx(totals.min()) and days[-1] == pytest.approx(totals.max())
    assert probabilities[-1] == 1.0 and 0 < probabilities[0] <= 0.01
    for c in curve[::10]:
        assert c["probability"] == pytest.approx(np.mean(totals <= c["days"]))
    json.dumps(curve)
    assert cumulative([]) == []
    assert [c["probability"] for c in cumulative(np.full(50, 3.0), points=5)] == [1.0] * 5
