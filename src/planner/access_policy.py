"""Who may open a project, decided from what the store found: pure rules, no Streamlit, no database.

The UI (ui/session.py) looks up the link key in the URL and this browser's own access, then asks here
which access the session gets, which message a refusal shows, and whether the key stays in the URL.
"""

from __future__ import annotations

from dataclasses import dataclass

from .store.access import AccessDenied, Grant

NO_ACCESS = ("This browser has no access to that project. Open it through the link its facilitator shared "
             "(a facilitator link, or a join link for the workshop).")


def rank(grant: Grant) -> tuple[bool, bool]:
    """Which access counts for more (Grant.rank, the one definition the store uses too)."""
    return grant.rank


_JOIN_LINK = (False, False)


@dataclass(frozen=True)
class Decision:
    """The access a session gets: `grant` (None: refused, with `refusal` to show) and the link key still in use
    (None: the browser's own access let it in, so no key is needed)."""

    grant: Grant | None
    key: str | None
    refusal: str | None = None


def needs_browser_access(presented: Grant | None) -> bool:
    """Whether this browser's own access is asked for: no key, a dead key, or a join link (whoever already
    joined is still themselves - their personal link is bound to this browser - not a new joiner)."""
    return presented is None or rank(presented) == _JOIN_LINK


def decide(key: str | None, presented: Grant | None, denied: AccessDenied | None, bound: Grant | None) -> Decision:
    """The access given by a link key (`presented`, or `denied` why not) and by this browser (`bound`).

    The browser's access wins where needs_browser_access(presented) and it is more than a join link, or
    when no key was given at all. A dead key is not replaced by a bound join link: a removed participant
    should be told their link no longer works.
    """
    if bound is not None and needs_browser_access(presented) and (rank(bound) > _JOIN_LINK or (presented is None and denied is None)):
        return Decision(bound, None)
    if presented is None:
        return Decision(None, key, str(denied) if denied else NO_ACCESS)
    return Decision(presented, key)


def still_allows(now: Grant | None, before: Grant, facilitator: bool = True) -> bool:
    """Whether access checked again (`now`) still covers what the session had (`before`): a facilitator may
    always go on; where `facilitator` is False, the same participant may too."""
    if now is None:
        return False
    return now.facilitator or (not facilitator and now.participant_id == before.participant_id)


def key_for_url(key: str | None, grant: Grant, cookie_works: bool, remembered: bool) -> str | None:
    """The link key to keep in the address bar (None: none), only where a refresh needs it.

    A facilitator key in the address bar is one screen-share away from leaking, so it leaves the URL once
    this browser's cookie is known to work and the link is bound to the browser - a refresh then gets back
    in through the browser. A participant's personal link stays: it is their bookmark.
    """
    return key if key and not (grant.facilitator and cookie_works and remembered) else None
