"""The explicit schema of question files and the knowledge base (pydantic v2, strict)."""

from __future__ import annotations

import functools
import re
from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

SCHEMA_VERSION = 1

CHALLENGE_IDS = (
    "R1", "R2", "R3", "R4", "R5",
    "D1", "D2", "D3", "D4", "D5", "D6",
    "I1", "I2", "I3", "I4",
    "Q1", "Q2", "Q3", "Q4",
)
POINT_OF_PREFIX = {"R": "requirements", "D": "data", "I": "integration", "Q": "integration"}
POINT_IDS = ("requirements", "data", "integration")
THEME_IDS = ("communication", "documentation", "engineering", "process")

CITATION_RE = re.compile(r"^§(\d+(?:\.\d+)*)((?:, [A-Z]\d+)*)$")


def _citation(value: str) -> str:
    if not CITATION_RE.match(value):
        raise ValueError(f"citation {value[:80]!r} must look like '§6.2' or '§6.2, D3, D4'")
    return value


def citation_challenges(citation: str) -> list[str]:
    """The challenge IDs a citation string names."""
    match = CITATION_RE.match(citation)
    return [c for c in match.group(2).split(", ") if c] if match else []


def _text(max_length: int, min_length: int = 1):
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length)]


Citation = Annotated[str, AfterValidator(_citation)]
Citations = Annotated[list[Citation], Field(min_length=1, max_length=12)]
ChallengeId = Annotated[str, StringConstraints(pattern=r"^[RDIQ][0-9]{1,2}$")]
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{2,60}$")]
SectionId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{1,40}$")]
OptionValue = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{1,40}$")] | Annotated[int, Field(ge=-100, le=100)]
Risk = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
Effects = Annotated[dict[ChallengeId, Risk], Field(max_length=19)]
Weight = Annotated[float, Field(gt=0.0, le=5.0, allow_inf_nan=False)]
QuestionType = Literal["single", "multi", "scale", "number", "text"]
PointOrSetup = Literal["setup", "requirements", "data", "integration"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


def _check_floors(group):
    """`floors` (challenge → least likelihood this answer alone implies) need `floor_citation` and a matching effect."""
    if bool(group.floors) != (group.floor_citation is not None):
        raise ValueError("`floors` and `floor_citation` go together: cite where the study says this answer causes the problem by itself")
    for cid in group.floors:
        if group.effects.get(cid, 0.0) <= 0:
            raise ValueError(f"a floor on {cid} needs an effect on {cid} too (e.g. `effects: {{{cid}: {group.floors[cid]:g}}}`)")
        if cid not in citation_challenges(group.floor_citation):
            raise ValueError(f"`floor_citation` must name {cid}, which `floors` raises")
    return group


def _check_floor_dominance(groups) -> None:
    """An answer at least as risky on every challenge keeps the floors of the less risky one (stays monotone)."""
    for name, low in groups:
        for other_name, high in groups:
            keys = set(low.effects) | set(high.effects)
            if high is low or not all(high.effects.get(c, 0.0) >= low.effects.get(c, 0.0) for c in keys):
                continue
            for cid, floor in low.floors.items():
                if high.floors.get(cid, 0.0) < floor:
                    raise ValueError(f"{other_name} signals at least as much risk as {name} everywhere, so it needs "
                                     f"its floor too: `floors: {{{cid}: {floor:g}}}`")


class Option(Strict):
    value: OptionValue
    label: _text(200)
    effects: Effects = {}
    floors: Effects = {}  # the answer alone makes the challenge at least this likely (docs/scoring.md)
    floor_citation: Citation | None = None
    exclusive: bool = False

    _floors = model_validator(mode="after")(_check_floors)


class Band(Strict):
    below: Annotated[float, Field(allow_inf_nan=False)] | None = None
    effects: Effects = {}
    floors: Effects = {}
    floor_citation: Citation | None = None

    _floors = model_validator(mode="after")(_check_floors)


class NumberSpec(Strict):
    min: Annotated[float, Field(allow_inf_nan=False)]
    max: Annotated[float, Field(allow_inf_nan=False)]
    unit: _text(30, 0) = ""
    integer: bool = False

    @model_validator(mode="after")
    def _range(self):
        if self.min >= self.max:
            raise ValueError("number.min must be smaller than number.max")
        if abs(self.min) > 1e12 or abs(self.max) > 1e12:
            raise ValueError("number.min and number.max must lie within ±1e12")
        return self


class Condition(Strict):
    """The one condition model: on the answer to `question`, either `any_of` (options) or `below`/`at_least`
    (a number range). Setup rules and explainer triggers use it; planner.conditions evaluates every condition."""

    question: Identifier
    any_of: Annotated[list[OptionValue], Field(min_length=1, max_length=12)] | None = None
    below: Annotated[float, Field(allow_inf_nan=False)] | None = None
    at_least: Annotated[float, Field(allow_inf_nan=False)] | None = None

    @model_validator(mode="after")
    def _one_kind(self):
        if (self.any_of is None) == (self.below is None and self.at_least is None):
            raise ValueError("a condition needs either `any_of` or `below`/`at_least`")
        return self


class OptionCondition(Condition):
    """A condition on options only (`show_if`, a plan task's `when`): `any_of` is required, a number range
    is not part of the format (the class variables drop the fields, so `below:` there is an unknown key)."""

    any_of: Annotated[list[OptionValue], Field(min_length=1, max_length=12)]
    below: ClassVar[None] = None
    at_least: ClassVar[None] = None


ShowIf = OptionCondition


class Question(Strict):
    id: Identifier
    text: _text(300)
    help: _text(800)
    example: _text(300)
    type: QuestionType
    weight: Weight = 1.0
    show_if: ShowIf | None = None
    options: Annotated[list[Option], Field(min_length=2, max_length=12)] | None = None
    number: NumberSpec | None = None
    bands: Annotated[list[Band], Field(min_length=1, max_length=12)] | None = None
    max_length: Annotated[int, Field(ge=1, le=20000)] | None = None
    citations: Citations

    @model_validator(mode="after")
    def _fields_match_type(self):
        has_options = self.type in ("single", "multi", "scale")
        if has_options and self.options is None:
            raise ValueError(f"a {self.type} question needs `options`")
        if not has_options and self.options is not None:
            raise ValueError(f"a {self.type} question must not have `options`")
        if (self.type == "number") != (self.number is not None) or (self.type == "number") != (self.bands is not None):
            raise ValueError("`number` and `bands` belong to number questions, and number questions need both")
        if self.max_length is not None and self.type != "text":
            raise ValueError("`max_length` only applies to text questions")
        if self.options:
            self._check_options()
        if self.bands:
            self._check_bands()
        return self

    def _check_options(self):
        values = [o.value for o in self.options]
        if len(set(values)) != len(values):
            raise ValueError("option values must be unique within a question")
        if self.type == "scale":
            if not all(isinstance(v, int) for v in values) or sorted(values) != list(range(min(values), min(values) + len(values))):
                raise ValueError("scale options need consecutive integer values, e.g. 1, 2, 3, 4, 5")
        elif not all(isinstance(v, str) for v in values):
            raise ValueError(f"{self.type} option values must be text like 'model_first'")
        if self.type != "multi" and any(o.exclusive for o in self.options):
            raise ValueError("`exclusive` only applies to multi questions")
        if not any(o.effects for o in self.options):
            raise ValueError("at least one option needs `effects`, otherwise the answer cannot change any risk")
        if self.type != "multi":
            _check_floor_dominance([(f"option {o.value!r}", o) for o in self.options])

    def _check_bands(self):
        limits = [b.below for b in self.bands]
        if limits[-1] is not None or any(limit is None for limit in limits[:-1]):
            raise ValueError("every band but the last needs `below`; the last band has none")
        if limits[:-1] != sorted(limits[:-1]) or len(set(limits[:-1])) != len(limits) - 1:
            raise ValueError("band limits (`below`) must be strictly ascending")
        if any(not (self.number.min < limit <= self.number.max) for limit in limits[:-1]):
            raise ValueError("band limits must lie between number.min and number.max")
        if not any(b.effects for b in self.bands):
            raise ValueError("at least one band needs `effects`")
        _check_floor_dominance([(f"band {i}", b) for i, b in enumerate(self.bands)])

    @property
    def scored(self) -> bool:
        """Whether the answer feeds the risk score (text answers do not)."""
        return self.type != "text"

    def option(self, value) -> Option | None:
        for option in self.options or ():
            if option.value == value:
                return option
        return None

    def informs(self) -> frozenset[str]:
        """Challenge IDs any answer to this question can signal."""
        return self.challenges_informed

    @functools.cached_property
    def challenges_informed(self) -> frozenset[str]:
        """`informs()`, computed once: the question is frozen, and the engine asks for every question and challenge."""
        groups = [o.effects for o in self.options or ()] + [b.effects for b in self.bands or ()]
        return frozenset(challenge for effects in groups for challenge in effects)


class Section(Strict):
    id: SectionId
    title: _text(80)
    collaboration_point: PointOrSetup
    order: Annotated[int, Field(ge=0, le=10000)]
    intro: _text(800)
    citations: Citations


class QuestionFile(Strict):
    schema_version: int
    section: Section
    questions: Annotated[list[Question], Field(min_length=1, max_length=200)]


class Theme(Strict):
    id: Literal["communication", "documentation", "engineering", "process"]
    title: _text(60)
    description: _text(600)
    citations: Citations


class CollaborationPoint(Strict):
    id: Literal["requirements", "data", "integration"]
    title: _text(80)
    description: _text(1000)
    citations: Citations


class Evidence(Strict):
    text: _text(500)
    citation: Citation


class Challenge(Strict):
    id: ChallengeId
    collaboration_point: Literal["requirements", "data", "integration"]
    title: _text(120)
    summary: _text(1000)
    themes: Annotated[list[Literal["communication", "documentation", "engineering", "process"]], Field(min_length=1, max_length=4)]
    importance: Annotated[float, Field(gt=0.0, le=2.0, allow_inf_nan=False)]
    evidence: Annotated[list[Evidence], Field(min_length=1, max_length=8)]
    citations: Citations


class Mitigation(Strict):
    id: Identifier
    title: _text(120)
    description: _text(1000)
    reduces: Annotated[list[ChallengeId], Field(min_length=1, max_length=19)]
    themes: Annotated[list[Literal["communication", "documentation", "engineering", "process"]], Field(min_length=1, max_length=4)]
    citations: Citations


class SetupRule(Strict):
    id: Identifier
    explanation: _text(800)
    when: Annotated[list[Condition], Field(min_length=1, max_length=6)]
    effects: Annotated[Effects, Field(min_length=1)]
    weight: Weight
    citations: Citations


class ExplainerTrigger(Strict):
    """The card applies when every condition holds (triggers of one card are alternatives)."""

    when: Annotated[list[Condition], Field(min_length=1, max_length=6)]


class Explainer(Strict):
    """A short plain-language card for clients and managers: what ML can and cannot promise."""

    id: Identifier
    title: _text(120)
    body: _text(1500)
    takeaway: _text(300)  # the one sentence to remember
    triggers: Annotated[list[ExplainerTrigger], Field(max_length=8)] = []
    citations: Citations


class LeverChange(Strict):
    """The answer a question would have once the mitigation is in place.

    `value` for single, scale and number questions (the answer it becomes); `remove` for multi questions
    that list what is missing (the options the mitigation takes out of the answer).
    """

    question: Identifier
    value: OptionValue | None = None
    remove: Annotated[list[OptionValue], Field(min_length=1, max_length=12)] | None = None

    @model_validator(mode="after")
    def _one_kind(self):
        if (self.value is None) == (self.remove is None):
            raise ValueError("a lever change needs either `value` (the new answer) or `remove` (options a multi answer loses)")
        return self


def _ordered_days(days: list[float]) -> list[float]:
    if not days[0] <= days[1] <= days[2]:
        raise ValueError(f"days {days} are not ordered optimistic <= likely <= pessimistic")
    return days


class LeverEffort(Strict):
    """The work a mitigation itself takes (e.g. negotiating a data contract), added as a task in what-if.

    `days` (optimistic, likely, pessimistic working days) are the planner's default; `citations` say why the work is needed.
    """

    task: _text(200)
    days: Annotated[list[Annotated[float, Field(ge=0, le=365)]], Field(min_length=3, max_length=3), AfterValidator(_ordered_days)]
    citations: Citations


class Lever(Strict):
    """A what-if switch: adopting a mitigation, expressed as the answers it would change.

    `buffer`: the mitigation is about how the plan commits (time-boxes, a buffer before promises), not about how long the
    work takes, so what-if never lets its answer changes shorten the simulated schedule; `effort`: the work it takes itself.
    """

    id: Identifier
    mitigation: Identifier
    title: _text(120)
    changes: Annotated[list[LeverChange], Field(min_length=1, max_length=6)]
    citations: Citations
    effort: LeverEffort | None = None
    buffer: bool = False


class QuestionnaireAnswer(Strict):
    """A questionnaire answer (a single-choice question and one of its options) that a settled expectation stands for."""

    question: Identifier
    value: OptionValue


class ExpectationOption(Strict):
    value: Identifier
    label: _text(160)
    answer: QuestionnaireAnswer | None = None  # settling the workshop question on this option sets this answer


class Expectation(Strict):
    """A workshop question each participant answers from their role; options are ordered along one scale."""

    id: Identifier
    text: _text(300)
    options: Annotated[list[ExpectationOption], Field(min_length=2, max_length=6)]
    prompt: _text(400)  # what to discuss when roles disagree
    citations: Citations


class KnowledgeBase(Strict):
    schema_version: int
    themes: Annotated[list[Theme], Field(min_length=4, max_length=4)]
    collaboration_points: Annotated[list[CollaborationPoint], Field(min_length=3, max_length=3)]
    challenges: Annotated[list[Challenge], Field(min_length=1, max_length=40)]
    mitigations: Annotated[list[Mitigation], Field(min_length=1, max_length=200)]
    setup_rules: Annotated[list[SetupRule], Field(max_length=100)] = []
    explainers: Annotated[list[Explainer], Field(max_length=40)] = []
    levers: Annotated[list[Lever], Field(max_length=40)] = []
    expectations: Annotated[list[Expectation], Field(max_length=30)] = []
