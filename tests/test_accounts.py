"""Accounts from the identity provider: a project made while signed in belongs to its account, and opens for
another account only once shared with that account's e-mail (store level, SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from planner.store import FACILITATOR, StoreError, clean_email

ISSUER = "https://login.example.org"


def _accounts(store):
    ana = store.sign_in(ISSUER, "sub-ana", email="Ana@Example.org", name="Ana Lopez")
    bo = store.sign_in(ISSUER, "sub-bo", email="bo@example.org", name="Bo")
    return ana, bo


def test_a_project_created_while_signed_in_belongs_to_the_account_only(store):
    ana, bo = _accounts(store)
    project = store.create_project("Claims triage", owner=ana.id, author=ana.author)
    grant = store.account_grant(ana, project.id)
    assert grant is not None and grant.role == FACILITATOR and grant.project_id == project.id
    assert [p.id for p, _ in store.account_projects(ana)] == [project.id]
    assert store.project_owner(project.id) == ana
    assert store.account_grant(bo, project.id) is None and store.account_projects(bo) == []
    assert store.history(project.id)[0].author == "Ana Lopez <ana@example.org>"


def test_sharing_by_email_lets_that_account_in_and_unsharing_stops_it(store):
    ana, bo = _accounts(store)
    project = store.create_project("Claims triage", owner=ana.id)
    assert store.share_project(project.id, " BO@example.org ", author=ana.author) is True
    assert store.share_project(project.id, "bo@example.org") is False  # already shared: nothing new
    assert store.account_grant(bo, project.id).facilitator
    assert [p.id for p, _ in store.account_projects(bo)] == [project.id]
    assert [s.email for s in store.project_shares(project.id)] == ["bo@example.org"]
    entry = store.history(project.id)[0]
    assert (entry.kind, entry.target, entry.detail, entry.author) == ("access", "shared with a colleague", "bo@example.org",
                                                                      "Ana Lopez <ana@example.org>")
    assert store.unshare_project(project.id, "bo@example.org", author=ana.author) is True
    assert store.account_grant(bo, project.id) is None and store.account_projects(bo) == []


def test_a_share_works_for_a_colleague_who_signs_in_only_later(store):
    ana, _ = _accounts(store)
    project = store.create_project("P", owner=ana.id)
    store.share_project(project.id, "cy@example.org")
    cy = store.sign_in(ISSUER, "sub-cy", email="cy@example.org", name="Cy")
    assert store.account_grant(cy, project.id) is not None


def test_the_account_is_issuer_and_subject_not_the_email(store):
    ana, _ = _accounts(store)
    again = store.sign_in(ISSUER, "sub-ana", email="ana.lopez@example.org", name="Ana L.")
    assert again.id == ana.id and again.email == "ana.lopez@example.org"  # the provider's latest e-mail and name
    other_provider = store.sign_in("https://other.example", "sub-ana", email="x@example.org")
    assert other_provider.id != ana.id
    project = store.create_project("P", owner=ana.id)
    assert store.account_grant(other_provider, project.id) is None


def test_an_account_without_email_is_not_let_in_by_a_share_of_an_empty_address(store):
    ana, _ = _accounts(store)
    nobody = store.sign_in(ISSUER, "sub-x", email="", name="X")
    project = store.create_project("P", owner=ana.id)
    with pytest.raises(ValueError):
        store.share_project(project.id, "")
    assert store.account_grant(nobody, project.id) is None


@pytest.mark.parametrize("text", ["bo", "bo@", "@example.org", "bo@example", "bo example@x.org", "<bo@x.org>", "a@b@c.org",
                                  "x" * 250 + "@example.org"])
def test_a_share_address_that_is_not_an_email_is_refused_with_the_text(store, text):
    ana, _ = _accounts(store)
    project = store.create_project("P", owner=ana.id)
    with pytest.raises(ValueError, match="is not an e-mail address"):
        store.share_project(project.id, text)
    assert store.project_shares(project.id) == []


def test_sharing_a_deleted_project_is_refused(store):
    ana, _ = _accounts(store)
    project = store.create_project("P", owner=ana.id)
    store.delete_project(project.id)
    with pytest.raises(StoreError, match="no longer exists"):
        store.share_project(project.id, "bo@example.org")


def test_deleting_a_project_removes_its_owner_and_shares_but_keeps_the_accounts(store):
    ana, bo = _accounts(store)
    project = store.create_project("P", owner=ana.id)
    store.share_project(project.id, bo.email)
    store.delete_project(project.id)
    assert store.project_shares(project.id) == [] and store.project_owner(project.id) is None
    assert store.account(ana.id) == ana and store.account_projects(bo) == []


def test_a_sign_in_without_subject_is_refused(store):
    with pytest.raises(ValueError, match="no issuer or subject"):
        store.sign_in(ISSUER, "", email="a@example.org")


def test_clean_email():
    assert clean_email("  Ana@Example.ORG ") == "ana@example.org"
