"""A second language (issue 17 §2): the German catalog is complete and current, the German kickoff documents contain
no English planner text, numbers and dates follow the locale, and the language travels with the plan."""

from __future__ import annotations

import functools
import io
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from pypdf import PdfReader

from planner.i18n import LANGUAGES, catalog_path, from_locale, translator
from planner.plan import default_plan
from planner.plan.model import Plan
from planner.render.outline import plan_document
from planner.render.plan_docx import render_docx
from planner.render.plan_markdown import render_markdown
from planner.render.plan_pdf import render_pdf
from test_plan_render import CONTENT, RISKY, report_for

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")
KEYWORDS = {"_": None, "ngettext": (1, 2), "N_": None}  # as `make catalogs` (PYBABEL_KEYWORDS)

# English words a German document may still show: names, the paper's title, units and labels that are the same in both.
ALLOWED = {"P50", "P80", "P95", "RACI", "ML", "Nahar et al., ICSE 2022", "Agenda", "Name", "Status", "Integration",
           "Exploration", "Role", "Count"}


def _catalog(language: str = "de"):
    with catalog_path(language).open("rb") as source:
        return read_po(source, locale=language)


def _messages(language: str = "de") -> list:
    return [m for m in _catalog(language) if m.id]


def _extracted() -> set[str]:
    """Every translatable string of the code, extracted as `make catalogs` does (babel.cfg)."""
    method_map = [(line.strip("[] \n").split(":")[1].strip(), "python")
                  for line in (ROOT / "babel.cfg").read_text().splitlines() if line.startswith("[python:")]
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(str(ROOT), method_map, keywords=KEYWORDS):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_every_catalog_entry_is_translated_and_not_fuzzy():
    messages = _messages()
    assert len(messages) > 200
    untranslated = [m.id for m in messages if not (m.string[0] if isinstance(m.string, tuple) else m.string).strip()]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert not untranslated and not fuzzy, (untranslated, fuzzy)


def test_placeholders_and_edge_spaces_match_between_msgid_and_msgstr():
    for m in _messages():
        assert sorted(PLACEHOLDER.findall(m.id)) == sorted(PLACEHOLDER.findall(m.string)), m.id
        assert m.id[:1].isspace() == m.string[:1].isspace() and m.id[-1:].isspace() == m.string[-1:].isspace(), m.id


def test_the_catalog_holds_every_translatable_string_of_the_code_and_nothing_else():
    code, catalog = _extracted(), {m.id for m in _messages()}
    assert code - catalog == set(), "run `make catalogs` and translate the new entries"
    assert catalog - code == set(), "entries the code no longer uses"


def test_the_english_catalog_is_the_code_itself():
    t = translator("en")
    assert t._("Kickoff plan") == "Kickoff plan" and t.tag == "en-GB"
    assert translator("de")._("Kickoff plan") == "Kickoff-Plan" and translator("de").tag == "de-DE"


@pytest.mark.parametrize("value,expected", [("de-AT", "de"), ("de", "de"), ("en-US", "en"), ("fr-FR", "en"), (None, "en"),
                                            ("", "en"), ("DE_ch", "de")])
def test_the_browser_locale_picks_a_supported_language(value, expected):
    assert from_locale(value) == expected


def test_numbers_and_dates_follow_the_locale():
    de, en = translator("de"), translator("en")
    assert (de.g(2.5), de.g(3.0), de.integer(10_000), de.fixed(1234.5, 2, grouped=True), de.fixed(81.6)) == \
           ("2,5", "3", "10.000", "1.234,50", "82")
    assert de.pct(0.42) == "42\u00a0%" and de.pct(None) == "–"
    assert de.date(date(2026, 2, 2)) == "Mo., 2. Feb. 2026" and de.iso_date("2026-11-23") == "23. November 2026"
    # English stays exactly as the planner has always written it
    assert (en.g(2.5), en.integer(10_000), en.fixed(1234.5, 2, grouped=True), en.pct(0.42)) == ("2.5", "10,000", "1,234.50", "42%")
    assert en.date(date(2026, 2, 2)) == "Mon 2026-02-02" and en.iso_date("2026-11-23") == "2026-11-23"


@pytest.fixture(scope="module")
def german_document():
    plan = default_plan(CONTENT, RISKY).model_copy(update={"language": "de"})
    plan = plan.model_copy(update={"estimation": plan.estimation.model_copy(update={"start_date": date(2026, 2, 2)})})
    return plan_document(report_for(plan))


@pytest.fixture(scope="module")
def german_pdf(german_document):
    return render_pdf(german_document, invariant=True)


def _english_fragments() -> set[str]:
    """The English text of every message, cut at its placeholders (words German shares are in ALLOWED)."""
    out = set()
    for m in _messages():
        for piece in PLACEHOLDER.split(m.id):
            piece = piece.strip(" .,;:()–→·*")
            if len(piece) >= 4 and piece not in ALLOWED:
                out.add(piece)
    return out


@functools.cache
def _content_strings() -> tuple[str, ...]:
    """Every text of the content YAML (questions, options, knowledge base, plan defaults), longest first: content is
    translated beside the YAML, not in the code's catalog, so it is taken out of the PDF text before the check."""
    from planner.content.loader import content_dir
    from planner.safe_yaml import load_yaml

    found: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, str):
            found.add(" ".join(value.split()))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in sorted(Path(content_dir()).rglob("*.yaml")):
        walk(load_yaml(path.read_bytes(), path.name))
    return tuple(sorted((x for x in found if len(x) > 3), key=len, reverse=True))


def _without_content(text: str) -> str:
    for value in _content_strings():
        text = text.replace(value, " ¦ ")
    return text


def _contains(text: str, fragment: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(fragment)}(?![\w-])", text) is not None


def test_a_german_pdf_of_the_risky_example_has_no_english_planner_text(german_pdf):
    """Every planner text of the shipped English set is checked against the German PDF (the questionnaire's and the
    knowledge base's own texts are content, translated beside the YAML; they are blanked here by taking only planner
    strings of two or more words, or single words as a whole table cell / line)."""
    reader = PdfReader(io.BytesIO(german_pdf))
    lines = [line.strip() for page in reader.pages for line in page.extract_text().splitlines()]
    text = " ".join(" ".join(lines).split())
    planner_text = _without_content(text)
    planner_lines = {line for line in lines if line not in _content_strings()}
    found = sorted(f for f in _english_fragments() if (" " in f and _contains(planner_text, f)) or (" " not in f and f in planner_lines))
    assert found == []
    assert "Zusammenfassung" in text and "Kickoff-Plan" in text and "OFFEN" in text and "Mo., 2. Feb. 2026" in text


def test_the_german_pdf_states_its_language_and_title(german_pdf):
    reader = PdfReader(io.BytesIO(german_pdf))
    assert reader.trailer["/Root"]["/Lang"] == "de-DE"
    assert reader.metadata.title == "Kickoff-Plan: Test project"


def test_the_german_word_file_and_markdown(german_document):
    data = render_docx(german_document, invariant=True)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        styles = package.read("word/styles.xml").decode()
        core = package.read("docProps/core.xml").decode()
    assert 'w:val="de-DE"' in styles and "<dc:language>de-DE</dc:language>" in core
    markdown = render_markdown(german_document)
    assert "## Zusammenfassung" in markdown and "**OFFEN**" in markdown and "Summary" not in markdown


def test_the_language_travels_with_the_plan_file():
    plan = Plan.model_validate({"schema_version": 1, "language": "de"})
    assert Plan.model_validate_json(plan.model_dump_json()).language == "de"
    assert Plan.model_validate({"schema_version": 1}).language is None
    assert set(LANGUAGES) == {"en", "de"}


def test_the_cli_writes_a_german_plan(tmp_path, capsys):
    from planner.cli import main

    assert main(["plan", str(ROOT / "examples" / "risky.yaml"), "--format", "markdown", "--language", "de"]) == 0
    out = capsys.readouterr().out
    assert "## Zusammenfassung" in out and "Risiko je Schnittstelle der Zusammenarbeit" in out
    assert main(["plan", str(ROOT / "examples" / "risky.yaml"), "--format", "markdown"]) == 0
    assert "## Summary" in capsys.readouterr().out  # English without --language and without a language in the plan
