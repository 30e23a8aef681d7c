"""The kickoff plan as data: everything a team edits on the Plan page and signs in the PDF."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator
from pydantic_core import PydanticCustomError

from .roles import disambiguate_roles, role_name_problems

PLAN_SCHEMA_VERSION = 1
PHASES = ("exploration", "development", "integration", "operation")
RACI_VALUES = ("", "R", "A", "C", "I", "A/R")
DRIVERS = ("model", "data", "engineering", "none")


def _text(limit: int):
    return Annotated[str, StringConstraints(max_length=limit)]


Days = Annotated[float, Field(ge=0, le=3650, allow_inf_nan=False)]
DEFAULT_CURRENCY = "EUR"  # the planner's default; teams set theirs on the Plan page (Monitoring)
Currency = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=12, pattern=r"^[^\x00-\x1f\x7f]+$")]


class Item(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Task(Item):
    name: _text(200) = ""
    driver: Literal["model", "data", "engineering", "none"] = "none"
    optimistic: float | None = None  # validated per row by montecarlo.validate_estimates
    likely: float | None = None
    pessimistic: float | None = None
    exploratory: bool = False  # research work that gets a time-box


class Estimation(Item):
    trials: Annotated[int, Field(ge=100, le=1_000_000)] = 10_000
    seed: Annotated[int, Field(ge=0, le=2**32 - 1)] = 20221
    distribution: Literal["pert", "triangular"] = "pert"
    target_days: Days | None = None
    apply_drivers: bool = True


class Expert(Item):
    name: _text(200) = ""
    role: _text(200) = ""
    hours: dict[Literal["exploration", "development", "integration", "operation"],
                Annotated[float, Field(ge=0, le=80, allow_inf_nan=False)]] = {}
    response_hours: Annotated[float, Field(ge=0, le=2000, allow_inf_nan=False)] | None = None
    reachable: bool = True


class ExpertAccess(Item):
    experts: Annotated[list[Expert], Field(max_length=50)] = []
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
    feedback_path: _text(2000) = ""


class Role(Item):
    name: Annotated[str, StringConstraints(min_length=1, max_length=80)]
    external: bool = False  # sits in another organisation (client, vendor)
    lacks_capability: bool = False  # the team said this role is missing or not staffed


class RaciRow(Item):
    activity: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    cells: dict[_text(80), Literal["", "R", "A", "C", "I", "A/R"]] = {}


class Quality(Item):
    name: _text(120) = ""
    target: _text(500) = ""
    not_needed: bool = False
    reason: _text(1000) = ""


class GlossaryEntry(Item):
    term: _text(120) = ""
    meaning: _text(1000) = ""
    pitfall: _text(1000) = ""  # how the word is misread across roles


class AgendaItem(Item):
    topic: _text(200) = ""
    minutes: Annotated[float, Field(ge=0, le=600, allow_inf_nan=False)] | None = None
    citation: _text(80) = ""  # the study section the topic rests on


class Decision(Item):
    topic: _text(200) = ""
    decision: _text(2000) = ""
    owner: _text(200) = ""
    decided_on: _text(40) = ""


class ParkingItem(Item):
    question: _text(1000) = ""
    owner: _text(200) = ""
    due: _text(40) = ""


class Plan(Item):
    schema_version: Literal[1] = PLAN_SCHEMA_VERSION
    participants: Annotated[list[_text(200)], Field(max_length=100)] = []
    tasks: Annotated[list[Task], Field(max_length=500)] = []
    estimation: Estimation = Estimation()
    expert_access: ExpertAccess = ExpertAccess()
    data_agreement: DataAgreement = DataAgreement()
    monitoring: Annotated[list[MonitoringItem], Field(max_length=100)] = []
    roles: Annotated[list[Role], Field(max_length=30)] = []
    raci: Annotated[list[RaciRow], Field(max_length=1000)] = []
    qualities: Annotated[list[Quality], Field(max_length=50)] = []
    glossary: Annotated[list[GlossaryEntry], Field(max_length=200)] = []
    agenda: Annotated[list[AgendaItem], Field(max_length=50)] = []
    decisions: Annotated[list[Decision], Field(max_length=300)] = []
    parking_lot: Annotated[list[ParkingItem], Field(max_length=300)] = []
    adopted_levers: Annotated[list[Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{1,60}$")]],
                              Field(max_length=40)] = []  # what-if levers the team adopted (knowledge base ids)
    currency: Currency = DEFAULT_CURRENCY  # of the monitoring budget's costs

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
