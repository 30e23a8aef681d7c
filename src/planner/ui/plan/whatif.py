"""What-if: switch on mitigations, compare risk and schedule, adopt them into the plan."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from ...i18n import Translator
from ...plan.units import DURATION_UNIT
from ...plan.whatif import adopt_levers, mitigation_tasks, planned_task, what_if
from ..language import ui_translator
from ..plan_editing import on_plan_change, show_error
from ..state import md
from ..whatif_view import cached_lever_effects, cached_lever_schedules, show_lever_effects, signed
from .view import PlanView


def _score(value, t: Translator) -> str:
    return "–" if value is None else t.fixed(value)


def _delta(now: float, then: float, t: Translator) -> str | None:
    return None if abs(now - then) < 0.05 else f"{signed(now - then, 1, t)} {t._(DURATION_UNIT)}"


def _chance(summary, t: Translator) -> str:
    return t.pct(summary.probability_on_time)


def _schedule(result, plan, t: Translator) -> None:
    _ = t._
    unit = _(DURATION_UNIT)
    before, after = result.schedule_before, result.schedule_after
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(_("P80 with them · {unit}").format(unit=unit), t.fixed(after.p80), _delta(after.p80, before.p80, t), delta_color="inverse")
    c2.metric(_("Buffer with them · {unit}").format(unit=unit), t.fixed(after.buffer), _delta(after.buffer, before.buffer, t),
              delta_color="inverse")
    c3.metric(_("Their own work · {unit}").format(unit=unit), f"+{t.g(result.mitigation_days)}",
              help=_("The most likely days of the tasks the mitigations add (the planner's default), included in P80; work already "
                     "in the plan's tasks (added when a mitigation was adopted) is not counted again."))
    c4.metric(_("Chance · commitment"), _chance(after, t),
              None if after.probability_on_time is None or before.probability_on_time is None
              or abs(after.probability_on_time - before.probability_on_time) < 0.005
              else _("{change} points").format(change=signed((after.probability_on_time - before.probability_on_time) * 100, 0, t)))
    lines = [_("- {task}: {low}–{high} {unit}, likely {likely} (the planner's default)").format(
        task=md(x.name), low=t.g(x.optimistic), high=t.g(x.pessimistic), unit=unit, likely=t.g(x.likely)) for x in result.added_tasks]
    planned = [task for task in (planned_task(plan, lever) for lever in result.levers) if task is not None]
    lines += [_("- {task}: already in the plan's tasks, so in P80 now and with them").format(task=md(x.name or _("unnamed task")))
              for x in planned]
    if lines:
        st.markdown(_("**Work the mitigations take themselves** (added as tasks in this comparison)") + "\n" + "\n".join(lines))
    if any(lever.buffer for lever in result.levers):
        st.caption(_("Time-boxes and a buffer do not make the work shorter, so they leave the schedule as it is: what they "
                     "buy is a commitment that includes the buffer — at the P80 of {p80} {unit}, 80 of 100 "
                     "simulated runs meet it (§5.3, R4).").format(p80=t.fixed(after.p80), unit=unit))
    st.caption(_("Schedule: the same tasks and seed, plus the mitigations' own tasks; the mitigations lower the risk drivers "
                 "through the answers they change (§5.3, R4; §6.2, D1)."))


def _points_table(result, titles: dict, t: Translator) -> None:
    _ = t._
    point, now, after, change = _("Collaboration point"), _("Now"), _("With the mitigations"), _("Change")
    st.table(pd.DataFrame([{point: titles[p.point_id], now: _score(p.before, t), after: _score(p.after, t),
                            change: "–" if p.before is None or p.after is None else signed(p.after - p.before, 0, t)}
                           for p in result.points]).set_index(point))


def show(view: PlanView) -> None:
    content, plan, report, t = view.content, view.plan, view.report, ui_translator()
    _ = t._
    st.caption(_("Switch on mitigations the team could commit to and compare risk and schedule with and without "
                 "them. Each switch stands for answers the questionnaire would then get; adopting them records the "
                 "commitment in the plan (and the PDF) and adds their own work to the plan's tasks; the answers stay as they are "
                 "today. Below, each mitigation's own effect and the answers it would change; a mitigation never makes an answer "
                 "riskier."))
    levers = {lever.id: lever for lever in content.kb.levers}
    if "plan_whatif" not in st.session_state:
        st.session_state.plan_whatif = [i for i in plan.adopted_levers if i in levers]
    chosen = st.pills(_("Mitigations"), list(levers), selection_mode="multi", key="plan_whatif",
                      format_func=lambda i: levers[i].title)
    result = what_if(content, view.answers, plan, chosen, before=report.assessment, schedule_before=report.buffers.summary)
    titles = {p.id: p.title for p in content.kb.collaboration_points}
    _points_table(result, titles, t)
    if result.schedule_before is not None and result.schedule_after is not None:
        _schedule(result, plan, t)
    if result.levers:
        st.markdown("\n".join(f"- **{md(lever.title)}** *({md('; '.join(lever.citations))})*" for lever in result.levers))
    adopted = [i for i in plan.adopted_levers if i in levers]
    if sorted(chosen or []) != sorted(adopted):
        to_add = mitigation_tasks(content, view.answers, result.levers, plan)
        st.button(_("Adopt these mitigations into the plan"), key="plan_whatif_adopt", type="primary",
                  help=_("Also adds their own work to the plan's tasks: {tasks}").format(tasks=md("; ".join(x.name for x in to_add)))
                  if to_add else None,
                  on_click=on_plan_change, args=(*view.ctx, "whatif", partial(adopt_levers, content, view.answers,
                                                                              lever_ids=chosen or [])))
    elif adopted:
        added = [task.name or _("unnamed task") for task in (planned_task(plan, lever) for lever in result.levers) if task is not None]
        tasks = (" " + _("Their own work is in the plan's tasks (Effort & buffers): {tasks}.").format(tasks=md("; ".join(added)))
                 if added else "")
        st.success(_("{count} mitigation(s) adopted; the PDF lists them on its summary page.").format(count=len(adopted)) + tasks)
    show_error("whatif")
    effects = cached_lever_effects(view.project.id, content, view.answers, report.assessment)
    schedules = cached_lever_schedules(view.project.id, content, view.answers, plan, report.assessment, report.buffers.summary, effects)
    show_lever_effects(effects, titles, schedules, plan)
