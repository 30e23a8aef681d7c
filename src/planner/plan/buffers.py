"""Effort and buffers: the plan's tasks simulated with the assessment's challenges as risk drivers (plan/schedule.py).

Each challenge of the knowledge base's `schedule.drivers` occurs with its likelihood from the assessment and stretches
the tasks it touches; a wrong estimate row blocks the simulation (named with its fix) instead of being left out.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np

from ..assessment import Assessment
from ..i18n import ENGLISH, N_, Translator
from .calendar import CALENDAR_NOTE, ScheduleDates, schedule_dates
from .catalogue import Catalogue, load_catalogue
from .model import Plan, Task
from .montecarlo import EstimateProblem, Summary, summarise, validate_estimates
from .schedule import p80_contributions, simulate_schedule, timebox_outcomes
from .units import WORKING_DAYS_PER_WEEK

MAX_DRAWS = 20_000_000  # trials × (3 per task + 2 per active driver) arrays of that size held at once (durations,
# base, draws; each driver's occurrence and impact) - about 160 MB of float64
UNASSESSED = 0.5  # a challenge without a likelihood yet (nothing it depends on answered) occurs in half the runs


@dataclass(frozen=True)
class Driver:
    id: str  # the challenge id, e.g. "R4"
    label: str  # the challenge's title
    value: float  # probability of occurring in a run: the challenge's likelihood
    source: str  # what the value was read from
    citation: str  # the finding that ties the challenge to delay
    applies_to: tuple[str, ...]  # task kinds it touches (then the uncertainty tags of the team's own tasks)
    impact: tuple[float, float, float] = (1.0, 1.0, 1.0)  # triangular multiplier: min, likely, max (planner's calibration)
    why: str = ""  # how the challenge delays the tasks, in one sentence


@dataclass(frozen=True)
class GoNoGo:
    """A research task's time-box and what happens at its end, with the simulated probability of each outcome."""

    task: str
    box_days: float  # the box: the task's own P80 from its estimates alone
    overrun: float  # chance the exploration (with the risk drivers) takes longer than the box
    outcomes: tuple[tuple[str, float, str], ...]  # (label, probability, action): go, new box, change approach, stop


class LazyContributions(Mapping):
    """Driver id → days it adds to P80, largest first, computed when first read (issue 16: a rerun shows P50/P80/P95
    before it works out the tornado; its simulation run is let go once they are computed)."""

    def __init__(self, compute: Callable[[], list[tuple[str, float]]]):
        self._compute, self._pairs, self._lock = compute, None, threading.Lock()

    def _items(self) -> dict[str, float]:
        with self._lock:  # a cached report is shared by sessions
            if self._pairs is None:
                self._pairs, self._compute = dict(self._compute()), None
        return self._pairs

    def __getitem__(self, key: str) -> float:
        return self._items()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items())

    def __len__(self) -> int:
        return len(self._items())

    def __repr__(self) -> str:
        return f"LazyContributions({self._items()!r})"


@dataclass(frozen=True)
class BufferResult:
    summary: Summary | None
    without_drivers: Summary | None
    contributions: Mapping[str, float]  # driver id → days it adds to P80, largest first (LazyContributions)
    timeboxes: list[tuple[str, float]]  # exploratory task → time-box, days
    row_problems: list[str]  # the texts users see: each problem with its task's name and the fix
    drivers: tuple[Driver, ...]
    totals: np.ndarray | None
    go_no_go: tuple[GoNoGo, ...] = ()
    target_source: str = ""  # where the target comes from ("" without one)
    blocked: bool = False  # a wrong estimate row stops the simulation until it is fixed
    dates: ScheduleDates | None = None  # P50/P80/P95 and the target as calendar dates (only with the plan's start date)


def drivers_for(answers: dict, assessment: Assessment, catalogue: Catalogue | None = None,
                t: Translator = ENGLISH) -> tuple[Driver, ...]:
    """Every challenge of the knowledge base's schedule drivers, with its likelihood as the probability."""
    catalogue = catalogue or load_catalogue()
    known = {c.id: c for c in assessment.challenges}
    out = []
    for d in catalogue.schedule.drivers:
        result = known.get(d.challenge)
        likelihood = None if result is None else result.likelihood
        source = (t._("{challenge} likelihood").format(challenge=d.challenge) if likelihood is not None else
                  t._("{challenge} not assessed yet (assumed {share})").format(challenge=d.challenge, share=t.pct(UNASSESSED)))
        out.append(Driver(d.challenge, result.title if result else d.challenge, UNASSESSED if likelihood is None else likelihood,
                          source, "; ".join(d.citations), tuple(dict.fromkeys((*d.tasks, *d.other_tasks))), tuple(d.impact), d.why))
    return tuple(out)


def delivery_target(plan: Plan, answers: dict) -> tuple[float | None, str]:
    """The target in working days: the plan's own, else the questionnaire's weeks to the committed delivery × 5."""
    if plan.estimation.target_days is not None:
        return plan.estimation.target_days, "the plan"
    weeks = answers.get("req_weeks_to_delivery")
    if isinstance(weeks, bool) or not isinstance(weeks, (int, float)) or not math.isfinite(weeks):
        return None, ""
    return float(weeks) * WORKING_DAYS_PER_WEEK, f"the questionnaire: {weeks:g} weeks to the committed delivery × {WORKING_DAYS_PER_WEEK}"


_QUESTIONNAIRE_SOURCE = re.compile(r"^the questionnaire: (\S+) weeks to the committed delivery")


def target_source_text(source: str, t: Translator = ENGLISH) -> str:
    """Where the target comes from, in the translator's language ("" for the plan's own target)."""
    if not source or source == "the plan":
        return ""
    found = _QUESTIONNAIRE_SOURCE.match(source)
    if t.english or not found:
        return source
    return t._("the questionnaire: {weeks} weeks to the committed delivery × {days}").format(
        weeks=t.g(float(found.group(1))), days=WORKING_DAYS_PER_WEEK)


def _filled(task: Task) -> bool:
    return bool(task.name.strip()) or any(v is not None for v in (task.optimistic, task.likely, task.pessimistic))


def _touches(driver: Driver, task: Task, kinds: set[str]) -> bool:
    """A default task by its kind; the team's own task (no known kind) by its uncertainty column."""
    if task.kind in kinds:
        return task.kind in driver.applies_to
    return task.driver != "none" and task.driver in driver.applies_to


def _localised(problem: EstimateProblem, t: Translator) -> tuple[str, str]:
    """The problem's message and fix in the translator's language (numbers in its format, field names translated)."""
    if t.english or not problem.template:
        return problem.message, problem.fix
    values = {k: t.g(v) if isinstance(v, float) else t._(v) if k == "name" else v for k, v in problem.values}
    return (t._(problem.template).format(**values), t._(problem.fix_template).format(**values) if problem.fix_template else "")


def problem_text(problem: EstimateProblem, rows: list[Task], t: Translator = ENGLISH) -> str:
    """What the user reads: the row, its task, what is wrong and what to type instead."""
    message, fix = _localised(problem, t)
    if problem.row is None:
        return message
    name = rows[problem.row - 1].name.strip() or t._(N_("unnamed task"))
    return t._("row {row} ({task}): {problem}").format(row=problem.row, task=name, problem=message) + (f"; {fix}" if fix else "")


def _go_no_go(catalogue: Catalogue, task: Task, base: np.ndarray, durations: np.ndarray, t: Translator) -> GoNoGo:
    rules = catalogue.schedule.timebox
    box = float(math.ceil(float(np.percentile(base, 80))))
    shares = timebox_outcomes(durations, box, [r.up_to for r in rules])
    overrun = float(np.count_nonzero(durations > box) / durations.size)
    return GoNoGo(task.name or t._(N_("unnamed task")), box, overrun, tuple((r.label, s, r.action) for r, s in zip(rules, shares, strict=True)))


def compute_buffers(plan: Plan, answers: dict, assessment: Assessment, *, details: bool = True,
                    t: Translator = ENGLISH) -> BufferResult:
    """The plan's schedule simulated with the assessment's drivers; `details=False` (what-if comparisons) leaves out what
    only the effort section shows: the drivers' P80 contributions, the time-boxes' outcomes, the run without drivers.
    The texts (row problems, time-box outcomes, driver sources) are in the translator's language."""
    catalogue = load_catalogue(t.language)
    rows = [x for x in plan.tasks if _filled(x)]
    problems = validate_estimates([x.optimistic for x in rows], [x.likely for x in rows], [x.pessimistic for x in rows])
    named = [problem_text(p, rows, t) for p in problems]
    drivers = drivers_for(answers, assessment, catalogue, t)
    target, target_source = delivery_target(plan, answers)
    if problems or not rows:
        return BufferResult(None, None, {}, [], named, drivers, None, target_source=target_source, blocked=bool(problems))
    est = plan.estimation
    active = drivers if est.apply_drivers else ()
    kinds = {x.kind for x in catalogue.tasks}
    trials = min(est.trials, max(100, MAX_DRAWS // (3 * len(rows) + 2 * len(active))))
    if trials < est.trials:
        named.append(t._("{trials} trials × {tasks} tasks and {drivers} risk drivers is too much to hold in memory; {used} trials "
                         "are used").format(trials=t.integer(est.trials), tasks=len(rows), drivers=len(active), used=t.integer(trials)))
    run = simulate_schedule([x.optimistic for x in rows], [x.likely for x in rows], [x.pessimistic for x in rows],
                            [d.value for d in active], [d.impact for d in active],
                            [[_touches(d, x, kinds) for x in rows] for d in active], trials=trials, seed=est.seed,
                            distribution=est.distribution, ids=[d.id for d in active])
    summary = summarise(run.totals, target)
    without = summarise(run.base_totals, target) if details else None
    ids = [d.id for d in active]
    contributions = LazyContributions(lambda: p80_contributions(run, ids)) if details else {}
    go_no_go = tuple(_go_no_go(catalogue, x, run.columns[i], run.task_durations(i), t)
                     for i, x in enumerate(rows) if x.exploratory and details)
    timeboxes = [(g.task, g.box_days) for g in go_no_go]
    dates = schedule_dates(est.start_date, summary.p50, summary.p80, summary.p95, target)
    return BufferResult(summary, without, contributions, timeboxes, named, drivers, run.totals, go_no_go, target_source, dates=dates)


@dataclass(frozen=True)
class Commitment:
    """The committed delivery as the simulation's target: its chance, and what it takes to reach 80 %."""

    target_days: float
    source: str  # where the target comes from: "the plan" or the questionnaire's weeks
    chance: float  # share of the simulated runs that finish within the target
    p50: float
    p80: float
    due: date | None = None  # the committed delivery's calendar date (with the plan's start date)

    @property
    def to_reach_80(self) -> float:
        """Working days to add to the commitment so that 80 of 100 runs meet it (0 when it already does)."""
        return max(0.0, self.p80 - self.target_days)

    @property
    def short_of_p50(self) -> float:
        """How far the commitment falls below the median run (0 when it is at or above P50)."""
        return max(0.0, self.p50 - self.target_days)


def days_short(value: float) -> int:
    """A shortfall in whole working days as the app shows P50/P80 (rounded), but never 0 while something is missing."""
    return 0 if value <= 0 else max(1, round(value))


def commitment(result: BufferResult) -> Commitment | None:
    """The committed delivery against the simulation; None without a target or a simulated total."""
    s = result.summary
    if s is None or s.target_days is None or s.probability_on_time is None:
        return None
    return Commitment(s.target_days, result.target_source, s.probability_on_time, s.p50, s.p80,
                      None if result.dates is None else result.dates.committed)


def largest_contributions(result: BufferResult, count: int = 8, at_least: float = 0.5) -> list[tuple[Driver, float]]:
    """The drivers that add most to P80 (at least `at_least` working days), largest first, at most `count`."""
    by_id = {d.id: d for d in result.drivers}
    found = [(by_id[cid], days) for cid, days in result.contributions.items() if cid in by_id and days >= at_least]
    return found[:count]


def _dates_json(dates: ScheduleDates | None) -> dict | None:
    """The calendar dates as ISO text (None without a start date)."""
    if dates is None:
        return None
    iso = {name: None if day is None else day.isoformat() for name, day in
           (("start", dates.start), ("p50", dates.p50), ("p80", dates.p80), ("p95", dates.p95), ("committed", dates.committed))}
    return {**iso, "calendar": CALENDAR_NOTE}


def schedule_summary(result: BufferResult) -> dict:
    """The schedule in plain numbers (working days) for JSON: the same numbers the app and the documents show."""
    s = result.summary
    numbers = {} if s is None else {"p50": s.p50, "p80": s.p80, "p95": s.p95, "buffer": s.buffer, "trials": s.trials,
                                    "chance_of_target": s.probability_on_time}
    order = {d: i for i, d in enumerate(result.contributions)}
    drivers = sorted(result.drivers, key=lambda d: (order.get(d.id, len(order)), d.id))
    return {
        "unit": "working days",
        "blocked": result.blocked,
        "problems": list(result.row_problems),
        **numbers,
        "target_days": None if s is None else s.target_days,
        "target_source": result.target_source,
        "to_reach_80": None if commitment(result) is None else commitment(result).to_reach_80,
        "dates": _dates_json(result.dates),
        "drivers": [{"id": d.id, "title": d.label, "probability": d.value, "contribution_p80": result.contributions.get(d.id),
                     "impact": list(d.impact), "tasks": list(d.applies_to), "citation": d.citation} for d in drivers],
        "timeboxes": [{"task": g.task, "box_days": g.box_days, "overrun": g.overrun,
                       "outcomes": [{"outcome": o, "probability": p, "action": a} for o, p, a in g.outcomes]} for g in result.go_no_go],
        "calibration": "impact ranges, the tasks each driver touches and the time-box rule are the planner's defaults",
    }
