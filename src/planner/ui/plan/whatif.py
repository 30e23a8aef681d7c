"""What-if: switch on mitigations, compare risk and schedule, adopt them into the plan."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ...plan.units import DURATION_UNIT
from functools import partial

from ...plan.whatif import adopt_levers, mitigation_tasks, planned_task, what_if
from ..plan_editing import on_plan_change, show_error
from ..state import md
from ..whatif_view import cached_lever_effects, cached_lever_schedules, show_lever_effects
from .view import PlanView


def _score(value) -> str:
    return "–" if value is None else f"{value:.0f}"


def _delta(now: float, then: float) -> str | None:
    return None if abs(now - then) < 0.05 else f"{now - then:+.1f} {DURATION_UNIT}"


def _chance(summary) -> str:
    return "–" if summary.probability_on_time is None else f"{summary.probability_on_time:.0%}"


def _schedule(result, plan) -> None:
    before, after = result.schedule_before, result.schedule_after
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(f"P80 with them · {DURATION_UNIT}", f"{after.p80:.0f}", _delta(after.p80, before.p80), delta_color="inverse")
    c2.metric(f"Buffer with them · {DURATION_UNIT}", f"{after.buffer:.0f}", _delta(after.buffer, before.buffer), delta_color="inverse")
    c3.metric(f"Their own work · {DURATION_UNIT}", f"+{result.mitigation_days:g}",
              help="The most likely days of the tasks the mitigations add (the planner's default), included in P80; work already "
                   "in the plan's tasks (added when a mitigation was adopted) is not counted again.")
    c4.metric("Chance · commitment", _chance(after),
              None if after.probability_on_time is None or before.probability_on_time is None
              or abs(after.probability_on_time - before.probability_on_time) < 0.005
              else f"{(after.probability_on_time - before.probability_on_time) * 100:+.0f} points")
    lines = [f"- {md(t.name)}: {t.optimistic:g}–{t.pessimistic:g} {DURATION_UNIT}, likely {t.likely:g} (the planner's default)"
             for t in result.added_tasks]
    planned = [task for task in (planned_task(plan, lever) for lever in result.levers) if task is not None]
    lines += [f"- {md(t.name or 'unnamed task')}: already in the plan's tasks, so in P80 now and with them" for t in planned]
    if lines:
        st.markdown("**Work the mitigations take themselves** (added as tasks in this comparison)\n" + "\n".join(lines))
    if any(lever.buffer for lever in result.levers):
        st.caption("Time-boxes and a buffer do not make the work shorter, so they leave the schedule as it is: what they "
                   f"buy is a commitment that includes the buffer — at the P80 of {after.p80:.0f} {DURATION_UNIT}, 80 of 100 "
                   "simulated runs meet it (§5.3, R4).")
    st.caption("Schedule: the same tasks and seed, plus the mitigations' own tasks; the mitigations lower the risk drivers "
               "through the answers they change (§5.3, R4; §6.2, D1).")


def show(view: PlanView) -> None:
    content, plan, report = view.content, view.plan, view.report
    st.caption("Switch on mitigations the team could commit to and compare risk and schedule with and without "
               "them. Each switch stands for answers the questionnaire would then get; adopting them records the "
               "commitment in the plan (and the PDF) and adds their own work to the plan's tasks; the answers stay as they are today. Below, each mitigation's "
               "own effect and the answers it would change; a mitigation never makes an answer riskier.")
    levers = {lever.id: lever for lever in content.kb.levers}
    if "plan_whatif" not in st.session_state:
        st.session_state.plan_whatif = [i for i in plan.adopted_levers if i in levers]
    chosen = st.pills("Mitigations", list(levers), selection_mode="multi", key="plan_whatif",
                      format_func=lambda i: levers[i].title)
    result = what_if(content, view.answers, plan, chosen, before=report.assessment, schedule_before=report.buffers.summary)
    titles = {p.id: p.title for p in content.kb.collaboration_points}
    st.table(pd.DataFrame([{"Collaboration point": titles[p.point_id], "Now": _score(p.before),
                            "With the mitigations": _score(p.after),
                            "Change": "–" if p.before is None or p.after is None else f"{p.after - p.before:+.0f}"}
                           for p in result.points]).set_index("Collaboration point"))
    if result.schedule_before is not None and result.schedule_after is not None:
        _schedule(result, plan)
    if result.levers:
        st.markdown("\n".join(f"- **{md(lever.title)}** *({md('; '.join(lever.citations))})*" for lever in result.levers))
    adopted = [i for i in plan.adopted_levers if i in levers]
    if sorted(chosen or []) != sorted(adopted):
        to_add = mitigation_tasks(content, view.answers, result.levers, plan)
        st.button("Adopt these mitigations into the plan", key="plan_whatif_adopt", type="primary",
                  help=md("Also adds their own work to the plan's tasks: " + "; ".join(t.name for t in to_add)) if to_add else None,
                  on_click=on_plan_change, args=(*view.ctx, "whatif", partial(adopt_levers, content, view.answers,
                                                                              lever_ids=chosen or [])))
    elif adopted:
        added = [task.name or "unnamed task" for task in (planned_task(plan, lever) for lever in result.levers) if task is not None]
        tasks = f" Their own work is in the plan's tasks (Effort & buffers): {md('; '.join(added))}." if added else ""
        st.success(f"{len(adopted)} mitigation(s) adopted; the PDF lists them on its summary page.{tasks}")
    show_error("whatif")
    effects = cached_lever_effects(view.project.id, content, view.answers, report.assessment)
    schedules = cached_lever_schedules(view.project.id, content, view.answers, plan, report.assessment, report.buffers.summary, effects)
    show_lever_effects(effects, titles, schedules, plan)
