"""planner.ui.plan.columns: every Plan page editor takes its limits from the plan model, none restates them."""

from __future__ import annotations

import json
from typing import Annotated

import pytest
from pydantic import Field

from planner.content import load_content
from planner.plan import default_plan
from planner.plan.model import (PHASES, AgendaItem, Decision, Estimation, Expert, GlossaryEntry, Item, MonitoringItem, ParkingItem, Plan, Quality,
                                RaciRow, ReleaseCriteria, ReleaseCriterion, Role, Task, _text)
from planner.plan.montecarlo import MAX_DAYS
from planner.ui.plan import columns as col
from planner.ui.plan.sections import SECTIONS, editor_columns
from planner.ui.plan_editing import PLAN_SECTIONS, RACI_CHOICES, TABLES

# The model behind each editor; columns not listed here are checked by name below.
MODELS = {"tasks": Task, "experts": Expert, "monitoring": MonitoringItem, "roles": Role, "raci": RaciRow, "qualities": Quality,
          "glossary": GlossaryEntry, "agenda": AgendaItem, "decisions": Decision, "parking_lot": ParkingItem,
          "release_criteria": ReleaseCriterion}


def schema_limits(model, field: str) -> dict:
    """What the model's JSON schema says about a field - read independently of the helper under test."""
    schema = model.model_json_schema()["properties"][field]
    branches = [b for b in schema.get("anyOf", [schema]) if b.get("type") != "null"]
    [branch] = branches
    if "additionalProperties" in branch:  # dict: the values
        branch = branch["additionalProperties"]
    out = {}
    if "enum" in branch:
        out["options"] = branch["enum"]
    if "maxLength" in branch:
        out["max_chars"] = branch["maxLength"]
    if "minimum" in branch:
        out["min_value"] = branch["minimum"]
    if "maximum" in branch:
        out["max_value"] = branch["maximum"]
    return out


def config_limits(config: dict) -> dict:
    type_config = config["type_config"]
    return {k: type_config[k] for k in ("options", "max_chars", "min_value", "max_value") if type_config.get(k) is not None}


def editor_cases():
    plan = default_plan(load_content(), {})  # with the default roles, so the RACI table has role columns
    for table, columns in editor_columns(plan).items():
        for name, config in columns.items():
            yield pytest.param(table, name, config, plan, id=f"{table}.{name}")


@pytest.mark.parametrize("table, name, config, plan", list(editor_cases()))
def test_every_editor_column_has_the_models_limits(table, name, config, plan):
    model = MODELS[table]
    kind = config["type_config"]["type"]
    if table == "experts" and name in PHASES:
        expected = schema_limits(Expert, "hours")
    elif table == "tasks" and name in ("optimistic", "likely", "pessimistic"):
        expected = {"min_value": 0.0, "max_value": MAX_DAYS}  # checked per row by montecarlo, not by the model
    elif table == "raci" and name != "activity":
        expected = {"options": RACI_CHOICES}  # a role column: "" is shown as RACI_EMPTY
    elif (table, name) == ("monitoring", "cost_per_month"):
        expected = {"max_chars": 20}  # an amount typed as text; parsed and checked against the model on save
        assert len(f"{schema_limits(MonitoringItem, name)['max_value']:,.2f}") <= expected["max_chars"]
    elif (table, name) == ("monitoring", "owner"):
        expected = {"options": [r.name for r in plan.roles]}
    else:
        expected = {} if kind == "checkbox" else schema_limits(model, name)
    assert config_limits(config) == expected
    assert kind != "text" or "max_chars" in expected, f"{table}.{name}: a text column without a length limit"


def test_every_editor_is_checked_and_every_section_has_a_module():
    assert set(editor_columns(Plan())) == set(TABLES) == set(MODELS)
    assert list(SECTIONS) == list(PLAN_SECTIONS)


class Narrower(Item):
    name: _text(7) = ""
    minutes: Annotated[float, Field(ge=1, le=9)] | None = None
    count: Annotated[int, Field(ge=2, le=5)] = 3


def test_changing_a_model_limit_changes_the_column():
    assert config_limits(col.text(Narrower, "name", "Name")) == {"max_chars": 7}
    assert config_limits(col.number(Narrower, "minutes", "Minutes")) == {"min_value": 1.0, "max_value": 9.0}
    assert col.field_limits(Narrower, "count") == {"min_value": 2, "max_value": 5}  # an int field gives int limits (number_input)
    assert col.field_limits(Decision, "decision") == {"max_chars": 1000}


def test_widget_limits_come_from_the_model():
    assert col.field_limits(Estimation, "trials") == {"min_value": 100, "max_value": 1_000_000}
    assert col.field_limits(Estimation, "seed") == {"min_value": 0, "max_value": 2**32 - 1}
    assert col.field_limits(Estimation, "target_days") == {"min_value": 0.0, "max_value": 3650.0}
    assert col.field_limits(Estimation, "distribution") == {"options": ["pert", "triangular"]}
    assert col.field_limits(Plan, "currency") == {"max_chars": 12}
    assert col.field_limits(Plan, "participants", part="items") == {"max_chars": 200}
    assert col.field_limits(RaciRow, "cells", part="keys") == {"max_chars": 80}
    assert col.field_limits(ReleaseCriteria, "worse_error") == {"options": ["", "false_positive", "false_negative", "equal", "not_applicable"]}
    assert col.field_limits(ReleaseCriteria, "false_negative_cost") == {"max_chars": 1000}
    assert json.dumps(col.number(Expert, "hours", "h", part="values"))  # plain data for st.data_editor
