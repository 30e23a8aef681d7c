"""AppTest: the presenter view for the projector — the question under discussion and its reveal, the heatmap of the
revealed questions, the timer and the room code, with no editing controls."""

from test_pages import (  # noqa: F401 - fixtures and helpers shared with the page tests
    BROWSER,
    WORKSHOP,
    all_text,
    open_app,
    page_db,
    page_project,
    page_store,
    rerun,
)

from planner.ui.state import AUTHOR_WIDGET, md

QUALITY, TIMELINE = "exp_model_quality", "exp_timeline"


def _disagree(store, project):
    for name, role, quality, timeline in (("Ana", "Client", "near_perfect", "fixed"), ("Bo", "Data scientist", "rough", "exploratory")):
        person, _ = store.join_workshop(project.id, name, role)
        store.save_expectation(project.id, person.id, QUALITY, quality)
        store.save_expectation(project.id, person.id, TIMELINE, timeline)


def _presenting(project):
    at = open_app(project.id, WORKSHOP)
    at.session_state["workshop_discussing"] = QUALITY  # the facilitator picked this one
    at.toggle(key="workshop_presenter").set_value(True)
    return rerun(at)


def _question(qid):
    from test_pages import PAGE_CONTENT

    return next(q for q in PAGE_CONTENT.kb.expectations if q.id == qid)


def test_the_presenter_shows_the_question_under_discussion_hidden_until_revealed(page_store, page_project):
    _disagree(page_store, page_project)
    page_store.create_room_code(page_project.id, browser=BROWSER)
    page_store.set_timer(page_project.id, "start", 20)
    at = _presenting(page_project)
    text = all_text(at)
    assert md(_question(QUALITY).text) in [h.value for h in at.header]
    assert "hidden until the facilitator reveals them" in text
    assert "Client" not in text and not at.get("arrow_vega_lite_chart") and not at.get("vega_lite_chart")  # answer blind
    code = page_store.room_code(page_project.id, BROWSER).code
    assert any(m.value == f"# {code[:3]} {code[3:]}" for m in at.markdown)
    assert any("left" in m.value and m.value.startswith("## ") for m in at.markdown)  # the shared timer, large
    assert not at.main.button and not at.main.selectbox and not at.number_input and not at.text_area  # no editing control
    assert [t.key for t in at.text_input] == [AUTHOR_WIDGET]  # only the sidebar's name for the history


def test_the_presenter_shows_the_reveal_and_the_heatmap_of_revealed_questions_only(page_store, page_project):
    _disagree(page_store, page_project)
    page_store.reveal_questions(page_project.id, [QUALITY])
    at = _presenting(page_project)
    text = all_text(at)
    assert f"**Client**: 1× {md(next(o.label for o in _question(QUALITY).options if o.value == 'near_perfect'))}" in text
    charts = at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    assert len(charts) == 1
    import json

    spec = json.loads(charts[0].proto.spec)
    assert [" ".join(c["title"]["text"]) for c in spec["vconcat"]] == [_question(QUALITY).text]  # not the hidden timeline
    assert [e.label for e in at.expander].count("The chart as a table") == 1  # its text equivalent (WCAG 1.1.1)
    at.toggle(key="workshop_presenter").set_value(False)
    assert any(b.key == "workshop_reveal_all" for b in rerun(at).button)  # back to the facilitator's controls


def test_without_a_disagreement_the_presenter_says_so(page_store, page_project):
    at = _presenting(page_project)
    assert "No disagreement to discuss right now" in all_text(at)
