"""Questionnaire: one section at a time, every change saved at once."""

import streamlit as st

from planner.answers import all_questions, is_visible, progress
from planner.content import check_question_file
from planner.errors import InputError
from planner.explainers import cards_for_question, fired_cards
from planner.filenames import safe_filename
from planner.ui.question_widgets import render_question, sync_widget
from planner.ui.scroll import scroll_to_heading
from planner.ui.state import (
    current_author,
    ensure_app_navigation,
    flash,
    get_store,
    md,
    open_project,
    project_content,
    require_project,
    show_flash,
    show_problems,
)

ensure_app_navigation()

snapshot = require_project()
project = snapshot.project
content, content_problem = project_content(snapshot)
stored = snapshot.versions
answers = snapshot.answers

sections = content.sections
titles = [s.section.title for s in sections]
section_ids = [s.section.id for s in sections]
if "quest_section" not in st.session_state and st.query_params.get("section") in section_ids:
    st.session_state.quest_section = section_ids.index(st.query_params["section"])  # a refresh keeps the section
index = min(st.session_state.get("quest_section", 0), len(sections) - 1)

st.title(f"Questionnaire · {md(project.name)}")
show_flash()
if content_problem:
    st.warning(f"A team question file could not be used and is ignored: {md(content_problem)}")

overall = progress(all_questions(content), answers)
st.progress(overall.share, text=f"{overall.answered} of {overall.asked} questions answered · saved automatically")


def _section_label(i: int) -> str:
    counts = progress(sections[i].questions, answers)
    return f"{titles[i]} ({counts.answered}/{counts.asked})"


def _go(i: int) -> None:
    st.session_state.quest_section = i
    st.session_state.quest_nav = i
    st.session_state.quest_moves = st.session_state.get("quest_moves", 0) + 1  # the next run scrolls to the heading


def _picked() -> None:
    picked = st.session_state.quest_nav
    if picked is None:  # clicking the selected pill again deselects it: keep the section
        st.session_state.quest_nav = st.session_state.get("quest_section", 0)
    else:
        st.session_state.quest_section = picked
        st.session_state.quest_moves = st.session_state.get("quest_moves", 0) + 1


if st.session_state.get("quest_nav") not in range(len(sections)):  # e.g. a team section was removed
    st.session_state.quest_nav = index
    st.session_state.quest_section = index
st.segmented_control("Section", list(range(len(sections))), format_func=_section_label, key="quest_nav",
                     on_change=_picked, label_visibility="collapsed")

current = sections[index]
if st.query_params.get("section") != current.section.id:
    st.query_params["section"] = current.section.id
st.subheader(md(current.section.title))
scroll_to_heading(current.section.title, st.session_state.get("quest_moves", 0), key="quest_scroll")
st.caption(f"{md(current.section.intro)}  \n*Source: {md('; '.join(current.section.citations))}*")

shown = [q for q in current.questions if is_visible(q, answers)]
cards = fired_cards(content, answers)
cards_shown: set[str] = set()  # each card once per section, under the first answer that triggers it
for number, question in enumerate(shown, start=1):
    value, version = stored.get(question.id, (None, 0))
    sync_widget(question, value, version)
    with st.container(border=True):
        render_question(project.id, question, number, answered=question.id in answers)
        for card in (c for c in cards_for_question(cards, question.id) if c.id not in cards_shown):
            cards_shown.add(card.id)
            st.info(f"**{md(card.title)}** — {md(card.takeaway)} *({md('; '.join(card.citations))})*  \n"
                    "The Learn page explains it in plain words for clients and managers.", icon=":material/school:")
hidden = len(current.questions) - len(shown)
if hidden:
    st.caption(f"{hidden} follow-up question(s) in this section apply only to other set-ups and are skipped.")

back, _, forward = st.columns([1, 4, 1])
back.button("← Back", disabled=index == 0, on_click=_go, args=(index - 1,), key="quest_back", width="stretch")
if index < len(sections) - 1:
    forward.button("Next →", on_click=_go, args=(index + 1,), key="quest_next", type="primary", width="stretch")
elif forward.button("See the risk →", key="quest_to_risk", type="primary", width="stretch"):
    open_project(project.id, "risk")

with st.expander("Add your own questions (team question file)"):
    st.markdown("Teams can add a YAML file with their own section of questions; it must follow "
                "`docs/content-format.md` and is checked exactly like the built-in content. It is stored with "
                "this project and travels with its export.")
    for name, _ in snapshot.question_files:
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.text(name)
        if right.button("Remove", key=f"quest_custom_remove_{name}"):
            get_store().remove_question_file(project.id, name, author=current_author())
            st.rerun()
    upload = st.file_uploader("Question file (.yaml)", type=["yaml", "yml"], key="quest_custom_upload")
    if upload is not None and st.button("Check and add", key="quest_custom_add"):
        name = safe_filename(upload.name.rsplit(".", 1)[0], "yaml")
        others = tuple((n, t.encode("utf-8")) for n, t in snapshot.question_files if n != name)
        try:
            check_question_file(upload.getvalue(), name, others)
        except InputError as exc:
            show_problems(exc.problems, f"{name} was not added:")
        else:
            get_store().save_question_file(project.id, name, upload.getvalue().decode("utf-8-sig"), author=current_author())
            flash("success", f"Added {md(name)} - its questions appear as a new section.")
            st.rerun()
