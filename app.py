"""Entrypoint: global state, the project from the URL, and navigation over pages/."""

import streamlit as st

from planner.ui.state import PAGES, current_project, init_global_state, keep_author_in_url, load_snapshot, md, resolve_project_from_url

st.set_page_config(page_title="ML kickoff planner", page_icon=":material/explore:", layout="wide")
init_global_state()
resolve_project_from_url()
load_snapshot()

navigation = st.navigation(
    [
        st.Page(PAGES["home"], title="Projects", icon=":material/folder_open:", default=True),
        st.Page(PAGES["questionnaire"], title="Questionnaire", icon=":material/checklist:"),
        st.Page(PAGES["risk"], title="Risk", icon=":material/warning:"),
        st.Page(PAGES["plan"], title="Plan", icon=":material/assignment:"),
        st.Page(PAGES["workshop"], title="Workshop", icon=":material/groups:"),
        st.Page(PAGES["milestones"], title="Milestones", icon=":material/timeline:"),
        st.Page(PAGES["history"], title="History", icon=":material/history:"),
        st.Page(PAGES["learn"], title="Learn", icon=":material/school:"),
        st.Page(PAGES["method"], title="Method", icon=":material/menu_book:"),
    ]
)
project = current_project()
st.sidebar.caption(f"Open project: **{md(project.name)}**" if project else "No project open")
st.sidebar.text_input("Your name (for the project history)", key="author", max_chars=120, placeholder="e.g. Ana (PO)")
keep_author_in_url()
navigation.run()
