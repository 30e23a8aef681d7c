"""A reportlab Table that draws its plain-string cells in one text object per table part (see render.plan_pdf).

reportlab draws every plain cell with canvas.drawString and friends: a text object of its own, with the font and
colour set again, per cell line. A 500-row RACI matrix has some 8,000 one-letter cells, and those text objects (with the TrueType encoding of each
letter, again) were a fifth of its PDF. Here consecutive plain cells share one text object, at the places reportlab
would put them (same alignment, padding, leading and valign arithmetic), and each distinct line is encoded once per
document. A cell drawn reportlab's way (a Paragraph; links, bidi direction, shaping, decimal alignment) first
ends the shared text object, so the content stream keeps the cells' order (text extraction, reading order).
"""

from __future__ import annotations

from types import SimpleNamespace

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Table, TableStyle
from reportlab.platypus.tables import CellStyle, _setCellStyle

_CELL_OPS = frozenset(("FONT", "FONTNAME", "FACE", "SIZE", "FONTSIZE", "LEADING", "TEXTCOLOR", "ALIGN", "ALIGNMENT", "VALIGN",
                       "LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING"))


def batched_table(rows: list[list], commands: list, **options) -> BatchedTable:
    """A BatchedTable of `rows` styled by `commands`, the commands that style every cell given as the cells' defaults.

    reportlab applies a style command to each cell of its range in turn: a dozen commands over a 500-row matrix set
    some 50,000 cell attributes. A command over the whole table that no earlier command on part of it overrides
    (a font, a size, the paddings) becomes a default of the table's cell style class instead - the same cell styles,
    set once. Every other command is applied by reportlab as before, in the same order."""
    defaults = SimpleNamespace()
    touched: set[str] = set()
    kept = []
    for command in commands:
        op = command[0]
        if op not in _CELL_OPS:
            kept.append(command)  # lines, backgrounds: kept apart from the cell styles by reportlab anyway
            continue
        probe = SimpleNamespace()
        _setCellStyle([[probe]], 0, 0, op, command[3:])
        names = set(vars(probe))
        if tuple(command[1]) == (0, 0) and tuple(command[2]) == (-1, -1) and not names & touched:
            vars(defaults).update(vars(probe))
        else:
            touched |= names
            kept.append(command)
    style_class = type("PlannerCellStyle", (CellStyle,), dict(vars(defaults)))
    columns = max(map(len, rows), default=0)
    cell_styles = [[style_class(repr((i, j))) for j in range(columns)] for i in range(len(rows))]
    table = BatchedTable(rows, cellStyles=cell_styles, **options)
    table.setStyle(TableStyle(kept))
    return table


class BatchedTable(Table):
    """A Table whose plain-string cells share one text object when the table (or a split part of it) is drawn,
    and whose rows of plain strings are measured once (`_measure_plain_rows`)."""

    def _calc(self, availWidth, availHeight):
        if not self.__dict__.get("_plain_rows_measured"):
            self._measure_plain_rows()
        return super()._calc(availWidth, availHeight)

    def _measure_plain_rows(self) -> None:
        """Give every row of plain strings its height, as reportlab's `_calc_height` measures it.

        reportlab measures the rows without a given height at each `_calc`, from the table's own arguments: at every
        page a long table is wrapped and split (measuring the page's rows twice), and the rest becomes a new table
        that starts again. A 500-row RACI matrix measured its rows some six times over. A plain cell's height depends
        only on its line count and style, so it is computed here once and kept in the row heights, which split
        parts inherit; rows with a flowable (a Paragraph) are left to reportlab."""
        self._plain_rows_measured = True
        heights = self._argH
        if not isinstance(heights, list) or self._spanCmds or self._minRowHeights or None not in heights:
            return
        for i, (values, styles) in enumerate(zip(self._cellvalues, self._cellStyles)):
            if heights[i] is not None:
                continue
            h = 0
            for v, s in zip(values, styles):
                if isinstance(v, (tuple, list)) or not (v is None or isinstance(v, str)):
                    break
                t = (s.leading or 1.2 * s.fontsize) * len((v is not None and str(v) or "").split("\n"))
                t += s.bottomPadding + s.topPadding
                if t > h:
                    h = t
            else:
                heights[i] = h

    def draw(self):
        self._batch = None
        self._batch_font = self._batch_colour = None
        try:
            super().draw()  # leaves the coordinates as they were: the flowable's own
            self._flush()
        finally:
            self._batch = False  # outside draw(), cells are drawn reportlab's way

    def _flush(self) -> None:
        batch = getattr(self, "_batch", False)
        if batch is not None and batch is not False:
            self.canv.drawText(batch)
            self._batch = None
            self._batch_font = self._batch_colour = None

    def _drawCell(self, cellval, cellstyle, pos, size):
        if (not isinstance(cellval, str) or getattr(cellval, "onDraw", None) or cellstyle.href or cellstyle.destination
                or cellstyle.direction or cellstyle.shaping or cellstyle.alignment not in ("LEFT", "CENTRE", "CENTER", "RIGHT")
                or cellstyle.valign not in ("TOP", "BOTTOM", "MIDDLE") or getattr(self, "_batch", False) is False):
            self._flush()  # what is batched so far comes first: the content stream keeps the cells' reading order
            if self.__dict__.get("_batch") is None:
                self._curcellstyle = None  # the canvas's font and colour are set again for this cell
            return super()._drawCell(cellval, cellstyle, pos, size)
        colpos, rowpos = pos
        colwidth, rowheight = size
        lines = cellval.split("\n")
        leading, fontsize = cellstyle.leading, cellstyle.fontsize
        if cellstyle.valign == "BOTTOM":
            y = rowpos + cellstyle.bottomPadding + len(lines) * leading - fontsize
        elif cellstyle.valign == "TOP":
            y = rowpos + rowheight - cellstyle.topPadding - fontsize
        else:
            y = rowpos + (cellstyle.bottomPadding + rowheight - cellstyle.topPadding + len(lines) * leading) / 2.0 - fontsize
        text = self._batch
        if text is None:
            text = self._batch = self.canv.beginText()
        font = (cellstyle.fontname, fontsize, leading)
        if font != self._batch_font:
            text.setFont(*font)
            self._batch_font = font
        if cellstyle.color != self._batch_colour:
            text.setFillColor(cellstyle.color)
            self._batch_colour = cellstyle.color
        for line in lines:
            if line:
                if cellstyle.alignment == "LEFT":
                    x = colpos + cellstyle.leftPadding
                else:
                    width = pdfmetrics.stringWidth(line, cellstyle.fontname, fontsize)
                    if cellstyle.alignment == "RIGHT":
                        x = colpos + colwidth - cellstyle.rightPadding - width
                    else:
                        x = colpos + (colwidth + cellstyle.leftPadding - cellstyle.rightPadding) * 0.5 - 0.5 * width
                text.setTextOrigin(x, y)
                self._text_out(text, line)
            y -= leading

    def _text_out(self, text, line: str) -> None:
        """`text.textOut(line)` without moving the cursor (each line is placed with setTextOrigin), with the
        TrueType encoding of each distinct line kept per document: the same few letters repeat thousands of times."""
        font = pdfmetrics.getFont(text._fontname)
        if not font._dynamicFont:
            text.textOut(line)
            return
        canvas = self.canv
        kept = canvas.__dict__.setdefault("_planner_cell_text", {})  # per canvas, i.e. per document (its subsets)
        pieces = kept.get((text._fontname, line))
        if pieces is None:
            pieces = kept[text._fontname, line] = tuple((subset, f"({canvas._escape(part)}) Tj")
                                                        for subset, part in font.splitString(line, canvas._doc))
        for subset, shown in pieces:
            if subset != text._curSubset:
                text._code.append(f"{font.getSubsetInternalName(subset, canvas._doc)} {fp_str(text._fontsize)} Tf "
                                  f"{fp_str(text._leading)} TL")
                text._curSubset = subset
            text._code.append(shown)
