"""What a facilitator driving the questionnaire on a projector sees (1280 × 720)."""

from __future__ import annotations

import re

from streamlit_harness import RUN_KIND, RUN_WATCH_JS
from test_journeys import new_project, wait_idle


def test_next_lands_at_the_next_sections_heading(new_context, watched, server):
    _, project, key = new_project(server, "Scroll check")
    page = new_context().new_page()
    page.set_viewport_size({"width": 1280, "height": 720})
    watched.append(page)
    page.goto(server.page_url("questionnaire", project=project.id, key=key))
    page.get_by_role("heading", name="Project setup").wait_for()
    wait_idle(page)
    page.mouse.move(700, 400)
    page.mouse.wheel(0, 20_000)  # to the bottom, where "Next →" is
    page.get_by_role("button", name="Next →").click()
    heading = page.get_by_role("heading", name="Requirements & planning")
    heading.wait_for()
    wait_idle(page)
    page.wait_for_function("""() => { const h = Array.from(document.querySelectorAll('[data-testid="stHeading"]'))
        .find(e => e.innerText.trim() === 'Requirements & planning');
        if (!h) return false; const top = h.getBoundingClientRect().top; return top > -60 && top < 200; }""", timeout=10_000)
    box = heading.bounding_box()
    assert box is not None and -60 < box["y"] < 200, box
    page.mouse.wheel(0, 300)  # an answer saved later must not pull the page back to the heading
    page.wait_for_timeout(300)
    before = heading.bounding_box()["y"]
    labels = page.locator('[data-testid="stRadio"] label')
    visible = next(labels.nth(i) for i in range(labels.count()) if 150 < (labels.nth(i).bounding_box() or {"y": -1})["y"] < 600)
    visible.click()
    wait_idle(page)
    assert before < -200 and abs(heading.bounding_box()["y"] - before) < 5, (before, heading.bounding_box())


def _answer(page, label: str) -> list[str]:
    """Click the radio option starting with `label`; the kinds of the runs it caused."""
    page.evaluate("() => { window.__runs = []; }")
    page.locator('[data-testid="stRadio"] label').filter(has_text=label).first.click()
    page.wait_for_function("() => window.__runs.length > 0")
    wait_idle(page)
    return page.evaluate("() => window.__runs")


def _progress(page) -> str:
    return page.get_by_text(re.compile(r"^\d+ of \d+ questions answered")).first.inner_text()  # the progress line, not a caption


def test_only_answers_that_change_the_page_rerun_it(new_context, watched, server):
    store, project, key = new_project(server, "Fragment check")
    store.save_answer(project.id, "req_fixed_contract", "fixed_date")  # with a model-first trajectory: a card
    context = new_context()
    context.add_init_script(RUN_WATCH_JS)
    context.add_init_script(RUN_KIND)
    page = context.new_page()
    watched.append(page)
    page.goto(server.page_url("questionnaire", project=project.id, key=key))
    page.get_by_role("heading", name="Project setup").wait_for()
    wait_idle(page)
    assert _progress(page).startswith("1 of ")
    assert _answer(page, "Our own organisation") == ["app"]  # a first answer: the progress line counts it
    assert _progress(page).startswith("2 of ")
    assert _answer(page, "We are an outside team") == ["fragment"]  # an ordinary change: its question only
    assert _progress(page).startswith("2 of ")
    assert _answer(page, "In parallel") == ["app"]
    card = page.get_by_text("Model work is research first")
    assert card.count() == 0
    assert _answer(page, "Model first - we build") == ["app"]  # a card's condition: the whole page, once
    card.first.wait_for()
    assert _progress(page).startswith("3 of ")
