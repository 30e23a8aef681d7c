"""The kickoff plan as a PDF (reportlab platypus, native reportlab.graphics charts, DejaVu Sans).

Every string that comes from the report goes through `markup()` before it reaches a Paragraph:
control characters are dropped, characters DejaVu Sans cannot show become U+FFFD, text beyond
CELL_LIMIT characters is cut with a note, and `xml.sax.saxutils.escape` makes `<`, `>` and `&`
literal. Paragraph styles keep reportlab's `splitLongWords`, so a 10,000-character word wraps inside
its cell, and tables split inside rows (`splitInRow`), so a cell taller than a page flows on.
Strings drawn straight onto the canvas (header, charts, outline, metadata) are not parsed as markup
by reportlab; they only get the same clean-up and a length cap.

Fonts ship in assets/fonts (nothing is downloaded). Page numbers "page X of Y" use a form XObject
for Y that is filled in when the canvas is saved, so the document is laid out in one pass.
"""

from __future__ import annotations

import math
import re
import textwrap
import threading
from collections import Counter
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, KeepTogether, PageBreak, PageTemplate, Spacer, Table, TableStyle
from reportlab.platypus import Paragraph as _ReportlabParagraph

from .. import study
from ..assessment import point_level
from ..plan.model import PHASES, RACI_VALUES
from ..plan.montecarlo import histogram
from ..plan.report import PlanReport
from ..plan.units import monitoring_costs
from .escape import show_bidi_controls

FONT_DIR = Path(__file__).resolve().parents[3] / "assets" / "fonts"
FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"
_STANDARD_FONTS = ("Helvetica", "Helvetica-Bold", "ZapfDingbats")  # reportlab's defaults (charts, bullets)
_FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf", FONT_ITALIC: "DejaVuSans-Oblique.ttf",
               FONT_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf"}

CELL_LIMIT = 20_000  # characters of one user text shown in full; longer texts are cut with a note
RACI_ROLES_PER_TABLE = 8  # more roles → the matrix is printed in several tables of this many roles
MAX_TRIGGERS = 5
MAX_MITIGATIONS = 3
HISTOGRAM_BINS = 40
TOP_RISKS = 5  # challenges on the summary page

PAGE_W, PAGE_H = A4
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 18 * mm, 20 * mm, 18 * mm
WIDTH = PAGE_W - 2 * MARGIN_X

INK = colors.HexColor("#1f2937")
MUTED = colors.HexColor("#6b7280")
RULE = colors.HexColor("#d1d5db")
HEAD_BG = colors.HexColor("#e5e7eb")
ZEBRA = colors.HexColor("#f9fafb")
LEVEL_COLOURS = {"low": colors.HexColor("#16a34a"), "medium": colors.HexColor("#ca8a04"), "high": colors.HexColor("#ea580c"),
                 "critical": colors.HexColor("#b91c1c"), "unknown": colors.HexColor("#9ca3af")}

# Only font registration touches reportlab's process-wide state (pdfmetrics' font registry) and `_glyphs`;
# it runs once, under this lock. A build itself keeps its state in its own document, canvas and story
# (invariant mode is passed per document, and TrueType subsets are kept per document), so builds run
# at the same time without waiting for each other.
_FONT_LOCK = threading.Lock()
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufeff]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_glyphs: frozenset[int] | None = None


# -- fonts and text ---------------------------------------------------------------------------------------

def register_fonts() -> None:
    """Register DejaVu Sans (regular, bold, italic, bold italic) once per process."""
    global _glyphs
    if _glyphs is not None:
        return
    with _FONT_LOCK:
        if _glyphs is not None:  # another thread registered them while this one waited
            return
        registered = set(pdfmetrics.getRegisteredFontNames())
        for name, file in _FONT_FILES.items():
            if name not in registered:
                pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC)
        for name in _STANDARD_FONTS:  # reportlab registers these lazily on first use; do it here, once
            pdfmetrics.getFont(name)
        faces = [pdfmetrics.getFont(name).face.charToGlyph for name in _FONT_FILES]
        # Only characters every face has, and only the Basic Multilingual Plane: reportlab writes a broken
        # ToUnicode entry for characters beyond U+FFFF, so those are replaced as well.
        _glyphs = frozenset(c for c in set(faces[0]).intersection(*faces[1:]) if c <= 0xFFFF)


def _replace_missing(match: re.Match) -> str:
    char = match.group()
    return char if ord(char) in _glyphs else "\ufffd"


def clean(text, limit: int = CELL_LIMIT) -> str:
    """Plain text safe to draw: no control characters, only glyphs the font has, at most `limit` characters."""
    register_fonts()
    value = "" if text is None else str(text)
    value = _CONTROL.sub("", show_bidi_controls(value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")))
    value = _few_lines(value)
    if len(value) > limit:
        value = f"{value[:limit]} … (truncated, {len(value):,} characters)"
    return value if value.isascii() else _NON_ASCII.sub(_replace_missing, value)


MAX_LINES = 12  # the planner's default: further line breaks in one text print as " / " (layout time grows per line)


FINDINGS_SHOWN = 25  # the planner's default: per plan section; past that, the same kind of check repeats
MAX_CELL_LINES = 4  # the same for a table cell, where every line repeats across a whole row


def _few_lines(value: str, most: int = MAX_LINES) -> str:
    """At most `most` lines; the rest joined with " / ", so nothing is lost but a text cannot run to pages."""
    if value.count("\n") < most:
        return value
    lines = value.split("\n")
    return "\n".join(lines[: most - 1] + [" / ".join(line for line in lines[most - 1:] if line.strip())])


def markup(text, limit: int = CELL_LIMIT) -> str:
    """User text → Paragraph markup that shows it literally."""
    return escape(clean(text, limit)).replace("\n", "<br/>")


def _one_line(text, limit: int = 300) -> str:
    return " ".join(clean(text, limit).split())


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Cut text with an ellipsis so it fits `width` points."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if pdfmetrics.stringWidth(text[:mid] + "…", font, size) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low] + "…"


def _days(value) -> str:
    return "–" if value is None else f"{value:g}"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _pct(value) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


# -- paragraphs ---------------------------------------------------------------------------------------------

class Paragraph(_ReportlabParagraph):
    """A reportlab Paragraph whose runs of equally styled text are one fragment.

    reportlab's parser starts a new fragment at every entity, so escaped user text such as "<&>" repeated
    would become hundreds of fragments per cell, and line breaking slows down with their number (a
    plan full of such text took a minute). Merging fragments whose attributes are identical draws the
    same text in the same style.
    """

    def _setup(self, text, style, bulletText, frags, cleaner):
        super()._setup(text, style, bulletText, frags, cleaner)
        merged = []
        for frag in self.frags:
            last = merged[-1] if merged else None
            if (last is not None and type(frag) is type(last) and isinstance(getattr(frag, "text", None), str)
                    and isinstance(getattr(last, "text", None), str) and _same_style(last, frag)):
                last.text += frag.text
            else:
                merged.append(frag)
        self.frags = merged


def _same_style(a, b) -> bool:
    first, second = dict(a.__dict__), dict(b.__dict__)
    first.pop("text"), second.pop("text")
    return first == second and not ({"cbDefn", "lineBreak"} & first.keys())


# -- styles -------------------------------------------------------------------------------------------------

def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, textColor=INK, spaceAfter=4,
                          splitLongWords=1, allowWidows=0, allowOrphans=0)
    s = {"body": base}
    s["title"] = ParagraphStyle("title", base, fontName=FONT_BOLD, fontSize=26, leading=31, spaceAfter=6)
    s["project"] = ParagraphStyle("project", base, fontName=FONT_BOLD, fontSize=17, leading=22, spaceAfter=10)
    s["h1"] = ParagraphStyle("h1", base, fontName=FONT_BOLD, fontSize=15, leading=19, spaceBefore=4, spaceAfter=6,
                             keepWithNext=1)
    s["h2"] = ParagraphStyle("h2", base, fontName=FONT_BOLD, fontSize=11.5, leading=15, spaceBefore=9, spaceAfter=4,
                             keepWithNext=1)
    s["h3"] = ParagraphStyle("h3", base, fontName=FONT_BOLD, fontSize=9.5, leading=12.5, spaceBefore=6, spaceAfter=2,
                             keepWithNext=1)
    s["explain"] = ParagraphStyle("explain", base, fontName=FONT_ITALIC, textColor=colors.HexColor("#374151"))
    s["cite"] = ParagraphStyle("cite", base, fontSize=8, leading=10, textColor=MUTED, spaceAfter=6)
    s["cell"] = ParagraphStyle("cell", base, fontSize=8, leading=10, spaceAfter=0)
    s["cell_head"] = ParagraphStyle("cell_head", s["cell"], fontName=FONT_BOLD)
    s["cell_center"] = ParagraphStyle("cell_center", s["cell"], alignment=TA_CENTER)
    s["tiny"] = ParagraphStyle("tiny", base, fontSize=7, leading=8.5, spaceAfter=0)
    s["tiny_head"] = ParagraphStyle("tiny_head", s["tiny"], fontName=FONT_BOLD, alignment=TA_CENTER)
    s["bullet"] = ParagraphStyle("bullet", base, leftIndent=12, bulletIndent=3, spaceAfter=2)
    s["small_bullet"] = ParagraphStyle("small_bullet", base, fontSize=8.5, leading=11, leftIndent=22, bulletIndent=12,
                                       spaceAfter=1)
    s["answer_q"] = ParagraphStyle("answer_q", base, fontName=FONT_BOLD, fontSize=9, leading=11.5, spaceBefore=5, spaceAfter=1,
                                   keepWithNext=1)
    s["answer"] = ParagraphStyle("answer", base, leftIndent=10, spaceAfter=1)
    s["answer_cite"] = ParagraphStyle("answer_cite", s["cite"], leftIndent=10, spaceAfter=2)
    return s


# -- document -------------------------------------------------------------------------------------------------

class _Heading(Paragraph):
    """A heading that becomes a bookmark and an outline entry once it is placed."""

    def __init__(self, text: str, style: ParagraphStyle, outline: str, level: int):
        super().__init__(text, style)
        self.outline = outline
        self.outline_level = level


class _PageCountCanvas(Canvas):
    """Fills the form "pagecount" (the Y of "page X of Y") just before the file is written."""

    def save(self):
        if len(self._code):
            self.showPage()
        self.beginForm("pagecount")
        self.setFont(FONT, 7.5)
        self.setFillColor(MUTED)
        self.drawString(0, 0, str(self.getPageNumber() - 1))
        self.endForm()
        super().save()


class _PlanDoc(BaseDocTemplate):
    def __init__(self, buffer, *, header: str, **kwargs):
        super().__init__(buffer, **kwargs)
        self.header = header
        self._outline_keys = 0
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, WIDTH, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._decorate)])

    def afterFlowable(self, flowable):
        if isinstance(flowable, _Heading):
            self._outline_keys += 1
            key = f"h{self._outline_keys}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.outline, key, level=flowable.outline_level, closed=False)

    def _decorate(self, canvas, doc):
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.setFillColor(MUTED)
        top = PAGE_H - MARGIN_TOP + 8 * mm
        if doc.page > 1:
            canvas.setFont(FONT, 7.5)
            canvas.drawRightString(PAGE_W - MARGIN_X, top, "Kickoff plan")
            canvas.drawString(MARGIN_X, top, _fit(self.header, FONT, 7.5, WIDTH - 60))
            canvas.line(MARGIN_X, top - 3, PAGE_W - MARGIN_X, top - 3)
        bottom = MARGIN_BOTTOM - 9 * mm
        canvas.line(MARGIN_X, bottom + 9, PAGE_W - MARGIN_X, bottom + 9)
        canvas.setFont(FONT, 7.5)
        canvas.drawString(MARGIN_X, bottom, "ML kickoff planner · based on Nahar et al., ICSE 2022")
        label = f"page {doc.page} of "
        x = PAGE_W - MARGIN_X - 20 - pdfmetrics.stringWidth(label, FONT, 7.5)
        canvas.drawString(x, bottom, label)
        canvas.translate(x + pdfmetrics.stringWidth(label, FONT, 7.5), bottom)
        canvas.doForm("pagecount")
        canvas.restoreState()


def build_pdf(report: PlanReport, *, invariant: bool = False) -> bytes:
    """The kickoff plan as PDF bytes. invariant=True: no timestamps or random ids, so equal input → equal bytes."""
    register_fonts()
    buffer = BytesIO()
    name = _one_line(report.project_name, 200) or "Untitled project"
    doc = _PlanDoc(
        buffer, header=name, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, title=f"Kickoff plan: {name}", author="ML kickoff planner",
        subject="Kickoff plan for an ML-enabled product (based on Nahar et al., ICSE 2022)",
        creator="ML kickoff planner", keywords=["kickoff plan", "machine learning", "RACI"],
        invariant=1 if invariant else 0, initialFontName=FONT, displayDocTitle=True, lang="en",
    )
    doc.build(_Story(report).build(), canvasmaker=_PageCountCanvas)
    return buffer.getvalue()


# -- content -------------------------------------------------------------------------------------------------

def _table(rows: list[list], widths: list[float], *, header_rows: int = 1, style: list | None = None,
           zebra: bool = True) -> Table:
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("LEADING", (0, 0), (-1, -1), 10),  # as the "cell" paragraph style, for the pre-wrapped plain cells
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
    ]
    if header_rows:
        commands += [("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_BG),
                     ("FONTNAME", (0, 0), (-1, header_rows - 1), FONT_BOLD)]
    if zebra and len(rows) > header_rows + 1:
        commands.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, ZEBRA]))
    table = Table(rows, colWidths=widths, repeatRows=header_rows, splitInRow=1, splitByRow=1, hAlign="LEFT")
    table.setStyle(TableStyle(commands + (style or [])))
    return table


def _wrap_plain(text: str, font: str, size: float, width: float) -> str:
    """Text broken into lines that fit `width`, as a plain string (Table draws one line per "\\n").

    Plain strings are never parsed as markup: no escaping, no entities, and no reportlab paragraph
    layout - markup-heavy or one-word texts laid out as Paragraphs took seconds per maximal plan.
    A word wider than the cell is cut after its last "-" or "/" that fits, else where it reaches the edge.
    """
    measure = lambda piece: pdfmetrics.stringWidth(piece, font, size)  # noqa: E731 - TTF widths add up (no kerning)
    space = measure(" ")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, line_width = "", 0.0
        for word in paragraph.split(" "):
            word_width = measure(word)
            while word and word_width > width:
                low, high = 1, len(word)  # the longest prefix that fits (at least one character)
                while low < high:
                    mid = (low + high + 1) // 2
                    low, high = (mid, high) if measure(word[:mid]) <= width else (low, mid - 1)
                hyphen = max(word.rfind("-", 0, low), word.rfind("/", 0, low))
                cut = hyphen + 1 if hyphen > 0 else low  # "person-" / "days", "ML/" / "platform" rather than mid-word
                if line:
                    lines.append(line)
                    line, line_width = "", 0.0
                lines.append(word[:cut])
                word = word[cut:]
                word_width = measure(word)
            if not line:
                line, line_width = word, word_width
            elif line_width + space + word_width <= width:
                line, line_width = f"{line} {word}", line_width + space + word_width
            else:
                lines.append(line)
                line, line_width = word, word_width
        lines.append(line)
    return "\n".join(lines)


class _Cell:
    """Cell text that becomes a plain string when it fits on one line, else a wrapping Paragraph."""

    __slots__ = ("text", "style")

    def __init__(self, text: str, style: str):
        self.text, self.style = text, style


_PLAIN_FONTS = {"cell": FONT, "cell_head": FONT_BOLD}
_CELL_PADDING = 6  # LEFTPADDING + RIGHTPADDING in _table


class _Story:
    def __init__(self, report: PlanReport):
        self.r = report
        self.s = _styles()
        self.out: list = []

    # small helpers
    def p(self, text_markup: str, style: str = "body") -> Paragraph:
        return Paragraph(text_markup, self.s[style])

    def add(self, *flowables) -> None:
        self.out.extend(flowables)

    def heading(self, title: str, level: int = 0, style: str | None = None) -> None:
        self.add(_Heading(markup(title, 300), self.s[style or ("h1" if level == 0 else "h2")], _one_line(title, 120) or "–",
                          level))

    def cell(self, text, style: str = "cell") -> _Cell:
        return _Cell(clean(text), style)

    def head(self, labels: list[str], style: str = "cell_head") -> list:
        return [_Cell(clean(label), style) for label in labels]

    def table(self, rows: list[list], widths: list[float], **kwargs) -> Table:
        """`_table` with _Cell texts turned into strings (one line, fast to lay out) or Paragraphs (wrapping).

        A plain string is drawn as is, never parsed as markup, so it needs no escaping.
        """
        extra = []
        out = []
        for r, row in enumerate(rows):
            line = []
            for c, value in enumerate(row):
                if isinstance(value, _Cell):
                    font = _PLAIN_FONTS.get(value.style)
                    if font:
                        if font != FONT:
                            extra.append(("FONTNAME", (c, r), (c, r), font))
                        value = _wrap_plain(_few_lines(value.text, MAX_CELL_LINES), font, 8, widths[c] - _CELL_PADDING)
                    else:
                        value = Paragraph(markup(value.text), self.s[value.style])
                line.append(value)
            out.append(line)
        return _table(out, widths, **{**kwargs, "style": (kwargs.get("style") or []) + extra})

    def open_cell(self) -> Paragraph:
        return Paragraph('<font color="#b91c1c"><b>OPEN</b></font>', self.s["cell"])

    def section_intro(self, section_id: str) -> None:
        info = next((x for x in self.r.catalogue.sections if x.id == section_id), None)
        title = info.title if info else section_id
        self.heading(title)
        if info:
            self.add(self.p(markup(info.explanation), "explain"),
                     self.p("Study: " + markup("; ".join(info.citations)), "cite"))

    def section_title(self, section_id: str) -> str:
        info = next((x for x in self.r.catalogue.sections if x.id == section_id), None)
        return info.title if info else section_id

    def findings(self, section_id: str) -> None:
        found = self.r.findings_for(section_id)
        if not found:
            return
        self.add(self.p("Checks", "h3"))
        for f in found[:FINDINGS_SHOWN]:
            self.add(self.p(f"<b>{markup(f.level.upper())}</b> {markup(f.message)} "
                            f'<font color="#6b7280" size="7.5">({markup(f.citation)})</font>', "bullet"))
        if len(found) > FINDINGS_SHOWN:
            self.add(self.p(f"…and {len(found) - FINDINGS_SHOWN} more checks in this section; the Plan page lists them all.",
                            "bullet"))

    # the document
    def build(self) -> list:
        self.cover()
        self.summary()
        self.risk()
        self.effort()
        self.experts()
        self.data_agreement()
        self.monitoring()
        self.raci()
        self.qualities()
        self.glossary()
        self.workshop()
        self.open_points()
        self.sign_off()
        self.client_appendix()
        self.appendix()
        return self.out

    def cover(self) -> None:
        r = self.r
        self.add(Spacer(1, 30 * mm))
        self.add(_Heading("Kickoff plan", self.s["title"], "Cover", 0))
        self.add(self.p(markup(r.project_name or "Untitled project"), "project"))
        if r.project_description.strip():
            self.add(self.p(markup(r.project_description)))
        participants = [p for p in r.plan.participants if str(p).strip()]
        rows = [[self.cell("Date", "cell_head"), self.cell(r.date)],
                [self.cell("Plan version", "cell_head"), self.cell(r.version)],
                [self.cell("Participants", "cell_head"), self.cell("; ".join(participants) if participants else "none recorded")]]
        self.add(Spacer(1, 6 * mm), self.table(rows, [35 * mm, WIDTH - 35 * mm], header_rows=0, zebra=False))
        self.add(Spacer(1, 10 * mm), self.p(
            "Based on Nahar et al., ICSE 2022: <i>Collaboration Challenges in Building ML-Enabled Systems: Communication, "
            "Documentation, Engineering, and Process</i>, " + markup(study.LOOKUP) + ". Section and challenge references "
            "such as “§6.2, D3” are the paper's section numbers and the planner's challenge IDs; the texts are the "
            "planner's own words.", "cite"))
        self.add(PageBreak())

    def summary(self) -> None:
        r = self.r
        a = r.assessment
        self.heading("Summary")
        titles = {p.id: p.title for p in r.content.kb.collaboration_points}
        rows = [self.head(["Collaboration point", "Score", "Level", "Range", "Answered"])]
        for point in a.points:
            score = "–" if point.score is None else f"{point.score:.0f} / 100"
            span = "–" if point.low is None else f"{point.low:.0f}–{point.high:.0f}"
            rows.append([self.cell(titles.get(point.id, point.id)), score, point.level, span,
                         f"{point.answered} of {point.asked} ({point.completeness * 100:.0f}%)"])
        self.add(self.p("Risk at the three collaboration points", "h2"),
                 self.table(rows, [WIDTH - 118 * mm, 22 * mm, 20 * mm, 20 * mm, 56 * mm]),
                 self.p(f"{a.answered} of {a.asked} questions answered ({a.completeness * 100:.0f}%). "
                        "A score is the importance-weighted likelihood of the point's challenges; the range is what the "
                        "score could become once the open questions are answered.", "cite"))
        top = r.top_risks(TOP_RISKS)
        if top:
            rows = [self.head(["Biggest risks (importance × likelihood)", "Likelihood", "First step"])]
            for c in top:
                helps = r.content.mitigations_for.get(c.id, ())
                rows.append([self.cell(f"{c.id} {c.title}"), _pct(c.likelihood),
                             self.cell(f"{helps[0].title} ({'; '.join(helps[0].citations)})" if helps else "–")])
            self.add(self.table(rows, [WIDTH - 110 * mm, 20 * mm, 90 * mm], style=[("ALIGN", (1, 0), (1, -1), "RIGHT")]))
        if r.adopted is not None and r.adopted.levers:
            self.add(self.p("Mitigations adopted at the kickoff", "h2"))
            rows = [self.head(["Mitigation", "Study"])]
            rows += [[self.cell(lever.title), self.cell("; ".join(lever.citations))] for lever in r.adopted.levers]
            self.add(self.table(rows, [WIDTH - 40 * mm, 40 * mm]))
            changes = ", ".join(f"{titles.get(p.point_id, p.point_id)} {p.before:.0f} → {p.after:.0f}"
                                for p in r.adopted.points if p.before is not None and p.after is not None)
            if changes:
                self.add(self.p(f"Once they are in place, the answers would change and the risk with them: "
                                f"{markup(changes)}.", "cite"))
        self.add(self.p("Schedule", "h2"))
        summary = r.buffers.summary
        if summary is None:
            self.add(self.p("No usable task estimates yet, so there is no simulated duration."))
        else:
            rows = [self.head(["Measure", "Working days"]),
                    ["Total duration, median (P50)", f"{summary.p50:.1f}"],
                    ["Total duration, 80% confidence (P80)", f"{summary.p80:.1f}"],
                    ["Total duration, 95% confidence (P95)", f"{summary.p95:.1f}"],
                    ["Recommended buffer (P80 − P50)", f"{summary.buffer:.1f}"]]
            if summary.target_days is not None:
                rows.append([f"Probability of finishing within the target of {summary.target_days:g} working days",
                             _pct(summary.probability_on_time)])
            self.add(self.table(rows, [WIDTH - 30 * mm, 30 * mm], style=[("ALIGN", (1, 0), (1, -1), "RIGHT")]),
                     self.p(f"{summary.trials:,} simulated runs, tasks in sequence; see “{markup(self.section_title('effort'))}”.",
                            "cite"))
        counts = Counter(f.level for f in r.findings)
        unanswered = a.asked - a.answered
        rows = [self.head(["Open points", "Count"]),
                ["Errors (must be fixed before the kickoff is signed)", str(counts.get("error", 0))],
                ["Warnings", str(counts.get("warning", 0))],
                ["Open questions in the plan", str(counts.get("open", 0))],
                ["Questionnaire questions not answered yet", str(unanswered)]]
        self.add(self.p("Open points", "h2"),
                 self.table(rows, [WIDTH - 30 * mm, 30 * mm], style=[("ALIGN", (1, 0), (1, -1), "RIGHT")]),
                 self.p("Every open point is listed with its section and citation under “Open questions”.", "cite"))
        self.add(PageBreak())

    def risk(self) -> None:
        r = self.r
        self.heading("Risk per collaboration point")
        self.add(self.p("Each challenge the study describes gets a likelihood from the answers. Below are the challenges "
                        "with a likelihood of 25% or more, the answers that raise them and what helps, with the part of "
                        "the study each rests on.", "explain"))
        self.add(_risk_chart(r), self.p("Bars: score (0–100). Black lines: the range the score could take once open "
                                        "questions are answered. Level bands: low < 25 ≤ medium < 50 ≤ high < 75 ≤ critical.",
                                        "cite"))
        points = {p.id: p for p in r.content.kb.collaboration_points}
        for point in r.assessment.points:
            info = points.get(point.id)
            score = "no answers yet" if point.score is None else f"{point.score:.0f} / 100, {point.level}"
            self.heading(f"{info.title if info else point.id}: {score}", level=1)
            if info:
                self.add(self.p(markup(info.description) + f' <font color="#6b7280" size="8">({markup(", ".join(info.citations))})</font>'))
            if point.weakest_link:
                self.add(self.p(f"<b>{markup(_sentence(point.weakest_link_note()))}</b> (the average of its challenges is "
                                f"{point.mean:.0f}; the planner's default: a point is at most one level below its most likely challenge)."))
            shown = r.likely_challenges(point)
            if not shown:
                self.add(self.p("No challenge at this point reaches a likelihood of 25%."))
            for c in shown:
                block = [self.p(f"<b>{markup(c.id)} {markup(c.title)}</b> – {_pct(c.likelihood)} ({markup(c.level)}) "
                                f'<font color="#6b7280" size="8">{markup("; ".join(c.citations))}</font>', "h3")]
                triggers = sorted(c.triggers, key=lambda t: (t.kind != "floor", -c.contribution(t)))
                for t in triggers[:MAX_TRIGGERS]:
                    if t.kind == "floor":
                        text = (f"<b>On its own:</b> {markup(t.text)} → <i>{markup(t.answer)}</i> → at least {_pct(t.risk)} "
                                f'<font color="#6b7280">({markup(t.citation)})</font>')
                    elif t.kind == "answer":
                        text = f"{markup(t.text)} → <i>{markup(t.answer)}</i>"
                    else:
                        text = f"Project set-up: {markup(t.text)}"
                    block.append(self.p(f"{text} <font color=\"#6b7280\">(+{c.contribution(t) * 100:.0f} points)</font>",
                                        "small_bullet"))
                    block[-1].bulletText = "▲"
                if len(triggers) > MAX_TRIGGERS:
                    block.append(self.p(f"and {len(triggers) - MAX_TRIGGERS} smaller triggers", "small_bullet"))
                for m in r.content.mitigations_for.get(c.id, ())[:MAX_MITIGATIONS]:
                    item = self.p(f"<b>What helps:</b> {markup(m.title)} "
                                  f'<font color="#6b7280" size="7.5">({markup("; ".join(m.citations))})</font>', "small_bullet")
                    item.bulletText = "✓"
                    block.append(item)
                self.add(*block)
        self.add(PageBreak())

    def effort(self) -> None:
        r = self.r
        plan, buffers = r.plan, r.buffers
        self.section_intro("effort")
        self.add(self.p("Tasks (working days)", "h2"))
        if plan.tasks:
            rows = [self.head(["#", "Task", "Driver", "Optimistic", "Likely", "Pessimistic", "Research"])]
            for i, t in enumerate(plan.tasks, start=1):
                rows.append([str(i), self.cell(t.name or "unnamed task"), t.driver, _days(t.optimistic), _days(t.likely),
                             _days(t.pessimistic), "time-box" if t.exploratory else ""])
            widths = [8 * mm, WIDTH - 112 * mm, 22 * mm, 20 * mm, 16 * mm, 24 * mm, 22 * mm]
            self.add(self.table(rows, widths, style=[("ALIGN", (3, 0), (5, -1), "RIGHT")]))
        else:
            self.add(self.p("No tasks yet."))
        if buffers.row_problems:
            self.add(self.p("Rows left out of the simulation", "h3"))
            for problem in buffers.row_problems:
                self.add(self.p(markup(problem), "bullet"))
        est = plan.estimation
        self.add(self.p(f"Simulation: {est.trials:,} runs, seed {est.seed}, {markup(est.distribution)} distribution, drivers "
                        f"{'applied' if est.apply_drivers else 'not applied'}"
                        + (f", target {est.target_days:g} working days." if est.target_days is not None else ", no target date."), "cite"))
        summary = buffers.summary
        if summary is None:
            self.add(self.p("No usable estimates, so no simulated total."))
        else:
            rows = [self.head(["", "P50", "P80", "P95", "Buffer (P80 − P50)"])]
            rows.append(["With uncertainty drivers", f"{summary.p50:.1f}", f"{summary.p80:.1f}", f"{summary.p95:.1f}",
                         f"{summary.buffer:.1f}"])
            if buffers.without_drivers is not None:
                w = buffers.without_drivers
                rows.append(["Estimates as entered", f"{w.p50:.1f}", f"{w.p80:.1f}", f"{w.p95:.1f}", f"{w.buffer:.1f}"])
            self.add(self.p("Total duration (working days)", "h2"),
                     self.table(rows, [WIDTH - 100 * mm, 22 * mm, 22 * mm, 22 * mm, 34 * mm],
                            style=[("ALIGN", (1, 0), (-1, -1), "RIGHT")]))
            if summary.target_days is not None:
                self.add(self.p(f"Probability of finishing within {summary.target_days:g} working days: "
                                f"<b>{_pct(summary.probability_on_time)}</b>."))
            self.add(_duration_chart(buffers.totals, summary))
        self.add(self.p("Uncertainty drivers", "h2"))
        rows = [self.head(["Driver", "Value", "Read from", "Widens", "Adds to P80 (working days)", "Study"])]
        for d in buffers.drivers:
            added = buffers.contributions.get(d.id)
            rows.append([self.cell(d.label), _pct(d.value), self.cell(d.source), self.cell(", ".join(d.applies_to)),
                         "not applied" if added is None else f"{added:.1f}", self.cell(d.citation)])
        self.add(self.table(rows, [WIDTH - 133 * mm, 14 * mm, 45 * mm, 30 * mm, 24 * mm, 20 * mm],
                        style=[("ALIGN", (1, 0), (1, -1), "RIGHT"), ("ALIGN", (4, 0), (4, -1), "RIGHT")]))
        self.add(self.p("Research time-boxes", "h2"))
        if buffers.timeboxes:
            rows = [self.head(["Exploratory task", "Time-box (working days, its own P80)"])]
            rows += [[self.cell(name), f"{days:g}"] for name, days in buffers.timeboxes]
            self.add(self.table(rows, [WIDTH - 50 * mm, 50 * mm], style=[("ALIGN", (1, 0), (1, -1), "RIGHT")]))
        else:
            self.add(self.p("No task is marked as research, so there are no time-boxes."))
        self.findings("effort")

    def experts(self) -> None:
        access = self.r.plan.expert_access
        self.section_intro("experts")
        if access.experts:
            rows = [self.head(["Name", "Role", *[p.capitalize() for p in PHASES], "Answers within (h)", "Reachable"], "tiny_head")]
            for e in access.experts:
                rows.append([self.cell(e.name or "unnamed"), self.cell(e.role)]
                            + [_days(e.hours.get(p)) for p in PHASES]
                            + [_days(e.response_hours), "yes" if e.reachable else "no"])
            widths = [38 * mm, WIDTH - 38 * mm - 4 * 19 * mm - 20 * mm - 17 * mm] + [19 * mm] * 4 + [20 * mm, 17 * mm]
            self.add(self.p("Hours per week and phase", "h2"),
                     self.table(rows, widths, style=[("ALIGN", (2, 0), (-1, -1), "RIGHT")]))
        else:
            self.add(self.p("No domain experts named yet."))
        self.add(self.p("Escalation path for unanswered data questions", "h2"))
        if access.escalation_path.strip():
            self.add(self.p(markup(access.escalation_path)))
        else:
            self.add(self.p('<font color="#b91c1c"><b>OPEN</b></font> – not agreed yet.'))
        self.findings("experts")

    def data_agreement(self) -> None:
        info = self.r.catalogue.data_agreement
        values = self.r.plan.data_agreement.model_dump()
        self.section_intro("data_agreement")
        rows = [self.head(["Item", "Agreed"])]
        for field, label in info.labels.items():
            value = str(values.get(field) or "")
            if value.strip():
                shown = self.cell(value)
            elif field in info.mandatory:
                shown = self.open_cell()
            else:
                shown = "–"
            rows.append([self.cell(label + (" *" if field in info.mandatory else ""), "cell_head"), shown])
        self.add(self.table(rows, [60 * mm, WIDTH - 60 * mm]),
                 self.p("* must be agreed before the first delivery. Study: " + markup("; ".join(info.citations)), "cite"))
        self.findings("data_agreement")

    def monitoring(self) -> None:
        items = self.r.plan.monitoring
        self.section_intro("monitoring")
        if items:
            rows = [self.head(["Item", "Effort (person-days/month)", f"Cost / month ({self.r.plan.currency})", "Owner", "Feedback path to the model team"])]
            for m in items:
                rows.append([self.cell(m.item or "unnamed"), _days(m.effort_days_per_month),
                             "–" if m.cost_per_month is None else f"{m.cost_per_month:,.2f}",
                             self.cell(m.owner) if m.owner.strip() else self.open_cell(), self.cell(m.feedback_path)])
            effort, cost = monitoring_costs(self.r.plan)
            rows.append([self.cell("Total", "cell_head"), f"{effort:g}", "–" if cost is None else f"{cost:,.2f}", "", ""])
            widths = [40 * mm, 20 * mm, 22 * mm, 32 * mm, WIDTH - 114 * mm]
            self.add(self.table(rows, widths, style=[("ALIGN", (1, 0), (2, -1), "RIGHT"), ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK),
                                                 ("FONTNAME", (0, -1), (-1, -1), FONT_BOLD)]))
            self.add(self.p(f"That is about {effort * 12:g} person-days a year for running the model in production.", "cite"))
        else:
            self.add(self.p("No monitoring is budgeted yet."))
        self.findings("monitoring")

    def raci(self) -> None:
        plan = self.r.plan
        self.section_intro("raci")
        self.add(self.p("<b>R</b> responsible (does the work) · <b>A</b> accountable (exactly one per activity) · "
                        "<b>C</b> consulted · <b>I</b> informed · <b>A/R</b> both.", "cite"))
        roles = list(plan.roles)
        if not plan.raci:
            self.add(self.p("The matrix is empty."))
        else:
            chunks = [roles[i:i + RACI_ROLES_PER_TABLE] for i in range(0, len(roles), RACI_ROLES_PER_TABLE)] or [[]]
            for number, chunk in enumerate(chunks, start=1):
                if len(chunks) > 1:
                    first = (number - 1) * RACI_ROLES_PER_TABLE + 1
                    self.add(self.p(f"Roles {first}–{first + len(chunk) - 1} of {len(roles)}", "h3"))
                self.add(self._raci_table(chunk))
        marked = [r for r in roles if r.external or r.lacks_capability]
        if marked:
            self.add(self.p("Roles marked in the header: <i>external</i> sits in another organisation; <i>not staffed</i> "
                            "means the team said this role is missing.", "cite"))
        self.findings("raci")

    def _raci_table(self, roles) -> Table:
        n = len(roles)
        role_w = min(24 * mm, (WIDTH - 55 * mm) / n) if n else 0
        widths = [WIDTH - role_w * n] + [role_w] * n
        header = [Paragraph("<b>Activity</b>", self.s["tiny"])]
        for role in roles:
            notes = [w for w, on in (("external", role.external), ("not staffed", role.lacks_capability)) if on]
            extra = f"<br/><i>({', '.join(notes)})</i>" if notes else ""
            header.append(Paragraph(f"<b>{markup(role.name, 300)}</b>{extra}", self.s["tiny_head"]))
        rows = [header]
        accountable = []
        for index, row in enumerate(self.r.plan.raci, start=1):
            line = [Paragraph(markup(row.activity), self.s["tiny"])]
            for role in roles:
                value = row.cells.get(role.name, "")
                line.append(value if value in RACI_VALUES else Paragraph(markup(value, 200), self.s["tiny"]))
                if value in ("A", "A/R"):
                    accountable.append(("FONTNAME", (len(line) - 1, index), (len(line) - 1, index), FONT_BOLD))
            rows.append(line)
        style = [("FONTSIZE", (0, 0), (-1, -1), 7), ("ALIGN", (1, 1), (-1, -1), "CENTER"),
                 ("GRID", (0, 0), (-1, -1), 0.25, RULE), ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                 ("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("VALIGN", (0, 0), (-1, 0), "BOTTOM")]
        return self.table(rows, widths, style=style + accountable)

    def qualities(self) -> None:
        items = self.r.plan.qualities
        self.section_intro("qualities")
        if items:
            rows = [self.head(["Quality", "Target or decision"])]
            for q in items:
                if q.target.strip():
                    decision = self.cell(q.target)
                elif q.not_needed:
                    decision = self.cell(f"not needed: {q.reason}" if q.reason.strip() else "not needed (no reason given)")
                else:
                    decision = self.open_cell()
                rows.append([self.cell(q.name or "unnamed", "cell_head"), decision])
            self.add(self.table(rows, [50 * mm, WIDTH - 50 * mm]))
        else:
            self.add(self.p("No qualities listed."))
        self.findings("qualities")

    def glossary(self) -> None:
        items = self.r.plan.glossary
        self.section_intro("glossary")
        if items:
            rows = [self.head(["Term", "Agreed meaning", "How it gets misread"])]
            rows += [[self.cell(g.term, "cell_head"), self.cell(g.meaning), self.cell(g.pitfall)] for g in items]
            self.add(self.table(rows, [32 * mm, (WIDTH - 32 * mm) / 2, (WIDTH - 32 * mm) / 2]))
        else:
            self.add(self.p("No terms yet."))
        self.findings("glossary")

    def workshop(self) -> None:
        agenda, decisions, parked = self.r.workshop_items()
        if not (agenda or decisions or parked):
            return
        self.heading("Kickoff workshop")
        self.add(self.p("The agenda the team worked through, the decisions it took and the questions it parked.", "explain"))
        if agenda:
            rows = [self.head(["#", "Topic", "Minutes", "Study"])]
            rows += [[str(i), self.cell(a.topic), _days(a.minutes), self.cell(a.citation)] for i, a in enumerate(agenda, 1)]
            rows.append(["", self.cell("Total", "cell_head"), f"{sum(a.minutes or 0 for a in agenda):g}", ""])
            self.add(self.p("Agenda", "h2"), self.table(rows, [8 * mm, WIDTH - 78 * mm, 20 * mm, 50 * mm],
                                                        style=[("ALIGN", (2, 0), (2, -1), "RIGHT")]))
        self.add(self.p("Decision log", "h2"))
        if decisions:
            rows = [self.head(["Topic", "Decision", "Owner", "Date"])]
            rows += [[self.cell(d.topic), self.cell(d.decision), self.cell(d.owner), self.cell(d.decided_on)] for d in decisions]
            self.add(self.table(rows, [38 * mm, WIDTH - 100 * mm, 36 * mm, 26 * mm]))
        else:
            self.add(self.p("No decisions recorded."))
        self.add(self.p("Parking lot", "h2"))
        if parked:
            rows = [self.head(["Question", "Owner", "Due"])]
            rows += [[self.cell(x.question), self.cell(x.owner) if x.owner.strip() else self.open_cell(), self.cell(x.due)]
                     for x in parked]
            self.add(self.table(rows, [WIDTH - 62 * mm, 36 * mm, 26 * mm]))
        else:
            self.add(self.p("Nothing parked."))

    def open_points(self) -> None:
        self.add(PageBreak())
        self.heading("Open questions")
        findings = self.r.open_points()
        if not findings:
            self.add(self.p("No errors, warnings or open questions in the plan."))
        else:
            rows = [self.head(["Level", "Section", "What is open", "Study", "Owner", "Due"])]
            for f in findings:
                rows.append([self.cell(f.level), self.cell(self.section_title(f.section)), self.cell(f.message),
                             self.cell(f.citation), "", ""])
            self.add(self.table(rows, [16 * mm, 32 * mm, WIDTH - 108 * mm, 20 * mm, 24 * mm, 16 * mm],
                            style=[("LINEBEFORE", (4, 0), (5, -1), 0.25, RULE)]),
                     self.p("Owner and due date are filled in at the kickoff.", "cite"))
        unanswered = [q for p in self.r.assessment.points for q in p.unanswered]
        if unanswered:
            self.add(self.p(f"{len(unanswered)} questionnaire questions are not answered yet "
                            f"({markup(', '.join(unanswered[:40]))}{' …' if len(unanswered) > 40 else ''}).", "cite"))

    def sign_off(self) -> None:
        title = "Sign-off"
        roles = [role.name for role in self.r.plan.roles if role.name.strip()] or ["", "", "", ""]
        rows = [self.head(["Role", "Name", "Signature", "Date"])]
        rows += [[self.cell(role), "", "", ""] for role in roles]
        self.add(KeepTogether([
            _Heading(title, self.s["h2"], title, 1),
            self.p("By signing, each role agrees to the plan as the starting point of the project, including its "
                   "buffers and open questions. Open questions get an owner and a date at the kickoff; the plan is "
                   "revised when the answers or the setup change.", "explain"),
            self.table(rows, [45 * mm, 45 * mm, WIDTH - 120 * mm, 30 * mm], zebra=False,
                   style=[("TOPPADDING", (0, 1), (-1, -1), 9), ("BOTTOMPADDING", (0, 1), (-1, -1), 9),
                          ("GRID", (0, 0), (-1, -1), 0.4, RULE)]),
        ]))

    def client_appendix(self) -> None:
        if not self.r.cards:
            return
        self.add(PageBreak())
        self.heading("For the client: what ML can and cannot promise")
        self.add(self.p("Short explanations for clients, product owners and managers. Each was selected because of "
                        "an answer in this project; the answers are named under each card.", "explain"))
        for fired in self.r.cards:
            card = fired.card
            because = "; ".join(self.r.content.questions[q].text for q in fired.questions if q in self.r.content.questions)
            self.add(KeepTogether([
                self.p(markup(card.title), "h2"),
                self.p(markup(card.body)),
                self.p(f"<b>Remember:</b> {markup(card.takeaway)}"),
                self.p(f"Because of: {markup(because)} · Study: {markup('; '.join(card.citations))}", "cite"),
            ]))

    def appendix(self) -> None:
        self.add(PageBreak())
        self.heading("Appendix: answers")
        if not self.r.answer_lines:
            self.add(self.p("No questions answered yet."))
        section = None
        for line in self.r.answer_lines:
            if line.section != section:
                section = line.section
                self.heading(section, level=1)
            self.add(self.p(markup(line.question), "answer_q"), self.p(markup(line.answer), "answer"))
            if line.citations:
                self.add(self.p(markup(line.citations), "answer_cite"))
        self.heading("Study reference", level=1)
        self.add(self.p(markup(study.REFERENCE)))


# -- charts ---------------------------------------------------------------------------------------------------

def _risk_chart(report: PlanReport) -> Drawing:
    titles = {p.id: p.title for p in report.content.kb.collaboration_points}
    points = list(reversed(report.assessment.points))  # the chart draws the first category at the bottom
    n = max(len(points), 1)
    drawing = Drawing(WIDTH, 36 + 34 * n)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 150, 22, WIDTH - 215, 34 * n
    chart.data = [[p.score or 0 for p in points] or [0]]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 25
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = RULE
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.categoryAxis.categoryNames = ["\n".join(textwrap.wrap(_one_line(titles.get(p.id, p.id), 120), 26)) for p in points] or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -6
    chart.categoryAxis.labels.leading = 9.5
    chart.barWidth = 14
    chart.groupSpacing = 14
    chart.bars.strokeColor = None
    for i, p in enumerate(points):
        chart.bars[(0, i)].fillColor = LEVEL_COLOURS.get(p.level, LEVEL_COLOURS["unknown"])
    drawing.add(chart)
    scale = chart.width / 100
    for i, p in enumerate(points):
        y = chart.y + (i + 0.5) * chart.height / n
        if p.low is not None and p.high is not None:
            x0, x1 = chart.x + p.low * scale, chart.x + p.high * scale
            drawing.add(Line(x0, y, x1, y, strokeColor=colors.black, strokeWidth=1.2))
            drawing.add(Line(x0, y - 5, x0, y + 5, strokeColor=colors.black, strokeWidth=1.2))
            drawing.add(Line(x1, y - 5, x1, y + 5, strokeColor=colors.black, strokeWidth=1.2))
        label = "no answers" if p.score is None else f"{p.score:.0f} · {point_level(p.score)}"
        drawing.add(String(chart.x + chart.width + 8, y - 3, label, fontName=FONT_BOLD, fontSize=8.5, fillColor=INK))
    drawing.add(String(chart.x + chart.width / 2, 2, "score (0–100)", fontName=FONT, fontSize=7.5, fillColor=MUTED,
                       textAnchor="middle"))
    return drawing


def _nice_step(span: float) -> float:
    raw = span / 6
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


def _duration_chart(totals, summary) -> Drawing:
    """Histogram and cumulative probability of the simulated total duration, P50/P80/P95 and the target marked."""
    values = np.asarray(totals, dtype=float)
    curve = np.percentile(values, np.arange(0, 101))
    low, high = float(curve[0]), float(curve[-1])
    if summary.target_days is not None:
        low, high = min(low, summary.target_days), max(high, summary.target_days)
    if high - low < 1:
        low, high = low - 1, high + 1
    step = _nice_step(high - low)
    low, high = math.floor(low / step) * step, math.ceil(high / step) * step
    hist_h, gap = 70, 22
    drawing = Drawing(WIDTH, 215 + hist_h + gap)
    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 45, 35, WIDTH - 70, 150
    plot.data = [[(float(x), float(y)) for x, y in zip(curve, range(101), strict=True)]]
    plot.lines[0].strokeColor = colors.HexColor("#1d4ed8")
    plot.lines[0].strokeWidth = 1.8
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax, plot.xValueAxis.valueStep = low, high, step
    plot.yValueAxis.valueMin, plot.yValueAxis.valueMax, plot.yValueAxis.valueStep = 0, 100, 20
    for axis in (plot.xValueAxis, plot.yValueAxis):
        axis.labels.fontName = FONT
        axis.labels.fontSize = 7.5
        axis.visibleGrid = 1
        axis.gridStrokeColor = RULE
        axis.gridStrokeWidth = 0.4
    plot.xValueAxis.labelTextFormat = lambda v: f"{v:g}"
    plot.yValueAxis.labelTextFormat = lambda v: f"{v:g}%"
    drawing.add(plot)

    def x_of(days: float) -> float:
        return plot.x + (days - low) / (high - low) * plot.width

    # Histogram panel above the cumulative curve, on the same day axis.
    base = plot.y + plot.height + gap
    bins = histogram(values, bins=HISTOGRAM_BINS)
    tallest = max((b["count"] for b in bins), default=0) or 1
    drawing.add(Line(plot.x, base, plot.x + plot.width, base, strokeColor=MUTED, strokeWidth=0.5))
    for b in bins:
        x0, x1 = x_of(b["start"]), x_of(b["end"])
        height = b["count"] / tallest * hist_h
        if height > 0:
            drawing.add(Rect(x0, base, max(x1 - x0 - 0.6, 0.4), height, fillColor=colors.HexColor("#93c5fd"),
                             strokeColor=None))
    drawing.add(String(plot.x - 4, base + hist_h - 8, "runs", fontName=FONT, fontSize=7.5, fillColor=MUTED,
                       textAnchor="end"))

    marks = [("P50", summary.p50, colors.HexColor("#374151")), ("P80", summary.p80, colors.HexColor("#b45309")),
             ("P95", summary.p95, colors.HexColor("#b91c1c"))]
    for i, (name, days, colour) in enumerate(marks):
        x = x_of(days)
        for y0, y1 in ((plot.y, plot.y + plot.height), (base, base + hist_h)):
            drawing.add(Line(x, y0, x, y1, strokeColor=colour, strokeWidth=0.9, strokeDashArray=[3, 2]))
        drawing.add(String(x + 2, plot.y + 4 + 10 * (2 - i),
                           f"{name} {days:.1f} d", fontName=FONT, fontSize=7.5, fillColor=colour))
    if summary.target_days is not None:
        x = x_of(summary.target_days)
        drawing.add(Line(x, plot.y, x, base + hist_h, strokeColor=colors.HexColor("#15803d"), strokeWidth=1.4))
        drawing.add(String(x - 3, plot.y + plot.height - 12, f"target {summary.target_days:g} d: {_pct(summary.probability_on_time)}",
                           fontName=FONT_BOLD, fontSize=7.5, fillColor=colors.HexColor("#15803d"), textAnchor="end"))
    drawing.add(String(plot.x + plot.width / 2, 8, "total duration (working days)", fontName=FONT, fontSize=7.5, fillColor=MUTED,
                       textAnchor="middle"))
    drawing.add(String(plot.x, base + hist_h + 8, "How often each total came up in the simulated runs", fontName=FONT_BOLD,
                       fontSize=8, fillColor=INK))
    drawing.add(String(plot.x, plot.y + plot.height + 6, "Probability of finishing within x working days", fontName=FONT_BOLD,
                       fontSize=8, fillColor=INK))
    return drawing
