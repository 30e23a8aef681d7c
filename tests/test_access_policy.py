"""planner.access_policy: which access a session gets from a link key and this browser - pure, no AppTest."""

from __future__ import annotations

import pytest

from planner.access_policy import NO_ACCESS, Decision, decide, key_for_url, needs_browser_access, rank, still_allows
from planner.store.access import AccessDenied, Grant

FACILITATOR = Grant("p", "facilitator", "link_f")
JOIN = Grant("p", "participant", "link_join")
PERSONAL = Grant("p", "participant", "link_ana", "ana")
OTHER_PERSONAL = Grant("p", "participant", "link_bo", "bo")
UNKNOWN, REVOKED = AccessDenied("unknown"), AccessDenied("revoked")


def test_rank_facilitator_then_personal_then_join():
    assert sorted([JOIN, FACILITATOR, PERSONAL], key=rank) == [JOIN, PERSONAL, FACILITATOR]


@pytest.mark.parametrize("presented, expected", [(None, True), (JOIN, True), (PERSONAL, False), (FACILITATOR, False)])
def test_the_browser_is_asked_only_without_a_key_that_says_who_you_are(presented, expected):
    assert needs_browser_access(presented) is expected


@pytest.mark.parametrize("bound", [None, JOIN, PERSONAL, FACILITATOR])
def test_a_facilitator_or_personal_key_is_used_as_is(bound):
    for presented in (FACILITATOR, PERSONAL):
        assert decide("KEY", presented, None, bound) == Decision(presented, "KEY")


@pytest.mark.parametrize("bound", [JOIN, PERSONAL, FACILITATOR])
def test_without_a_key_the_browser_own_access_lets_in_without_a_key(bound):
    assert decide(None, None, None, bound) == Decision(bound, None)


def test_without_a_key_or_browser_access_the_refusal_says_how_to_get_in():
    assert decide(None, None, None, None) == Decision(None, None, NO_ACCESS)


@pytest.mark.parametrize("bound", [PERSONAL, FACILITATOR])
def test_a_join_link_again_keeps_who_already_joined(bound):
    assert decide("JOIN", JOIN, None, bound) == Decision(bound, None)


@pytest.mark.parametrize("bound", [None, JOIN])
def test_a_join_link_for_a_newcomer_stays_a_join_link(bound):
    assert decide("JOIN", JOIN, None, bound) == Decision(JOIN, "JOIN")


@pytest.mark.parametrize("denied, text", [(UNKNOWN, "does not open any project"), (REVOKED, "was revoked")])
def test_a_dead_key_is_refused_with_its_reason(denied, text):
    decision = decide("DEAD", None, denied, None)
    assert decision.grant is None and text in decision.refusal


@pytest.mark.parametrize("denied", [UNKNOWN, REVOKED])
def test_a_dead_key_is_not_replaced_by_a_bound_join_link(denied):
    """A removed participant must be told, not silently let in as a new joiner."""
    decision = decide("DEAD", None, denied, JOIN)
    assert decision.grant is None and decision.refusal == str(denied)


@pytest.mark.parametrize("bound", [PERSONAL, FACILITATOR])
def test_a_dead_key_gives_way_to_the_browser_own_personal_or_facilitator_access(bound):
    assert decide("DEAD", None, REVOKED, bound) == Decision(bound, None)


def test_the_browser_is_ignored_where_the_key_says_enough():
    assert decide("KEY", PERSONAL, None, FACILITATOR) == Decision(PERSONAL, "KEY")


@pytest.mark.parametrize("now, before, facilitator, expected", [
    (None, FACILITATOR, True, False), (None, PERSONAL, False, False),
    (FACILITATOR, FACILITATOR, True, True), (FACILITATOR, PERSONAL, False, True),
    (PERSONAL, FACILITATOR, True, False),  # demoted: no facilitator writes any more
    (PERSONAL, PERSONAL, True, False), (PERSONAL, PERSONAL, False, True),
    (OTHER_PERSONAL, PERSONAL, False, False), (JOIN, PERSONAL, False, False),
])
def test_still_allows(now, before, facilitator, expected):
    assert still_allows(now, before, facilitator) is expected


@pytest.mark.parametrize("key, grant, cookie_works, remembered, expected", [
    ("K", FACILITATOR, True, True, None),  # the browser gets back in: the key leaves the address bar
    ("K", FACILITATOR, False, True, "K"), ("K", FACILITATOR, True, False, "K"),
    ("K", PERSONAL, True, True, "K"),  # a participant's personal link is their bookmark
    ("K", JOIN, True, True, "K"), (None, FACILITATOR, False, False, None), (None, PERSONAL, True, True, None),
])
def test_key_for_url(key, grant, cookie_works, remembered, expected):
    assert key_for_url(key, grant, cookie_works, remembered) == expected
