"""Qualities & glossary: the qualities beyond accuracy, and the words the roles must read alike."""

from __future__ import annotations

from ...plan.model import GlossaryEntry, Quality
from . import columns as col
from .view import PlanView


def editor_columns(plan) -> dict[str, dict]:
    return {
        "qualities": {"name": col.text(Quality, "name", "Quality"), "target": col.text(Quality, "target", "Target", width="large"),
                      "not_needed": col.checkbox("Not needed", default=False),
                      "reason": col.text(Quality, "reason", "Why not needed", width="medium")},
        "glossary": {"term": col.text(GlossaryEntry, "term", "Term"),
                     "meaning": col.text(GlossaryEntry, "meaning", "Agreed meaning", width="large"),
                     "pitfall": col.text(GlossaryEntry, "pitfall", "How it gets misread", width="large")},
    }


def show(view: PlanView) -> None:
    columns = editor_columns(view.plan)
    view.explain("qualities")
    view.table("qualities", columns["qualities"], num_rows="dynamic")
    view.findings("qualities")
    view.explain("glossary")
    view.table("glossary", columns["glossary"], num_rows="dynamic")
