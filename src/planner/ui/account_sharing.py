"""Share a project with named colleagues (by e-mail) as facilitators: on Projects → Share and access, with sign-in only."""

from __future__ import annotations

import streamlit as st

from ..store import StoreError
from .signin import sign_in_configured
from .state import current_author, flash, get_store, guarded, md


@guarded()
def _share(project_id: str) -> None:
    email = st.session_state.get("sharing_colleague_email", "")
    try:
        added = get_store().share_project(project_id, email, author=current_author())
    except (ValueError, StoreError) as exc:
        flash("error", f"Not shared: {md(exc)}.")
        return
    st.session_state.sharing_colleague_email = ""
    flash("success" if added else "info", f"{md(email.strip())} can open this project after signing in."
          if added else f"The project was already shared with {md(email.strip())}.")


@guarded()
def _unshare(project_id: str, email: str) -> None:
    try:
        get_store().unshare_project(project_id, email, author=current_author())
    except StoreError as exc:
        flash("error", f"Not changed: {md(exc)}.")
    else:
        flash("success", f"{md(email)} can no longer open this project through their account.")


def colleagues_panel(project_id: str) -> None:
    """The account the project belongs to and the colleagues it is shared with (nothing without sign-in)."""
    if not sign_in_configured():
        return
    store = get_store()
    try:
        owner, shares = store.project_owner(project_id), store.project_shares(project_id)
    except StoreError as exc:
        st.error(str(exc))
        return
    st.subheader("Colleagues with an account")
    st.markdown(f"Belongs to **{md(owner.name or owner.subject)}**" + (f" ({md(owner.email)})" if owner.email else "")
                if owner else "This project was made without signing in, so it belongs to no account.")
    left, right = st.columns([4, 1.4], vertical_alignment="bottom")
    left.text_input("Share with a colleague (their e-mail address at the identity provider)", key="sharing_colleague_email",
                    max_chars=254, placeholder="e.g. maria@example.org")
    right.button("Share", key="sharing_colleague_add", on_click=_share, args=(project_id,))
    for share in shares:
        who, stop = st.columns([4, 1.4], vertical_alignment="center")
        who.markdown(f"{md(share.email)} · facilitator · shared {md(f'{share.added_at:%Y-%m-%d}')}"
                     + (f" by {md(share.added_by)}" if share.added_by else ""))
        stop.button("Stop sharing", key=f"sharing_colleague_remove_{share.email}", on_click=_unshare,
                    args=(project_id, share.email))
