"""Sign-in with an identity provider, for real: a local OpenID Connect provider (oidc-provider-mock on loopback), a
Streamlit server whose secrets point at it, and Chromium. Account A signs in, creates a project and signs out;
account B cannot open it; A shares it with B's e-mail; then B can."""

from __future__ import annotations

import re
import secrets
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from streamlit_harness import ROOT, free_port, streamlit_server  # noqa: E402

oidc_provider_mock = pytest.importorskip("oidc_provider_mock", reason="make test installs oidc-provider-mock")
pytest.importorskip("authlib", reason="make run installs Authlib (st.login needs it)")

ANA = {"sub": "ana", "email": "ana@example.org", "name": "Ana Lopez"}
BO = {"sub": "bo", "email": "bo@example.org", "name": "Bo Berg"}


@pytest.fixture(scope="module")
def identity_provider():
    """oidc-provider-mock on a free loopback port, knowing accounts A and B; yields its issuer URL."""
    users = [oidc_provider_mock.User(sub=u["sub"], claims={"email": u["email"], "name": u["name"]}) for u in (ANA, BO)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")  # plain http on loopback (the provider runs in this process)
        with oidc_provider_mock.run_server_in_thread(port=free_port(), user_claims=users) as server:
            yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="module")
def signin_server(identity_provider, tmp_path_factory):
    """The app with [auth] in a secrets.toml of its own (--secrets.files): the repo's .streamlit stays untouched."""
    folder = tmp_path_factory.mktemp("signin")
    port = free_port()
    secrets_file = folder / "secrets.toml"
    secrets_file.write_text(f"""
[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "{secrets.token_urlsafe(32)}"

[auth.company]
client_id = "planner-tests"
client_secret = "planner-tests-secret"
server_metadata_url = "{identity_provider}/.well-known/openid-configuration"
""")
    with streamlit_server(ROOT / "app.py", folder / "planner.db", port=port,
                          options=("--secrets.files", str(secrets_file))) as running:
        yield running


def wait_for_app(page):
    """Streamlit has rendered the app and finished its run."""
    page.wait_for_selector("[data-testid='stSidebar']", timeout=30_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
                           " || !document.querySelector('[data-testid=\"stStatusWidget\"]').innerText.includes('Running')",
                           timeout=30_000)
    page.wait_for_timeout(300)


def sign_in(page, server, who: dict) -> None:
    page.goto(server.page_url())
    wait_for_app(page)
    page.get_by_role("button", name="Sign in with Company").click()
    page.wait_for_url(re.compile(r"/oauth2/authorize"), timeout=30_000)
    page.locator(f"button[name=sub][value={who['sub']}]").click()
    page.wait_for_url(re.compile(r"^http://127\.0\.0\.1"), timeout=30_000)
    wait_for_app(page)
    page.get_by_text(f"Signed in as {who['name']}").wait_for()


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    end_session = page.get_by_role("button", name="End session")  # the provider confirms (RP-initiated logout)
    signed_out = page.get_by_role("button", name="Sign in with Company")
    end_session.or_(signed_out).first.wait_for(timeout=30_000)
    if end_session.is_visible():
        end_session.click()
    wait_for_app(page)
    signed_out.wait_for()


def test_sign_in_create_sign_out_and_share_with_a_second_account(signin_server, new_context, watched):
    server = signin_server
    ana_page = new_context().new_page()
    watched.append(ana_page)
    sign_in(ana_page, server, ANA)
    ana_page.get_by_label("Project name").fill("Claims triage")
    ana_page.get_by_role("button", name="Create project").click()
    ana_page.wait_for_url(re.compile(r"questionnaire\?project="), timeout=30_000)
    project_id = re.search(r"project=([A-Za-z0-9_-]+)", ana_page.url).group(1)
    wait_for_app(ana_page)
    sign_out(ana_page)

    bo_page = new_context().new_page()
    watched.append(bo_page)
    sign_in(bo_page, server, BO)
    bo_page.goto(server.page_url("questionnaire", project=project_id))
    wait_for_app(bo_page)
    bo_page.get_by_text("no access to that project").wait_for()
    assert "Claims triage" not in bo_page.inner_text("body")

    sign_in(ana_page, server, ANA)
    ana_page.get_by_role("tab", name="Open a project").click()
    ana_page.locator('[data-testid="stMain"]').get_by_role("button", name="Open", exact=True).first.click()  # her project, listed for her account
    ana_page.wait_for_url(re.compile(f"project={project_id}"), timeout=30_000)
    ana_page.goto(server.page_url(project=project_id))
    wait_for_app(ana_page)
    ana_page.get_by_text("Share and access (links)").click()
    ana_page.get_by_label("Share with a colleague").fill("bo@example.org")
    ana_page.get_by_role("button", name="Share", exact=True).click()
    ana_page.get_by_text("can open this project after signing in").wait_for()

    bo_page.goto(server.page_url("questionnaire", project=project_id))
    wait_for_app(bo_page)
    bo_page.get_by_text("Claims triage").first.wait_for()
    assert "no access to that project" not in bo_page.inner_text("body")
    bo_page.goto(server.page_url())
    wait_for_app(bo_page)
    bo_page.get_by_role("tab", name="Open a project").click()
    bo_page.get_by_text("Claims triage").first.wait_for()  # listed for Bo's account now
