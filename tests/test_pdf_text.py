"""The PDF's text layout costs (issue 16): the planner's own markup is not parsed, lines are broken once per width,
reportlab's fragment comparison is the quick one, a dense matrix's row labels are plain cells - and the output is
what reportlab's parser would have made."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from reportlab.lib.rl_accel import sameFrag as c_same_frag
from reportlab.platypus import paragraph as reportlab_paragraph
from reportlab.platypus.paraparser import ParaParser

from planner.answers import answers_from_document
from planner.content import load_content
from planner.i18n import translator
from planner.plan import default_plan
from planner.plan.report import build_report
from planner.render import document as d
from planner.render import pdf_text
from planner.render.plan_pdf import _Story, build_pdf, runs_markup
from planner.render.pdf_text import Paragraph, register_fonts, styles
from planner.safe_yaml import load_yaml

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ["plain words", "  two  spaces  ", "<b>not bold</b> & <i>", "&amp; &lt;", "line\nbreak\n", "\xa0nbsp\u2009thin", "Zürich —",
         "", " ", "OPEN"]


def _runs(seed: int) -> d.Inline:
    """A deterministic mix of texts and emphasis, as render.outline makes them."""
    out = []
    for k in range(1 + seed % 5):
        n = seed * 7 + k * 3
        out.append(d.Run(TEXTS[n % len(TEXTS)] + TEXTS[(n // 3) % len(TEXTS)], bold=n % 2 == 0, italic=n % 3 == 0,
                         muted=n % 5 == 0, open=n % 17 == 0))
    return tuple(out)


def _parsed(text: str, style, monkeypatch) -> Paragraph:
    """The paragraph as reportlab's parser makes it."""
    with monkeypatch.context() as m:
        m.setattr(pdf_text, "_fast_frags", lambda text, style: None)
        return Paragraph(text, style)


def _frags(paragraph) -> list:
    return [(type(f), f.__dict__) for f in paragraph.frags]


def test_the_planners_markup_is_not_parsed_and_makes_the_parsers_fragments(monkeypatch):
    register_fonts()
    s = styles()
    parses = []
    original = ParaParser.parse
    monkeypatch.setattr(ParaParser, "parse", lambda self, text, style: parses.append(text) or original(self, text, style))
    def build(seeds):
        return [(m, style, Paragraph(m, style)) for seed in seeds for style in (s["body"], s["small_bullet"])
                for m in [runs_markup(_runs(seed), style.fontSize, wrap=40 if seed % 4 == 0 else None)]]

    paragraphs = build(range(60))
    assert len(parses) < 60  # once per style and combination of open tags (to learn their fragment), not per paragraph
    parses.clear()
    paragraphs += build(range(60, 120))
    assert parses == []
    for m, style, fast in paragraphs:
        slow = _parsed(m, style, monkeypatch)
        assert _frags(fast) == _frags(slow) and fast.text == slow.text and fast.style is slow.style, m


@pytest.mark.parametrize("text", ['<a href="x">link</a>', "&quot;quoted&quot;", "&#38; char", '<para leading="20">p</para>',
                                  "<b>unclosed", "closed</b>", "<font size='8'>single quotes</font>", "a < b", "x &amp y",
                                  '<bullet>\u2022</bullet>item', "<b><i>nested</i></b> tail"])
def test_other_markup_goes_to_reportlabs_parser(text, monkeypatch):
    style = styles()["body"]
    try:
        slow = _parsed(text, style, monkeypatch)
    except ValueError:  # markup reportlab refuses is refused the same way
        with pytest.raises(ValueError):
            Paragraph(text, style)
        return
    fast = Paragraph(text, style)
    bullets = [[(type(f), f.__dict__) for f in p.bulletText] if isinstance(p.bulletText, list) else p.bulletText for p in (fast, slow)]
    assert _frags(fast) == _frags(slow) and bullets[0] == bullets[1]


def test_the_kickoff_pdf_is_byte_identical_to_one_laid_out_from_parsed_markup(monkeypatch):
    content = load_content()
    answers = answers_from_document(load_yaml((ROOT / "examples" / "risky.yaml").read_bytes(), "risky"), content, "risky")
    report = build_report(content, answers, default_plan(content, answers), project_name="Same bytes", date="2026-12-01")
    fast = build_pdf(report, invariant=True)
    monkeypatch.setattr(pdf_text, "_fast_frags", lambda text, style: None)
    monkeypatch.setattr(pdf_text, "break_lines", lambda paragraph, width: None)  # reportlab's line breaking for all
    monkeypatch.setattr(pdf_text, "_break_lines", reportlab_paragraph.Paragraph.breakLines)  # with the C sameFrag
    assert build_pdf(report, invariant=True) == fast


def test_lines_are_broken_once_per_width(monkeypatch):
    calls = []
    original = Paragraph.breakLines
    monkeypatch.setattr(Paragraph, "breakLines", lambda self, widths: calls.append(widths) or original(self, widths))
    p = Paragraph("Some words " * 40 + "<b>and bold</b>", styles()["body"])
    first = p.wrap(300, 800)
    assert p.wrap(300, 400) == first and len(calls) == 1  # the document template wraps a heading's neighbour twice
    assert p.wrap(200, 800) != first and len(calls) == 2
    parts = p.split(200, 30)  # a split page part is laid out afresh
    assert len(parts) == 2 and parts[0].wrap(200, 30)[1] <= 30 and parts[1].wrap(200, 800)[1] > 0
    del p.blPara  # reportlab drops the lines when a paragraph moves on whole
    p.wrap(200, 800)
    assert len(calls) >= 5


def test_reportlabs_own_paragraphs_keep_its_c_same_frag():
    content = load_content()
    build_pdf(build_report(content, {}, default_plan(content, {}), project_name="Local"))
    assert reportlab_paragraph.sameFrag is c_same_frag  # the planner's faster comparison is its paragraphs' own
    assert reportlab_paragraph.Paragraph.breakLines.__globals__ is vars(reportlab_paragraph)


def test_fragments_compare_as_reportlabs_c_function_says():
    register_fonts()
    same_frag = pdf_text.same_frag
    assert pdf_text._break_lines.__globals__["sameFrag"] is same_frag
    frags = Paragraph('a <b>b</b> <i>c</i> <font color="#6b7280" size="8">d</font> e<br/>f', styles()["cell"]).frags
    extra = []
    for attr, value in (("backColor", None), ("backColor", "red"), ("nobr", True), ("cbDefn", None), ("lineBreak", False)):
        extra.append(frags[0].clone(**{attr: value}))
    for f, g in itertools.product(frags + extra, repeat=2):
        assert bool(same_frag(f, g)) == bool(c_same_frag(f, g)), (f, g)


def test_a_dense_matrixs_row_labels_are_plain_cells_at_the_small_leading():
    register_fonts()
    table = d.Table((d.Column("Activity"), *[d.Column(f"Role {i}", "mark", 24) for i in range(3)]),
                    (("Agree <b>R&D</b> data", "A", "", "R"), ("Sign-off", "C", "A/R", ""), ("x" * 300, "A", "", "")), small="all",
                    bold_cells=frozenset({(0, 1)}))
    story = _Story(translator("en"))
    [flowable] = story.table(table)
    labels = [row[0] for row in flowable._cellvalues[1:]]
    assert labels[:2] == ["Agree <b>R&D</b> data", "Sign-off"]  # plain strings: shown literally, never parsed
    leading = story.s["tiny"].leading
    assert all(flowable._cellStyles[r][0].leading == leading for r in (1, 2))
    assert flowable._cellStyles[1][1].leading != leading  # the letters keep the table's leading, so rows keep their height
    assert isinstance(labels[2], Paragraph)  # a word wider than the cell: the Paragraph fills the first line, as before
