"""The workshop read once per version and shared by the sessions of a room (planner.ui.room_cache)."""

import pytest

import planner.workshop
from planner.content import load_content
from planner.ui import room_cache

QUALITY = "exp_model_quality"


@pytest.fixture
def builds(monkeypatch):
    """Every divergence computed, and an empty cache before and after."""
    made, real = [], planner.workshop.divergence
    monkeypatch.setattr(planner.workshop, "divergence", lambda *a: made.append(1) or real(*a))
    room_cache.clear()
    yield made
    room_cache.clear()


def test_sessions_at_one_version_share_one_reading_and_a_change_reads_again(store, builds, monkeypatch):
    """Issue 15 §4: each of 30 pages rerunning after a change read every participant and rebuilt the divergence."""
    content = load_content()
    project = store.create_project("Room")
    ana, _ = store.join_workshop(project.id, "Ana", "Client")
    reads = []
    real = store.participants
    monkeypatch.setattr(store, "participants", lambda pid: reads.append(pid) or real(pid))
    first = room_cache.room_state(store, project.id, content)
    assert [room_cache.room_state(store, project.id, content) for _ in range(29)] == [first] * 29
    assert len(builds) == 1 and len(reads) == 1
    store.save_expectation(project.id, ana.id, QUALITY, "rough")
    after = room_cache.room_state(store, project.id, content)
    assert len(builds) == 2 and after.people[0].answers == {QUALITY: "rough"}
    assert next(d for d in after.results if d.question.id == QUALITY).answered == 1
    assert after.version == store.workshop_version(project.id)


def test_the_cache_keeps_a_bounded_number_of_versions_and_each_for_a_few_seconds(store, builds, monkeypatch):
    content = load_content()
    project = store.create_project("Room")
    for n in range(room_cache.LIMIT + 5):
        room_cache.room_state(store, project.id, content, version=(n,))
    assert len(room_cache._states) == room_cache.LIMIT
    room_cache.room_state(store, project.id, content, version=(0,))  # the oldest went first: read again
    assert len(builds) == room_cache.LIMIT + 6
    clock = [1000.0]
    monkeypatch.setattr(room_cache.time, "monotonic", lambda: clock[0])
    room_cache.room_state(store, project.id, content, version=("now",))
    clock[0] += room_cache.MAX_AGE + 0.1  # e.g. a change the version could not see
    room_cache.room_state(store, project.id, content, version=("now",))
    assert len(builds) == room_cache.LIMIT + 8
