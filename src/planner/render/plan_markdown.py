"""The kickoff plan as Markdown: the same content as the PDF, for wikis, tickets and diffs.

User text goes through `escape_markdown_file`, so markup in it shows literally; table cells keep their
line breaks as `<br>` (the only HTML this module writes, never taken from the user).
"""

from __future__ import annotations

from collections import Counter

from .. import study
from ..plan.model import PHASES
from ..plan.report import PlanReport
from ..plan.units import monitoring_costs
from .escape import escape_markdown_file as escape_markdown


def _text(value) -> str:
    return escape_markdown("" if value is None else str(value))


def _cell(value) -> str:
    lines = [escape_markdown(line) for line in str(value or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "<br>".join(line for line in lines if line.strip()) or "–"


def _days(value) -> str:
    return "–" if value is None else f"{value:g}"


def _pct(value) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def _table(header: list[str], rows: list[list[str]], align: str = "") -> list[str]:
    """A GitHub-flavoured table; `align` has one letter per column (l or r)."""
    marks = ["---:" if a == "r" else "---" for a in (align or "l" * len(header)).ljust(len(header), "l")]
    out = ["| " + " | ".join(header) + " |", "| " + " | ".join(marks) + " |"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out + [""]


class _Writer:
    def __init__(self, report: PlanReport):
        self.r = report
        self.out: list[str] = []

    def add(self, *lines: str) -> None:
        self.out.extend(lines)

    def section_intro(self, section_id: str) -> None:
        info = self.r.catalogue.section(section_id)
        self.add(f"## {_text(info.title)}", "", f"*{_text(info.explanation)}*", "",
                 f"Study: {_text('; '.join(info.citations))}", "")

    def findings(self, section_id: str) -> None:
        found = self.r.findings_for(section_id)
        if found:
            self.add("**Checks**", "")
            self.add(*[f"- **{f.level.upper()}** {_text(f.message)} ({_text(f.citation)})" for f in found])
            self.add("")

    def build(self) -> str:
        for part in (self.cover, self.summary, self.risk, self.effort, self.experts, self.data_agreement, self.monitoring,
                     self.raci, self.qualities, self.glossary, self.workshop, self.open_points, self.sign_off, self.client_appendix,
                     self.appendix):
            part()
        return "\n".join(self.out).rstrip() + "\n"

    def cover(self) -> None:
        r = self.r
        participants = [p for p in r.plan.participants if str(p).strip()]
        self.add(f"# Kickoff plan: {_text(r.project_name or 'Untitled project')}", "")
        if r.project_description.strip():
            self.add(_text(r.project_description), "")
        self.add(f"- Date: {_text(r.date)}", f"- Plan version: {_text(r.version)}",
                 f"- Participants: {_text('; '.join(participants)) if participants else 'none recorded'}", "",
                 f"Based on Nahar et al., ICSE 2022, *Collaboration Challenges in Building ML-Enabled Systems*, {study.LOOKUP}. "
                 "References such as “§6.2, D3” are the paper's section numbers and the planner's challenge IDs; the texts "
                 "are the planner's own words.", "")

    def summary(self) -> None:
        r, a = self.r, self.r.assessment
        titles = {p.id: p.title for p in r.content.kb.collaboration_points}
        self.add("## Summary", "")
        rows = []
        for p in a.points:
            rows.append([_text(titles.get(p.id, p.id)), "–" if p.score is None else f"{p.score:.0f} / 100", p.level,
                         "–" if p.low is None else f"{p.low:.0f}–{p.high:.0f}",
                         f"{p.answered} of {p.asked} ({p.completeness * 100:.0f}%)"])
        self.add(*_table(["Collaboration point", "Score", "Level", "Range", "Answered"], rows, "lrlrl"))
        top = r.top_risks(5)
        if top:
            rows = []
            for c in top:
                helps = r.content.mitigations_for.get(c.id, ())
                first = f"{_text(helps[0].title)} ({_text('; '.join(helps[0].citations))})" if helps else "–"
                rows.append([f"{c.id} {_text(c.title)}", _pct(c.likelihood), first])
            self.add(*_table(["Biggest risks (importance × likelihood)", "Likelihood", "First step"], rows, "lrl"))
        if r.adopted is not None and r.adopted.levers:
            self.add("### Mitigations adopted at the kickoff", "")
            self.add(*[f"- {_text(lever.title)} ({_text('; '.join(lever.citations))})" for lever in r.adopted.levers], "")
            changes = ", ".join(f"{_text(titles.get(p.point_id, p.point_id))} {p.before:.0f} → {p.after:.0f}"
                                for p in r.adopted.points if p.before is not None and p.after is not None)
            if changes:
                self.add(f"Once they are in place, the risk would change: {changes}.", "")
        s = r.buffers.summary
        if s is None:
            self.add("No usable task estimates yet, so there is no simulated duration.", "")
        else:
            rows = [["Total duration, median (P50)", f"{s.p50:.1f}"], ["Total duration, 80% confidence (P80)", f"{s.p80:.1f}"],
                    ["Total duration, 95% confidence (P95)", f"{s.p95:.1f}"], ["Recommended buffer (P80 − P50)", f"{s.buffer:.1f}"]]
            if s.target_days is not None:
                rows.append([f"Probability of finishing within the target of {s.target_days:g} working days", _pct(s.probability_on_time)])
            self.add("### Schedule", "", *_table(["Measure", "Working days"], rows, "lr"))
        counts = Counter(f.level for f in r.findings)
        self.add(f"Open points: {counts.get('error', 0)} errors, {counts.get('warning', 0)} warnings, "
                 f"{counts.get('open', 0)} open questions in the plan, {a.asked - a.answered} questionnaire questions not "
                 "answered yet.", "")

    def risk(self) -> None:
        r = self.r
        points = {p.id: p for p in r.content.kb.collaboration_points}
        self.add("## Risk per collaboration point", "")
        for point in r.assessment.points:
            info = points.get(point.id)
            score = "no answers yet" if point.score is None else f"{point.score:.0f} / 100, {point.level}"
            self.add(f"### {_text(info.title if info else point.id)}: {score}", "")
            if info:
                self.add(f"{_text(info.description)} ({_text(', '.join(info.citations))})", "")
            if point.weakest_link:
                note = point.weakest_link_note()
                self.add(f"**{_text(note[:1].upper() + note[1:])}** (the average of its challenges is {point.mean:.0f}; the "
                         "planner's default: a point is at most one level below its most likely challenge).", "")
            shown = r.likely_challenges(point)
            if not shown:
                self.add("No challenge at this point reaches a likelihood of 25%.", "")
            for c in shown:
                self.add(f"**{c.id} {_text(c.title)}** – {_pct(c.likelihood)} ({c.level}) – {_text('; '.join(c.citations))}", "")
                triggers = sorted(c.triggers, key=lambda t: (t.kind != "floor", -c.contribution(t)))
                for t in triggers[:5]:
                    if t.kind == "floor":
                        text = f"**On its own:** {_text(t.text)} → *{_text(t.answer)}* → at least {_pct(t.risk)} ({_text(t.citation)})"
                    elif t.kind == "answer":
                        text = f"{_text(t.text)} → *{_text(t.answer)}*"
                    else:
                        text = f"Project set-up: {_text(t.text)}"
                    self.add(f"- {text} (+{c.contribution(t) * 100:.0f} points)")
                if len(triggers) > 5:
                    self.add(f"- and {len(triggers) - 5} smaller triggers")
                for m in r.content.mitigations_for.get(c.id, ())[:3]:
                    self.add(f"- What helps: {_text(m.title)} ({_text('; '.join(m.citations))})")
                self.add("")

    def effort(self) -> None:
        plan, buffers = self.r.plan, self.r.buffers
        self.section_intro("effort")
        rows = [[str(i), _cell(t.name or "unnamed task"), t.driver, _days(t.optimistic), _days(t.likely), _days(t.pessimistic),
                 "time-box" if t.exploratory else ""] for i, t in enumerate(plan.tasks, start=1)]
        self.add("### Tasks (working days)", "")
        if rows:
            self.add(*_table(["#", "Task", "Driver", "Optimistic", "Likely", "Pessimistic", "Research"], rows, "rllrrrl"))
        else:
            self.add("No tasks yet.", "")
        if buffers.row_problems:
            self.add("Rows left out of the simulation:", "", *[f"- {_text(p)}" for p in buffers.row_problems], "")
        est = plan.estimation
        self.add(f"Simulation: {est.trials:,} runs, seed {est.seed}, {est.distribution} distribution, drivers "
                 f"{'applied' if est.apply_drivers else 'not applied'}"
                 + (f", target {est.target_days:g} working days." if est.target_days is not None else ", no target date."), "")
        s = buffers.summary
        if s is not None:
            rows = [["With uncertainty drivers", f"{s.p50:.1f}", f"{s.p80:.1f}", f"{s.p95:.1f}", f"{s.buffer:.1f}"]]
            if buffers.without_drivers is not None:
                w = buffers.without_drivers
                rows.append(["Estimates as entered", f"{w.p50:.1f}", f"{w.p80:.1f}", f"{w.p95:.1f}", f"{w.buffer:.1f}"])
            self.add("### Total duration (working days)", "", *_table(["", "P50", "P80", "P95", "Buffer (P80 − P50)"], rows, "lrrrr"))
            if s.target_days is not None:
                self.add(f"Probability of finishing within {s.target_days:g} working days: **{_pct(s.probability_on_time)}**.", "")
        rows = []
        for d in buffers.drivers:
            added = buffers.contributions.get(d.id)
            rows.append([_text(d.label), _pct(d.value), _text(d.source), ", ".join(d.applies_to),
                         "not applied" if added is None else f"{added:.1f}", _text(d.citation)])
        self.add("### Uncertainty drivers", "",
                 *_table(["Driver", "Value", "Read from", "Widens", "Adds to P80 (working days)", "Study"], rows, "lrllrl"))
        self.add("### Research time-boxes", "")
        if buffers.timeboxes:
            self.add(*_table(["Exploratory task", "Time-box (working days, its own P80)"],
                             [[_cell(name), f"{days:g}"] for name, days in buffers.timeboxes], "lr"))
        else:
            self.add("No task is marked as research, so there are no time-boxes.", "")
        self.findings("effort")

    def experts(self) -> None:
        access = self.r.plan.expert_access
        self.section_intro("experts")
        if access.experts:
            rows = [[_cell(e.name or "unnamed"), _cell(e.role), *[_days(e.hours.get(p)) for p in PHASES],
                     _days(e.response_hours), "yes" if e.reachable else "no"] for e in access.experts]
            self.add(*_table(["Name", "Role", *[f"{p.capitalize()} (h/week)" for p in PHASES], "Answers within (h)", "Reachable"],
                             rows, "ll" + "r" * (len(PHASES) + 1) + "l"))
        else:
            self.add("No domain experts named yet.", "")
        path = access.escalation_path.strip()
        self.add(f"**Escalation path:** {_text(access.escalation_path) if path else 'OPEN – not agreed yet.'}", "")
        self.findings("experts")

    def data_agreement(self) -> None:
        info = self.r.catalogue.data_agreement
        values = self.r.plan.data_agreement.model_dump()
        self.section_intro("data_agreement")
        rows = []
        for field, label in info.labels.items():
            value = str(values.get(field) or "")
            shown = _cell(value) if value.strip() else ("**OPEN**" if field in info.mandatory else "–")
            rows.append([_text(label) + (" \\*" if field in info.mandatory else ""), shown])
        self.add(*_table(["Item", "Agreed"], rows), "\\* must be agreed before the first delivery.", "")
        self.findings("data_agreement")

    def monitoring(self) -> None:
        items = self.r.plan.monitoring
        self.section_intro("monitoring")
        if items:
            rows = [[_cell(m.item or "unnamed"), _days(m.effort_days_per_month),
                     "–" if m.cost_per_month is None else f"{m.cost_per_month:,.2f}",
                     _cell(m.owner) if m.owner.strip() else "**OPEN**", _cell(m.feedback_path)] for m in items]
            effort, cost = monitoring_costs(self.r.plan)
            rows.append(["**Total**", f"**{effort:g}**", "–" if cost is None else f"**{cost:,.2f}**", "", ""])
            self.add(*_table(["Item", "Effort (person-days/month)", f"Cost / month ({_cell(self.r.plan.currency)})", "Owner",
                              "Feedback path to the model team"], rows, "lrrll"))
        else:
            self.add("No monitoring is budgeted yet.", "")
        self.findings("monitoring")

    def raci(self) -> None:
        plan = self.r.plan
        self.section_intro("raci")
        self.add("R responsible · A accountable (exactly one per activity) · C consulted · I informed · A/R both.", "")
        if not plan.raci:
            self.add("The matrix is empty.", "")
        else:
            header = ["Activity"]
            for role in plan.roles:
                notes = [w for w, on in (("external", role.external), ("not staffed", role.lacks_capability)) if on]
                header.append(_cell(role.name) + (f" ({', '.join(notes)})" if notes else ""))
            rows = [[_cell(row.activity)] + [_cell(row.cells.get(role.name, "")) if row.cells.get(role.name) else ""
                                             for role in plan.roles] for row in plan.raci]
            self.add(*_table(header, rows))
        self.findings("raci")

    def qualities(self) -> None:
        self.section_intro("qualities")
        rows = []
        for q in self.r.plan.qualities:
            if q.target.strip():
                decision = _cell(q.target)
            elif q.not_needed:
                decision = _cell(f"not needed: {q.reason}" if q.reason.strip() else "not needed (no reason given)")
            else:
                decision = "**OPEN**"
            rows.append([_cell(q.name or "unnamed"), decision])
        self.add(*(_table(["Quality", "Target or decision"], rows) if rows else ["No qualities listed.", ""]))
        self.findings("qualities")

    def glossary(self) -> None:
        self.section_intro("glossary")
        rows = [[_cell(g.term), _cell(g.meaning), _cell(g.pitfall)] for g in self.r.plan.glossary]
        self.add(*(_table(["Term", "Agreed meaning", "How it gets misread"], rows) if rows else ["No terms yet.", ""]))
        self.findings("glossary")

    def workshop(self) -> None:
        agenda, decisions, parked = self.r.workshop_items()
        if not (agenda or decisions or parked):
            return
        self.add("## Kickoff workshop", "")
        if agenda:
            rows = [[str(i), _cell(a.topic), _days(a.minutes), _cell(a.citation)] for i, a in enumerate(agenda, 1)]
            rows.append(["", "**Total**", f"**{sum(a.minutes or 0 for a in agenda):g}**", ""])
            self.add("### Agenda", "", *_table(["#", "Topic", "Minutes", "Study"], rows, "rlrl"))
        self.add("### Decision log", "")
        if decisions:
            self.add(*_table(["Topic", "Decision", "Owner", "Date"],
                             [[_cell(d.topic), _cell(d.decision), _cell(d.owner), _cell(d.decided_on)] for d in decisions]))
        else:
            self.add("No decisions recorded.", "")
        self.add("### Parking lot", "")
        if parked:
            self.add(*_table(["Question", "Owner", "Due"],
                             [[_cell(x.question), _cell(x.owner) if x.owner.strip() else "**OPEN**", _cell(x.due)] for x in parked]))
        else:
            self.add("Nothing parked.", "")

    def open_points(self) -> None:
        self.add("## Open questions", "")
        findings = self.r.open_points()
        if findings:
            titles = {s.id: s.title for s in self.r.catalogue.sections}
            rows = [[f.level, _text(titles.get(f.section, f.section)), _cell(f.message), _text(f.citation), "", ""]
                    for f in findings]
            self.add(*_table(["Level", "Section", "What is open", "Study", "Owner", "Due"], rows))
        else:
            self.add("No errors, warnings or open questions in the plan.", "")
        unanswered = [q for p in self.r.assessment.points for q in p.unanswered]
        if unanswered:
            self.add(f"{len(unanswered)} questionnaire questions are not answered yet: {_text(', '.join(unanswered))}.", "")

    def sign_off(self) -> None:
        roles = [role.name for role in self.r.plan.roles if role.name.strip()] or [""]
        self.add("### Sign-off", "", *_table(["Role", "Name", "Signature", "Date"], [[_cell(r), "", "", ""] for r in roles]))

    def client_appendix(self) -> None:
        if not self.r.cards:
            return
        self.add("## For the client: what ML can and cannot promise", "")
        for fired in self.r.cards:
            card = fired.card
            because = "; ".join(self.r.content.questions[q].text for q in fired.questions if q in self.r.content.questions)
            self.add(f"### {_text(card.title)}", "", _text(card.body), "", f"**Remember:** {_text(card.takeaway)}", "",
                     f"*Because of: {_text(because)} · Study: {_text('; '.join(card.citations))}*", "")

    def appendix(self) -> None:
        self.add("## Appendix: answers", "")
        section = None
        for line in self.r.answer_lines:
            if line.section != section:
                section = line.section
                self.add(f"### {_text(section)}", "")
            self.add(f"**{_text(line.question)}**  ", _text(line.answer) + ("  " if line.citations else ""))
            if line.citations:
                self.add(f"*{_text(line.citations)}*")
            self.add("")
        if not self.r.answer_lines:
            self.add("No questions answered yet.", "")


def plan_markdown(report: PlanReport) -> str:
    """The whole kickoff plan as one Markdown document."""
    return _Writer(report).build()
