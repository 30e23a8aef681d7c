"""Monitoring: the running costs and effort after launch, with owners and feedback paths."""

from __future__ import annotations

import streamlit as st

from ...i18n import N_, Translator
from ...plan.model import MonitoringItem, Plan
from ...plan.units import monitoring_costs
from ..language import ui_translator
from ..plan_editing import on_field_change
from ..state import md
from . import columns as col
from .view import PlanView

COST_CHARS = 20  # the cost is edited as text ("1,200.50"); an amount up to the model's maximum fits
EFFORT_UNIT = N_("person-days/month")  # planner.plan.units.EFFORT_UNIT, shown translated


def editor_columns(plan: Plan) -> dict[str, dict]:
    _ = ui_translator()._
    return {"monitoring": {
        "item": col.text(MonitoringItem, "item", _("Line item"), width="medium"),
        "effort_days_per_month": col.number(MonitoringItem, "effort_days_per_month", _("Effort"), step=0.5,
                                            help=_("In {unit}").format(unit=_(EFFORT_UNIT))),
        "cost_per_month": st.column_config.TextColumn(_("Cost ({currency})").format(currency=plan.currency), max_chars=COST_CHARS,
                                                      help=_("Per month: an amount such as 1200 or 1,200.50; leave empty while unknown.")),
        "owner": st.column_config.SelectboxColumn(_("Owner"), options=[r.name for r in plan.roles] or [""]),
        "feedback_path": col.text(MonitoringItem, "feedback_path", _("Feedback path"), width="medium",
                                  help=_("How findings reach the model team"))}}


def monitoring_total(plan: Plan, t: Translator) -> str:
    """The budget's total as planner.plan.units.monitoring_total words it, in t's language (plain text)."""
    effort, cost = monitoring_costs(plan)
    spend = (t._("{amount} per month").format(amount=f"{plan.currency} {t.fixed(cost, 2, grouped=True)}")
             if cost is not None else t._("no costs entered yet"))
    return t._("Total: {effort} {unit}; {spend}.").format(effort=t.g(effort), unit=t._(EFFORT_UNIT), spend=spend)


def show(view: PlanView) -> None:
    plan, t = view.plan, ui_translator()
    _ = t._
    view.explain("monitoring")
    st.caption(_("Effort in {unit}, costs per month in {currency}.").format(unit=_(EFFORT_UNIT), currency=md(plan.currency)))
    view.table("monitoring", editor_columns(plan)["monitoring"], num_rows="dynamic")
    st.caption(md(monitoring_total(plan, t)))
    st.text_input(_("Currency of the costs"), value=plan.currency, **col.field_limits(Plan, "currency"), key="plan_currency",
                  on_change=on_field_change, args=(*view.ctx, "monitoring", ("currency",), "plan_currency"),
                  help=_("Any code or sign, e.g. EUR, USD, CHF, £. The planner's default is EUR."))
    view.findings("monitoring")
