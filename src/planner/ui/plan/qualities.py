"""Qualities & glossary: the qualities beyond accuracy, and the words the roles must read alike."""

from __future__ import annotations

from ...plan.model import GlossaryEntry, Quality
from ..language import ui_translator
from . import columns as col
from .view import PlanView


def editor_columns(plan) -> dict[str, dict]:
    _ = ui_translator()._
    return {
        "qualities": {"name": col.text(Quality, "name", _("Quality")), "target": col.text(Quality, "target", _("Target"), width="large"),
                      "not_needed": col.checkbox(_("Not needed"), default=False),
                      "reason": col.text(Quality, "reason", _("Why not needed"), width="medium")},
        "glossary": {"term": col.text(GlossaryEntry, "term", _("Term")),
                     "meaning": col.text(GlossaryEntry, "meaning", _("Agreed meaning"), width="large"),
                     "pitfall": col.text(GlossaryEntry, "pitfall", _("How it gets misread"), width="large")},
    }


def show(view: PlanView) -> None:
    columns = editor_columns(view.plan)
    view.explain("qualities")
    view.table("qualities", columns["qualities"], num_rows="dynamic")
    view.findings("qualities")
    view.explain("glossary")
    view.table("glossary", columns["glossary"], num_rows="dynamic")
