"""The presenter view for the projector: the question under discussion and its reveal, the shared timer, the room code
and the heatmap of the revealed questions, in large type for 1280×720 and without any editing control.

It shows only what the room may see: a question's answers appear once the facilitator revealed it (answer blind).
"""

from __future__ import annotations

import streamlit as st

from ..qr import qr_png
from ..store import StoreError
from ..store.room_codes import shown
from ..workshop import answers_text
from .chart_table import chart_table, divergence_rows
from .charts import divergence_heatmap_spec
from .language import ui_translator
from .roles import role_name, with_role_names
from .room import PRESENTER, room_url
from .state import browser_key, get_store, md
from .workshop_room import timer_view

DISCUSSING = "workshop_discussing"  # the question the facilitator's session has up for discussion (pages/workshop.py)


def under_discussion(results, discussing: str | None, settled_ids: set[str]):
    """The divergence the room discusses: the facilitator's pick, else the first flagged one not settled (as the
    facilitator's list picks it), else None."""
    flagged = [d for d in results if d.flagged]
    chosen = next((d for d in flagged if d.question.id == discussing), None)
    return chosen or next((d for d in flagged if d.question.id not in settled_ids), None)


def _room_code(project_id: str) -> None:
    _ = ui_translator()._
    try:
        room = get_store().room_code(project_id, browser_key())
    except StoreError as exc:
        st.error(str(exc))
        return
    if room is None or room.code is None:
        st.caption(_("No room code to show here: turn the presenter view off and start one."))
        return
    url = room_url(room.code)
    st.markdown(_("**Join the workshop** — scan or enter the room code"))
    st.markdown(f"# {md(shown(room.code))}")
    st.image(qr_png(url, scale=5), width=170)
    st.caption(md(url.split("?", 1)[0]))


def _discussed(current, revealed: set[str]) -> None:
    t = ui_translator()
    _ = t._
    if current is None:
        st.markdown("### " + _("No disagreement to discuss right now"))
        st.caption(_("The roles agree so far on every question that has answers."))
        return
    st.caption(_("Under discussion"))
    st.header(md(current.question.text), anchor=False)  # no link icon beside it on the projector
    if current.question.id not in revealed:
        st.markdown("#### " + _("{count} answer(s) in — hidden until the facilitator reveals them").format(count=md(current.answered)))
        return
    st.markdown("\n".join(f"- **{md(role_name(r.role, t))}**: {md(answers_text(current.question, r))}" for r in current.roles))
    st.markdown(_("**Discuss:** {prompt}").format(prompt=md(current.question.prompt)))


def presenter_view(project_id: str, results, room, settled_ids: set[str]) -> None:
    """The projector's screen; the toggle at the top goes back to the facilitator's view."""
    _ = ui_translator()._
    st.toggle(_("Presenter view (for the projector)"), key=PRESENTER, help=_("Turn off to manage the room again."))
    revealed = set(room.revealed)
    current = under_discussion(results, st.session_state.get(DISCUSSING), settled_ids)
    main, side = st.columns([2, 1], gap="large")
    with main:
        _discussed(current, revealed)
    with side:
        timer_view(room.timer, large=True)
        _room_code(project_id)
    shown_results = with_role_names([d for d in results if d.question.id in revealed], ui_translator())
    if current is not None:  # the question under discussion first
        shown_results.sort(key=lambda d: d.question.id != current.question.id)
    spec = divergence_heatmap_spec(shown_results, large=True)
    if spec is None:
        st.info(_("Answers stay hidden until the facilitator reveals a question; then each role's answers show here."))
    else:
        st.markdown(_("**How the roles answered** (revealed questions)"))
        alt = _("How each role answered each revealed question")
        st.vega_lite_chart(spec, width="content", alt=alt)
        chart_table(divergence_rows(shown_results, answers_text), alt)
