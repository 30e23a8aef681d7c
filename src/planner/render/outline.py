"""PlanReport → Document: the kickoff plan's content, copy text and limits, once for every format.

The sections run cover, summary, risk, effort here and the plan's own sections in `outline_sections`.
"""

from __future__ import annotations

from collections import Counter

from .. import study
from ..plan.buffers import commitment, days_short, largest_contributions
from ..plan.calendar import CALENDAR_NOTE, date_text
from ..plan.report import PlanReport
from .document import OPEN, BulletList, Column, Document, Figure, Heading, Inline, PageBreak, Paragraph, Run, Spacer, Table, Title
from .document import inline as _inline

TOP_RISKS = 5  # challenges on the summary page
MAX_TRIGGERS = 5  # answers shown per challenge; the rest are counted
MAX_MITIGATIONS = 3  # mitigations shown per challenge
FINDINGS_SHOWN = 25  # checks per plan section; past that, the same kind of check repeats
UNANSWERED_SHOWN = 40  # question ids listed under "Open questions"
RACI_ROLES_PER_TABLE = 8  # a page-width hint: more roles print as several tables of this many roles
DAYS = "working days"
TORNADO_BARS = 8  # drivers in the sensitivity chart


def days(value) -> str:
    """Days as entered (2.5 stays 2.5)."""
    return "–" if value is None else f"{value:g}"


def whole_days(value) -> str:
    """A simulated number of days, rounded as the app shows it."""
    return "–" if value is None else f"{value:.0f}"


def pct(value) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def b(text: str) -> Run:
    return Run(text, bold=True)


def i(text: str) -> Run:
    return Run(text, italic=True)


def muted(text: str) -> Run:
    return Run(text, muted=True)


def p(*parts, role: str = "body") -> Paragraph:
    return Paragraph(_inline(*parts), role)


def h(text: str | Inline, level: int = 1, outline: bool = True) -> Heading:
    return Heading(_inline(text) if isinstance(text, str) else text, level, outline)


def cols(*specs) -> tuple[Column, ...]:
    """Columns from (label, role, width) tuples or labels."""
    return tuple(Column(s) if isinstance(s, str) else Column(*s) for s in specs)


class Outline:
    """Collects the blocks of one report; `document()` returns them as a Document."""

    def __init__(self, report: PlanReport):
        self.r = report
        self.blocks: list = []

    def add(self, *blocks) -> None:
        self.blocks.extend(blocks)

    def section_title(self, section_id: str) -> str:
        info = next((x for x in self.r.catalogue.sections if x.id == section_id), None)
        return info.title if info else section_id

    def section_intro(self, section_id: str) -> None:
        info = next((x for x in self.r.catalogue.sections if x.id == section_id), None)
        self.add(h(info.title if info else section_id))
        if info:
            self.add(p(info.explanation, role="explain"), p("Study: " + "; ".join(info.citations), role="note"))

    def findings(self, section_id: str) -> None:
        found = self.r.findings_for(section_id)
        if not found:
            return
        items = [_inline(b(f.level.upper()), f" {f.message} ", muted(f"({f.citation})")) for f in found[:FINDINGS_SHOWN]]
        if len(found) > FINDINGS_SHOWN:
            items.append(_inline(f"…and {len(found) - FINDINGS_SHOWN} more checks in this section; the Plan page lists them all."))
        self.add(h("Checks", 2, outline=False), BulletList(tuple(items)))  # under the section, never skipping a level

    def document(self) -> Document:
        from . import outline_sections as more

        for part in (self.cover, self.summary, self.risk, self.effort):
            part()
        for section in more.SECTIONS:
            section(self)
        name = " ".join(self.r.project_name.split()) or "Untitled project"
        return Document(title=f"Kickoff plan: {name}", header=name, blocks=tuple(self.blocks),
                        subject="Kickoff plan for an ML-enabled product (based on Nahar et al., ICSE 2022)")

    # -- cover, summary, risk, effort -------------------------------------------------------------------------

    def cover(self) -> None:
        r = self.r
        self.add(Spacer(30), Title("Kickoff plan", r.project_name or "Untitled project"))
        if r.project_description.strip():
            self.add(p(r.project_description, role="project"))
        participants = "\n".join(x for x in r.plan.participants if str(x).strip()) or "none recorded"
        rows = (("Date", r.date), ("Plan version", r.version), ("Participants", participants))
        self.add(Spacer(6), Table(cols(("", "key", 35), ""), rows, header=False, zebra=False), Spacer(10))
        self.add(p("Based on Nahar et al., ICSE 2022: ",
                   i("Collaboration Challenges in Building ML-Enabled Systems: Communication, Documentation, Engineering, "
                     "and Process"),
                   f", {study.LOOKUP}. Section and challenge references such as “§6.2, D3” are the paper's section numbers "
                   "and the planner's challenge IDs; the texts are the planner's own words.", role="note"), PageBreak())

    def summary(self) -> None:
        r, a = self.r, self.r.assessment
        titles = {x.id: x.title for x in r.content.kb.collaboration_points}
        self.add(h("Summary"))
        rows = []
        for point in a.points:
            score = "–" if point.score is None else f"{point.score:.0f} / 100"
            settled = point.low is None or f"{point.low:.0f}" == f"{point.high:.0f}"  # nothing open: no range
            rows.append((titles.get(point.id, point.id), score, point.level, "–" if settled else f"{point.low:.0f}–{point.high:.0f}",
                         f"{point.answered} of {point.asked} ({point.completeness * 100:.0f}%)"))
        self.add(h("Risk at the three collaboration points", 2, outline=False),
                 Table(cols("Collaboration point", ("Score", "text", 22), ("Level", "text", 20), ("Range", "text", 20),
                            ("Answered", "text", 56)), tuple(rows)),
                 p(f"{a.answered} of {a.asked} questions answered ({a.completeness * 100:.0f}%). A score is the "
                   "importance-weighted likelihood of the point's challenges; the range is what the score could become once "
                   "the open questions are answered (– when none are open).", role="note"))
        top = r.top_risks(TOP_RISKS)
        if top:
            rows = []
            for c in top:
                helps = r.content.mitigations_for.get(c.id, ())
                weight = f"{c.importance:g} × {pct(c.likelihood)} = {c.importance * c.likelihood:.2f}"
                rows.append((f"{c.id} {c.title}", weight, f"{helps[0].title} ({'; '.join(helps[0].citations)})" if helps else "–"))
            self.add(Table(cols("Biggest risks, weightiest first", ("Weight (importance × likelihood)", "number", 34),
                                ("First step", "text", 80)), tuple(rows)))
        self._adopted(titles)
        self.add(h("Schedule", 2, outline=False))
        s = r.buffers.summary
        if s is None:
            self.add(p(f"The simulation waits until the wrong estimate rows under “{self.section_title('effort')}” are fixed."
                       if r.buffers.blocked else "No usable task estimates yet, so there is no simulated duration."))
        else:
            dates = r.buffers.dates
            rows = [("Total duration, median (P50): half of the simulated runs finish within", whole_days(s.p50), dates and dates.p50),
                    ("Total duration, P80: 80 of 100 simulated runs finish within", whole_days(s.p80), dates and dates.p80),
                    ("Total duration, P95: 95 of 100 simulated runs finish within", whole_days(s.p95), dates and dates.p95),
                    ("Recommended buffer (P80 − P50)", whole_days(s.buffer), None)]
            goal = commitment(r.buffers)
            if goal is not None:
                rows += [(f"Committed delivery{self._from(goal)}", f"{goal.target_days:g}", goal.due),
                         ("Chance of meeting the committed delivery", pct(goal.chance), None),
                         ("Buffer needed to reach 80 % (P80 − committed delivery)", str(days_short(goal.to_reach_80)), None)]
            if dates is None:
                table = Table(cols("Measure", ("Working days", "number", 30)), tuple(row[:2] for row in rows))
                note = ""
            else:
                table = Table(cols("Measure", ("Working days", "number", 30), ("Date", "text", 34)),
                              tuple((*row[:2], "" if row[2] is None else date_text(row[2])) for row in rows))
                note = f"; start {date_text(dates.start)}: {CALENDAR_NOTE}"
            self.add(table, p(f"{s.trials:,} simulated runs, tasks in sequence{note}; see “{self.section_title('effort')}”.",
                              role="note"))
        counts = Counter(f.level for f in r.findings)
        rows = (("Errors (must be fixed before the kickoff is signed)", str(counts.get("error", 0))),
                ("Warnings", str(counts.get("warning", 0))), ("Open questions in the plan", str(counts.get("open", 0))),
                ("Questionnaire questions not answered yet", str(a.asked - a.answered)))
        if r.open_workshop_questions():
            rows += (("Disagreements the workshop did not settle", str(len(r.open_workshop_questions()))),)
        self.add(h("Open points", 2, outline=False), Table(cols("Open points", ("Count", "number", 30)), rows),
                 p("Every open point is listed with its section and citation under “Open questions”.", role="note"), PageBreak())

    @staticmethod
    def _from(goal) -> str:
        return f" (from {goal.source})" if goal.source and goal.source != "the plan" else ""

    def _adopted(self, titles: dict) -> None:
        adopted = self.r.adopted
        if adopted is None or not adopted.levers:
            return
        self.add(h("Mitigations adopted at the kickoff", 2, outline=False),
                 Table(cols("Mitigation", ("Study", "text", 40)), tuple((x.title, "; ".join(x.citations)) for x in adopted.levers)))
        changes = ", ".join(f"{titles.get(x.point_id, x.point_id)} {x.before:.0f} → {x.after:.0f}"
                            for x in adopted.points if x.before is not None and x.after is not None)
        if changes:
            self.add(p(f"Once they are in place, the answers would change and the risk with them: {changes}.", role="note"))

    def risk(self) -> None:
        r = self.r
        points = {x.id: x for x in r.content.kb.collaboration_points}
        self.add(h("Risk per collaboration point"),
                 p("Each challenge the study describes gets a likelihood from the answers. Below are the challenges with a "
                   "likelihood of 25% or more, the answers that raise them and what helps, with the part of the study each "
                   "rests on.", role="explain"))
        bars = tuple((points[x.id].title if x.id in points else x.id, x.score, x.low, x.high, x.level) for x in r.assessment.points)
        alt = "; ".join(f"{t}: {'no answers' if s is None else f'{s:.0f}'}" for t, s, *_ in bars)
        self.add(Figure("risk", bars, "Bars: score (0–100). Black lines: the range the score could take once open questions "
                                      "are answered. Level bands: low < 25 ≤ medium < 50 ≤ high < 75 ≤ critical.",
                        f"Score per collaboration point: {alt}."))
        for point in r.assessment.points:
            info = points.get(point.id)
            score = "no answers yet" if point.score is None else f"{point.score:.0f} / 100, {point.level}"
            self.add(h(f"{info.title if info else point.id}: {score}", 2))
            if info:
                self.add(p(info.description, " ", muted(f"({', '.join(info.citations)})")))
            if point.weakest_link:
                self.add(p(b(sentence(point.weakest_link_note())), f" (the average of its challenges is {point.mean:.0f}; the "
                           "planner's default: a point is at most one level below its most likely challenge)."))
            shown = r.likely_challenges(point)
            if not shown:
                self.add(p("No challenge at this point reaches a likelihood of 25%."))
            for c in shown:
                self._challenge(c)
        self.add(PageBreak())

    def _challenge(self, c) -> None:
        self.add(h(_inline(b(f"{c.id} {c.title}"), f" – {pct(c.likelihood)} ({c.level}) ", muted("; ".join(c.citations))), 3, False))
        triggers = sorted(c.triggers, key=lambda t: (t.kind != "floor", -c.contribution(t)))
        items = []
        for t in triggers[:MAX_TRIGGERS]:
            if t.kind == "floor":
                text = _inline(b("On its own:"), f" {t.text} → ", i(t.answer), f" → at least {pct(t.risk)} ", muted(f"({t.citation})"))
            elif t.kind == "answer":
                text = _inline(f"{t.text} → ", i(t.answer))
            else:
                text = _inline(f"Project set-up: {t.text}")
            items.append(text + _inline(" ", muted(f"(+{c.contribution(t) * 100:.0f} points)")))
        helps = [_inline(b("What helps:"), f" {m.title} ", muted(f"({'; '.join(m.citations)})"))
                 for m in self.r.content.mitigations_for.get(c.id, ())[:MAX_MITIGATIONS]]
        if items:
            self.add(BulletList(tuple(items), "trigger", nested=True))
        if len(triggers) > MAX_TRIGGERS:
            self.add(BulletList((_inline(f"and {len(triggers) - MAX_TRIGGERS} smaller triggers"),), nested=True))
        if helps:
            self.add(BulletList(tuple(helps), "helps", nested=True))

    def effort(self) -> None:
        r = self.r
        plan, buffers = r.plan, r.buffers
        self.section_intro("effort")
        self.add(h(f"Tasks ({DAYS})", 2, outline=False))
        if plan.tasks:
            rows = tuple((str(n), t.name or "unnamed task", t.driver, days(t.optimistic), days(t.likely), days(t.pessimistic),
                          "time-box" if t.exploratory else "") for n, t in enumerate(plan.tasks, start=1))
            self.add(Table(cols(("#", "number", 8), "Task", ("Driver", "text", 22), ("Optimistic", "number", 20),
                                ("Likely", "number", 16), ("Pessimistic", "number", 24), ("Research", "text", 22)), rows))
        else:
            self.add(p("No tasks yet."))
        if buffers.row_problems:
            title = "Rows to fix before the simulation runs" if buffers.blocked else "Simulation notes"
            self.add(h(title, 3, outline=False), BulletList(tuple(_inline(x) for x in buffers.row_problems)))
        est = plan.estimation
        goal = buffers.summary.target_days if buffers.summary else None
        source = f" (from {buffers.target_source})" if buffers.target_source and buffers.target_source != "the plan" else ""
        target = f", target {goal:g} {DAYS}{source}." if goal is not None else ", no target date."
        self.add(p(f"Simulation: {est.trials:,} runs, each task's duration drawn between its optimistic and pessimistic "
                   f"estimates, risk drivers {'applied' if est.apply_drivers else 'not applied'}{target} The same plan "
                   "always gives the same numbers.", role="note"))
        s = buffers.summary
        if s is None:
            self.add(p("No usable estimates, so no simulated total."))
        else:
            rows = [("With the risk drivers", whole_days(s.p50), whole_days(s.p80), whole_days(s.p95), whole_days(s.buffer))]
            if buffers.without_drivers is not None:
                w = buffers.without_drivers
                rows.append(("Estimates as entered", whole_days(w.p50), whole_days(w.p80), whole_days(w.p95), whole_days(w.buffer)))
            self.add(h(f"Total duration ({DAYS})", 2, outline=False),
                     Table(cols("", ("P50", "number", 22), ("P80", "number", 22), ("P95", "number", 22),
                                ("Buffer (P80 − P50)", "number", 34)), tuple(rows)),
                     p("P50: half of the simulated runs finish within this many working days; P80: 80 of 100 runs; P95: 95 "
                       "of 100.", role="note"))
            dates = buffers.dates
            if dates is not None:
                self.add(p(b("Dates"), f" from the start on {date_text(dates.start)}: P50 {date_text(dates.p50)}, P80 "
                           f"{date_text(dates.p80)}, P95 {date_text(dates.p95)}; {CALENDAR_NOTE}."))
            goal = commitment(buffers)
            if goal is not None:
                due = "" if goal.due is None else f", due {date_text(goal.due)}"
                self.add(p(f"Committed delivery: {goal.target_days:g} {DAYS}{due}{self._from(goal)}. Chance of meeting it: ",
                           b(pct(goal.chance)), f"; P80 {whole_days(goal.p80)} {DAYS}; buffer needed to reach 80 %: ",
                           b(f"{days_short(goal.to_reach_80)} {DAYS}"), "."))
            self.add(Figure("duration", (buffers.totals, s), "",
                            f"Simulated total duration: P50 {whole_days(s.p50)}, P80 {whole_days(s.p80)}, P95 "
                            f"{whole_days(s.p95)} {DAYS}."))
        self._drivers()
        self.add(h("Research time-boxes", 2, outline=False))
        if buffers.go_no_go:
            self.add(Table(cols("Exploratory task", (f"Time-box ({DAYS}, P80 of its estimate)", "number", 50),
                                ("Chance it overruns", "number", 34)),
                           tuple((g.task, whole_days(g.box_days), pct(g.overrun)) for g in buffers.go_no_go)))
            for g in buffers.go_no_go:
                self.add(BulletList(tuple(_inline(b(f"{label}, {pct(share)}: "), action) for label, share, action in g.outcomes),
                                    nested=True))
        else:
            self.add(p("No task is marked as research, so there are no time-boxes."))
        self.findings("effort")

    def _drivers(self) -> None:
        buffers = self.r.buffers
        rows = []
        order = {d: i for i, d in enumerate(buffers.contributions)}
        for d in sorted(buffers.drivers, key=lambda d: (order.get(d.id, len(order)), d.id)):
            added = buffers.contributions.get(d.id)
            low, likely, high = d.impact
            rows.append((f"{d.label} ({d.id})", pct(d.value), f"×{low:g}–{high:g} (mode {likely:g})", ", ".join(d.applies_to),
                         "not applied" if added is None else f"{added:.1f}", d.citation))
        self.add(h("Risk drivers", 2, outline=False),
                 p("Each challenge occurs in a simulated run with its likelihood and then stretches the tasks it touches by one "
                   "factor drawn from its range; the ranges and the tasks are the planner's defaults.", role="note"))
        bars = tornado_bars(buffers)
        if bars:
            named = "; ".join(f"{label} +{days:.0f}" for label, days in bars)
            self.add(Figure("tornado", bars, "What each driver adds to P80: P80 with every driver minus P80 with that driver "
                                             f"switched off, on the same simulated runs (the largest {TORNADO_BARS}; the table "
                                             "below lists every driver).",
                            f"What the risk drivers add to P80, in {DAYS}: {named}."))
        self.add(Table(cols("Driver", ("Probability", "number", 20), ("Impact (planner's default)", "text", 38),
                            ("Touches", "text", 40), (f"Adds to P80 ({DAYS})", "number", 24), ("Study", "text", 20)), tuple(rows)))


def tornado_bars(buffers) -> tuple[tuple[str, float], ...]:
    """The sensitivity chart's bars: (“title (ID)”, days added to P80), largest first."""
    return tuple((f"{d.label} ({d.id})", days) for d, days in largest_contributions(buffers, TORNADO_BARS))


def plan_document(report: PlanReport) -> Document:
    """The kickoff plan as a Document, for every writer."""
    return Outline(report).document()


__all__ = ["OPEN", "Outline", "plan_document"]
