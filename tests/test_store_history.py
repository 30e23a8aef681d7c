"""Every write of the Store facade records history; timestamps are aware; deleting a project cascades."""

from __future__ import annotations

import inspect
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from planner.store import Store
from planner.store.tables import metadata

BROWSER = "browser-cookie-0123456789abcdef"


def _setup(store: Store) -> dict:
    """A project with one of everything a write method may need, returned by name."""
    owner = store.sign_in("https://idp.example", "ana-1", email="ana@example.org", name="Ana")
    project = store.create_project("History", browser=BROWSER, owner=owner.id)
    store.save_answer(project.id, "setup_team_size", 4)
    store.save_question_file(project.id, "team.yaml", "text")
    milestone = store.save_milestone(project.id, "Kickoff")
    link, _ = store.create_link(project.id, "participant", "Join")
    spare, _ = store.create_link(project.id, "facilitator", "Spare")
    person, _ = store.join_workshop(project.id, "Ana", "Client", via=link.id)
    store.create_room_code(project.id, browser=BROWSER)
    store.reveal_questions(project.id, ["exp_model_quality"])
    parked = store.park_question(project.id, person.id, "Who signs off the labels?")
    store.share_project(project.id, "bo@example.org")
    return dict(project=project, milestone=milestone, link=link, spare=spare, person=person, parked=parked,
                grant=store.resolve_token(project.id, store.create_link(project.id, "participant", "x")[1]))


# Each write method with a call that changes something; a new write method must be added here.
WRITES = {
    "create_project": lambda s, o: s.create_project("Another"),
    "import_project": lambda s, o: s.import_project("Imported", "", {"a": 1}),
    "update_project": lambda s, o: s.update_project(o["project"].id, "Renamed", ""),
    "save_milestone": lambda s, o: s.save_milestone(o["project"].id, "Later"),
    "delete_milestone": lambda s, o: s.delete_milestone(o["project"].id, o["milestone"].id),
    "join_workshop": lambda s, o: s.join_workshop(o["project"].id, "Bo", "Client"),
    "save_expectation": lambda s, o: s.save_expectation(o["project"].id, o["person"].id, "exp_model_quality", "rough"),
    "remove_participant": lambda s, o: s.remove_participant(o["project"].id, o["person"].id),
    "create_link": lambda s, o: s.create_link(o["project"].id, "participant"),
    "revoke_link": lambda s, o: s.revoke_link(o["project"].id, o["spare"].id),
    "save_answer": lambda s, o: s.save_answer(o["project"].id, "setup_team_size", 5),
    "replace_answers": lambda s, o: s.replace_answers(o["project"].id, {"a": 1}),
    "save_plan": lambda s, o: s.save_plan(o["project"].id, {"tasks": []}),
    "save_question_file_and_clear": lambda s, o: s.save_question_file_and_clear(o["project"].id, "t2.yaml", "x", []),
    "save_question_file": lambda s, o: s.save_question_file(o["project"].id, "t3.yaml", "x"),
    "remove_question_file": lambda s, o: s.remove_question_file(o["project"].id, "team.yaml"),
    "create_room_code": lambda s, o: s.create_room_code(o["project"].id, browser=BROWSER),
    "stop_room_code": lambda s, o: s.stop_room_code(o["project"].id),
    "reveal_questions": lambda s, o: s.reveal_questions(o["project"].id, ["exp_data_changes"]),
    "set_timer": lambda s, o: s.set_timer(o["project"].id, "start", 30),
    "park_question": lambda s, o: s.park_question(o["project"].id, o["person"].id, "What does the API cost?", "Ops"),
    "decide_parked_question": lambda s, o: s.decide_parked_question(o["project"].id, o["parked"].id, "dismissed"),
    "share_project": lambda s, o: s.share_project(o["project"].id, "cy@example.org"),
    "unshare_project": lambda s, o: s.unshare_project(o["project"].id, "bo@example.org"),
}
# Writes that change no project, each with why it records no project history.
NO_PROJECT_HISTORY = {
    "delete_project": "the project's history is deleted with it",
    "remember": "a browser's list of projects, not a change to a project",
    "forget": "a browser's list of projects, not a change to a project",
    "resolve_room_code": "a wrong code is counted server-wide (to cap guessing), not a change to a project",
    "sign_in": "an account's own row (who signed in), not a change to a project",
}
# Tables that hold no project's rows.
SERVER_WIDE = {"room_code_failures", "accounts"}


def write_methods() -> set[str]:
    """Public Store methods that open a write transaction."""
    return {name for name, member in inspect.getmembers(Store, inspect.isfunction)
            if not name.startswith("_") and "self._write()" in inspect.getsource(member)}


def test_every_write_method_is_listed_here():
    assert write_methods() == set(WRITES) | set(NO_PROJECT_HISTORY), \
        "a new write method: add it to WRITES (it must record history) or, with a reason, to NO_PROJECT_HISTORY"


def _entries(store: Store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(metadata.tables["history"])).scalar()


@pytest.mark.parametrize("name", sorted(WRITES))
def test_each_write_method_records_history(store, name):
    objects = _setup(store)
    before = _entries(store)
    WRITES[name](store, objects)
    assert _entries(store) > before, f"Store.{name} changed the project without recording it in the history"


def test_history_of_a_failed_write_is_not_kept(store):
    project = store.create_project("P")
    before = store.history(project.id)
    with pytest.raises(ValueError):
        store.update_project(project.id, "", "")
    assert store.history(project.id) == before


def test_timestamps_are_timezone_aware_utc_datetimes(store):
    started = datetime.now(UTC)
    objects = _setup(store)
    project = store.get_project(objects["project"].id)
    link = store.links(project.id)[0]
    stamps = [project.created_at, project.updated_at, store.history(project.id)[0].at,
              store.list_milestones(project.id)[0].created_at, link.created_at]
    for stamp in stamps:
        assert isinstance(stamp, datetime) and stamp.utcoffset().total_seconds() == 0, stamp
        assert started.replace(microsecond=0) <= stamp <= datetime.now(UTC)
    store.revoke_link(project.id, objects["spare"].id)
    revoked = next(lk for lk in store.links(project.id) if lk.id == objects["spare"].id)
    assert revoked.revoked_at.tzinfo is not None and revoked.revoked_at >= revoked.created_at


def test_a_naive_timestamp_is_refused(store):
    from sqlalchemy import update

    from planner.store.tables import projects

    project = store.create_project("P")
    with pytest.raises(Exception, match="timezone-aware"), store.engine.begin() as conn:
        conn.execute(update(projects).where(projects.c.id == project.id).values(updated_at=datetime(2026, 1, 1)))


def test_deleting_a_project_leaves_no_row_of_it_in_any_table(store):
    objects = _setup(store)
    store.save_expectation(objects["project"].id, objects["person"].id, "exp_model_quality", "rough")
    store.save_plan(objects["project"].id, {"tasks": []})
    other = store.create_project("Kept", browser=BROWSER)
    store.save_answer(other.id, "a", 1)
    counts = {}
    with store.engine.connect() as conn:
        before = {t.name: conn.execute(select(func.count()).select_from(t)).scalar() for t in metadata.sorted_tables}
    store.delete_project(objects["project"].id)
    with store.engine.connect() as conn:
        counts = {t.name: conn.execute(select(func.count()).select_from(t)).scalar() for t in metadata.sorted_tables}
    per_project = set(before) - SERVER_WIDE
    assert all(before[name] > 0 for name in per_project), before  # every table held rows of the deleted project
    kept = {"projects": 1, "answers": 1, "history": 2, "access_links": 1, "browser_access": 1}  # the other project's
    assert {name: counts[name] for name in per_project} == {name: kept.get(name, 0) for name in per_project}
    assert store.browser_projects(BROWSER)[0][0].id == other.id and store.load_answers(other.id) == {"a": 1}


def test_domain_types_live_in_the_core():
    from planner.milestones import Milestone
    from planner.store import Milestone as StoreMilestone
    from planner.store import Participant as StoreParticipant
    from planner.store.store import WORKSHOP_ROLES as STORE_ROLES
    from planner.workshop import WORKSHOP_ROLES, Participant

    assert (StoreParticipant, StoreMilestone, STORE_ROLES) == (Participant, Milestone, WORKSHOP_ROLES)
    assert (Participant.__module__, Milestone.__module__) == ("planner.domain", "planner.domain")  # the core, below the store


def test_history_pages_with_limit_offset_filters_and_counts(store):
    """Issue 16: the history was read with a fixed limit of 1,000 and no count, so older entries vanished silently."""
    project = store.create_project("P")
    for i in range(12):
        store.save_answer(project.id, "setup_team_size", i + 1, author="Ana" if i % 3 == 0 else "")
    answers = [e for e in store.history(project.id) if e.kind == "answer"]
    assert store.history_count(project.id) == len(store.history(project.id)) == 13  # 12 answers and the project
    assert [e.detail for e in store.history(project.id, limit=4, offset=4)] == [e.detail for e in answers[4:8]]
    assert store.history(project.id, limit=5, offset=20) == []
    assert [e.author for e in store.history(project.id, authors=["Ana"])] == ["Ana"] * 4
    assert store.history_count(project.id, kinds=["answer"], authors=["Ana"]) == 4
    assert store.history_count(project.id, kinds=["project"]) == 1
    page = store.history_page(project.id, 5, 10, kinds=["answer"])
    assert (page.matching, page.total, len(page.entries)) == (12, 13, 2)
    assert page.authors == ("", "Ana") and page.kinds == ("answer", "project")
