"""Access links in the store: random tokens, fingerprints only, constant-time checks, revocation, browsers."""

import secrets

import pytest
from sqlalchemy import text

from planner.store import AccessDenied, StoreError
from planner.store import access as access_module

BROWSER, OTHER = "browser-one-aaaaaaaaaaaaaaaa", "browser-two-bbbbbbbbbbbbbbbb"


def test_the_creator_gets_a_facilitator_link_with_enough_randomness(store):
    project = store.create_project("P", browser=BROWSER)
    assert len(project.key) >= 22  # URL-safe base64: ≥ 22 characters carry ≥ 128 random bits
    grant = store.resolve_token(project.id, project.key)
    assert grant.facilitator and grant.project_id == project.id
    assert store.browser_grants(BROWSER)[project.id] == grant
    assert len({store.create_link(project.id, "participant")[1] for _ in range(50)}) == 50


def test_the_database_keeps_only_fingerprints(store):
    project = store.create_project("P", browser=BROWSER)
    _, join = store.create_link(project.id, "participant", "Join")
    _, personal = store.join_workshop(project.id, "Ana", "Client")
    with store.engine.connect() as conn:
        dump = " ".join(str(row) for table in ("access_links", "browser_access", "participants", "history")
                        for row in conn.execute(text(f"SELECT * FROM {table}")))  # noqa: S608 - fixed names
    for secret in (project.key, join, personal, BROWSER):
        assert secret not in dump


def test_every_link_of_the_project_is_compared_in_constant_time(store, monkeypatch):
    project = store.create_project("P", browser=BROWSER)
    for _ in range(4):
        store.create_link(project.id, "participant")
    calls, compare = [], secrets.compare_digest
    monkeypatch.setattr(access_module.secrets, "compare_digest", lambda a, b: calls.append((a, b)) or compare(a, b))
    store.resolve_token(project.id, project.key)  # the creator's link is the first one: no early exit after it
    assert len(calls) == 5
    calls.clear()
    with pytest.raises(AccessDenied):
        store.resolve_token(project.id, "A" * 32)
    assert len(calls) == 5


@pytest.mark.parametrize("token", ["", "short", "A" * 32, "<script>alert(1)</script>", None, 42, "x" * 10_000])
def test_unknown_tokens_are_refused_without_naming_a_project(store, token):
    project = store.create_project("Secret name", browser=BROWSER)
    with pytest.raises(AccessDenied) as refused:
        store.resolve_token(project.id, token)
    assert refused.value.reason == "unknown" and "Secret name" not in str(refused.value)


def test_a_token_opens_only_its_own_project(store):
    first = store.create_project("First", browser=BROWSER)
    second = store.create_project("Second", browser=OTHER)
    with pytest.raises(AccessDenied, match="does not open any project"):
        store.resolve_token(second.id, first.key)
    with pytest.raises(AccessDenied):
        store.resolve_token("AAAAAAAAAAAAAAAA", first.key)


def test_revoking_stops_the_link_and_the_browsers_that_used_it(store):
    project = store.create_project("P", browser=BROWSER)
    link, token = store.create_link(project.id, "facilitator", "Co-facilitator")
    store.remember(OTHER, store.resolve_token(project.id, token))
    assert project.id in store.browser_grants(OTHER)
    store.revoke_link(project.id, link.id, author="Fran")
    with pytest.raises(AccessDenied, match="revoked"):
        store.resolve_token(project.id, token)
    assert store.browser_grants(OTHER) == {}
    assert project.id in store.browser_grants(BROWSER)  # the creator's own link still works
    revoked = next(lk for lk in store.links(project.id) if lk.id == link.id)
    assert not revoked.active and revoked.revoked_by == "Fran"
    assert store.history(project.id)[0].target == "facilitator link revoked"


def test_the_last_facilitator_link_cannot_be_revoked(store):
    project = store.create_project("P", browser=BROWSER)
    mine = store.links(project.id)[0]
    with pytest.raises(ValueError, match="last facilitator link"):
        store.revoke_link(project.id, mine.id)
    store.create_link(project.id, "facilitator", "Spare")
    store.revoke_link(project.id, mine.id)  # now there is another one
    assert project.id not in store.browser_grants(BROWSER)


def test_a_link_of_another_project_cannot_be_revoked_through_this_one(store):
    first = store.create_project("First", browser=BROWSER)
    second = store.create_project("Second", browser=OTHER)
    store.create_link(second.id, "facilitator")
    link = store.links(second.id)[0]
    store.revoke_link(first.id, link.id)
    assert store.links(second.id)[0].active


def test_browsers_list_only_their_projects_with_their_best_access(store):
    mine = store.create_project("Mine", browser=BROWSER)
    theirs = store.create_project("Theirs", browser=OTHER)
    _, join = store.create_link(theirs.id, "participant")
    assert [p.id for p, _ in store.browser_projects(BROWSER)] == [mine.id]
    store.remember(BROWSER, store.resolve_token(theirs.id, join))
    _, personal = store.join_workshop(theirs.id, "Me", "Client", browser=BROWSER)
    listed = {p.id: grant for p, grant in store.browser_projects(BROWSER)}
    assert listed[mine.id].facilitator and not listed[theirs.id].facilitator
    assert listed[theirs.id].participant_id  # the personal link wins over the join link: it says who I am
    assert store.browser_grant(BROWSER, theirs.id) == listed[theirs.id]
    assert store.browser_grant(OTHER, mine.id) is None
    store.forget(BROWSER, theirs.id)
    assert [p.id for p, _ in store.browser_projects(BROWSER)] == [mine.id]
    assert store.resolve_token(theirs.id, personal)  # forgetting does not revoke


def test_removing_a_participant_revokes_their_link_and_drops_their_answers(store):
    project = store.create_project("P", browser=BROWSER)
    ana, token = store.join_workshop(project.id, "Ana", "Client")
    store.save_expectation(project.id, ana.id, "exp_model_quality", "rough")
    store.remove_participant(project.id, ana.id, author="Fran")
    assert store.participants(project.id) == []
    with pytest.raises(AccessDenied, match="revoked"):
        store.resolve_token(project.id, token)
    with pytest.raises(StoreError, match="not valid for this project"):
        store.save_expectation(project.id, ana.id, "exp_model_quality", "rough")


def test_deleting_a_project_deletes_its_links(store):
    project = store.create_project("P", browser=BROWSER)
    store.join_workshop(project.id, "Ana", "Client", browser=OTHER)
    store.delete_project(project.id)
    assert store.links(project.id) == [] and store.browser_grants(BROWSER) == {} and store.browser_grants(OTHER) == {}


def test_an_import_gives_the_importing_browser_a_facilitator_link(store):
    project = store.import_project("Imported", "", {"setup_team_size": 3}, browser=BROWSER)
    assert store.resolve_token(project.id, project.key).facilitator
    assert store.import_project("No browser", "", {}).key == ""
