"""What every plan section shows from: the project, its plan and report, and the shared bits of layout."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd
import streamlit as st

from ...content import Content
from ...plan import Plan
from ...plan.catalogue import Catalogue
from ...plan.report import PlanReport
from ...store import StoreError
from ..language import ui_language, ui_translator
from ..plan_editing import PLAN_SECTIONS, TABLES, load_plan, on_table_change, plan_report, show_error
from ..session import still_allowed
from ..state import get_store, md

ICONS = {"error": ":red[:material/error:]", "warning": ":orange[:material/warning:]", "open": ":blue[:material/help:]"}  # per level


@dataclass(frozen=True)
class PlanView:
    snapshot: object  # the store's ProjectSnapshot
    content: Content
    plan: Plan
    report: PlanReport
    duration_spec: dict | None
    catalogue: Catalogue
    caption_slot: object = field(default=None, compare=False)  # the page's st.empty() for plan_caption, or None

    @property
    def project(self):
        return self.snapshot.project

    @property
    def answers(self) -> dict:
        return self.snapshot.answers

    @property
    def ctx(self) -> tuple:
        """The first arguments of every edit callback."""
        return (self.project.id, self.content, self.answers)

    def explain(self, section_id: str) -> None:
        info = self.catalogue.section(section_id)
        source = ui_translator()._("Source: {citations}").format(citations=md("; ".join(info.citations)))
        st.caption(f"{md(info.explanation)}  \n*{source}*")

    def findings(self, section_id: str, skip=()) -> None:
        """The section's checks, except those in `skip` (shown elsewhere on the section)."""
        items = [f for f in self.report.findings_for(section_id) if f not in skip]
        if items:
            st.markdown("\n".join(f"- {ICONS.get(f.level, '')} {md(f.message)} *({md(f.citation)})*" for f in items))

    def table(self, section: str, columns: dict, **kwargs) -> None:
        """The editor of one plan table: its rows from the stored plan, the columns in the order of `columns`."""
        spec = TABLES[section]
        frame = pd.DataFrame(spec.rows(self.plan), columns=list(columns))
        for name, config in columns.items():  # an all-empty number column would be "object" and show a literal "None"
            if config.get("type_config", {}).get("type") == "number" and name in frame:
                frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("float64")
        st.data_editor(frame, key=spec.key, column_config=columns, on_change=on_table_change, args=(*self.ctx, section),
                       hide_index=True, width="stretch", height="content", **kwargs)  # every row visible, no inner scroll
        show_error(section)


def plan_caption(snapshot) -> str:
    """The line under the page's title: how the plan comes about, and the version shown."""
    _ = ui_translator()._
    return (_("Generated from your answers and the risk assessment; every change is saved at once.") + " "
            + (_("Showing defaults until the first edit.") if snapshot.plan is None
               else _("Plan version {version}.").format(version=snapshot.plan_version)))


def section_label(report: PlanReport, section_id: str) -> str:
    """A section's name in the page's section picker, with the number of its errors and warnings."""
    count = sum(f.level in ("error", "warning") for f in report.findings_for(section_id))
    return ui_translator()._(PLAN_SECTIONS[section_id]) + (f" ({count})" if count else "")


def _answer_versions(snapshot) -> dict:
    return {qid: version for qid, (_, version) in snapshot.versions.items()}


def reread(view: PlanView) -> PlanView | None:
    """The view with the plan as stored now (for a fragment's rerun after an edit), or None when more than the plan
    changed since the page was drawn - the project's name, its answers or question files: the page must be drawn again.
    Also None once the session's access is gone (the page's full run says so): a fragment's rerun skips app.py's check."""
    if not still_allowed():
        return None
    try:
        stored = get_store().snapshot(view.project.id)
    except StoreError:
        return None
    shown = view.snapshot
    if (stored is None or (stored.project.name, stored.project.version) != (view.project.name, view.project.version)
            or stored.question_files != shown.question_files or _answer_versions(stored) != _answer_versions(shown)):
        return None
    snapshot = replace(shown, plan=stored.plan, plan_version=stored.plan_version)
    plan = load_plan(view.project.id, view.content, snapshot.answers, snapshot.plan, snapshot.plan_version)
    report, duration_spec = plan_report(snapshot, plan, str(snapshot.plan_version or "draft"), ui_language())
    return replace(view, snapshot=snapshot, plan=plan, report=report, duration_spec=duration_spec)
