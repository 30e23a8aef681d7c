"""Shared Streamlit helpers: store, content, the current project (from the URL) and messages."""

from __future__ import annotations

import runpy
from pathlib import Path

import streamlit as st

from ..content import Content, load_content
from ..errors import InputError
from ..render import escape_markdown
from ..store import Project, ProjectSnapshot, Store, StoreError, valid_project_id
from ..store.store import clean_author

APP_PATH = Path(__file__).resolve().parents[3] / "app.py"
PAGES = {
    "home": "pages/home.py",
    "questionnaire": "pages/questionnaire.py",
    "risk": "pages/risk.py",
    "plan": "pages/plan.py",
    "milestones": "pages/milestones.py",
    "history": "pages/history.py",
    "workshop": "pages/workshop.py",
    "learn": "pages/learn.py",
    "method": "pages/method.py",
}


@st.cache_resource(show_spinner=False)
def get_store() -> Store:
    """One Store per server process; it opens a short connection per operation."""
    return Store()


def md(text: str) -> str:
    """User or team text made safe for st.markdown / widget labels."""
    return escape_markdown(text)


def ensure_app_navigation() -> None:
    """Route a deep link through app.py: first line of every page.

    With a `pages/` folder next to app.py, Streamlit starts in its legacy multipage mode: until
    some session has run app.py (and so st.navigation), a link like /risk?project=... runs the
    page file alone - no global state, no project from the URL, the raw file list as navigation.
    Leaving that mode and rerunning the same URL runs app.py, which then shows the page.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        # Run the entrypoint inside this same run (a rerun would drop a pending button click);
        # its st.navigation runs this page again, now the normal way.
        runpy.run_path(str(APP_PATH), run_name="__main__")
        st.stop()


def init_global_state() -> None:
    """Called once per run from app.py, before any page."""
    st.session_state.setdefault("project_id", None)
    st.session_state.setdefault("project_snapshot", None)
    st.session_state.setdefault("flash", [])
    st.session_state.setdefault("author", clean_author(st.query_params.get("as", "")))


def current_author() -> str:
    """The name this browser session gave for the project history ("" when none)."""
    return clean_author(st.session_state.get("author", ""))


def keep_author_in_url() -> None:
    """The name travels in the URL (?as=…), so a refresh keeps it like the project."""
    name = current_author()
    if name and st.query_params.get("as") != name:
        st.query_params["as"] = name
    elif not name and "as" in st.query_params:
        del st.query_params["as"]


def resolve_project_from_url() -> None:
    """The URL is the source of truth for the open project, so refresh and shared links work."""
    values = st.query_params.get_all("project")
    if len(set(values)) > 1:
        st.session_state.project_id = None
        st.session_state.url_problem = "The link names more than one project, so none was opened. Pick one below."
        st.query_params.clear()
        return
    st.session_state.url_problem = None
    if values:
        pid = values[0]
        if not valid_project_id(pid):
            st.session_state.url_problem = "The link does not contain a valid project id. Pick a project below."
            st.session_state.project_id = None
            st.query_params.clear()
        else:
            st.session_state.project_id = pid
    elif st.session_state.project_id:
        st.query_params["project"] = st.session_state.project_id  # switching pages clears the URL


def load_snapshot() -> None:
    """Read the open project once per run (app.py); pages use current_snapshot()."""
    st.session_state.project_snapshot = None
    pid = st.session_state.get("project_id")
    if not pid:
        return
    try:
        snapshot = get_store().snapshot(pid)
    except StoreError as exc:
        st.error(str(exc))
        st.stop()
    if snapshot is None:
        st.session_state.url_problem = "No project with this link exists (it may have been deleted). Pick one below."
        st.session_state.project_id = None
        st.query_params.clear()
    st.session_state.project_snapshot = snapshot


def current_snapshot() -> ProjectSnapshot | None:
    return st.session_state.get("project_snapshot")


def current_project() -> Project | None:
    snapshot = current_snapshot()
    return snapshot.project if snapshot else None


def open_project(project_id: str, page: str = "questionnaire") -> None:
    st.session_state.project_id = project_id
    st.switch_page(PAGES[page], query_params={"project": project_id})


def require_project() -> ProjectSnapshot:
    """The open project (as read this run), or a friendly stop with a way back to the project list."""
    snapshot = current_snapshot()
    if snapshot is None:
        problem = st.session_state.get("url_problem")
        st.info(problem or "Open or create a project first.")
        if st.button("Go to projects", key="require_project_home"):
            st.switch_page(PAGES["home"])
        st.stop()
    return snapshot


def project_content(snapshot: ProjectSnapshot) -> tuple[Content, str | None]:
    """Built-in content plus the project's own question files; a broken team file is reported, not fatal."""
    extra = tuple((name, text.encode("utf-8")) for name, text in snapshot.question_files)
    try:
        return load_content(extra), None
    except InputError as exc:
        return load_content(), "; ".join(str(p) for p in exc.problems[:3])


def flash(kind: str, message: str) -> None:
    """Queue a message to show after the next rerun (e.g. after a callback)."""
    st.session_state.flash.append((kind, message))


def show_flash() -> None:
    for kind, message in st.session_state.get("flash", []):
        getattr(st, kind)(message)
    st.session_state.flash = []


def show_problems(problems, heading: str) -> None:
    """List input problems safely (team text is shown literally)."""
    lines = "\n".join(f"- {md(str(p))}" for p in problems[:20])
    more = f"\n\n…and {len(problems) - 20} more." if len(problems) > 20 else ""
    st.error(f"**{heading}**\n\n{lines}{more}")
