"""The workshop room: the room code and its QR code (shown again at any time), the presenter toggle, joining by code."""

from __future__ import annotations

import streamlit as st

from ..public_url import page_url
from ..qr import qr_png
from ..store import AccessDenied, StoreError
from ..store.room_codes import ROOM_CODE_HOURS, normalise, shown
from .language import ui_translator
from .sharing import app_base_url, warn_if_local
from .session import note_room_code
from .state import browser_key, browser_to_remember, current_author, flash, get_store, guarded, md, open_project

PRESENTER = "workshop_presenter"  # the presenter-view toggle


def room_url(code: str) -> str:
    """The address that opens the workshop's join form with the code filled in (what the QR code holds)."""
    return page_url(app_base_url(), "workshop", {"room": code})


@guarded()
def _new_code(project_id: str) -> None:
    try:
        get_store().create_room_code(project_id, author=current_author(), browser=browser_to_remember())
    except (ValueError, StoreError) as exc:
        flash("error", ui_translator()._("No room code was made: {problem}").format(problem=md(exc)))


@guarded()
def _stop_code(project_id: str) -> None:
    try:
        get_store().stop_room_code(project_id, author=current_author())
    except StoreError as exc:
        flash("error", md(exc))
    else:
        flash("success", ui_translator()._("The room code was stopped: it no longer lets anyone join. Everyone who joined keeps "
                                           "their personal link."))


def invite_panel(project_id: str) -> None:
    """Facilitator: the room code with its link and QR code, or a button to start one; the presenter toggle."""
    store, t = get_store(), ui_translator()
    _ = t._
    try:
        room = store.room_code(project_id, browser_key())
    except StoreError as exc:
        st.error(str(exc))
        return
    st.toggle(_("Presenter view (for the projector)"), key=PRESENTER,
              help=_("The question under discussion, the timer, the room code and a QR code in large type; no editing controls."))
    if room is None:
        st.markdown(_("**Invite participants** — start a room code: people join on their own laptop or phone by scanning "
                      "the QR code or typing the code. It works for {hours} hours, can be shown again at any "
                      "time, and can be stopped.").format(hours=t.g(ROOM_CODE_HOURS)))
        st.button(_("Start a room code"), key="workshop_new_room_code", type="primary", on_click=_new_code, args=(project_id,))
        return
    until = f"{room.expires_at:%H:%M} UTC"
    if room.code is None:
        st.warning(md(_("A room code is running (until {until}), but it was started in another browser (or this browser's "
                        "cookie was cleared), so it cannot be shown here. Start a new one to show it here: the other code then "
                        "stops.").format(until=until)))
        st.button(_("Start a new room code here"), key="workshop_new_room_code", on_click=_new_code, args=(project_id,))
        return
    url = room_url(room.code)
    warn_if_local(url)
    left, right = st.columns([3, 1], vertical_alignment="center")
    with left:
        st.markdown(_("**Room code: {code}** · works until {until}").format(code=md(shown(room.code)), until=md(until)))
        st.code(url, language=None, wrap_lines=True)
        st.caption(_("Participants scan the QR code or open the link, or type the code on the Projects page. "
                     "Turn on the presenter view to show both large on the projector."))
    right.image(qr_png(url, scale=4), caption=_("Join link as a QR code"), width=150)
    with st.popover(_("Stop or replace the room code")):
        st.button(_("Stop the room code"), key="workshop_stop_room_code", on_click=_stop_code, args=(project_id,))
        st.button(_("Replace it with a new code"), key="workshop_replace_room_code", on_click=_new_code, args=(project_id,))


def join_by_code_form() -> None:
    """Anyone: type the room code from the screen to open the workshop's join form."""
    _ = ui_translator()._
    with st.form("home_room_code", border=True):
        st.markdown(_("**Joining a workshop?** Enter the room code from the facilitator's screen."))
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        typed = left.text_input(_("Room code"), max_chars=20, placeholder=_("e.g. K7M 2QX"), key="home_room_code_text")
        if right.form_submit_button(_("Join"), type="primary"):
            try:
                grant = get_store().resolve_room_code(typed, browser=browser_key())
            except AccessDenied as exc:
                st.error(md(str(exc)))
            except StoreError as exc:
                st.error(str(exc))
            else:
                note_room_code(typed, grant)
                open_project(grant.project_id, "workshop", key=normalise(typed))
