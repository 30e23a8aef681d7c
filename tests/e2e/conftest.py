"""Real-browser fixtures: a Streamlit server on a free loopback port and Debian's Chromium via Playwright.

Playwright's own browser download is never used. Without a browser the tests skip locally; with
CI=true a missing browser is a failure. On a failing test the page's screenshot and text are saved
under test-artefacts/.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from streamlit_harness import chromium_available, launch_chromium, streamlit_server  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
ARTEFACTS = ROOT / "test-artefacts"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _missing_browser(reason: str):
    if IN_CI:
        pytest.fail(f"browser tests must run in CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """`streamlit run app.py` on a free port with its own database; waits for /_stcore/health."""
    db = tmp_path_factory.mktemp("e2e") / "planner.db"
    with streamlit_server(ROOT / "app.py", db) as running:
        yield running


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing_browser("playwright is not installed (make test installs it)")
    if not chromium_available():
        _missing_browser("no Chromium at /usr/bin/chromium (make test installs Debian's chromium)")
    with sync_playwright() as playwright:
        instance = launch_chromium(playwright)
        yield instance
        instance.close()


@pytest.fixture
def new_context(browser):
    """Make browser contexts (separate sessions, like two people); all are closed after the test."""
    made = []

    def make():
        ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        ctx.set_default_timeout(20_000)
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()


@pytest.fixture
def watched(request, new_context):
    """Pages to save (screenshot and text) under test-artefacts/ if the test fails, before they close."""
    pages = []
    yield pages
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        save_artefacts(request.node.name, pages)


@pytest.fixture
def page(new_context, watched):
    pg = new_context().new_page()
    watched.append(pg)
    return pg


def save_artefacts(test_name: str, pages) -> None:
    ARTEFACTS.mkdir(exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", test_name)
    for i, pg in enumerate(pages):
        try:
            pg.screenshot(path=str(ARTEFACTS / f"{stem}-{i}.png"), full_page=True)
            (ARTEFACTS / f"{stem}-{i}.txt").write_text(pg.inner_text("body"), encoding="utf-8")
        except Exception as exc:  # the page may be gone; keep the test's own failure visible
            (ARTEFACTS / f"{stem}-{i}.txt").write_text(f"could not save the page: {exc}", encoding="utf-8")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
