"""Domain experts: who knows the domain, their hours per phase, and the escalation path."""

from __future__ import annotations

import streamlit as st

from ...plan.model import PHASES, Expert, ExpertAccess
from ..plan_editing import on_field_change, show_error
from . import columns as col
from .view import PlanView


def editor_columns(plan) -> dict[str, dict]:
    hours = {p: col.number(Expert, "hours", f"h/week {p}", part="values", step=0.5) for p in PHASES}
    return {"experts": {
        "name": col.text(Expert, "name", "Name"), "role": col.text(Expert, "role", "Knows about"), **hours,
        "response_hours": col.number(Expert, "response_hours", "Answers within (h)"),
        "reachable": col.checkbox("Reachable", default=True)}}


def show(view: PlanView) -> None:
    view.explain("experts")
    view.table("experts", editor_columns(view.plan)["experts"], num_rows="dynamic")
    st.text_area("Escalation path when data questions stay unanswered", value=view.plan.expert_access.escalation_path,
                 **col.field_limits(ExpertAccess, "escalation_path"), key="plan_escalation", on_change=on_field_change,
                 args=(*view.ctx, "experts", ("expert_access", "escalation_path"), "plan_escalation"))
    show_error("experts")
    view.findings("experts")
