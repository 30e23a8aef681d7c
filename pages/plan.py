"""Plan: buffers, expert access, data agreement, monitoring, ownership, qualities - edited and saved at once."""

import planner.ui.boot  # noqa: F401, I001 - first: loads the planner once per process (see its docstring)

import streamlit as st

from planner.i18n import catalogue_for
from planner.ui.plan.sections import SECTIONS
from planner.ui.plan.view import PlanView
from planner.ui.language import ui_language, ui_translator
from planner.ui.plan_editing import PLAN_SECTIONS, apply_pending_edits, load_plan, plan_report, show_error
from planner.ui.state import ensure_app_navigation, get_store, md, project_content, require_project

ensure_app_navigation()
_ = ui_translator()._

snapshot = require_project()
project = snapshot.project
content, content_problem = project_content(snapshot)
if apply_pending_edits(project.id, content, snapshot.answers, snapshot.plan_version):
    snapshot = get_store().snapshot(project.id)
plan = load_plan(project.id, content, snapshot.answers, snapshot.plan, snapshot.plan_version)
report, duration_spec = plan_report(snapshot, plan, str(snapshot.plan_version or "draft"), ui_language())  # findings in the app's language
view = PlanView(snapshot, content, plan, report, duration_spec, catalogue_for(ui_language()))

st.title(_("Kickoff plan · {name}").format(name=md(project.name)))
st.caption(_("Generated from your answers and the risk assessment; every change is saved at once.") + " "
           + (_("Showing defaults until the first edit.") if snapshot.plan is None
              else _("Plan version {version}.").format(version=snapshot.plan_version)))
show_error("plan")


def _label(section_id: str) -> str:
    count = sum(f.level in ("error", "warning") for f in report.findings_for(section_id))
    return _(PLAN_SECTIONS[section_id]) + (f" ({count})" if count else "")


def _keep_section() -> None:
    if st.session_state.plan_section is None:  # clicking the selected pill again would deselect it
        st.session_state.plan_section = st.session_state.get("plan_last_section", "effort")
    st.session_state.plan_last_section = st.session_state.plan_section


# Only the chosen section is rendered: a rerun after an edit stays cheap.
if st.session_state.get("plan_section") not in SECTIONS:
    st.session_state.plan_section = "effort"
current = st.segmented_control(_("Plan section"), list(SECTIONS), format_func=_label, key="plan_section",
                               on_change=_keep_section, label_visibility="collapsed") or "effort"
SECTIONS[current](view)
