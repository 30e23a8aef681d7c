"""Monte Carlo schedule estimation: three-point task estimates → distribution of the total (pure numpy).

Tasks run in sequence and are sampled independently, each from its own random stream (plan/draws.py) drawn once per
seed, estimates and trials and kept, so variants of a plan share the draws of the tasks they leave unchanged.
"""

from __future__ import annotations

import dataclasses
import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .draws import seed_sequence, task_column


def N_(message: str) -> str:  # the catalog's marker (planner.i18n.N_), kept local: this module imports nothing of the planner
    return message


DISTRIBUTIONS = ("pert", "triangular")
MAX_DAYS = 3650.0
MIN_TRIALS = 100
MAX_TRIALS = 1_000_000
PERT_LAMBDA = 4.0
_FIELDS = (N_("optimistic"), N_("most likely"), N_("pessimistic"))


def _fmt(value: float) -> str:
    return f"{value:g}"


@dataclass(frozen=True)
class EstimateProblem:
    """One problem with the estimates: where it is (1-based row, field) and what is wrong; str() is the text users see."""

    message: str
    row: int | None = None  # None: a problem of the input as a whole (e.g. different lengths)
    field: str | None = None  # "optimistic", "most likely" or "pessimistic"; None: the row's values together
    fix: str = dataclasses.field(default="", compare=False)  # what to type instead, in the user's words
    # the untranslated message and fix with their values, for another language (planner.plan.buffers.problem_text)
    template: str = dataclasses.field(default="", compare=False)
    fix_template: str = dataclasses.field(default="", compare=False)
    values: tuple[tuple[str, object], ...] = dataclasses.field(default=(), compare=False)

    def __str__(self) -> str:
        return self.message if self.row is None else f"row {self.row}: {self.message}"


def _problem(template: str, row: int | None, field: str | None, fix_template: str = "", **values) -> EstimateProblem:
    """A problem whose texts are `template` and `fix_template` filled in English (numbers as entered: 2.5, 3)."""
    shown = {k: _fmt(v) if isinstance(v, float) else v for k, v in values.items()}
    return EstimateProblem(template.format(**shown), row, field, fix_template.format(**shown), template, fix_template,
                           tuple(values.items()))


def _check_value(row: int, name: str, value) -> EstimateProblem | None:
    """The problem with one estimate, or None."""
    if type(value) in (float, int) and 0 <= value <= MAX_DAYS:  # the usual case, checked fast (NaN fails the comparison)
        return None
    days = N_("type the {name} duration in working days (0 or more)")
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return _problem(N_("{name} ({value}) is not a number"), row, name, days, name=name, value=repr(value))
    number = float(value)
    if not math.isfinite(number):
        return _problem(N_("{name} ({value}) is not a finite number"), row, name, days, name=name, value=number)
    if number < 0:
        return _problem(N_("{name} ({value}) is negative"), row, name, days, name=name, value=number)
    if number > MAX_DAYS:
        return _problem(N_("{name} ({value}) is absurdly large (more than {limit} days)"), row, name,
                        N_("type at most {limit} working days, or split the task"), name=name, value=number, limit=MAX_DAYS)
    return None


def validate_estimates(low: Sequence, mode: Sequence, high: Sequence) -> list[EstimateProblem]:
    """Problems with the estimates, each naming its 1-based row; empty when all are usable."""
    low, mode, high = list(low), list(mode), list(high)
    if not len(low) == len(mode) == len(high):
        return [_problem(N_("optimistic, most likely and pessimistic have different lengths ({low}, {mode}, {high})"), None, None,
                         low=len(low), mode=len(mode), high=len(high))]
    problems = []
    for row, values in enumerate(zip(low, mode, high, strict=True), start=1):
        found = [p for p in (_check_value(row, f, v) for f, v in zip(_FIELDS, values, strict=True)) if p]
        if found:
            problems += found
            continue
        a, m, b = (float(v) for v in values)
        if a > b:
            problems.append(_problem(N_("optimistic ({low}) is larger than pessimistic ({high})"), row, None,
                                     N_("swap them, or correct one, so that optimistic ≤ most likely ≤ pessimistic"), low=a, high=b))
        elif not a <= m <= b:
            problems.append(_problem(N_("most likely ({mode}) is outside optimistic..pessimistic ({low}..{high})"), row, "most likely",
                                     N_("type a most likely value from {low} to {high}, or widen the range"), low=a, mode=m, high=b))
    return problems


def _arrays(low, mode, high) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    problems = validate_estimates(low, mode, high)
    if problems:
        raise ValueError("; ".join(map(str, problems)))
    return tuple(np.asarray(list(x), dtype=float).reshape(-1) for x in (low, mode, high))


def _check_options(trials, distribution) -> None:
    if distribution not in DISTRIBUTIONS:
        raise ValueError(f"unknown distribution {distribution!r}; choose one of {', '.join(DISTRIBUTIONS)}")
    if isinstance(trials, bool) or not isinstance(trials, numbers.Integral):
        raise ValueError(f"trials must be a whole number, got {trials!r}")
    if not MIN_TRIALS <= trials <= MAX_TRIALS:
        raise ValueError(f"trials must be between {MIN_TRIALS:,} and {MAX_TRIALS:,}, got {trials:,}")


def pert_parameters(low: np.ndarray, mode: np.ndarray, high: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Modified-PERT (λ=4) beta shape parameters α, β; constant tasks (low == high) get α = β = 1."""
    span = high - low
    safe = np.where(span > 0, span, 1.0)
    alpha = np.where(span > 0, 1 + PERT_LAMBDA * (mode - low) / safe, 1.0)
    beta = np.where(span > 0, 1 + PERT_LAMBDA * (high - mode) / safe, 1.0)
    return alpha, beta


def task_columns(low, mode, high, *, trials: int = 10_000, seed: int | None = 20221,
                 distribution: str = "pert") -> list[np.ndarray]:
    """Each task's sampled durations, (trials,) each, read-only: the kept arrays themselves (plan/draws.py), no copy.
    A task's column depends only on the seed, its position and its own estimates (not on the other tasks)."""
    _check_options(trials, distribution)
    a, m, b = _arrays(low, mode, high)
    trials = int(trials)
    alpha, beta = pert_parameters(a, m, b)
    root = None if seed is None else seed_sequence(seed)  # once, not once per task
    return [task_column(root, i, float(a[i]), float(m[i]), float(b[i]), trials=trials, distribution=distribution,
                        alpha=float(alpha[i]), beta=float(beta[i])) for i in range(a.size)]


def sample_durations(low, mode, high, *, trials: int = 10_000, seed: int | None = 20221,
                     distribution: str = "pert") -> np.ndarray:
    """Sampled task durations, shape (trials, n_tasks); seeded, so the same inputs give the same draws, and a task's
    column depends only on the seed, its position and its own estimates (not on the other tasks)."""
    columns = task_columns(low, mode, high, trials=trials, seed=seed, distribution=distribution)
    if not columns:
        return np.zeros((int(trials), 0))
    return np.stack(columns, axis=1)


def simulate_total(low, mode, high, *, trials: int = 10_000, seed: int | None = 20221,
                   distribution: str = "pert") -> np.ndarray:
    """Total duration per trial, shape (trials,): tasks run in sequence. Zero tasks → zeros."""
    return sample_durations(low, mode, high, trials=trials, seed=seed, distribution=distribution).sum(axis=1)


@dataclass(frozen=True)
class Summary:
    """Headline numbers of a simulated total (days)."""

    trials: int
    mean: float
    std: float
    p50: float
    p80: float
    p95: float
    buffer: float  # p80 − p50: what to add to the median plan for 80% confidence
    probability_on_time: float | None  # share of trials finishing within target_days
    target_days: float | None


def _totals(totals) -> np.ndarray:
    values = np.asarray(totals, dtype=float).reshape(-1)
    if values.size == 0:
        raise ValueError("no simulated totals to summarise")
    return values


def target_chance(totals, target_days: float | None) -> float | None:
    """Share of trials finishing within the target (None without a target)."""
    if target_days is None:
        return None
    values = np.asarray(totals, dtype=float).reshape(-1)
    return float(np.count_nonzero(values <= float(target_days)) / values.size) if values.size else None


def summarise(totals, target_days: float | None = None) -> Summary:
    """Mean, spread, P50/P80/P95, buffer and (with a target) the probability of finishing on time."""
    values = _totals(totals)
    p50, p80, p95 = (float(p) for p in np.percentile(values, [50, 80, 95]))
    probability = target = None
    if target_days is not None:
        target = float(target_days)
        if math.isnan(target):
            raise ValueError("target_days is not a number")
        probability = target_chance(values, target)
    return Summary(trials=int(values.size), mean=float(values.mean()), std=float(values.std()),
                   p50=p50, p80=p80, p95=p95, buffer=p80 - p50,
                   probability_on_time=probability, target_days=target)


def histogram(totals, bins: int = 40) -> list[dict]:
    """Bins of the totals for a bar chart: [{start, end, count}], plain Python numbers."""
    values = np.asarray(totals, dtype=float).reshape(-1)
    if values.size == 0:
        return []
    counts, edges = np.histogram(values, bins=bins)
    return [{"start": float(edges[i]), "end": float(edges[i + 1]), "count": int(c)} for i, c in enumerate(counts)]


def cumulative(totals, points: int = 101) -> list[dict]:
    """Probability of finishing within `days`, on an even grid from the fastest to the slowest trial."""
    values = np.asarray(totals, dtype=float).reshape(-1)
    if values.size == 0:
        return []
    if points < 2:
        raise ValueError("points must be at least 2")
    ordered = np.sort(values)
    days = np.linspace(ordered[0], ordered[-1], points)
    probability = np.searchsorted(ordered, days, side="right") / ordered.size
    probability[-1] = 1.0  # linspace may land a hair below the maximum
    return [{"days": float(d), "probability": float(p)} for d, p in zip(days, probability, strict=True)]
