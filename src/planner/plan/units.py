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


def amount_text(amount: float | None, language: str = "en") -> str:
    """An amount as a table shows it: empty while none is given (a number cell would say "None");
    "1,200.50" in English, "1.200,50" in German."""
    if amount is None:
        return ""
    text = f"{amount:,.2f}"
    return text.translate(str.maketrans(",.", ".,")) if language == "de" else text


_DECIMAL = {"de": ","}  # the decimal separator of a language (else "."); the other of "," and "." groups thousands


def _plain_number(cleaned: str, language: str) -> str:
    """The digits with "." as the decimal point. Both separators: the last is the decimal one. One kind only: it groups
    thousands when every group after it has three digits and it is the language's grouping sign (or appears more than
    once), else it is the decimal point ("12,5" and "12.5" are 12.5 in either language; "1,200" is 1200 in English and
    1.2 in German, as each writes it)."""
    decimal = _DECIMAL.get(language, ".")
    group = "." if decimal == "," else ","
    if "," in cleaned and "." in cleaned:
        last = max(cleaned.rfind(","), cleaned.rfind("."))
        whole, fraction = cleaned[:last], cleaned[last + 1:]
        return whole.replace(",", "").replace(".", "") + "." + fraction
    for sign in (",", "."):
        parts = cleaned.split(sign)
        if len(parts) == 1:
            continue
        thousands = all(len(p) == 3 for p in parts[1:]) and parts[0] != ""
        if thousands and (sign == group or len(parts) > 2):
            return "".join(parts)
        if len(parts) == 2:
            return parts[0] + "." + parts[1]
        return cleaned  # e.g. "1.2.3": refused below
    return cleaned


def parse_amount(text, language: str = "en") -> float | None:
    """"1,200.50" / "1.200,50" (German), "1 200", "1'200", "12,5" or "" (none) → float; ValueError naming what is wrong."""
    if text is None or isinstance(text, (int, float)) and not isinstance(text, bool):
        return None if text is None else float(text)
    cleaned = str(text).strip()
    for separator in (" ", "'", "\u00a0", "\u202f"):
        cleaned = cleaned.replace(separator, "")
    if not cleaned:
        return None
    example = "1200 or 1.200,50" if language == "de" else "1200 or 1,200.50"
    try:
        value = float(_plain_number(cleaned, language))
    except ValueError:
        raise ValueError(f"'{str(text)[:40]}' is not an amount (write it like {example})") from None
    if value != value or value in (float("inf"), float("-inf")) or value < 0:
        raise ValueError(f"'{str(text)[:40]}' is not an amount of 0 or more")
    return value
