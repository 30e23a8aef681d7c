"""axe-core (WCAG 2.1 A and AA) on every page, as the facilitator and as a workshop participant.

axe-core's script ships inside the axe-playwright-python wheel: nothing is fetched at run time. A violation fails the
test unless it is in ALLOWED below: findings inside Streamlit's own widgets that the planner cannot change, each
with its reason. Everything else (labels, contrast of our colours, heading order, ...) is the planner's to fix.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from test_journeys import new_project, wait_idle

from planner.content import load_content

# WCAG 2.1 A and AA, and heading order (axe files it under best practice; it is WCAG 1.3.1 in spirit)
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
           "rules": {"heading-order": {"enabled": True}}, "resultTypes": ["violations"]}

# (rule id, a piece of the node's CSS selector) -> why the planner cannot fix it. Reviewed; keep it small. Empty with
# Streamlit 1.67 and axe-core 4.12: every violation found so far was the planner's own (see the commit that added this).
ALLOWED: dict[tuple[str, str], str] = {}

AXE = Axe()


def allowed(rule: str, target: str) -> bool:
    return any(rule == r and piece in target for r, piece in ALLOWED)


def violations(page) -> list[str]:
    """Each violation not allowed, one line per node: rule, impact, selector, the failure summary."""
    found = []
    for violation in AXE.run(page, options=WCAG_AA).response["violations"]:
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            if not allowed(violation["id"], target):
                summary = " ".join(node.get("failureSummary", "").split())[:300]
                found.append(f"{violation['id']} ({violation['impact']}) {node.get('html', '')[:160]}: {summary}")
    return found


RAW_MARKUP = """() => Array.from(document.querySelectorAll('[aria-label], [title], [data-testid="stMain"] label'))
  .map(e => [e.tagName, e.getAttribute('aria-label') || e.getAttribute('title') || e.textContent])
  .filter(([, name]) => /\\*\\*|\\\\[-.!#()*_\\[\\]`]/.test(name || ''))"""


def raw_markup(page) -> list[str]:
    """Names a screen reader would read with Markdown left in (`**6.**`, `\\-`): a label must read as plain text."""
    return [f"raw Markdown in a {tag} name: {name[:120]}" for tag, name in page.evaluate(RAW_MARKUP)]


# Pages whose charts are said in words right beside them, so they need no table (WCAG 1.1.1)
CHARTS_IN_WORDS = {"plan · Effort & buffers": "the P50/P80/P95 metrics above the schedule chart, and the list 'What the "
                                              "risks add to P80' above the tornado chart, say what the charts show"}
CHART_COUNTS = """() => [document.querySelectorAll('[data-testid="stVegaLiteChart"], [data-testid="stHtml"] [role="img"]').length,
  Array.from(document.querySelectorAll('[data-testid="stExpander"] summary')).filter(e => e.innerText.includes('The chart as a table')).length]"""


def charts_without_table(page, where: str) -> list[str]:
    """Every chart has a table equivalent beside it (an expander "The chart as a table"), or is in CHARTS_IN_WORDS."""
    charts, tables = page.evaluate(CHART_COUNTS)
    if where in CHARTS_IN_WORDS or tables >= charts:
        return []
    return [f"{charts} chart(s) but {tables} table equivalent(s)"]


def answered_project(server, name: str):
    """A project with every choice question answered (so charts, findings and the plan have content), a milestone,
    two participants who disagree with the first question revealed (the participants see the chart), and a facilitator key."""
    store, project, key = new_project(server, name)
    content = load_content()
    for question in content.questions.values():
        if question.options:
            store.save_answer(project.id, question.id, question.options[0].value)
    store.save_milestone(project.id, "Kickoff")
    expectations = content.kb.expectations
    participants = []
    for person, role, pick in (("Ana", "Client", 0), ("Bo", "Data scientist", -1)):
        participant, token = store.join_workshop(project.id, person, role)
        for question in expectations:
            store.save_expectation(project.id, participant.id, question.id, question.options[pick].value)
        participants.append(token)
    store.reveal_questions(project.id, [expectations[0].id])
    return project, key, participants


FACILITATOR_PAGES = ["", "questionnaire", "risk", "plan", "milestones", "history", "workshop", "learn", "method"]
PLAN_SECTIONS = ["Domain experts", "Ownership (RACI)", "Workshop", "What-if", "Document"]


def check(page, where: str, found: dict) -> None:
    page.locator('[data-testid="stMain"] h1').first.wait_for()  # the page's own content, not the app's skeleton
    wait_idle(page)
    page.wait_for_timeout(500)
    found[where] = violations(page) + raw_markup(page) + charts_without_table(page, where)


@pytest.fixture(scope="module")
def project(server):
    return answered_project(server, "Accessible claims triage")


def test_every_facilitator_page_has_no_fixable_wcag_aa_violation(page, server, project):
    project_, key, _ = project
    found: dict[str, list[str]] = {}
    for name in FACILITATOR_PAGES:
        page.goto(server.page_url(name, project=project_.id, key=key))
        check(page, "plan · Effort & buffers" if name == "plan" else name or "home", found)  # the plan opens on effort
        if name == "questionnaire":  # the section is the first heading under the page's title
            assert page.locator("h2").first.inner_text() == load_content().sections[0].section.title
        if name == "plan":
            for section in PLAN_SECTIONS:
                pills = page.locator('[data-testid="stButtonGroup"]')
                pills.get_by_text(re.compile(rf"^{re.escape(section)}( \(\d+\))?$")).first.click()  # "(2)": its open findings
                check(page, f"plan · {section}", found)
    report = "\n".join(f"{where}: {line}" for where, lines in found.items() for line in lines)
    assert not report, report


def test_the_participant_workshop_page_has_no_fixable_wcag_aa_violation(page, server, project):
    project_, _, tokens = project
    page.goto(server.page_url("workshop", project=project_.id, key=tokens[0]))
    page.get_by_text("You take part as").wait_for()
    found: dict[str, list[str]] = {}
    check(page, "workshop (participant)", found)
    assert page.locator('[data-testid="stVegaLiteChart"]').count() == 1  # the revealed question's chart, with its table
    # the question's text is the radio group's name, and still found inside it (tests/e2e/test_journeys.py picks by it)
    group = page.locator('[data-testid="stRadio"]').filter(has_text="How good must the model be")
    assert group.count() == 1
    assert group.get_by_role("radiogroup").get_attribute("aria-label").startswith("1. How good must the model be")
    report = "\n".join(f"{where}: {line}" for where, lines in found.items() for line in lines)
    assert not report, report
