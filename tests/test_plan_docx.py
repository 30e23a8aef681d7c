"""The Word export: it opens in LibreOffice (converted headless to PDF) and says what the PDF says."""

from __future__ import annotations

import io
import os
import shutil
import subprocess

import pytest
from docx import Document
from pypdf import PdfReader

from planner.plan import default_plan
from planner.render import document as d
from planner.render.outline import plan_document
from planner.render.plan_docx import plan_docx
from planner.render.plan_pdf import build_pdf
from test_plan_render import CONTENT, HOSTILE, RISKY, hostile_plan, report_for, squash

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")  # as tests/conftest.py (two conftest modules share the name)

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def soffice():
    if SOFFICE is None:
        if IN_CI:
            pytest.fail("The Word export must be checked in CI: LibreOffice is not installed (make office installs "
                        "Debian's libreoffice-writer-nogui)", pytrace=False)
        pytest.skip("LibreOffice (soffice) is not installed; `make office` installs Debian's libreoffice-writer-nogui")
    return SOFFICE


def converted(soffice: str, data: bytes, tmp_path) -> str:
    """The .docx converted to PDF by LibreOffice, headless, and that PDF's text."""
    source = tmp_path / "plan.docx"
    source.write_bytes(data)
    profile = tmp_path / "profile"  # a fresh profile: no state shared with another LibreOffice on the machine
    result = subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}", "--convert-to", "pdf",
                             "--outdir", str(tmp_path), str(source)], capture_output=True, text=True, timeout=240,
                            env={**os.environ, "HOME": str(tmp_path)})
    target = tmp_path / "plan.pdf"
    assert result.returncode == 0 and target.exists(), result.stdout + result.stderr
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(target.read_bytes())).pages)


def document_texts(document: d.Document) -> list[str]:
    """The texts every format shows: headings, paragraphs, list items, answers and table cells (not charts)."""
    out = []
    for block in d.walk(document.blocks):
        if isinstance(block, (d.Heading, d.Paragraph)):
            out.append(d.plain(block.text))
        elif isinstance(block, d.BulletList):
            out += [d.plain(item) for item in block.items]
        elif isinstance(block, d.Answer):
            out += [block.question, block.answer, block.citations]
        elif isinstance(block, d.Table):
            out += [d.plain(v) for row in block.rows for v in row]
    return [t for t in out if t.strip()]


def test_the_word_file_converts_in_libreoffice_and_its_text_matches_the_pdf(soffice, tmp_path):
    report = report_for(default_plan(CONTENT, RISKY))
    document = plan_document(report)
    word_text = converted(soffice, plan_docx(report, invariant=True), tmp_path)
    pdf_text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(build_pdf(report, invariant=True))).pages)
    texts = document_texts(document)
    assert len(texts) > 300

    def missing(shown: str) -> list[str]:
        # pypdf reads a table row line by line across its columns, so a wrapped cell is found word by word
        squashed, words = squash(shown), set(shown.split())
        return [t for t in texts if squash(t) not in squashed and not set(t.split()) <= words]

    missing_in_word, missing_in_pdf = missing(word_text), missing(pdf_text)
    assert missing_in_word == [], missing_in_word
    assert missing_in_pdf == [], missing_in_pdf


def test_hostile_text_in_the_word_file_is_literal_and_the_tables_stay_editable(soffice, tmp_path):
    plan = hostile_plan(HOSTILE)
    data = plan_docx(report_for(plan, project_name=HOSTILE["markup"], project_description=HOSTILE["image"]), invariant=True)
    text = squash(converted(soffice, data, tmp_path))
    for key, value in HOSTILE.items():
        assert squash(value) in text, key
    doc = Document(io.BytesIO(data))
    assert all(not r.element.xpath(".//w:drawing") for p in doc.paragraphs for r in p.runs)  # no picture from user markup
    tasks = next(t for t in doc.tables if t.rows[0].cells[0].text == "#")
    assert tasks.rows[0]._tr.xpath("./w:trPr/w:tblHeader")  # the header row repeats on each page
    tasks.rows[1].cells[1].text = "Edited in Word"  # a real table: cells can be edited
    assert "Edited in Word" in [c.text for c in tasks.rows[1].cells]
