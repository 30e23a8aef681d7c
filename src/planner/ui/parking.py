"""The workshop's parking lot on the Workshop page: participants add questions nobody can answer in the room yet; the
facilitator moves each into the plan's parking lot (Plan → Workshop) or dismisses it. Kept in the store per workshop
(participants cannot edit the plan), so everyone's live view shows a new one within a few seconds."""

from __future__ import annotations

import streamlit as st

from ..store import StoreError
from ..store.parking import QUESTION_LIMIT, WHO_LIMIT, ParkedQuestion
from ..workshop import park
from .language import ui_translator
from .plan_editing import change_plan
from .roles import role_name
from .state import current_author, flash, get_store, guarded, md

QUESTION_KEY, WHO_KEY, ERROR_KEY = "workshop_park_question", "workshop_park_who", "workshop_park_error"


def _line(item: ParkedQuestion, bullet: str = "") -> str:
    """One parked question as escaped Markdown, e.g. "Who signs off? — could answer: Lee *(Ana, Client)*"."""
    t = ui_translator()
    who = t._(" — could answer: {who}").format(who=md(item.who)) if item.who else ""
    state = t._(" · *in the plan*") if item.status == "moved" else ""
    return f"{bullet}{md(item.question)}{who} *({md(item.asked_by)}, {md(role_name(item.role, t))})*{state}"


def read_parked(project_id: str) -> list[ParkedQuestion] | None:
    try:
        return get_store().parked_questions(project_id)
    except StoreError as exc:
        st.error(str(exc))
        return None


@guarded(facilitator=False)
def _add(project_id: str, participant_id: str) -> None:
    try:
        get_store().park_question(project_id, participant_id, st.session_state.get(QUESTION_KEY, ""),
                                  st.session_state.get(WHO_KEY, ""))
    except (ValueError, StoreError) as exc:  # the text stays in the form to be corrected
        st.session_state[ERROR_KEY] = ui_translator()._("Not added: {problem}.").format(problem=str(exc).rstrip("."))
    else:
        st.session_state[QUESTION_KEY] = st.session_state[WHO_KEY] = ""
        flash("success", ui_translator()._("Added to the parking lot: the facilitator sees it now."))


def participant_parking_lot(project_id: str, participant_id: str) -> None:
    """A participant: the form to park a question, and the room's parking lot (waiting and moved into the plan)."""
    _ = ui_translator()._
    st.header(_("Parking lot"))
    st.caption(_("A question nobody in the room can answer now? Park it: the facilitator moves it into the plan with "
                 "who could answer it, so it is not forgotten."))
    with st.form("workshop_park_form", border=True):
        st.text_area(_("Your question"), max_chars=QUESTION_LIMIT, key=QUESTION_KEY, height=80,
                     placeholder=_("e.g. Who approves the labelling guidelines?"))
        st.text_input(_("Who could answer it (optional)"), max_chars=WHO_LIMIT, key=WHO_KEY, placeholder=_("a name or a role"))
        st.form_submit_button(_("Add to the parking lot"), on_click=_add, args=(project_id, participant_id))
    if st.session_state.get(ERROR_KEY):
        st.error(md(st.session_state.pop(ERROR_KEY)))
    items = read_parked(project_id)
    shown = [i for i in items or [] if i.status != "dismissed"]
    if shown:
        st.markdown("\n".join(_line(i, bullet="- ") for i in shown))


@guarded()
def _move(project_id: str, item: ParkedQuestion, plan_context: tuple) -> None:
    content, answers, plan_version = plan_context
    problem = change_plan(project_id, content, answers, plan_version, lambda plan: park(plan, item.question, item.who), "workshop")
    if problem:
        flash("error", ui_translator()._("Not moved into the plan: {problem}").format(problem=md(problem)))
        return
    _decide(project_id, item, "moved")


@guarded()
def _dismiss(project_id: str, item: ParkedQuestion) -> None:
    _decide(project_id, item, "dismissed")


def _decide(project_id: str, item: ParkedQuestion, status: str) -> None:
    try:
        get_store().decide_parked_question(project_id, item.id, status, author=current_author())
    except (ValueError, StoreError) as exc:
        _ = ui_translator()._
        what = _("In the plan, but still listed here") if status == "moved" else _("Not dismissed")
        flash("error", f"{what}: {md(exc)}")


def facilitator_parking_lot(project_id: str, plan_context: tuple) -> None:
    """The facilitator: the participants' parked questions, each to move into the plan's parking lot or dismiss.
    `plan_context`: the content, answers and plan version the page read (a plan saved since is not overwritten)."""
    items = read_parked(project_id)
    if items is None:
        return
    _ = ui_translator()._
    waiting = [i for i in items if i.status == "open"]
    moved = sum(i.status == "moved" for i in items)
    with st.expander(_("Parking lot from the participants — {waiting} waiting, {moved} moved into the plan").format(
            waiting=len(waiting), moved=moved), expanded=bool(waiting)):
        if not waiting:
            st.caption(_("Participants can park questions nobody can answer in the room; they show here."))
        for item in waiting:
            text, move, dismiss = st.columns([5, 2, 1], vertical_alignment="center")
            text.markdown(_line(item))
            move.button(_("Move into the plan"), key=f"workshop_park_move_{item.id}", on_click=_move,
                        args=(project_id, item, plan_context), help=_("Adds it to the plan's parking lot (Plan → Workshop) "
                                                                     "with who could answer it as the owner."))
            dismiss.button(_("Dismiss"), key=f"workshop_park_dismiss_{item.id}", on_click=_dismiss, args=(project_id, item))
