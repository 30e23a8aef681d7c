"""AppTest: the Workshop page live — answer blind, the facilitator reveals, the page polls a version and rebuilds only
on a change, and the shared timer survives a refresh."""

from types import SimpleNamespace

import pytest
from test_pages import (  # noqa: F401 - fixtures and helpers shared with the page tests
    OTHER_BROWSER,
    WORKSHOP,
    all_text,
    app_reruns,
    join_as,
    open_app,
    page_db,
    page_project,
    page_store,
    rerun,
)

import planner.workshop
from planner.ui import live
from planner.ui.state import md

QUALITY = "exp_model_quality"
ROUGH = "Roughly right is fine - we learn in production"
BO_SAID = f"Data scientist: 1× {md(ROUGH)}"  # as the page shows it (user text is escaped markdown)


def two_answers(store, project):
    """Ana (Client) answers in her own browser; Bo (Data scientist) answers too."""
    ana = join_as(store, project, "Ana", "Client", OTHER_BROWSER)
    ana.radio(key=f"workshop_q_{QUALITY}").set_value("near_perfect")
    rerun(ana)
    bo, _ = store.join_workshop(project.id, "Bo", "Data scientist")
    store.save_expectation(project.id, bo.id, QUALITY, "rough")
    return ana


def test_a_participant_sees_only_their_own_answer_until_the_facilitator_reveals(page_store, page_project):
    ana = rerun(two_answers(page_store, page_project))
    assert ana.radio(key=f"workshop_q_{QUALITY}").value == "near_perfect"  # her own answer
    assert BO_SAID not in all_text(ana)
    assert "Data scientist" not in all_text(ana) and not (ana.get("arrow_vega_lite_chart") or ana.get("vega_lite_chart"))
    assert "You answer blind" in all_text(ana)

    facilitator = open_app(page_project.id, WORKSHOP)
    assert "Data scientist" in all_text(facilitator)  # the facilitator sees everything from the start
    facilitator.button(key="workshop_reveal_all").click()
    rerun(facilitator)
    assert len(page_store.workshop_room(page_project.id).revealed) == len(_all_questions())

    rerun(ana)
    text = all_text(ana)
    assert BO_SAID in text and "Client: 1× Near\\-perfect" in text
    assert "You answer blind" not in text
    assert ana.get("arrow_vega_lite_chart") or ana.get("vega_lite_chart")  # the heatmap of the revealed questions


def test_one_revealed_question_shows_that_question_only(page_store, page_project):
    ana = two_answers(page_store, page_project)
    bo = next(p for p in page_store.participants(page_project.id) if p.name == "Bo")
    page_store.save_expectation(page_project.id, bo.id, "exp_timeline", _question("exp_timeline").options[0].value)
    facilitator = open_app(page_project.id, WORKSHOP)
    facilitator.button(key=f"workshop_reveal_row_{QUALITY}").click()
    rerun(facilitator)
    assert page_store.workshop_room(page_project.id).revealed == (QUALITY,)
    text = all_text(rerun(ana))
    assert BO_SAID in text
    timeline = _question("exp_timeline").options[0].label
    assert f"Data scientist: 1× {md(timeline)}" not in text  # not revealed yet


def _all_questions():
    from planner.content import load_content

    return load_content().kb.expectations


def _question(question_id):
    return next(q for q in _all_questions() if q.id == question_id)


@pytest.fixture
def fragments(monkeypatch):
    """Every st.fragment call of a run: the function and its run_every."""
    import streamlit

    made, real = [], streamlit.fragment

    def recording(func=None, *, run_every=None, **kwargs):
        made.append((getattr(func, "__name__", None), run_every))
        return real(func, run_every=run_every, **kwargs)

    monkeypatch.setattr(streamlit, "fragment", recording)
    return made


@pytest.mark.parametrize("who", ["facilitator", "participant"])
def test_the_page_registers_a_poll_every_few_seconds(page_store, page_project, fragments, who):
    at = open_app(page_project.id, WORKSHOP) if who == "facilitator" else join_as(page_store, page_project, "Ana", "Client",
                                                                                 OTHER_BROWSER)
    rerun(at)
    polls = [every for name, every in fragments if name == "tick"]
    assert polls and all(0 < every <= 3 for every in polls)
    # a participant's page polls what it shows (they answer blind): other people's answers do not rerun it
    assert at.session_state["workshop_live_version"] == page_store.workshop_version(page_project.id,
                                                                                   participant=who == "participant")


def test_a_tick_without_a_change_returns_without_rebuilding_and_a_change_reruns(page_store, page_project, monkeypatch):
    builds = []
    real = planner.workshop.divergence
    monkeypatch.setattr(planner.workshop, "divergence", lambda *a: builds.append(1) or real(*a))
    facilitator = open_app(page_project.id, WORKSHOP)
    assert len(builds) == 1
    key = "workshop_live_version"
    reruns = []
    fake = SimpleNamespace(session_state={key: facilitator.session_state[key]}, rerun=lambda: reruns.append(1))
    monkeypatch.setattr(live, "st", fake)
    version = lambda: page_store.workshop_version(page_project.id)  # noqa: E731 - what the page polls
    live.tick(key, version)
    assert reruns == [] and len(builds) == 1  # nothing new: no rerun, the divergence view is not rebuilt
    page_store.join_workshop(page_project.id, "Ana", "Client")
    live.tick(key, version)
    assert reruns == [1]  # a change: the page reruns and rebuilds
    monkeypatch.undo()
    monkeypatch.setattr(planner.workshop, "divergence", lambda *a: builds.append(1) or real(*a))
    rerun(facilitator)
    assert len(builds) == 2 and "Ana" in str(facilitator.dataframe[0].value.to_dict())


def test_the_shared_timer_shows_on_the_participant_page_and_survives_a_refresh(page_store, page_project):
    facilitator = open_app(page_project.id, WORKSHOP)
    facilitator.number_input(key="workshop_timer_minutes").set_value(15)
    facilitator.button(key="workshop_timer_start").click()
    rerun(facilitator)
    assert any(m.value.replace("\\", "") in ("**⏱ 15:00 left**", "**⏱ 14:59 left**") for m in facilitator.markdown)
    ana = join_as(page_store, page_project, "Ana", "Client", OTHER_BROWSER)
    assert any("left" in m.value and "⏱" in m.value for m in ana.markdown)
    facilitator.button(key="workshop_timer_pause").click()
    rerun(facilitator)
    again = open_app(page_project.id, WORKSHOP)  # a refresh: the paused timer is still there
    assert any("⏸" in m.value and "paused" in m.value for m in again.markdown)
    assert again.button(key="workshop_timer_resume")


@pytest.fixture
def fragment_run(monkeypatch):
    """`fragment_run(at, name)`: one run of the page's fragment `name` alone, as the server runs it after a widget in
    it changed (AppTest itself always runs the whole script). Its result holds what that fragment drew."""
    import functools

    import streamlit.runtime.fragment as fragments_module
    import streamlit.testing.v1.local_script_runner as runner

    ids, identity = {}, fragments_module._make_fragment_identity

    def recording(func, **kwargs):
        made = identity(func, **kwargs)
        ids[func.__name__] = made.fragment_id
        return made

    monkeypatch.setattr(fragments_module, "_make_fragment_identity", recording)
    full = runner.RerunData

    def run(at, name):
        assert name in ids, f"no fragment {name} in the last full run: {sorted(ids)}"
        monkeypatch.setattr(runner, "RerunData", functools.partial(full, fragment_id_queue=[ids[name]]))
        try:
            at.run()
        finally:
            monkeypatch.setattr(runner, "RerunData", full)
        assert len(at.exception) == 0, [e.value for e in at.exception]
        return at

    return run


@pytest.fixture
def page_runs(monkeypatch):
    """How often the page's own code ran (it reads the room once per run)."""
    import planner.ui.room_cache as room_cache

    calls, real = [], room_cache.room_state
    monkeypatch.setattr(room_cache, "room_state", lambda *a, **k: calls.append(1) or real(*a, **k))
    return calls


def _crafted(monkeypatch, text):
    """The radios send `text` as their value, as a crafted websocket frame can (the browser only sends the options)."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState
    from streamlit.testing.v1.element_tree import Radio

    real = Radio._widget_state
    monkeypatch.setattr(Radio, "_widget_state", property(
        lambda self: WidgetState(id=self.id, string_value=text) if self._value == text else real.fget(self)))


def test_an_answer_reruns_only_the_questions_and_is_saved_and_shown(page_store, page_project, fragment_run, page_runs,
                                                                    fragments):
    """Issue 15 §4: every answer reran the whole page (and each other page through the poll): 4.6 s from answer to
    saved with 30 people. The questions are a fragment; its run alone saves the answer and shows it."""
    ana = join_as(page_store, page_project, "Ana", "Client", OTHER_BROWSER)
    assert ("participant_questions", None) in fragments
    ana.radio(key=f"workshop_q_{QUALITY}").set_value("rough")
    runs = len(page_runs)
    fragment_run(ana, "participant_questions")
    assert len(page_runs) == runs  # the page's own code did not run
    assert ana.radio(key=f"workshop_q_{QUALITY}").value == "rough"
    assert page_store.participants(page_project.id)[0].answers == {QUALITY: "rough"}
    ana.radio(key=f"workshop_q_{QUALITY}").set_value("near_perfect")  # a changed answer, in a second fragment run
    fragment_run(ana, "participant_questions")
    assert page_store.participants(page_project.id)[0].answers == {QUALITY: "near_perfect"}
    assert ana.radio(key=f"workshop_q_{QUALITY}").value == "near_perfect" and not ana.error
    rerun(ana)  # the whole page again (a reload): the saved answer
    assert ana.radio(key=f"workshop_q_{QUALITY}").value == "near_perfect" and "You answer blind" in all_text(ana)


def test_a_refused_value_in_a_fragment_run_shows_the_error_and_the_saved_answer(page_store, page_project, fragment_run,
                                                                               monkeypatch):
    ana = join_as(page_store, page_project, "Ana", "Client", OTHER_BROWSER)
    ana.radio(key=f"workshop_q_{QUALITY}").set_value("rough")
    fragment_run(ana, "participant_questions")  # saved in a fragment run: the page did not read it again
    _crafted(monkeypatch, "<b>made up</b>")
    ana.radio(key=f"workshop_q_{QUALITY}").set_value("<b>made up</b>")
    fragment_run(ana, "participant_questions")
    assert [e.value for e in ana.error] == [md(f"Not saved: {'<b>made up</b>'!r} is not one of the answers to "
                                               f"“{_question(QUALITY).text}”; choose one of the options shown.")]
    assert ana.radio(key=f"workshop_q_{QUALITY}").value == "rough"  # the saved answer again, not the one before
    assert page_store.participants(page_project.id)[0].answers == {QUALITY: "rough"}


def test_an_answer_after_the_link_was_revoked_reruns_the_page_to_say_so(page_store, page_project, fragment_run,
                                                                        app_reruns):
    ana = join_as(page_store, page_project, "Ana", "Client", OTHER_BROWSER)
    page_store.remove_participant(page_project.id, page_store.participants(page_project.id)[0].id)
    ana.radio(key=f"workshop_q_{QUALITY}").set_value("rough")
    fragment_run(ana, "participant_questions")
    assert app_reruns[:1] == ["app"]  # the callback asked for the whole page: its run says the link no longer works
    assert page_store.participants(page_project.id) == []
    assert "This link was revoked" in all_text(ana)
