"""What a screen reader needs from the kickoff documents: the language, the title, headings to navigate by.

reportlab's open-source PDF library writes no structure tree (no tagged PDF); what it can state, the PDF states: its
language in the catalog, the title shown instead of the file name, and an outline of the headings. The Word file
uses Word's built-in heading styles, in order, and states its language.
"""

from __future__ import annotations

import io
import re

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader
from test_plan_render import CONTENT, RISKY, default_plan, report_for

from planner.plan.catalogue import load_catalogue
from planner.render.plan_docx import plan_docx
from planner.render.plan_pdf import build_pdf


@pytest.fixture(scope="module")
def report():
    return report_for(default_plan(CONTENT, RISKY))


def outline_titles(outline):
    for entry in outline:
        yield from outline_titles(entry) if isinstance(entry, list) else [entry.title]


def test_the_pdf_states_its_language_and_title_and_has_an_outline_of_its_headings(report):
    reader = PdfReader(io.BytesIO(build_pdf(report, invariant=True)))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB"  # the same language as the Word file
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])  # the viewer's title bar: the title, not "plan.pdf"
    assert reader.metadata.title == "Kickoff plan: Test project"
    found = list(outline_titles(reader.outline))
    for section in load_catalogue().sections:
        assert section.title in found


def test_the_word_file_has_built_in_headings_in_order(report):
    doc = Document(io.BytesIO(plan_docx(report, invariant=True)))
    headings = [(p.style, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert all(style.builtin for style, _ in headings)  # Word's own Heading 1-3: a screen reader lists them
    levels = [int(re.fullmatch(r"Heading (\d)", style.name).group(1)) for style, _ in headings]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))  # never skips a level
    texts = [text for _, text in headings]
    for section in load_catalogue().sections:
        assert section.title in texts


def test_the_word_file_states_its_language(report):
    doc = Document(io.BytesIO(plan_docx(report, invariant=True)))
    assert doc.core_properties.language == "en-GB"
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "en-GB"
