"""Effort and buffers: task estimates widened by the study's uncertainty drivers, simulated."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..assessment import Assessment
from .model import Plan, Task
from .montecarlo import MAX_DAYS, Summary, sample_durations, summarise, validate_estimates

MAX_DRAWS = 20_000_000  # trials × tasks kept in memory at once (160 MB of float64)

# How far each driver can stretch the pessimistic tail (pessimistic − likely) at full strength.
TAIL_PER_DRIVER = 0.5


@dataclass(frozen=True)
class Driver:
    id: str
    label: str
    value: float  # 0 (no extra uncertainty) .. 1 (maximal)
    source: str  # what the value was read from
    citation: str
    applies_to: tuple[str, ...]  # task drivers it widens


@dataclass(frozen=True)
class BufferResult:
    summary: Summary | None
    without_drivers: Summary | None
    contributions: dict[str, float]  # driver id → days it adds to P80
    timeboxes: list[tuple[str, float]]  # exploratory task → time-box (its own P80), days
    row_problems: list[str]  # the texts users see: each problem with its task's name
    drivers: tuple[Driver, ...]
    totals: np.ndarray | None


def drivers_for(answers: dict, assessment: Assessment) -> tuple[Driver, ...]:
    """The drivers the study names: ML uncertainty, data adequacy, the organisation's ML experience."""
    r4 = assessment.challenge("R4").likelihood
    d1 = assessment.challenge("D1").likelihood
    experience = answers.get("setup_ml_experience")
    return (
        Driver("ml_uncertainty", "ML uncertainty", 0.5 if r4 is None else r4,
               "R4 likelihood" if r4 is not None else "R4 not assessed yet (assumed 50%)", "§5.3, R4", ("model",)),
        Driver("data_adequacy", "Data adequacy", 0.5 if d1 is None else d1,
               "D1 likelihood" if d1 is not None else "D1 not assessed yet (assumed 50%)", "§6.2, D1", ("data",)),
        Driver("ml_experience", "Organisation's ML experience", 0.5 if experience is None else (5 - experience) / 4,
               f"experience answer {experience}" if experience is not None else "not answered (assumed middle)", "§1",
               ("model", "data", "engineering")),
    )


def _filled(task: Task) -> bool:
    return bool(task.name.strip()) or any(v is not None for v in (task.optimistic, task.likely, task.pessimistic))


def _widen(tasks: list[Task], drivers: tuple[Driver, ...], skip: str | None = None) -> np.ndarray:
    """Pessimistic values with the tail stretched by the drivers that apply to each task."""
    out = []
    for t in tasks:
        factor = 1 + TAIL_PER_DRIVER * sum(d.value for d in drivers if t.driver in d.applies_to and d.id != skip)
        out.append(min(t.likely + (t.pessimistic - t.likely) * factor, MAX_DAYS))
    return np.array(out, dtype=float)


def compute_buffers(plan: Plan, answers: dict, assessment: Assessment) -> BufferResult:
    rows = [t for t in plan.tasks if _filled(t)]
    problems = validate_estimates([t.optimistic for t in rows], [t.likely for t in rows], [t.pessimistic for t in rows])
    bad_rows = {p.row - 1 for p in problems if p.row is not None}
    named = [str(p) if p.row is None else f"{p} ({rows[p.row - 1].name or 'unnamed task'})" for p in problems]
    valid = [t for i, t in enumerate(rows) if i not in bad_rows]
    drivers = drivers_for(answers, assessment)
    if not valid:
        return BufferResult(None, None, {}, [], named, drivers, None)
    est = plan.estimation
    active = drivers if est.apply_drivers else ()
    low = np.array([t.optimistic for t in valid], dtype=float)
    mode = np.array([t.likely for t in valid], dtype=float)
    plain_high = np.array([t.pessimistic for t in valid], dtype=float)

    trials = min(est.trials, max(100, MAX_DRAWS // len(valid)))
    if trials < est.trials:
        named.append(f"{est.trials:,} trials × {len(valid)} tasks is too much to hold in memory; {trials:,} trials are used")

    def run(high):
        return sample_durations(low, mode, high, trials=trials, seed=est.seed, distribution=est.distribution)

    samples = run(_widen(valid, active))
    totals = samples.sum(axis=1)
    summary = summarise(totals, est.target_days)
    without = summarise(run(plain_high).sum(axis=1), est.target_days)
    contributions = {}
    for d in active:
        partial = summarise(run(_widen(valid, active, skip=d.id)).sum(axis=1))
        contributions[d.id] = summary.p80 - partial.p80
    timeboxes = [(t.name or "unnamed task", math.ceil(float(np.percentile(samples[:, i], 80))))
                 for i, t in enumerate(valid) if t.exploratory]
    return BufferResult(summary, without, contributions, timeboxes, named, drivers, totals)
