"""AppTest: sign-in with the organisation's identity provider, when `[auth]` is in the secrets (and nothing of it
without): the sign-in button, projects that belong to the account, sharing by e-mail, the signed-in author."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest
from test_pages import (  # noqa: F401 - fixtures and helpers shared with the page tests
    APP,
    BROWSER,
    QUESTIONNAIRE,
    all_text,
    no_exception,
    open_app,
    page_db,
    page_project,
    page_store,
    rerun,
)

from planner.ui.messages import md

ISSUER = "https://login.example.org"
AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test-cookie-secret",
        "company": {"client_id": "planner", "client_secret": "s3cret",
                    "server_metadata_url": f"{ISSUER}/.well-known/openid-configuration"}}


def user(sub: str, email: str, name: str) -> dict:
    return {"is_logged_in": True, "iss": ISSUER, "sub": sub, "email": email, "name": name}


def open_signed_in(who: dict | None, project_id=None, page: str | None = None, browser: str = BROWSER) -> AppTest:
    """A session with [auth] in the secrets; `who` the claims st.user gives (None: not signed in)."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets["auth"] = AUTH
    at.user = who or {"is_logged_in": False}
    at.session_state["browser_key"] = browser
    if project_id is not None:
        at.query_params["project"] = project_id
    if page:
        at.switch_page(page)
    at.run()
    return no_exception(at)


def create(at: AppTest, name: str) -> AppTest:
    next(t for t in at.text_input if t.label == "Project name").set_value(name)
    at.button(key="FormSubmitter:home_create-Create project").click()
    return rerun(at)


def test_without_auth_in_the_secrets_there_is_no_sign_in_and_the_name_field_stays(page_store):
    at = open_app()
    assert not any(b.label.startswith("Sign in") for b in at.button)
    assert at.text_input(key="sidebar_author") is not None
    assert "Project name" in [t.label for t in at.text_input]


def test_with_auth_a_facilitator_is_asked_to_sign_in_before_creating(page_store):
    at = open_signed_in(None)
    assert [b.label for b in at.button if b.label.startswith("Sign in")] == ["Sign in with Company"]
    assert "Project name" not in [t.label for t in at.text_input]
    assert "Sign in (in the sidebar) to create or import a project" in all_text(at)


def test_a_project_created_signed_in_belongs_to_the_account_and_is_listed_there(page_store):
    at = open_signed_in(user("sub-ana", "ana@example.org", "Ana Lopez"))
    assert "Signed in as **Ana Lopez**  \nana\u2060@example\\.org" in all_text(at)  # shown literally (no mail link)
    assert any(b.label == "Sign out" for b in at.button)
    create(at, "Claims triage")
    ana = page_store.sign_in(ISSUER, "sub-ana", email="ana@example.org", name="Ana Lopez")
    (project, grant), = page_store.account_projects(ana)
    assert project.name == "Claims triage" and grant.facilitator
    assert page_store.links(project.id) == [] and page_store.browser_projects(BROWSER) == []  # the account's, not the browser's
    assert page_store.history(project.id)[0].author == "Ana Lopez <ana@example.org>"
    again = open_signed_in(user("sub-ana", "ana@example.org", "Ana Lopez"), browser="another-browser-bbbbbbbbbbbb")
    assert any(b.key == f"home_open_{project.id}" for b in again.button)  # on any browser she signs in on
    opened = open_signed_in(user("sub-ana", "ana@example.org", "Ana Lopez"), project.id, QUESTIONNAIRE,
                            browser="another-browser-bbbbbbbbbbbb")
    opened.radio(key="quest_q_setup_trajectory").set_value("model_first")
    rerun(opened)
    assert page_store.history(project.id)[0].author == "Ana Lopez <ana@example.org>"  # not the sidebar name
    assert "as" not in opened.query_params


def test_another_account_cannot_open_it_until_shared_by_email(page_store):
    ana = page_store.sign_in(ISSUER, "sub-ana", email="ana@example.org", name="Ana")
    project = page_store.create_project("Claims triage", owner=ana.id)
    bo = user("sub-bo", "bo@example.org", "Bo")
    refused = open_signed_in(bo, project.id, QUESTIONNAIRE, browser="bo-browser-cccccccccccccccc")
    assert "no access to that project" in all_text(refused) and "Claims triage" not in all_text(refused)
    owner = open_signed_in(user("sub-ana", "ana@example.org", "Ana"), project.id)
    owner.text_input(key="sharing_colleague_email").set_value("not-an-email")
    owner.button(key="sharing_colleague_add").click()
    rerun(owner)
    assert "Not shared: " + md("'not-an-email' is not an e-mail address") in all_text(owner)
    owner.text_input(key="sharing_colleague_email").set_value("Bo@Example.org")
    owner.button(key="sharing_colleague_add").click()
    rerun(owner)
    assert [s.email for s in page_store.project_shares(project.id)] == ["bo@example.org"]
    assert page_store.history(project.id)[0].author == "Ana <ana@example.org>"
    shared = open_signed_in(bo, project.id, QUESTIONNAIRE, browser="bo-browser-cccccccccccccccc")
    assert "no access to that project" not in all_text(shared)
    assert shared.radio(key="quest_q_setup_trajectory") is not None


def test_a_join_link_works_without_an_account_when_sign_in_is_configured(page_store):
    ana = page_store.sign_in(ISSUER, "sub-ana", email="ana@example.org", name="Ana")
    project = page_store.create_project("Claims triage", owner=ana.id)
    _, token = page_store.create_link(project.id, "participant", "Join")
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": False}
    at.session_state["browser_key"] = "participant-browser-dddddddddd"
    at.query_params.update({"project": project.id, "key": token})
    at.switch_page("pages/workshop.py")
    at.run()
    no_exception(at)
    assert "no access" not in all_text(at) and any(t.label.startswith("Your name") for t in at.text_input)
