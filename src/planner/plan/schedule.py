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
from .montecarlo import target_chance, task_columns  # noqa: F401 - target_chance re-exported


@dataclass(frozen=True)
class ScheduleRun:
    """One simulation: each task's durations, each driver's log-factor and the total per trial. The tasks that the same
    drivers touch form a group, summed once: a run holds (trials, groups) arrays, never (trials, tasks) unless asked."""

    columns: tuple[np.ndarray, ...]  # per task, (trials,): durations from the estimates alone (the kept draws, read-only)
    log_factor: np.ndarray  # (trials, drivers): log of the drawn multiplier, 0 where the driver did not occur
    touches: np.ndarray  # (drivers, tasks) float 0/1
    totals: np.ndarray  # (trials,): tasks in sequence
    group_base: np.ndarray  # (trials, groups): the base durations of each group's tasks summed
    patterns: np.ndarray  # (drivers, groups) float 0/1: the drivers that touch each group

    @cached_property
    def base(self) -> np.ndarray:
        """(trials, tasks): durations from the estimates alone (stacked when first read)."""
        return np.stack(self.columns, axis=1) if self.columns else np.zeros((self.totals.size, 0))

    @cached_property
    def base_totals(self) -> np.ndarray:
        """(trials,): the total without any driver."""
        return self.group_base.sum(axis=1)

    @cached_property
    def group_factor(self) -> np.ndarray:
        """(trials, groups): the multiplier of each group's tasks in each trial."""
        return np.exp(self.log_factor @ self.patterns)

    def task_durations(self, task: int) -> np.ndarray:
        """(trials,): one task's durations stretched by the drivers that occurred."""
        column = self.columns[task]
        return column * np.exp(self.log_factor @ self.touches[:, task]) if self.touches.size else column

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


def _groups(matrix: np.ndarray) -> tuple[np.ndarray, list[list[int]]]:
    """The distinct columns of `matrix` (drivers, tasks) in order of first appearance, and each one's tasks."""
    found: dict[bytes, int] = {}
    members: list[list[int]] = []
    for task in range(matrix.shape[1]):
        group = found.setdefault(matrix[:, task].tobytes(), len(found))
        if group == len(members):
            members.append([])
        members[group].append(task)
    first = [tasks[0] for tasks in members]
    return matrix[:, first].reshape(matrix.shape[0], len(first)), members


def _group_sums(columns, members: list[list[int]], trials: int) -> np.ndarray:
    """(trials, groups): each group's columns added in task order (the same order whatever was kept before)."""
    out = np.zeros((len(members), trials))  # filled row by row (contiguous), handed out as (trials, groups)
    for g, tasks in enumerate(members):
        for task in tasks:
            out[g] += columns[task]
    return out.T


def simulate_schedule(low, mode, high, probability, impact, touches, *, trials: int, seed: int | None,
                      distribution: str = "pert", ids=None) -> ScheduleRun:
    """Tasks (three-point estimates) stretched by risk drivers; `touches` is (drivers, tasks), true where a driver applies;
    `ids` name the drivers' random streams (default: their positions). An edit of one task costs one column's draws
    and a sum over the kept columns, not a (trials, tasks) array."""
    columns = tuple(task_columns(low, mode, high, trials=trials, seed=seed, distribution=distribution))
    log_factor = driver_log_factors(probability, impact, trials=trials, seed=seed, ids=ids)
    matrix = np.asarray(touches, dtype=float).reshape(log_factor.shape[1], len(columns))
    patterns, members = _groups(matrix)
    group_base = _group_sums(columns, members, int(trials))
    factor = np.exp(log_factor @ patterns) if matrix.size else None
    totals = np.einsum("tg,tg->t", group_base, factor) if matrix.size else group_base.sum(axis=1)
    run = ScheduleRun(columns, log_factor, matrix, totals, group_base, patterns)
    if factor is not None:
        run.__dict__["group_factor"] = factor  # the cached property, computed once (the contributions read it again)
    return run


def totals_without_each(run: ScheduleRun) -> np.ndarray:
    """(trials, drivers): each trial's total with one driver switched off (same draws), all drivers at once."""
    if run.log_factor.shape[1] == 0:
        return np.empty((run.totals.size, 0))
    touched = (run.group_base * run.group_factor) @ run.patterns.T  # per driver: the trial's days on the tasks it touches
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
