"""What-if: adopt recommended mitigations (levers) and compare risk and buffer before and after."""

from __future__ import annotations

from dataclasses import dataclass

from ..answers import Answers
from ..assessment import Assessment, assess
from ..content import Content
from ..content.schema import Lever
from .buffers import compute_buffers
from .model import Plan
from .montecarlo import Summary


@dataclass(frozen=True)
class PointChange:
    point_id: str
    before: float | None
    after: float | None


@dataclass(frozen=True)
class WhatIf:
    levers: tuple[Lever, ...]
    answers_after: Answers
    before: Assessment
    after: Assessment
    points: tuple[PointChange, ...]
    schedule_before: Summary | None
    schedule_after: Summary | None


def chosen_levers(content: Content, lever_ids) -> tuple[Lever, ...]:
    """The levers with these ids, in knowledge-base order; unknown ids are ignored."""
    wanted = set(lever_ids)
    return tuple(lever for lever in content.kb.levers if lever.id in wanted)


def apply_levers(answers: Answers, levers) -> Answers:
    """The answers as they would be with the levers' mitigations in place (the input is not changed)."""
    changed = dict(answers)
    for lever in levers:
        for change in lever.changes:
            changed[change.question] = change.value
    return changed


def what_if(content: Content, answers: Answers, plan: Plan, lever_ids, *, before: Assessment | None = None,
            schedule_before: Summary | None = None) -> WhatIf:
    """Risk per collaboration point and the simulated schedule, now and with the chosen levers.

    `before` and `schedule_before` may be passed when the caller already has them for these answers and plan.
    """
    levers = chosen_levers(content, lever_ids)
    after_answers = apply_levers(answers, levers)
    before = before or assess(content, answers)
    after = assess(content, after_answers) if levers else before
    points = tuple(PointChange(b.id, b.score, a.score) for b, a in zip(before.points, after.points, strict=True))
    if schedule_before is None:
        schedule_before = compute_buffers(plan, answers, before).summary
    schedule_after = compute_buffers(plan, after_answers, after).summary if levers else schedule_before
    return WhatIf(levers, after_answers, before, after, points, schedule_before, schedule_after)
