"""Effort & buffers: task estimates, the simulation's settings and what widens the estimate."""

from __future__ import annotations

import streamlit as st

from ...plan.buffers import delivery_target
from ...plan.model import Estimation, Task
from ...plan.montecarlo import MAX_DAYS
from ...plan.units import DURATION_UNIT, WORKING_DAYS_PER_WEEK
from ..plan_editing import on_field_change, show_error
from ..state import md
from . import columns as col
from .view import PlanView


def editor_columns(plan) -> dict[str, dict]:
    days = {"min_value": 0.0, "max_value": MAX_DAYS, "step": 0.5, "help": f"In {DURATION_UNIT}"}  # checked per row by montecarlo
    return {"tasks": {
        "name": col.text(Task, "name", "Task", width="medium"),
        "driver": col.choice(Task, "driver", "Uncertainty", required=True, default="none"),
        "optimistic": st.column_config.NumberColumn("Optimistic", **days),
        "likely": st.column_config.NumberColumn("Most likely", **days),
        "pessimistic": st.column_config.NumberColumn("Pessimistic", **days),
        "exploratory": col.checkbox("Research", default=False, help="Research work that gets a time-box")}}


def _settings(view: PlanView) -> None:
    est = view.plan.estimation

    def field(name: str, key: str) -> dict:
        return {"key": key, "on_change": on_field_change, "args": (*view.ctx, "effort", ("estimation", name), key)}

    c1, c2, c3, c4 = st.columns(4)
    derived, _ = delivery_target(view.plan, view.answers)
    c1.number_input(f"Target ({DURATION_UNIT} from start)", **col.field_limits(Estimation, "target_days"), value=est.target_days,
                    step=1.0, placeholder="none" if derived is None else f"{derived:g} (questionnaire)",
                    help=md(f"Empty: the questionnaire's weeks to the committed delivery × {WORKING_DAYS_PER_WEEK}"),
                    **field("target_days", "plan_target"))
    options = col.field_limits(Estimation, "distribution")["options"]
    c2.selectbox("Distribution", options, index=options.index(est.distribution), **field("distribution", "plan_distribution"))
    c3.number_input("Trials", **col.field_limits(Estimation, "trials"), value=est.trials, step=1000, **field("trials", "plan_trials"))
    c4.number_input("Seed", **col.field_limits(Estimation, "seed"), value=est.seed, step=1, **field("seed", "plan_seed"))
    st.toggle("Stretch the tasks by the assessed challenges (risk drivers)", value=est.apply_drivers,
              **field("apply_drivers", "plan_drivers"))


def _simulation(view: PlanView) -> None:
    result = view.report.buffers
    for problem in result.row_problems:
        (st.error if result.blocked else st.warning)(f"{'Fix before the simulation runs' if result.blocked else 'Note'}: {md(problem)}")
    if result.blocked:
        return
    if result.summary is None:
        st.info("Add at least one task with optimistic, most likely and pessimistic days.")
        return
    s = result.summary
    m1, m2, m3, m4, m5 = st.columns(5)
    # the unit in the label, not in the value: "214 working days" is cut to "214 wo…" in a fifth of the page
    m1.metric(f"P50 · {DURATION_UNIT}", f"{s.p50:.0f}", help="Half of the simulated runs finish within this many working days.")
    m2.metric(f"P80 · {DURATION_UNIT}", f"{s.p80:.0f}", help="80 of 100 simulated runs finish within this many working days.")
    m3.metric(f"P95 · {DURATION_UNIT}", f"{s.p95:.0f}", help="95 of 100 simulated runs finish within this many working days.")
    m4.metric(f"Buffer · {DURATION_UNIT}", f"{s.buffer:.0f}", help="P80 − P50: what to add to a median plan to finish "
                                                                    "in 80 of 100 runs.")
    m5.metric("Chance to meet target", "–" if s.probability_on_time is None else f"{s.probability_on_time:.0%}")
    st.vega_lite_chart(view.duration_spec, width="stretch")
    by_id = {d.id: d for d in result.drivers}
    lines = [f"- **{md(cid)} {md(by_id[cid].label)}** ({by_id[cid].value:.0%} likely): +{days:.0f} {DURATION_UNIT} at P80 "
             f"*({md(by_id[cid].citation)})*" for cid, days in result.contributions.items() if days >= 0.5]
    if not view.plan.estimation.apply_drivers:
        lines = ["- Risk drivers are switched off."]
    st.markdown("**What the risks add to P80** (impact ranges: the planner's defaults)\n" + "\n".join(lines or ["- Nothing measurable."]))
    for g in result.go_no_go:
        st.markdown(f"**Research time-box: {md(g.task)}** — stop, show results and decide after {g.box_days:.0f} {DURATION_UNIT} "
                    f"({g.overrun:.0%} chance it overruns):\n" + "\n".join(f"- **{md(label)}**, {p:.0%}: {md(action)}" for label, p, action in g.outcomes))


def show(view: PlanView) -> None:
    view.explain("effort")
    st.caption(f"Estimates in {DURATION_UNIT}.")  # the unit once above the table: long headers would not fit at 1280 px
    view.table("tasks", editor_columns(view.plan)["tasks"], num_rows="dynamic")
    _settings(view)
    show_error("effort")
    _simulation(view)
    view.findings("effort")
