"""The PDF's tables: plain cells share one text object per drawn part, in the cells' order (render.pdf_table)."""

from io import BytesIO

from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate

from planner.render.pdf_text import Paragraph, register_fonts, styles
from planner.render.plan_pdf import _table


def _build(rows, widths, monkeypatch=None) -> tuple[bytes, list]:
    register_fonts()
    texts = []
    if monkeypatch is not None:
        original = Canvas.drawText
        monkeypatch.setattr(Canvas, "drawText", lambda self, t: texts.append(t) or original(self, t))
    buffer = BytesIO()
    SimpleDocTemplate(buffer).build([_table(rows, widths)])
    return buffer.getvalue(), texts


def test_plain_cells_share_a_text_object_per_page(monkeypatch):
    rows = [["Activity", *[f"R{j}" for j in range(12)]]] + [[f"Task {i}", *("RACI"[(i + j) % 4] for j in range(12))] for i in range(300)]
    pdf, texts = _build(rows, [80] + [30] * 12, monkeypatch)
    pages = len(PdfReader(BytesIO(pdf)).pages)
    assert pages > 3
    assert len(texts) <= 2 * pages  # reportlab drew one text object per cell: 3,900 here
    assert "Task 299" in PdfReader(BytesIO(pdf)).pages[-1].extract_text()


def test_cells_keep_their_reading_order_around_paragraph_cells():
    cell = styles()["cell"]
    rows = [["Term", "Status", "Note"], ["alpha", Paragraph("<b>OPEN</b>", cell), "first"], ["beta", "agreed", Paragraph("second", cell)]]
    pdf, _ = _build(rows, [120, 120, 120])
    text = " ".join(PdfReader(BytesIO(pdf)).pages[0].extract_text().split())
    assert text.index("alpha") < text.index("OPEN") < text.index("first") < text.index("beta") < text.index("agreed") < text.index("second")
