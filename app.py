"""Entrypoint: global state, the project (and access) from the URL, and navigation over pages/."""

import planner.ui.boot  # noqa: F401, I001 - first: loads the planner once per process (see its docstring)

from pathlib import Path

import streamlit as st

from planner.i18n import N_
from planner.ui.language import init_language, language_select, ui_translator
from planner.ui.preload import preload_html_element
from planner.ui.sharing import check_public_url
from planner.ui.signin import account_sidebar, refresh_account
from planner.ui.state import (
    PAGES,
    app_run,
    author_input,
    current_project,
    init_global_state,
    keep_author_in_url,
    keep_browser_cookie,
    load_snapshot,
    md,
    resolve_project_from_url,
    show_unexpected_error,
    visible_pages,
)

TITLES = {  # translated where shown (the app's language is known once the run has begun)
    "home": (N_("Projects"), ":material/folder_open:"),
    "questionnaire": (N_("Questionnaire"), ":material/checklist:"),
    "risk": (N_("Risk"), ":material/warning:"),
    "plan": (N_("Plan"), ":material/assignment:"),
    "workshop": (N_("Workshop"), ":material/groups:"),
    "milestones": (N_("Milestones"), ":material/timeline:"),
    "history": (N_("History"), ":material/history:"),
    "learn": (N_("Learn"), ":material/school:"),
    "method": (N_("Method"), ":material/menu_book:"),
}

ICON = Path(__file__).parent / "assets" / "icons" / "planner.png"  # shipped: nothing is fetched from a font CDN

with app_run():
    init_language()  # first: the browser tab's title is in the app's language too
    st.set_page_config(page_title=ui_translator()._("ML kickoff planner"), page_icon=str(ICON), layout="wide")
    try:
        check_public_url()
        init_global_state()
        refresh_account()  # with [auth] in the secrets only: the signed-in account, before access is checked
        resolve_project_from_url()
        load_snapshot()
        _ = ui_translator()._
        navigation = st.navigation([st.Page(PAGES[name], title=_(TITLES[name][0]), icon=TITLES[name][1], default=name == "home")
                                    for name in visible_pages()])
        project = current_project()
        st.sidebar.caption(_("Open project: **{name}**").format(name=md(project.name)) if project else _("No project open"))
        account_sidebar()
        language_select()
        author_input()
        keep_author_in_url()
        keep_browser_cookie()
        preload_html_element()
        navigation.run()
    except Exception as exc:  # st.stop / st.rerun / switch_page are BaseException and pass through
        show_unexpected_error(exc)
