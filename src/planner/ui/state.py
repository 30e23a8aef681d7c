"""Shared Streamlit helpers: routing every page through app.py, and one import for what pages use.

The helpers live by concern - ui/session.py (store, URL, access, the open project), ui/messages.py
(Markdown-safe text, flash messages, problem lists) and ui/cookie.py (the browser id) - and are
re-exported here, so `from planner.ui.state import …` keeps working for pages and widgets.
"""

from __future__ import annotations

import contextlib
import runpy
import threading
from pathlib import Path

import streamlit as st

from ..access_policy import NO_ACCESS
from .cookie import browser_key, browser_to_remember, keep_browser_cookie
from .messages import flash, md, show_flash, show_problems, show_unexpected_error
from .session import (
    AUTHOR_WIDGET,
    PAGES,
    PARTICIPANT_PAGES,
    author_input,
    current_access,
    current_author,
    current_project,
    current_snapshot,
    get_store,
    guarded,
    init_global_state,
    is_participant,
    keep_author_in_url,
    load_snapshot,
    open_project,
    project_content,
    require_project,
    resolve_project_from_url,
    still_allowed,
    visible_pages,
)

__all__ = [
    "APP_PATH", "AUTHOR_WIDGET", "NO_ACCESS", "PAGES", "PARTICIPANT_PAGES", "app_run", "author_input", "browser_key",
    "browser_to_remember", "current_access", "current_author", "current_project", "current_snapshot",
    "ensure_app_navigation", "flash", "get_store", "guarded", "init_global_state", "is_participant", "keep_author_in_url",
    "keep_browser_cookie", "load_snapshot", "md", "open_project", "project_content", "require_project",
    "resolve_project_from_url", "show_flash", "show_problems", "show_unexpected_error", "still_allowed", "visible_pages",
]

APP_PATH = Path(__file__).resolve().parents[3] / "app.py"

_ROUTING = threading.local()  # per script-run thread: is app.py on the stack right now?


@contextlib.contextmanager
def app_run():
    """app.py runs its whole body inside this, so a page can tell it was reached through app.py."""
    _ROUTING.depth = getattr(_ROUTING, "depth", 0) + 1
    try:
        yield
    finally:
        _ROUTING.depth -= 1


def ensure_app_navigation() -> None:
    """Route a deep link through app.py: first line of every page.

    With a `pages/` folder next to app.py, Streamlit starts in its legacy multipage mode, and any
    session whose run began before the first st.navigation call anywhere on the server runs a
    link like /risk?project=... as the page file alone: no global state, no access check. Each
    run asks for itself (a thread-local set by app.py for the length of its run, so no other
    session can flip it) and, when app.py is not on the stack, runs app.py inside this same run
    (a rerun would drop a pending button click); its st.navigation then runs this page again.
    """
    if getattr(_ROUTING, "depth", 0) == 0:
        runpy.run_path(str(APP_PATH), run_name="__main__")
        st.stop()
