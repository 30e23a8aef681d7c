"""Plan page plumbing: every edit is applied to the stored plan and saved at once.

Tables use st.data_editor with a stable key; the canonical rows come from the stored plan and
the editor's delta ({edited_rows, added_rows, deleted_rows}) is applied in on_change, so no edit
is lost (assigning the editor's return value back to state loses every second edit).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from ..content import Content
from ..i18n import N_
from ..plan import Plan, default_plan
from ..plan.editing import apply_delta, rows_to_models, with_estimates
from ..plan.model import (PHASES, RACI_VALUES, AgendaItem, Decision, Expert, GlossaryEntry, MonitoringItem, ParkingItem, Quality, RaciRow,
                          ReleaseCriterion, Role, Task, first_problem, read_stored_plan)
from ..plan.roles import role_name_problems
from ..plan.units import amount_text, parse_amount
from ..store import StoreError
from .language import ui_language, ui_translator
from .state import current_author, get_store, guarded, md

ERRORS = "plan_errors"
RENAMED_ROLES = "renamed_roles"  # the ERRORS entry for roles of an old plan shown under numbered names
SEEN = "plan_seen_version"
RACI_EMPTY = "–"  # shown for "no involvement"; the editor would show an empty cell as a grey "None"
RACI_CHOICES = [RACI_EMPTY, *(v for v in RACI_VALUES if v)]
PLAN_SECTIONS = {"effort": N_("Effort & buffers"), "experts": N_("Domain experts"), "data_agreement": N_("Data agreement"),
                 "monitoring": N_("Monitoring"), "raci": N_("Ownership (RACI)"), "qualities": N_("Qualities & glossary"),
                 "release_criteria": N_("Release criteria"), "workshop": N_("Workshop"), "whatif": N_("What-if"),
                 "document": N_("Document")}  # shown through the translator


@dataclass(frozen=True)
class TableSpec:
    key: str
    rows: Callable[[Plan], list[dict]]
    apply: Callable[[Plan, list], Plan]
    build: Callable[[dict], object]
    text_fields: tuple[str, ...] = ()
    check: Callable[[list], list[str]] = lambda models: []  # problems of the rows together, e.g. duplicate names


def _expert_rows(plan: Plan) -> list[dict]:
    return [{"name": e.name, "role": e.role, **{p: e.hours.get(p) for p in PHASES},
             "response_hours": e.response_hours, "reachable": e.reachable} for e in plan.expert_access.experts]


def _expert_from_row(row: dict) -> Expert:
    """An expert from a flat table row (hours per phase as columns)."""
    data = {k: v for k, v in row.items() if k not in PHASES}
    return Expert.model_validate({**data, "hours": {p: row[p] for p in PHASES if row.get(p) is not None}})


def _monitoring_rows(plan: Plan) -> list[dict]:
    return [{**m.model_dump(), "cost_per_month": amount_text(m.cost_per_month, ui_language())} for m in plan.monitoring]


def _monitoring_from_row(row: dict) -> MonitoringItem:
    """Costs are edited as text (an empty number cell would read "None"); "1,200.50" and "" are accepted."""
    try:
        cost = parse_amount(row.get("cost_per_month"), ui_language())  # "1.200,50" typed in German is 1200.50
    except ValueError as exc:
        raise ValueError(f"cost_per_month: {exc}") from None
    return MonitoringItem.model_validate({**row, "cost_per_month": cost})


def _raci_rows(plan: Plan) -> list[dict]:
    return [{"activity": r.activity, **{role.name: r.cells.get(role.name) or RACI_EMPTY for role in plan.roles}}
            for r in plan.raci]


def _raci_from_row(row: dict) -> RaciRow:
    cells = {k: ("" if v in (None, RACI_EMPTY) else v) for k, v in row.items() if k != "activity"}
    return RaciRow.model_validate({"activity": row.get("activity") or "", "cells": cells})


TABLES = {
    "tasks": TableSpec("plan_tasks_editor", lambda p: [t.model_dump() for t in p.tasks],
                       lambda p, m: p.model_copy(update={"tasks": m}), Task.model_validate, ("name",)),
    "experts": TableSpec("plan_experts_editor", _expert_rows,
                         lambda p, m: p.model_copy(update={"expert_access": p.expert_access.model_copy(update={"experts": m})}),
                         _expert_from_row, ("name", "role")),
    "monitoring": TableSpec("plan_monitoring_editor", _monitoring_rows,
                            lambda p, m: p.model_copy(update={"monitoring": m}), _monitoring_from_row,
                            ("item", "owner", "feedback_path")),
    "roles": TableSpec("plan_roles_editor", lambda p: [r.model_dump() for r in p.roles],
                       lambda p, m: p.model_copy(update={"roles": m}), Role.model_validate,
                       check=lambda models: role_name_problems(m.name for m in models)),
    "raci": TableSpec("plan_raci_editor", _raci_rows, lambda p, m: p.model_copy(update={"raci": m}), _raci_from_row),
    "qualities": TableSpec("plan_qualities_editor", lambda p: [q.model_dump() for q in p.qualities],
                           lambda p, m: p.model_copy(update={"qualities": m}), Quality.model_validate,
                           ("name", "target", "reason")),
    "agenda": TableSpec("plan_agenda_editor", lambda p: [a.model_dump() for a in p.agenda],
                        lambda p, m: p.model_copy(update={"agenda": m}), AgendaItem.model_validate, ("topic", "citation")),
    "decisions": TableSpec("plan_decisions_editor", lambda p: [d.model_dump() for d in p.decisions],
                           lambda p, m: p.model_copy(update={"decisions": m}), Decision.model_validate,
                           ("topic", "decision", "owner", "decided_on")),
    "parking_lot": TableSpec("plan_parking_editor", lambda p: [x.model_dump() for x in p.parking_lot],
                             lambda p, m: p.model_copy(update={"parking_lot": m}), ParkingItem.model_validate,
                             ("question", "owner", "due")),
    "glossary": TableSpec("plan_glossary_editor", lambda p: [g.model_dump() for g in p.glossary],
                          lambda p, m: p.model_copy(update={"glossary": m}), GlossaryEntry.model_validate,
                          ("term", "meaning", "pitfall")),
    "release_criteria": TableSpec("plan_release_editor", lambda p: [c.model_dump() for c in p.release_criteria.criteria],
                                  lambda p, m: p.model_copy(update={"release_criteria": p.release_criteria.model_copy(update={"criteria": m})}),
                                  ReleaseCriterion.model_validate, ("metric", "target", "baseline", "evaluation_data", "subgroups", "suggested_by")),
}


def read_plan(content: Content, answers: dict, stored: dict | None) -> tuple[Plan, str | None]:
    """The stored plan, or defaults from the answers until the first save; with a notice when it was not read as saved.

    A plan saved by an older or broken version gives defaults (the old one is replaced at the next save); roles
    saved with clashing names get numbered names. Every page reads the stored plan through this.
    """
    if stored is None:
        return default_plan(content, answers), None
    try:
        plan, renamed = read_stored_plan(stored)
    except ValueError:  # pydantic's ValidationError
        return default_plan(content, answers), UNREADABLE
    if renamed:
        return plan, ui_translator()._("Role names must be unique and differ from the table's columns, but this plan was saved "
                                       "with clashing ones: {roles}. It is saved like that at your next edit; "
                                       "rename the roles as you like.").format(roles="; ".join(renamed))
    return plan, None


UNREADABLE = N_("The saved plan could not be read and defaults are shown; it is replaced at your next edit.")


def not_saved(problem: str) -> str:
    """The message of an edit that was not saved, in the app's language (the problem itself as the core words it)."""
    return ui_translator()._("Not saved: {problem}").format(problem=problem)


def load_plan(project_id: str, content: Content, answers: dict, stored: dict | None, version: int) -> Plan:
    """The plan the page shows (read_plan), noting the version it was read at for the next edit."""
    st.session_state[SEEN] = version
    errors = st.session_state.setdefault(ERRORS, {})
    errors.pop(RENAMED_ROLES, None)
    unreadable = ui_translator()._(UNREADABLE)
    if errors.get("plan") in (UNREADABLE, unreadable):
        errors.pop("plan")
    plan, notice = read_plan(content, answers, stored)
    if notice == UNREADABLE:
        errors["plan"] = unreadable
    elif notice:
        errors[RENAMED_ROLES] = notice
    return plan


def _current(project_id: str, content: Content, answers: dict, expected_version: int) -> tuple[Plan, int] | str:
    """The stored plan to change and its version, or why it cannot be changed now."""
    try:
        stored, version = get_store().load_plan(project_id)
    except StoreError as exc:
        return str(exc)
    if version != expected_version:
        return ui_translator()._("someone else changed the plan in the meantime. Their version is shown now; make your change again.")
    return read_plan(content, answers, stored)[0], version


def _save(project_id: str, plan: Plan, version: int, change: str) -> int | str:
    """The saved plan's new version, or why it was not saved."""
    try:
        return get_store().save_plan(project_id, plan.model_dump(mode="json"), expected_version=version,
                                     author=current_author(), change=change)
    except StoreError as exc:  # PlanConflictError is one
        return str(exc)


def change_plan(project_id: str, content: Content, answers: dict, expected_version: int, change: Callable[[Plan], Plan],
                change_name: str) -> str | None:
    """Apply `change` to the stored plan (defaults until the first save), check it and save it; None, or what went wrong.

    `expected_version` is the version the user saw: a plan someone else saved since is not overwritten.
    """
    current = _current(project_id, content, answers, expected_version)
    if isinstance(current, str):
        return current
    plan, version = current
    try:
        updated = Plan.model_validate(change(plan).model_dump())
    except ValueError as exc:  # pydantic's ValidationError, or a change refused with a message
        return first_problem(exc)
    saved = _save(project_id, updated, version, change_name)
    return saved if isinstance(saved, str) else None


def _current_for_edit(project_id: str, content: Content, answers: dict, section: str) -> tuple[Plan, int] | None:
    current = _current(project_id, content, answers, st.session_state.get(SEEN, 0))
    if isinstance(current, str):
        st.session_state.setdefault(ERRORS, {})[section] = not_saved(current)
        return None
    return current


def _commit(project_id: str, plan: Plan, version: int, section: str) -> None:
    errors = st.session_state.setdefault(ERRORS, {})
    saved = _save(project_id, plan, version, section)
    if isinstance(saved, str):
        errors[section] = not_saved(saved)
    else:
        st.session_state[SEEN] = saved
        errors.pop(section, None)


def _has_changes(delta) -> bool:
    return isinstance(delta, dict) and any(delta.get(k) for k in ("edited_rows", "added_rows", "deleted_rows"))


def apply_pending_edits(project_id: str, content: Content, answers: dict, version: int) -> bool:
    """Apply editor states no callback has applied yet (e.g. set through st.session_state by a test)."""
    applied = False
    for section, spec in TABLES.items():
        delta = st.session_state.get(spec.key)
        if _has_changes(delta) and st.session_state.get("plan_applied", {}).get(section) != delta:
            st.session_state.setdefault(SEEN, version)
            on_table_change(project_id, content, answers, section)
            applied = True
    return applied


@guarded()
def on_table_change(project_id: str, content: Content, answers: dict, section: str) -> None:
    spec = TABLES[section]
    delta = st.session_state.get(spec.key) or {}
    st.session_state.setdefault("plan_applied", {})[section] = delta
    current = _current_for_edit(project_id, content, answers, section)
    if current is None:
        st.session_state.pop(spec.key, None)
        return
    plan, version = current
    rows = apply_delta(spec.rows(plan), delta)
    models, problems = rows_to_models(rows, spec.build, text_fields=spec.text_fields)
    problems = problems or spec.check(models)
    if problems:
        st.session_state[ERRORS][section] = not_saved("; ".join(problems[:5]))
        return
    try:
        updated = spec.apply(plan, models)
        Plan.model_validate(updated.model_dump())
    except Exception as exc:  # e.g. too many rows
        st.session_state[ERRORS][section] = not_saved(first_problem(exc))
        return
    _commit(project_id, updated, version, section)


@guarded()
def on_field_change(project_id: str, content: Content, answers: dict, section: str, path: tuple[str, ...], key: str,
                    convert: Callable | None = None) -> None:
    """A single widget bound to one field, e.g. ('data_agreement', 'quantity') or ('estimation', 'seed')."""
    current = _current_for_edit(project_id, content, answers, section)
    if current is None:
        st.session_state.pop(key, None)  # show the stored value again
        return
    plan, version = current
    value = st.session_state.get(key)
    if convert:
        value = convert(value)
    try:
        data = plan.model_dump()
        target = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value
        updated = Plan.model_validate(data)
    except Exception as exc:
        st.session_state[ERRORS][section] = not_saved(first_problem(exc))
        return
    _commit(project_id, updated, version, section)


@guarded()
def on_plan_change(project_id: str, content: Content, answers: dict, section: str, change: Callable[[Plan], Plan]) -> None:
    """A button's change of the stored plan, e.g. adopting mitigations (their ids and their own tasks)."""
    current = _current_for_edit(project_id, content, answers, section)
    if current is None:
        return
    plan, version = current
    try:
        updated = Plan.model_validate(change(plan).model_dump())
    except Exception as exc:  # e.g. too many tasks
        st.session_state[ERRORS][section] = not_saved(first_problem(exc))
        return
    _commit(project_id, updated, version, section)


@guarded()
def on_estimate_submit(project_id: str, content: Content, answers: dict, index: int, keys: dict[str, str]) -> None:
    """The Effort section's estimate form: one task's estimates (field → widget key) saved together."""
    values = {field: st.session_state.get(key) for field, key in keys.items()}
    on_plan_change(project_id, content, answers, "effort", lambda plan: with_estimates(plan, index, values))


@guarded()
def reset_plan(project_id: str, content: Content, answers: dict) -> None:
    current = _current_for_edit(project_id, content, answers, "plan")
    if current is None:
        return
    _, version = current
    keep = {"plan_section", SEEN, ERRORS, "plan_applied"}
    for key in [k for k in st.session_state if str(k).startswith("plan_") and k not in keep]:
        st.session_state.pop(key, None)  # widgets show the fresh defaults
    _commit(project_id, default_plan(content, answers), version, "plan")


def show_error(section: str) -> None:
    message = st.session_state.get(ERRORS, {}).get(section)
    if message:
        st.warning(md(message))  # messages quote user text (role names, cell values)


@st.cache_resource(max_entries=16, show_spinner=False)
def _cached_answered(answers_json: str, extra: tuple, language: str):
    """What the report takes from the answers alone (the assessment, ...), once per answers: not again at each plan edit."""
    import json

    from ..i18n import content_for
    from ..plan.report import answered_part

    return answered_part(content_for(language, extra), json.loads(answers_json))


@st.cache_resource(max_entries=64, show_spinner=False)
def _cached_report(plan_json: str, answers_json: str, extra: tuple, name: str, description: str, language: str = "en"):
    import json

    from ..i18n import content_for
    from ..plan.report import build_report

    report = build_report(content_for(language, extra), json.loads(answers_json), Plan.model_validate_json(plan_json),
                          project_name=name, project_description=description, language=language,
                          answered=_cached_answered(answers_json, extra, language))
    chart = None
    if report.buffers.totals is not None:
        from ..i18n import translator
        from .charts import duration_spec

        chart = duration_spec(report.buffers.totals, report.buffers.summary.target_days, translator(language))  # + the target
    return report, chart


def plan_report(snapshot, plan: Plan, version: str, language: str = "en"):
    """(report, duration chart spec), computed once per distinct plan, answers and language (simulation, chart). The page
    shows the report in the app's language; the downloads use the one in the document language (ui.plan.document)."""
    import json
    from dataclasses import replace

    extra = tuple((n, t.encode("utf-8")) for n, t in snapshot.question_files)
    report, chart = _cached_report(plan.model_dump_json(), json.dumps(snapshot.answers, sort_keys=True), extra,
                                   snapshot.project.name, snapshot.project.description, language)
    return replace(report, version=version), chart
