"""The plan's starting points (plan_defaults.yaml): schema, loading, citations."""

from __future__ import annotations

import functools
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from ..content.loader import content_dir
from ..content.schema import Citation, Citations, OptionCondition
from ..content.translations import plan_defaults_data
from ..domain import TEAM_ROLES
from ..errors import InputError, Problem, format_path, label_from_data
from ..safe_yaml import load_yaml
from .model import WORSE_ERRORS, Driver, RaciLetter

FILE = "knowledge/plan_defaults.yaml"
Text = Annotated[str, StringConstraints(min_length=1, max_length=1000)]
RaciCells = dict[Annotated[str, StringConstraints(max_length=80)], RaciLetter]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class SectionInfo(_Strict):
    id: Literal["effort", "experts", "data_agreement", "monitoring", "raci", "qualities", "release_criteria", "glossary"]
    title: Text
    explanation: Text
    citations: Citations


class RoleDefault(_Strict):
    name: Annotated[str, StringConstraints(min_length=1, max_length=80)]
    missing_value: str | None = None  # the setup_missing_roles option meaning "this role is missing"
    external: bool = False
    when: OptionCondition | None = None  # the role is in a first plan only when this holds (e.g. a hired labelling team)
    citations: Citations


Days3 = Annotated[list[Annotated[float, Field(ge=0, le=365)]], Field(min_length=3, max_length=3)]
Kind = Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,40}$")]


def _ordered(days: list[float]) -> list[float]:
    if not days[0] <= days[1] <= days[2]:
        raise ValueError(f"days {days} are not ordered optimistic <= likely <= pessimistic")
    return days


OrderedDays = Annotated[Days3, AfterValidator(_ordered)]


class TaskSize(_Strict):
    """Days for a task when an answer holds (e.g. monitoring set-up without any telemetry is bigger)."""

    when: OptionCondition
    days: OrderedDays


class TaskDefault(_Strict):
    name: Text
    kind: Kind  # what the schedule's risk drivers touch
    driver: Driver
    exploratory: bool = False
    when: OptionCondition | None = None  # the task is suggested only when this holds (planner.conditions)
    days: OrderedDays
    sizes: list[TaskSize] = []  # the first that holds sets the days instead of `days`
    citations: Citations


def _impact(values: list[float]) -> list[float]:
    if not 1 <= values[0] <= values[1] <= values[2]:
        raise ValueError(f"impact {values} must be multipliers with 1 <= min <= likely <= max")
    return values


class RiskDriverDefault(_Strict):
    """A challenge as a schedule-risk driver: an impact range (triangular multiplier) on the tasks it touches."""

    challenge: Annotated[str, StringConstraints(pattern=r"^[RDIQ][1-9]$")]
    impact: Annotated[list[Annotated[float, Field(ge=1, le=5)]], Field(min_length=3, max_length=3), AfterValidator(_impact)]
    tasks: Annotated[list[Kind], Field(min_length=1)]  # task kinds (the default tasks)
    other_tasks: list[Driver] = []  # tasks without a kind (the team's own), by their uncertainty column
    why: Text
    citations: Citations


class TimeboxRule(_Strict):
    """What happens at the end of a research time-box when the exploration took up to `up_to` × the box."""

    outcome: Literal["go", "new_box", "change_approach", "stop"]
    up_to: Annotated[float, Field(gt=0, le=10)] | None = None  # None: beyond the previous rule (the last one)
    label: Annotated[str, StringConstraints(min_length=1, max_length=60)]
    action: Text


class ScheduleInfo(_Strict):
    note: Text
    drivers: list[RiskDriverDefault]
    timebox: Annotated[list[TimeboxRule], Field(min_length=1)]
    citations: Citations


class RaciDefault(_Strict):
    activity: Text
    defaults: RaciCells
    shared_model_code: RaciCells | None = None
    model_as_api: RaciCells | None = None
    all_in_one: RaciCells | None = None
    citations: Citations


class MonitoringDefault(_Strict):
    item: Text
    effort_days_per_month: Annotated[float, Field(ge=0, le=100)]
    feedback_path: Text
    citations: Citations


class QualityDefault(_Strict):
    name: Text
    citations: Citations


class GlossaryDefault(_Strict):
    term: Text
    meaning: Text
    pitfall: Text
    citations: Citations


class AgreementRule(_Strict):
    """A data-agreement field that becomes mandatory when an answer holds."""

    field: str
    when: OptionCondition
    reason: Text
    citation: Citation


class DataAgreementInfo(_Strict):
    mandatory: list[str]
    mandatory_when: list[AgreementRule] = []
    labels: dict[str, Text]
    citations: Citations


class CriterionDefault(_Strict):
    """A suggested release criterion; the room sets the target."""

    metric: Text
    metric_from: str | None = None  # a text answer added to the metric; the row is suggested only when it is given
    baseline: Annotated[str, StringConstraints(max_length=300)] = ""
    evaluation_data: Annotated[str, StringConstraints(max_length=500)] = ""
    when: OptionCondition | None = None
    citations: Citations


class SubgroupHint(_Strict):
    """Where every suggested criterion must hold as well, when an answer holds."""

    when: OptionCondition
    subgroups: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    citation: Citation


class ReleaseCriteriaInfo(_Strict):
    criteria: list[CriterionDefault]
    subgroups: list[SubgroupHint] = []
    sign_off_activity: Text  # the RACI activity whose accountable role the checks propose to sign off
    worse_error: dict[str, Annotated[str, StringConstraints(min_length=1, max_length=80)]]  # a label per choice
    citations: Citations


class Catalogue(_Strict):
    schema_version: Literal[1]
    sections: list[SectionInfo]
    roles: list[RoleDefault]
    tasks: list[TaskDefault]
    schedule: ScheduleInfo
    raci_activities: list[RaciDefault]
    monitoring: list[MonitoringDefault]
    qualities: list[QualityDefault]
    glossary: list[GlossaryDefault]
    data_agreement: DataAgreementInfo
    release_criteria: ReleaseCriteriaInfo

    def section(self, section_id: str) -> SectionInfo:
        return next(s for s in self.sections if s.id == section_id)


@functools.lru_cache(maxsize=4)
def _load(folder: str, language: str = "en") -> Catalogue:
    if language != "en":  # the texts of `language` over the same defaults (questionnaires/translations/)
        data = plan_defaults_data(language)
    else:
        data = load_yaml((content_dir() / FILE).read_bytes() if folder == str(content_dir()) else b"", FILE)
    try:
        catalogue = Catalogue.model_validate(data)
    except ValidationError as exc:
        label_of = label_from_data(data)
        raise InputError([Problem(FILE, format_path(tuple(e["loc"]), label_of), e["msg"])
                          for e in exc.errors(include_url=False)]) from None
    roles = {r.name for r in catalogue.roles}
    problems = [Problem(FILE, f"roles › {name!r}", f"not one of the team roles ({', '.join(TEAM_ROLES)}); "
                        "the workshop and the RACI table share one list (planner.domain.TEAM_ROLES)")
                for name in (r.name for r in catalogue.roles) if name not in TEAM_ROLES]
    problems += [Problem(FILE, "roles", f"the team role {name!r} has no default here") for name in TEAM_ROLES if name not in roles]
    problems += [Problem(FILE, f"raci_activities › {a.activity!r}", f"unknown role {name!r}")
                for a in catalogue.raci_activities
                for cells in (a.defaults, a.shared_model_code or {}, a.model_as_api or {}, a.all_in_one or {})
                for name in cells if name not in roles]
    problems += _schedule_problems(catalogue)
    labels = catalogue.release_criteria.worse_error
    if set(labels) != set(WORSE_ERRORS):
        problems.append(Problem(FILE, "release_criteria › worse_error", f"needs a label for exactly {', '.join(map(repr, WORSE_ERRORS))}"))
    if catalogue.release_criteria.sign_off_activity not in {a.activity for a in catalogue.raci_activities}:
        problems.append(Problem(FILE, "release_criteria › sign_off_activity", "is not one of the raci_activities"))
    if problems:
        raise InputError(problems)
    return catalogue


def _schedule_problems(catalogue: Catalogue) -> list[Problem]:
    """Drivers touch kinds the tasks have, each challenge once; time-box rules rise and end open."""
    kinds = {t.kind for t in catalogue.tasks}
    problems = [Problem(FILE, f"schedule › drivers › {d.challenge}", f"unknown task kind {k!r}")
                for d in catalogue.schedule.drivers for k in d.tasks if k not in kinds]
    seen = [d.challenge for d in catalogue.schedule.drivers]
    problems += [Problem(FILE, f"schedule › drivers › {c}", "listed more than once") for c in sorted(set(seen)) if seen.count(c) > 1]
    bounds = [r.up_to for r in catalogue.schedule.timebox]
    if bounds[-1] is not None or None in bounds[:-1] or bounds[:-1] != sorted(bounds[:-1]):
        problems.append(Problem(FILE, "schedule › timebox", "up_to must rise from rule to rule and the last rule has none"))
    return problems


def load_catalogue(language: str = "en") -> Catalogue:
    """The plan defaults, validated; their texts in `language` (ids, numbers and roles are the same in every language)."""
    return _load(str(content_dir()), language)
