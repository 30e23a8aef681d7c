"""The plan's own sections of the kickoff Document (experts to the answers appendix); see render.outline."""

from __future__ import annotations

from .. import study
from ..i18n import N_
from ..plan.model import PHASES, RACI_VALUES
from ..plan.labels import role_name
from ..plan.participants import sign_off_rows
from ..plan.units import monitoring_costs
from .document import Answer, Column, KeepTogether, PageBreak, Table
from .document import inline as _inline
from .outline import RACI_ROLES_PER_TABLE, UNANSWERED_SHOWN, Outline, b, cols, days, h, i, p

PHASE_NAMES = {"exploration": N_("Exploration"), "development": N_("Development"), "integration": N_("Integration"),
               "operation": N_("Operation")}  # the plan model's PHASES, as column labels


def experts(o: Outline) -> None:
    access, t, _ = o.r.plan.expert_access, o.t, o.t._
    o.section_intro("experts")
    if access.experts:
        rows = tuple((e.name or _("unnamed"), e.role, *[days(e.hours.get(x), t) for x in PHASES], days(e.response_hours, t),
                      _("yes") if e.reachable else _("no")) for e in access.experts)
        phases = [(_(PHASE_NAMES[x]) if x in PHASE_NAMES else x.capitalize(), "number", 19) for x in PHASES]
        columns = cols((_("Name"), "text", 38), _("Role"), *phases, (_("Answers within (h)"), "number", 20), (_("Reachable"), "number", 17))
        o.add(h(_("Hours per week and phase"), 2, outline=False), Table(columns, rows, small="header"))
    else:
        o.add(p(_("No domain experts named yet.")))
    o.add(h(_("Escalation path for unanswered data questions"), 2, outline=False))
    o.add(p(access.escalation_path) if access.escalation_path.strip() else p(o.open, _(" – not agreed yet.")))
    o.findings("experts")


def data_agreement(o: Outline) -> None:
    info = o.r.catalogue.data_agreement
    values = o.r.plan.data_agreement.model_dump()
    o.section_intro("data_agreement")
    required = o.r.required_agreement_fields
    rows = []
    for field, label in info.labels.items():
        value = str(values.get(field) or "")
        shown = value if value.strip() else (_inline(o.open) if field in required else "–")
        rows.append((label + (" *" if field in required else ""), shown))
    _ = o.t._
    because = "; ".join(dict.fromkeys(rule.reason for rule in required.values() if rule))
    note = _("* must be agreed before the first delivery") + (_(" (some because {reasons})").format(reasons=because) if because else "")
    o.add(Table(cols((_("Item"), "key", 60), _("Agreed")), tuple(rows)),
          p(note + ". " + _("Study: ") + "; ".join(info.citations), role="note"))
    o.findings("data_agreement")


def monitoring(o: Outline) -> None:
    plan, t, _ = o.r.plan, o.t, o.t._
    o.section_intro("monitoring")
    if plan.monitoring:
        rows = [(m.item or _("unnamed"), days(m.effort_days_per_month, t),
                 "–" if m.cost_per_month is None else t.fixed(m.cost_per_month, 2, grouped=True),
                 role_name(m.owner, o.t) if m.owner.strip() else _inline(o.open), m.feedback_path) for m in plan.monitoring]
        effort, cost = monitoring_costs(plan)
        rows.append((_("Total"), t.g(effort), "–" if cost is None else t.fixed(cost, 2, grouped=True), "", ""))
        columns = cols((_("Item"), "key", 40), (_("Effort (person-days per month)"), "number", 20),
                       (_("Cost / month ({currency})").format(currency=plan.currency), "number", 22), (_("Owner"), "text", 32),
                       _("Feedback path to the model team"))
        o.add(Table(columns, tuple(rows), total=True),
              p(_("That is about {days} person-days a year for running the model in production.").format(days=t.g(effort * 12)),
                role="note"))
    else:
        o.add(p(_("No monitoring is budgeted yet.")))
    o.findings("monitoring")


def raci(o: Outline) -> None:
    plan, _ = o.r.plan, o.t._
    o.section_intro("raci")
    o.add(p(b("R"), _(" responsible (does the work) · "), b("A"), _(" accountable (exactly one per activity) · "), b("C"),
            _(" consulted · "), b("I"), _(" informed · "), b("A/R"), _(" both."), role="note"))
    roles = list(plan.roles)
    if not plan.raci:
        o.add(p(_("The matrix is empty.")))
    else:
        header = [Column(_inline(b(_("Activity"))))]
        for role in roles:
            notes = [w for w, on in ((_("external"), role.external), (_("not staffed"), role.lacks_capability)) if on]
            header.append(Column(_inline(b(role_name(role.name, o.t)), i(f"\n({', '.join(notes)})") if notes else ""), "mark", 24))
        rows = tuple((row.activity, *[row.cells.get(role.name, "") for role in roles]) for row in plan.raci)
        accountable = frozenset((r, c) for r, row in enumerate(rows) for c, value in enumerate(row) if c and value in ("A", "A/R"))
        o.add(Table(tuple(header), rows, small="all", zebra=False, bold_cells=accountable, columns_per_part=RACI_ROLES_PER_TABLE,
                    part_label=_("Roles {first}–{last} of {count}")))
    if any(r.external or r.lacks_capability for r in roles):
        o.add(p(_("Roles marked in the header: "), i(_("external")), _(" sits in another organisation; "), i(_("not staffed")),
                _(" means the team said this role is missing."), role="note"))
    o.findings("raci")


def qualities(o: Outline) -> None:
    _ = o.t._
    o.section_intro("qualities")
    rows = []
    for q in o.r.plan.qualities:
        if q.target.strip():
            decision = q.target
        elif q.not_needed:
            decision = _("not needed: {reason}").format(reason=q.reason) if q.reason.strip() else _("not needed (no reason given)")
        else:
            decision = _inline(o.open)
        rows.append((q.name or _("unnamed"), decision))
    o.add(Table(cols((_("Quality"), "key", 50), _("Target or decision")), tuple(rows)) if rows else p(_("No qualities listed.")))
    o.findings("qualities")


def release_criteria(o: Outline) -> None:
    """What the model must reach before release and who signs it off (in the spirit of a negotiation card)."""
    release, info, _ = o.r.plan.release_criteria, o.r.catalogue.release_criteria, o.t._
    o.section_intro("release_criteria")
    criteria = [c for c in release.criteria if c.metric.strip() or c.target.strip()]
    if criteria:
        rows = tuple((str(n), c.metric or _("unnamed"), c.target if c.target.strip() else _inline(o.open), c.baseline or "–",
                      c.evaluation_data or "–", c.subgroups or "–", _("agreed") if c.agreed else _("suggested"))
                     for n, c in enumerate(criteria, start=1))
        o.add(Table(cols(("#", "number", 8), (_("Metric"), "key", 36), (_("Target"), "text", 22), (_("Baseline"), "text", 28),
                         _("Evaluation data"), (_("Must hold too for"), "text", 30), (_("Status"), "text", 18)), rows))
        reasons = [_("row {number} {reason}").format(number=n, reason=c.suggested_by)
                   for n, c in enumerate(criteria, start=1) if not c.agreed and c.suggested_by.strip()]
        if reasons:
            o.add(p(_("“Suggested” rows come from the answers ({reasons}); the room agrees on them or changes them.").format(
                reasons="; ".join(reasons)), role="note"))
    else:
        o.add(p(_("No release criteria yet.")))

    def agreed(value: str):
        return value if value.strip() else _inline(o.open)

    rows = ((_("Which error is worse"), info.worse_error.get(release.worse_error, release.worse_error) if release.worse_error
             else _inline(o.open)),
            (_("Cost of a false positive (false alarm)"), agreed(release.false_positive_cost)),
            (_("Cost of a false negative (miss)"), agreed(release.false_negative_cost)),
            (_("Signed off by"), agreed(role_name(release.sign_off, o.t))), (_("When it is evaluated"), agreed(release.evaluated_when)))
    o.add(h(_("Errors and sign-off"), 2, outline=False), Table(cols((_("Point"), "key", 60), _("Agreed")), rows))
    o.findings("release_criteria")


def glossary(o: Outline) -> None:
    _ = o.t._
    o.section_intro("glossary")
    rows = tuple((g.term, g.meaning, g.pitfall) for g in o.r.plan.glossary)
    o.add(Table(cols((_("Term"), "key", 32), _("Agreed meaning"), _("How it gets misread")), rows)
          if rows else p(_("No terms yet.")))
    o.findings("glossary")


def workshop(o: Outline) -> None:
    agenda, decisions, parked = o.r.workshop_items()
    t, _ = o.t, o.t._
    if not (agenda or decisions or parked):
        return
    o.add(h(_("Kickoff workshop")), p(_("The agenda the team worked through, the decisions it took and the questions it parked."),
                                      role="explain"))
    if agenda:
        rows = [(str(n), a.topic, days(a.minutes, t), a.citation) for n, a in enumerate(agenda, 1)]
        rows.append(("", _("Total"), t.g(sum(a.minutes or 0 for a in agenda)), ""))
        o.add(h(_("Agenda"), 2, outline=False),
              Table(cols(("#", "text", 8), _("Topic"), (_("Minutes"), "number", 20), (_("Study"), "text", 50)), tuple(rows), total=True))
    o.add(h(_("Decision log"), 2, outline=False))
    if decisions:
        o.add(Table(cols((_("Topic"), "text", 38), _("Decision"), (_("Owner"), "text", 36), (_("Date"), "text", 26)),
                    tuple((d.topic, d.decision, d.owner, d.decided_on) for d in decisions)))
    else:
        o.add(p(_("No decisions recorded.")))
    o.add(h(_("Parking lot"), 2, outline=False))
    if parked:
        o.add(Table(cols(_("Question"), (_("Owner"), "text", 36), (_("Due"), "text", 26)),
                    tuple((x.question, x.owner if x.owner.strip() else _inline(o.open), x.due) for x in parked)))
    else:
        o.add(p(_("Nothing parked.")))


def open_points(o: Outline) -> None:
    _ = o.t._
    o.add(PageBreak(), h(_("Open questions")))
    findings = o.r.open_points()
    if not findings:
        o.add(p(_("No errors, warnings or open questions in the plan.")))
    else:
        rows = tuple((o.level(f.level), o.section_title(f.section), f.message, f.citation, "", "") for f in findings)
        columns = cols((_("Level"), "text", 16), (_("Section"), "text", 32), _("What is open"), (_("Study"), "text", 20),
                       (_("Owner"), "blank", 24), (_("Due"), "blank", 16))
        o.add(Table(columns, rows), p(_("Owner and due date are filled in at the kickoff."), role="note"))
    disagreements(o)
    unanswered = [q for x in o.r.assessment.points for q in x.unanswered]
    if unanswered:
        more = " …" if len(unanswered) > UNANSWERED_SHOWN else ""
        o.add(p(_("{count} questionnaire questions are not answered yet ({ids}).").format(
            count=len(unanswered), ids=", ".join(unanswered[:UNANSWERED_SHOWN]) + more), role="note"))


def disagreements(o: Outline) -> None:
    """The workshop questions the roles disagreed on and did not settle, with each role's answers."""
    shown = o.r.open_workshop_questions()
    if not shown:
        return
    # "; " between roles, not line breaks: a table cell keeps only a few lines (render.pdf_text.MAX_CELL_LINES)
    _ = o.t._
    rows = tuple((x.question, "; ".join(f"{role_name(a.role, o.t)}: {a.answers}" for a in x.answers) or "–", "", "") for x in shown)
    o.add(h(_("Disagreements the workshop did not settle"), 2, outline=False),
          Table(cols((_("Question"), "text", 50), _("How each role answered"), (_("Owner"), "blank", 24), (_("Due"), "blank", 16)), rows),
          p(_("The roles expected different things and the team did not settle it; settle it before the work it affects "
              "starts (§8: make expectations between roles explicit)."), role="note"))


def sign_off(o: Outline) -> None:
    _ = o.t._
    rows = sign_off_rows(o.r.plan.participants, [role.name for role in o.r.plan.roles]) or [("", "")] * 4
    o.add(KeepTogether((
        h(_("Sign-off"), 2),
        p(_("By signing, each role agrees to the plan as the starting point of the project, including its buffers and open "
            "questions. Open questions get an owner and a date at the kickoff; the plan is revised when the answers or the setup "
            "change."), role="explain"),
        Table(cols((_("Role"), "text", 45), (_("Name"), "text", 45), (_("Signature"), "blank"), (_("Date"), "blank", 30)),
              tuple((role_name(role, o.t), name, "", "") for role, name in rows), form=True, zebra=False),
    )))


def client_appendix(o: Outline) -> None:
    if not o.r.cards:
        return
    _ = o.t._
    o.add(PageBreak(), h(_("For the client: what ML can and cannot promise")),
          p(_("Short explanations for clients, product owners and managers. Each was selected because of an answer in this "
              "project; the answers are named under each card."), role="explain"))
    questions = o.r.content.questions
    for fired in o.r.cards:
        card = fired.card
        because = "; ".join(questions[q].text for q in fired.questions if q in questions)
        note = _("Because of: {questions} · Study: {citations}").format(questions=because, citations="; ".join(card.citations))
        o.add(KeepTogether((h(card.title, 2, outline=False), p(card.body), p(b(_("Remember:")), f" {card.takeaway}"),
                            p(note, role="note"))))


def appendix(o: Outline) -> None:
    _ = o.t._
    o.add(PageBreak(), h(_("Appendix: answers")))
    if not o.r.answer_lines:
        o.add(p(_("No questions answered yet.")))
    section = None
    for line in o.r.answer_lines:
        if line.section != section:
            section = line.section
            o.add(h(section, 2))
        o.add(Answer(line.question, line.answer, line.citations))
    o.add(h(_("Study reference"), 2), p(study.REFERENCE))


SECTIONS = (experts, data_agreement, monitoring, raci, qualities, release_criteria, glossary, workshop, open_points, sign_off, client_appendix,
            appendix)
