"""Pages that update by themselves: a small fragment polls a cheap version value and reruns the page only when it changed."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from ..store import StoreError

LIVE_SECONDS = 2.0  # a change shows within this (plus one rerun): the room sees it in under 3 s


def live_updates(key: str, version: Callable[[], object]) -> object:
    """Note the version this run draws, and poll it every LIVE_SECONDS; call before reading what the page shows, so a
    change made while the page is drawn is caught by the next tick. A tick that finds nothing new draws nothing else.
    Returns the version noted (None when the database could not say)."""
    try:
        st.session_state[key] = version()
    except StoreError:  # the page below says what is wrong with the database
        st.session_state[key] = None
    st.fragment(tick, run_every=LIVE_SECONDS)(key, version)
    return st.session_state[key]


def tick(key: str, version: Callable[[], object]) -> None:
    """One poll: rerun the whole page when the version moved on, else return at once."""
    try:
        now = version()
    except StoreError:  # the database is away for a moment: the next tick tries again
        return
    if now != st.session_state.get(key):
        st.rerun()
