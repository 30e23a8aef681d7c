"""AppTest: the room code on the Workshop page (shown again in a new session), the presenter view, joining by code,
and links built from PLANNER_PUBLIC_URL with a warning for localhost links."""

from datetime import timedelta

import pytest
from test_pages import (  # noqa: F401 - fixtures and helpers shared with the page tests
    BROWSER,
    OTHER_BROWSER,
    WORKSHOP,
    all_text,
    no_exception,
    open_app,
    page_db,
    page_project,
    page_store,
    rerun,
)

from planner.store import room_codes as room
from planner.store.tables import now as real_now


def start_code(at):
    at.button(key="workshop_new_room_code").click()
    return rerun(at)


def shown_code(at) -> str | None:
    return next((m.value.split("Room code: ", 1)[1].split("**")[0].replace(" ", "") for m in at.markdown
                 if "Room code: " in m.value), None)


@pytest.fixture(autouse=True)
def _no_public_url(monkeypatch):
    monkeypatch.delenv("PLANNER_PUBLIC_URL", raising=False)


def test_the_room_code_and_its_link_are_shown_again_after_a_new_session(page_store, page_project, monkeypatch):
    monkeypatch.setenv("PLANNER_PUBLIC_URL", "https://kickoff.example/planner")
    at = start_code(open_app(page_project.id, WORKSHOP))
    code = shown_code(at)
    assert code and page_store.resolve_room_code(code).project_id == page_project.id
    assert at.code[0].value == f"https://kickoff.example/planner/workshop?room={code}"
    assert at.get("imgs") or at.get("image")  # the QR code
    later = open_app(page_project.id, WORKSHOP)  # a refresh: a new session in the same browser
    assert shown_code(later) == code
    assert later.code[0].value == f"https://kickoff.example/planner/workshop?room={code}"


def test_another_facilitator_browser_is_told_the_code_runs_and_can_start_its_own(page_store, page_project):
    code = shown_code(start_code(open_app(page_project.id, WORKSHOP)))
    token = page_store.create_link(page_project.id, "facilitator")[1]
    other = open_app(page_project.id, WORKSHOP, {"key": token}, browser=OTHER_BROWSER)
    assert shown_code(other) is None and "started in another browser" in all_text(other)
    mine = shown_code(start_code(other))
    assert mine and mine != code
    assert shown_code(open_app(page_project.id, WORKSHOP, browser=OTHER_BROWSER)) == mine


def test_the_presenter_view_shows_the_code_in_large_type_with_the_qr_code(page_store, page_project):
    at = start_code(open_app(page_project.id, WORKSHOP))
    code = page_store.room_code(page_project.id, BROWSER).code
    at.toggle(key="workshop_presenter").set_value(True)
    rerun(at)
    assert any(m.value == f"# {code[:3]} {code[3:]}" for m in at.markdown)
    assert "Join the workshop" in all_text(at)


def test_a_participant_joins_through_the_qr_codes_link(page_store, page_project):
    code = page_store.create_room_code(page_project.id, browser=BROWSER).code
    at = open_app(None, WORKSHOP, {"room": code.lower()}, browser=OTHER_BROWSER)
    at.text_input(key="workshop_name").set_value("Ana")
    at.selectbox(key="workshop_role").set_value("Client")
    next(b for b in at.button if b.label == "Join the workshop").click()
    rerun(at)
    assert any("You take part as" in s.value for s in at.success)
    person = page_store.participants(page_project.id)[0]
    assert person.name == "Ana"
    assert page_store.resolve_token(page_project.id, at.query_params["key"]).participant_id == person.id


def test_a_participant_types_the_code_on_the_projects_page(page_store, page_project):
    code = page_store.create_room_code(page_project.id, browser=BROWSER).code
    at = open_app(browser=OTHER_BROWSER)
    at.text_input(key="home_room_code_text").set_value(f"{code[:3]}-{code[3:]}")
    next(b for b in at.button if b.label == "Join").click()
    rerun(at)
    assert [t for t in at.text_input if t.key == "workshop_name"], all_text(at)


def test_a_wrong_or_expired_room_code_gets_a_message_and_opens_nothing(page_store, page_project, monkeypatch):
    code = page_store.create_room_code(page_project.id, browser=BROWSER, hours=1).code
    wrong = open_app(None, WORKSHOP, {"room": "ZZZZZZ" if code != "ZZZZZZ" else "YYYYYY"}, browser=OTHER_BROWSER)
    assert "mistyped, expired or stopped" in all_text(wrong) and "Claims triage" not in all_text(wrong)
    monkeypatch.setattr(room, "now", lambda: real_now() + timedelta(hours=1, seconds=1))
    late = open_app(None, WORKSHOP, {"room": code}, browser=OTHER_BROWSER)
    assert "mistyped, expired or stopped" in all_text(late)
    assert not [t for t in late.text_input if t.key == "workshop_name"]


def test_a_code_that_expires_before_joining_stops_the_join_form(page_store, page_project, monkeypatch):
    code = page_store.create_room_code(page_project.id, browser=BROWSER, hours=1).code
    at = open_app(None, WORKSHOP, {"room": code}, browser=OTHER_BROWSER)
    assert [t for t in at.text_input if t.key == "workshop_name"]
    monkeypatch.setattr(room, "now", lambda: real_now() + timedelta(hours=2))
    rerun(at)
    assert not [t for t in at.text_input if t.key == "workshop_name"]
    assert "mistyped, expired or stopped" in all_text(at)


@pytest.mark.parametrize("address", ["http://127.0.0.1:8611/workshop", "http://localhost:8501/", "http://[::1]:8501/workshop"])
def test_a_localhost_join_link_warns_and_says_what_to_set(page_store, page_project, monkeypatch, address):
    monkeypatch.setattr("planner.ui.sharing.browser_url", lambda: address)  # the facilitator opened the app like this
    at = start_code(open_app(page_project.id, WORKSHOP))
    assert at.code[0].value.startswith(address.rsplit("/", 1)[0] + "/workshop?room=")
    warning = " ".join(w.value for w in at.warning).replace("\\", "")
    assert "opens nothing on anyone else's laptop" in warning and "PLANNER_PUBLIC_URL" in warning
    assert "HOST=0.0.0.0" in warning


def test_a_join_link_on_the_network_address_does_not_warn(page_store, page_project, monkeypatch):
    monkeypatch.setattr("planner.ui.sharing.browser_url", lambda: "http://192.168.1.20:8501/workshop")
    at = start_code(open_app(page_project.id, WORKSHOP))
    assert at.code[0].value.startswith("http://192.168.1.20:8501/workshop?room=")
    assert not at.warning


def test_with_a_public_url_every_shared_link_uses_it_and_nothing_warns(page_store, page_project, monkeypatch):
    monkeypatch.setenv("PLANNER_PUBLIC_URL", "http://kickoff.example:8672")
    at = start_code(open_app(page_project.id, WORKSHOP))
    at.button(key="workshop_new_join_link").click()
    rerun(at)
    assert [c.value.split("?")[0] for c in at.code] == ["http://kickoff.example:8672/workshop"] * 2
    assert not at.warning
    home = open_app(page_project.id)
    home.button(key=next(b.key for b in home.button if b.label == "Create link") or "").click()
    rerun(home)
    assert home.code[0].value.startswith("http://kickoff.example:8672/?project=")


def test_a_bad_public_url_stops_the_app_with_one_line_naming_the_setting(page_db, monkeypatch):
    monkeypatch.setenv("PLANNER_PUBLIC_URL", "kickoff.example:8672")
    at = open_app()
    assert len(at.error) == 1
    message = at.error[0].value.replace("\\", "")
    assert message.startswith("PLANNER_PUBLIC_URL = 'kickoff.example:8672' is not a usable address") and "\n" not in message
    assert not at.get("tab")


def test_someone_on_the_join_form_keeps_it_while_others_type_wrong_codes(page_store, page_project, monkeypatch):
    """Review: every rerun checked the code against the server-wide guess limit, so 30 wrong codes by anyone
    cleared the join form of everyone who had not joined yet."""
    code = page_store.create_room_code(page_project.id, browser=BROWSER).code
    at = open_app(None, WORKSHOP, {"room": code}, browser=OTHER_BROWSER)
    wrong = next(c * 6 for c in room.ALPHABET if c * 6 != code)
    monkeypatch.setattr(room, "FAILED_CODES_PER_MINUTE_SERVER", room.FAILED_CODES_PER_MINUTE)  # reach it quickly
    for _ in range(room.FAILED_CODES_PER_MINUTE):
        with pytest.raises(Exception):
            page_store.resolve_room_code(wrong, browser="guesser")
    with pytest.raises(Exception, match="were tried"):
        page_store.resolve_room_code(code, browser="newcomer")  # the server-wide limit is reached
    rerun(at)  # e.g. the live view's tick after someone else joined
    assert "Too many wrong room codes" not in all_text(at)
    at.text_input(key="workshop_name").set_value("Ana")
    at.selectbox(key="workshop_role").set_value("Client")
    next(b for b in at.button if b.label == "Join the workshop").click()
    rerun(at)
    assert any("You take part as" in s.value for s in at.success)
