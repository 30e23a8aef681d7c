"""The workshop room on the page: revealing questions to the participants, and the shared timer everyone sees."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from ..store import StoreError
from ..i18n import ENGLISH, Translator
from ..store.workshop_room import TIMER_MINUTES_LIMIT, Timer
from .language import ui_translator
from .state import current_author, flash, get_store, guarded, md


@guarded()
def _reveal(project_id: str, question_ids: list[str]) -> None:
    try:
        get_store().reveal_questions(project_id, question_ids, author=current_author())
    except StoreError as exc:
        flash("error", ui_translator()._("Not revealed: {problem}").format(problem=md(exc)))


def reveal_button(project_id: str, question_id: str, revealed: bool) -> None:
    """Facilitator: reveal one question's answers to the participants (or say that they see them)."""
    _ = ui_translator()._
    if revealed:
        st.caption(_("Participants see everyone's answers to this question."))
    else:
        st.button(_("Reveal the answers to the participants"), key=f"workshop_reveal_{question_id}", on_click=_reveal,
                  args=(project_id, [question_id]), help=_("Until then each participant sees only their own answer."))


def reveal_panel(project_id: str, questions, revealed: tuple[str, ...], answered: dict[str, int]) -> None:
    """Facilitator: which questions the participants can see everyone's answers to, with a button per question and for all."""
    _ = ui_translator()._
    hidden = [q.id for q in questions if q.id not in revealed]
    with st.expander(_("Answer blind, then reveal — {revealed} of {count} question(s) revealed").format(
            revealed=len(revealed), count=len(questions)), expanded=bool(hidden)):
        st.caption(_("Participants see only their own answers until you reveal a question: nobody is anchored by the "
                     "others' answers. Then they see each role's answers and the heatmap for it."))
        for question in questions:
            left, right = st.columns([3, 1], vertical_alignment="center")
            left.markdown(_("{question} · {count} answer(s)").format(question=md(question.text), count=md(answered.get(question.id, 0))))
            if question.id in revealed:
                right.markdown(_("✓ revealed"))
            else:
                right.button(_("Reveal"), key=f"workshop_reveal_row_{question.id}", on_click=_reveal, args=(project_id, [question.id]))
        st.button(_("Reveal all"), key="workshop_reveal_all", disabled=not hidden, on_click=_reveal, args=(project_id, hidden))


@guarded()
def _timer(project_id: str, action: str) -> None:
    try:
        get_store().set_timer(project_id, action, st.session_state.get("workshop_timer_minutes") or 0, author=current_author())
    except (ValueError, StoreError) as exc:
        flash("error", ui_translator()._("Timer not changed: {problem}.").format(problem=md(str(exc).rstrip("."))))


def _clock(seconds: float) -> str:
    sign, seconds = ("-" if seconds < 0 else ""), abs(int(seconds))
    return f"{sign}{seconds // 60}:{seconds % 60:02d}"


def timer_text(timer: Timer, at: datetime, t: Translator = ENGLISH) -> str | None:
    """E.g. "⏱ 12:04 left", "⏸ 12:04 left (paused)", "⏱ over time by 1:30"; None when no timer was set."""
    if not timer.seconds:
        return None
    left = timer.left(at)
    shown = t._("{clock} left").format(clock=_clock(left)) if left >= 0 else t._("over time by {clock}").format(clock=_clock(-left))
    return t._("⏸ {shown} (paused)").format(shown=shown) if timer.started_at is None else f"⏱ {shown}"


def timer_view(timer: Timer, large: bool = False) -> None:
    """The shared timer, counting down each second while it runs (from the stored start: it survives a refresh)."""
    def draw() -> None:
        text = timer_text(timer, datetime.now(UTC), ui_translator())
        if text:
            st.markdown(f"## {md(text)}" if large else f"**{md(text)}**")

    st.fragment(draw, run_every=1.0 if timer.started_at else None)()


def timer_controls(project_id: str, timer: Timer) -> None:
    """Facilitator: start the shared timer for some minutes, pause and resume it."""
    _ = ui_translator()._
    with st.popover(_("Shared timer")):
        st.number_input(_("Minutes"), min_value=1, max_value=TIMER_MINUTES_LIMIT, value=10, step=1, key="workshop_timer_minutes")
        st.button(_("Start") if not timer.seconds else _("Start again"), key="workshop_timer_start", on_click=_timer,
                  args=(project_id, "start"))
        if timer.started_at is not None:
            st.button(_("Pause"), key="workshop_timer_pause", on_click=_timer, args=(project_id, "pause"))
        elif timer.seconds:
            st.button(_("Resume"), key="workshop_timer_resume", on_click=_timer, args=(project_id, "resume"))
        st.caption(_("Everyone sees it: on your view, the presenter view and each participant's page."))
