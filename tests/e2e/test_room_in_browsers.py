"""A kickoff room in real browsers: a facilitator and five participants, each in their own browser context.

They join by the room code typed on the Projects page, answer blind while the facilitator's page shows who is in and how
far they got (without a reload), the facilitator reveals, settles one disagreement and leaves another open, and the PDF
has the decision, the open question with each role's answers, and the participants on the cover and in the sign-off.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect
from test_journeys import download_kickoff_pdf, wait_idle
from test_journeys import wait_until as until

LIVE = 10_000  # ms: the room's pages poll every 2 s (ui/live.py); a change must show well within this
QUALITY = "How good must the model be before it goes live?"
TIMELINE = "How certain is the timeline for the model work?"
MONITORING = "Who watches the model in production?"
QUESTIONS = 7  # expectation questions in questionnaires/knowledge/knowledge_base.yaml

# name, role, answers: the roles split on model quality (spread 0.6) and on the timeline (0.8), and agree on monitoring
PEOPLE = (
    ("Ana", "Client", {QUALITY: "Near-perfect - errors are hardly acceptable", TIMELINE: "Fixed date and scope"}),
    ("Bo", "Data scientist", {QUALITY: "Roughly right is fine - we learn in production",
                              TIMELINE: "Exploratory - time-boxed, with go/no-go decisions"}),
    ("Cy", "Product owner / PM", {QUALITY: "Near-perfect - errors are hardly acceptable", TIMELINE: "Fixed date and scope"}),
    ("Di", "Software engineer", {QUALITY: "A clear metric target agreed up front", TIMELINE: "An estimate with a buffer"}),
    ("Eva", "Domain expert", {QUALITY: "Near-perfect - errors are hardly acceptable",
                              TIMELINE: "Exploratory - time-boxed, with go/no-go decisions"}),
)
AGREED = {MONITORING: "The model team, with access to telemetry"}
SETTLED = "An estimate with a buffer"
NOTE = "go/no-go after the four-week exploration"


def choose(page, label: str, option: str) -> None:
    """Pick an option of a Streamlit selectbox by its label, from the keyboard: type to filter, Enter to pick. The box
    goes to the middle of the window first: a list that would open below the window's edge is not rendered."""
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label)
    box.evaluate("e => e.scrollIntoView({block: 'center'})")
    field = box.locator("input")
    field.fill(option)
    page.get_by_role("option", name=option, exact=True).wait_for()
    field.press("Enter")
    expect(field).to_have_value(option)
    wait_idle(page)


def answer(page, question: str, option: str) -> None:
    group = page.locator('[data-testid="stRadio"]').filter(has_text=question)
    choice = group.locator('[role="radiogroup"] label').filter(has_text=option)
    choice.click()
    expect(choice.locator("input")).to_be_checked()
    wait_idle(page)


SETTLING_JS = """([settled, other]) => { const t = document.body.innerText, form = t.indexOf('Record in the decision log');
  const mine = t.indexOf(settled + ' — spread'), theirs = t.indexOf(other + ' — spread');
  return mine >= 0 && theirs >= 0 && form > mine && (theirs < mine || form < theirs); }"""


def settling(page, question: str) -> bool:
    """Whether the facilitator's settle form is under `question` (the one up for discussion)."""
    other = TIMELINE if question == QUALITY else QUALITY
    return page.evaluate(SETTLING_JS, [question, other])


def participants_table(page):
    """The facilitator's table of who joined (a canvas grid; its accessible table holds the cells' text)."""
    return page.locator('[data-testid="stDataFrame"]').first


def start_facilitating(page, server) -> tuple[str, str]:
    """Create a project in this browser, open its Workshop page and start a room code; (project id, code as shown)."""
    page.goto(server.page_url())
    page.get_by_label("Project name").fill("E2E kickoff room")
    page.get_by_role("button", name="Create project").click()
    page.wait_for_url(re.compile(r"project="))
    project_id = re.search(r"project=([A-Za-z0-9_-]+)", page.url).group(1)
    page.get_by_text("Questionnaire ·").first.wait_for()
    until(lambda: any(c["name"] == "planner_browser" for c in page.context.cookies()))  # this browser is remembered
    page.goto(server.page_url("workshop", project=project_id, key=re.search(r"key=([^&]+)", page.url).group(1)))
    wait_idle(page)
    page.get_by_role("button", name="Start a room code").click()
    shown = page.get_by_text(re.compile(r"Room code: [A-Z0-9]{3} [A-Z0-9]{3}"))
    shown.wait_for()
    code = re.search(r"Room code: ([A-Z0-9]{3} [A-Z0-9]{3})", shown.inner_text()).group(1)
    page.get_by_text("Nobody has joined yet.").wait_for()
    return project_id, code


def join_by_code(pages, server, code: str) -> None:
    """Each participant types the room code on the Projects page (as shown, or lower case with a dash) and joins with
    their name and role; step by step across the pages, so the server serves them at once as in a real room."""
    for pg in pages:
        pg.goto(server.page_url(), wait_until="commit")
    for number, pg in enumerate(pages):
        pg.get_by_label("Room code", exact=True).fill(code if number % 2 == 0 else code.lower().replace(" ", "-"))
        pg.get_by_role("button", name="Join", exact=True).click()
    for pg, (name, role, _) in zip(pages, PEOPLE, strict=True):
        pg.get_by_label("Your name", exact=True).fill(name)
        choose(pg, "Your role", role)
        pg.get_by_role("button", name="Join the workshop").click()
    for pg in pages:
        pg.get_by_text("You take part as").wait_for()
        wait_idle(pg)


def pdf_text(page, server, project_id: str) -> tuple[str, list[str]]:
    pages = [" ".join(p.extract_text().split()) for p in download_kickoff_pdf(page, server, project_id).pages]
    return " ".join(pages), pages


def test_a_room_of_six_joins_by_code_answers_blind_settles_one_and_leaves_one_open(new_context, server, watched):
    facilitator = new_context().new_page()
    watched.append(facilitator)
    project_id, code = start_facilitating(facilitator, server)
    table = participants_table(facilitator)

    facilitator.evaluate("() => { window.notReloaded = true; }")  # gone if the page were loaded again
    people = [new_context().new_page() for _ in PEOPLE]
    watched.extend(people)
    join_by_code(people, server, code)
    for name, role, _ in PEOPLE:  # presence: the facilitator's page lists them by itself
        expect(table).to_contain_text(re.compile(rf"{name}\s*{re.escape(role)}\s*0 of {QUESTIONS}"), timeout=LIVE)
    for pg, (_, _, answers) in zip(people, PEOPLE, strict=True):
        for question, option in {**answers, **AGREED}.items():
            answer(pg, question, option)
    # progress, without a reload: every participant has answered three of the seven questions
    for name, role, _ in PEOPLE:
        expect(table).to_contain_text(re.compile(rf"{name}\s*{re.escape(role)}\s*3 of {QUESTIONS}"), timeout=LIVE)
    facilitator.get_by_text("2 question(s) where the roles disagree").wait_for(timeout=LIVE)

    # blind: nobody sees another role's answers before the reveal
    ana = people[0]
    ana.get_by_text("You answer blind").wait_for()
    assert ana.get_by_text("How the roles answered").count() == 0
    assert "Data scientist: 1×" not in ana.inner_text("body")

    facilitator.get_by_role("button", name="Reveal all").click()
    wait_idle(facilitator)
    # the participants' pages show every role's answers by themselves
    ana.get_by_text("How the roles answered").first.wait_for(timeout=LIVE)
    expect(ana.locator("body")).to_contain_text("Data scientist: 1× Roughly right is fine", timeout=LIVE)

    # settle the timeline; model quality stays open. Up for discussion is the question flagged first while the answers
    # came in (either one here): take up the timeline if it is not
    if not settling(facilitator, TIMELINE):
        facilitator.get_by_role("button", name="Discuss and settle this one").click()
        facilitator.wait_for_function(SETTLING_JS, arg=[TIMELINE, QUALITY], timeout=LIVE)
        wait_idle(facilitator)
    choose(facilitator, "The team settles on", SETTLED)
    facilitator.get_by_label("Note (why, conditions)").fill(NOTE)
    facilitator.get_by_role("button", name="Record in the decision log").click()
    facilitator.get_by_text(f"Settled: {SETTLED} — {NOTE}").wait_for()
    expect(ana.locator("body")).to_contain_text(f"Settled: {SETTLED}", timeout=LIVE)

    assert facilitator.evaluate("() => window.notReloaded === true")  # all of it live, without a reload
    facilitator.get_by_role("button", name="Put the open disagreements and the participants into the plan").click()
    facilitator.get_by_text("The plan now lists 1 open disagreement(s)").wait_for()
    expect(facilitator.locator("body")).to_contain_text("and 5 participant(s) on the cover")

    text, pdf_pages = pdf_text(facilitator, server, project_id)
    assert f"{SETTLED} — {NOTE}" in text  # the decision
    assert "Disagreements the workshop did not settle" in text
    open_row = "; ".join(f"{role}: 1× {answers[QUALITY]}" for _, role, answers in PEOPLE)
    assert f"{QUALITY} {open_row}" in text  # the open question with each role's answers
    unsettled = text.rsplit("Disagreements the workshop did not settle", 1)[1].split("The roles expected different things")[0]
    assert TIMELINE not in unsettled  # settled: not open any more
    cover = pdf_pages[0] + " " + pdf_pages[1]
    sign_off = text[text.rindex("By signing, each role agrees"):]
    for name, role, _ in PEOPLE:
        assert f"{name} — {role}" in cover
        assert f"{role} {name}" in sign_off
