"""Results of an assessment: plain, immutable data, easy to render or serialise."""

from __future__ import annotations

from dataclasses import dataclass

POINT_LEVELS = ((25.0, "low"), (50.0, "medium"), (75.0, "high"), (float("inf"), "critical"))
CHALLENGE_LEVELS = ((0.25, "unlikely"), (0.5, "possible"), (0.75, "likely"), (float("inf"), "very likely"))


def point_level(score: float | None) -> str:
    if score is None:
        return "unknown"
    return next(name for limit, name in POINT_LEVELS if score < limit)


def challenge_level(likelihood: float | None) -> str:
    if likelihood is None:
        return "unknown"
    return next(name for limit, name in CHALLENGE_LEVELS if likelihood < limit)


@dataclass(frozen=True)
class Term:
    """One piece of evidence for a challenge: an answer or a setup rule."""

    kind: str  # "answer" | "setup_rule"
    ref: str  # question id or rule id
    text: str  # the question, or the rule's explanation
    answer: str  # label of the given answer ("" for rules)
    risk: float
    weight: float


@dataclass(frozen=True)
class ChallengeResult:
    id: str
    point: str
    title: str
    importance: float
    likelihood: float | None
    low: float | None
    high: float | None
    level: str
    terms: tuple[Term, ...]
    total_weight: float
    open_questions: tuple[str, ...]
    themes: tuple[str, ...]
    citations: tuple[str, ...]
    mitigations: tuple[str, ...]

    def contribution(self, term: Term) -> float:
        """How many points of likelihood (0..1) this term accounts for."""
        return term.weight * term.risk / self.total_weight if self.total_weight else 0.0

    @property
    def triggers(self) -> tuple[Term, ...]:
        """Answers and setup rules that raise this challenge (risk > 0), strongest first."""
        return tuple(t for t in self.terms if t.risk > 0)

    @property
    def trigger_questions(self) -> tuple[str, ...]:
        return tuple(t.ref for t in self.triggers if t.kind == "answer")


@dataclass(frozen=True)
class PointResult:
    id: str
    score: float | None
    low: float | None
    high: float | None
    level: str
    challenges: tuple[ChallengeResult, ...]
    answered: int
    asked: int
    unanswered: tuple[str, ...]

    @property
    def completeness(self) -> float:
        return self.answered / self.asked if self.asked else 1.0


@dataclass(frozen=True)
class Assessment:
    profile: dict
    points: tuple[PointResult, ...]
    answered: int
    asked: int
    fired_rules: tuple[str, ...]

    @property
    def completeness(self) -> float:
        return self.answered / self.asked if self.asked else 1.0

    def point(self, pid: str) -> PointResult:
        return next(p for p in self.points if p.id == pid)

    def challenge(self, cid: str) -> ChallengeResult:
        return next(c for p in self.points for c in p.challenges if c.id == cid)

    @property
    def challenges(self) -> tuple[ChallengeResult, ...]:
        return tuple(c for p in self.points for c in p.challenges)
