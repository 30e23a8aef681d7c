"""Milestones: the assessment at named points in time, a trend, and what changed between two of them.

Scores are recomputed from each milestone's saved answers with the current content, so a trend
never mixes two versions of the scoring model.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from .answers import Answers, fitting_answers, is_visible
from .assessment import Assessment, answer_label, assess
from .content import Content
from .domain import Milestone  # noqa: F401 - re-exported


@dataclass(frozen=True)
class TrendPoint:
    milestone: str  # name (or "Now")
    when: datetime | None  # when the milestone was saved, None for now
    point_id: str
    score: float | None


@dataclass(frozen=True)
class AnswerChange:
    question_id: str
    question: str
    before: str
    after: str


@dataclass(frozen=True)
class ChallengeChange:
    id: str
    title: str
    before: float | None
    after: float | None


@dataclass(frozen=True)
class Comparison:
    before: Assessment
    after: Assessment
    answers: tuple[AnswerChange, ...]
    challenges: tuple[ChallengeChange, ...]  # only those whose likelihood changed, biggest change first


def trend(content: Content, milestones: list[Milestone], current: Answers | None = None) -> list[TrendPoint]:
    """Score per collaboration point at each milestone (oldest first), then "Now" when `current` is given."""
    series = [(m.name, m.created_at, m.answers) for m in milestones]
    if current is not None:
        series.append(("Now", None, current))
    out = []
    for name, when, answers in series:
        for point in kept_assessment(content, answers).points:
            out.append(TrendPoint(name, when, point.id, point.score))
    return out


def kept_assessment(content: Content, answers: Answers) -> Assessment:
    """`assess()`, computed once per distinct set of answers and kept with the content: a milestone's answers
    never change, so the page does not re-assess every milestone on every rerun."""
    return content.kept(("assessment", answers_key(answers)), lambda: assess(content, answers))


def answers_key(answers: Answers) -> str:
    """A fingerprint of a set of answers (JSON, so 1, 1.0 and true stay apart; any stored value fits)."""
    return json.dumps(answers, sort_keys=True, default=repr)


def _shown(content: Content, question_id: str, answers: Answers) -> str:
    question = content.questions[question_id]
    if question_id not in answers or not is_visible(question, answers):
        return "not answered"
    return str(answer_label(question, answers[question_id]))


def compare(content: Content, before: Answers, after: Answers) -> Comparison:
    """Answers that differ (in questionnaire order) and challenges whose likelihood moved."""
    a, b = kept_assessment(content, before), kept_assessment(content, after)  # assess() fits the answers itself
    before, after = fitting_answers(content, before), fitting_answers(content, after)
    changed = []
    for question_id in content.questions:
        old, new = _shown(content, question_id, before), _shown(content, question_id, after)
        if old != new:
            changed.append(AnswerChange(question_id, content.questions[question_id].text, old, new))
    moves = []
    for old in a.challenges:
        new = b.challenge(old.id)
        if old.likelihood != new.likelihood:
            moves.append(ChallengeChange(old.id, old.title, old.likelihood, new.likelihood))
    moves.sort(key=lambda c: -abs((c.after or 0) - (c.before or 0)))
    return Comparison(a, b, tuple(changed), tuple(moves))
