"""Plan core: defaults from answers, RACI and other checks, table-edit deltas, persistence, transfer."""

import math
from pathlib import Path

import pytest

from planner.answers import answers_from_document
from planner.content import load_content
from planner.plan import Plan, default_plan, plan_findings
from planner.plan.catalogue import load_catalogue
from planner.plan.checks import expert_findings, monitoring_findings, raci_findings
from planner.plan.editing import apply_delta, clean_cell, rows_to_models
from planner.plan.model import Expert, ExpertAccess, MonitoringItem, RaciRow, Role, Task
from planner.safe_yaml import load_yaml
from planner.store import PlanConflictError
from planner.transfer import dump, export_document, import_as_new, read_import

CONTENT = load_content()


def example(name):
    raw = open(Path(__file__).resolve().parents[1] / "examples" / f"{name}.yaml", "rb").read()
    return answers_from_document(load_yaml(raw, name), CONTENT, name)


RISKY = example("risky")
GOOD = example("well-prepared")


def errors(findings):
    return [f.message for f in findings if f.level == "error"]


def test_catalogue_entries_are_cited():
    cat = load_catalogue()
    groups = [cat.sections, cat.roles, cat.tasks, cat.raci_activities, cat.monitoring, cat.qualities, cat.glossary,
              cat.release_criteria.criteria]
    for group in groups:
        for entry in group:
            assert entry.citations, entry
    assert cat.data_agreement.citations and cat.release_criteria.citations
    assert all(h.citation for h in cat.release_criteria.subgroups)
    assert {s.id for s in cat.sections} == {"effort", "experts", "data_agreement", "monitoring", "raci", "qualities", "release_criteria",
                                            "glossary"}


def test_default_plan_follows_the_setup():
    plan = default_plan(CONTENT, RISKY)
    names = {r.name: r for r in plan.roles}
    assert names["Domain expert"].lacks_capability and names["Software engineer"].lacks_capability
    assert not names["Data scientist"].lacks_capability
    assert names["Client"].external
    deployment = next(r for r in plan.raci if r.activity == "Deployment")
    assert deployment.cells["Software engineer"] == "A/R"  # shared model code: the product side deploys
    assert not any("Labelling" in t.name for t in plan.tasks)  # provided data: no hired labelling team
    assert "Labelling vendor" not in names and all("Labelling vendor" not in row.cells for row in plan.raci)
    hired = default_plan(CONTENT, {**RISKY, "setup_data_source": "hired_team"})
    assert any("Labelling" in t.name for t in hired.tasks)
    vendor = next(r for r in hired.roles if r.name == "Labelling vendor")
    assert vendor.external
    assert next(r for r in hired.raci if r.activity == "Data quality negotiation").cells["Labelling vendor"] == "C"


def test_workshop_roles_and_raci_roles_are_one_list():
    """Issue 15: a participant's role is a RACI column of the first plan; "Operations" no longer stands in for ML / platform."""
    from planner.domain import TEAM_ROLES, WORKSHOP_ROLES
    from planner.plan.catalogue import load_catalogue

    assert [r.name for r in load_catalogue().roles] == list(TEAM_ROLES)
    assert set(WORKSHOP_ROLES) - set(TEAM_ROLES) == {"Other"}
    assert {"QA / tester", "Labelling vendor", "ML / platform engineer"} <= set(WORKSHOP_ROLES)
    assert "Operations" not in WORKSHOP_ROLES
    every = default_plan(CONTENT, {"setup_data_source": ["hired_team"], "setup_client_relationship": "own_product"})
    assert [r.name for r in every.roles] == [r for r in TEAM_ROLES if r != "Client"]  # an own product's hired vendor stays


def test_a_plan_default_role_outside_the_team_roles_is_refused(monkeypatch, tmp_path):
    import shutil

    from planner.errors import InputError
    from planner.plan import catalogue

    folder = tmp_path / "questionnaires"
    shutil.copytree(catalogue.content_dir(), folder)
    path = folder / catalogue.FILE
    path.write_text(path.read_text(encoding="utf-8").replace("- name: QA / tester\n", "- name: Testers\n"), encoding="utf-8")
    monkeypatch.setattr(catalogue, "content_dir", lambda: folder)
    with pytest.raises(InputError) as info:
        catalogue._load(str(folder))
    text = str(info.value)
    assert "roles › 'Testers': not one of the team roles" in text and "the team role 'QA / tester' has no default here" in text


def test_default_raci_is_valid_for_every_integration_pattern():
    for pattern in ("model_as_api", "shared_model_code", "all_in_one", "undecided"):
        plan = default_plan(CONTENT, {"setup_integration": pattern, "setup_missing_roles": ["none"]})
        assert errors(raci_findings(plan)) == [], pattern


def test_own_product_has_no_client_role():
    plan = default_plan(CONTENT, {"setup_client_relationship": "own_product"})
    assert "Client" not in {r.name for r in plan.roles}
    assert all("Client" not in row.cells for row in plan.raci)


def test_experts_are_taken_from_the_answers():
    plan = default_plan(CONTENT, GOOD)
    names = [e.name for e in plan.expert_access.experts]
    assert names == ["Ana (support lead, ticket categories)", "Ben (data platform, ticket schema)"]
    assert all(e.hours for e in plan.expert_access.experts)


def _plan(roles, rows):
    return Plan(roles=[Role(name=n, **kw) for n, kw in roles], raci=[RaciRow(activity=a, cells=c) for a, c in rows])


@pytest.mark.parametrize("cells, message", [
    ({"PO": "R"}, "exactly one A, has 0"),
    ({"PO": "A", "DS": "A"}, "exactly one A, has 2"),
    ({"PO": "A"}, "nobody responsible"),
    ({}, "orphan"),
])
def test_raci_row_problems(cells, message):
    plan = _plan([("PO", {}), ("DS", {})], [("Deployment", cells)])
    assert any(message in m for m in errors(raci_findings(plan)))


def test_raci_valid_row_and_combined_a_r():
    plan = _plan([("PO", {}), ("DS", {})], [("Deployment", {"DS": "A/R", "PO": "I"})])
    assert raci_findings(plan) == []


def test_raci_empty_matrix_and_duplicate_roles():
    assert any("empty" in m for m in errors(raci_findings(_plan([("PO", {})], []))))
    with pytest.raises(ValueError, match="already in the list"):  # the plan itself refuses them (plan/roles.py)
        _plan([("PO", {}), ("po ", {})], [("x", {"PO": "A/R"})])


def test_raci_capability_and_boundary_warnings():
    plan = _plan([("SE", {"lacks_capability": True}), ("Client", {"external": True})],
                 [("Deployment", {"SE": "A/R", "Client": "I"})])
    warnings = [f.message for f in raci_findings(plan) if f.level == "warning"]
    assert any("missing or not staffed" in m for m in warnings)
    assert any("organisation boundary" in m for m in warnings)


def test_raci_with_the_most_rows_a_plan_holds():
    from planner.plan.model import ROW_LIMITS

    most = ROW_LIMITS["raci"][0]
    plan = _plan([("PO", {}), ("DS", {})], [(f"activity {i}", {"PO": "A", "DS": "R"} if i % 2 else {}) for i in range(most)])
    found = raci_findings(plan)
    assert sum("orphan" in f.message for f in found) == most // 2


def test_expert_access_flagged_for_provided_or_in_house_data():
    plan = Plan()
    for source, flagged in (("provided", True), ("in_house", True), ("public", False)):
        assert bool(errors(expert_findings(plan, {"setup_data_source": source}))) == flagged
    reachable = Plan(expert_access=ExpertAccess(experts=[Expert(name="Ana", hours={"exploration": 4})]))
    assert errors(expert_findings(reachable, {"setup_data_source": "provided"})) == []
    unreachable = Plan(expert_access=ExpertAccess(experts=[Expert(name="Ana", reachable=False)]))
    assert errors(expert_findings(unreachable, {"setup_data_source": "provided"}))


def test_monitoring_warnings():
    plan = Plan(monitoring=[MonitoringItem(item="Telemetry", feedback_path="x"), MonitoringItem(item="Drift", owner="DS")])
    messages = [f.message for f in monitoring_findings(plan, {"qa_telemetry": "nothing"})]
    assert any("'Telemetry' has no owner" in m for m in messages)
    assert any("'Drift' has no feedback path" in m for m in messages)
    assert any("no access to production telemetry" in m for m in messages)
    assert not any("telemetry" in m for m in (f.message for f in monitoring_findings(plan, {"qa_telemetry": "full_accessible"})))


def test_data_agreement_open_questions_listed():
    plan = default_plan(CONTENT, RISKY)
    open_items = [f.message for f in plan_findings(plan, RISKY) if f.section == "data_agreement"]
    assert any(m.startswith("Quantity") for m in open_items)
    filled = plan.model_copy(update={"data_agreement": plan.data_agreement.model_copy(update={"quantity": "10k rows"})})
    assert not any(f.message.startswith("Quantity") for f in plan_findings(filled, RISKY))


def test_apply_delta_edits_adds_deletes():
    rows = [{"name": "a", "likely": 1.0}, {"name": "b", "likely": 2.0}, {"name": "c", "likely": 3.0}]
    delta = {"edited_rows": {"0": {"likely": 5.0}}, "deleted_rows": [1], "added_rows": [{"name": "d", "likely": float("nan")}]}
    assert apply_delta(rows, delta) == [{"name": "a", "likely": 5.0}, {"name": "c", "likely": 3.0}, {"name": "d", "likely": None}]
    assert rows[0]["likely"] == 1.0  # input untouched


def test_clean_cell():
    import numpy as np

    assert clean_cell(float("nan")) is None and clean_cell(np.float64(2.5)) == 2.5 and clean_cell(np.int64(3)) == 3
    assert clean_cell(math.inf) is None


def test_rows_to_models_names_the_row_and_field():
    models, problems = rows_to_models([{"name": "ok", "hours": {}}, {"name": "x", "response_hours": -1}], Expert.model_validate)
    assert len(models) == 1 and problems and problems[0].startswith("row 2, response_hours")


def test_plan_store_round_trip_and_conflict(store):
    project = store.create_project("P")
    plan = default_plan(CONTENT, RISKY)
    version = store.save_plan(project.id, plan.model_dump(mode="json"), expected_version=0)
    stored, seen = store.load_plan(project.id)
    assert seen == version == 1 and Plan.model_validate(stored) == plan
    assert store.snapshot(project.id).plan == stored
    store.save_plan(project.id, plan.model_dump(mode="json"), expected_version=1)
    with pytest.raises(PlanConflictError):
        store.save_plan(project.id, Plan().model_dump(mode="json"), expected_version=1)
    assert Plan.model_validate(store.load_plan(project.id)[0]) == plan


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_plan_round_trips_through_export_and_import(store, fmt):
    project = store.create_project("Exported <b>& co</b>")
    for qid, value in RISKY.items():
        store.save_answer(project.id, qid, value)
    plan = default_plan(CONTENT, RISKY).model_copy(update={"tasks": [Task(name="Ŝpecial – ünïcode 😀", optimistic=1, likely=2,
                                                                           pessimistic=3)]})
    store.save_plan(project.id, plan.model_dump(mode="json"))
    raw = dump(export_document(store, project.id), fmt)
    preview = read_import(raw, f"x.{fmt}")
    copy = import_as_new(store, preview)
    assert Plan.model_validate(store.load_plan(copy.id)[0]) == plan
    assert store.load_answers(copy.id) == store.load_answers(project.id)


def test_import_refuses_a_bad_plan(store):
    before = len(store.list_projects())
    doc = {"schema_version": 1, "answers": {}, "plan": {"tasks": [{"name": "x", "bogus": 1}]}}
    import json

    from planner.errors import InputError

    with pytest.raises(InputError) as info:
        read_import(json.dumps(doc).encode(), "bad.json")
    assert "plan" in str(info.value) and "bogus" in str(info.value)
    assert len(store.list_projects()) == before


@pytest.mark.parametrize("text, amount", [("1200", 1200.0), ("1,200.50", 1200.5), ("1 200", 1200.0), ("1'200", 1200.0),
                                          ("", None), ("  ", None), (None, None), (35, 35.0)])
def test_amounts_typed_as_text(text, amount):
    from planner.plan.units import amount_text, parse_amount

    assert parse_amount(text) == amount
    if amount is not None:
        assert parse_amount(amount_text(amount)) == amount


@pytest.mark.parametrize("text, language, amount", [
    ("1200,50", "de", 1200.5), ("1.200,50", "de", 1200.5), ("1.200", "de", 1200.0), ("12,5", "de", 12.5),
    ("12.50", "de", 12.5), ("1,200.50", "de", 1200.5), ("1,200", "en", 1200.0), ("12,5", "en", 12.5),
    ("1.200.000", "en", 1200000.0), ("1.200.000,5", "de", 1200000.5)])
def test_amounts_are_read_as_the_language_writes_them(text, language, amount):
    """Issue 17 §2: "1200,50" typed in German was saved as 120050 without a word."""
    from planner.plan.units import amount_text, parse_amount

    assert parse_amount(text, language) == amount
    assert parse_amount(amount_text(amount, language), language) == amount


@pytest.mark.parametrize("text", ["lots", "-5", "nan", "inf", "1.2.3", "1,2,3", ",5,"])
def test_what_is_not_an_amount_is_refused(text):
    from planner.plan.units import parse_amount

    with pytest.raises(ValueError, match="amount"):
        parse_amount(text)


@pytest.mark.parametrize("names, word", [(["PO", "Data team", " po "], "already in the list"),
                                         (["PO", "Activity"], "'activity' column"), (["_index"], "'_index' column")])
def test_role_names_must_be_unique_and_differ_from_the_raci_columns(names, word):
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as info:
        Plan(roles=[Role(name=n) for n in names])
    assert word in str(info.value)
    assert Plan(roles=[Role(name="PO"), Role(name="PO team")]).roles[1].name == "PO team"


def test_import_and_cli_plan_documents_refuse_clashing_role_names():
    from planner.errors import InputError
    from planner.transfer import validate_plan_document

    with pytest.raises(InputError) as info:
        validate_plan_document({"roles": [{"name": "Product owner"}, {"name": "product owner"}]}, "plan.yaml")
    assert "plan › roles" in str(info.value) and "'product owner' is already in the list" in str(info.value)


def test_disambiguating_old_roles_keeps_names_short_unique_and_cells_where_they_were():
    from planner.plan.roles import disambiguate_roles, role_name_problems

    long = "R" * 80
    data = {"roles": [{"name": "A"}, {"name": "A"}, {"name": "A (2)"}, {"name": long}, {"name": long.lower()}],
            "raci": [{"activity": "x", "cells": {"A": "A", "A (2)": "R", long.lower(): "C"}}]}
    repaired, notes = disambiguate_roles(data)
    names = [r["name"] for r in repaired["roles"]]
    assert names[:3] == ["A", "A (3)", "A (2)"] and len(names[4]) == 80 and names[4].endswith(" (5)")
    assert not role_name_problems(names) and len(notes) == 2
    assert repaired["raci"][0]["cells"] == {"A": "A", "A (2)": "R", names[4]: "C"}
    assert data["roles"][1]["name"] == "A"  # the stored document itself is unchanged
    assert disambiguate_roles({"roles": [{"name": "A"}]}) == ({"roles": [{"name": "A"}]}, [])


# -- what one plan may hold -----------------------------------------------------------------------------------

@pytest.mark.parametrize("field", ["participants", "tasks", "monitoring", "roles", "raci", "qualities", "glossary", "agenda",
                                   "decisions", "parking_lot"])
def test_a_plan_over_a_row_cap_is_refused_naming_the_field_and_the_cap(field):
    from pydantic import ValidationError

    from planner.plan.model import ROW_LIMITS, first_problem

    limit, noun = ROW_LIMITS[field]
    item = "someone" if field == "participants" else {"name": "x"} if field in ("tasks", "roles") else {"activity": "x"} \
        if field == "raci" else {}
    if field == "roles":
        rows = [{"name": f"role {i}"} for i in range(limit + 1)]
    else:
        rows = [item] * (limit + 1)
    assert len(Plan.model_validate({field: rows[:limit]}).model_dump()[field]) == limit  # the cap itself is fine
    with pytest.raises(ValidationError) as info:
        Plan.model_validate({field: rows})
    assert first_problem(info.value) == f"{field}: a plan holds at most {limit} {noun} (this one has {limit + 1})"


def test_experts_over_the_cap_are_refused():
    from pydantic import ValidationError

    from planner.plan.model import ROW_LIMITS, first_problem

    limit, _ = ROW_LIMITS["experts"]
    with pytest.raises(ValidationError) as info:
        Plan.model_validate({"expert_access": {"experts": [{"name": "Ana"}] * (limit + 1)}})
    assert first_problem(info.value).startswith(f"expert_access › experts: a plan holds at most {limit} domain experts")


def test_text_caps_that_keep_the_largest_pdf_quick():
    """Longer texts are refused (the largest plan's PDF stays under 3 s, bench/bench_pdf_worst.py)."""
    from pydantic import ValidationError

    from planner.plan.model import first_problem

    for field, row, limit in (("decisions", "decision", 1000), ("parking_lot", "question", 500), ("glossary", "meaning", 500),
                              ("raci", "activity", 120), ("monitoring", "feedback_path", 1000)):
        base = {"activity": "x"} if field == "raci" else {}
        Plan.model_validate({field: [{**base, row: "y" * limit}]})
        with pytest.raises(ValidationError) as info:
            Plan.model_validate({field: [{**base, row: "y" * (limit + 1)}]})
        assert first_problem(info.value) == f"{field} › 0 › {row}: String should have at most {limit} characters"


def test_import_of_a_plan_over_a_cap_names_the_field_and_the_cap(store):
    import json

    from planner.errors import InputError
    from planner.plan.model import ROW_LIMITS

    limit, _ = ROW_LIMITS["decisions"]
    doc = {"schema_version": 1, "answers": {}, "plan": {"decisions": [{"decision": "x"}] * (limit + 1)}}
    with pytest.raises(InputError) as info:
        read_import(json.dumps(doc).encode(), "big.json")
    assert f"plan › decisions: a plan holds at most {limit} decisions (this one has {limit + 1})" in str(info.value)


def test_settling_refuses_when_the_decision_log_is_full():
    from planner.plan.model import ROW_LIMITS, Decision
    from planner.workshop import settle

    question = CONTENT.kb.expectations[0]
    full = Plan(decisions=[Decision(topic=f"t{i}") for i in range(ROW_LIMITS["decisions"][0])])
    with pytest.raises(ValueError, match="a plan holds at most 100 decisions"):
        settle(full, question, question.options[0].value, "", "Ana", "2026-11-23")


def test_a_text_with_too_many_line_breaks_is_refused_naming_the_cap():
    from pydantic import ValidationError

    from planner.plan.model import Decision, RaciRow
    from planner.text import line_breaks_allowed

    allowed = line_breaks_allowed(1000)  # a decision holds 1,000 characters
    assert Decision(decision="a\n" * allowed).decision.count("\n") == allowed
    with pytest.raises(ValidationError, match=f"at most {allowed} are allowed"):
        Decision(decision="a\n" * (allowed + 1))
    with pytest.raises(ValidationError, match="at most 3 are allowed"):  # a 120-character activity: fewer
        RaciRow(activity="a\nb\nc\nd\ne")


# -- release criteria (issue 15 §3) ---------------------------------------------------------------------------

def test_release_criteria_are_suggested_from_the_answers_and_left_to_the_room():
    risky = default_plan(CONTENT, RISKY).release_criteria
    assert [c.metric.split(" ")[0] for c in risky.criteria] == ["Model", "False", "Product"]
    assert all(not c.target and not c.agreed and c.suggested_by for c in risky.criteria)  # suggestions, no number invented
    assert "(req_error_expectations)" in risky.criteria[1].suggested_by  # "no false positives" asks for the error row
    assert risky.criteria[2].metric == f"Product outcome: {RISKY['req_key_outcome']}"
    assert risky.criteria[0].subgroups == ("Each user group the product serves; "  # fairness flagged twice, listed once
                                           "the edge cases of the target domain, once they are decided")
    assert (risky.sign_off, risky.worse_error, risky.false_positive_cost) == ("", "", "")  # the room decides these
    good = default_plan(CONTENT, GOOD).release_criteria
    assert [c.metric.split(" ")[0] for c in good.criteria] == ["Model", "Product"]  # errors agreed: no error row
    assert not any(c.subgroups for c in good.criteria)
    assert len(default_plan(CONTENT, {}).release_criteria.criteria) == 1
    hidden = {**RISKY, "req_key_outcome": "line one\n\nline two " + "x" * 300}
    metric = default_plan(CONTENT, hidden).release_criteria.criteria[2].metric
    assert len(metric) == 200 and "\n" not in metric and metric.endswith("…")


def test_release_checks_warn_without_a_target_or_a_sign_off_and_cite_the_study():
    from planner.plan.checks import release_findings
    from planner.plan.model import ReleaseCriteria, ReleaseCriterion

    plan = default_plan(CONTENT, RISKY)
    found = release_findings(plan)
    warnings = [f.message for f in found if f.level == "warning"]
    assert sum("no target yet" in m for m in warnings) == 3
    assert any(m.startswith("no role signs off the release (the RACI makes Product owner / PM accountable for Model requirements)")
               for m in warnings)
    assert all(f.section == "release_criteria" and f.citation.startswith("§") for f in found)
    assert any(f in plan_findings(plan, RISKY) for f in found)
    agreed = ReleaseCriteria(criteria=[ReleaseCriterion(metric="Recall of ICU cases", target=">= 0.85", evaluation_data="2024 admissions",
                                                        agreed=True)], worse_error="false_negative", sign_off="Product owner / PM")
    assert release_findings(plan.model_copy(update={"release_criteria": agreed})) == []
    unknown = agreed.model_copy(update={"sign_off": "Steering board"})
    assert [f.message for f in release_findings(plan.model_copy(update={"release_criteria": unknown}))] == [
        "the release is signed off by 'Steering board', which is not one of the plan's roles (Ownership)"]
    empty = [f.message for f in release_findings(Plan())]
    assert empty[0].startswith("no release criterion is set") and len(empty) == 2  # and no sign-off
    nameless = ReleaseCriteria(criteria=[ReleaseCriterion(target="0.9")], sign_off="x")
    assert "row 1 has no metric: name what is measured" in [f.message for f in release_findings(Plan(release_criteria=nameless))]


def test_release_criteria_are_capped_and_checked_with_clear_messages():
    from pydantic import ValidationError

    from planner.plan.model import ROW_LIMITS, first_problem

    limit, noun = ROW_LIMITS["release_criteria"]
    assert len(Plan.model_validate({"release_criteria": {"criteria": [{"metric": "m"}] * limit}}).release_criteria.criteria) == limit
    for data, message in (({"criteria": [{"metric": "m"}] * (limit + 1)},
                           f"release_criteria › criteria: a plan holds at most {limit} {noun} (this one has {limit + 1})"),
                          ({"worse_error": "both"}, "release_criteria › worse_error: Input should be ''"),
                          ({"criteria": [{"target": "x" * 201}]}, "release_criteria › criteria › 0 › target: String should have at most 200"),
                          ({"sign_off": "a\nb\nc\nd\ne\nf"}, "release_criteria › sign_off:"),
                          ({"criteria": [{"metric": "m", "owner": "x"}]}, "release_criteria › criteria › 0 › owner: Extra inputs")):
        with pytest.raises(ValidationError) as info:
            Plan.model_validate({"release_criteria": data})
        assert first_problem(info.value).startswith(message), first_problem(info.value)

