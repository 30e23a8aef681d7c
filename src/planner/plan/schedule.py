"""Schedule-risk simulation with risk drivers (Hulett's risk-driver method): pure numpy, vectorised.

A driver occurs in a trial with its probability; when it does, one factor drawn from its triangular impact
range (a multiplier >= 1) stretches every task it touches in that trial, so delays correlate across tasks
and the tail widens with the risk instead of averaging away. Factors of several drivers on one task multiply.

Common random numbers (plan/draws.py): each task's draws depend only on the seed, its position and its estimates,
each driver's uniform draws only on the seed and its id — never on the probabilities — and both are drawn once and
kept. A driver occurs in a trial when its kept uniform u < p, so lowering p (a mitigation) only removes occurrences:
raising a probability can only lengthen a trial and removing a driver can only shorten it, trial by trial, and
every variant (each what-if lever) recomputes only the cheap part: occurrences × impacts on the durations, sums.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from .draws import driver_uniforms, kept
from .montecarlo import sample_durations, target_chance  # noqa: F401 - target_chance re-exported


@dataclass(frozen=True)
class ScheduleRun:
    """One simulation: per trial the tasks' durations, each driver's log-factor and the total."""

    base: np.ndarray  # (trials, tasks): durations from the estimates alone
    log_factor: np.ndarray  # (trials, drivers): log of the drawn multiplier, 0 where the driver did not occur
    touches: np.ndarray  # (drivers, tasks) float 0/1
    totals: np.ndarray  # (trials,): tasks in sequence

    @cached_property
    def durations(self) -> np.ndarray:
        """(trials, tasks): base stretched by the drivers that occurred (computed when first read)."""
        return self.base * np.exp(self.log_factor @ self.touches) if self.touches.size else self.base


def triangular_from_uniform(u: np.ndarray, low: np.ndarray, mode: np.ndarray, high: np.ndarray) -> np.ndarray:
    """The triangular(low, mode, high) quantile of uniform draws `u` (columns = distributions); low == high gives low."""
    span = high - low
    safe = np.where(span > 0, span, 1.0)
    cut = (mode - low) / safe
    left = low + np.sqrt(u * span * (mode - low))
    right = high - np.sqrt((1 - u) * span * (high - mode))
    return np.where(u < cut, left, right)


def _driver_draws(seed, driver, impact: tuple[float, float, float], trials: int) -> tuple[np.ndarray, np.ndarray]:
    """A driver's kept occurrence uniforms and the log of its multiplier in each trial (as if it occurred)."""
    uniforms = driver_uniforms(seed, driver, trials=trials)
    low, mode, high = impact
    log_factor = kept(seed, ("log_factor", driver, impact, trials),
                      lambda: np.log(triangular_from_uniform(uniforms[1], np.array(low), np.array(mode), np.array(high))))
    return uniforms[0], log_factor


def driver_log_factors(probability, impact, *, trials: int, seed: int | None, ids=None) -> np.ndarray:
    """(trials, drivers): log of each driver's multiplier in each trial, 0 where it does not occur; each driver draws
    from its own stream, named by its id (`ids`, default its position)."""
    probability = np.asarray(probability, dtype=float).reshape(-1)
    impact = np.asarray(impact, dtype=float).reshape(-1, 3)
    ids = range(probability.size) if ids is None else list(ids)
    out = np.zeros((probability.size, trials))  # filled row by row (contiguous), handed out as (trials, drivers)
    for i, driver in enumerate(ids):
        occurrence, log_factor = _driver_draws(seed, driver, tuple(float(x) for x in impact[i]), trials)
        np.copyto(out[i], log_factor, where=occurrence < probability[i])
    return out.T


def _grouped_totals(base: np.ndarray, log_factor: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    """Σ over tasks of base × exp(log_factor @ touches); where the same drivers touch several tasks (the default plans:
    by task kind) summed per group of them first, one exp per group and trial instead of one per task and trial."""
    if not matrix.size:
        return base.sum(axis=1)
    patterns, group = np.unique(matrix, axis=1, return_inverse=True)
    if 2 * patterns.shape[1] > base.shape[1]:  # mostly distinct: grouping would cost more than it saves
        return np.einsum("tk,tk->t", base, np.exp(log_factor @ matrix))
    members = np.zeros((base.shape[1], patterns.shape[1]))
    members[np.arange(base.shape[1]), group.reshape(-1)] = 1.0
    return np.einsum("tg,tg->t", base @ members, np.exp(log_factor @ patterns))


def simulate_schedule(low, mode, high, probability, impact, touches, *, trials: int, seed: int | None,
                      distribution: str = "pert", ids=None) -> ScheduleRun:
    """Tasks (three-point estimates) stretched by risk drivers; `touches` is (drivers, tasks), true where a driver applies;
    `ids` name the drivers' random streams (default: their positions)."""
    base = sample_durations(low, mode, high, trials=trials, seed=seed, distribution=distribution)
    log_factor = driver_log_factors(probability, impact, trials=trials, seed=seed, ids=ids)
    matrix = np.asarray(touches, dtype=float).reshape(log_factor.shape[1], base.shape[1])
    return ScheduleRun(base, log_factor, matrix, _grouped_totals(base, log_factor, matrix))


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
