"""Domain experts: who knows the domain, their hours per phase, and the escalation path."""

from __future__ import annotations

import streamlit as st

from ...plan.model import PHASES, Expert, ExpertAccess
from ...render.outline_sections import PHASE_NAMES
from ..language import ui_translator
from ..plan_editing import on_field_change, show_error
from . import columns as col
from .view import PlanView


def editor_columns(plan) -> dict[str, dict]:
    t = ui_translator()
    _ = t._
    phase = {p: p if t.english else _(PHASE_NAMES[p]) for p in PHASES}  # English as before: "h/week exploration"
    hours = {p: col.number(Expert, "hours", _("h/week {phase}").format(phase=phase[p]), part="values", step=0.5) for p in PHASES}
    return {"experts": {
        "name": col.text(Expert, "name", _("Name")), "role": col.text(Expert, "role", _("Knows about")), **hours,
        "response_hours": col.number(Expert, "response_hours", _("Answers within (h)")),
        "reachable": col.checkbox(_("Reachable"), default=True)}}


def show(view: PlanView) -> None:
    _ = ui_translator()._
    view.explain("experts")
    view.table("experts", editor_columns(view.plan)["experts"], num_rows="dynamic")
    st.text_area(_("Escalation path when data questions stay unanswered"), value=view.plan.expert_access.escalation_path,
                 **col.field_limits(ExpertAccess, "escalation_path"), key="plan_escalation", on_change=on_field_change,
                 args=(*view.ctx, "experts", ("expert_access", "escalation_path"), "plan_escalation"))
    show_error("experts")
    view.findings("experts")
