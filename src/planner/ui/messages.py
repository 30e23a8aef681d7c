"""Messages on the page: Markdown-safe user text, messages kept across a rerun, problem lists, unexpected errors."""

from __future__ import annotations

import logging
import secrets

import streamlit as st

from ..render import escape_markdown
from .language import ui_translator

_LOG = logging.getLogger("planner")


def md(text: str) -> str:
    """User or team text made safe for st.markdown / widget labels."""
    return escape_markdown(text)


def flash(kind: str, message: str) -> None:
    """Queue a message to show after the next rerun (e.g. after a callback)."""
    st.session_state.flash.append((kind, message))


def show_flash() -> None:
    for kind, message in st.session_state.get("flash", []):
        getattr(st, kind)(message)
    st.session_state.flash = []


def show_unexpected_error(exc: BaseException) -> None:
    """An error nobody foresaw: a short notice with a reference; the traceback goes to the server log only."""
    reference = secrets.token_hex(4)
    _LOG.error("unexpected error (reference %s)", reference, exc_info=exc)  # not the URL: it can hold a link key
    st.error(ui_translator()._("Something went wrong on this page, and it was stopped before anything else was changed. "
                               "Answers and plan edits saved so far are kept. Reload the page to go on; if it happens again, "
                               "give the administrator the reference **{reference}** (the details are in the server log)."
                               ).format(reference=reference))


def show_problems(problems, heading: str) -> None:
    """List input problems safely (team text is shown literally)."""
    t = ui_translator()
    lines = "\n".join(f"- {md(str(p))}" for p in problems[:20])
    more = "\n\n" + t._("…and {count} more.").format(count=t.integer(len(problems) - 20)) if len(problems) > 20 else ""
    st.error(f"**{md(heading)}**\n\n{lines}{more}")
