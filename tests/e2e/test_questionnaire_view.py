"""What a facilitator driving the questionnaire on a projector sees (1280 × 720)."""

from __future__ import annotations

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
