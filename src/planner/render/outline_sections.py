"""The plan's own sections of the kickoff Document (experts to the answers appendix); see render.outline."""

from __future__ import annotations

from .. import study
from ..plan.model import PHASES, RACI_VALUES
from ..plan.participants import sign_off_rows
from ..plan.units import monitoring_costs
from .document import OPEN, Answer, Column, KeepTogether, PageBreak, Table
from .document import inline as _inline
from .outline import RACI_ROLES_PER_TABLE, UNANSWERED_SHOWN, Outline, b, cols, days, h, i, p


def experts(o: Outline) -> None:
    access = o.r.plan.expert_access
    o.section_intro("experts")
    if access.experts:
        rows = tuple((e.name or "unnamed", e.role, *[days(e.hours.get(x)) for x in PHASES], days(e.response_hours),
                      "yes" if e.reachable else "no") for e in access.experts)
        columns = cols(("Name", "text", 38), "Role", *[(x.capitalize(), "number", 19) for x in PHASES],
                       ("Answers within (h)", "number", 20), ("Reachable", "number", 17))
        o.add(h("Hours per week and phase", 2, outline=False), Table(columns, rows, small="header"))
    else:
        o.add(p("No domain experts named yet."))
    o.add(h("Escalation path for unanswered data questions", 2, outline=False))
    o.add(p(access.escalation_path) if access.escalation_path.strip() else p(OPEN, " – not agreed yet."))
    o.findings("experts")


def data_agreement(o: Outline) -> None:
    info = o.r.catalogue.data_agreement
    values = o.r.plan.data_agreement.model_dump()
    o.section_intro("data_agreement")
    required = o.r.required_agreement_fields
    rows = []
    for field, label in info.labels.items():
        value = str(values.get(field) or "")
        shown = value if value.strip() else (_inline(OPEN) if field in required else "–")
        rows.append((label + (" *" if field in required else ""), shown))
    because = "; ".join(dict.fromkeys(rule.reason for rule in required.values() if rule))
    note = "* must be agreed before the first delivery" + (f" (some because {because})" if because else "")
    o.add(Table(cols(("Item", "key", 60), "Agreed"), tuple(rows)),
          p(note + ". Study: " + "; ".join(info.citations), role="note"))
    o.findings("data_agreement")


def monitoring(o: Outline) -> None:
    plan = o.r.plan
    o.section_intro("monitoring")
    if plan.monitoring:
        rows = [(m.item or "unnamed", days(m.effort_days_per_month), "–" if m.cost_per_month is None else f"{m.cost_per_month:,.2f}",
                 m.owner if m.owner.strip() else _inline(OPEN), m.feedback_path) for m in plan.monitoring]
        effort, cost = monitoring_costs(plan)
        rows.append(("Total", f"{effort:g}", "–" if cost is None else f"{cost:,.2f}", "", ""))
        columns = cols(("Item", "key", 40), ("Effort (person-days per month)", "number", 20),
                       (f"Cost / month ({plan.currency})", "number", 22), ("Owner", "text", 32), "Feedback path to the model team")
        o.add(Table(columns, tuple(rows), total=True),
              p(f"That is about {effort * 12:g} person-days a year for running the model in production.", role="note"))
    else:
        o.add(p("No monitoring is budgeted yet."))
    o.findings("monitoring")


def raci(o: Outline) -> None:
    plan = o.r.plan
    o.section_intro("raci")
    o.add(p(b("R"), " responsible (does the work) · ", b("A"), " accountable (exactly one per activity) · ", b("C"), " consulted · ",
            b("I"), " informed · ", b("A/R"), " both.", role="note"))
    roles = list(plan.roles)
    if not plan.raci:
        o.add(p("The matrix is empty."))
    else:
        header = [Column(_inline(b("Activity")))]
        for role in roles:
            notes = [w for w, on in (("external", role.external), ("not staffed", role.lacks_capability)) if on]
            header.append(Column(_inline(b(role.name), i(f"\n({', '.join(notes)})") if notes else ""), "mark", 24))
        rows = tuple((row.activity, *[row.cells.get(role.name, "") for role in roles]) for row in plan.raci)
        accountable = frozenset((r, c) for r, row in enumerate(rows) for c, value in enumerate(row) if c and value in ("A", "A/R"))
        o.add(Table(tuple(header), rows, small="all", zebra=False, bold_cells=accountable, columns_per_part=RACI_ROLES_PER_TABLE,
                    part_label="Roles {first}–{last} of {count}"))
    if any(r.external or r.lacks_capability for r in roles):
        o.add(p("Roles marked in the header: ", i("external"), " sits in another organisation; ", i("not staffed"),
                " means the team said this role is missing.", role="note"))
    o.findings("raci")


def qualities(o: Outline) -> None:
    o.section_intro("qualities")
    rows = []
    for q in o.r.plan.qualities:
        if q.target.strip():
            decision = q.target
        elif q.not_needed:
            decision = f"not needed: {q.reason}" if q.reason.strip() else "not needed (no reason given)"
        else:
            decision = _inline(OPEN)
        rows.append((q.name or "unnamed", decision))
    o.add(Table(cols(("Quality", "key", 50), "Target or decision"), tuple(rows)) if rows else p("No qualities listed."))
    o.findings("qualities")


def release_criteria(o: Outline) -> None:
    """What the model must reach before release and who signs it off (in the spirit of a negotiation card)."""
    release, info = o.r.plan.release_criteria, o.r.catalogue.release_criteria
    o.section_intro("release_criteria")
    criteria = [c for c in release.criteria if c.metric.strip() or c.target.strip()]
    if criteria:
        rows = tuple((str(n), c.metric or "unnamed", c.target if c.target.strip() else _inline(OPEN), c.baseline or "–",
                      c.evaluation_data or "–", c.subgroups or "–", "agreed" if c.agreed else "suggested")
                     for n, c in enumerate(criteria, start=1))
        o.add(Table(cols(("#", "number", 8), ("Metric", "key", 36), ("Target", "text", 22), ("Baseline", "text", 28), "Evaluation data",
                         ("Must hold too for", "text", 30), ("Status", "text", 18)), rows))
        reasons = [f"row {n} {c.suggested_by}" for n, c in enumerate(criteria, start=1) if not c.agreed and c.suggested_by.strip()]
        if reasons:
            o.add(p("“Suggested” rows come from the answers (" + "; ".join(reasons) + "); the room agrees on them or changes them.",
                    role="note"))
    else:
        o.add(p("No release criteria yet."))

    def agreed(value: str):
        return value if value.strip() else _inline(OPEN)

    rows = (("Which error is worse", info.worse_error.get(release.worse_error, release.worse_error) if release.worse_error
             else _inline(OPEN)),
            ("Cost of a false positive (false alarm)", agreed(release.false_positive_cost)),
            ("Cost of a false negative (miss)", agreed(release.false_negative_cost)),
            ("Signed off by", agreed(release.sign_off)), ("When it is evaluated", agreed(release.evaluated_when)))
    o.add(h("Errors and sign-off", 2, outline=False), Table(cols(("Point", "key", 60), "Agreed"), rows))
    o.findings("release_criteria")


def glossary(o: Outline) -> None:
    o.section_intro("glossary")
    rows = tuple((g.term, g.meaning, g.pitfall) for g in o.r.plan.glossary)
    o.add(Table(cols(("Term", "key", 32), "Agreed meaning", "How it gets misread"), rows)
          if rows else p("No terms yet."))
    o.findings("glossary")


def workshop(o: Outline) -> None:
    agenda, decisions, parked = o.r.workshop_items()
    if not (agenda or decisions or parked):
        return
    o.add(h("Kickoff workshop"), p("The agenda the team worked through, the decisions it took and the questions it parked.",
                                   role="explain"))
    if agenda:
        rows = [(str(n), a.topic, days(a.minutes), a.citation) for n, a in enumerate(agenda, 1)]
        rows.append(("", "Total", f"{sum(a.minutes or 0 for a in agenda):g}", ""))
        o.add(h("Agenda", 2, outline=False),
              Table(cols(("#", "text", 8), "Topic", ("Minutes", "number", 20), ("Study", "text", 50)), tuple(rows), total=True))
    o.add(h("Decision log", 2, outline=False))
    if decisions:
        o.add(Table(cols(("Topic", "text", 38), "Decision", ("Owner", "text", 36), ("Date", "text", 26)),
                    tuple((d.topic, d.decision, d.owner, d.decided_on) for d in decisions)))
    else:
        o.add(p("No decisions recorded."))
    o.add(h("Parking lot", 2, outline=False))
    if parked:
        o.add(Table(cols("Question", ("Owner", "text", 36), ("Due", "text", 26)),
                    tuple((x.question, x.owner if x.owner.strip() else _inline(OPEN), x.due) for x in parked)))
    else:
        o.add(p("Nothing parked."))


def open_points(o: Outline) -> None:
    o.add(PageBreak(), h("Open questions"))
    findings = o.r.open_points()
    if not findings:
        o.add(p("No errors, warnings or open questions in the plan."))
    else:
        rows = tuple((f.level, o.section_title(f.section), f.message, f.citation, "", "") for f in findings)
        columns = cols(("Level", "text", 16), ("Section", "text", 32), "What is open", ("Study", "text", 20), ("Owner", "blank", 24),
                       ("Due", "blank", 16))
        o.add(Table(columns, rows), p("Owner and due date are filled in at the kickoff.", role="note"))
    disagreements(o)
    unanswered = [q for x in o.r.assessment.points for q in x.unanswered]
    if unanswered:
        more = " …" if len(unanswered) > UNANSWERED_SHOWN else ""
        o.add(p(f"{len(unanswered)} questionnaire questions are not answered yet "
                f"({', '.join(unanswered[:UNANSWERED_SHOWN])}{more}).", role="note"))


def disagreements(o: Outline) -> None:
    """The workshop questions the roles disagreed on and did not settle, with each role's answers."""
    shown = o.r.open_workshop_questions()
    if not shown:
        return
    # "; " between roles, not line breaks: a table cell keeps only a few lines (render.pdf_text.MAX_CELL_LINES)
    rows = tuple((x.question, "; ".join(f"{a.role}: {a.answers}" for a in x.answers) or "–", "", "") for x in shown)
    o.add(h("Disagreements the workshop did not settle", 2, outline=False),
          Table(cols(("Question", "text", 50), "How each role answered", ("Owner", "blank", 24), ("Due", "blank", 16)), rows),
          p("The roles expected different things and the team did not settle it; settle it before the work it affects "
            "starts (§8: make expectations between roles explicit).", role="note"))


def sign_off(o: Outline) -> None:
    rows = sign_off_rows(o.r.plan.participants, [role.name for role in o.r.plan.roles]) or [("", "")] * 4
    o.add(KeepTogether((
        h("Sign-off", 2),
        p("By signing, each role agrees to the plan as the starting point of the project, including its buffers and open "
          "questions. Open questions get an owner and a date at the kickoff; the plan is revised when the answers or the setup "
          "change.", role="explain"),
        Table(cols(("Role", "text", 45), ("Name", "text", 45), ("Signature", "blank"), ("Date", "blank", 30)),
              tuple((role, name, "", "") for role, name in rows), form=True, zebra=False),
    )))


def client_appendix(o: Outline) -> None:
    if not o.r.cards:
        return
    o.add(PageBreak(), h("For the client: what ML can and cannot promise"),
          p("Short explanations for clients, product owners and managers. Each was selected because of an answer in this "
            "project; the answers are named under each card.", role="explain"))
    questions = o.r.content.questions
    for fired in o.r.cards:
        card = fired.card
        because = "; ".join(questions[q].text for q in fired.questions if q in questions)
        o.add(KeepTogether((h(card.title, 2, outline=False), p(card.body), p(b("Remember:"), f" {card.takeaway}"),
                            p(f"Because of: {because} · Study: {'; '.join(card.citations)}", role="note"))))


def appendix(o: Outline) -> None:
    o.add(PageBreak(), h("Appendix: answers"))
    if not o.r.answer_lines:
        o.add(p("No questions answered yet."))
    section = None
    for line in o.r.answer_lines:
        if line.section != section:
            section = line.section
            o.add(h(section, 2))
        o.add(Answer(line.question, line.answer, line.citations))
    o.add(h("Study reference", 2), p(study.REFERENCE))


SECTIONS = (experts, data_agreement, monitoring, raci, qualities, release_criteria, glossary, workshop, open_points, sign_off, client_appendix,
            appendix)
