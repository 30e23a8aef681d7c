"""User journeys in a real browser (Debian Chromium driven by Playwright) against a running server."""

from __future__ import annotations

import io
import re
import time

from pypdf import PdfReader

from planner.store import Store


def wait_idle(page) -> None:
    """Wait until Streamlit has finished the current run (no running indicator, app rendered)."""
    page.wait_for_selector('[data-testid="stApp"]')
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " || !document.querySelector('[data-testid=\"stStatusWidget\"]').innerText.includes('Running')")
    page.wait_for_timeout(300)


def download_kickoff_pdf(page, server, project_id: str) -> PdfReader:
    """Open the Plan page's Document section and download the kickoff PDF as a user would."""
    page.goto(server.page_url("plan", project=project_id))
    wait_idle(page)
    page.get_by_text("Document", exact=True).first.click()
    wait_idle(page)
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Download the kickoff plan (PDF)").click()
    return PdfReader(io.BytesIO(download.value.path().read_bytes()))


def wait_until(condition, timeout: float = 20.0) -> None:
    """Poll `condition` (the page changes after Streamlit's rerun, not at the click)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the page did not change in time")
        time.sleep(0.1)


def store_of(server) -> Store:
    """The server's database, read directly: what the browser saved must be there."""
    return Store(str(server.db))


def new_project(server, name: str):
    """A project made directly in the server's database, with a facilitator link key to open it."""
    store = store_of(server)
    project = store.create_project(name)
    return store, project, store.create_link(project.id, "facilitator", "E2E")[1]


def is_answered(radio_group) -> bool:
    return radio_group.evaluate("e => Array.from(e.querySelectorAll('input[type=radio]')).some(i => i.checked)")


def checked_radios(page) -> int:
    return page.evaluate("() => Array.from(document.querySelectorAll('[data-testid=stRadio] input[type=radio]'))"
                         ".filter(i => i.checked).length")


def create_project(page, server, name: str) -> str:
    page.goto(server.page_url())
    page.get_by_label("Project name").fill(name)
    page.get_by_role("button", name="Create project").click()
    page.wait_for_url(re.compile(r"project="))
    page.get_by_text("Questionnaire ·").first.wait_for()
    return re.search(r"project=([A-Za-z0-9_-]+)", page.url).group(1)


def answer_visible_radios(page, limit: int = 100) -> int:
    """Pick the first option of every unanswered radio group on the page; return how many were answered."""
    answered = 0
    for _ in range(limit):
        groups = page.locator('[data-testid="stRadio"]')
        target = None
        for i in range(groups.count()):
            group = groups.nth(i)
            if not is_answered(group):
                target = group
                break
        if target is None:
            return answered
        for attempt in range(3):  # under CI load a click can land while the element is being re-rendered
            target.locator('[role="radiogroup"] label').first.click()
            try:
                wait_until(lambda group=target: is_answered(group), timeout=10.0)
                break
            except AssertionError:
                if attempt == 2:
                    raise
        wait_idle(page)
        answered += 1
    return answered


def test_new_project_answers_survive_reload_and_reach_risk_plan_and_pdf(page, server):
    project_id = create_project(page, server, "E2E claims triage")
    total = 0
    sections = 0
    while True:
        wait_idle(page)
        total += answer_visible_radios(page)
        sections += 1
        if sections == 2:
            # reload halfway: everything answered so far is still there
            saved = dict(store_of(server).snapshot(project_id).answers)
            heading = page.locator("h2").first.inner_text()
            page.reload()
            wait_idle(page)
            page.get_by_text("Questionnaire ·").first.wait_for()
            assert page.locator("h2").first.inner_text() == heading  # still on the same section
            assert dict(store_of(server).snapshot(project_id).answers) == saved
            page.locator('[data-testid="stRadio"]').first.wait_for()
            assert checked_radios(page) > 0  # the widgets show the saved answers again
        page.get_by_role("button", name=re.compile("Next →|See the risk →")).first.wait_for()  # the page is complete
        next_button = page.get_by_role("button", name="Next →")
        if next_button.count() == 0:
            break
        heading = page.locator("h2").first.inner_text()
        next_button.click()
        wait_until(lambda before=heading: page.locator("h2").first.inner_text() != before)
    assert sections == 5 and total >= 20
    answers = store_of(server).snapshot(project_id).answers
    assert len(answers) >= total

    page.get_by_role("button", name="See the risk →").click()
    page.wait_for_url(re.compile(r"/risk"))
    wait_idle(page)
    page.locator('[data-testid="stHtml"] [role="img"][aria-label^="Risk score"]').first.wait_for()  # the points' bars
    page.get_by_text("R4 · ").first.wait_for()  # the explanations stream in after the chart
    page.get_by_text("Download assessment (JSON)").first.wait_for()  # the last element: the page is complete
    body = page.inner_text("body")
    for point in ("Requirements & planning", "Training data", "Integration"):
        assert point in body
    assert re.search(r"R4 · .* — \w+ \(signal \d+/100\)", body)  # every challenge with its level and signal strength
    r4 = page.locator('[data-testid="stExpander"]', has_text="R4 · ").first
    if r4.locator("details").get_attribute("open") is None:  # a likely challenge opens by itself; else open it
        r4.get_by_text("R4 · ").first.click()
    r4.get_by_text("What the study found").wait_for()
    explanation = r4.inner_text()
    assert "Why this score" in explanation and "What helps" in explanation and "§5.3" in explanation

    reader = download_kickoff_pdf(page, server, project_id)
    text = "".join(p.extract_text() for p in reader.pages)
    assert len(reader.pages) > 5
    assert reader.metadata.title == "Kickoff plan: E2E claims triage"
    assert "Ownership matrix (RACI)" in text and "Appendix: answers" in text


def test_bad_import_shows_what_is_wrong_and_changes_nothing(page, server, tmp_path):
    store, project, key = new_project(server, "E2E import target")
    store.save_answer(project.id, "setup_trajectory", "parallel")
    before = dict(store.snapshot(project.id).answers)
    bad = tmp_path / "answers.yaml"
    bad.write_text("schema_version: 1\nanswers:\n  setup_trajectory: sideways\n  req_weeks_to_delivery: .nan\n")
    page.goto(server.page_url(project=project.id, key=key))
    wait_idle(page)
    page.get_by_role("tab", name="Import").click()
    page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(bad))
    page.get_by_text("This file cannot be imported; nothing was changed.").wait_for()
    body = page.inner_text("body")
    assert "req_weeks_to_delivery (line 4)" in body and "quote it if you mean text" in body
    assert "Traceback" not in body
    assert page.get_by_role("button", name="Import as a new project").count() == 0
    assert dict(store.snapshot(project.id).answers) == before
    assert [p.name for p in store.list_projects()].count("E2E import target") == 1


def test_two_browsers_on_one_project_lose_no_update(new_context, server, watched):
    store, project, key = new_project(server, "E2E two editors")
    pages = [new_context().new_page() for _ in range(2)]  # two people, two sessions
    watched.extend(pages)
    for pg in pages:
        pg.set_default_timeout(20_000)
        pg.goto(server.page_url("questionnaire", project=project.id, key=key))
        wait_idle(pg)
        pg.locator('[data-testid="stRadio"]').first.wait_for()
    alice, bob = pages

    def pick(pg, question_text: str, option_text: str) -> None:
        group = pg.locator('[data-testid="stRadio"]').filter(has_text=question_text)
        group.locator('[role="radiogroup"] label').filter(has_text=option_text).first.click()
        wait_idle(pg)

    def saved(question_id: str):
        return store.snapshot(project.id).answers.get(question_id)

    # different questions from two stale pages: both saved
    pick(alice, "In which order are the product and the model", "Model first - we build")
    wait_until(lambda: saved("setup_trajectory") == "model_first")
    pick(bob, "Who develops the model?", "An external company develops")
    wait_until(lambda: saved("setup_model_developer") == "outsourced")
    assert saved("setup_trajectory") == "model_first"

    # the same question: Bob's page still shows the old value, so his change is refused, Alice's kept
    pick(alice, "In which order are the product and the model", "Product first")
    wait_until(lambda: saved("setup_trajectory") == "product_first")
    pick(bob, "In which order are the product and the model", "In parallel")
    bob.get_by_text("Someone else changed this answer while you were editing").wait_for()
    assert store.snapshot(project.id).answers["setup_trajectory"] == "product_first"
    group = bob.locator('[data-testid="stRadio"]').filter(has_text="In which order are the product and the model")
    checked = group.evaluate("e => Array.from(e.querySelectorAll('label')).filter(l => l.querySelector('input:checked'))"
                             ".map(l => l.innerText).join('|')")
    assert "Product first" in checked  # Bob now sees Alice's answer


def choose(pg, label: str, option: str) -> None:
    """Pick an option of a Streamlit selectbox by its label."""
    box = pg.locator('[data-testid="stSelectbox"]').filter(has_text=label)
    box.scroll_into_view_if_needed()  # a list opening below the window's edge is not rendered
    box.locator("input").click()
    pg.get_by_role("option", name=option, exact=True).click()
    wait_idle(pg)


def join_workshop(pg, join_url: str, name: str, role: str, quality: str) -> None:
    """A participant opens the join link on their own device, joins and answers the model-quality question."""
    pg.goto(join_url)
    wait_idle(pg)
    pg.get_by_label("Your name", exact=True).fill(name)
    choose(pg, "Your role", role)
    pg.get_by_role("button", name="Join the workshop").click()
    pg.get_by_text("You take part as").wait_for()
    wait_idle(pg)
    group = pg.locator('[data-testid="stRadio"]').filter(has_text="How good must the model be")
    group.locator('[role="radiogroup"] label').filter(has_text=quality).click()
    wait_until(lambda: is_answered(group))
    wait_idle(pg)


def test_a_facilitator_and_two_participants_settle_a_disagreement_into_the_pdf(new_context, server, watched):
    facilitator = new_context().new_page()
    watched.append(facilitator)
    project_id = create_project(facilitator, server, "E2E workshop")
    own_link = facilitator.url
    assert "key=" in own_link  # until the browser's cookie is known to work, a refresh needs the key
    wait_until(lambda: any(c["name"] == "planner_browser" for c in facilitator.context.cookies()))
    facilitator.goto(own_link)  # a new session that starts with the cookie: the key leaves the address bar
    wait_idle(facilitator)
    facilitator.get_by_text("Questionnaire ·").first.wait_for()
    wait_until(lambda: "key=" not in facilitator.url)
    facilitator.goto(server.page_url("workshop", project=project_id))  # no key: this browser created the project
    wait_idle(facilitator)
    facilitator.get_by_text("A long join link instead").click()  # the room code comes first; the long link is folded away
    facilitator.get_by_role("button", name="Create a join link").click()
    facilitator.get_by_text("Join link for participants").first.wait_for()
    join_url = facilitator.locator('[data-testid="stCode"]').first.inner_text().strip()
    assert f"/workshop?project={project_id}&key=" in join_url

    people = [new_context().new_page() for _ in range(2)]  # two more laptops
    watched.extend(people)
    join_workshop(people[0], join_url, "Ana", "Client", "Near-perfect")
    join_workshop(people[1], join_url, "Bo", "Data scientist", "Roughly right")
    assert "Questionnaire" not in people[0].locator('[data-testid="stSidebarNav"]').inner_text()  # workshop only
    people[0].get_by_text("You answer blind").wait_for()  # Bo's answer stays hidden from Ana until it is revealed
    assert people[0].get_by_text("Data scientist: 1×").count() == 0
    store = store_of(server)
    answers = {p.name: p.answers.get("exp_model_quality") for p in store.participants(project_id)}
    assert answers == {"Ana": "near_perfect", "Bo": "rough"}

    facilitator.get_by_text("1 question(s) where the roles disagree").wait_for(timeout=5_000)  # live, without a reload
    facilitator.locator('[data-testid="stVegaLiteChart"]').first.wait_for()  # the role × question heatmap
    choose(facilitator, "The team settles on", "A clear metric target agreed up front")
    facilitator.get_by_label("Note (why, conditions)").fill("F1 at least 0.8 on March claims")
    facilitator.get_by_role("button", name="Record in the decision log").click()
    facilitator.get_by_text("Settled: A clear metric target agreed up front").wait_for()

    # settling reveals the question: the participant's page shows the outcome by itself, and they cannot settle anything
    people[0].get_by_text("Settled: A clear metric target agreed up front").wait_for(timeout=5_000)
    assert people[0].get_by_role("button", name="Record in the decision log").count() == 0

    text = " ".join(p.extract_text() for p in download_kickoff_pdf(facilitator, server, project_id).pages)
    assert "A clear metric target agreed up front" in " ".join(text.split())
    assert "F1 at least 0.8 on March claims" in " ".join(text.split())
