"""Workshop divergence: where the roles of a kickoff expect different things.

Each expectation question has ordered options. Per question we compare the roles' answers: the
spread is the mean absolute distance of the answers from their median position, scaled to 0..1 by
the width of the scale (0: everyone agrees, 1: answers split between both ends). A question is
flagged when the spread reaches FLAG_AT or two roles' typical answers lie two or more steps apart.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from .content import Content
from .content.schema import Expectation
from .domain import WORKSHOP_ROLES, Participant  # noqa: F401 - re-exported

FLAG_AT = 0.35


@dataclass(frozen=True)
class RoleView:
    role: str
    count: int  # participants of this role who answered
    mean_position: float  # 0 = first option .. 1 = last option
    answers: dict[str, int]  # option value → how many chose it


@dataclass(frozen=True)
class Divergence:
    question: Expectation
    answered: int
    spread: float | None  # None with fewer than two answers
    flagged: bool
    roles: tuple[RoleView, ...]


def divergence(content: Content, people: list[Participant]) -> list[Divergence]:
    """One entry per expectation question, most divergent first (unanswered questions last)."""
    out = []
    for question in content.kb.expectations:
        order = [o.value for o in question.options]
        steps = max(len(order) - 1, 1)
        given = [(p.role, order.index(p.answers[question.id])) for p in people if p.answers.get(question.id) in order]
        positions = [pos for _, pos in given]
        spread = None
        if len(positions) >= 2:
            median = statistics.median(positions)
            spread = sum(abs(pos - median) for pos in positions) / len(positions) / (steps / 2)
            spread = min(spread, 1.0)
        roles = []
        for role in dict.fromkeys(r for r, _ in given):
            mine = [pos for r, pos in given if r == role]
            counts: dict[str, int] = {}
            for pos in mine:
                counts[order[pos]] = counts.get(order[pos], 0) + 1
            roles.append(RoleView(role, len(mine), statistics.fmean(mine) / steps, counts))
        typical = [statistics.median([pos for r, pos in given if r == role.role]) for role in roles]
        apart = bool(typical) and max(typical) - min(typical) >= 2
        flagged = spread is not None and (spread >= FLAG_AT or apart)
        out.append(Divergence(question, len(positions), spread, flagged, tuple(roles)))
    return sorted(out, key=lambda d: (d.spread is None, -(d.spread or 0)))


def check_expectation(questions: list[Expectation], question_id: str, value) -> str:
    """`value` as an answer to the expectation question `question_id`; ValueError unless it is one of its options
    (a crafted request can send any string, the radio buttons only offer the options)."""
    question = next((q for q in questions if q.id == question_id), None)
    if question is None:
        raise ValueError(f"{str(question_id)[:80]!r} is not one of the workshop questions")
    if not isinstance(value, str) or value not in {o.value for o in question.options}:
        shown = "no answer" if value is None else repr(str(value)[:60])
        raise ValueError(f"{shown} is not one of the answers to “{question.text}”; choose one of the options shown")
    return value


def answers_text(question: Expectation, role: RoleView) -> str:
    """How one role answered, e.g. "2× A clear metric target agreed up front, 1× Near-perfect …"."""
    labels = {o.value: o.label for o in question.options}
    return ", ".join(f"{n}× {labels[value]}" for value, n in role.answers.items())


SETTLED_PREFIX = "Workshop: "


def settled(plan, question: Expectation):
    """The decision that settled this question, if any."""
    topic = SETTLED_PREFIX + question.text
    return next((d for d in plan.decisions if d.topic == topic), None)


def settle(plan, question: Expectation, value: str, note: str, owner: str, day: str):
    """The plan with the team's settled answer to a divergent question in its decision log (replacing an earlier one)."""
    from pydantic import ValidationError

    from .plan.model import Decision, Plan, first_problem

    labels = {o.value: o.label for o in question.options}
    if value not in labels:
        raise ValueError(f"{value!r} is not an option of this question")
    text = labels[value] + (f" — {note.strip()}" if note and note.strip() else "")
    decision = Decision(topic=(SETTLED_PREFIX + question.text)[:200], decision=text[:1000], owner=owner[:200], decided_on=day[:40])
    kept = [d for d in plan.decisions if d.topic != decision.topic]
    try:  # the decision log has a cap (planner.plan.model.ROW_LIMITS)
        return Plan.model_validate({**plan.model_dump(), "decisions": [*kept, decision]})
    except ValidationError as exc:
        raise ValueError(first_problem(exc)) from None


def park(plan, question: str, who: str):
    """The plan with a participant's question in its parking lot (who could answer it as the owner); a question already
    there is not added twice."""
    from pydantic import ValidationError

    from .plan.model import ParkingItem, Plan, first_problem

    if any(p.question.strip() == question.strip() for p in plan.parking_lot):
        return plan
    try:  # the parking lot has a cap (planner.plan.model.ROW_LIMITS)
        item = ParkingItem(question=question, owner=who)
        return Plan.model_validate({**plan.model_dump(), "parking_lot": [*plan.parking_lot, item]})
    except ValidationError as exc:
        raise ValueError(first_problem(exc)) from None
