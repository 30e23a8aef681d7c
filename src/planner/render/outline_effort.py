"""The effort section of the kickoff Document: tasks, the simulated schedule, risk drivers, research time-boxes."""

from __future__ import annotations

from ..plan.buffers import commitment, days_short
from ..plan.labels import kind_name
from .document import BulletList, Figure, Table
from .document import inline as _inline
from .outline import TORNADO_BARS, Outline, b, cols, days, h, p, tornado_bars, whole_days


def effort(o: Outline) -> None:
    r, t, _ = o.r, o.t, o.t._
    plan, buffers = r.plan, r.buffers
    unit = o.days_unit()
    o.section_intro("effort")
    o.add(h(_("Tasks ({unit})").format(unit=unit), 2, outline=False))
    if plan.tasks:
        rows = tuple((str(n), x.name or _("unnamed task"), kind_name(x.driver, t), days(x.optimistic, t), days(x.likely, t), days(x.pessimistic, t),
                      _("time-box") if x.exploratory else "") for n, x in enumerate(plan.tasks, start=1))
        o.add(_task_table(o, rows))
    else:
        o.add(p(_("No tasks yet.")))
    if buffers.row_problems:
        title = _("Rows to fix before the simulation runs") if buffers.blocked else _("Simulation notes")
        o.add(h(title, 3, outline=False), BulletList(tuple(_inline(x) for x in buffers.row_problems)))
    est = plan.estimation
    goal = buffers.summary.target_days if buffers.summary else None
    target = (_(", target {days} {unit}{source}.").format(days=t.g(goal), unit=unit, source=o.source(buffers.target_source))
              if goal is not None else _(", no target date."))
    applied = _("applied") if est.apply_drivers else _("not applied")
    o.add(p(_("Simulation: {trials} runs, each task's duration drawn between its optimistic and pessimistic estimates, risk "
              "drivers {applied}{target} The same plan always gives the same numbers.").format(
                  trials=t.integer(est.trials), applied=applied, target=target), role="note"))
    s = buffers.summary
    if s is None:
        o.add(p(_("No usable estimates, so no simulated total.")))
    else:
        _schedule(o, s)
    _drivers(o)
    o.add(h(_("Research time-boxes"), 2, outline=False))
    if buffers.go_no_go:
        o.add(Table(cols(_("Exploratory task"), (_("Time-box ({unit}, P80 of its estimate)").format(unit=unit), "number", 50),
                          (_("Chance it overruns"), "number", 34)),
                     tuple((g.task if g.task != "unnamed task" else _("unnamed task"), whole_days(g.box_days, t), t.pct(g.overrun))
                           for g in buffers.go_no_go)))
        for g in buffers.go_no_go:
            o.add(BulletList(tuple(_inline(b(f"{label}, {t.pct(share)}: "), action) for label, share, action in g.outcomes), nested=True))
    else:
        o.add(p(_("No task is marked as research, so there are no time-boxes.")))
    o.findings("effort")


def _task_table(o: Outline, rows) -> Table:
    _ = o.t._
    return Table(cols(("#", "number", 8), _("Task"), (_("Driver"), "text", 22), (_("Optimistic"), "number", 20),
                       (_("Likely"), "number", 16), (_("Pessimistic"), "number", 24), (_("Research"), "text", 22)), rows)


def _schedule(o: Outline, s) -> None:
    buffers, t, _ = o.r.buffers, o.t, o.t._
    unit = o.days_unit()
    rows = [(_("With the risk drivers"), whole_days(s.p50, t), whole_days(s.p80, t), whole_days(s.p95, t), whole_days(s.buffer, t))]
    if buffers.without_drivers is not None:
        w = buffers.without_drivers
        rows.append((_("Estimates as entered"), whole_days(w.p50, t), whole_days(w.p80, t), whole_days(w.p95, t), whole_days(w.buffer, t)))
    o.add(h(_("Total duration ({unit})").format(unit=unit), 2, outline=False),
          Table(cols("", ("P50", "number", 22), ("P80", "number", 22), ("P95", "number", 22),
                      (_("Buffer (P80 − P50)"), "number", 34)), tuple(rows)),
          p(_("P50: half of the simulated runs finish within this many working days; P80: 80 of 100 runs; P95: 95 of 100."),
            role="note"))
    dates = buffers.dates
    if dates is not None:
        o.add(p(b(_("Dates")), _(" from the start on {start}: P50 {p50}, P80 {p80}, P95 {p95}; {calendar}.").format(
            start=t.date(dates.start), p50=t.date(dates.p50), p80=t.date(dates.p80), p95=t.date(dates.p95),
            calendar=o.calendar_note())))
    goal = commitment(buffers)
    if goal is not None:
        due = "" if goal.due is None else _(", due {date}").format(date=t.date(goal.due))
        o.add(p(_("Committed delivery: {days} {unit}{due}{source}. Chance of meeting it: ").format(
                    days=t.g(goal.target_days), unit=unit, due=due, source=o.source(goal.source)),
                b(t.pct(goal.chance)), _("; P80 {p80} {unit}; buffer needed to reach 80 %: ").format(p80=whole_days(goal.p80, t), unit=unit),
                b(f"{t.g(days_short(goal.to_reach_80))} {unit}"), "."))
    o.add(Figure("duration", (buffers.totals, s), "",
                 _("Simulated total duration: P50 {p50}, P80 {p80}, P95 {p95} {unit}.").format(
                     p50=whole_days(s.p50, t), p80=whole_days(s.p80, t), p95=whole_days(s.p95, t), unit=unit)))


def _drivers(o: Outline) -> None:
    buffers, t, _ = o.r.buffers, o.t, o.t._
    unit = o.days_unit()
    rows = []
    order = {d: n for n, d in enumerate(buffers.contributions)}
    for d in sorted(buffers.drivers, key=lambda d: (order.get(d.id, len(order)), d.id)):
        added = buffers.contributions.get(d.id)
        low, likely, high = d.impact
        impact = _("×{low}–{high} (mode {likely})").format(low=t.g(low), high=t.g(high), likely=t.g(likely))
        rows.append((f"{d.label} ({d.id})", t.pct(d.value), impact, ", ".join(kind_name(k, t) for k in d.applies_to),
                     _("not applied") if added is None else t.fixed(added, 1), d.citation))
    o.add(h(_("Risk drivers"), 2, outline=False),
          p(_("Each challenge occurs in a simulated run with its likelihood and then stretches the tasks it touches by one "
              "factor drawn from its range; the ranges and the tasks are the planner's defaults."), role="note"))
    bars = tornado_bars(buffers)
    if bars:
        named = "; ".join(f"{label} +{t.fixed(added)}" for label, added in bars)
        o.add(Figure("tornado", bars, _("What each driver adds to P80: P80 with every driver minus P80 with that driver switched "
                                        "off, on the same simulated runs (the largest {count}; the table below lists every "
                                        "driver).").format(count=TORNADO_BARS),
                     _("What the risk drivers add to P80, in {unit}: {named}.").format(unit=unit, named=named)))
    o.add(Table(cols(_("Driver"), (_("Probability"), "number", 20), (_("Impact (planner's default)"), "text", 38),
                      (_("Touches"), "text", 40), (_("Adds to P80 ({unit})").format(unit=unit), "number", 24), (_("Study"), "text", 20)),
                 tuple(rows)))

