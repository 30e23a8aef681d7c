"""The app's own language: the browser's (st.context.locale) unless the sidebar's choice says otherwise.

The choice travels in the URL (?lang=de) like the project and the typed name, so a refresh keeps it; a document's
language is the project's own (Plan.language, chosen on the Plan page), so a client's PDF can differ from the app.
Pages translate with `_ = ui_translator()._` at the top and mark module-level constants with N_.
"""

from __future__ import annotations

import streamlit as st

from ..i18n import LANGUAGES, Translator, from_locale, translator

LANGUAGE_KEY = "app_language"  # global state (app.py): the code of the app's language
LANGUAGE_WIDGET = "sidebar_language"


def _browser_language() -> str:
    try:
        return from_locale(st.context.locale)
    except Exception:  # noqa: BLE001 - no browser context (bare mode, some AppTest versions): English
        return from_locale(None)


def init_language() -> None:
    """Called once per run from app.py: the URL's ?lang= when it names a language, else the browser's language."""
    asked = st.query_params.get("lang")
    if asked in LANGUAGES:
        st.session_state[LANGUAGE_KEY] = asked
    st.session_state.setdefault(LANGUAGE_KEY, _browser_language())


def ui_language() -> str:
    return st.session_state.get(LANGUAGE_KEY) or from_locale(None)


def ui_translator() -> Translator:
    """The translator of the app's language for this run."""
    return translator(ui_language())


def _chosen() -> None:
    st.session_state[LANGUAGE_KEY] = st.session_state[LANGUAGE_WIDGET]


def _keep_in_url() -> None:
    """?lang= only when the choice differs from the browser's language (a page change or a denied link drops it)."""
    wanted = ui_language() if ui_language() != _browser_language() else None
    if wanted and st.query_params.get("lang") != wanted:
        st.query_params["lang"] = wanted
    elif not wanted and "lang" in st.query_params:
        del st.query_params["lang"]


def language_select() -> None:
    """The sidebar's language select (app.py); each language named in its own words."""
    st.session_state[LANGUAGE_WIDGET] = ui_language()
    st.sidebar.selectbox("Language · Sprache", list(LANGUAGES), key=LANGUAGE_WIDGET, format_func=LANGUAGES.get,
                         on_change=_chosen)
    _keep_in_url()
