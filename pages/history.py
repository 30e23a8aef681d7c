"""History: who changed which answer or plan section, and when."""

import planner.ui.boot  # noqa: F401, I001 - first: loads the planner once per process (see its docstring)

import json

import pandas as pd
import streamlit as st

from planner.answers import fit_stored
from planner.assessment import answer_label
from planner.store import StoreError
from planner.ui.plan_editing import PLAN_SECTIONS
from planner.ui.state import ensure_app_navigation, get_store, md, project_content, require_project

ensure_app_navigation()

snapshot = require_project()
project = snapshot.project
content, _ = project_content(snapshot)

st.title(f"History · {md(project.name)}")
st.caption("Every saved change with its author and time (UTC). Give your name in the sidebar so the team can see "
           "who decided what - unclear responsibilities are one of the study's recurring problems (§7.2, I1; §8).")

try:
    entries = get_store().history(project.id)
except StoreError as exc:
    st.error(str(exc))
    st.stop()
if not entries:
    st.info("No changes recorded yet.")
    st.stop()

KINDS = {"answer": "Answer", "plan": "Plan", "import": "Import", "project": "Project", "milestone": "Milestone",
         "workshop": "Workshop", "access": "Access", "question_file": "Team question file"}


EXPECTATIONS = {q.id: q for q in content.kb.expectations}
WORKSHOP_EVENTS = {"joined": "Joined the workshop"}


def _item(entry) -> str:
    if entry.kind == "answer" and entry.target in content.questions:
        return content.questions[entry.target].text
    if entry.kind == "workshop" and entry.target in EXPECTATIONS:
        return EXPECTATIONS[entry.target].text
    if entry.kind == "workshop":
        return WORKSHOP_EVENTS.get(entry.target, entry.target)
    if entry.kind == "plan":
        return f"Plan · {PLAN_SECTIONS.get(entry.target, entry.target)}"
    return entry.target


def _change(entry) -> str:
    if entry.kind == "workshop" and entry.target in EXPECTATIONS:
        labels = {o.value: o.label for o in EXPECTATIONS[entry.target].options}
        return labels.get(entry.detail, entry.detail)
    if entry.kind != "answer" or entry.detail == "cleared" or entry.target not in content.questions:
        return entry.detail
    question = content.questions[entry.target]
    try:
        value = fit_stored(question, json.loads(entry.detail))  # an old answer may not fit the question any more
    except ValueError:
        return entry.detail
    return entry.detail if value is None else str(answer_label(question, value))


authors = sorted({e.author or "(no name)" for e in entries})
left, right = st.columns(2)
who = left.multiselect("Who", authors, key="history_who", placeholder="Everyone")
what = right.multiselect("What", [KINDS.get(k, k) for k in dict.fromkeys(e.kind for e in entries)], key="history_what",
                         placeholder="All changes")
rows = [{"When (UTC)": f"{e.at:%Y-%m-%d %H:%M:%S}", "Who": e.author or "(no name)", "What": KINDS.get(e.kind, e.kind),
         "Item": _item(e), "Change": _change(e)} for e in entries]
table = pd.DataFrame(rows)
if who:
    table = table[table["Who"].isin(who)]
if what:
    table = table[table["What"].isin(what)]
st.caption(f"{len(table)} of {len(rows)} changes (newest first).")
st.dataframe(table, hide_index=True, width="stretch",
             column_config={"Item": st.column_config.TextColumn(width="large"), "Change": st.column_config.TextColumn(width="medium")})
