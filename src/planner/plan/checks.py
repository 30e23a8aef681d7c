"""What is missing or inconsistent in a plan: each finding names its section and cites the study.

Messages are in the translator's language (planner.i18n; English by default, as the Plan page shows them).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..answers import Answers
from ..conditions import OptionCondition, holds
from ..i18n import ENGLISH, Translator
from .buffers import BufferResult, commitment, days_short, target_source_text
from .catalogue import AgreementRule, load_catalogue
from .labels import role_name, role_names
from .model import Plan


@dataclass(frozen=True)
class Finding:
    section: str  # effort | experts | data_agreement | monitoring | raci | qualities | release_criteria | glossary
    level: str  # error | warning | open
    message: str
    citation: str


def raci_findings(plan: Plan, t: Translator = ENGLISH) -> list[Finding]:
    _ = t._
    out: list[Finding] = []
    add = lambda level, msg, cit="§7.2, I1": out.append(Finding("raci", level, msg, cit))  # noqa: E731
    if not plan.raci:
        add("error", _("the matrix is empty: add the ML activities and who owns them"), "§7.2, I1, I2")
    roles = {r.name: r for r in plan.roles}
    for row in plan.raci:
        cells = {role: v for role, v in row.cells.items() if v and role in roles}
        accountable = [role for role, v in cells.items() if v in ("A", "A/R")]
        doers = [role for role, v in cells.items() if v in ("R", "A/R")]
        if not cells:
            add("error", _("'{activity}' has no owner at all (orphan activity)").format(activity=row.activity), "§7.3, Q3")
            continue
        if len(accountable) != 1:
            add("error", _("'{activity}' needs exactly one A, has {count}").format(activity=row.activity, count=len(accountable))
                + (f" ({role_names(accountable, t)})" if accountable else ""))
        if not doers:
            add("error", _("'{activity}' has nobody responsible (R)").format(activity=row.activity))
        for role in sorted(set(accountable + doers)):
            if roles[role].lacks_capability:
                add("warning", _("'{activity}': {role} is A/R, but the team said this role is missing or not staffed").format(
                    activity=row.activity, role=role_name(role, t)))
        if {roles[r].external for r in cells} == {True, False}:
            add("warning", _("'{activity}' crosses an organisation boundary ({roles} is external): agree the hand-over in "
                             "writing").format(activity=row.activity, roles=role_names((r for r in cells if roles[r].external), t)), "§7.2, I2")
    return out


@functools.cache
def _data_from_others() -> OptionCondition:
    """Built on first use: a model instance at import would build its validator for every page (issue 16)."""
    return OptionCondition(question="setup_data_source", any_of=["provided", "in_house"])


def expert_findings(plan: Plan, answers: Answers, t: Translator = ENGLISH) -> list[Finding]:
    _ = t._
    experts = plan.expert_access.experts
    reachable = [e for e in experts if e.name.strip() and e.reachable]
    out = []
    if holds(_data_from_others(), answers) and not reachable:
        out.append(Finding("experts", "error", _("high risk: the data is provided or in-house, but no reachable domain expert "
                                                 "is named"), "§6.2, D3"))
    for e in experts:
        if e.name.strip() and not any(e.hours.values()):
            out.append(Finding("experts", "warning", _("{name}: no hours planned in any phase").format(name=e.name), "§6.2, D3"))
    if experts and not plan.expert_access.escalation_path.strip():
        out.append(Finding("experts", "open", _("no escalation path for unanswered data questions"), "§6.2, D3"))
    return out


def required_agreement_fields(answers: Answers, language: str = "en") -> dict[str, AgreementRule | None]:
    """The data-agreement fields to agree before the first delivery, in label order: None for those always
    required, else the rule whose answer makes the field required (read on the answers asked; its reason in `language`)."""
    info = load_catalogue(language).data_agreement
    required: dict[str, AgreementRule | None] = dict.fromkeys(info.mandatory)
    for rule in info.mandatory_when:
        if rule.field not in required and holds(rule.when, answers):
            required[rule.field] = rule
    return {f: required[f] for f in info.labels if f in required}


def agreement_findings(plan: Plan, answers: Answers, t: Translator = ENGLISH) -> list[Finding]:
    """Open points of the data agreement: required fields (always, or because of an answer) left empty."""
    info = load_catalogue(t.language).data_agreement
    values = plan.data_agreement.model_dump()
    out = []
    for field, rule in required_agreement_fields(answers, t.language).items():
        if not str(values.get(field, "")).strip():
            because = f" ({rule.reason})" if rule else ""
            out.append(Finding("data_agreement", "open", t._("{item} is not agreed yet").format(item=info.labels[field]) + because,
                               rule.citation if rule else "§6.2, D1, D5"))
    return out


def monitoring_findings(plan: Plan, answers: Answers, t: Translator = ENGLISH) -> list[Finding]:
    _ = t._
    out = [Finding("monitoring", "warning", _("'{item}' has no owner").format(item=m.item), "§7.3, Q4")
           for m in plan.monitoring if m.item.strip() and not m.owner.strip()]
    out += [Finding("monitoring", "warning", _("'{item}' has no feedback path to the model team").format(item=m.item), "§7.3, Q4")
            for m in plan.monitoring if m.item.strip() and not m.feedback_path.strip()]
    if answers.get("qa_telemetry") in _NO_MODEL_TEAM_ACCESS:
        out.append(Finding("monitoring", "warning", _("the model team has no access to production telemetry (questionnaire "
                                                      "answer): give it read access or a regular extract"), "§7.3, Q4"))
    if not plan.monitoring:
        out.append(Finding("monitoring", "warning", _("no monitoring is budgeted"), "§7.3, Q4"))
    return out


_NO_MODEL_TEAM_ACCESS = {"system_only", "nothing"}  # qa_telemetry answers without prediction data for the model team


def quality_findings(plan: Plan, t: Translator = ENGLISH) -> list[Finding]:
    return [Finding("qualities", "open", t._("{quality}: give a target or mark it not needed with a reason").format(quality=q.name), "§5.2, R3")
            for q in plan.qualities if q.name.strip() and not q.target.strip() and not (q.not_needed and q.reason.strip())]


def _proposed_sign_off(plan: Plan, t: Translator) -> str:
    """The role the RACI makes accountable for the catalogue's sign-off activity (e.g. Model requirements), or "".
    The activity is found by its name in the document's language or in English (a plan keeps the names it was made with)."""
    names = [load_catalogue(t.language).release_criteria.sign_off_activity, load_catalogue().release_criteria.sign_off_activity]
    row = next((r for name in names for r in plan.raci if r.activity == name), None)
    activity = row.activity if row else names[0]
    roles = {r.name for r in plan.roles}
    accountable = [role for role, v in (row.cells.items() if row else ()) if v in ("A", "A/R") and role in roles]
    if len(accountable) != 1:
        return ""
    return t._(" (the RACI makes {role} accountable for {activity})").format(role=role_name(accountable[0], t), activity=activity)


def release_findings(plan: Plan, t: Translator = ENGLISH) -> list[Finding]:
    """Release criteria: a target for every metric, one role that signs off, and which error is worse decided."""
    release, _ = plan.release_criteria, t._
    out: list[Finding] = []
    add = lambda level, msg, cit="§7.3, Q1": out.append(Finding("release_criteria", level, msg, cit))  # noqa: E731
    named = [c for c in release.criteria if c.metric.strip()]
    if not named:
        add("warning", _("no release criterion is set: agree at least one metric with a target before modelling starts"),
            "§7.3, Q1; §5.2, R2")
    for n, c in enumerate(release.criteria, start=1):
        filled = any(str(v).strip() for k, v in c.model_dump().items() if k not in ("agreed", "suggested_by"))
        name = c.metric.strip() if len(c.metric.strip()) <= 70 else c.metric.strip()[:69] + "…"
        if not name:
            if filled:
                add("warning", _("row {number} has no metric: name what is measured").format(number=n))
        elif not c.target.strip():
            add("warning", _("'{metric}': no target yet, so nobody can say whether the model is ready to release").format(metric=name))
        elif not c.evaluation_data.strip():
            add("open", _("'{metric}': say which data the target is measured on").format(metric=name), "§7.3, Q2")
    open_rows = [c for c in named if not c.agreed]
    if open_rows:
        add("open", _("{count} of {total} criteria are not marked as agreed: agree them in the room or change them").format(
            count=len(open_rows), total=len(named)), "§5.2, R2")
    sign_off = release.sign_off.strip()
    if not sign_off:
        add("warning", _("no role signs off the release{proposal}: choose the role that decides").format(
            proposal=_proposed_sign_off(plan, t)), "§7.3, Q1; §5.2, R1")
    elif sign_off not in {r.name for r in plan.roles}:
        add("warning", _("the release is signed off by '{role}', which is not one of the plan's roles (Ownership)").format(
            role=role_name(sign_off, t)),
            "§7.2, I1")
    if named and not release.worse_error:
        add("open", _("which error is worse, a false alarm or a miss, is not decided"), "§5.2, R1")
    return out


def commitment_findings(result: BufferResult, t: Translator = ENGLISH) -> list[Finding]:
    """A committed delivery below the median simulated run: more than half of the runs miss it."""
    c = commitment(result)
    if c is None or c.short_of_p50 <= 0:
        return []
    where = target_source_text(c.source, t)
    source = t._(" (from {source})").format(source=where) if where else ""
    message = t._("the committed delivery of {days} working days{source} is below the P50 of {p50}: it falls short of the median "
                  "run by {short} working days, and {chance} of the simulated runs meet it; add {add} working days (to the P80) or "
                  "cut scope").format(days=t.g(c.target_days), source=source, p50=t.fixed(c.p50), short=t.g(days_short(c.short_of_p50)),
                                      chance=t.pct(c.chance), add=t.g(days_short(c.to_reach_80)))
    return [Finding("effort", "warning", message, "§5.3, R4")]


def plan_findings(plan: Plan, answers: Answers, t: Translator = ENGLISH) -> list[Finding]:
    return (raci_findings(plan, t) + expert_findings(plan, answers, t) + agreement_findings(plan, answers, t)
            + monitoring_findings(plan, answers, t) + quality_findings(plan, t) + release_findings(plan, t))
