"""The workshop room on the page: revealing questions to the participants, and the shared timer everyone sees."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from ..store import StoreError
from ..store.workshop_room import TIMER_MINUTES_LIMIT, Timer
from .state import current_author, flash, get_store, guarded, md


@guarded()
def _reveal(project_id: str, question_ids: list[str]) -> None:
    try:
        get_store().reveal_questions(project_id, question_ids, author=current_author())
    except StoreError as exc:
        flash("error", f"Not revealed: {md(exc)}")


def reveal_button(project_id: str, question_id: str, revealed: bool) -> None:
    """Facilitator: reveal one question's answers to the participants (or say that they see them)."""
    if revealed:
        st.caption("Participants see everyone's answers to this question.")
    else:
        st.button("Reveal the answers to the participants", key=f"workshop_reveal_{question_id}", on_click=_reveal,
                  args=(project_id, [question_id]), help="Until then each participant sees only their own answer.")


def reveal_panel(project_id: str, questions, revealed: tuple[str, ...], answered: dict[str, int]) -> None:
    """Facilitator: which questions the participants can see everyone's answers to, with a button per question and for all."""
    hidden = [q.id for q in questions if q.id not in revealed]
    with st.expander(f"Answer blind, then reveal — {len(revealed)} of {len(questions)} question(s) revealed",
                     expanded=bool(hidden)):
        st.caption("Participants see only their own answers until you reveal a question: nobody is anchored by the "
                   "others' answers. Then they see each role's answers and the heatmap for it.")
        for question in questions:
            left, right = st.columns([3, 1], vertical_alignment="center")
            left.markdown(f"{md(question.text)} · {md(answered.get(question.id, 0))} answer(s)")
            if question.id in revealed:
                right.markdown("✓ revealed")
            else:
                right.button("Reveal", key=f"workshop_reveal_row_{question.id}", on_click=_reveal, args=(project_id, [question.id]))
        st.button("Reveal all", key="workshop_reveal_all", disabled=not hidden, on_click=_reveal, args=(project_id, hidden))


@guarded()
def _timer(project_id: str, action: str) -> None:
    try:
        get_store().set_timer(project_id, action, st.session_state.get("workshop_timer_minutes") or 0, author=current_author())
    except (ValueError, StoreError) as exc:
        flash("error", f"Timer not changed: {md(str(exc).rstrip('.'))}.")


def _clock(seconds: float) -> str:
    sign, seconds = ("-" if seconds < 0 else ""), abs(int(seconds))
    return f"{sign}{seconds // 60}:{seconds % 60:02d}"


def timer_text(timer: Timer, at: datetime) -> str | None:
    """E.g. "⏱ 12:04 left", "⏸ 12:04 left (paused)", "⏱ over time by 1:30"; None when no timer was set."""
    if not timer.seconds:
        return None
    left = timer.left(at)
    shown = f"{_clock(left)} left" if left >= 0 else f"over time by {_clock(-left)}"
    return f"⏸ {shown} (paused)" if timer.started_at is None else f"⏱ {shown}"


def timer_view(timer: Timer, large: bool = False) -> None:
    """The shared timer, counting down each second while it runs (from the stored start: it survives a refresh)."""
    def draw() -> None:
        text = timer_text(timer, datetime.now(UTC))
        if text:
            st.markdown(f"## {md(text)}" if large else f"**{md(text)}**")

    st.fragment(draw, run_every=1.0 if timer.started_at else None)()


def timer_controls(project_id: str, timer: Timer) -> None:
    """Facilitator: start the shared timer for some minutes, pause and resume it."""
    with st.popover("Shared timer"):
        st.number_input("Minutes", min_value=1, max_value=TIMER_MINUTES_LIMIT, value=10, step=1, key="workshop_timer_minutes")
        st.button("Start" if not timer.seconds else "Start again", key="workshop_timer_start", on_click=_timer, args=(project_id, "start"))
        if timer.started_at is not None:
            st.button("Pause", key="workshop_timer_pause", on_click=_timer, args=(project_id, "pause"))
        elif timer.seconds:
            st.button("Resume", key="workshop_timer_resume", on_click=_timer, args=(project_id, "resume"))
        st.caption("Everyone sees it: on your view, the presenter view and each participant's page.")
