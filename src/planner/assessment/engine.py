"""The risk engine: answers + setup → likelihood per challenge → score per collaboration point.

Model (see docs/scoring.md):
- Every answered, visible question that can signal challenge c adds a term (risk r, weight W):
  with lo/hi the least/most any answer to it signals for c, W = question weight × (hi − lo) and
  r = (the answer's effect − lo) / (hi − lo): 0 for the least risky answer, 1 for the most risky;
  a question that discriminates little for c also weighs little.
- Every setup rule whose conditions hold adds a term with r = 1 and w = rule.weight × effect:
  the setup puts extra weight on the risky side, so it can only raise a likelihood.
- likelihood(c) = Σ w·r / Σ w over those terms; unanswered questions are left out and widen
  the range [low, high] instead (low: every open question answered with its least risky
  option, high: with its most risky).
- An answer content marks as sufficient on its own (`floors`) bounds the likelihood from below:
  likelihood(c) = max(mean, highest floor among the given answers); the floor is its own term,
  listed first, and accounts for the lift.
- score(point) = max(100 × Σ importance·likelihood / Σ importance over the point's challenges,
  the lower limit of the level one below its most likely challenge of normal or higher importance)
  - the weakest-link rule: a very likely challenge keeps its point at least high.
"""

from __future__ import annotations

from ..answers import Answers, all_questions, fitting_answers, is_visible, progress
from ..conditions import all_hold, asked_answers
from ..content import POINT_IDS, Content, Question
from ..content.schema import SetupRule
from .model import (NORMAL_IMPORTANCE, Assessment, ChallengeResult, PointResult, Term, challenge_level, lifted_score, point_level,
                    point_level_floor)

PROFILE_QUESTIONS = {
    "trajectory": "setup_trajectory",
    "data_source": "setup_data_source",
    "integration": "setup_integration",
}


def combine(risks) -> float:
    """Risks of several chosen options (multi answers) combine as 1 − Π(1 − r)."""
    remaining = 1.0
    for r in risks:
        remaining *= 1.0 - r
    return 1.0 - remaining


def answer_risk(question: Question, value, challenge: str) -> float:
    """The risk an answer signals for one challenge."""
    if question.type in ("single", "scale"):
        return question.option(value).effects.get(challenge, 0.0)
    if question.type == "multi":
        return combine(question.option(v).effects.get(challenge, 0.0) for v in value)
    if question.type == "number":
        return band_for(question, value).effects.get(challenge, 0.0)
    return 0.0


def answer_floor(question: Question, value, challenge: str) -> tuple[float, str]:
    """The least likelihood an answer implies on its own for a challenge (0 if none), with its citation."""
    if question.type in ("single", "scale"):
        groups = [question.option(value)]
    elif question.type == "multi":
        groups = [question.option(v) for v in value]
    elif question.type == "number":
        groups = [band_for(question, value)]
    else:
        return 0.0, ""
    best = max(groups, key=lambda g: g.floors.get(challenge, 0.0))
    return best.floors.get(challenge, 0.0), best.floor_citation or ""


def band_for(question: Question, value):
    for band in question.bands:
        if band.below is None or value < band.below:
            return band
    return question.bands[-1]  # pragma: no cover - the last band is open-ended


def risk_range(question: Question, challenge: str) -> tuple[float, float]:
    """Least and most risk any answer to the question could signal for the challenge."""
    if question.type == "multi":
        singles = [o.effects.get(challenge, 0.0) for o in question.options]
        together = combine(o.effects.get(challenge, 0.0) for o in question.options if not o.exclusive)
        return min(singles), max(max(singles), together)
    groups = question.options if question.options else question.bands
    values = [g.effects.get(challenge, 0.0) for g in groups]
    return min(values), max(values)


def answer_label(question: Question, value) -> str:
    if question.type in ("single", "scale"):
        return question.option(value).label
    if question.type == "multi":
        return "; ".join(question.option(v).label for v in value)
    if question.type == "number":
        unit = f" {question.number.unit}" if question.number.unit else ""
        return f"{value:g}{unit}"
    return value


def fired_rules(content: Content, answers: Answers) -> list[SetupRule]:
    """Rules whose conditions all hold; an answer to a question not asked (show_if) holds nothing."""
    asked = asked_answers(content, answers)
    return [r for r in content.kb.setup_rules if all_hold(r.when, asked)]


def assess(content: Content, answers: Answers) -> Assessment:
    """Deterministic assessment of one project's answers; one that does not fit its question counts as unanswered."""
    answers = fitting_answers(content, answers)
    visible = [q for s in content.sections for q in s.questions if q.scored and is_visible(q, answers)]
    rules = fired_rules(content, answers)
    challenges = {cid: _assess_challenge(content, c, visible, answers, rules) for cid, c in content.challenges.items()}
    points = tuple(_assess_point(content, pid, challenges, visible, answers) for pid in POINT_IDS)
    counts = progress(all_questions(content), answers)
    profile = {key: answers.get(qid) for key, qid in PROFILE_QUESTIONS.items()}
    return Assessment(
        profile=profile,
        points=points,
        answered=counts.answered,
        asked=counts.asked,
        fired_rules=tuple(r.id for r in rules),
    )


def _assess_challenge(content, challenge, visible, answers, rules) -> ChallengeResult:
    cid = challenge.id
    terms: list[Term] = []
    floor: Term | None = None
    open_high = open_weight = open_floor = 0.0  # open_floor: the highest floor an open question's answer could set
    open_questions: list[str] = []
    for q in visible:
        if cid not in q.informs():
            continue
        least, most = risk_range(q, cid)
        spread = most - least
        if spread <= 0:
            continue  # every answer signals the same: the question says nothing about this challenge
        weight = q.weight * spread  # how much this question can tell about the challenge
        if q.id in answers:
            value = answers[q.id]
            risk = (answer_risk(q, value, cid) - least) / spread
            terms.append(Term("answer", q.id, q.text, answer_label(q, value), risk, weight))
            at_least, citation = answer_floor(q, value, cid)
            if at_least > (floor.risk if floor else 0.0):  # the highest floor; the first question on a tie
                floor = Term("floor", q.id, q.text, answer_label(q, value), at_least, 0.0, citation)
        else:
            open_high += weight  # the least risky answer would add 0, the most risky 1
            open_weight += weight
            open_floor = max(open_floor, max(g.floors.get(cid, 0.0) for g in (q.options or q.bands)))
            open_questions.append(q.id)
    for rule in rules:
        effect = rule.effects.get(cid, 0.0)
        if effect > 0:
            terms.append(Term("setup_rule", rule.id, rule.explanation, "", 1.0, rule.weight * effect))
    weight = sum(t.weight for t in terms)
    risk = sum(t.weight * t.risk for t in terms)
    mean = risk / weight if weight else None
    total = weight + open_weight
    low = risk / total if total else None
    high = (risk + open_high) / total if total else None
    ranked = tuple(sorted(terms, key=lambda t: (-(t.weight * t.risk), t.ref)))
    likelihood = mean
    if floor is not None:  # an answered floor question has an effect on c, so mean, low and high exist
        likelihood, low, high = max(mean, floor.risk), max(low, floor.risk), max(high, floor.risk)
        ranked = (floor, *ranked)
    if high is not None:
        high = max(high, open_floor)
    return ChallengeResult(
        id=cid,
        point=challenge.collaboration_point,
        title=challenge.title,
        importance=challenge.importance,
        likelihood=likelihood,
        low=low,
        high=high,
        level=challenge_level(likelihood),
        terms=ranked,
        total_weight=weight,
        open_questions=tuple(open_questions),
        themes=tuple(challenge.themes),
        citations=tuple(challenge.citations),
        mitigations=tuple(m.id for m in content.mitigations_for[cid]),
        mean=mean,
    )


def _weighted(values: list[tuple[float, float]]) -> float | None:
    total = sum(w for w, _ in values)
    return 100.0 * sum(w * v for w, v in values) / total if total else None


def _weakest_link(own, field: str) -> tuple[float, ChallengeResult | None]:
    """The floor the most likely challenge of normal or higher importance sets on its point's score."""
    rated = [c for c in own if c.importance >= NORMAL_IMPORTANCE and getattr(c, field) is not None]
    if not rated:
        return 0.0, None
    top = max(rated, key=lambda c: (getattr(c, field), c.importance, -own.index(c)))
    return point_level_floor(getattr(top, field))[0], top


def _lifted(mean: float | None, own, field: str) -> tuple[float | None, ChallengeResult | None]:
    floor, top = _weakest_link(own, field)
    if mean is None:
        return None, None
    score = lifted_score(mean, floor)
    return (score, top) if score > mean else (mean, None)


def _assess_point(content, pid, challenges, visible, answers) -> PointResult:
    own = [c for c in challenges.values() if c.point == pid]
    mean = _weighted([(c.importance, c.likelihood) for c in own if c.likelihood is not None])
    score, weakest = _lifted(mean, own, "likelihood")
    low = _lifted(_weighted([(c.importance, c.low) for c in own if c.low is not None]), own, "low")[0]
    high = _lifted(_weighted([(c.importance, c.high) for c in own if c.high is not None]), own, "high")[0]
    relevant = [q for q in visible if pid in content.points_informed(q)]
    answered = [q.id for q in relevant if q.id in answers]
    ranked = tuple(sorted(own, key=lambda c: (-(c.likelihood if c.likelihood is not None else -1), -c.importance, c.id)))
    return PointResult(
        id=pid,
        score=score,
        low=low,
        high=high,
        level=point_level(score),
        challenges=ranked,
        answered=len(answered),
        asked=len(relevant),
        unanswered=tuple(q.id for q in relevant if q.id not in answers),
        mean=mean,
        weakest_link=weakest.id if weakest else None,
    )
