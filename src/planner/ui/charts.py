"""Altair charts for the Risk page (imported only there: altair is slow to import)."""

from __future__ import annotations

import altair as alt
import pandas as pd

LEVEL_COLOURS = {"low": "#2e7d32", "medium": "#f9a825", "high": "#ef6c00", "critical": "#c62828", "unknown": "#9e9e9e"}


def point_chart(rows: list[dict]) -> alt.LayerChart:
    """rows: title, score, low, high, level, completeness - one per collaboration point."""
    data = pd.DataFrame(rows)
    data["score_shown"] = data["score"].fillna(0)
    data["label"] = data.apply(
        lambda r: "no answers yet" if pd.isna(r["score"]) else f"{r['score']:.0f} ({r['level']})", axis=1)
    data["answered"] = (data["completeness"] * 100).round().astype(int).astype(str) + "% answered"
    y = alt.Y("title:N", sort=None, title=None, axis=alt.Axis(labelLimit=260, labelFontSize=13))
    colour = alt.Color("level:N", title="Level", legend=alt.Legend(orient="bottom"),
                       scale=alt.Scale(domain=list(LEVEL_COLOURS), range=list(LEVEL_COLOURS.values())))
    tooltip = [alt.Tooltip("title:N", title="Collaboration point"), alt.Tooltip("label:N", title="Score"),
               alt.Tooltip("low:Q", title="Range from", format=".0f"), alt.Tooltip("high:Q", title="Range to", format=".0f"),
               alt.Tooltip("answered:N", title="Completeness")]
    x = alt.X("score_shown:Q", title="Risk score (0-100); whiskers: range if open questions were answered",
              scale=alt.Scale(domain=[0, 100]))
    bars = alt.Chart(data).mark_bar(size=26, cornerRadiusEnd=3).encode(x=x, y=y, color=colour, tooltip=tooltip)
    whiskers = alt.Chart(data).mark_rule(strokeWidth=2, color="#37474f").encode(
        x="low:Q", x2="high:Q", y=y, tooltip=tooltip)
    labels = alt.Chart(data).mark_text(align="left", dx=6, dy=-12, fontSize=12, color="#263238").encode(
        x="score_shown:Q", y=y, text="label:N")
    return (bars + whiskers + labels).properties(height=alt.Step(56))


def duration_chart(totals, target_days: float | None = None) -> alt.LayerChart:
    """Cumulative probability of finishing within N days, with P50/P80/P95 rules and the target."""
    from ..plan.montecarlo import cumulative, summarise

    data = pd.DataFrame(cumulative(totals))
    s = summarise(totals)
    line = alt.Chart(data).mark_line(color="#1f5f8b", strokeWidth=2.5).encode(
        x=alt.X("days:Q", title="Total duration (days)"),
        y=alt.Y("probability:Q", title="Chance to finish within", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
        tooltip=[alt.Tooltip("days:Q", format=".0f"), alt.Tooltip("probability:Q", format=".0%")])
    marks = pd.DataFrame({"days": [s.p50, s.p80, s.p95], "label": ["P50", "P80", "P95"]})
    if target_days is not None:
        marks = pd.concat([marks, pd.DataFrame({"days": [target_days], "label": ["target"]})], ignore_index=True)
    rules = alt.Chart(marks).mark_rule(strokeDash=[4, 3], color="#555").encode(x="days:Q", tooltip=["label:N", "days:Q"])
    text = alt.Chart(marks).mark_text(align="left", dx=4, dy=-6, y=8, fontSize=11).encode(x="days:Q", text="label:N")
    return (line + rules + text).properties(height=260)
