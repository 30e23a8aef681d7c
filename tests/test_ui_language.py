"""Issue 17 §2: the app's language comes from the browser, a sidebar choice overrides it and survives a refresh (?lang=)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planner.ui.language import LANGUAGE_KEY, LANGUAGE_WIDGET


APP = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.fixture(autouse=True)
def _database(tmp_db):
    return tmp_db


def _app(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["browser_key"] = "test-browser-aaaaaaaaaaaaaaaaaaaa"
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def test_the_sidebar_offers_each_language_in_its_own_words_and_english_is_the_default():
    at = _app()
    assert not at.exception
    select = at.sidebar.selectbox(key=LANGUAGE_WIDGET)
    assert select.options == ["English", "Deutsch"] and select.value == "en"
    assert at.session_state[LANGUAGE_KEY] == "en" and "lang" not in at.query_params


def test_choosing_german_keeps_it_in_the_url_so_a_refresh_keeps_it():
    at = _app()
    at.sidebar.selectbox(key=LANGUAGE_WIDGET).set_value("de").run()
    assert not at.exception
    assert at.session_state[LANGUAGE_KEY] == "de" and at.query_params["lang"] in ("de", ["de"])
    fresh = _app(lang="de")  # a refresh: a new session with the same URL
    assert fresh.session_state[LANGUAGE_KEY] == "de"


def test_an_unknown_language_in_the_url_is_ignored():
    at = _app(lang="xx")
    assert not at.exception and at.session_state[LANGUAGE_KEY] == "en"
