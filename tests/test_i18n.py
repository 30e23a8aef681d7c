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

from planner.domain import WORKSHOP_ROLES
from planner.i18n import LANGUAGES, catalog_path, content_for, from_locale, translator
from planner.plan import default_plan
from planner.plan.labels import ROLE_NAMES
from planner.plan.model import Plan
from planner.plan.report import build_report
from planner.render.outline import plan_document
from planner.render.plan_docx import render_docx
from planner.render.plan_markdown import render_markdown
from planner.render.plan_pdf import render_pdf
from content_strings import yaml_texts
from test_plan_render import CONTENT, RISKY, report_for

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")
KEYWORDS = {"_": None, "ngettext": (1, 2), "N_": None}  # as `make catalogs` (PYBABEL_KEYWORDS)

# English words a German document may still show: names, the paper's title, units and labels that are the same in both.
ALLOWED = {"P50", "P80", "P95", "RACI", "ML", "Nahar et al., ICSE 2022", "Agenda", "Name", "Status", "Integration",
           "Exploration", "Role", "Count", "Pause"}  # "Pause": the timer button in English, the break in German
PLAN_DEFAULTS = "knowledge/plan_defaults.yaml"


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


def _german_plan(workshop: bool = False) -> Plan:
    """A new plan of the risky example for a German-speaking client (as `planner plan --language de` makes it); with
    `workshop`: what a kickoff adds (participants with their roles, an open question, a decision, a sign-off role)."""
    plan = default_plan(content_for("de"), RISKY).model_copy(update={"language": "de"})
    plan = plan.model_copy(update={"estimation": plan.estimation.model_copy(update={"start_date": date(2026, 2, 2)})})
    if not workshop:
        return plan
    release = plan.release_criteria.model_dump()
    release["criteria"][0].update(target="Recall ≥ 0,8", agreed=True)
    release.update(sign_off="Product owner / PM", worse_error="false_negative")
    return Plan.model_validate({**plan.model_dump(), "participants": ["Ana — Data scientist", "Ben — Client", "Cem — Other"],
                                "decisions": [{"topic": "Zielwert", "decision": "Recall vor Präzision", "owner": "Ana"}],
                                "open_questions": [{"question": "Wie viele Fehler sind akzeptabel?",
                                                    "answers": [{"role": "Client", "answers": "1× keine Fehler"},
                                                                {"role": "QA / tester", "answers": "1× einige Fehler"}]}],
                                "release_criteria": release})


@pytest.fixture(scope="module", params=["risky", "workshop"])
def german_document(request):
    plan = _german_plan(workshop=request.param == "workshop")
    return plan_document(build_report(content_for("de"), RISKY, plan, project_name="Test project", date="2026-11-23"))


@pytest.fixture(scope="module")
def german_pdf(german_document):
    return render_pdf(german_document, invariant=True)


@functools.cache
def _plan_default_pairs() -> tuple[tuple[str, str], ...]:
    """(English, German) of every text of the plan defaults that the German translation changes."""
    from planner.content import translations
    from planner.content.loader import content_dir
    from planner.safe_yaml import load_yaml

    english = load_yaml((Path(content_dir()) / PLAN_DEFAULTS).read_bytes(), PLAN_DEFAULTS)
    german = translations.plan_defaults_data("de")
    units = zip(translations.units_of(PLAN_DEFAULTS, english).values(), translations.units_of(PLAN_DEFAULTS, german).values(),
                strict=True)  # in the same order: a translation changes texts, never the structure (keys are English texts)
    pairs = [(" ".join(en[key].split()), " ".join(de[de_key].split())) for (en, key), (de, de_key) in units]
    return tuple((en, de) for en, de in pairs if en != de)


@functools.cache
def _english_fragments() -> frozenset[str]:
    """The English text of the shipped set: every message of the code, cut at its placeholders (words German shares are in
    ALLOWED), every text of the plan defaults that German translates, and the role names (identifiers shown translated)."""
    out = set()
    for m in _messages():
        for piece in PLACEHOLDER.split(m.id):
            piece = piece.strip(" .,;:()–→·*")
            if len(piece) >= 4 and piece not in ALLOWED:
                out.add(piece)
    out |= {en.rstrip(":") for en, _de in _plan_default_pairs() if len(en) >= 4 and en not in ALLOWED}
    out |= {role for role in WORKSHOP_ROLES if translator("de")._(role) != role}
    return frozenset(out)


@functools.cache
def _content_strings() -> tuple[str, ...]:
    """Every text of the content YAML (questions, options, knowledge base), longest first: content is translated beside
    the YAML, not in the code's catalog, so it is taken out of the PDF text before the check; the plan defaults' texts
    are translated too, so they are checked, not blanked."""
    return yaml_texts(skip=frozenset({PLAN_DEFAULTS}))


def _without_content(text: str) -> str:
    for value in _content_strings():
        text = text.replace(value, " ¦ ")
    return text


def _contains(text: str, fragment: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(fragment)}(?![\w-])", text) is not None


def _english_in(lines: list[str]) -> list[str]:
    """The English texts of the shipped set in a German document's lines (the knowledge base's and the questionnaire's
    English texts are blanked first: they are translated beside the YAML, by their own file; multi-word texts are
    looked for anywhere, single words as a whole line or table cell)."""
    lines = [line.strip() for line in lines]
    planner_text = _without_content(" ".join(" ".join(lines).split()))
    planner_lines = {line for line in lines if line not in _content_strings()}
    return sorted(f for f in _english_fragments() if (" " in f and _contains(planner_text, f)) or (" " not in f and f in planner_lines))


def _pdf_lines(data: bytes) -> list[str]:
    return [line for page in PdfReader(io.BytesIO(data)).pages for line in page.extract_text().splitlines()]


def _docx_lines(data: bytes) -> list[str]:
    """Every paragraph (table cells too) of a Word file as one line."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("word/document.xml").decode()
    return ["".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", para)) for para in re.findall(r"<w:p[ >].*?</w:p>", xml)]


def _markdown_lines(text: str) -> list[str]:
    """Markdown without its markup: each table cell and each line once."""
    plain = re.sub(r"\\(.)", r"\1", text).replace("**", "").replace("*", "")
    return [cell.strip(" -#") for line in plain.splitlines() for cell in line.split("|")]


def test_the_shipped_english_set_includes_plan_defaults_and_roles():
    """The check below would see an untranslated plan default or role name: both are in the set it looks for."""
    fragments = _english_fragments()
    assert {"Effort, buffers and research time-boxes", "Model requirements", "Data scientist", "Product owner / PM"} <= fragments
    assert "Deployment" in fragments and "Latency" in fragments  # single words: found as a whole cell
    assert set(ROLE_NAMES) == set(WORKSHOP_ROLES)  # every role is marked for the catalog


def test_a_german_pdf_has_no_english_planner_text(german_pdf):
    """Every planner text of the shipped English set is checked against the German PDF of the risky example and of a
    workshop project (participants, an open question, a decision, release criteria)."""
    assert _english_in(_pdf_lines(german_pdf)) == []
    text = " ".join(" ".join(_pdf_lines(german_pdf)).split())
    assert "Zusammenfassung" in text and "Kickoff-Plan" in text and "OFFEN" in text and "Mo., 2. Feb. 2026" in text


def test_a_german_word_file_and_markdown_have_no_english_planner_text(german_document):
    assert _english_in(_docx_lines(render_docx(german_document, invariant=True))) == []
    assert _english_in(_markdown_lines(render_markdown(german_document))) == []


def test_roles_are_shown_in_german_but_stored_as_they_are(german_document):
    markdown = render_markdown(german_document)
    assert "| Aktivität | Product Owner / PM | Data Scientist |" in markdown and "Modellanforderungen" in markdown
    if "Ana" in markdown:  # the workshop project
        assert "Ana — Data Scientist" in markdown and "Kunde: 1× keine Fehler" in markdown
        assert "| Freigegeben von | Product Owner / PM |" in markdown
    assert _german_plan(workshop=True).release_criteria.sign_off == "Product owner / PM"


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


def test_the_schedulers_own_texts_in_german():
    from planner.assessment import assess
    from planner.plan.buffers import compute_buffers

    plan = _german_plan()
    tasks = [t.model_copy(update={"optimistic": 5.5, "pessimistic": 2}) if n == 0 else t for n, t in enumerate(plan.tasks)]
    result = compute_buffers(plan.model_copy(update={"tasks": tasks}), RISKY, assess(CONTENT, RISKY), t=translator("de"))
    assert result.blocked and result.row_problems[0].startswith(
        "Zeile 1 (Exploration und Modellprototyp (mit Time-Box)): der optimistische Wert (5,5) ist größer als der pessimistische (2)")
    assert {d.source for d in result.drivers} >= {"Wahrscheinlichkeit von R4"}
    english = compute_buffers(plan.model_copy(update={"tasks": tasks}), RISKY, assess(CONTENT, RISKY))
    assert english.row_problems[0].startswith("row 1 (Exploration und Modellprototyp (mit Time-Box)): optimistic (5.5) is larger than")


def test_a_german_plan_keeps_its_references_and_names_the_commitments_source():
    from planner.plan.checks import commitment_findings

    german, english = _german_plan(), default_plan(CONTENT, RISKY)
    assert [m.owner for m in german.monitoring] == [m.owner for m in english.monitoring] != [""] * len(english.monitoring)
    assert [r.cells for r in german.raci] == [r.cells for r in english.raci]
    report = build_report(content_for("de"), RISKY, german, project_name="x", language="de")
    assert any("laut RACI ist Product Owner / PM für Modellanforderungen verantwortlich" in f.message for f in report.findings)
    (warning,) = commitment_findings(report.buffers, translator("de"))
    assert "(aus dem Fragebogen: 0 Wochen bis zur zugesagten Lieferung × 5)" in warning.message


def test_a_cut_text_says_so_in_the_documents_language():
    from planner.i18n import writing
    from planner.render.pdf_text import CELL_LIMIT, clean

    with writing("de"):
        assert clean("x" * (CELL_LIMIT + 1)).endswith(f"… (gekürzt, {translator('de').integer(CELL_LIMIT + 1)} Zeichen)")
    assert clean("x" * (CELL_LIMIT + 1)).endswith(f"… (truncated, {CELL_LIMIT + 1:,} characters)")
