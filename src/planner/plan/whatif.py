"""What-if: adopt recommended mitigations (levers) and compare risk and buffer before and after.

A lever stands for the answers the questionnaire would get once its mitigation is in place. It never makes an
answer worse: a change applies only where the new answer signals no more risk, for any challenge, than the
current one (an open question only takes the least risky answer), so switching levers on never raises a score.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np

from ..answers import Answers, fitting_answers, is_visible
from ..assessment import Assessment, assess
from ..assessment.engine import answer_label, answer_risk, risk_range
from ..content import Content, Question
from ..content.schema import Lever, LeverChange
from .buffers import BufferResult, compute_buffers
from .model import Plan, Task
from .montecarlo import Summary, sample_durations, summarise

CHANGED, KEPT, OPEN, NOT_ASKED = "changed", "kept", "open", "not_asked"


@dataclass(frozen=True)
class PointChange:
    point_id: str
    before: float | None
    after: float | None


@dataclass(frozen=True)
class AnswerChange:
    """What one lever change does to one answer of this project.

    status: "changed" (before → after), "kept" (the current answer already signals no more risk),
    "open" (not answered, and the lever's answer is not the least risky one) or "not_asked" (hidden by show_if).
    """

    question: Question
    before: object
    after: object
    status: str

    @property
    def before_label(self) -> str:
        return "not answered" if self.before is None else answer_label(self.question, self.before)

    @property
    def after_label(self) -> str:
        return "not answered" if self.after is None else answer_label(self.question, self.after)


@dataclass(frozen=True)
class LeverEffect:
    """One lever on its own: the answers it changes and each collaboration point's score with it."""

    lever: Lever
    changes: tuple[AnswerChange, ...]
    points: tuple[PointChange, ...]
    after: Assessment | None = field(default=None, compare=False, repr=False)  # the assessment with it (what_if reuses it)

    @property
    def changes_anything(self) -> bool:
        return any(c.status == CHANGED for c in self.changes)


@dataclass(frozen=True)
class WhatIf:
    levers: tuple[Lever, ...]
    answers_after: Answers
    before: Assessment
    after: Assessment
    points: tuple[PointChange, ...]
    schedule_before: Summary | None
    schedule_after: Summary | None  # the plan with the mitigations' own tasks, drivers from the changed answers
    added_tasks: tuple[Task, ...] = ()  # the mitigations' own work (planner's default days)

    @property
    def mitigation_days(self) -> float:
        """The mitigations' own work, most likely working days in all."""
        return sum(t.likely or 0 for t in self.added_tasks)


MITIGATION_TASK = "added by the mitigation “{title}” (what-if; days: the planner's default)"


def _added_by(lever: Lever) -> str:
    return MITIGATION_TASK.format(title=lever.title)[:300]


@functools.lru_cache(maxsize=256)
def _added_by_any_language(lever_id: str) -> frozenset[str]:
    """The lever's task marker in every shipped language: a lever adopted with the English content is still found
    when the plan is opened in German (the marker names the lever's title, which is translated)."""
    from ..content import languages, load_content

    return frozenset(_added_by(lever) for language in languages() for lever in load_content(language=language).kb.levers
                     if lever.id == lever_id)


def planned_task(plan: Plan | None, lever: Lever) -> Task | None:
    """The lever's own task when the plan already holds it (added when the lever was adopted, see adopt_levers)."""
    if plan is None:
        return None
    markers = _added_by_any_language(lever.id) | {_added_by(lever)}
    return next((t for t in plan.tasks if t.added_by in markers), None)


def mitigation_tasks(content: Content, answers: Answers, levers, plan: Plan | None = None) -> tuple[Task, ...]:
    """The work the levers take themselves, as tasks: only for a lever that changes an answer here (one that changes
    nothing is already in place or does not apply, so it costs nothing) and whose task `plan` does not hold yet."""
    tasks = []
    for lever in levers:
        effort = lever.effort
        if effort is None or planned_task(plan, lever) is not None or not any(c.status == CHANGED for c in lever_changes(content, answers, lever)):
            continue
        low, likely, high = effort.days
        tasks.append(Task(name=effort.task, optimistic=low, likely=likely, pessimistic=high, added_by=_added_by(lever)))
    return tuple(tasks)


def adopt_levers(content: Content, answers: Answers, plan: Plan, lever_ids) -> Plan:
    """The plan with these levers adopted: their ids recorded, and each adopted lever's own task (mitigation_tasks)
    added to the plan's tasks, once - a task an earlier adoption added is kept as the team edited it, never doubled."""
    levers = chosen_levers(content, lever_ids)
    added = mitigation_tasks(content, answers, levers, plan)
    return plan.model_copy(update={"adopted_levers": [lever.id for lever in levers], "tasks": [*plan.tasks, *added]})


MITIGATION_STREAM = 15  # spawn key of the mitigation tasks' random stream: the plan's own draws stay as they are


def _with_tasks(result: BufferResult, tasks: tuple[Task, ...], plan: Plan) -> Summary | None:
    """The simulated schedule with the mitigations' tasks added in sequence, drawn from their own stream so that every
    other draw is the one of the plan without them (a difference in P80 is the mitigation's, not sampling noise)."""
    if not tasks or result.totals is None:
        return result.summary
    est = plan.estimation
    extra = sample_durations([t.optimistic for t in tasks], [t.likely for t in tasks], [t.pessimistic for t in tasks],
                             trials=result.totals.size, seed=np.random.SeedSequence(est.seed, spawn_key=(MITIGATION_STREAM,)),
                             distribution=est.distribution)
    return summarise(result.totals + extra.sum(axis=1), result.summary.target_days)


def schedule_answers(content: Content, answers: Answers, levers) -> Answers:
    """The answers the schedule's risk drivers read with these levers: a buffer lever's changes are left out, since a
    buffer or a time-box changes what the plan promises, not how long the work takes."""
    return apply_levers(content, answers, [lever for lever in levers if not lever.buffer])


def chosen_levers(content: Content, lever_ids) -> tuple[Lever, ...]:
    """The levers with these ids, in knowledge-base order; unknown ids are ignored."""
    wanted = set(lever_ids)
    return tuple(lever for lever in content.kb.levers if lever.id in wanted)


def _proposed(question: Question, current, change: LeverChange):
    """The answer the change proposes, or None when it proposes nothing for this answer."""
    if change.remove is None:
        return change.value
    if current is None:
        return None  # which of the other options are missing is not known
    remaining = [v for v in current if v not in change.remove]
    if remaining == list(current):
        return None
    if not remaining:
        remaining = [next(o.value for o in question.options if o.exclusive and not o.effects)]
    return remaining


def _no_riskier(question: Question, new, current) -> bool:
    """Whether `new` signals no more risk than `current` for every challenge the question informs."""
    if current is None:
        return all(answer_risk(question, new, c) <= risk_range(question, c)[0] for c in question.informs())
    return all(answer_risk(question, new, c) <= answer_risk(question, current, c) for c in question.informs())


def answer_change(content: Content, answers: Answers, change: LeverChange) -> AnswerChange:
    """What the lever change does to these answers (see AnswerChange for the statuses)."""
    question = content.questions[change.question]
    current = answers.get(change.question)
    if not is_visible(question, answers):
        return AnswerChange(question, current, current, NOT_ASKED)
    new = _proposed(question, current, change)
    if new is None or new == current or not _no_riskier(question, new, current):
        return AnswerChange(question, current, current, OPEN if current is None else KEPT)
    return AnswerChange(question, current, new, CHANGED)


def lever_changes(content: Content, answers: Answers, lever: Lever) -> tuple[AnswerChange, ...]:
    """Each of the lever's changes applied to these answers."""
    answers = fitting_answers(content, answers)
    return tuple(answer_change(content, answers, change) for change in lever.changes if change.question in content.questions)


def apply_levers(content: Content, answers: Answers, levers) -> Answers:
    """The answers as they would be with the levers' mitigations in place (the input is not changed)."""
    changed = fitting_answers(content, answers)
    for lever in levers:
        for result in lever_changes(content, changed, lever):
            if result.status == CHANGED:
                changed[result.question.id] = result.after
    return changed


def _point_changes(before: Assessment, after: Assessment) -> tuple[PointChange, ...]:
    return tuple(PointChange(b.id, b.score, a.score) for b, a in zip(before.points, after.points, strict=True))


def lever_effects(content: Content, answers: Answers, levers=None, *, before: Assessment | None = None) -> tuple[LeverEffect, ...]:
    """Each lever on its own (all levers unless given): one assessment per lever that changes an answer."""
    levers = content.kb.levers if levers is None else levers
    before = before or assess(content, answers)
    effects = []
    for lever in levers:
        changes = lever_changes(content, answers, lever)
        after = assess(content, apply_levers(content, answers, [lever])) if any(c.status == CHANGED for c in changes) else before
        effects.append(LeverEffect(lever, changes, _point_changes(before, after), after))
    return tuple(effects)


def what_if(content: Content, answers: Answers, plan: Plan, lever_ids, *, before: Assessment | None = None,
            schedule_before: Summary | None = None, after: Assessment | None = None) -> WhatIf:
    """Risk per collaboration point and the simulated schedule, now and with the chosen levers.

    `before`, `schedule_before` and `after` (the assessment of the answers with the levers, e.g. a LeverEffect's) may be
    passed when the caller already has them for these answers and plan.
    """
    levers = chosen_levers(content, lever_ids)
    after_answers = apply_levers(content, answers, levers) if levers else dict(answers)
    before = before or assess(content, answers)
    after = (after or assess(content, after_answers)) if levers else before
    if schedule_before is None:
        schedule_before = compute_buffers(plan, answers, before, details=False).summary
    added = mitigation_tasks(content, answers, levers, plan)  # a task already in the plan is in schedule_before
    schedule_after = schedule_before
    if levers:
        driving = schedule_answers(content, answers, levers)
        driving_assessment = after if driving == after_answers else assess(content, driving)
        schedule_after = _with_tasks(compute_buffers(plan, driving, driving_assessment, details=False), added, plan)
    return WhatIf(levers, after_answers, before, after, _point_changes(before, after), schedule_before, schedule_after, added)
