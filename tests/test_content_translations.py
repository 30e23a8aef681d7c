"""Translations of the content (questionnaires/translations/<language>/): same ids, values, effects and citations,
translated texts, every text translated or explicitly falling back, and clear messages for a bad translation file."""

from __future__ import annotations

import shutil

import pytest

from planner.cli import main
from planner.content import coverage, languages, load_content, plan_defaults_data
from planner.content import translations as tr
from planner.content.loader import KB_NAME, content_dir
from planner.errors import InputError
from planner.safe_yaml import load_yaml

QUESTION_FILES = ("10-setup.yaml", "20-requirements.yaml", "30-data.yaml", "40-integration.yaml", "50-qa-monitoring.yaml")


def _without_texts(name: str, data: dict) -> dict:
    """The data with every translatable text blanked: what must be identical in every language."""
    for container, key in tr.units_of(name, data).values():
        container[key] = "·"
    return data


def test_german_is_shipped():
    assert languages() == ("en", "de")


def test_english_is_unchanged_and_the_default():
    assert load_content() is load_content(language="en")
    assert load_content().language == "en"
    assert load_content().questions["setup_trajectory"].text == "In which order are the product and the model being built?"


def test_german_content_has_german_texts():
    de = load_content(language="de")
    assert de.language == "de"
    assert de.questions["setup_trajectory"].text == "In welcher Reihenfolge entstehen Produkt und Modell?"
    assert de.questions["setup_ml_experience"].options[0].label == "Dies ist unser erstes ML-Produkt"
    assert de.questions["setup_team_size"].number.unit == "Personen"
    assert de.sections[0].section.title == "Projektaufstellung"
    assert de.kb.explainers[0].title.startswith("Ein Modell wird Fehler machen")
    assert de.kb.challenges[0].title == "Produktanforderungen brauchen die Sicht des Modellteams"
    assert de.kb.challenges[0].evidence[1].text.startswith("In einem Projekt wollte die Produktseite")  # evidence reaches the content
    assert [e.citation for e in de.kb.challenges[0].evidence] == [e.citation for e in load_content().kb.challenges[0].evidence]


@pytest.mark.parametrize("name", QUESTION_FILES)
def test_german_question_file_keeps_ids_values_effects_citations_and_order(name):
    en, de = load_content(), load_content(language="de")
    section_en = next(s for s in en.sections if s.source == name)
    section_de = next(s for s in de.sections if s.source == name)
    dump = lambda s: _without_texts(name, {"section": s.section.model_dump(), "questions": [q.model_dump() for q in s.questions]})  # noqa: E731
    assert dump(section_de) == dump(section_en)
    assert [s.section.id for s in de.sections] == [s.section.id for s in en.sections]
    changed = [q.id for q in section_de.questions if q.text == next(e for e in section_en.questions if e.id == q.id).text]
    assert not changed, f"question texts left in English: {changed}"


def test_german_knowledge_base_keeps_everything_but_texts():
    en, de = load_content(), load_content(language="de")
    assert _without_texts(KB_NAME, de.kb.model_dump()) == _without_texts(KB_NAME, en.kb.model_dump())
    assert de.mitigations_for.keys() == en.mitigations_for.keys()
    assert all([m.id for m in de.mitigations_for[c]] == [m.id for m in en.mitigations_for[c]] for c in en.mitigations_for)


def test_every_shipped_text_is_translated_or_falls_back_explicitly():
    report = coverage()
    assert {c.language for c in report} == {"de"}
    assert {c.file for c in report} == set(tr.shipped_files(content_dir()))
    missing = {f"{c.language} {c.file}": c.missing[:5] for c in report if c.missing}
    assert not missing, f"texts neither translated nor listed under `fallback:`: {missing}"


def test_questionnaire_and_explainer_cards_are_fully_translated():
    report = {c.file: c for c in coverage()}
    for name in QUESTION_FILES:
        assert report[name].fallback == 0 and not report[name].missing and report[name].translated > 50, name
    kb = tr.translations_dir(content_dir(), "de") / KB_NAME
    translation = tr.parse_translation(kb.read_bytes(), "kb", "de", tr.units_of(KB_NAME, load_yaml((content_dir() / KB_NAME).read_bytes(), "kb")))
    cards = {card.id for card in load_content().kb.explainers}
    assert {p[1] for p in translation.texts if p[0] == "explainers"} == cards
    assert all((p[0], p[1], f) in translation.texts for p in translation.texts if p[0] == "explainers" for f in ("title", "body", "takeaway"))


def test_knowledge_base_is_fully_translated_and_every_text_reaches_the_content():
    report = {c.file: c for c in coverage()}[KB_NAME]
    assert report.fallback == 0 and not report.missing and report.translated > 250
    english = tr.units_of(KB_NAME, load_content().kb.model_dump())
    german = tr.units_of(KB_NAME, load_content(language="de").kb.model_dump())
    assert german.keys() == english.keys()
    same_word = {"themes › engineering › title"}  # „Engineering“ is the German word too
    left = [tr.SEP.join(p) for p, (container, key) in english.items() if german[p][0][german[p][1]] == container[key]]
    left = [p for p in left if p not in same_word]
    assert not left, f"knowledge-base texts still in English in the German content: {left[:5]}"


def test_german_plan_defaults_validate_and_keep_the_sign_off_activity():
    from planner.plan.catalogue import Catalogue

    catalogue = Catalogue.model_validate(plan_defaults_data("de"))
    assert catalogue.release_criteria.worse_error["false_positive"] == "Ein Fehlalarm ist schlimmer"
    assert catalogue.release_criteria.sign_off_activity in {a.activity for a in catalogue.raci_activities}
    assert [r.name for r in catalogue.roles] == [r["name"] for r in plan_defaults_data("en")["roles"]]  # role ids stay


def test_team_files_stay_in_their_own_language():
    team = b"""schema_version: 1
section: {id: team, title: Our own questions, collaboration_point: data, order: 90, intro: Asked by our team., citations: ["\xc2\xa76.2, D1"]}
questions:
  - id: team_q_one
    text: Is the data on the shared drive?
    help: Ask the data owner.
    example: "Yes."
    type: single
    options:
      - {value: a, label: "Yes", effects: {}}
      - {value: b, label: "No", effects: {D1: 0.5}}
    citations: ["\xc2\xa76.2, D1"]
"""
    de = load_content((("team.yaml", team),), language="de")
    assert de.questions["team_q_one"].text == "Is the data on the shared drive?"
    assert de.section_of["team_q_one"].custom and de.questions["setup_trajectory"].text.startswith("In welcher")
    assert "stay in the language they are written in" in tr.TEAM_FILES_NOTE


def test_unknown_language_is_refused_by_name():
    with pytest.raises(InputError) as info:
        load_content(language="xx")
    assert "'xx' is not available" in str(info.value) and "en, de" in str(info.value)


def test_cli_reports_coverage(capsys):
    assert main(["translations"]) == 0
    out = capsys.readouterr().out
    assert "| de | 10-setup.yaml | 61 | 0 | 0 |" in out and "knowledge/knowledge_base.yaml" in out


# -- bad translation files (the bad-input catalogue runs these too) ---------------------------------------------

def translation_problems(raw: str, name: str = "10-setup.yaml") -> str:
    """What a content author sees for a translation file: every problem, or 'Accepted'."""
    english = load_yaml((content_dir() / name).read_bytes(), name)
    try:
        tr.parse_translation(raw.encode("utf-8"), f"translations/de/{name}", "de", tr.units_of(name, english))
    except InputError as exc:
        return "Refused: " + "; ".join(str(p) for p in exc.problems)
    return "Accepted"


HEAD = "schema_version: 1\nlanguage: de\n"


@pytest.mark.parametrize("body, expected", [
    ("questions:\n  setup_no_such:\n    text: Hallo\n", "questions › setup_no_such: unknown id 'setup_no_such'"),
    ("questions:\n  setup_trajectory:\n    txt: Hallo\n", "setup_trajectory › txt: unknown field 'txt'; translatable here: example, help, options, text"),
    ("questions:\n  setup_trajectory:\n    options:\n      nope: Hallo\n", "unknown option value 'nope'"),
    ("questions:\n  setup_trajectory:\n    text: 5\n", "setup_trajectory › text: must be text, not int"),
    ("questions:\n  setup_trajectory:\n    text: Hallo\n    text: Nochmal\n", "duplicate key"),
    ("questions:\n  setup_trajectory: Hallo\n", "must be a mapping of its translatable fields, not text"),
    ("questions:\n  setup_trajectory:\n    text: {a: b}\n", "must be text, not a mapping or a list"),
    ("fallback:\n  questions › setup_nope: later\n", "fallback › questions › setup_nope: names nothing translatable"),
    ("colour: blau\n", "unknown group 'colour'"),
])
def test_bad_translation_file_is_refused_with_file_and_place(body, expected):
    message = translation_problems(HEAD + body)
    assert message.startswith("Refused: translations/de/10-setup.yaml") and expected in message, message


def test_translation_file_needs_its_language_and_version():
    assert "language: is 'fr', but the file lies in the folder of 'de'" in translation_problems("schema_version: 1\nlanguage: fr\n")
    assert "schema_version: required field is missing" in translation_problems("language: de\n")


@pytest.fixture
def content_copy(tmp_path, monkeypatch):
    folder = tmp_path / "questionnaires"
    shutil.copytree(content_dir(), folder)
    monkeypatch.setenv("PLANNER_CONTENT_DIR", str(folder))
    load_content.cache_clear()
    yield folder
    load_content.cache_clear()


def test_a_too_long_translated_text_names_the_translation_file(content_copy):
    path = tr.translations_dir(content_copy, "de") / "10-setup.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('title: "Projektaufstellung"', f'title: "{"x" * 90}"'), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_content(language="de")
    assert "translations/de/10-setup.yaml: section › title: String should have at most 80 characters" in str(info.value)
    assert load_content().sections[0].section.title == "Project setup"  # English still loads


def test_a_translation_without_english_file_is_reported(content_copy):
    (tr.translations_dir(content_copy, "de") / "60-extra.yaml").write_text(HEAD, encoding="utf-8")
    with pytest.raises(InputError) as info:
        coverage(content_copy)
    assert "translations/de/60-extra.yaml: has no English file of that name" in str(info.value)


def test_a_missing_translation_shows_in_the_coverage(content_copy):
    path = tr.translations_dir(content_copy, "de") / "10-setup.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('    unit: "Personen"\n', ""), encoding="utf-8")
    entry = next(c for c in coverage(content_copy) if c.file == "10-setup.yaml")
    assert entry.missing == ("questions › setup_team_size › unit",) and entry.translated == 60
    assert load_content(language="de").questions["setup_team_size"].number.unit == "people"  # falls back to English
