"""Browser code a page will need, loaded before that page is opened (issue 16)."""

from __future__ import annotations

import streamlit as st

# Empty and hidden: the element exists for its browser code alone.
HIDDEN_HTML = "<div hidden></div>"


def preload_html_element() -> None:
    """A hidden st.html at the end of the sidebar on every page. Streamlit's browser loads the code that draws st.html
    (and its HTML sanitiser) when the first such element appears; with this, that happens on the first page a session
    opens, not while the Risk page's bars wait for it (Risk from a new session ×0.88 in the browser)."""
    st.sidebar.html(HIDDEN_HTML)
