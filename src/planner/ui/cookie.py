"""This browser's random id, kept in a cookie: which projects it created or joined survive a refresh."""

from __future__ import annotations

import streamlit as st

from ..store import valid_token
from ..store.access import BROWSER_COOKIE, new_token

# Writes the browser's random id into a cookie (read back by st.context.cookies in later sessions), so
# the project list survives a refresh. Only our own token is written; no user text reaches the script.
_COOKIE_JS = f"""
export default function(component) {{
  const token = component.data && component.data.token;
  if (!token || !/^[A-Za-z0-9_-]+$/.test(token)) return;
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = '{BROWSER_COOKIE}=' + token + '; path=/; max-age=31536000; SameSite=Lax' + secure;
}}
"""
_cookie_writer = st.components.v2.component("planner_browser_cookie", js=_COOKIE_JS)


def init_browser_key() -> None:
    """Once per session: the id from the cookie, or a new one (written only once it is needed)."""
    if "browser_key" not in st.session_state:
        cookie = st.context.cookies.get(BROWSER_COOKIE)
        st.session_state.browser_key = cookie if valid_token(cookie) else new_token()


def browser_key() -> str:
    """This browser's random id: which projects it created or joined (kept in a cookie)."""
    return st.session_state.browser_key


def browser_to_remember() -> str:
    """The browser id, for a write that ties a project to this browser: from now on the cookie is needed."""
    st.session_state.browser_remembered = True
    return browser_key()


def cookie_works() -> bool:
    """Whether the browser sent back the id this session uses (so a refresh finds its projects)."""
    return st.context.cookies.get(BROWSER_COOKIE) == browser_key()


def keep_browser_cookie() -> None:
    """Write the browser id into the cookie once the browser has a project to remember (called from app.py).

    Only then: the cookie component's script is a separate download for the browser, which would
    otherwise slow down every first visit (≈ 0.4 s on the cold home page).
    """
    if st.session_state.get("browser_remembered") and not cookie_works():
        with st.sidebar:
            _cookie_writer(data={"token": browser_key()}, key="browser_cookie")
