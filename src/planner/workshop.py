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
    still_open = [x for x in plan.open_questions if x.expectation != question.id]  # settled: no longer open
    try:  # the decision log has a cap (planner.plan.model.ROW_LIMITS)
        return Plan.model_validate({**plan.model_dump(), "decisions": [*kept, decision],
                                    "open_questions": [x.model_dump() for x in still_open]})
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
def open_disagreements(plan, results: list[Divergence]) -> list:
    """The flagged questions the plan has no settled decision for, each with how every role answered."""
    from .plan.model import OpenQuestion, RoleAnswers

    return [OpenQuestion(expectation=d.question.id, question=d.question.text[:300],
                         answers=[RoleAnswers(role=r.role[:200], answers=answers_text(d.question, r)[:1000]) for r in d.roles[:20]])
            for d in results if d.flagged and settled(plan, d.question) is None]


def record_room(plan, results: list[Divergence], people: list[Participant]):
    """The plan with what the workshop leaves: its open disagreements (replacing the ones written before) and the
    people who joined in its participant list ("name — role", merged with the names typed there); ValueError over a cap."""
    from pydantic import ValidationError

    from .plan.model import Plan, first_problem
    from .plan.participants import merge

    update = {"open_questions": [x.model_dump() for x in open_disagreements(plan, results)],
              "participants": merge(plan.participants, [(p.name, p.role) for p in people])}
    try:
        return Plan.model_validate({**plan.model_dump(), **update})
    except ValidationError as exc:
        raise ValueError(first_problem(exc)) from None


def settled_value(question: Expectation, decision) -> str | None:
    """The option a settled decision chose (its text starts with the option's label), None if edited beyond that."""
    text = decision.decision if decision is not None else ""
    found = [o for o in question.options if text == o.label or text.startswith(o.label + " — ")]
    return max(found, key=lambda o: len(o.label)).value if found else None


def questionnaire_answer(question: Expectation, value: str) -> tuple[str, object] | None:
    """(questionnaire question id, answer) that settling `question` on `value` stands for, if the knowledge base maps one."""
    option = next((o for o in question.options if o.value == value), None)
    return (option.answer.question, option.answer.value) if option is not None and option.answer is not None else None
