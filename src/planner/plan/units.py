"""The plan's units, stated the same way in the app, the PDF, the Markdown and the CSV."""

from __future__ import annotations

from .model import Plan

DURATION_UNIT = "working days"  # every estimate, P50/P80/P95, buffer, target and time-box
EFFORT_UNIT = "person-days/month"  # the monitoring budget's recurring effort


def money(amount: float, currency: str) -> str:
    return f"{currency} {amount:,.2f}"


def monitoring_costs(plan: Plan) -> tuple[float, float | None]:
    """Total effort (person-days/month) and cost per month (None while no line has a cost)."""
    effort = sum(m.effort_days_per_month or 0 for m in plan.monitoring)
    costs = [m.cost_per_month for m in plan.monitoring if m.cost_per_month is not None]
    return effort, (sum(costs) if costs else None)


def monitoring_total(plan: Plan) -> str:
    effort, cost = monitoring_costs(plan)
    spend = f"{money(cost, plan.currency)} per month" if cost is not None else "no costs entered yet"
    return f"Total: {effort:g} {EFFORT_UNIT}; {spend}."
