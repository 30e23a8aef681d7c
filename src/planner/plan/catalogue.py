"""The plan's starting points (plan_defaults.yaml): schema, loading, citations."""

from __future__ import annotations

import functools
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from ..content.loader import content_dir
from ..content.schema import Citation, Citations, OptionCondition
from ..errors import InputError, Problem, format_path, label_from_data
from ..safe_yaml import load_yaml
from .model import Driver, RaciLetter

FILE = "knowledge/plan_defaults.yaml"
Text = Annotated[str, StringConstraints(min_length=1, max_length=1000)]
RaciCells = dict[Annotated[str, StringConstraints(max_length=80)], RaciLetter]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SectionInfo(_Strict):
    id: Literal["effort", "experts", "data_agreement", "monitoring", "raci", "qualities", "glossary"]
    title: Text
    explanation: Text
    citations: Citations


class RoleDefault(_Strict):
    name: Annotated[str, StringConstraints(min_length=1, max_length=80)]
    missing_value: str | None = None  # the setup_missing_roles option meaning "this role is missing"
    external: bool = False
    citations: Citations


class TaskDefault(_Strict):
    name: Text
    driver: Driver
    exploratory: bool = False
    when: OptionCondition | None = None  # the task is suggested only when this holds (planner.conditions)
    days: Annotated[list[Annotated[float, Field(ge=0, le=365)]], Field(min_length=3, max_length=3)]
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


class Catalogue(_Strict):
    schema_version: Literal[1]
    sections: list[SectionInfo]
    roles: list[RoleDefault]
    tasks: list[TaskDefault]
    raci_activities: list[RaciDefault]
    monitoring: list[MonitoringDefault]
    qualities: list[QualityDefault]
    glossary: list[GlossaryDefault]
    data_agreement: DataAgreementInfo

    def section(self, section_id: str) -> SectionInfo:
        return next(s for s in self.sections if s.id == section_id)


@functools.lru_cache(maxsize=4)
def _load(folder: str) -> Catalogue:
    raw = (content_dir() / FILE).read_bytes() if folder == str(content_dir()) else b""
    data = load_yaml(raw, FILE)
    try:
        catalogue = Catalogue.model_validate(data)
    except ValidationError as exc:
        label_of = label_from_data(data)
        raise InputError([Problem(FILE, format_path(tuple(e["loc"]), label_of), e["msg"])
                          for e in exc.errors(include_url=False)]) from None
    roles = {r.name for r in catalogue.roles}
    problems = [Problem(FILE, f"raci_activities › {a.activity!r}", f"unknown role {name!r}")
                for a in catalogue.raci_activities
                for cells in (a.defaults, a.shared_model_code or {}, a.model_as_api or {}, a.all_in_one or {})
                for name in cells if name not in roles]
    if problems:
        raise InputError(problems)
    return catalogue


def load_catalogue() -> Catalogue:
    return _load(str(content_dir()))
