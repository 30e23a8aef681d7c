"""Results of an assessment: plain, immutable data, easy to render or serialise."""

from __future__ import annotations

from dataclasses import dataclass

POINT_LEVELS = ((25.0, "low"), (50.0, "medium"), (75.0, "high"), (float("inf"), "critical"))
CHALLENGE_LEVELS = ((0.25, "unlikely"), (0.5, "possible"), (0.75, "likely"), (float("inf"), "very likely"))


# Levels are read from the value as shown (a whole score, a whole percent), so "50 / 100" is never called medium.
def point_level(score: float | None) -> str:
    if score is None:
        return "unknown"
    return next(name for limit, name in POINT_LEVELS if round(score) < limit)


def challenge_level(likelihood: float | None) -> str:
    if likelihood is None:
        return "unknown"
    return next(name for limit, name in CHALLENGE_LEVELS if round(100 * likelihood) / 100 < limit)


# The planner's defaults for the weakest-link rule (docs/scoring.md): challenges of at least this importance
# hold their point's level at most this many levels below their own.
NORMAL_IMPORTANCE = 1.0
LEVELS_BELOW = 1


def level_index(levels, value: float) -> int:
    """Index of the level a challenge likelihood is shown in (whole percent, as challenge_level reads it)."""
    return next(i for i, (limit, _) in enumerate(levels) if round(100 * value) / 100 < limit)


def point_level_floor(challenge_likelihood: float) -> tuple[float, str]:
    """The lowest score (and its level) a point may have when one of its challenges has this likelihood."""
    index = max(0, level_index(CHALLENGE_LEVELS, challenge_likelihood) - LEVELS_BELOW)
    return (0.0 if index == 0 else POINT_LEVELS[index - 1][0]), POINT_LEVELS[index][1]


LIFT_SHARE = 0.1  # planner's default: how much of the average still moves a lifted score (docs/scoring.md)


def lifted_score(mean: float, floor: float) -> float:
    """The score of a point whose level must be at least the one starting at `floor` (planner's default).

    Not simply `floor`: a tenth of the average is added, so two projects lifted to the same level keep their order
    (50 -> 50-55). max() keeps it monotone and continuous in the average; it only reaches averages just above the
    floor (below floor / (1 - LIFT_SHARE)), so a point whose average is well inside the level keeps its average.
    """
    if floor <= 0:
        return mean
    return max(mean, floor + LIFT_SHARE * mean)


@dataclass(frozen=True)
class Term:
    """One piece of evidence for a challenge: an answer, a setup rule, or an answer that is a floor on its own."""

    kind: str  # "answer" | "setup_rule" | "floor"
    ref: str  # question id or rule id
    text: str  # the question, or the rule's explanation
    answer: str  # label of the given answer ("" for rules)
    risk: float  # for a floor: the least likelihood the answer implies on its own
    weight: float  # 0 for a floor: it does not enter the average, it bounds it
    citation: str = ""  # for a floor: where the study says the answer causes the problem by itself


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
    mean: float | None = None  # the weighted average of the terms, before a floor lifts it

    @property
    def floor_term(self) -> Term | None:
        """The answer that on its own sets the highest floor, if any (always listed first)."""
        return next((t for t in self.terms if t.kind == "floor"), None)

    def contribution(self, term: Term) -> float:
        """How many points of likelihood (0..1) this term accounts for; a floor accounts for its lift."""
        if term.kind == "floor":
            return max(0.0, self.likelihood - self.mean) if self.likelihood is not None and self.mean is not None else 0.0
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
    mean: float | None = None  # the importance-weighted average of the challenges, before the weakest-link rule
    weakest_link: str | None = None  # the challenge that lifted the score (None when the average stands)

    @property
    def completeness(self) -> float:
        return self.answered / self.asked if self.asked else 1.0

    @property
    def lift(self) -> float:
        """Points the weakest-link rule adds to the average."""
        return self.score - self.mean if self.weakest_link and self.score is not None and self.mean is not None else 0.0

    def weakest_link_note(self) -> str | None:
        """E.g. 'at least high because D6 is very likely', when that rule set the score."""
        if not self.weakest_link:
            return None
        c = next(c for c in self.challenges if c.id == self.weakest_link)
        return f"at least {self.level} because {c.id} is {c.level}"


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
