"""The kickoff plan as a PDF: the Document of render.outline laid out with reportlab platypus (DejaVu Sans).

User text is made literal in render.pdf_text (`markup`, `clean`). Paragraph styles keep reportlab's
`splitLongWords`, so a 10,000-character word wraps inside its cell, and tables split inside rows
(`splitInRow`), so a cell taller than a page flows on. Table cells given as plain strings are
pre-wrapped and drawn without markup parsing (the fast path of docs/performance.md); a matrix with
many columns prints in parts (Table.columns_per_part). Column labels never break inside a word when
the column can be widened: the columns share the page so each label's longest word fits.

Fonts ship in assets/fonts (nothing is downloaded). Page numbers "page X of Y" use a form XObject
for Y that is filled in when the canvas is saved, so the document is laid out in one pass.
"""

from __future__ import annotations

import re
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
from reportlab.platypus import KeepTogether as _KeepTogether
from reportlab.platypus import PageBreak as _PageBreak
from reportlab.platypus import Spacer as _Spacer

from ..i18n import Translator, translator, writing
from ..plan.model import RACI_VALUES
from ..plan.report import PlanReport
from . import document as d
from .outline import plan_document
from .pdf_charts import duration_chart, risk_chart, tornado_chart
from .pdf_lines import width_of
from .pdf_table import BatchedTable, batched_table
from .pdf_text import (CELL_LIMIT, FONT, FONT_BOLD, FONT_BOLD_ITALIC, FONT_ITALIC, HEAD_BG, INK, MAX_CELL_LINES, MAX_LINES, MUTED,
                       RULE, ZEBRA, Paragraph, clean, few_lines, fit, markup, one_line, register_fonts, styles, wrap_plain)

# names the tests and benchmarks import from here
_styles, _wrap_plain, _few_lines = styles, wrap_plain, few_lines
__all__ = ["CELL_LIMIT", "FONT", "MAX_LINES", "Paragraph", "build_pdf", "clean", "markup", "register_fonts", "render_pdf"]

PAGE_W, PAGE_H = A4
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 18 * mm, 20 * mm, 18 * mm
WIDTH = PAGE_W - 2 * MARGIN_X
MATRIX_FIRST_COLUMN = 55 * mm  # a matrix printed in parts keeps at least this for its row labels
_CELL_PADDING = 6  # LEFTPADDING + RIGHTPADDING in _table
_RUN_FONTS = {(False, False): FONT, (True, False): FONT_BOLD, (False, True): FONT_ITALIC, (True, True): FONT_BOLD_ITALIC}


class _Heading(Paragraph):
    """A heading that becomes a bookmark and an outline entry once it is placed."""

    def __init__(self, text: str, style, outline: str, level: int):
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
    def __init__(self, buffer, *, header: str, t: Translator, **kwargs):
        super().__init__(buffer, **kwargs)
        self.header = header
        self.t = t
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
            canvas.drawRightString(PAGE_W - MARGIN_X, top, self.t._("Kickoff plan"))
            canvas.drawString(MARGIN_X, top, fit(self.header, FONT, 7.5, WIDTH - 60))
            canvas.line(MARGIN_X, top - 3, PAGE_W - MARGIN_X, top - 3)
        bottom = MARGIN_BOTTOM - 9 * mm
        canvas.line(MARGIN_X, bottom + 9, PAGE_W - MARGIN_X, bottom + 9)
        canvas.setFont(FONT, 7.5)
        canvas.drawString(MARGIN_X, bottom, self.t._("ML kickoff planner · based on Nahar et al., ICSE 2022"))
        label = self.t._("page {number} of ").format(number=doc.page)
        x = PAGE_W - MARGIN_X - 20 - pdfmetrics.stringWidth(label, FONT, 7.5)
        canvas.drawString(x, bottom, label)
        canvas.translate(x + pdfmetrics.stringWidth(label, FONT, 7.5), bottom)
        canvas.doForm("pagecount")
        canvas.restoreState()


def build_pdf(report: PlanReport, *, invariant: bool = False) -> bytes:
    """The kickoff plan as PDF bytes. invariant=True: no timestamps or random ids, so equal input → equal bytes."""
    return render_pdf(plan_document(report), invariant=invariant)


def render_pdf(document: d.Document, *, invariant: bool = False) -> bytes:
    with writing(document.language):  # the notes the writer adds (a cut text) in the document's language
        return _render_pdf(document, invariant)


def _render_pdf(document: d.Document, invariant: bool) -> bytes:
    register_fonts()
    t = translator(document.language)
    _ = t._
    buffer = BytesIO()
    name = one_line(document.header, 200) or _("Untitled project")
    doc = _PlanDoc(
        buffer, header=name, t=t, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, title=_("Kickoff plan: {name}").format(name=name), author=_("ML kickoff planner"),
        subject=document.subject, creator=_("ML kickoff planner"), keywords=[_("kickoff plan"), _("machine learning"), "RACI"],
        invariant=1 if invariant else 0, initialFontName=FONT, displayDocTitle=True, lang=t.tag,  # as the Word file
    )
    doc.build(_Story(t).blocks(document.blocks), canvasmaker=_PageCountCanvas)
    return buffer.getvalue()


# -- inline text ----------------------------------------------------------------------------------------------

def runs_markup(runs: d.Inline, size: float = 9.5, wrap: float | None = None, limit: int = CELL_LIMIT) -> str:
    """Inline runs → Paragraph markup; `wrap`: pre-break each run to this width (column labels), at "-" or "/" first."""
    out = []
    for run in runs:
        if run.open:
            out.append(f'<font color="#b91c1c"><b>{escape(run.text)}</b></font>')
            continue
        text = clean(run.text, limit)
        if wrap is not None:
            font = _RUN_FONTS[(run.bold, run.italic)]
            text = "\n".join(wrap_plain(line, font, size, wrap) if line else "" for line in text.split("\n"))
        shown = escape_lines(text)
        if run.italic:
            shown = f"<i>{shown}</i>"
        if run.bold:
            shown = f"<b>{shown}</b>"
        if run.muted:
            shown = f'<font color="#6b7280" size="{min(8, size - 1):g}">{shown}</font>'
        out.append(shown)
    return "".join(out)


def escape_lines(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


def _pieces(label: str) -> list[str]:
    """The parts of a label that may not be broken: words, split after "-" and "/"."""
    return [p for word in label.split() for p in re.split(r"(?<=[-/])", word) if p]


# -- tables ---------------------------------------------------------------------------------------------------

def _table(rows: list[list], widths: list[float], *, header_rows: int = 1, style: list | None = None,
           zebra: bool = True) -> BatchedTable:
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
    return batched_table(rows, commands + (style or []), colWidths=widths, repeatRows=header_rows, splitInRow=1, splitByRow=1,
                         hAlign="LEFT")


def column_widths(table: d.Table, columns: tuple[d.Column, ...]) -> list[float]:
    """Points per column: fixed widths as given, the rest shared; then every column at least as wide as the longest
    unbreakable piece of its label, taken from the shared (else the widest) columns."""
    fixed = [c.width * mm if c.width is not None else None for c in columns]
    if table.columns_per_part and any(w is None for w in fixed):
        room = WIDTH - MATRIX_FIRST_COLUMN
        total = sum(w for w in fixed if w is not None)
        if total > room:
            fixed = [None if w is None else w * room / total for w in fixed]
    flexible = [i for i, w in enumerate(fixed) if w is None]
    rest = WIDTH - sum(w for w in fixed if w is not None)
    widths = [w if w is not None else rest / len(flexible) for w in fixed]
    if not table.header:
        return widths
    size = 7 if table.small else 8
    floors = [max(15 * mm, w / 2) for w in widths]  # a column gives up at most half its width, and keeps 15 mm
    for i, column in enumerate(columns):
        runs = (d.Run(column.label, bold=True),) if isinstance(column.label, str) else column.label
        need = max((pdfmetrics.stringWidth(p, _RUN_FONTS[(r.bold, r.italic)], size)
                    for r in runs for p in _pieces(clean(r.text, 300))), default=0) + _CELL_PADDING + 0.5
        donors = [j for j in (flexible or sorted(range(len(widths)), key=lambda j: -widths[j])[:1]) if j != i]
        while need > widths[i] and donors:
            donor = max(donors, key=lambda j: widths[j])
            give = min(need - widths[i], widths[donor] - floors[donor])
            if give <= 0:
                break
            widths[i] += give
            widths[donor] -= give
    return widths


class _Story:
    def __init__(self, t: Translator):
        self.t = t
        self.s = styles()
        self.out: list = []

    def p(self, text_markup: str, style: str = "body") -> Paragraph:
        return Paragraph(text_markup, self.s[style])

    def blocks(self, blocks) -> list:
        for block in blocks:
            self.out.extend(self.flowables(block))
        return self.out

    def flowables(self, block) -> list:
        if isinstance(block, d.Title):
            return [_Heading(escape_lines(clean(block.title, 300)), self.s["title"], self.t._("Cover"), 0),
                    self.p(markup(block.subtitle), "project")]
        if isinstance(block, d.Heading):
            style = {1: "h1", 2: "h2"}.get(block.level, "h3")
            text = runs_markup(block.text, self.s[style].fontSize, limit=300)
            if block.outline and block.level <= 2:
                return [_Heading(text, self.s[style], one_line(d.plain(block.text), 120) or "–", block.level - 1)]
            return [self.p(text, style)]
        if isinstance(block, d.Paragraph):
            style = {"explain": "explain", "note": "cite"}.get(block.role, "body")
            return [self.p(runs_markup(block.text, self.s[style].fontSize), style)]
        if isinstance(block, d.BulletList):
            style = "small_bullet" if block.nested else "bullet"
            items = [self.p(runs_markup(item, self.s[style].fontSize), style) for item in block.items]
            for item in items:
                item.bulletText = {"trigger": "▲", "helps": "✓"}.get(block.marker)
            return items
        if isinstance(block, d.Answer):
            out = [self.p(markup(block.question), "answer_q"), self.p(markup(block.answer), "answer")]
            return out + ([self.p(markup(block.citations), "answer_cite")] if block.citations else [])
        if isinstance(block, d.Table):
            return self.table(block)
        if isinstance(block, d.Figure):
            t = self.t
            charts = {"risk": lambda: risk_chart(block.data, WIDTH, t), "tornado": lambda: tornado_chart(block.data, WIDTH, t),
                      "duration": lambda: duration_chart(*block.data, WIDTH, t)}
            chart = charts[block.kind]()
            return [chart] + ([self.p(markup(block.caption), "cite")] if block.caption else [])
        if isinstance(block, d.Spacer):
            return [_Spacer(1, block.height * mm)]
        if isinstance(block, d.PageBreak):
            return [_PageBreak()]
        if isinstance(block, d.KeepTogether):
            return [_KeepTogether([f for b in block.blocks for f in self.flowables(b)])]
        raise TypeError(f"no PDF for {type(block).__name__}")

    def table(self, table: d.Table) -> list:
        n = len(table.columns)
        per = table.columns_per_part
        if not per or n - 1 <= per:
            return [self._table_part(table, list(range(n)))]
        out = []
        count = n - 1
        for start in range(1, n, per):
            part = list(range(start, min(start + per, n)))
            out.append(self.p(escape_lines(table.part_label.format(first=start, last=part[-1], count=count)), "h3"))
            out.append(self._table_part(table, [0, *part]))
        return out

    @staticmethod
    def _plain_label(value: str, font: str, width: float) -> str:
        """A dense matrix's row label as a plain pre-wrapped cell, broken as the "tiny" Paragraph would break it
        (spaces collapsed); "" when a word is wider than the cell, where the Paragraph fills the line first."""
        label = "\n".join(" ".join(part.split()) for part in clean(value).split("\n"))
        measure = width_of(font, 7)
        if any(measure(word) > width for word in label.split()):
            return ""
        return wrap_plain(label, font, 7, width)

    def _table_part(self, table: d.Table, keep: list[int]) -> BatchedTable:
        columns = tuple(table.columns[i] for i in keep)
        widths = column_widths(table, columns)
        small = table.small == "all"
        lines = MAX_LINES if not table.header else MAX_CELL_LINES
        extra, rows = [], []
        if table.header:
            head_style = "tiny_head" if table.small else "cell_head"
            size = self.s[head_style].fontSize
            head = []
            for c, column in enumerate(columns):
                if table.small or not isinstance(column.label, str):
                    runs = (d.Run(column.label, bold=True),) if isinstance(column.label, str) else column.label
                    head.append(self.p(runs_markup(runs, size, wrap=widths[c] - _CELL_PADDING, limit=300), head_style))
                else:
                    head.append(wrap_plain(few_lines(clean(column.label), lines), FONT_BOLD, 8, widths[c] - _CELL_PADDING))
            rows.append(head)
        offset = 1 if table.header else 0
        last = len(table.rows) - 1
        for r, source in enumerate(table.rows):
            line = []
            for c, i in enumerate(keep):
                value, role = source[i], columns[c].role
                bold = role == "key" or (table.total and r == last) or (r, i) in table.bold_cells
                if bold and isinstance(value, str):
                    extra.append(("FONTNAME", (c, r + offset), (c, r + offset), FONT_BOLD))
                if not isinstance(value, str):
                    line.append(self.p(runs_markup(value, 7 if small else 8), "tiny" if small else "cell"))
                elif small and role == "mark" and value not in ("", *RACI_VALUES):
                    line.append(self.p(markup(value, 200), "tiny"))
                elif small and role != "mark" and (label := self._plain_label(value, FONT_BOLD if bold else FONT, widths[c] - _CELL_PADDING)):
                    line.append(label)
                    extra.append(("LEADING", (c, r + offset), (c, r + offset), self.s["tiny"].leading))
                elif small and role != "mark":  # a word wider than its cell: a Paragraph breaks it where the line is full
                    line.append(self.p(markup(value), "tiny"))
                elif small:
                    line.append(value)
                else:
                    line.append(wrap_plain(few_lines(clean(value), lines), FONT_BOLD if bold else FONT, 8, widths[c] - _CELL_PADDING))
            rows.append(line)
        style = []
        for c, column in enumerate(columns):
            if column.role == "number":
                style.append(("ALIGN", (c, 0), (c, -1), "RIGHT"))
            elif column.role == "mark":
                style.append(("ALIGN", (c, offset), (c, -1), "CENTER"))
            elif column.role == "blank" and not table.form:
                style.append(("LINEBEFORE", (c, 0), (c, -1), 0.25, RULE))
        if table.total:
            style += [("LINEABOVE", (0, -1), (-1, -1), 0.8, INK), ("FONTNAME", (0, -1), (-1, -1), FONT_BOLD)]
        if table.form:
            style += [("TOPPADDING", (0, 1), (-1, -1), 9), ("BOTTOMPADDING", (0, 1), (-1, -1), 9), ("GRID", (0, 0), (-1, -1), 0.4, RULE)]
        if small:
            style += [("FONTSIZE", (0, 0), (-1, -1), 7), ("GRID", (0, 0), (-1, -1), 0.25, RULE), ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                      ("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("VALIGN", (0, 0), (-1, 0), "BOTTOM")]
        return _table(rows, widths, header_rows=offset, style=style + _column_runs(extra), zebra=table.zebra and not table.form)


def _column_runs(commands: list) -> list:
    """One-cell style commands (at most one per cell and command name) joined into one command per run of rows in a
    column with the same value: the same styles, fewer commands for reportlab to apply cell by cell."""
    runs: list = []
    for op, (c, r), _end, *values in sorted(commands, key=lambda cmd: (cmd[0], cmd[1][0], repr(cmd[3:]), cmd[1][1])):
        last = runs[-1] if runs else None
        if last and last[0] == op and last[1][0] == c and last[2][1] == r - 1 and list(last[3:]) == values:
            runs[-1] = (op, last[1], (c, r), *values)
        else:
            runs.append((op, (c, r), (c, r), *values))
    return runs
