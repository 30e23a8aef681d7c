"""Questionnaire: one section at a time, every change saved at once."""

import planner.ui.boot  # noqa: F401, I001 - first: loads the planner once per process (see its docstring)

import streamlit as st

from planner.answers import all_questions, is_visible, misfit_answers, progress, question_parts
from planner.content import check_question_file
from planner.errors import InputError
from planner.explainers import cards_for_question, fired_cards, trigger_questions
from planner.filenames import team_file_name
from planner.store import StoreError
from planner.ui.language import ui_translator
from planner.ui.question_widgets import show_question, sync_widget
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
t = ui_translator()
_ = t._


def _check_and_add(name: str, raw: bytes, confirmed: list[str]) -> None:
    """Check a team file against the content and the saved answers; add it when no answer is lost, or when the
    user confirmed clearing exactly the answers that no longer fit (`confirmed`), else ask first."""
    others = tuple((n, t.encode("utf-8")) for n, t in snapshot.question_files if n != name)
    try:
        new_content = check_question_file(raw, name, others)
        misfits = misfit_answers(new_content, get_store().load_answers(project.id))
    except InputError as exc:
        show_problems(exc.problems, _("{name} was not added:").format(name=name))
        return
    except StoreError as exc:
        st.error(_("{name} was not added: {problem}").format(name=md(name), problem=md(str(exc))))
        return
    text = raw.decode("utf-8-sig")
    clear = [m.question_id for m in misfits]
    if not set(clear) <= set(confirmed):  # new misfits (first check, or answers changed since): list them, ask
        st.session_state.quest_custom_pending = {"project": project.id, "name": name, "text": text, "clear": clear,
                                                 "misfits": [str(m) for m in misfits]}
        if confirmed:
            st.session_state.pop("quest_custom_confirm", None)
            flash("info", _("The saved answers changed in the meantime; check the list again."))
            st.rerun()
        return
    try:
        if clear:
            get_store().save_question_file_and_clear(project.id, name, text, clear, author=current_author(),
                                                     reason=f"does not fit the question in {name}")  # stored as written
        else:
            get_store().save_question_file(project.id, name, text, author=current_author())
    except StoreError as exc:
        st.error(_("{name} was not added: {problem}").format(name=md(name), problem=md(str(exc))))
        return
    st.session_state.pop("quest_custom_pending", None)
    st.session_state.pop("quest_custom_confirm", None)
    cleared = " " + _("{count} answer(s) that did not fit were cleared.").format(count=t.integer(len(clear))) if clear else ""
    flash("success", _("Added {name} - its questions appear as a new section.").format(name=md(name)) + cleared)
    st.rerun()


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

st.title(_("Questionnaire · {name}").format(name=md(project.name)))
show_flash()
if content_problem:
    st.warning(_("A team question file could not be used and is ignored: {problem}").format(problem=md(content_problem)))
if st.session_state.get("project_misfits"):
    st.warning(_("These saved answers do not fit their question any more (a team question file changed) and count as "
                 "unanswered until answered again:") + "\n\n" + "\n".join(f"- {md(str(m))}" for m in st.session_state.project_misfits))

overall = progress(all_questions(content), answers)
st.progress(overall.share, text=_("{answered} of {asked} questions answered · saved automatically").format(
    answered=overall.answered, asked=overall.asked))


def _section_label(i: int) -> str:
    counts = progress(sections[i].questions, answers)
    return f"{titles[i]} ({counts.answered}/{counts.asked})"


def _go(i: int, part: int = 0) -> None:
    st.session_state.quest_section = i
    st.session_state.quest_nav = i
    st.session_state.quest_part = part
    st.session_state.quest_moves = st.session_state.get("quest_moves", 0) + 1  # the next run scrolls to the heading


def _picked() -> None:
    picked = st.session_state.quest_nav
    if picked is None:  # clicking the selected pill again deselects it: keep the section
        st.session_state.quest_nav = st.session_state.get("quest_section", 0)
    else:
        st.session_state.quest_section = picked
        st.session_state.quest_part = 0
        st.session_state.quest_moves = st.session_state.get("quest_moves", 0) + 1


def _part_picked() -> None:
    picked = st.session_state.quest_part_nav
    if picked is None:  # deselecting keeps the part
        st.session_state.quest_part_nav = st.session_state.get("quest_part", 0)
    else:
        st.session_state.quest_part = picked
        st.session_state.quest_moves = st.session_state.get("quest_moves", 0) + 1


if st.session_state.get("quest_nav") not in range(len(sections)):  # e.g. a team section was removed
    st.session_state.quest_nav = index
    st.session_state.quest_section = index
st.segmented_control(_("Section"), list(range(len(sections))), format_func=_section_label, key="quest_nav",
                     on_change=_picked, label_visibility="collapsed")

current = sections[index]
if st.query_params.get("section") != current.section.id:
    st.query_params["section"] = current.section.id
st.header(md(current.section.title))
scroll_to_heading(current.section.title, st.session_state.get("quest_moves", 0), key="quest_scroll")
st.caption(f"{md(current.section.intro)}  \n*" + _("Source: {sources}").format(sources=md("; ".join(current.section.citations))) + "*")

shown = [q for q in current.questions if is_visible(q, answers)]
parts = question_parts(len(shown))  # a long (team) section one part at a time: each answer redraws the whole page
part = min(st.session_state.get("quest_part", 0), len(parts) - 1)
if len(parts) > 1:
    st.session_state.quest_part_nav = part
    st.segmented_control(_("Questions of this section ({count}, in {parts} parts)").format(count=len(shown), parts=len(parts)),
                         list(range(len(parts))),
                         format_func=lambda i: f"{parts[i].start + 1}–{parts[i].stop}", key="quest_part_nav",
                         on_change=_part_picked)
cards = fired_cards(content, answers)
cards_shown: set[str] = set()  # each card once per section, under the first answer that triggers it
triggers = trigger_questions(content)  # their answers rerun the page; any other question is a fragment
for number, question in ((parts[part].start + i + 1, q) for i, q in enumerate(shown[parts[part].start:parts[part].stop])):
    value, version = stored.get(question.id, (None, 0))
    sync_widget(question, value, version)  # full runs only: a fragment rerun keeps this run's arguments
    with st.container(border=True):
        show_question(project.id, question, number, answered=question.id in answers, trigger=question.id in triggers)
        for card in (c for c in cards_for_question(cards, question.id) if c.id not in cards_shown):
            cards_shown.add(card.id)
            st.info(f"**{md(card.title)}** — {md(card.takeaway)} *({md('; '.join(card.citations))})*  \n"
                    + _("The Learn page explains it in plain words for clients and managers."), icon=":material/school:")
hidden = len(current.questions) - len(shown)
if hidden:
    st.caption(_("{count} follow-up question(s) in this section apply only to other set-ups and are skipped.").format(count=hidden))

back, __, forward = st.columns([1, 4, 1])
earlier = (index, part - 1) if part > 0 else (index - 1, 0)
back.button(_("← Back"), disabled=index == 0 and part == 0, on_click=_go, args=earlier, key="quest_back", width="stretch")
if part < len(parts) - 1 or index < len(sections) - 1:
    later = (index, part + 1) if part < len(parts) - 1 else (index + 1, 0)
    forward.button(_("Next →"), on_click=_go, args=later, key="quest_next", type="primary", width="stretch")
elif forward.button(_("See the risk →"), key="quest_to_risk", type="primary", width="stretch"):
    open_project(project.id, "risk")

with st.expander(_("Add your own questions (team question file)")):
    st.markdown(_("Teams can add a YAML file with their own section of questions; it must follow "
                  "`docs/content-format.md` and is checked exactly like the built-in content. It is stored with "
                  "this project and travels with its export."))
    for name, __ in snapshot.question_files:
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.text(name)
        if right.button(_("Remove"), key=f"quest_custom_remove_{name}"):
            get_store().remove_question_file(project.id, name, author=current_author())
            st.rerun()
    upload = st.file_uploader(_("Question file (.yaml)"), type=["yaml", "yml"], key="quest_custom_upload")
    if upload is None:
        st.session_state.pop("quest_custom_pending", None)
    elif st.button(_("Check and add"), key="quest_custom_add"):
        st.session_state.pop("quest_custom_pending", None)
        st.session_state.pop("quest_custom_confirm", None)
        _check_and_add(team_file_name(upload.name), upload.getvalue(), [])
    pending = st.session_state.get("quest_custom_pending")
    if pending and pending["project"] == project.id:
        n = len(pending["misfits"])
        st.warning(_("**{name}** changes questions that already have answers. {count} saved answer(s) do not fit the new "
                     "questions and would be cleared:").format(name=md(pending["name"]), count=n)
                   + "\n\n" + "\n".join(f"- {md(m)}" for m in pending["misfits"]))
        confirm = st.checkbox(_("Clear these {count} answer(s) and add the file").format(count=n), key="quest_custom_confirm")
        if st.button(_("Add {name} and clear {count} answer(s)").format(name=md(pending["name"]), count=n),
                     key="quest_custom_confirm_add", disabled=not confirm):
            _check_and_add(pending["name"], pending["text"].encode("utf-8"), pending["clear"])
