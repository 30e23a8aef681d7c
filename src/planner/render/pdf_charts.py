"""The PDF's charts, drawn with reportlab.graphics from a Figure's data (see render.document.Figure)."""

from __future__ import annotations

import math
import textwrap

import numpy as np
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics

from ..assessment import point_level
from ..i18n import ENGLISH, Translator
from ..plan.montecarlo import histogram
from .pdf_text import FONT, FONT_BOLD, INK, LEVEL_COLOURS, MUTED, RULE, one_line

HISTOGRAM_BINS = 40
_LABEL_SIZE = 7.5


def _style_bars(chart: HorizontalBarChart, names: list[str], *, size: float, leading: float, bar: float, gap: float) -> None:
    """The look both horizontal bar charts share: a light value grid, category labels right-aligned left of the bars."""
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = RULE
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.categoryAxis.categoryNames = names
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = size
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -6
    chart.categoryAxis.labels.leading = leading
    chart.barWidth = bar
    chart.groupSpacing = gap
    chart.bars.strokeColor = None


def risk_chart(bars, width: float, t: Translator = ENGLISH) -> Drawing:
    """Bars of (title, score, low, high, level) per collaboration point, with the range as a black line."""
    points = list(reversed(bars))  # the chart draws the first category at the bottom
    n = max(len(points), 1)
    drawing = Drawing(width, 36 + 34 * n)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 150, 22, width - 215, 34 * n
    chart.data = [[score or 0 for _, score, *_ in points] or [0]]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 25
    _style_bars(chart, ["\n".join(textwrap.wrap(one_line(title, 120), 26)) for title, *_ in points] or [""],
                size=8, leading=9.5, bar=14, gap=14)
    for i, (*_, level) in enumerate(points):
        chart.bars[(0, i)].fillColor = LEVEL_COLOURS.get(level, LEVEL_COLOURS["unknown"])
    drawing.add(chart)
    scale = chart.width / 100
    for i, (_, score, low, high, _) in enumerate(points):
        y = chart.y + (i + 0.5) * chart.height / n
        if low is not None and high is not None:
            x0, x1 = chart.x + low * scale, chart.x + high * scale
            drawing.add(Line(x0, y, x1, y, strokeColor=colors.black, strokeWidth=1.2))
            drawing.add(Line(x0, y - 5, x0, y + 5, strokeColor=colors.black, strokeWidth=1.2))
            drawing.add(Line(x1, y - 5, x1, y + 5, strokeColor=colors.black, strokeWidth=1.2))
        label = t._("no answers") if score is None else f"{t.fixed(score)} · {_level(t, point_level(score))}"
        drawing.add(String(chart.x + chart.width + 8, y - 3, label, fontName=FONT_BOLD, fontSize=8.5, fillColor=INK))
    drawing.add(String(chart.x + chart.width / 2, 2, t._("score (0–100)"), fontName=FONT, fontSize=7.5, fillColor=MUTED,
                       textAnchor="middle"))
    return drawing


def _nice_step(span: float, parts: int = 6) -> float:
    raw = span / parts
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


def _place_labels(drawing: Drawing, labels, lines: list[float], left: float, right: float) -> None:
    """Draw each (x, y, text, font, colour) beside its line at x: on the right, else on the left, else beyond all marker lines
    with a dotted leader back to its own line, wherever no other marker line (or the plot's edge) crosses it; on a white
    box, so grid lines and the curve do not run through it."""
    for x, y, text, font, colour in labels:
        width = pdfmetrics.stringWidth(text, font, _LABEL_SIZE)
        far_right, far_left = max(lines) + 3, min(lines) - 3  # beyond every marker line when both sides of its own are taken
        spans = [(x + 3, x + 3 + width), (x - 3 - width, x - 3), (far_right, far_right + width), (far_left - width, far_left)]
        free = [s for s in spans if left <= s[0] and s[1] <= right and not any(s[0] - 1 <= other <= s[1] + 1 for other in lines)]
        x0, x1 = (free or spans)[0]
        if (x0, x1) not in spans[:2]:  # away from its own line: a thin leader in its colour says which line it names
            drawing.add(Line(x, y + 3, x0 - 1 if x0 > x else x1 + 1, y + 3, strokeColor=colour, strokeWidth=0.6,
                             strokeDashArray=[1, 1.5]))
        drawing.add(Rect(x0 - 1, y - 2, x1 - x0 + 2, _LABEL_SIZE + 2.5, fillColor=colors.white, strokeColor=None))
        drawing.add(String(x0, y, text, fontName=font, fontSize=_LABEL_SIZE, fillColor=colour))


def duration_chart(totals, summary, width: float, t: Translator = ENGLISH) -> Drawing:
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
    drawing = Drawing(width, 215 + hist_h + gap)
    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 45, 35, width - 70, 150
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
    plot.xValueAxis.labelTextFormat = t.g
    plot.yValueAxis.labelTextFormat = lambda v: t.pct(v / 100)
    drawing.add(plot)

    def x_of(days: float) -> float:
        return plot.x + (days - low) / (high - low) * plot.width

    # Histogram panel above the cumulative curve, on the same day axis, with its own count axis.
    base = plot.y + plot.height + gap
    bins = histogram(values, bins=HISTOGRAM_BINS)
    tallest = max((b["count"] for b in bins), default=0) or 1
    count_step = max(_nice_step(tallest, 2), 1)
    top = math.ceil(tallest / count_step) * count_step
    drawing.add(Line(plot.x, base, plot.x + plot.width, base, strokeColor=MUTED, strokeWidth=0.5))
    drawing.add(Line(plot.x, base, plot.x, base + hist_h, strokeColor=MUTED, strokeWidth=0.5))
    tick = 0.0
    while tick <= top:
        y = base + tick / top * hist_h
        drawing.add(Line(plot.x - 3, y, plot.x, y, strokeColor=MUTED, strokeWidth=0.5))
        drawing.add(String(plot.x - 5, y - 2.5, t.integer(tick), fontName=FONT, fontSize=7, fillColor=MUTED, textAnchor="end"))
        tick += count_step
    for b in bins:
        x0, x1 = x_of(b["start"]), x_of(b["end"])
        height = b["count"] / top * hist_h
        if height > 0:
            drawing.add(Rect(x0, base, max(x1 - x0 - 0.6, 0.4), height, fillColor=colors.HexColor("#93c5fd"), strokeColor=None))
    drawing.add(String(plot.x - 5, base + hist_h + 8, t._("runs"), fontName=FONT, fontSize=7.5, fillColor=MUTED, textAnchor="end"))

    marks = [("P50", summary.p50, colors.HexColor("#374151")), ("P80", summary.p80, colors.HexColor("#b45309")),
             ("P95", summary.p95, colors.HexColor("#b91c1c"))]
    lines, labels = [], []
    for i, (name, days, colour) in enumerate(marks):
        x = x_of(days)
        lines.append(x)
        for y0, y1 in ((plot.y, plot.y + plot.height), (base, base + hist_h)):
            drawing.add(Line(x, y0, x, y1, strokeColor=colour, strokeWidth=0.9, strokeDashArray=[3, 2]))
        labels.append((x, plot.y + 4 + 11 * (2 - i), t._("{name} {days} d").format(name=name, days=t.fixed(days)), FONT, colour))
    if summary.target_days is not None:
        x = x_of(summary.target_days)
        lines.append(x)
        green = colors.HexColor("#15803d")
        drawing.add(Line(x, plot.y, x, base + hist_h, strokeColor=green, strokeWidth=1.4))
        label = t._("target {days} d: {chance}").format(days=t.g(summary.target_days), chance=t.pct(summary.probability_on_time))
        labels.append((x, plot.y + plot.height - 12, label, FONT_BOLD, green))
    _place_labels(drawing, labels, lines, plot.x, plot.x + plot.width)
    drawing.add(String(plot.x + plot.width / 2, 8, t._("total duration (working days)"), fontName=FONT, fontSize=7.5, fillColor=MUTED,
                       textAnchor="middle"))
    drawing.add(String(plot.x + 4, base + hist_h + 8, t._("How often each total came up in the simulated runs"), fontName=FONT_BOLD,
                       fontSize=8, fillColor=INK))
    drawing.add(String(plot.x, plot.y + plot.height + 6, t._("Probability of finishing within x working days"), fontName=FONT_BOLD,
                       fontSize=8, fillColor=INK))
    return drawing


def _level(t: Translator, level: str) -> str:
    from .outline import LEVELS

    return t._(LEVELS[level]) if level in LEVELS else level


def tornado_chart(bars, width: float, t: Translator = ENGLISH) -> Drawing:
    """Sensitivity (tornado) chart: one horizontal bar per (label, days it adds to P80), largest at the top."""
    rows = list(reversed(list(bars))) or [("", 0.0)]  # the chart draws the first category at the bottom
    n = len(rows)
    row_h = 24
    drawing = Drawing(width, 34 + row_h * n)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 175, 22, width - 230, row_h * n
    chart.data = [[float(days) for _, days in rows]]
    biggest = max(days for _, days in rows)
    step = _nice_step(max(biggest, 1.0), 5)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, math.ceil(max(biggest, 1.0) / step) * step, step
    chart.valueAxis.labelTextFormat = t.g
    _style_bars(chart, ["\n".join(textwrap.wrap(one_line(label, 120), 34)[:2]) for label, _ in rows],
                size=7.5, leading=8.5, bar=12, gap=row_h - 12)
    chart.bars[0].fillColor = colors.HexColor("#b45309")  # the P80 colour of the duration chart
    drawing.add(chart)
    scale = chart.width / chart.valueAxis.valueMax
    for i, (_, days) in enumerate(rows):
        y = chart.y + (i + 0.5) * chart.height / n
        drawing.add(String(chart.x + days * scale + 5, y - 3, t._("+{days} d").format(days=t.fixed(days)), fontName=FONT_BOLD, fontSize=8, fillColor=INK))
    drawing.add(String(chart.x + chart.width / 2, 2, t._("working days added to P80"), fontName=FONT, fontSize=7.5, fillColor=MUTED,
                       textAnchor="middle"))
    return drawing
