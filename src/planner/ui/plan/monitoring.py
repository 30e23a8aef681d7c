"""Monitoring: the running costs and effort after launch, with owners and feedback paths."""

from __future__ import annotations

import streamlit as st

from ...plan.model import MonitoringItem, Plan
from ...plan.units import EFFORT_UNIT, monitoring_total
from ..plan_editing import on_field_change
from ..state import md
from . import columns as col
from .view import PlanView

COST_CHARS = 20  # the cost is edited as text ("1,200.50"); an amount up to the model's maximum fits


def editor_columns(plan: Plan) -> dict[str, dict]:
    return {"monitoring": {
        "item": col.text(MonitoringItem, "item", "Line item", width="medium"),
        "effort_days_per_month": col.number(MonitoringItem, "effort_days_per_month", "Effort", step=0.5, help=f"In {EFFORT_UNIT}"),
        "cost_per_month": st.column_config.TextColumn(f"Cost ({plan.currency})", max_chars=COST_CHARS,
                                                      help="Per month: an amount such as 1200 or 1,200.50; leave empty while unknown."),
        "owner": st.column_config.SelectboxColumn("Owner", options=[r.name for r in plan.roles] or [""]),
        "feedback_path": col.text(MonitoringItem, "feedback_path", "Feedback path", width="medium",
                                  help="How findings reach the model team")}}


def show(view: PlanView) -> None:
    plan = view.plan
    view.explain("monitoring")
    st.caption(f"Effort in {EFFORT_UNIT}, costs per month in {md(plan.currency)}.")
    view.table("monitoring", editor_columns(plan)["monitoring"], num_rows="dynamic")
    st.caption(md(monitoring_total(plan)))
    st.text_input("Currency of the costs", value=plan.currency, **col.field_limits(Plan, "currency"), key="plan_currency",
                  on_change=on_field_change, args=(*view.ctx, "monitoring", ("currency",), "plan_currency"),
                  help="Any code or sign, e.g. EUR, USD, CHF, £. The planner's default is EUR.")
    view.findings("monitoring")
