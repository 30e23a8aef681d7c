"""Sign-in with the organisation's identity provider: Streamlit's st.login / st.user / st.logout (OpenID Connect).

Only when `.streamlit/secrets.toml` has an `[auth]` section; without it nothing here shows and access works through
links alone, as before. Signed in, a facilitator's projects belong to their account (the provider's issuer and
subject), their name and e-mail sign every change, and they can share a project with colleagues by e-mail.
Participants never need an account: join links and room codes work as before.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import streamlit as st

from ..store import Account, Grant, Project, StoreError
from ..store.accounts import ACCOUNT_LINK
from .language import ui_translator
from .messages import md
from .session import ACCOUNT_KEY, current_account, get_store

_LOG = logging.getLogger("planner")
_PROVIDER_KEYS = ("client_id", "server_metadata_url")


def _auth_section():
    """The `[auth]` table of the secrets, or None (no secrets file, or no such table)."""
    try:
        if not st.secrets.load_if_toml_exists():
            return None
        section = st.secrets.get("auth")
    except Exception as exc:  # a broken secrets file: Streamlit logs it; sign-in is simply off
        _LOG.warning("sign-in is off: the secrets cannot be read (%s)", type(exc).__name__)
        return None
    return section if hasattr(section, "get") else None


def providers() -> list[tuple[str | None, str]]:
    """(the name st.login takes, None for the default; the name on the button) of each configured provider."""
    section = _auth_section()
    if section is None:
        return []
    named = [(name, name.replace("-", " ").title()) for name, value in section.items()
             if hasattr(value, "get") and all(k in value for k in _PROVIDER_KEYS)]
    if all(k in section for k in _PROVIDER_KEYS):
        named.insert(0, (None, urlsplit(str(section.get("server_metadata_url"))).hostname or "your organisation"))
    return named


def sign_in_configured() -> bool:
    return bool(providers())


def refresh_account() -> None:
    """Once per run (app.py), before access is checked: the account st.user names, registered on first sight."""
    if not sign_in_configured() or not st.user.is_logged_in:
        st.session_state[ACCOUNT_KEY] = None
        return
    issuer, subject = str(st.user.get("iss") or ""), str(st.user.get("sub") or "")
    known = st.session_state.get(ACCOUNT_KEY)
    if known is not None and (known.issuer, known.subject) == (issuer, subject):
        return
    email = "" if st.user.get("email_verified") is False else str(st.user.get("email") or "")
    name = str(st.user.get("name") or st.user.get("preferred_username") or "")
    st.session_state[ACCOUNT_KEY] = _register(issuer, subject, email, name)


def _register(issuer: str, subject: str, email: str, name: str) -> Account | None:
    store = get_store()
    try:
        try:
            return store.sign_in(issuer, subject, email=email, name=name)
        except ValueError:  # an e-mail claim that is no address: the account works, without shares by e-mail
            return store.sign_in(issuer, subject, email="", name=name)
    except (ValueError, StoreError) as exc:
        _LOG.warning("a sign-in could not be recorded: %s", exc)
        st.sidebar.error(ui_translator()._("You are signed in, but the planner cannot use the account: {problem}").format(
            problem=md(exc)))
        return None


def account_sidebar() -> None:
    """Who is signed in and "Sign out", or one "Sign in with …" button per provider (app.py; nothing without [auth])."""
    configured = providers()
    if not configured:
        return
    _ = ui_translator()._
    account = current_account()
    if account is not None:
        st.sidebar.markdown(_("Signed in as **{name}**").format(name=md(account.name or account.subject))
                            + (f"  \n{md(account.email)}" if account.email else ""))
        if st.sidebar.button(_("Sign out"), key="signin_logout"):
            st.logout()
        return
    for provider, label in configured:
        if st.sidebar.button(_("Sign in with {provider}").format(provider=md(label)), key=f"signin_login_{provider or 'default'}"):
            if provider:
                st.login(provider)
            else:
                st.login()
    st.sidebar.caption(_("Facilitators sign in; participants join with the link or room code, without an account."))


def creator() -> tuple[str | None, bool]:
    """(the account id a new project belongs to, whether this browser should remember its creator link instead)."""
    account = current_account()
    return (account.id, False) if account is not None else (None, True)


def may_create() -> bool:
    """With sign-in configured, only a signed-in facilitator creates or imports projects (they belong to the account)."""
    if current_account() is not None or not sign_in_configured():
        return True
    st.info(ui_translator()._("Sign in (in the sidebar) to create or import a project: it then belongs to your account, and "
                              "you can share it with colleagues. Joining a workshop needs no account."))
    return False


def my_projects(store, browser_projects: list[tuple[Project, Grant]]) -> list[tuple[Project, Grant]]:
    """The signed-in account's projects (its own and shared with it), then this browser's others."""
    account = current_account()
    if account is None:
        return browser_projects
    mine = store.account_projects(account)
    seen = {p.id for p, _ in mine}
    return mine + [(p, g) for p, g in browser_projects if p.id not in seen]


def through_account(grant: Grant) -> bool:
    return grant.link_id.startswith(ACCOUNT_LINK)
