"""The session's project: global state, the name for the history, the project and access from the URL, page changes."""

from __future__ import annotations

import dataclasses
import functools
import logging

import streamlit as st

from ..access_policy import NO_ACCESS, Decision, decide, key_for_url, needs_browser_access, still_allows
from ..answers import fit_stored, misfit_answers
from ..content import Content, load_content
from ..errors import InputError
from ..store import (
    AccessDenied,
    Account,
    Grant,
    Project,
    ProjectSnapshot,
    Store,
    StoreError,
    StoreUnavailable,
    valid_project_id,
    valid_token,
)
from ..store.room_codes import normalise
from ..store.store import clean_author
from .cookie import browser_key, browser_to_remember, cookie_works, init_browser_key
from .language import ui_language, ui_translator
from .messages import md

_LOG = logging.getLogger("planner")
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
PARTICIPANT_PAGES = ("home", "workshop", "learn", "method")  # what a participant link opens
ACCOUNT_KEY = "signin_account"  # the signed-in Account (ui/signin.py), None without sign-in


@st.cache_resource(show_spinner=False)
def _open_store() -> Store:
    """One Store per server process; it opens a short connection per operation (a failure is not cached)."""
    return Store()


def get_store() -> Store:
    """The server's Store; when PLANNER_DB cannot be opened, the planner's message instead and the run stops."""
    try:
        return _open_store()
    except StoreUnavailable as exc:
        _LOG.error("%s", exc)
        st.error(md(str(exc)))
        st.stop()


def init_global_state() -> None:
    """Called once per run from app.py, before any page."""
    st.session_state.setdefault("project_id", None)
    st.session_state.setdefault("project_snapshot", None)
    st.session_state.setdefault("flash", [])
    st.session_state.setdefault("author", clean_author(st.query_params.get("as", "")))
    if "pending_author" in st.session_state:  # set before the sidebar's name widget exists in this run
        st.session_state.author = st.session_state.pop("pending_author")
        st.session_state.pop(AUTHOR_WIDGET, None)
    st.session_state.setdefault("access", None)  # Grant for project_id, checked again every run
    st.session_state.setdefault("access_key", None)  # the link token that gave it (kept in the URL)
    st.session_state.setdefault("remembered_links", set())
    init_browser_key()


AUTHOR_WIDGET = "sidebar_author"


def _author_typed() -> None:
    st.session_state.author = clean_author(st.session_state.get(AUTHOR_WIDGET, ""))


def author_input() -> None:
    """The sidebar's name field (app.py), unless someone is signed in (ui/signin.py: their name and e-mail sign changes).
    Its value lives in the plain key "author": a widget's own state is dropped when st.switch_page changes the page
    (e.g. "Create project"), which lost the name before."""
    if current_account() is not None:
        return
    if AUTHOR_WIDGET not in st.session_state:
        st.session_state[AUTHOR_WIDGET] = st.session_state.author
    _ = ui_translator()._
    st.sidebar.text_input(_("Your name (for the project history)"), key=AUTHOR_WIDGET, max_chars=120,
                          placeholder=_("e.g. Ana (PO)"), on_change=_author_typed)


def current_account() -> Account | None:
    """The account signed in through the identity provider (ui/signin.py sets it each run), or None."""
    return st.session_state.get(ACCOUNT_KEY)


def current_author() -> str:
    """Who signs this session's changes: the signed-in account's name and e-mail, else the sidebar's name ("": none)."""
    account = current_account()
    return account.author if account is not None else _typed_author()


def _typed_author() -> str:
    return clean_author(st.session_state.get("author", ""))


def keep_author_in_url() -> None:
    """The typed name travels in the URL (?as=…), so a refresh keeps it like the project (a signed-in name does not)."""
    name = _typed_author() if current_account() is None else ""
    if name and st.query_params.get("as") != name:
        st.query_params["as"] = name
    elif not name and "as" in st.query_params:
        del st.query_params["as"]


def _deny(problem: str) -> None:
    st.session_state.url_problem = problem
    st.session_state.project_id = None
    st.session_state.access = None
    st.session_state.access_key = None
    st.query_params.clear()


def resolve_project_from_url() -> None:
    """The URL names the open project and, for a shared link, the key that opens it; refresh and links work.

    Access is checked on every run, so a revoked link stops working at the next click. Without a
    key in the URL the browser's own access (it created or joined the project) is used.
    """
    _ = ui_translator()._
    if "room" in st.query_params and not _enter_room(st.query_params.get("room")):
        return
    values = st.query_params.get_all("project")
    if len(set(values)) > 1:
        _deny(_("The link names more than one project, so none was opened. Pick one below."))
        return
    st.session_state.url_problem = None
    session_project = st.session_state.project_id
    if values:
        pid = values[0]
        if not valid_project_id(pid):
            _deny(_("The link does not contain a valid project id. Pick a project below."))
            return
    elif session_project:
        pid = session_project
        st.query_params["project"] = pid  # switching pages clears the URL
    else:
        st.session_state.access = None
        return
    # ?participant= was the personal link before links had keys (migration 0005 kept those working)
    url_key = st.query_params.get("key") or st.query_params.get("participant")
    key = url_key or (st.session_state.access_key if pid == session_project else None)
    store = get_store()
    try:
        decision = _grant_for(store, pid, key)
    except StoreError as exc:
        st.error(str(exc))
        st.stop()
    grant = decision.grant
    if grant is None:
        _deny(decision.refusal or NO_ACCESS)
        return
    if decision.key and not is_room_code(decision.key):  # a room code is short-lived: the browser does not keep it
        _remember_link(store, grant)
    st.session_state.project_id = pid
    st.session_state.access = grant
    st.session_state.access_key = decision.key
    _show_key_in_url(decision.key, grant)


def _enter_room(text: str) -> bool:
    """?room=CODE (the QR code on the projector): open that workshop with the code as its key; False when refused."""
    del st.query_params["room"]
    try:
        grant = get_store().resolve_room_code(text, browser=browser_key())
    except AccessDenied as exc:
        _deny(str(exc))
        return False
    except StoreError as exc:
        st.error(str(exc))
        st.stop()
    note_room_code(text, grant)
    st.query_params["project"] = grant.project_id
    st.query_params["key"] = normalise(text)
    return True


def room_code_links() -> dict:
    """Room codes that already let this session in → their join link (re-checked without the guess limit)."""
    return st.session_state.setdefault("room_code_links", {})


def note_room_code(code: str, grant) -> None:
    room_code_links()[normalise(code)] = grant.link_id


def is_room_code(key: str) -> bool:
    return not valid_token(key) and normalise(key) is not None


def _remember_link(store: Store, grant: Grant) -> None:
    """Tie the link to this browser (a write); when it fails (disk full, locked), reading goes on with the key.

    Tried once per link and session: a lock would otherwise make every rerun wait for the busy timeout.
    Until it works, the key stays in the URL (see _show_key_in_url), so a refresh still gets in.
    """
    tried = st.session_state.setdefault("remember_tried", set())
    if grant.link_id in st.session_state.remembered_links or grant.link_id in tried:
        return
    tried.add(grant.link_id)
    try:
        store.remember(browser_to_remember(), grant)
    except StoreError as exc:
        _LOG.warning("could not remember a link for this browser (reading goes on): %s", exc)
        return
    st.session_state.remembered_links.add(grant.link_id)


def _grant_for(store: Store, pid: str, key: str | None) -> Decision:
    """The access a link key (or, without one, this browser) gives to a project; the rule is access_policy.decide."""
    presented, denied = None, None
    if key:
        try:
            if is_room_code(key):
                # once a code let this session in, reruns only check it still works: other people's wrong codes (the
                # server-wide guess limit) must not throw out someone still on the join form
                presented = store.resolve_room_code(key, known_link=room_code_links().get(normalise(key)), browser=browser_key())
                note_room_code(key, presented)
            else:
                presented = store.resolve_token(pid, key)
            if presented.project_id != pid:  # a room code of another project
                presented, denied = None, AccessDenied("room_code")
        except AccessDenied as exc:
            denied = exc
    bound = store.browser_grant(browser_key(), pid) if needs_browser_access(presented) else None
    account = current_account()
    if account is not None and needs_browser_access(presented) and (bound is None or not bound.facilitator):
        bound = store.account_grant(account, pid) or bound  # the account's own or shared project
    return decide(key, presented, denied, bound)


def _show_key_in_url(key: str | None, grant: Grant) -> None:
    """Keep a link's key in the address bar only where a refresh needs it (access_policy.key_for_url)."""
    if "participant" in st.query_params:
        del st.query_params["participant"]
    remembered = grant.link_id in st.session_state.get("remembered_links", ())  # else the refresh needs the key
    wanted = key_for_url(key, grant, cookie_works(), remembered)
    if wanted and st.query_params.get("key") != wanted:
        st.query_params["key"] = wanted
    elif not wanted and "key" in st.query_params:
        del st.query_params["key"]


def load_snapshot() -> None:
    """Read the open project once per run (app.py); pages use current_snapshot()."""
    st.session_state.project_snapshot = None
    st.session_state.project_misfits = []
    pid = st.session_state.get("project_id")
    if not pid or current_access() is None:
        return
    try:
        snapshot = get_store().snapshot(pid)
    except StoreError as exc:
        st.error(str(exc))
        st.stop()
    if snapshot is None:
        _deny(ui_translator()._("This project no longer exists (it may have been deleted). Pick one below."))
    st.session_state.project_snapshot = _fitted(snapshot)


def _fitted(snapshot: ProjectSnapshot) -> ProjectSnapshot:
    """Every page sees stored answers only in a form that fits their question; one that does not (e.g. a team
    file changed a question's type) counts as unanswered and is listed in `project_misfits`."""
    content, _ = project_content(snapshot)
    st.session_state.project_misfits = misfit_answers(content, snapshot.answers)
    versions = {}
    for qid, (value, version) in snapshot.versions.items():
        question = content.questions.get(qid)
        versions[qid] = (fit_stored(question, value) if question is not None and value is not None else value, version)
    return dataclasses.replace(snapshot, versions=versions) if versions != snapshot.versions else snapshot


def current_access() -> Grant | None:
    """How this session may use the open project (None: no project open)."""
    grant = st.session_state.get("access")
    return grant if grant and grant.project_id == st.session_state.get("project_id") else None


def is_participant() -> bool:
    grant = current_access()
    return grant is not None and not grant.facilitator


def still_allowed(facilitator: bool = True) -> bool:
    """Check the session's access again, now (one query).

    Widget callbacks run before app.py checks the URL, so a callback that writes must ask first:
    otherwise one last change could slip through right after its link was revoked.
    """
    grant = st.session_state.get("access")
    if grant is None:
        return False
    try:
        now = _grant_for(get_store(), grant.project_id, st.session_state.get("access_key")).grant
    except StoreError:
        return False
    return still_allows(now, grant, facilitator)


def guarded(facilitator: bool = True):
    """Decorator for widget callbacks that write: they do nothing once the session's access is gone."""
    def wrap(callback):
        @functools.wraps(callback)
        def checked(*args, **kwargs):
            if still_allowed(facilitator):
                return callback(*args, **kwargs)
            return None
        return checked
    return wrap


def visible_pages() -> list[str]:
    """A participant link opens the workshop only; everyone else sees every page."""
    return list(PARTICIPANT_PAGES) if is_participant() else list(PAGES)


def current_snapshot() -> ProjectSnapshot | None:
    return st.session_state.get("project_snapshot")


def current_project() -> Project | None:
    snapshot = current_snapshot()
    return snapshot.project if snapshot else None


def open_project(project_id: str, page: str = "questionnaire", key: str | None = None) -> None:
    """Go to a page of a project; `key` is a link token (e.g. right after creating), else this browser's access."""
    if project_id != st.session_state.project_id:
        st.session_state.access_key = None
    st.session_state.project_id = project_id
    params = {"project": project_id}
    if _typed_author() and current_account() is None:
        params["as"] = _typed_author()
    if key or st.session_state.access_key:
        params["key"] = key or st.session_state.access_key
    st.switch_page(PAGES[page], query_params=params)


def require_project(facilitator: bool = True) -> ProjectSnapshot:
    """The open project (as read this run), or a friendly stop with a way back to the project list.

    Pages that show or change the project itself need facilitator access; a participant link
    gets a clear page pointing to the workshop instead.
    """
    _ = ui_translator()._
    snapshot = current_snapshot()
    if snapshot is None:
        problem = st.session_state.get("url_problem")
        st.info(problem or _("Open or create a project first."))
        if st.button(_("Go to projects"), key="require_project_home"):
            st.switch_page(PAGES["home"])
        st.stop()
    if facilitator and is_participant():
        st.warning(_("Your link lets you take part in this project's workshop; this page is for the facilitator."))
        if st.button(_("Go to the workshop"), key="require_project_workshop", type="primary"):
            open_project(snapshot.project.id, "workshop")
        st.stop()
    return snapshot


def project_content(snapshot: ProjectSnapshot) -> tuple[Content, str | None]:
    """Built-in content (in the app's language) plus the project's own question files; a broken team file is reported,
    not fatal. Answers and ids are the same in every language."""
    extra = tuple((name, text.encode("utf-8")) for name, text in snapshot.question_files)
    try:
        return load_content(extra, language=ui_language()), None
    except InputError as exc:
        return load_content(language=ui_language()), "; ".join(str(p) for p in exc.problems[:3])
