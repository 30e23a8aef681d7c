"""The plan's units, stated the same way in the app, the PDF, the Markdown and the CSV."""

from __future__ import annotations

from .model import Plan

DURATION_UNIT = "working days"  # every estimate, P50/P80/P95, buffer, target and time-box
WORKING_DAYS_PER_WEEK = 5  # the questionnaire asks for weeks; the plan counts working days
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


def amount_text(amount: float | None) -> str:
    """An amount as a table shows it: empty while none is given (a number cell would say "None")."""
    return "" if amount is None else f"{amount:,.2f}"


def parse_amount(text) -> float | None:
    """"1,200.50", "1 200", "1'200" or "" (none) → float; ValueError naming what is wrong."""
    if text is None or isinstance(text, (int, float)) and not isinstance(text, bool):
        return None if text is None else float(text)
    cleaned = str(text).strip()
    for separator in (",", " ", "'", "\u00a0", "\u202f"):
        cleaned = cleaned.replace(separator, "")
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"'{str(text)[:40]}' is not an amount (write it like 1200 or 1,200.50)") from None
    if value != value or value in (float("inf"), float("-inf")) or value < 0:
        raise ValueError(f"'{str(text)[:40]}' is not an amount of 0 or more")
    return value
