"""PlanReport → Document: the kickoff plan's content, copy text and limits, once for every format.

The sections run cover, summary, risk here, effort in `outline_effort` and the plan's own sections in
`outline_sections`. Every copy text goes through the report's language (`Outline.t`, planner.i18n): `t._` for
texts, `t.g`/`t.fixed`/`t.pct`/`t.date` for numbers and dates; the English output is the planner's own words.
"""

from __future__ import annotations

from collections import Counter

from .. import study
from ..i18n import ENGLISH, N_, Translator, translator
from ..plan.buffers import commitment, days_short, largest_contributions, target_source_text
from ..plan.labels import participant_line
from ..plan.report import LIKELY, PlanReport
from .document import OPEN, BulletList, Column, Document, Figure, Heading, Inline, PageBreak, Paragraph, Run, Spacer, Table, Title
from .document import inline as _inline

TOP_RISKS = 5  # challenges on the summary page
MAX_TRIGGERS = 5  # answers shown per challenge; the rest are counted
MAX_MITIGATIONS = 3  # mitigations shown per challenge
FINDINGS_SHOWN = 25  # checks per plan section; past that, the same kind of check repeats
UNANSWERED_SHOWN = 40  # question ids listed under "Open questions"
RACI_ROLES_PER_TABLE = 8  # a page-width hint: more roles print as several tables of this many roles
DAYS = N_("working days")  # the unit of every duration
TORNADO_BARS = 8  # drivers in the sensitivity chart
LEVELS = {"low": N_("low"), "medium": N_("medium"), "high": N_("high"), "critical": N_("critical"), "unknown": N_("unknown"),
          "unlikely": N_("unlikely"), "possible": N_("possible"), "likely": N_("likely"), "very likely": N_("very likely"),
          "error": N_("error"), "warning": N_("warning"), "open": N_("open")}  # risk, challenge and check levels


def days(value, t: Translator = ENGLISH) -> str:
    """Days as entered (2.5 stays 2.5)."""
    return "–" if value is None else t.g(value)


def whole_days(value, t: Translator = ENGLISH) -> str:
    """A simulated number of days, rounded as the app shows it."""
    return "–" if value is None else t.fixed(value)


def pct(value, t: Translator = ENGLISH) -> str:
    return t.pct(value)


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
        self.t = translator(getattr(report, "language", None))
        self.open = Run(self.t._("OPEN"), bold=True, open=True)  # something the team still has to agree
        self.blocks: list = []

    def add(self, *blocks) -> None:
        self.blocks.extend(blocks)

    def level(self, word: str) -> str:
        """A risk level or a check's level in the document's language."""
        return self.t._(LEVELS[word]) if word in LEVELS else word

    def days_unit(self) -> str:
        return self.t._(DAYS)

    def section_title(self, section_id: str) -> str:
        info = next((x for x in self.r.catalogue.sections if x.id == section_id), None)
        return info.title if info else section_id

    def section_intro(self, section_id: str) -> None:
        info = next((x for x in self.r.catalogue.sections if x.id == section_id), None)
        self.add(h(info.title if info else section_id))
        if info:
            self.add(p(info.explanation, role="explain"), p(self.t._("Study: ") + "; ".join(info.citations), role="note"))

    def findings(self, section_id: str) -> None:
        _ = self.t._
        found = self.r.findings_for(section_id)
        if not found:
            return
        items = [_inline(b(self.level(f.level).upper()), f" {f.message} ", muted(f"({f.citation})")) for f in found[:FINDINGS_SHOWN]]
        if len(found) > FINDINGS_SHOWN:
            items.append(_inline(_("…and {count} more checks in this section; the Plan page lists them all.").format(
                count=len(found) - FINDINGS_SHOWN)))
        self.add(h(_("Checks"), 2, outline=False), BulletList(tuple(items)))  # under the section, never skipping a level

    def document(self) -> Document:
        from . import outline_effort, outline_sections as more

        _ = self.t._
        for part in (self.cover, self.summary, self.risk, lambda: outline_effort.effort(self)):
            part()
        for section in more.SECTIONS:
            section(self)
        name = " ".join(self.r.project_name.split()) or _("Untitled project")
        return Document(title=_("Kickoff plan: {name}").format(name=name), header=name, blocks=tuple(self.blocks),
                        subject=_("Kickoff plan for an ML-enabled product (based on Nahar et al., ICSE 2022)"), language=self.t.language)

    # -- cover, summary, risk ---------------------------------------------------------------------------------

    def cover(self) -> None:
        r, t, _ = self.r, self.t, self.t._
        self.add(Spacer(30), Title(_("Kickoff plan"), r.project_name or _("Untitled project")))
        if r.project_description.strip():
            self.add(p(r.project_description, role="project"))
        participants = "\n".join(participant_line(x, t) for x in r.plan.participants if str(x).strip()) or _("none recorded")
        version = _("draft") if r.version == "draft" else r.version
        rows = ((_("Date"), t.iso_date(r.date)), (_("Plan version"), version), (_("Participants"), participants))
        self.add(Spacer(6), Table(cols(("", "key", 35), ""), rows, header=False, zebra=False), Spacer(10))
        self.add(p(_("Based on Nahar et al., ICSE 2022: "),
                   i("Collaboration Challenges in Building ML-Enabled Systems: Communication, Documentation, Engineering, "
                     "and Process"),
                   _(", {lookup}. Section and challenge references such as “§6.2, D3” are the paper's section numbers "
                     "and the planner's challenge IDs; the texts are the planner's own words.").format(
                       lookup=study.lookup(_("(free preprint: arXiv:{arxiv})"))),
                   role="note"), PageBreak())

    def summary(self) -> None:
        r, a, t, _ = self.r, self.r.assessment, self.t, self.t._
        titles = {x.id: x.title for x in r.content.kb.collaboration_points}
        self.add(h(_("Summary")))
        rows = []
        for point in a.points:
            score = "–" if point.score is None else f"{t.fixed(point.score)} / 100"
            settled = point.low is None or f"{point.low:.0f}" == f"{point.high:.0f}"  # nothing open: no range
            answered = _("{answered} of {asked} ({share})").format(answered=point.answered, asked=point.asked,
                                                                    share=t.pct(point.completeness))
            rows.append((titles.get(point.id, point.id), score, self.level(point.level),
                         "–" if settled else f"{t.fixed(point.low)}–{t.fixed(point.high)}", answered))
        self.add(h(_("Risk at the three collaboration points"), 2, outline=False),
                 Table(cols(_("Collaboration point"), (_("Score"), "text", 22), (_("Level"), "text", 20), (_("Range"), "text", 20),
                            (_("Answered"), "text", 56)), tuple(rows)),
                 p(_("{answered} of {asked} questions answered ({share}). A score is the importance-weighted likelihood of the "
                     "point's challenges; the range is what the score could become once the open questions are answered (– when "
                     "none are open).").format(answered=a.answered, asked=a.asked, share=t.pct(a.completeness)), role="note"))
        top = r.top_risks(TOP_RISKS)
        if top:
            rows = []
            for c in top:
                helps = r.content.mitigations_for.get(c.id, ())
                weight = f"{t.g(c.importance)} × {t.pct(c.likelihood)} = {t.fixed(c.importance * c.likelihood, 2)}"
                rows.append((f"{c.id} {c.title}", weight, f"{helps[0].title} ({'; '.join(helps[0].citations)})" if helps else "–"))
            self.add(Table(cols(_("Biggest risks, weightiest first"), (_("Weight (importance × likelihood)"), "number", 34),
                                (_("First step"), "text", 80)), tuple(rows)))
        self._adopted(titles)
        self._schedule()
        counts = Counter(f.level for f in r.findings)
        rows = ((_("Errors (must be fixed before the kickoff is signed)"), str(counts.get("error", 0))),
                (_("Warnings"), str(counts.get("warning", 0))), (_("Open questions in the plan"), str(counts.get("open", 0))),
                (_("Questionnaire questions not answered yet"), str(a.asked - a.answered)))
        if r.open_workshop_questions():
            rows += ((_("Disagreements the workshop did not settle"), str(len(r.open_workshop_questions()))),)
        self.add(h(_("Open points"), 2, outline=False), Table(cols(_("Open points"), (_("Count"), "number", 30)), rows),
                 p(_("Every open point is listed with its section and citation under “Open questions”."), role="note"), PageBreak())

    def _schedule(self) -> None:
        r, t, _ = self.r, self.t, self.t._
        self.add(h(_("Schedule"), 2, outline=False))
        s = r.buffers.summary
        if s is None:
            self.add(p(_("The simulation waits until the wrong estimate rows under “{section}” are fixed.").format(
                section=self.section_title('effort')) if r.buffers.blocked
                else _("No usable task estimates yet, so there is no simulated duration.")))
            return
        dates = r.buffers.dates
        rows = [(_("Total duration, median (P50): half of the simulated runs finish within"), whole_days(s.p50, t), dates and dates.p50),
                (_("Total duration, P80: 80 of 100 simulated runs finish within"), whole_days(s.p80, t), dates and dates.p80),
                (_("Total duration, P95: 95 of 100 simulated runs finish within"), whole_days(s.p95, t), dates and dates.p95),
                (_("Recommended buffer (P80 − P50)"), whole_days(s.buffer, t), None)]
        goal = commitment(r.buffers)
        if goal is not None:
            rows += [(_("Committed delivery") + self.source(goal.source), t.g(goal.target_days), goal.due),
                     (_("Chance of meeting the committed delivery"), t.pct(goal.chance), None),
                     (_("Buffer needed to reach 80 % (P80 − committed delivery)"), t.g(days_short(goal.to_reach_80)), None)]
        if dates is None:
            table = Table(cols(_("Measure"), (_("Working days"), "number", 30)), tuple(row[:2] for row in rows))
            note = ""
        else:
            table = Table(cols(_("Measure"), (_("Working days"), "number", 30), (_("Date"), "text", 34)),
                          tuple((*row[:2], "" if row[2] is None else t.date(row[2])) for row in rows))
            note = _("; start {date}: {calendar}").format(date=t.date(dates.start), calendar=self.calendar_note())
        self.add(table, p(_("{trials} simulated runs, tasks in sequence{note}; see “{section}”.").format(
            trials=t.integer(s.trials), note=note, section=self.section_title('effort')), role="note"))

    def calendar_note(self) -> str:
        return self.t._("dates count working days (Monday to Friday) from the start date; weekends are skipped, public "
                        "holidays are not")

    def source(self, source: str) -> str:
        """" (from <where the target comes from>)", nothing when it is the plan's own."""
        where = target_source_text(source, self.t)
        return self.t._(" (from {source})").format(source=where) if where else ""

    def _adopted(self, titles: dict) -> None:
        adopted, t, _ = self.r.adopted, self.t, self.t._
        if adopted is None or not adopted.levers:
            return
        self.add(h(_("Mitigations adopted at the kickoff"), 2, outline=False),
                 Table(cols(_("Mitigation"), (_("Study"), "text", 40)), tuple((x.title, "; ".join(x.citations)) for x in adopted.levers)))
        changes = ", ".join(f"{titles.get(x.point_id, x.point_id)} {t.fixed(x.before)} → {t.fixed(x.after)}"
                            for x in adopted.points if x.before is not None and x.after is not None)
        if changes:
            self.add(p(_("Once they are in place, the answers would change and the risk with them: {changes}.").format(changes=changes),
                       role="note"))

    def risk(self) -> None:
        r, t, _ = self.r, self.t, self.t._
        points = {x.id: x for x in r.content.kb.collaboration_points}
        self.add(h(_("Risk per collaboration point")),
                 p(_("Each challenge the study describes gets a likelihood from the answers. Below are the challenges with a "
                     "likelihood of {share} or more, the answers that raise them and what helps, with the part of the study each "
                     "rests on.").format(share=t.pct(LIKELY)), role="explain"))
        bars = tuple((points[x.id].title if x.id in points else x.id, x.score, x.low, x.high, x.level) for x in r.assessment.points)
        none = _("no answers")
        alt = "; ".join(f"{title}: {none if s is None else t.fixed(s)}" for title, s, *_rest in bars)
        self.add(Figure("risk", bars, _("Bars: score (0–100). Black lines: the range the score could take once open questions "
                                        "are answered. Level bands: low < 25 ≤ medium < 50 ≤ high < 75 ≤ critical."),
                        _("Score per collaboration point: {scores}.").format(scores=alt)))
        for point in r.assessment.points:
            info = points.get(point.id)
            score = _("no answers yet") if point.score is None else f"{t.fixed(point.score)} / 100, {self.level(point.level)}"
            self.add(h(f"{info.title if info else point.id}: {score}", 2))
            if info:
                self.add(p(info.description, " ", muted(f"({', '.join(info.citations)})")))
            if point.weakest_link:
                c = next(c for c in point.challenges if c.id == point.weakest_link)
                note = _("at least {level} because {challenge} is {challenge_level}").format(
                    level=self.level(point.level), challenge=c.id, challenge_level=self.level(c.level))
                self.add(p(b(sentence(note)), _(" (the average of its challenges is {mean}; the planner's default: a point is at "
                                                "most one level below its most likely challenge).").format(mean=t.fixed(point.mean))))
            shown = r.likely_challenges(point)
            if not shown:
                self.add(p(_("No challenge at this point reaches a likelihood of 25%.")))
            for c in shown:
                self._challenge(c)
        self.add(PageBreak())

    def _challenge(self, c) -> None:
        t, _ = self.t, self.t._
        self.add(h(_inline(b(f"{c.id} {c.title}"), f" – {t.pct(c.likelihood)} ({self.level(c.level)}) ", muted("; ".join(c.citations))),
                   3, False))
        triggers = sorted(c.triggers, key=lambda x: (x.kind != "floor", -c.contribution(x)))
        items = []
        for x in triggers[:MAX_TRIGGERS]:
            if x.kind == "floor":
                text = _inline(b(_("On its own:")), f" {x.text} → ", i(x.answer), _(" → at least {share} ").format(share=t.pct(x.risk)),
                               muted(f"({x.citation})"))
            elif x.kind == "answer":
                text = _inline(f"{x.text} → ", i(x.answer))
            else:
                text = _inline(_("Project set-up: {rule}").format(rule=x.text))
            added = _("(+{points} points)").format(points=t.fixed(c.contribution(x) * 100))
            items.append(text + _inline(" ", muted(added)))
        helps = [_inline(b(_("What helps:")), f" {m.title} ", muted(f"({'; '.join(m.citations)})"))
                 for m in self.r.content.mitigations_for.get(c.id, ())[:MAX_MITIGATIONS]]
        if items:
            self.add(BulletList(tuple(items), "trigger", nested=True))
        if len(triggers) > MAX_TRIGGERS:
            self.add(BulletList((_inline(_("and {count} smaller triggers").format(count=len(triggers) - MAX_TRIGGERS)),), nested=True))
        if helps:
            self.add(BulletList(tuple(helps), "helps", nested=True))


def tornado_bars(buffers) -> tuple[tuple[str, float], ...]:
    """The sensitivity chart's bars: (“title (ID)”, days added to P80), largest first."""
    return tuple((f"{d.label} ({d.id})", days) for d, days in largest_contributions(buffers, TORNADO_BARS))


def plan_document(report: PlanReport) -> Document:
    """The kickoff plan as a Document, for every writer (in the report's language)."""
    return Outline(report).document()


__all__ = ["OPEN", "Outline", "plan_document"]
