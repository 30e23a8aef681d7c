"""A chart's text equivalent: the same numbers as a table, folded under the chart (WCAG 1.1.1, non-text content).

A screen reader cannot read a Vega-Lite canvas; the table says what the chart shows. Cells are data, never Markdown.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ..i18n import N_
from ..render.escape import escape_markdown_inline
from ..render.outline import LEVELS
from .language import ui_translator

CHART_TABLE_LABEL = N_("The chart as a table")


def chart_table(rows: list[dict], name: str, plain: bool = False) -> None:
    """`rows` (one dict per row, the keys as column titles) in an expander under the chart; `name` names the table
    for a screen reader (the chart's own alt says the same). Nothing without rows. `plain`: a Markdown table
    instead of the data grid, for a few rows on a page that should not wait for the grid's browser bundle."""
    if not rows:
        return
    with st.expander(ui_translator()._(CHART_TABLE_LABEL)):
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
    t = ui_translator()
    _ = t._

    def number(value) -> str:
        return "–" if value is None or pd.isna(value) else t.fixed(value)

    return [{_("Collaboration point"): r["title"], _("Score (0-100)"): number(r["score"]), _("Level"): _(LEVELS.get(r["level"], r["level"])),
             _("Range if the open questions were answered"): f"{number(r['low'])}–{number(r['high'])}",
             _("Answered"): t.pct(r["completeness"])} for r in rows]


def divergence_rows(results, answers_text) -> list[dict]:
    """The workshop heatmap: each role's answers per question (`answers_text(question, role)` says them)."""
    _ = ui_translator()._
    return [{_("Question"): d.question.text, _("Role"): role.role, _("Answers"): answers_text(d.question, role)}
            for d in results for role in d.roles]
