"""A chart's text equivalent: the same numbers as a table, folded under the chart (WCAG 1.1.1, non-text content).

A screen reader cannot read a Vega-Lite canvas; the table says what the chart shows. Cells are data, never Markdown.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ..render.escape import escape_markdown_inline

CHART_TABLE_LABEL = "The chart as a table"


def chart_table(rows: list[dict], name: str, plain: bool = False) -> None:
    """`rows` (one dict per row, the keys as column titles) in an expander under the chart; `name` names the table
    for a screen reader (the chart's own alt says the same). Nothing without rows. `plain`: a Markdown table
    instead of the data grid, for a few rows on a page that should not wait for the grid's browser bundle."""
    if not rows:
        return
    with st.expander(CHART_TABLE_LABEL):
        if plain:
            st.markdown(markdown_table(rows))
        else:
            st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", alt=name)


def markdown_table(rows: list[dict]) -> str:
    """The rows as a Markdown table; every cell is data (escaped), the first row's keys are the column titles."""
    titles = list(rows[0])
    lines = ["| " + " | ".join(escape_markdown_inline(str(t)) for t in titles) + " |", "|" + " --- |" * len(titles)]
    lines += ["| " + " | ".join(escape_markdown_inline(str(row.get(t, ""))) for t in titles) + " |" for row in rows]
    return "\n".join(lines)


def point_rows(rows: list[dict]) -> list[dict]:
    """The Risk page's point chart (rows of title, score, low, high, level, completeness) as table rows."""
    def number(value) -> str:
        return "–" if value is None or pd.isna(value) else f"{value:.0f}"

    return [{"Collaboration point": r["title"], "Score (0-100)": number(r["score"]), "Level": r["level"],
             "Range if the open questions were answered": f"{number(r['low'])}–{number(r['high'])}",
             "Answered": f"{r['completeness']:.0%}"} for r in rows]


def divergence_rows(results, answers_text) -> list[dict]:
    """The workshop heatmap: each role's answers per question (`answers_text(question, role)` says them)."""
    return [{"Question": d.question.text, "Role": role.role, "Answers": answers_text(d.question, role)}
            for d in results for role in d.roles]
