"""The kickoff plan as data: everything a team edits on the Plan page and signs in the PDF."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from ..i18n import language_problem
from ..text import line_break_problem, line_breaks_allowed
from .agenda import DEFAULT_WORKSHOP_MINUTES, WORKSHOP_MINUTES_RANGE
from .calendar import EARLIEST_START, LATEST_START
from .roles import disambiguate_roles, role_name_problems

PLAN_SCHEMA_VERSION = 1
Phase = Literal["exploration", "development", "integration", "operation"]  # of the project, for expert hours
PHASES = get_args(Phase)
RaciLetter = Literal["R", "A", "C", "I", "A/R"]
RaciValue = Literal["", RaciLetter]  # "" is no involvement
RACI_VALUES = get_args(RaciValue)
Driver = Literal["model", "data", "engineering", "none"]  # the uncertainty that widens a task's estimate
DRIVERS = get_args(Driver)
Distribution = Literal["pert", "triangular"]


# How many rows one plan holds: generous for a real project, small enough that the largest plan's PDF
# builds in under 3 s (bench/bench_pdf_worst.py; the measurements are in docs/performance.md).
ROW_LIMITS = {
    "participants": (100, "participants"),
    "tasks": (150, "tasks"),
    "experts": (20, "domain experts"),
    "monitoring": (30, "monitoring items"),
    "roles": (16, "roles"),
    "raci": (60, "RACI activities"),
    "qualities": (30, "qualities"),
    "glossary": (60, "glossary terms"),
    "agenda": (40, "agenda topics"),
    "decisions": (100, "decisions"),
    "parking_lot": (60, "parked questions"),
    "adopted_levers": (40, "adopted mitigations"),
    "release_criteria": (20, "release criteria"),
    "open_questions": (30, "open workshop questions"),  # the knowledge base holds at most 30 expectation questions
}


def _few_line_breaks(limit: int):
    allowed = line_breaks_allowed(limit)

    def check(value: str) -> str:
        if value.count("\n") <= allowed:  # the usual case, without building the message (every text of every row)
            return value
        problem = line_break_problem(value, limit)
        if problem:
            raise PydanticCustomError("too_many_lines", problem)
        return value
    return check


def _text(limit: int):
    return Annotated[str, StringConstraints(max_length=limit), AfterValidator(_few_line_breaks(limit))]


def _rows(item, field: str):
    """A list of `item` with at most ROW_LIMITS[field] entries; more is refused naming the field and the cap."""
    limit, noun = ROW_LIMITS[field]

    def at_most(value):
        if isinstance(value, (list, tuple)) and len(value) > limit:
            raise PydanticCustomError("too_many_rows", "a plan holds at most {limit} {noun} (this one has {given})",
                                      {"limit": limit, "noun": noun, "given": len(value)})
        return value

    return Annotated[list[item], BeforeValidator(at_most)]


def first_problem(exc: Exception) -> str:
    """The first thing wrong with a plan, e.g. "raci: a plan holds at most 60 RACI activities (this one has 61)"."""
    errors = exc.errors(include_url=False) if isinstance(exc, ValidationError) else []
    if not errors:
        return (str(exc).splitlines() or [type(exc).__name__])[0]
    where = " › ".join(str(part) for part in errors[0]["loc"])
    return f"{where}: {errors[0]['msg']}" if where else errors[0]["msg"]


Days = Annotated[float, Field(ge=0, le=3650, allow_inf_nan=False)]
DEFAULT_CURRENCY = "EUR"  # the planner's default; teams set theirs on the Plan page (Monitoring)
Currency = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=12, pattern=r"^[^\x00-\x1f\x7f]+$")]


def _start_date(value):
    """A start date: a date, or text as YYYY-MM-DD, between EARLIEST_START and LATEST_START; else a message to fix it."""
    if value is None or value == "":
        return None
    parsed = (value.date() if isinstance(value, datetime) else value) if isinstance(value, date) else None
    if parsed is None and isinstance(value, str):
        try:
            parsed = date.fromisoformat(value.strip()) if len(value.strip()) == 10 else None
        except ValueError:
            parsed = None
    if parsed is None:
        raise PydanticCustomError("start_date", "{value} is not a date: write the day work starts as YYYY-MM-DD, e.g. 2026-03-02",
                                  {"value": repr(value)[:40]})
    if not EARLIEST_START <= parsed <= LATEST_START:
        raise PydanticCustomError("start_date", "{value} is outside {low} to {high}: type the day work starts",
                                  {"value": parsed.isoformat(), "low": EARLIEST_START.isoformat(), "high": LATEST_START.isoformat()})
    return parsed


StartDate = Annotated[date | None, BeforeValidator(_start_date)]


class Item(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


class Task(Item):
    name: _text(200) = ""
    driver: Driver = "none"
    optimistic: float | None = None  # validated per row by montecarlo.validate_estimates
    likely: float | None = None
    pessimistic: float | None = None
    exploratory: bool = False  # research work that gets a time-box
    kind: Annotated[str, StringConstraints(pattern=r"^[a-z_]{0,40}$")] = ""  # a default task's kind: what risk drivers touch
    added_by: _text(300) = ""  # the answer that added (or sized) a generated task; "" for every plan's tasks and the team's own


class Estimation(Item):
    trials: Annotated[int, Field(ge=100, le=1_000_000)] = 10_000
    seed: Annotated[int, Field(ge=0, le=2**32 - 1)] = 20221
    distribution: Distribution = "pert"
    target_days: Days | None = None
    apply_drivers: bool = True
    start_date: StartDate = None  # the day work starts: P50/P80/P95 and the commitment get calendar dates (working days)


class Expert(Item):
    name: _text(200) = ""
    role: _text(200) = ""
    hours: dict[Phase, Annotated[float, Field(ge=0, le=80, allow_inf_nan=False)]] = {}
    response_hours: Annotated[float, Field(ge=0, le=2000, allow_inf_nan=False)] | None = None
    reachable: bool = True


class ExpertAccess(Item):
    experts: _rows(Expert, "experts") = []
    escalation_path: _text(2000) = ""


class DataAgreement(Item):
    quantity: _text(2000) = ""
    quality_thresholds: _text(2000) = ""
    label_definitions: _text(2000) = ""
    refresh_cadence: _text(2000) = ""
    data_format: _text(2000) = ""
    change_announcer: _text(2000) = ""
    contact: _text(2000) = ""
    approvals_needed: _text(2000) = ""


class MonitoringItem(Item):
    item: _text(200) = ""
    effort_days_per_month: Annotated[float, Field(ge=0, le=1000, allow_inf_nan=False)] | None = None
    cost_per_month: Annotated[float, Field(ge=0, le=1e9, allow_inf_nan=False)] | None = None
    owner: _text(200) = ""
    feedback_path: _text(1000) = ""


class Role(Item):
    name: Annotated[str, StringConstraints(min_length=1, max_length=80), AfterValidator(_few_line_breaks(80))]
    external: bool = False  # sits in another organisation (client, vendor)
    lacks_capability: bool = False  # the team said this role is missing or not staffed


class RaciRow(Item):
    activity: Annotated[str, StringConstraints(min_length=1, max_length=120), AfterValidator(_few_line_breaks(120))]
    cells: dict[_text(80), RaciValue] = {}


class Quality(Item):
    name: _text(120) = ""
    target: _text(500) = ""
    not_needed: bool = False
    reason: _text(500) = ""


class GlossaryEntry(Item):
    term: _text(120) = ""
    meaning: _text(500) = ""
    pitfall: _text(500) = ""  # how the word is misread across roles


class AgendaItem(Item):
    topic: _text(200) = ""
    minutes: Annotated[float, Field(ge=0, le=600, allow_inf_nan=False)] | None = None
    citation: _text(80) = ""  # the study section the topic rests on


class Decision(Item):
    topic: _text(200) = ""
    decision: _text(1000) = ""
    owner: _text(200) = ""
    decided_on: _text(40) = ""


class ParkingItem(Item):
    question: _text(500) = ""
    owner: _text(200) = ""
    due: _text(40) = ""


WorseError = Literal["", "false_positive", "false_negative", "equal", "not_applicable"]  # "" is not decided yet
WORSE_ERRORS = get_args(WorseError)


class ReleaseCriterion(Item):
    """One measure the model must reach before release, in the spirit of a negotiation card (MLTE)."""

    metric: _text(200) = ""  # e.g. recall of the admissions that need intensive care
    target: _text(200) = ""  # e.g. at least 0.85
    baseline: _text(300) = ""  # what the model must beat: today's process, a simple rule, the current model
    evaluation_data: _text(500) = ""  # the data set the target is measured on
    subgroups: _text(500) = ""  # where the target must hold too, e.g. each hospital, each age band
    agreed: bool = False  # the room agreed on this row; a suggested row stays open until then
    suggested_by: _text(300) = ""  # the answer that suggested the row; "" for the team's own


class ReleaseCriteria(Item):
    """What the model must reach before it is released, and who says that it has."""

    criteria: _rows(ReleaseCriterion, "release_criteria") = []
    worse_error: WorseError = ""  # which mistake costs more
    false_positive_cost: _text(1000) = ""  # what a false alarm costs, and whom
    false_negative_cost: _text(1000) = ""  # what a miss costs, and whom
    sign_off: _text(80) = ""  # the plan role (RACI) that signs that the criteria are met
    evaluated_when: _text(500) = ""  # e.g. before the pilot, and after every retraining
class RoleAnswers(Item):
    role: _text(200) = ""
    answers: _text(1000) = ""  # e.g. "2× Near-perfect - errors are hardly acceptable, 1× A clear metric target agreed up front"


class OpenQuestion(Item):
    """A workshop question the roles disagreed on and did not settle (planner.workshop.record_room), with each role's answers."""

    expectation: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{0,61}$")] = ""  # the knowledge base's question id
    question: _text(300) = ""
    answers: Annotated[list[RoleAnswers], Field(max_length=20)] = []


def _known_language(value):
    """The documents' language: one planner.i18n speaks, or None (not chosen yet: the page offers the browser's)."""
    if value is not None and language_problem(value):
        raise PydanticCustomError("language", language_problem(value))
    return value


class Plan(Item):
    schema_version: Literal[1] = PLAN_SCHEMA_VERSION
    participants: _rows(_text(200), "participants") = []
    tasks: _rows(Task, "tasks") = []
    estimation: Estimation = Field(default_factory=Estimation)  # not an instance: that builds its validator at import
    expert_access: ExpertAccess = Field(default_factory=ExpertAccess)  # not an instance: that builds its validator at import
    data_agreement: DataAgreement = Field(default_factory=DataAgreement)  # not an instance: that builds its validator at import
    monitoring: _rows(MonitoringItem, "monitoring") = []
    roles: _rows(Role, "roles") = []
    raci: _rows(RaciRow, "raci") = []
    qualities: _rows(Quality, "qualities") = []
    glossary: _rows(GlossaryEntry, "glossary") = []
    agenda: _rows(AgendaItem, "agenda") = []
    decisions: _rows(Decision, "decisions") = []
    parking_lot: _rows(ParkingItem, "parking_lot") = []
    adopted_levers: _rows(Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{1,60}$")],
                          "adopted_levers") = []  # what-if levers the team adopted (knowledge base ids)
    currency: Currency = DEFAULT_CURRENCY  # of the monitoring budget's costs
    release_criteria: ReleaseCriteria = Field(default_factory=ReleaseCriteria)  # not an instance: that builds its validator at import
    workshop_minutes: Annotated[int, Field(ge=WORKSHOP_MINUTES_RANGE[0], le=WORKSHOP_MINUTES_RANGE[1])] = \
        DEFAULT_WORKSHOP_MINUTES  # the kickoff's planned duration: the agenda's total is shown against it
    open_questions: _rows(OpenQuestion, "open_questions") = []  # disagreements the workshop left open (planner.workshop)
    language: Annotated[Literal["en", "de"] | None, BeforeValidator(_known_language)] = None  # of the kickoff documents

    @field_validator("roles")
    @classmethod
    def _role_names_fit_the_raci_table(cls, roles: list[Role]) -> list[Role]:
        """Role names become RACI columns: unique, and none named like a fixed column."""
        problems = role_name_problems(r.name for r in roles)
        if problems:
            raise PydanticCustomError("role_names", "{problems}", {"problems": "; ".join(problems)})
        return roles


def read_stored_plan(data: dict) -> tuple[Plan, list[str]]:
    """A plan as the store holds it; roles saved before their names were checked get numbered names (listed)."""
    repaired, renamed = disambiguate_roles(data)
    return Plan.model_validate(repaired), renamed
