"""Facilitator tools for a project's links: create, show once, list and revoke."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import streamlit as st

from ..i18n import N_
from ..public_url import SETTING, PublicUrlError, configured_public_url, is_local, page_url
from ..store import FACILITATOR, PARTICIPANT, StoreError
from .language import ui_translator
from .state import PAGES, current_access, current_author, flash, get_store, guarded, md

_LOG = logging.getLogger("planner")
NEW_LINKS = "sharing_new_links"  # links created in this session: (kind, label, url), shown until the session ends
LINK_KINDS = {"Facilitator link": N_("Facilitator link"), "Personal participant link": N_("Personal participant link"),
              "Join link for participants": N_("Join link for participants")}  # Link.kind (planner.store.access) → shown


def check_public_url() -> None:
    """At the start of every run (app.py): a bad PLANNER_PUBLIC_URL stops the app with one line naming the setting."""
    try:
        configured_public_url()
    except PublicUrlError as exc:
        _LOG.error("%s", exc)
        st.error(md(str(exc)))
        st.stop()


def app_base_url() -> str:
    """The app's address for shared links, without the page: PLANNER_PUBLIC_URL when set, else as this browser sees it."""
    public = configured_public_url()  # checked at the start of the run (check_public_url)
    if public:
        return public
    url = browser_url()
    parts = urlsplit(url)
    if not parts.scheme:
        return "/"
    path = parts.path.rstrip("/")
    if path.rsplit("/", 1)[-1] in PAGES:
        path = path.rsplit("/", 1)[0]
    return f"{parts.scheme}://{parts.netloc}{path}/"


def browser_url() -> str:
    """The address this browser opened the page with ("" when unknown)."""
    return st.context.url or ""


def link_url(page: str, project_id: str, token: str) -> str:
    return page_url(app_base_url(), page, {"project": project_id, "key": token})


def warn_if_local(url: str) -> None:
    """Say what to set when a shared link would point at this computer and no public address is configured."""
    if not is_local(url) or configured_public_url():
        return
    port = urlsplit(url).port or 8501
    st.warning(md(ui_translator()._(
        "This link points at this computer ({host}), so it opens nothing on anyone else's laptop. To serve the room, start "
        "the app with make run HOST=0.0.0.0 and set {setting} to the address the others reach, e.g. "
        "{setting}=http://192.168.1.20:{port} (this laptop's network address) or the https address of a reverse proxy; "
        "see the README, Run a workshop.").format(host=urlsplit(url).hostname, setting=SETTING, port=port)))


def create_link(project_id: str, role: str, label: str) -> None:
    """Make a link and keep its address for this session (the app cannot show it again later)."""
    try:
        link, token = get_store().create_link(project_id, role, label, author=current_author())
    except (ValueError, StoreError) as exc:
        flash("error", ui_translator()._("No link was created: {problem}").format(problem=md(exc)))
        return
    page = "workshop" if role == PARTICIPANT else "home"
    st.session_state.setdefault(NEW_LINKS, []).append((project_id, link.kind, link.label, link_url(page, project_id, token)))


def show_new_links(project_id: str, only_kind: str | None = None) -> None:
    shown = [item for item in st.session_state.get(NEW_LINKS, []) if item[0] == project_id
             and (only_kind is None or item[1] == only_kind)]
    for _, kind, label, url in shown:
        st.markdown(f"**{md(_kind(kind))}**" + (f" — {md(label)}" if label else ""))
        st.code(url, language=None, wrap_lines=True)
    if shown:
        warn_if_local(shown[-1][3])
    if shown:
        st.caption(ui_translator()._("Copy new links now: the app keeps only a fingerprint of each link, so it cannot show "
                                     "them again after this session. A lost link can simply be revoked and replaced."))


@guarded()
def _revoke(project_id: str, link_id: str) -> None:
    _ = ui_translator()._
    try:
        get_store().revoke_link(project_id, link_id, author=current_author())
    except (ValueError, StoreError) as exc:
        flash("error", _("Not revoked: {problem}.").format(problem=md(exc)))
    else:
        flash("success", _("The link was revoked; it no longer opens the project."))


def share_panel(project_id: str) -> None:
    """Everything about who can open the project (facilitators only)."""
    _ = ui_translator()._
    store = get_store()
    st.markdown(_("A project opens only through its links. **Facilitator links** open everything; a **join link** lets "
                  "people join the workshop, give their own answers and see where the roles differ. Each participant "
                  "then gets a personal link. Revoking a link stops it at once."))
    with st.form("sharing_new", clear_on_submit=True, border=False):
        left, mid, right = st.columns([3, 2, 1.4], vertical_alignment="bottom")
        label = left.text_input(_("Who is the link for? (label)"), max_chars=120, placeholder=_("e.g. Co-facilitator Maria"))
        kind = mid.selectbox(_("Kind"), [FACILITATOR, PARTICIPANT],
                             format_func={FACILITATOR: _("Facilitator link"), PARTICIPANT: _("Join link (workshop)")}.get)
        if right.form_submit_button(_("Create link")):
            create_link(project_id, kind, label)
            st.rerun()
    show_new_links(project_id)
    try:
        links = store.links(project_id)
    except StoreError as exc:
        st.error(str(exc))
        return
    import pandas as pd  # here, not at import: the home page's cold first render should not wait for pandas

    mine = current_access().link_id if current_access() else None
    st.dataframe(pd.DataFrame([{
        _("Link"): _kind(link.kind), _("Label"): link.label,
        _("Created"): f"{link.created_at:%Y-%m-%d %H:%M} {link.created_by}".strip(),
        _("Status"): (_("in use here · ") if link.id == mine else "") + (_("active") if link.active else _("revoked {when}").format(
            when=f"{link.revoked_at:%Y-%m-%d %H:%M} {link.revoked_by}".strip())),
    } for link in links]), hide_index=True, width="stretch")
    active = [link for link in links if link.active and link.id != mine]
    if active:
        left, right = st.columns([4, 1.4], vertical_alignment="bottom")
        choice = left.selectbox(_("Revoke a link"), [link.id for link in active], index=None, key="sharing_revoke_choice",
                                format_func=lambda i: next(f"{_kind(lk.kind)}: {lk.label or _('(no label)')} ({lk.created_at:%Y-%m-%d})"
                                                           for lk in active if lk.id == i), placeholder=_("Choose a link"))
        right.button(_("Revoke"), key="sharing_revoke", disabled=choice is None, on_click=_revoke, args=(project_id, choice))
    st.caption(_("The link you are using now cannot be revoked from this session; open the project through another "
                 "facilitator link to replace it."))


def _kind(kind: str) -> str:
    """A link's kind as stored ("facilitator", "participant", …) in the app's language."""
    return ui_translator()._(LINK_KINDS.get(kind, kind))
