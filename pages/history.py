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


PAGE_SIZE = 200  # entries shown at once; the rest are a page away, never cut off silently
NO_NAME = "(no name)"


def _kinds_named(labels: list[str]) -> list[str]:
    return [kind for label in labels for kind in ([k for k, shown in KINDS.items() if shown == label] or [label])]


def _authors_named(labels: list[str]) -> list[str]:
    return [author for label in labels for author in (["", NO_NAME] if label == NO_NAME else [label])]


def _read(index: int):
    return get_store().history_page(project.id, PAGE_SIZE, index * PAGE_SIZE,
                                    kinds=_kinds_named(st.session_state.get("history_what") or []) or None,
                                    authors=_authors_named(st.session_state.get("history_who") or []) or None)


def _first_page() -> None:
    st.session_state.history_page = 0


try:
    page = _read(st.session_state.get("history_page", 0))
    pages = max(1, -(-page.matching // PAGE_SIZE))
    if st.session_state.get("history_page", 0) >= pages:  # fewer entries match than before: back to the first page
        _first_page()
        page = _read(0)
except StoreError as exc:
    st.error(str(exc))
    st.stop()
if not page.total:
    st.info("No changes recorded yet.")
    st.stop()

left, right = st.columns(2)
left.multiselect("Who", sorted({a or NO_NAME for a in page.authors}), key="history_who", placeholder="Everyone",
                 on_change=_first_page)
right.multiselect("What", list(dict.fromkeys(KINDS.get(k, k) for k in page.kinds)), key="history_what",
                  placeholder="All changes", on_change=_first_page)
filtered = page.matching != page.total
if page.matching > PAGE_SIZE:
    st.selectbox("Show", list(range(pages)), key="history_page",
                 format_func=lambda i: f"entries {i * PAGE_SIZE + 1:,d}–{min((i + 1) * PAGE_SIZE, page.matching):,d}")
start = st.session_state.get("history_page", 0) * PAGE_SIZE
if not page.entries:
    st.caption(f"No change matches the filters ({page.total:,d} in all).")
    st.stop()
st.caption(f"Entries {start + 1:,d}–{start + len(page.entries):,d} of {page.matching:,d} "
           f"{'matching changes' if filtered else 'changes'} (newest first)" + (f"; {page.total:,d} in all." if filtered else "."))
rows = [{"When (UTC)": f"{e.at:%Y-%m-%d %H:%M:%S}", "Who": e.author or NO_NAME, "What": KINDS.get(e.kind, e.kind),
         "Item": _item(e), "Change": _change(e)} for e in page.entries]
st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch",
             column_config={"Item": st.column_config.TextColumn(width="large"), "Change": st.column_config.TextColumn(width="medium")})
