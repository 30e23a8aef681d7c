"""The app in German (issue 17 §2): each page of part A runs in German, shows German texts and the content in German,
and none of the English messages of its code is left on the page (app.py, pages/home, questionnaire, risk, learn,
method, history, milestones and their ui helpers)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
import streamlit as st
from babel.messages.extract import extract_from_file
from streamlit.testing.v1 import AppTest

from planner.content import load_content
from planner.i18n import translator
from planner.render import escape_markdown
from planner.store import Store
from test_plan_render import RISKY
from planner.ui.language import LANGUAGE_KEY

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
BROWSER = "test-browser-aaaaaaaaaaaaaaaaaaaa"
DE = translator("de")
CONTENT_DE = load_content(language="de")
CONTENT_EN = load_content()
# The code of part A: its messages must not show in English on a German page.
FILES = ["app.py", "pages/home.py", "pages/questionnaire.py", "pages/risk.py", "pages/learn.py", "pages/method.py",
         "pages/history.py", "pages/milestones.py", "src/planner/render/point_bars.py",
         *(f"src/planner/ui/{name}.py" for name in ("question_widgets", "chart_table", "messages", "session", "sharing",
                                                    "signin", "account_sharing", "language"))]
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


@pytest.fixture
def store(tmp_path, monkeypatch) -> Store:
    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "german.sqlite"))
    st.cache_resource.clear()
    yield Store()
    st.cache_resource.clear()


@pytest.fixture
def project(store):
    return store.create_project("Schadenprüfung", "Fälle zur manuellen Prüfung markieren", browser=BROWSER)


@pytest.fixture
def risky(store, project):
    """The project with the answers of examples/risky.yaml: triggers, floors and a weakest link to explain."""
    store.replace_answers(project.id, RISKY, author="Ana")
    return project


def german(project_id: str | None = None, page: str | None = None) -> AppTest:
    """A new session on the app in German (the sidebar's choice), on `page` of `project_id`."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["browser_key"] = BROWSER
    at.session_state[LANGUAGE_KEY] = "de"
    if project_id is not None:
        at.query_params["project"] = project_id
    if page:
        at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown(at: AppTest) -> list[str]:
    """Every text of the page a user reads: text elements, labels of widgets and blocks, tab names, placeholders."""
    out = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "error", "warning", "info", "success"):
        out += [str(e.value) for e in at.get(kind)]
    for kind in ("button", "form_submit_button", "download_button", "checkbox", "toggle", "text_input", "text_area",
                 "selectbox", "multiselect", "radio", "number_input", "expander", "tab", "metric", "segmented_control"):
        for element in at.get(kind):
            out += [str(getattr(element, attr, None) or "") for attr in ("label", "placeholder", "help")]
    out += [p.text for p in at.get("progress")]
    return [text for text in out if text]


@functools.lru_cache(maxsize=None)
def english_fragments() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(whole short messages, longer fragments) of part A's English messages that German says differently: a short one
    must not be a whole text of the page, a longer constant piece (around the placeholders) must not occur in any."""
    whole, pieces = set(), set()
    for name in FILES:
        for _line, message, _comments, _context in extract_from_file("python", ROOT / name,
                                                                      keywords={"_": None, "ngettext": (1, 2), "N_": None}):
            plural = isinstance(message, (tuple, list))
            for msgid in message if plural else (message,):
                if (DE.ngettext(message[0], message[1], 1) if plural else DE._(msgid)) == msgid:
                    continue
                parts = [p.strip(" .:*·()") for p in PLACEHOLDER.split(msgid.replace("**", ""))]
                long = [p for p in parts if len(p) >= 14]
                if long:
                    pieces.update(long)
                elif not PLACEHOLDER.search(msgid):
                    whole.add(msgid)
    return tuple(sorted(whole)), tuple(sorted(pieces))


def english_left(at: AppTest) -> list[str]:
    whole, pieces = english_fragments()
    texts = shown(at)
    flat = [t.replace("**", "") for t in texts]
    return sorted({w for w in whole if w in texts} | {p for p in pieces for t in flat if p in t})


def assert_german(at: AppTest, *samples: str) -> None:
    texts = "\n".join(shown(at))
    missing = [s for s in samples if s not in texts]
    assert not missing, missing
    assert english_left(at) == [], english_left(at)


def test_the_detector_finds_english_left_on_a_page(store):
    """The check itself: an English page is full of part A's English messages."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["browser_key"] = BROWSER
    at.run()
    left = english_left(at)
    assert {"New project", "Create project", "Type and click outside to save"} & set(left) == {"New project", "Create project"}, left
    assert any(piece.startswith("Plan the kickoff of a product with an ML component") for piece in left), left


def test_home_in_german(store):
    at = german()
    assert at.title[0].value == "ML-Kickoff-Planer"
    assert_german(at, "Neues Projekt", "Projektname", "Kein Projekt geöffnet", "Noch keine Projekte in diesem Browser.")


def test_home_with_an_open_project_in_german(project):
    at = german(project.id)
    assert_german(at, "Offenes Projekt: Schadenprüfung", "Fragebogen fortsetzen", "Teilen und Zugriff (Links)",
                  "Moderationslink", "Projekt löschen")


def test_questionnaire_in_german_shows_the_german_content_and_saves_the_same_answers(store, project):
    at = german(project.id, "pages/questionnaire.py")
    first = CONTENT_DE.sections[0]
    assert at.title[0].value == "Fragebogen · Schadenprüfung" and at.header[0].value == escape_markdown(first.section.title)
    assert first.section.title != CONTENT_EN.sections[0].section.title
    question = next(q for q in first.questions if q.type == "single")
    assert_german(at, question.text, "**Warum wir fragen:**", "Fragen beantwortet · automatisch gespeichert", "Weiter →",
                  "Eigene Fragen hinzufügen (Team-Fragendatei)")
    radio = next(r for r in at.radio if r.label.endswith(question.text))
    assert radio.options == [escape_markdown(o.label) for o in question.options]  # German
    radio.set_value(question.options[0].value).run()
    assert not at.exception and store.load_answers(project.id)[question.id] == question.options[0].value  # ids, not words
    at.button(key="quest_next").click().run()
    assert not at.exception and at.header[0].value == escape_markdown(CONTENT_DE.sections[1].section.title)
    assert english_left(at) == []


def test_risk_in_german(risky):
    at = german(risky.id, "pages/risk.py")
    assert at.title[0].value == "Risiko · Schadenprüfung"
    point = CONTENT_DE.kb.collaboration_points[0]
    for challenge in CONTENT_DE.challenges:  # their texts are written only while open (issue 16)
        at.session_state[f"risk_open_{challenge}"] = True
    at.run()
    assert_german(at, point.title, "Fragen beantwortet", "Signalstärke (0-100)", "Nach Schnittstelle", "Noch unbeantwortet",
                  "Was die Studie fand", "Was hilft", "Punkte: ", "Bewertung herunterladen (Markdown)", "Das Diagramm als Tabelle")
    at.session_state["risk_tab"] = "Nach Thema"  # only the chosen tab is written
    at.run()
    assert_german(at, CONTENT_DE.kb.themes[0].title)
    assert any(level in "\n".join(shown(at)) for level in ("hoch", "kritisch", "mittel"))
    bars = at.get("html")[0].proto.body
    assert "Risikowert jeder Schnittstelle der Zusammenarbeit" in bars and " answered" not in bars  # the chart's own texts


def test_learn_in_german_without_and_with_a_project(risky):
    card = CONTENT_DE.kb.explainers[0]
    at = german(page="pages/learn.py")
    assert at.title[0].value == "Wissen: Was ML versprechen kann und was nicht"
    assert_german(at, escape_markdown(card.title), "**Merken Sie sich:**", "Studie: ")
    at = german(risky.id, "pages/learn.py")
    assert_german(at, "Karten gelten wegen der Antworten für **Schadenprüfung**", "Gilt für dieses Projekt — wegen: ")


def test_method_in_german(store):
    at = german(page="pages/method.py")
    assert at.title[0].value == "Methode"
    assert_german(at, "Dieser Planer macht aus einer Interviewstudie", "Wie ein Wert entsteht", "Was die Werte nicht sind",
                  "**Schwächstes Glied.**", escape_markdown(CONTENT_DE.kb.collaboration_points[0].title),
                  escape_markdown(CONTENT_DE.kb.themes[0].title))


def test_history_in_german(store, risky):
    question = CONTENT_DE.questions["setup_trajectory"]
    store.save_answer(risky.id, question.id, question.options[0].value, author="Ana")
    at = german(risky.id, "pages/history.py")
    assert at.title[0].value == "Verlauf · Schadenprüfung"
    assert_german(at, "Jede gespeicherte Änderung mit Autor und Zeit (UTC).", "Wer", "Was", "Änderungen (neueste zuerst).")
    frame = at.dataframe[0].value
    assert list(frame.columns) == ["Wann (UTC)", "Wer", "Was", "Punkt", "Änderung"]
    assert {"Antwort", "Import", "Projekt"} <= set(frame["Was"])
    answered = frame[frame["Punkt"] == question.text]
    assert list(answered["Änderung"])[:1] == [question.options[0].label]  # the German option's label
    at.multiselect(key="history_what").set_value(["Antwort"]).run()
    assert not at.exception and set(at.dataframe[0].value["Was"]) == {"Antwort"}  # a German label filters its kind


def test_milestones_in_german(store, risky):
    at = german(risky.id, "pages/milestones.py")
    assert at.title[0].value == "Meilensteine · Schadenprüfung"
    assert_german(at, "Name des Meilensteins", "Aktuelle Antworten speichern", "Noch keine Meilensteine.")
    assert at.text_input(key="milestones_name").placeholder == "Kickoff"
    at.text_input(key="milestones_name").input("Kickoff")
    next(b for b in at.get("form_submit_button") if b.label == "Aktuelle Antworten speichern").click().run()
    assert not at.exception
    assert_german(at, "Meilenstein „Kickoff“ mit", "Zwei Zeitpunkte vergleichen", "Das Diagramm als Tabelle",
                  "Einen Meilenstein löschen", "Die Antworten sind zu beiden Zeitpunkten gleich.")
    assert at.text_input(key="milestones_name").placeholder == "Ende der Exploration"
    assert list(at.table[0].value.columns) == ["Von", "Bis"] and at.table[0].value.index.name == "Schnittstelle der Zusammenarbeit"
