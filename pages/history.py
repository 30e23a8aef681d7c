"""History: who changed which answer or plan section, and when."""

import planner.ui.boot  # noqa: F401, I001 - first: loads the planner once per process (see its docstring)

import json

import pandas as pd
import streamlit as st

from planner.answers import fit_stored
from planner.assessment import answer_label
from planner.i18n import N_
from planner.store import StoreError
from planner.ui.language import ui_translator
from planner.ui.plan_editing import PLAN_SECTIONS
from planner.ui.state import ensure_app_navigation, get_store, md, project_content, require_project

ensure_app_navigation()
t = ui_translator()
_ = t._

snapshot = require_project()
project = snapshot.project
content, __ = project_content(snapshot)

st.title(_("History · {name}").format(name=md(project.name)))
st.caption(_("Every saved change with its author and time (UTC). Give your name in the sidebar so the team can see "
             "who decided what - unclear responsibilities are one of the study's recurring problems (§7.2, I1; §8)."))

KINDS = {"answer": N_("Answer"), "plan": N_("Plan"), "import": N_("Import"), "project": N_("Project"), "milestone": N_("Milestone"),
         "workshop": N_("Workshop"), "access": N_("Access"), "question_file": N_("Team question file")}  # translated where shown


EXPECTATIONS = {q.id: q for q in content.kb.expectations}
WORKSHOP_EVENTS = {"joined": N_("Joined the workshop")}


def _kind(kind: str) -> str:
    return _(KINDS[kind]) if kind in KINDS else kind


def _item(entry) -> str:
    if entry.kind == "answer" and entry.target in content.questions:
        return content.questions[entry.target].text
    if entry.kind == "workshop" and entry.target in EXPECTATIONS:
        return EXPECTATIONS[entry.target].text
    if entry.kind == "workshop":
        return _(WORKSHOP_EVENTS[entry.target]) if entry.target in WORKSHOP_EVENTS else entry.target
    if entry.kind == "plan":
        return _("Plan · {section}").format(section=_(PLAN_SECTIONS.get(entry.target, entry.target)))
    return entry.target


def _change(entry) -> str:
    if entry.kind == "workshop" and entry.target in EXPECTATIONS:
        labels = {o.value: o.label for o in EXPECTATIONS[entry.target].options}
        return labels.get(entry.detail, entry.detail)
    if entry.kind == "answer" and entry.detail == "cleared":
        return _("cleared")
    if entry.kind != "answer" or entry.target not in content.questions:
        return entry.detail
    question = content.questions[entry.target]
    try:
        value = fit_stored(question, json.loads(entry.detail))  # an old answer may not fit the question any more
    except ValueError:
        return entry.detail
    return entry.detail if value is None else str(answer_label(question, value))


PAGE_SIZE = 200  # entries shown at once; the rest are a page away, never cut off silently
NO_NAME = _("(no name)")


def _kinds_named(labels: list[str]) -> list[str]:
    return [kind for label in labels for kind in ([k for k in KINDS if _kind(k) == label] or [label])]


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
    st.info(_("No changes recorded yet."))
    st.stop()

left, right = st.columns(2)
left.multiselect(_("Who"), sorted({a or NO_NAME for a in page.authors}), key="history_who", placeholder=_("Everyone"),
                 on_change=_first_page)
right.multiselect(_("What"), list(dict.fromkeys(_kind(k) for k in page.kinds)), key="history_what",
                  placeholder=_("All changes"), on_change=_first_page)
filtered = page.matching != page.total
if page.matching > PAGE_SIZE:
    st.selectbox(_("Show"), list(range(pages)), key="history_page",
                 format_func=lambda i: _("entries {first}–{last}").format(first=t.integer(i * PAGE_SIZE + 1),
                                                                          last=t.integer(min((i + 1) * PAGE_SIZE, page.matching))))
start = st.session_state.get("history_page", 0) * PAGE_SIZE
if not page.entries:
    st.caption(_("No change matches the filters ({total} in all).").format(total=t.integer(page.total)))
    st.stop()
shown_range = (_("Entries {first}–{last} of {count} matching changes (newest first); {total} in all.") if filtered else
               _("Entries {first}–{last} of {count} changes (newest first)."))
st.caption(shown_range.format(first=t.integer(start + 1), last=t.integer(start + len(page.entries)), count=t.integer(page.matching),
                              total=t.integer(page.total)))
WHEN, WHO, WHAT, ITEM, CHANGE = _("When (UTC)"), _("Who"), _("What"), _("Item"), _("Change")
rows = [{WHEN: f"{e.at:%Y-%m-%d %H:%M:%S}", WHO: e.author or NO_NAME, WHAT: _kind(e.kind), ITEM: _item(e), CHANGE: _change(e)}
        for e in page.entries]
st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch",
             column_config={ITEM: st.column_config.TextColumn(width="large"), CHANGE: st.column_config.TextColumn(width="medium")})
