"""The kickoff plan as data: everything a team edits on the Plan page and signs in the PDF."""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from ..text import line_break_problem
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
    "open_questions": (30, "open workshop questions"),  # the knowledge base holds at most 30 expectation questions
}


def _few_line_breaks(limit: int):
    def check(value: str) -> str:
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


class Item(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


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


class RoleAnswers(Item):
    role: _text(200) = ""
    answers: _text(1000) = ""  # e.g. "2× Near-perfect - errors are hardly acceptable, 1× A clear metric target agreed up front"


class OpenQuestion(Item):
    """A workshop question the roles disagreed on and did not settle (planner.workshop.record_room), with each role's answers."""

    expectation: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{0,61}$")] = ""  # the knowledge base's question id
    question: _text(300) = ""
    answers: Annotated[list[RoleAnswers], Field(max_length=20)] = []


class Plan(Item):
    schema_version: Literal[1] = PLAN_SCHEMA_VERSION
    participants: _rows(_text(200), "participants") = []
    tasks: _rows(Task, "tasks") = []
    estimation: Estimation = Estimation()
    expert_access: ExpertAccess = ExpertAccess()
    data_agreement: DataAgreement = DataAgreement()
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
    open_questions: _rows(OpenQuestion, "open_questions") = []  # disagreements the workshop left open (planner.workshop)

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
