"""Projects: create, open, list, export and import."""

import planner.ui.boot  # noqa: F401, I001 - first: loads the planner once per process (see its docstring)

from functools import partial

import streamlit as st

from planner.errors import InputError
from planner.filenames import safe_filename
from planner.store import ProjectConflictError, StoreError
from planner.transfer import dump, export_answers_csv, export_document, import_as_new, read_import, replace_project_answers
from planner.ui.room import join_by_code_form
from planner.ui.account_sharing import colleagues_panel
from planner.ui.language import ui_translator
from planner.ui.sharing import share_panel
from planner.ui.signin import creator, may_create, my_projects, through_account
from planner.ui.state import (
    browser_key,
    browser_to_remember,
    current_access,
    current_author,
    current_project,
    ensure_app_navigation,
    flash,
    get_store,
    md,
    open_project,
    show_flash,
    show_problems,
)

ensure_app_navigation()
t = ui_translator()
_ = t._


def _export(store, project_id: str, fmt: str) -> bytes:
    return dump(export_document(store, project_id), fmt)


def _fill_edit_form(project) -> None:
    """The rename form starts from the project as read now and remembers that version (stale saves are refused)."""
    base = st.session_state.get("home_edit_base")
    if base is None or base[0] != project.id or "home_edit_name" not in st.session_state:
        st.session_state.home_edit_base = (project.id, project.version)
        st.session_state.home_edit_name = project.name
        st.session_state.home_edit_description = project.description


def _save_edits(store, project, name: str, description: str) -> None:
    """Save the rename form; a stale one (another tab saved first) is refused and refilled with the newer values."""
    try:
        store.update_project(project.id, name, description, st.session_state.home_edit_base[1], author=current_author())
    except ProjectConflictError as exc:
        flash("error", md(str(exc)))
    except (ValueError, StoreError) as exc:
        st.error(_("Not saved: {problem}").format(problem=md(str(exc))))
        return
    st.session_state.home_edit_base = None  # refill from the stored project
    st.rerun()


store = get_store()
project = current_project()
access = current_access()

st.title(_("ML kickoff planner"))
st.markdown(_(
    "Plan the kickoff of a product with an ML component: answer questions on requirements, data and "
    "integration, see where collaboration is likely to break and why, and leave with a plan. Built on "
    "an interview study of 45 practitioners in 28 organisations (Nahar et al., ICSE 2022, §3)."
))
show_flash()
if st.session_state.get("url_problem"):
    st.warning(st.session_state.url_problem)

if project and not access.facilitator:
    with st.container(border=True):
        st.header(_("Workshop: {name}").format(name=md(project.name)))
        st.markdown(_("Your link lets you take part in this project's kickoff workshop: give your answers from your role "
                      "and see where the roles expect different things."))
        if st.button(_("Go to the workshop"), key="home_workshop", type="primary"):
            open_project(project.id, "workshop")
elif project:
    with st.container(border=True):
        st.header(_("Open project: {name}").format(name=md(project.name)))
        if project.description:
            st.text(project.description)
        go_q, go_r, __ = st.columns([2, 1.3, 3])
        if go_q.button(_("Continue the questionnaire"), key="home_continue", type="primary"):
            open_project(project.id, "questionnaire")
        if go_r.button(_("See the risk"), key="home_risk"):
            open_project(project.id, "risk")
        with st.expander(_("Share and access (links)")):
            colleagues_panel(project.id)
            share_panel(project.id)
        with st.expander(_("Rename, export or delete")):
            _fill_edit_form(project)
            with st.form("home_edit"):
                new_name = st.text_input(_("Name"), key="home_edit_name", max_chars=120)
                new_description = st.text_area(_("Short description"), key="home_edit_description", max_chars=2000)
                if st.form_submit_button(_("Save changes")):
                    _save_edits(store, project, new_name, new_description)
            c1, c2, c3 = st.columns(3)
            for column, fmt, mime in ((c1, "yaml", "application/x-yaml"), (c2, "json", "application/json")):
                column.download_button(_("Export answers ({format})").format(format=fmt.upper()),
                                       partial(_export, store, project.id, fmt),  # built on click only
                                       safe_filename(project.name, fmt), mime=mime, key=f"home_export_{fmt}",
                                       on_click="ignore")
            c3.download_button(_("Answers as CSV (spreadsheet)"), partial(export_answers_csv, store, project.id),
                               safe_filename(project.name, "csv"), mime="text/csv", key="home_export_csv",
                               on_click="ignore", help=_("For reading in a spreadsheet; it cannot be imported again."))
            st.divider()
            confirm = st.checkbox(_("I want to delete this project and all its answers"), key="home_delete_confirm")
            if st.button(_("Delete project"), disabled=not confirm, key="home_delete"):
                store.delete_project(project.id)
                st.session_state.project_id = None
                st.query_params.clear()
                st.rerun()

if not project:
    join_by_code_form()

new_tab, open_tab, import_tab = st.tabs([_("New project"), _("Open a project"), _("Import")])

with new_tab:
    owner, remember = creator()
    if may_create():
        with st.form("home_create", clear_on_submit=False):
            name = st.text_input(_("Project name"), max_chars=120, placeholder=_("e.g. Claims triage model"))
            description = st.text_area(_("Short description (optional)"), max_chars=2000,
                                       placeholder=_("What the product does and where ML comes in"))
            if st.form_submit_button(_("Create project"), type="primary"):
                try:
                    created = store.create_project(name, description, author=current_author(),
                                                   browser=browser_to_remember() if remember else None, owner=owner)
                except ValueError as exc:
                    st.error(_("Not created: {problem}.").format(problem=md(exc)))
                except StoreError as exc:
                    st.error(str(exc))
                else:
                    st.session_state.quest_section = 0
                    open_project(created.id, "questionnaire", key=created.key)

with open_tab:
    try:
        projects = my_projects(store, store.browser_projects(browser_key()))
    except StoreError as exc:
        st.error(str(exc))
        projects = []
    st.caption((_("Projects of your account (yours and those shared with you) and those this browser joined.") if owner else
                _("Projects this browser created or joined.")) + " " + _("To open another project, use the link its facilitator shared."))
    if not projects:
        st.info((_("No projects of your account yet.") if owner else _("No projects in this browser yet."))
                + " " + _("Create one in the first tab, or open a link you were sent."))
    else:
        search = st.text_input(_("Filter by name"), key="home_filter", placeholder=_("Type to filter"))
        shown = [(p, grant) for p, grant in projects if search.lower() in p.name.lower()]
        for p, grant in shown[:50]:
            left, mid, right, forget = st.columns([4, 2, 1, 1], vertical_alignment="center")
            left.markdown(f"**{md(p.name)}**" + (f"  \n{md(p.description[:140])}" if p.description else ""))
            mid.caption((_("Facilitator") if grant.facilitator else _("Workshop participant"))
                        + " · " + _("last change {when} UTC").format(when=f"{p.updated_at:%Y-%m-%d %H:%M}"))
            if right.button(_("Open"), key=f"home_open_{p.id}"):
                st.session_state.quest_section = 0
                open_project(p.id, "questionnaire" if grant.facilitator else "workshop")
            if not through_account(grant) and forget.button(_("Remove"), key=f"home_forget_{p.id}",
                                                            help=_("Take it off this browser's list; its links keep working.")):
                store.forget(browser_key(), p.id)
                if project and project.id == p.id:
                    st.session_state.project_id = None
                    st.query_params.clear()
                st.rerun()
        if len(shown) > 50:
            st.caption(_("{count} more - refine the filter to find them.").format(count=t.integer(len(shown) - 50)))

with import_tab:
    st.markdown(_("Import a project exported from this planner, or an answers file (question id → answer), as YAML or JSON. "
                  "The file is checked completely before anything is saved."))
    upload = st.file_uploader(_("Project file"), type=["yaml", "yml", "json"], key="home_import_file")
    if upload is not None and may_create():
        try:
            preview = read_import(upload.getvalue(), upload.name)
        except InputError as exc:
            show_problems(exc.problems, _("This file cannot be imported; nothing was changed."))
        else:
            n = len(preview.answers)
            files = len(preview.question_files)
            valid = _("Valid file: **{name}** with {count} answer") if n == 1 else _("Valid file: **{name}** with {count} answers")
            st.success(valid.format(name=md(preview.name), count=t.integer(n))
                + (_(" and {count} team question file(s).").format(count=t.integer(files)) if files else "."))
            if st.button(_("Import as a new project"), key="home_import_new", type="primary"):
                try:
                    created = import_as_new(store, preview, current_author(), browser_to_remember() if remember else None, owner)
                except StoreError as exc:
                    st.error(str(exc))
                else:
                    open_project(created.id, "risk", key=created.key)
            if project and access.facilitator:
                replace = st.checkbox(_("Replace all answers of the open project '{name}' instead").format(name=md(project.name)),
                                      key="home_import_replace_confirm")
                if replace and st.button(_("Replace answers"), key="home_import_replace"):
                    try:
                        replace_project_answers(store, project.id, preview, current_author())
                    except StoreError as exc:
                        st.error(str(exc))
                    else:
                        open_project(project.id, "risk")
