"""What every plan section shows from: the project, its plan and report, and the shared bits of layout."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from ...content import Content
from ...plan import Plan
from ...plan.catalogue import Catalogue
from ...plan.report import PlanReport
from ..language import ui_translator
from ..plan_editing import TABLES, on_table_change, show_error
from ..state import md

ICONS = {"error": ":red[:material/error:]", "warning": ":orange[:material/warning:]", "open": ":blue[:material/help:]"}  # per level


@dataclass(frozen=True)
class PlanView:
    snapshot: object  # the store's ProjectSnapshot
    content: Content
    plan: Plan
    report: PlanReport
    duration_spec: dict | None
    catalogue: Catalogue

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
