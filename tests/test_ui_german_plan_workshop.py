"""Issue 17 §2: the Plan page's sections and the Workshop page (facilitator, participant, presenter) in German - no
exception, German texts, and none of these pages' own English messages left on the German page."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from planner.domain import WORKSHOP_ROLES
from planner.i18n import translator
from planner.safe_yaml import load_yaml
from planner.ui.chart_table import CHART_TABLE_LABEL
from planner.ui.plan.sections import SECTIONS
from planner.ui.roles import ROLE_NAMES, role_name
from content_strings import yaml_texts
from test_pages import BROWSER, OTHER_BROWSER, WORKSHOP, join_link, no_exception, open_app, page_db, page_project, page_store  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]
# The files whose messages these pages show (the shared helpers are checked elsewhere).
FILES = ["pages/plan.py", "pages/workshop.py", *(f"src/planner/ui/plan/{n}.py" for n in ("effort", 
    "data_agreement", "document", "experts", "monitoring", "qualities", "raci", "release_criteria", "view", "whatif", "workshop")),
    *(f"src/planner/ui/{n}.py" for n in ("plan_editing", "whatif_view", "room", "presenter", "parking", "workshop_room",
                                          "workshop_outcome")), "src/planner/render/formats.py"]  # not ui/roles.py: a plan's roles are its data
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")
DE = translator("de")
CHARTS = {"arrow_vega_lite_chart", "vega_lite_chart"}  # ui/charts.py: tested with the shared helpers


@functools.cache
def english_messages() -> tuple[set[str], set[str]]:
    """(phrases, words): the English text of these files' messages that German shows differently - phrases of two or
    more words (cut at placeholders), and one-word labels."""
    phrases, words = set(), set()
    for path in FILES:
        for _line, message, _comments, _context in extract_from_file("python", str(ROOT / path), keywords={"_": None, "N_": None}):
            if DE._(message) == message:
                continue  # the same in German ("Workshop", "Monitoring", "Agenda")
            for piece in PLACEHOLDER.split(message.replace("*", "")):
                piece = piece.strip(" .,;:()–→·-")
                if " " in piece and len(piece) >= 8 and piece not in DE._(message):
                    phrases.add(piece)
                elif " " not in piece and len(piece) >= 3 and piece == message.strip(" .,;:()–→·-"):
                    words.add(piece)
    return phrases, words


@functools.cache
def content_texts() -> tuple[str, ...]:
    """The content YAML's own texts (questions, knowledge base, plan defaults): translated beside the YAML, not here."""
    return yaml_texts()


def _strings(value) -> list[str]:
    if isinstance(value, str):
        try:
            parsed = json.loads(value) if value[:1] in "{[" else None  # a data editor's column config
        except ValueError:
            parsed = None
        return [value] if parsed is None else _strings(parsed)
    if isinstance(value, dict):
        if value.keys() == {"value", "label"}:  # a selectbox column's option: the plan keeps the id, the page shows the label
            return _strings(value["label"])
        stored = {"default"} if "type_config" in value else set()  # a data editor column's default: a stored id too
        return [s for k, v in value.items() if k not in stored for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def main_texts(at: AppTest) -> list[str]:
    """Every text of the page's main area (not the sidebar): bodies, labels, help, options, column labels, table cells."""
    out: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        kind = type(node).__name__
        if getattr(node, "type", None) in CHARTS or getattr(proto, "label", None) in (CHART_TABLE_LABEL, DE._(CHART_TABLE_LABEL)):
            return  # the shared chart helpers (ui/charts.py, ui/chart_table.py) have their own tests
        if proto is not None:
            out.extend(_strings({k: v for k, v in MessageToDict(proto).items() if k not in ("id", "formId", "arrowData", "data")}))
        if kind in ("Table", "Dataframe"):
            frame = node.value
            cells = [] if MessageToDict(proto).get("editingMode") else frame.to_numpy().ravel()  # an editor's cells: the plan's data
            out.extend(str(x) for x in [*frame.columns, *frame.index, *cells])
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    return [" ".join(t.replace("\\", "").replace("*", "").split()) for t in out]


def english_left(at: AppTest) -> list[str]:
    """These files' English messages still on the page (content texts taken out first)."""
    texts = main_texts(at)
    lines = set(texts)
    text = " ¦ ".join(texts)
    for value in content_texts():
        text = text.replace(value.replace("*", ""), " ¦ ")
    phrases, words = english_messages()
    return sorted([p for p in phrases if re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", text)] + [w for w in words if w in lines])


def test_the_checked_messages_are_many_and_the_roles_match_the_domain():
    phrases, words = english_messages()
    assert len(phrases) > 150 and {"Reveal", "Dismiss", "Mitigations"} <= words
    assert set(ROLE_NAMES) == set(WORKSHOP_ROLES)
    assert role_name("Client", DE) == "Kunde" and role_name("Operations", DE) == "Operations"  # an old role as saved


def test_the_heatmap_and_its_table_get_the_roles_as_shown(page_store, page_project):
    from planner.content import load_content
    from planner.ui.chart_table import divergence_rows
    from planner.ui.roles import with_role_names
    from planner.workshop import answers_text, divergence

    _room(page_store, page_project)
    results = divergence(load_content(), page_store.participants(page_project.id))
    roles = {row["Role"] for row in divergence_rows(with_role_names(results, DE), answers_text)}
    assert {"Kunde", "Data Scientist"} <= roles and "Client" not in roles
    assert {row["Role"] for row in divergence_rows(results, answers_text)} >= {"Client"}  # the results themselves keep the ids


def test_the_check_finds_the_english_messages_on_the_english_page(page_store, page_project):
    """The same check on the English page finds these files' messages: it can fail."""
    at = open_app(page_project.id, WORKSHOP)
    found = english_left(at)
    assert "Nobody has joined yet" in found and "Presenter view (for the projector" in found, found


@pytest.fixture
def risky(page_store, page_project):
    for qid, value in load_yaml((ROOT / "examples" / "risky.yaml").read_bytes(), "risky").items():
        if qid != "schema_version":
            page_store.save_answer(page_project.id, qid, value)
    return page_store, page_project


def open_german_plan(project_id: str, section: str, state: dict | None = None, language: str = "de") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["browser_key"] = BROWSER
    at.query_params["project"] = project_id
    at.query_params["lang"] = language
    at.session_state["plan_section"] = section
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.switch_page("pages/plan.py")
    return no_exception(at.run())


GERMAN_PER_SECTION = {
    "experts": "Eskalationsweg, wenn Datenfragen unbeantwortet bleiben", "data_agreement": "Pflichtangabe",
    "monitoring": "Währung der Kosten", "raci": "Wer macht was", "qualities": "Warum nicht erforderlich",
    "release_criteria": "Welche Fehlerart ist schlimmer?", "workshop": "Geplante Dauer (Minuten)",
    "whatif": "Jede Gegenmaßnahme für sich", "document": "Sprache des Dokuments", "effort": "Schätzung speichern",
}


@pytest.mark.parametrize("section", list(SECTIONS))
def test_each_plan_section_in_german(risky, section):
    _, project = risky
    levers = {"plan_whatif": ["timeboxes_buffers", "data_contract"]} if section == "whatif" else {}
    at = open_german_plan(project.id, section, levers)
    texts = main_texts(at)
    assert any(t.startswith("Kickoff-Plan · ") for t in texts) and "Abschnitt des Plans" in texts
    assert any(GERMAN_PER_SECTION[section] in t for t in texts), texts
    assert english_left(at) == []


def test_the_effort_section_in_german(risky):
    """The Effort & buffers section (ui/plan/effort.py): labels, metrics, the committed delivery, the risks and time-boxes,
    and with a start date the calendar dates - all German, the commitment's warning once (beside the numbers)."""
    from datetime import date

    _, project = risky
    at = open_german_plan(project.id, "effort")
    texts = main_texts(at)
    for german in ("Einheit der Schätzungen: Arbeitstage.", "Unsicherheit", "Zu schätzende Aufgabe", "Optimistisch · Arbeitstage",
                   "Startdatum", "Zielwert · Arbeitstage", "Verteilung", "Durchläufe", "P50 · Arbeitstage", "Puffer · Arbeitstage",
                   "Einheit: Arbeitstage; legen Sie unten ein Startdatum fest, um sie als Kalenderdaten zu sehen."):
        assert german in texts, german
    assert {"keiner", "Modell", "Daten"} <= set(texts)  # the uncertainty column's options by their German names
    assert any(re.fullmatch(r"Zugesagte Lieferung: 0 Arbeitstage \(aus dem Fragebogen: .*\) — Chance, sie einzuhalten: 0 %; "
                            r"P80 \d+ Arbeitstage; nötiger Puffer für 80 %: \d+ Arbeitstage\.", t) for t in texts), texts
    assert any(t.startswith("Was die Risiken zu P80 beitragen") for t in texts)
    assert any(t.startswith("Timebox für Forschung: ") for t in texts)
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 1 and warnings[0].startswith("Die zugesagte Lieferung von 0 Arbeitstagen"), warnings
    assert not any("die zugesagte Lieferung von 0 Arbeitstagen" in t for t in texts if t.startswith("- ")), texts  # not twice
    assert english_left(at) == []
    at.date_input(key="plan_start_date").set_value(date(2026, 3, 2))
    at = no_exception(at.run())
    texts = main_texts(at)
    assert any(t.startswith("Termine ab dem Start am Mo., 2. März 2026: P50 ") for t in texts), texts
    assert "Arbeitstage Montag bis Freitag: Wochenenden werden übersprungen, Feiertage nicht (rechnen Sie sie in die Schätzungen ein)." in texts
    assert english_left(at) == []


def test_the_check_finds_the_effort_sections_english_messages(risky):
    _, project = risky
    at = open_german_plan(project.id, "effort", language="en")
    found = english_left(at)
    assert {"Save estimate", "Task to estimate", "set a start date"} <= set(found), found


def test_the_plan_page_numbers_follow_the_locale(risky):
    _, project = risky
    at = open_german_plan(project.id, "monitoring")
    assert any(re.fullmatch(r"Gesamt: \d+,\d Personentage/Monat; noch keine Kosten eingetragen.", t) for t in main_texts(at))
    at = open_german_plan(project.id, "whatif", {"plan_whatif": ["timeboxes_buffers", "data_contract"]})
    assert any(re.search(r"\d+ %", t) for t in main_texts(at)) or not at.metric  # percentages as "42 %" where a chance shows


def _room(store, project) -> None:
    for name, role, value in (("Ana", "Client", "near_perfect"), ("Bo", "Data scientist", "rough")):
        person, _ = store.join_workshop(project.id, name, role)
        store.save_expectation(project.id, person.id, "exp_model_quality", value)


def test_the_workshop_facilitator_view_in_german(page_store, page_project):
    _room(page_store, page_project)
    store = page_store
    store.park_question(page_project.id, store.participants(page_project.id)[0].id, "Wer zahlt?", "Lee")
    at = open_app(page_project.id, WORKSHOP, {"lang": "de"})
    texts = main_texts(at)
    assert any(t.startswith("1 Frage(n), bei denen die Rollen uneins sind") for t in texts)
    assert "Kunde" in texts and "Rolle" in texts and "Beantwortet" in texts  # the participants' table
    assert any("Themenspeicher der Teilnehmenden — 1 offen" in t for t in texts)
    assert english_left(at) == []
    at.button(key="workshop_reveal_exp_model_quality").click()
    at = no_exception(at.run())
    assert any("Die Teilnehmenden sehen alle Antworten auf diese Frage." in t for t in main_texts(at))
    assert english_left(at) == []


def test_the_workshop_participant_view_in_german(page_store, page_project):
    _room(page_store, page_project)
    at = open_app(page_project.id, WORKSHOP, {"key": join_link(page_store, page_project), "lang": "de"}, browser=OTHER_BROWSER)
    role = at.selectbox(key="workshop_role")
    assert role.label == "Ihre Rolle" and "Kunde" in role.options and "Andere Rolle" in role.options
    assert english_left(at) == []
    at.text_input(key="workshop_name").set_value("Cleo")
    role.set_value("Domain expert")
    at.button[0].click()
    at = no_exception(at.run())
    assert any(t.startswith("Sie nehmen als Cleo (Fachexpertin/-experte) teil.") for t in main_texts(at)), main_texts(at)
    assert any("Sie antworten verdeckt" in t for t in main_texts(at))
    assert english_left(at) == []
    store = page_store
    store.reveal_questions(page_project.id, ["exp_model_quality"], author="Fran")
    at = no_exception(at.run())
    assert any("So haben die Rollen geantwortet" in t for t in main_texts(at))
    assert english_left(at) == []


def test_the_presenter_view_in_german(page_store, page_project):
    _room(page_store, page_project)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["browser_key"] = BROWSER
    at.session_state["app_language"] = "de"
    at.session_state["workshop_presenter"] = True
    at.query_params["project"] = page_project.id
    at.switch_page(WORKSHOP)
    at = no_exception(at.run())
    texts = main_texts(at)
    assert "Präsentationsansicht (für den Beamer)" in texts and "In der Diskussion" in texts
    assert english_left(at) == []
