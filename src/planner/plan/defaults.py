"""A first plan generated from the answers: the team edits it from there.

The plan is written in the content's language (planner.i18n.content_for): the catalogue's texts and the planner's own
(why a task or criterion was added, the fixed agenda topics). Role names are identifiers and stay as they are.
"""

from __future__ import annotations

import re

from ..answers import Answers, fitting_answers
from ..conditions import asked_answers, holds
from ..content import Content
from ..i18n import ENGLISH, N_, Translator, translator
from .agenda import DEFAULT_WORKSHOP_MINUTES, split_duration
from .catalogue import load_catalogue
from .model import (AgendaItem, DataAgreement, Expert, ExpertAccess, GlossaryEntry, MonitoringItem, Plan, Quality, RaciRow, ReleaseCriteria,
                    ReleaseCriterion, Role, Task)

_SPLIT_NAMES = re.compile(r"(?<=\))\s*,\s*|;|\n")


def default_roles(answers: Answers) -> list[Role]:
    """The catalogue's roles whose condition holds; an own product has no client (the external roles without a
    condition of their own; a hired labelling vendor stays)."""
    missing = set(answers.get("setup_missing_roles") or [])
    own_product = answers.get("setup_client_relationship") == "own_product"
    return [Role(name=r.name, external=r.external, lacks_capability=r.missing_value in missing)
            for r in load_catalogue().roles if holds(r.when, answers) and not (r.external and r.when is None and own_product)]


def default_raci(answers: Answers, roles: list[Role], language: str = "en") -> list[RaciRow]:
    pattern = answers.get("setup_integration")
    names = {r.name for r in roles}
    rows = []
    for activity in load_catalogue(language).raci_activities:
        cells = getattr(activity, pattern, None) if pattern in ("shared_model_code", "model_as_api", "all_in_one") else None
        cells = cells or activity.defaults
        rows.append(RaciRow(activity=activity.activity, cells={n: v for n, v in cells.items() if n in names}))
    return rows


def _label(content: Content, qid: str, answers: Answers) -> str:
    question, value = content.questions.get(qid), answers.get(qid)
    if question is None or value is None:
        return ""
    option = question.option(value) if question.options else None
    return option.label if option else str(value)


def _because(content: Content, condition, answers: Answers, t: Translator = ENGLISH) -> str:
    """Which answer a condition read, e.g. “Access approvals are still pending” (+1 more) (data_access_obstacles)."""
    question, given = content.questions.get(condition.question), answers.get(condition.question)
    chosen = [v for v in (given if isinstance(given, list) else [given]) if v in condition.any_of]
    labels = [(question.option(v).label if question and question.options and question.option(v) else str(v)) for v in chosen]
    first = labels[0] if len(labels[0]) <= 90 else labels[0][:89] + "…"
    more = t._(" (+{count} more)").format(count=len(labels) - 1) if len(labels) > 1 else ""
    return t._("“{answer}”{more} ({question})").format(answer=first, more=more, question=condition.question)


def default_tasks(content: Content, asked: Answers) -> list[Task]:
    """The catalogue's tasks whose condition holds, sized by the answers; each says which answer added or sized it."""
    t = translator(content.language)
    tasks = []
    for task in load_catalogue(content.language).tasks:
        if not holds(task.when, asked):
            continue
        size = next((x for x in task.sizes if holds(x.when, asked)), None)
        days = size.days if size else task.days
        reasons = [t._("added by {answer}").format(answer=_because(content, task.when, asked, t)) if task.when else "",
                   t._("sized by {answer}").format(answer=_because(content, size.when, asked, t)) if size else ""]
        tasks.append(Task(name=task.name, kind=task.kind, driver=task.driver, optimistic=days[0], likely=days[1], pessimistic=days[2],
                          exploratory=task.exploratory, added_by="; ".join(r for r in reasons if r)[:300]))
    return tasks


FIXED_TOPICS = (  # (topic, minutes in a two-hour kickoff, citation); the collaboration points go between goals and buffers
    (N_("Goals of the product and of the ML component"), 10, "§5.2, R1, R2"),
    (N_("Buffers, ownership (RACI) and monitoring budget"), 15, "§5.3, R4; §7.2, I1"),
    (N_("Break"), 10, ""),
    (N_("Closing survey: what each role expects, answered blind and compared (Workshop page)"), 15, "§8"),
    (N_("Decisions, open questions and sign-off"), 10, "§8"),
)


def default_agenda(content: Content, answers: Answers, minutes: int = DEFAULT_WORKSHOP_MINUTES) -> list[AgendaItem]:
    """A kickoff agenda of exactly `minutes`: the collaboration points share half of it, more where the risk is higher."""
    from ..assessment import assess

    points = {p.id: p for p in assess(content, answers).points}
    infos = list(content.kb.collaboration_points)
    scores = [points[i.id].score if i.id in points else None for i in infos]
    fixed, shares = split_duration(minutes, [m for _, m, _ in FIXED_TOPICS], scores)
    t = translator(content.language)
    slots = [AgendaItem(topic=t._(topic), minutes=m, citation=c) for (topic, _, c), m in zip(FIXED_TOPICS, fixed, strict=True)]
    topics = [AgendaItem(topic=i.title, minutes=m, citation=", ".join(i.citations)[:80]) for i, m in zip(infos, shares, strict=True)]
    return [slots[0], *topics, *slots[1:]]


def default_release_criteria(content: Content, answers: Answers) -> ReleaseCriteria:
    """Suggested criteria from the answers, each saying which answer suggested it; targets and sign-off are left to the room."""
    info, t = load_catalogue(content.language).release_criteria, translator(content.language)
    asked = asked_answers(content, fitting_answers(content, answers))
    hints = list(dict.fromkeys(h.subgroups for h in info.subgroups if holds(h.when, asked)))
    subgroups = "; ".join(hints[:1] + [x[:1].lower() + x[1:] for x in hints[1:]])
    rows = []
    for c in info.criteria:
        given = str(asked.get(c.metric_from) or "").strip() if c.metric_from else ""
        if not holds(c.when, asked) or (c.metric_from and not given):
            continue
        metric = f"{c.metric} {' '.join(given.split())}" if given else c.metric
        because = (t._("suggested by {answer}").format(answer=_because(content, c.when, asked, t)) if c.when else
                   t._("suggested by the answer to {question}").format(question=c.metric_from) if c.metric_from
                   else t._("suggested for every project"))
        rows.append(ReleaseCriterion(metric=metric if len(metric) <= 200 else metric[:199] + "…", baseline=c.baseline,
                                     evaluation_data=c.evaluation_data, subgroups=subgroups,
                                     suggested_by=because[:300]))
    return ReleaseCriteria(criteria=rows)


def _monitoring_owners(raci: list[RaciRow]) -> list[str]:
    """Each monitoring item's first owner: the one who does the Retraining activity for the Retraining item, the
    Monitoring activity's for the others. Matched by position in the catalogue, so a translated catalogue keeps them."""
    english = load_catalogue()
    position = {a.activity: n for n, a in enumerate(english.raci_activities)}
    doers = [next((r for r, v in row.cells.items() if v in ("R", "A/R")), "") for row in raci]
    activities = [position["Retraining" if m.item == "Retraining" else "Monitoring"] for m in english.monitoring]
    return [doers[n] if n < len(doers) else "" for n in activities]


def default_plan(content: Content, answers: Answers) -> Plan:
    answers = fitting_answers(content, answers)
    cat = load_catalogue(content.language)
    roles = default_roles(answers)
    raci = default_raci(answers, roles, content.language)
    asked = asked_answers(content, answers)
    tasks = default_tasks(content, asked)
    names = [n.strip() for n in _SPLIT_NAMES.split(answers.get("data_expert_names") or "") if n.strip()]
    hours = answers.get("data_expert_hours")
    per_expert = round(hours / len(names), 1) if names and isinstance(hours, (int, float)) else None
    experts = [Expert(name=n[:200], hours={} if per_expert is None else {p: per_expert for p in ("exploration", "development")})
               for n in names]
    owners = _monitoring_owners(raci)
    monitoring = [MonitoringItem(item=m.item, effort_days_per_month=m.effort_days_per_month, feedback_path=m.feedback_path,
                                 owner=owners[n]) for n, m in enumerate(cat.monitoring)]
    agreement = DataAgreement(
        refresh_cadence=_label(content, "data_refresh", answers),
        contact="; ".join(names)[:2000],
    )
    return Plan(
        tasks=tasks,
        expert_access=ExpertAccess(experts=experts),
        data_agreement=agreement,
        monitoring=monitoring,
        roles=roles,
        raci=raci,
        qualities=[Quality(name=q.name) for q in cat.qualities],
        glossary=[GlossaryEntry(term=g.term, meaning=g.meaning, pitfall=g.pitfall) for g in cat.glossary],
        agenda=default_agenda(content, answers, DEFAULT_WORKSHOP_MINUTES),
        release_criteria=default_release_criteria(content, answers),
    )
