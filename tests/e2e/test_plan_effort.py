"""The Plan page's Effort & buffers section in a real browser: an edit there reruns the section alone (a fragment),
unless it changes what the page shows outside the section (issue 16)."""

from __future__ import annotations

import re

from streamlit_harness import RUN_KIND, RUN_WATCH_JS
from test_journeys import store_of, wait_idle

from planner.content import load_content
from planner.plan import default_plan
from planner.safe_yaml import load_yaml

P80 = '[data-testid="stMetric"]:has-text("P80") [data-testid="stMetricValue"]'


def _risky_project(server, name: str, link: bool = False):
    """A project with the risky example's answers and a saved plan (version 1) whose first task is 2 / 5 / 60 days, and a
    facilitator link's key (with `link`, also the link)."""
    from pathlib import Path

    store = store_of(server)
    project = store.create_project(name)
    made, key = store.create_link(project.id, "facilitator", "E2E")
    example = Path(__file__).resolve().parents[2] / "examples" / "risky.yaml"
    answers = {k: v for k, v in load_yaml(example.read_bytes(), "risky").items() if k != "schema_version"}
    for qid, value in answers.items():
        store.save_answer(project.id, qid, value)
    plan = default_plan(load_content(), answers)
    plan.tasks[0] = plan.tasks[0].model_copy(update={"optimistic": 2.0, "likely": 5.0, "pessimistic": 60.0})
    store.save_plan(project.id, plan.model_dump(mode="json"))
    return (store, project, key, made) if link else (store, project, key)


def _open(new_context, watched, server, project, key):
    context = new_context()
    context.add_init_script(RUN_WATCH_JS)
    context.add_init_script(RUN_KIND)
    page = context.new_page()
    watched.append(page)
    page.goto(server.page_url("plan", project=project.id, key=key))
    page.locator(P80).first.wait_for(timeout=60_000)
    wait_idle(page)
    return page


def _runs_of(page, edit) -> list[str]:
    """The kinds of the runs `edit` caused, once the page is idle again."""
    page.evaluate("() => { window.__runs = []; }")
    edit()
    page.wait_for_function("() => window.__runs.length > 0")
    wait_idle(page)
    return page.evaluate("() => window.__runs")


def _save_most_likely(page, value: float) -> None:
    field = page.locator('[data-testid="stForm"] [data-testid="stNumberInput"] input').nth(1)  # optimistic, most likely, ...
    field.fill(f"{value:g}")
    field.press("Enter")


def _caption(page) -> str:
    return page.get_by_text(re.compile(r"Plan version \d+\.")).first.inner_text()


def _effort_label(page) -> str:
    return page.locator('[data-testid="stButtonGroup"] button').filter(has_text=re.compile(r"^Effort & buffers")).first.inner_text()


def test_an_estimate_edit_reruns_the_effort_section_alone(new_context, watched, server):
    store, project, key = _risky_project(server, "Effort fragment")
    page = _open(new_context, watched, server, project, key)
    p80 = page.locator(P80).first.inner_text()
    label = _effort_label(page)
    assert "Plan version 1." in _caption(page)
    assert _runs_of(page, lambda: _save_most_likely(page, 55)) == ["fragment"]
    assert store.load_plan(project.id)[0]["tasks"][0]["likely"] == 55.0
    assert page.locator(P80).first.inner_text() != p80  # the section shows the new simulation
    assert "Plan version 2." in _caption(page)  # the page's caption, outside the section, too
    assert _effort_label(page) == label
    assert page.locator('[data-testid="stDataFrame"] #glide-cell-4-0').first.inner_text() == "55"  # and the table


def test_an_edit_that_changes_a_section_label_reruns_the_page(new_context, watched, server):
    store, project, key = _risky_project(server, "Effort label")
    page = _open(new_context, watched, server, project, key)
    assert _effort_label(page) == "Effort & buffers (1)"  # the committed delivery is below P50
    target = page.get_by_label(re.compile(r"^Target"))
    runs = _runs_of(page, lambda: (target.fill("2000"), target.press("Enter")))
    assert "app" in runs, runs
    assert store.load_plan(project.id)[0]["estimation"]["target_days"] == 2000
    assert _effort_label(page) == "Effort & buffers"


def test_an_edit_on_a_plan_someone_else_changed_is_refused(new_context, watched, server):
    store, project, key = _risky_project(server, "Effort conflict")
    page = _open(new_context, watched, server, project, key)
    plan, version = store.load_plan(project.id)
    plan["tasks"][0]["name"] = "Renamed by someone else"
    store.save_plan(project.id, plan, expected_version=version)
    _runs_of(page, lambda: _save_most_likely(page, 55))
    page.get_by_text("someone else changed the plan").first.wait_for()
    assert store.load_plan(project.id)[0]["tasks"][0]["likely"] == 5.0  # theirs kept
    assert "Plan version 2." in _caption(page)  # their version shown now, so the next edit is saved
    assert page.locator('[data-testid="stDataFrame"] #glide-cell-1-0').first.inner_text() == "Renamed by someone else"
    assert _runs_of(page, lambda: _save_most_likely(page, 55)) == ["fragment"]
    assert store.load_plan(project.id)[0]["tasks"][0]["likely"] == 55.0


def test_answers_changed_elsewhere_rerun_the_page(new_context, watched, server):
    store, project, key = _risky_project(server, "Effort answers")
    page = _open(new_context, watched, server, project, key)
    store.save_answer(project.id, "setup_model_developer", "own_team")  # someone on the Questionnaire
    assert "app" in _runs_of(page, lambda: _save_most_likely(page, 55))


def test_a_revoked_link_stops_the_section_too(new_context, watched, server):
    """A fragment's rerun skips app.py's access check: the section checks it again before it reads the plan."""
    store, project, key, link = _risky_project(server, "Effort revoked", link=True)
    page = _open(new_context, watched, server, project, key)
    store.create_link(project.id, "facilitator", "Another")  # the last facilitator link cannot be revoked
    store.revoke_link(project.id, link.id)
    page.get_by_label("Task to estimate").click()  # another task: a rerun of the section without a save
    page.get_by_role("option").nth(1).click()
    wait_idle(page)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stMetric\"]')", timeout=20_000)
    assert page.locator(P80).count() == 0
