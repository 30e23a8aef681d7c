"""The kickoff plan as a Word file (.docx, python-docx): the Document of render.outline, editable.

Word's own styles carry the structure (Title, Heading 1-3, List Bullet / List Bullet 2, Caption, the table
style "Light Grid Accent 1"), so a team can restyle the file and edit every table. User text is set as run
text (python-docx escapes it for XML; Word never parses it as markup); characters XML cannot hold are
dropped, bidirectional controls are named, and texts are cut at the PDF's length. Charts are described in
words (their numbers are in the tables). invariant=True: fixed dates, so equal input gives equal bytes.
"""

from __future__ import annotations

import re
import zipfile
from datetime import datetime
from io import BytesIO

from docx import Document as _new_document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ..i18n import LANGUAGE_TAGS, translator, truncated, writing
from ..plan.report import PlanReport
from . import document as d
from .escape import show_bidi_controls
from .outline import plan_document

TEXT_LIMIT = 20_000  # as the PDF's CELL_LIMIT: a longer text is cut with a note
TABLE_STYLE = "Light Grid Accent 1"
TEXT_WIDTH_MM = 174  # A4 with 18 mm margins, as the PDF
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MUTED, _RED = RGBColor(0x6B, 0x72, 0x80), RGBColor(0xB9, 0x1C, 0x1C)
_FIXED = datetime(2000, 1, 1)


def clean(text) -> str:
    value = _NOT_XML.sub("", show_bidi_controls("" if text is None else str(text)).replace("\r\n", "\n").replace("\r", "\n"))
    return value if len(value) <= TEXT_LIMIT else truncated(value, TEXT_LIMIT)


def _add_text(paragraph, text: str, **style) -> None:
    """Text as runs, its line breaks as Word line breaks."""
    for n, line in enumerate(clean(text).replace("\t", " ").split("\n")):
        run = paragraph.add_run()
        if n:
            run.add_break()
        run.add_text(line)
        _style_run(run, **style)


def _style_run(run, bold=False, italic=False, muted=False, red=False) -> None:
    run.bold = bold or None
    run.italic = italic or None
    if muted or red:
        run.font.color.rgb = _RED if red else _MUTED


def _add_runs(paragraph, runs: d.Inline) -> None:
    for run in runs:
        if run.open:
            _add_text(paragraph, run.text, bold=True, red=True)
        else:
            _add_text(paragraph, run.text, bold=run.bold, italic=run.italic, muted=run.muted)


class _Writer:
    def __init__(self):
        self.doc = _new_document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(18)
        section.top_margin, section.bottom_margin = Mm(20), Mm(18)
        self.doc.styles["Normal"].font.size = Pt(10)
        caption = self.doc.styles["Caption"].font  # small print: notes and citations, grey rather than bold blue
        caption.bold, caption.size, caption.color.rgb = False, Pt(8.5), _MUTED

    def paragraph(self, runs: d.Inline | str, style: str | None = None, italic: bool = False):
        paragraph = self.doc.add_paragraph(style=style)
        if isinstance(runs, str):
            _add_text(paragraph, runs, italic=italic)
        else:
            _add_runs(paragraph, tuple(d.Run(r.text, r.bold, r.italic or italic, r.muted, r.open) for r in runs))
        return paragraph

    def blocks(self, blocks, keep: bool = False) -> None:
        for block in blocks:
            self.block(block, keep)

    def block(self, block, keep: bool = False) -> None:
        made = None
        if isinstance(block, d.Title):
            self.paragraph(block.title, "Title")
            made = self.paragraph(block.subtitle, "Subtitle")
        elif isinstance(block, d.Heading):
            made = self.paragraph(block.text, f"Heading {min(block.level, 3)}")
        elif isinstance(block, d.Paragraph):
            style = {"note": "Caption"}.get(block.role)
            made = self.paragraph(block.text, style, italic=block.role == "explain")
        elif isinstance(block, d.BulletList):
            for item in block.items:
                made = self.paragraph(item, "List Bullet 2" if block.nested else "List Bullet")
        elif isinstance(block, d.Answer):
            question = self.doc.add_paragraph()
            _add_text(question, block.question, bold=True)
            question.paragraph_format.keep_with_next = True
            made = self.paragraph(block.answer)
            if block.citations:
                made = self.paragraph(block.citations, "Caption")
        elif isinstance(block, d.Table):
            self.table(block)
        elif isinstance(block, d.Figure):
            made = self.paragraph(block.alt, "Caption", italic=True)
            if block.caption:
                made = self.paragraph(block.caption, "Caption")
        elif isinstance(block, d.PageBreak):
            self.doc.add_page_break()
        elif isinstance(block, d.KeepTogether):
            self.blocks(block.blocks, keep=True)
        elif not isinstance(block, d.Spacer):
            raise TypeError(f"no Word output for {type(block).__name__}")
        if made is not None and (keep or isinstance(block, d.Heading)):
            made.paragraph_format.keep_with_next = True

    def table(self, table: d.Table) -> None:
        n = len(table.columns)
        per = table.columns_per_part
        if not per or n - 1 <= per:
            return self._table_part(table, list(range(n)))
        for start in range(1, n, per):
            part = list(range(start, min(start + per, n)))
            self.paragraph(table.part_label.format(first=start, last=part[-1], count=n - 1), "Heading 3")
            self._table_part(table, [0, *part])

    def _table_part(self, table: d.Table, keep: list[int]) -> None:
        columns = [table.columns[i] for i in keep]
        body = [[row[i] for i in keep] for row in table.rows]
        grid = self.doc.add_table(rows=len(body) + (1 if table.header else 0), cols=len(columns))
        grid.style = self.doc.styles["Table Grid" if table.form or table.small == "all" else TABLE_STYLE]
        grid.alignment = WD_TABLE_ALIGNMENT.LEFT
        grid.autofit = False
        _plain_first_column(grid)
        widths = _widths(columns, matrix=bool(table.columns_per_part))
        for column, width in zip(grid.columns, widths, strict=True):
            column.width = width
        rows = grid.rows
        size = Pt(7 if table.small == "all" else 8)
        if table.header:
            _repeat_header(rows[0])
            for c, column in enumerate(columns):
                label = (d.Run(column.label, bold=True),) if isinstance(column.label, str) else column.label
                self._cell(rows[0].cells[c], label, column, widths[c], bold=True, size=size)
        offset = 1 if table.header else 0
        last = len(body) - 1
        for r, values in enumerate(body):
            cells = rows[r + offset].cells
            for c, value in enumerate(values):
                bold = columns[c].role == "key" or (table.total and r == last) or (r, keep[c]) in table.bold_cells
                self._cell(cells[c], value, columns[c], widths[c], bold=bold, size=size)
        self.doc.add_paragraph()

    def _cell(self, cell, value: d.Cell, column: d.Column, width, bold: bool, size) -> None:
        cell.width = width
        paragraph = cell.paragraphs[0]
        if isinstance(value, str):
            _add_text(paragraph, value, bold=bold)
        else:
            _add_runs(paragraph, tuple(d.Run(r.text, r.bold or bold, r.italic, r.muted, r.open) for r in value))
        for run in paragraph.runs:
            run.font.size = size
        if column.role == "number":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif column.role == "mark":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _widths(columns, matrix: bool = False) -> list:
    """Column widths as the PDF's: fixed mm, the rest shared; a matrix keeps 55 mm for its row labels."""
    room = TEXT_WIDTH_MM - 55
    fixed = sum(c.width or 0 for c in columns)
    if matrix and fixed > room:
        columns = [c if c.width is None else d.Column(c.label, c.role, c.width * room / fixed) for c in columns]
        fixed = room
    flexible = [c for c in columns if c.width is None]
    scale = min(1.0, TEXT_WIDTH_MM / fixed) if fixed and not flexible else 1.0
    rest = max(TEXT_WIDTH_MM - fixed, 20 * len(flexible)) / len(flexible) if flexible else 0
    total = fixed * scale + rest * len(flexible)
    shrink = min(1.0, TEXT_WIDTH_MM / total) if total else 1.0
    return [Mm(((c.width * scale) if c.width is not None else rest) * shrink) for c in columns]


def _plain_first_column(grid) -> None:
    """The table style's header row only: no bold first column, no banded columns (row labels are bold where they are keys)."""
    properties = grid._tbl.tblPr
    look = properties.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        properties.append(look)
    for name, value in (("firstRow", "1"), ("lastRow", "0"), ("firstColumn", "0"), ("lastColumn", "0"), ("noHBand", "0"),
                        ("noVBand", "1"), ("val", "04A0")):
        look.set(qn(f"w:{name}"), value)


def _repeat_header(row) -> None:
    """The header row repeats on every page the table runs over."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _fixed_zip(data: bytes) -> bytes:
    """The same package with fixed file dates (python-docx stamps the time of writing)."""
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0)), source.read(info.filename),
                            compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


LANGUAGE = LANGUAGE_TAGS["en"]  # the planner's texts are British English; a German document is de-DE


def _set_language(doc, language: str = LANGUAGE) -> None:
    """The document's language for screen readers and spelling: the file's properties and every style's default run."""
    doc.core_properties.language = language
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    run = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    properties = run.find(qn("w:rPr")) if run is not None else None
    if properties is None:
        return
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), language)


def render_docx(document: d.Document, *, invariant: bool = False) -> bytes:
    with writing(document.language):  # the notes the writer adds (a cut text) in the document's language
        return _render_docx(document, invariant)


def _render_docx(document: d.Document, invariant: bool) -> bytes:
    writer, t = _Writer(), translator(document.language)
    _set_language(writer.doc, t.tag)
    properties = writer.doc.core_properties
    properties.title, properties.subject = clean(document.title)[:250], document.subject
    properties.author = properties.last_modified_by = t._("ML kickoff planner")
    properties.keywords = ", ".join((t._("kickoff plan"), t._("machine learning"), "RACI"))
    if invariant:
        properties.created = properties.modified = _FIXED
        properties.revision = 1
    header = writer.doc.sections[0].header.paragraphs[0]
    _add_text(header, (t._("Kickoff plan") + " · " + document.header)[:200], muted=True)
    writer.blocks(document.blocks)
    buffer = BytesIO()
    writer.doc.save(buffer)
    return _fixed_zip(buffer.getvalue()) if invariant else buffer.getvalue()


def plan_docx(report: PlanReport, *, invariant: bool = False) -> bytes:
    """The kickoff plan as .docx bytes. invariant=True: no timestamps, so equal input → equal bytes."""
    return render_docx(plan_document(report), invariant=invariant)
