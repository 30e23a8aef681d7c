"""Schedule-risk simulation with risk drivers (Hulett's risk-driver method): pure numpy, vectorised.

A driver occurs in a trial with its probability; when it does, one factor drawn from its triangular impact
range (a multiplier >= 1) stretches every task it touches in that trial, so delays correlate across tasks
and the tail widens with the risk instead of averaging away. Factors of several drivers on one task multiply.

Common random numbers: the task draws and the drivers' uniform draws depend only on the seed and the shapes,
never on the probabilities, so raising a probability can only lengthen a trial and removing a driver can
only shorten it — every percentile moves the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .montecarlo import sample_durations, target_chance  # noqa: F401 - target_chance re-exported

DRIVER_STREAM = 14  # spawn key of the drivers' random stream (the tasks' stream is the seed itself)


@dataclass(frozen=True)
class ScheduleRun:
    """One simulation: per trial the tasks' durations, each driver's log-factor and the total."""

    base: np.ndarray  # (trials, tasks): durations from the estimates alone
    log_factor: np.ndarray  # (trials, drivers): log of the drawn multiplier, 0 where the driver did not occur
    touches: np.ndarray  # (drivers, tasks) float 0/1
    durations: np.ndarray  # (trials, tasks): base stretched by the drivers that occurred
    totals: np.ndarray  # (trials,): tasks in sequence


def triangular_from_uniform(u: np.ndarray, low: np.ndarray, mode: np.ndarray, high: np.ndarray) -> np.ndarray:
    """The triangular(low, mode, high) quantile of uniform draws `u` (columns = distributions); low == high gives low."""
    span = high - low
    safe = np.where(span > 0, span, 1.0)
    cut = (mode - low) / safe
    left = low + np.sqrt(u * span * (mode - low))
    right = high - np.sqrt((1 - u) * span * (high - mode))
    return np.where(u < cut, left, right)


def driver_log_factors(probability, impact, *, trials: int, seed: int | None) -> np.ndarray:
    """(trials, drivers): log of each driver's multiplier in each trial, 0 where it does not occur."""
    probability = np.asarray(probability, dtype=float).reshape(-1)
    impact = np.asarray(impact, dtype=float).reshape(-1, 3)
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(DRIVER_STREAM,)))
    draws = rng.random((2, trials, probability.size))  # occurrence and impact, drawn whatever the probabilities
    factor = triangular_from_uniform(draws[1], impact[:, 0], impact[:, 1], impact[:, 2])
    return np.where(draws[0] < probability, np.log(factor), 0.0)


def simulate_schedule(low, mode, high, probability, impact, touches, *, trials: int, seed: int | None,
                      distribution: str = "pert") -> ScheduleRun:
    """Tasks (three-point estimates) stretched by risk drivers; `touches` is (drivers, tasks), true where a driver applies."""
    base = sample_durations(low, mode, high, trials=trials, seed=seed, distribution=distribution)
    log_factor = driver_log_factors(probability, impact, trials=trials, seed=seed)
    matrix = np.asarray(touches, dtype=float).reshape(log_factor.shape[1], base.shape[1])
    durations = base * np.exp(log_factor @ matrix) if matrix.size else base
    return ScheduleRun(base, log_factor, matrix, durations, durations.sum(axis=1))


def totals_without_each(run: ScheduleRun) -> np.ndarray:
    """(trials, drivers): each trial's total with one driver switched off (same draws), all drivers at once."""
    if run.log_factor.shape[1] == 0:
        return np.empty((run.totals.size, 0))
    touched = run.durations @ run.touches.T  # per driver: the trial's days on the tasks it touches
    without = run.totals[:, None] - touched * -np.expm1(-run.log_factor)
    return np.minimum(without, run.totals[:, None])  # rounding never lets switching a driver off lengthen a trial


def p80_contributions(run: ScheduleRun, ids) -> list[tuple[str, float]]:
    """Each driver's contribution to P80 (P80 with all drivers − P80 with it off, same draws), largest first."""
    ids = list(ids)
    if not ids:
        return []
    p80 = float(np.percentile(run.totals, 80))
    others = np.percentile(totals_without_each(run), 80, axis=0)
    pairs = [(driver, max(0.0, p80 - float(x))) for driver, x in zip(ids, others, strict=True)]
    return sorted(pairs, key=lambda pair: (-pair[1], ids.index(pair[0])))


def timebox_outcomes(durations: np.ndarray, box: float, bounds) -> list[float]:
    """Probability of each outcome of a time-box: the duration/box ratio falls at or below each bound in turn
    (None: beyond the last); `durations` are one task's simulated days."""
    ratio = np.asarray(durations, dtype=float) / max(box, 1e-9)
    shares, below = [], 0.0
    for bound in bounds:
        upto = 1.0 if bound is None else float(np.count_nonzero(ratio <= bound) / ratio.size)
        shares.append(upto - below)
        below = upto
    return shares
