"""The planner's own line breaking makes reportlab's lines (render.pdf_lines), and long tables are measured once
and styled with fewer commands (render.pdf_table)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from reportlab.platypus import KeepTogether, Table, TableStyle

from planner.answers import answers_from_document
from planner.content import load_content
from planner.i18n import content_for, translator
from planner.plan import default_plan
from planner.plan.report import build_report
from planner.render import pdf_lines, pdf_text
from planner.render.outline import plan_document
from planner.render.pdf_table import BatchedTable, batched_table
from planner.render.pdf_text import Paragraph, register_fonts, styles
from planner.render.plan_pdf import WIDTH, _column_runs, _Story
from planner.safe_yaml import load_yaml

ROOT = Path(__file__).resolve().parents[1]
WIDTHS = (None, 250, 120, 60)  # None: the page's width less the style's indent


def _paragraphs(flowables):
    for f in flowables:
        if isinstance(f, Paragraph):
            yield f
        elif isinstance(f, Table):
            yield from (cell for row in f._cellvalues for cell in row if isinstance(cell, Paragraph))
        elif isinstance(f, KeepTogether):
            yield from _paragraphs(f._content)


def _corpus(language: str) -> list[Paragraph]:
    """Every Paragraph of the risky example's PDF in `language`."""
    register_fonts()
    content = content_for(language) if language != "en" else load_content()
    answers = answers_from_document(load_yaml((ROOT / "examples" / "risky.yaml").read_bytes(), "risky"), content, "risky")
    report = build_report(content, answers, default_plan(content, answers), project_name="Lines", language=language)
    document = plan_document(report)
    return list(_paragraphs(_Story(translator(document.language)).blocks(document.blocks)))


def _lines(lines, paragraph) -> tuple:
    """Everything reportlab's drawing and splitting read from a broken paragraph."""
    rows = [(line.extraSpace, line.wordCount, line.lineBreak, line.fontSize, line.ascent, line.descent, line.maxWidth, line.sFW,
             [(type(w), w.__dict__) for w in line.words]) for line in lines.lines]
    words = [(type(w), w[0], [(id(f), text) for f, text in w[1:]]) for w in paragraph.frags]
    return lines.kind, rows, words, paragraph._width_max


def _both(paragraph: Paragraph, width: list[float]):
    """(ours, reportlab's) lines for two copies of `paragraph` (sharing its fragments, as reportlab's split parts do)."""
    ours, theirs = copy.copy(paragraph), copy.copy(paragraph)
    ours.frags, theirs.frags = list(paragraph.frags), list(paragraph.frags)
    mine = pdf_lines.break_lines(ours, list(width))
    return (ours, mine), (theirs, pdf_text._break_lines(theirs, list(width)))


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_risky_examples_paragraphs_break_as_reportlab_breaks_them(language):
    ours_used = 0
    for paragraph in _corpus(language):
        for width in WIDTHS:
            width = [width or WIDTH - paragraph.style.leftIndent] * 2
            (ours, mine), (theirs, reportlab) = _both(paragraph, width)
            if mine is None:
                continue
            ours_used += 1
            assert _lines(mine, ours) == _lines(reportlab, theirs), (paragraph.text, width)
            if len(mine.lines) > 3:  # the rest of a page split is broken from the words the first breaking left
                ours.blPara, theirs.blPara = mine, reportlab
                rest_ours = ours.split(width[0], paragraph.style.leading * 2)[1]
                rest_theirs = theirs.split(width[0], paragraph.style.leading * 2)[1]
                (a, again), (b, again_rl) = _both(rest_ours, [width[0]] * 2)[0], _both(rest_theirs, [width[0]] * 2)[1]
                assert again is not None and _lines(again, a) == _lines(again_rl, b), paragraph.text
    assert ours_used > 400  # the mixed-style paragraphs (bullets with emphasis, citations, headings with a mark)


@pytest.mark.parametrize("text", ["soft\xadhyphen <b>bold</b>", "<b>x</b> " + "w" * 400, '<a href="https://x.org">link</a> <b>b</b>',
                                  "plain words only"])
def test_anything_unusual_is_left_to_reportlab(text):
    register_fonts()
    paragraph = Paragraph(text, styles()["body"])
    assert pdf_lines.break_lines(copy.copy(paragraph), [300.0, 300.0]) is None
    assert paragraph.wrap(300, 800)[1] > 0


def test_a_bullets_first_line_is_shortened_once_when_reportlab_takes_over():
    register_fonts()
    paragraph = Paragraph("<b>x</b> " + "w" * 400, styles()["bullet"], bulletText="\u2714" * 8)
    widths = [300.0, 300.0]
    reference = copy.copy(paragraph)
    reference_widths = list(widths)
    pdf_text._break_lines(reference, reference_widths)
    paragraph.breakLines(widths)  # ours declines (a long word), reportlab breaks it
    assert widths == reference_widths and widths[0] < 300


def test_mixed_style_paragraphs_are_not_broken_by_reportlab(monkeypatch):
    register_fonts()
    monkeypatch.setattr(pdf_text, "_break_lines", lambda self, width: pytest.fail("reportlab's breakLines was used"))
    paragraph = Paragraph("Question \u2192 <i>answer</i> (+44 points) " * 5 + '<font color="#6b7280" size="8">(\u00a7 3.2)</font>',
                          styles()["small_bullet"], bulletText="\u2713")
    assert paragraph.wrap(200, 800)[1] > 0 and len(paragraph.blPara.lines) > 3


def _rows(n: int) -> list[list[str]]:
    return [["Activity", "R", "A"]] + [[f"Activity {i}" + ("\nsecond line" if i % 7 == 0 else ""), "R", "A" if i % 2 else ""]
                                       for i in range(n)]


def test_a_long_tables_plain_rows_are_measured_once(monkeypatch):
    register_fonts()
    table = batched_table(_rows(300), [("FONTSIZE", (0, 0), (-1, -1), 8), ("LEADING", (0, 0), (-1, -1), 10)],
                          colWidths=[200, 40, 40], repeatRows=1, splitByRow=1)
    reference = Table(_rows(300), colWidths=[200, 40, 40], repeatRows=1, longTableOptimize=0)
    reference.setStyle(TableStyle([("FONTSIZE", (0, 0), (-1, -1), 8), ("LEADING", (0, 0), (-1, -1), 10)]))
    table.wrap(500, 700)
    reference.wrap(500, 100_000)
    assert None not in table._argH and table._argH == reference._rowHeights
    first, rest = table.split(500, 700)
    assert rest._argH[1:] == reference._rowHeights[len(first._argH):]  # the rest keeps the heights: nothing re-measured
    measured = []
    original = Table._listCellGeom
    monkeypatch.setattr(Table, "_listCellGeom", lambda self, *a, **k: measured.append(a) or original(self, *a, **k))
    rest.wrap(500, 700)
    rest.split(500, 700)
    assert measured == []


def test_table_wide_commands_become_the_cell_styles_defaults():
    register_fonts()
    rows = _rows(6)
    commands = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), "DejaVuSans"), ("FONTSIZE", (0, 0), (-1, -1), 8),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, "#d1d5db"), ("FONTNAME", (0, 0), (-1, 0), "DejaVuSans-Bold"),
                ("ALIGN", (1, 1), (1, -1), "CENTER"), ("FONTNAME", (0, 0), (-1, -1), "Helvetica"),  # after a partial FONTNAME
                ("FONTSIZE", (0, 0), (-1, -1), 7), ("TEXTCOLOR", (0, 0), (-1, -1), "#6b7280"),
                ("BACKGROUND", (0, 0), (-1, 0), "#e5e7eb"), ("LEADING", (0, 2), (0, 3), 8.5)]
    ours = batched_table(rows, commands, colWidths=[100, 30, 30])
    reference = Table(rows, colWidths=[100, 30, 30])
    reference.setStyle(TableStyle(commands))
    public = lambda style: {n: getattr(style, n) for n in dir(style) if not n.startswith("_") and not callable(getattr(style, n))}  # noqa: E731
    assert [[public(s) for s in row] for row in ours._cellStyles] == [[public(s) for s in row] for row in reference._cellStyles]
    assert ours._linecmds == reference._linecmds and ours._bkgrndcmds == reference._bkgrndcmds
    assert isinstance(ours, BatchedTable)


def test_one_cell_commands_are_joined_per_column_run():
    extra = [("LEADING", (0, r), (0, r), 8.5) for r in range(1, 40)] + [("FONTNAME", (0, 5), (0, 5), "B"), ("FONTNAME", (0, 6), (0, 6), "B"),
                                                                       ("FONTNAME", (2, 6), (2, 6), "B"), ("LEADING", (0, 41), (0, 41), 8.5)]
    runs = _column_runs(extra)
    assert sorted(runs) == sorted([("LEADING", (0, 1), (0, 39), 8.5), ("LEADING", (0, 41), (0, 41), 8.5),
                                   ("FONTNAME", (0, 5), (0, 6), "B"), ("FONTNAME", (2, 6), (2, 6), "B")])
