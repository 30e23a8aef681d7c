"""Share a project with named colleagues (by e-mail) as facilitators: on Projects → Share and access, with sign-in only."""

from __future__ import annotations

import streamlit as st

from ..store import StoreError
from .language import ui_translator
from .signin import sign_in_configured
from .state import current_author, flash, get_store, guarded, md


@guarded()
def _share(project_id: str) -> None:
    _ = ui_translator()._
    email = st.session_state.get("sharing_colleague_email", "")
    try:
        added = get_store().share_project(project_id, email, author=current_author())
    except (ValueError, StoreError) as exc:
        flash("error", _("Not shared: {problem}.").format(problem=md(exc)))
        return
    st.session_state.sharing_colleague_email = ""
    flash("success" if added else "info", _("{email} can open this project after signing in.").format(email=md(email.strip()))
          if added else _("The project was already shared with {email}.").format(email=md(email.strip())))


@guarded()
def _unshare(project_id: str, email: str) -> None:
    _ = ui_translator()._
    try:
        get_store().unshare_project(project_id, email, author=current_author())
    except StoreError as exc:
        flash("error", _("Not changed: {problem}.").format(problem=md(exc)))
    else:
        flash("success", _("{email} can no longer open this project through their account.").format(email=md(email)))


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
    _ = ui_translator()._
    st.subheader(_("Colleagues with an account"))
    st.markdown(_("Belongs to **{name}**").format(name=md(owner.name or owner.subject)) + (f" ({md(owner.email)})" if owner.email else "")
                if owner else _("This project was made without signing in, so it belongs to no account."))
    left, right = st.columns([4, 1.4], vertical_alignment="bottom")
    left.text_input(_("Share with a colleague (their e-mail address at the identity provider)"), key="sharing_colleague_email",
                    max_chars=254, placeholder=_("e.g. maria@example.org"))
    right.button(_("Share"), key="sharing_colleague_add", on_click=_share, args=(project_id,))
    for share in shares:
        who, stop = st.columns([4, 1.4], vertical_alignment="center")
        who.markdown(_("{email} · facilitator · shared {date}").format(email=md(share.email), date=md(f"{share.added_at:%Y-%m-%d}"))
                     + (_(" by {name}").format(name=md(share.added_by)) if share.added_by else ""))
        stop.button(_("Stop sharing"), key=f"sharing_colleague_remove_{share.email}", on_click=_unshare,
                    args=(project_id, share.email))
