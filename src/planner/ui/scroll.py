"""Bring a heading into view after in-page navigation (Streamlit keeps the old scroll position)."""

from __future__ import annotations

import streamlit as st

# Scrolls only when `nav` changed since the last scroll in this browser tab, so an ordinary rerun (an answer
# saved) never moves the page. The heading is matched by its visible text; no user text reaches the script
# as code (it arrives as data and is compared, never inserted into the DOM).
_SCROLL_JS = """
export default function(component) {
  const data = component.data || {};
  if (!data.nav || window.__plannerScrolledNav === data.nav) return;
  window.__plannerScrolledNav = data.nav;
  const go = (tries) => {
    const headings = Array.from(document.querySelectorAll('[data-testid="stHeading"]'));
    const target = headings.find(h => h.innerText.trim() === data.heading);
    if (target) { target.scrollIntoView({block: 'start'}); return; }
    if (tries > 0) { setTimeout(() => go(tries - 1), 50); return; }
    const main = document.querySelector('[data-testid="stMain"]');
    if (main) main.scrollTo(0, 0);
    window.scrollTo(0, 0);
  };
  setTimeout(() => go(20), 30);
}
"""
_scroller = st.components.v2.component("planner_scroll_to_heading", js=_SCROLL_JS)


def scroll_to_heading(heading: str, nav: int, key: str) -> None:
    """Call right after the heading; `nav` counts the user's navigations (0: never scroll)."""
    _scroller(data={"heading": heading, "nav": nav}, key=key)
