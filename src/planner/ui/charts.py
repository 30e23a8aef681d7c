"""Charts for the Plan, Workshop and Milestones pages, as plain Vega-Lite specs (Altair's validation is slow)."""

from __future__ import annotations

import textwrap

from ..i18n import ENGLISH, Translator
from ..render.point_bars import LEVEL_COLOURS


TORNADO_WRAP = 44  # characters per label line: a label over its bar stays within a 390 px phone screen


def tornado_spec(bars, t: Translator = ENGLISH) -> dict:
    """Vega-Lite spec of the sensitivity (tornado) chart: what each (label, days) driver adds to P80, largest on top;
    its texts in `t`'s language.

    Each driver's name sits above its bar (at most two lines, the last line just above the bar), so the bars keep the full
    width on a phone instead of sharing it with a column of long axis labels. A plain dict like duration_spec: building
    and validating the same chart with Altair cost ~0.2-0.5 s on every estimate edit (issue 16).
    """
    rows = []
    for n, (label, days) in enumerate(bars):
        lines = textwrap.wrap(label, TORNADO_WRAP, max_lines=2, placeholder="…") or [""]
        rows.append({"rank": n, "label": label, "upper": lines[0] if len(lines) == 2 else "", "lower": lines[-1],
                     "days": float(days), "shown": t._("+{days} d").format(days=t.fixed(days))})
    y = {"field": "rank", "type": "ordinal", "axis": None, "title": None}
    top = max([row["days"] for row in rows] + [1.0]) * 1.15  # room for the value after the longest bar
    x = {"field": "days", "type": "quantitative", "title": t._("Working days added to P80"), "scale": {"domain": [0, top], "nice": False},
         "axis": {"labelFontSize": 12, "titleFontSize": 12, "tickCount": 5}}
    tooltip = [{"field": "label", "type": "nominal", "title": t._("Risk driver")},
               {"field": "days", "type": "quantitative", "title": t._("Adds to P80 (working days)"), "format": ".1f"}]
    text = {"type": "text", "align": "left", "baseline": "bottom", "fontSize": 13, "color": "#263238"}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": rows},
        "height": {"step": 68 if any(row["upper"] for row in rows) else 52},
        "layer": [
            {"mark": {"type": "bar", "size": 16, "color": "#b45309", "cornerRadiusEnd": 3, "yOffset": 12},
             "encoding": {"x": x, "y": y, "tooltip": tooltip}},
            {"mark": {"type": "text", "align": "left", "dx": 5, "dy": 12, "fontSize": 12, "fontWeight": "bold", "color": "#263238"},
             "encoding": {"x": {"field": "days", "type": "quantitative"}, "y": y, "text": {"field": "shown", "type": "nominal"}}},
            {"mark": {**text, "dy": 0}, "encoding": {"x": {"datum": 0}, "y": y, "text": {"field": "lower", "type": "nominal"}}},
            {"mark": {**text, "dy": -16}, "encoding": {"x": {"datum": 0}, "y": y, "text": {"field": "upper", "type": "nominal"}}},
        ],
    }


def duration_spec(totals, target_days: float | None = None, t: Translator = ENGLISH) -> dict:
    """Vega-Lite spec: chance to finish within N days, with P50/P80/P95 and the target marked; its texts in `t`'s language.

    Written as a plain dict: Altair's validation of the same chart costs ~50 ms on every edit.
    """
    from ..plan.montecarlo import cumulative, summarise

    s = summarise(totals)
    marks = [{"days": round(v, 1), "label": label} for v, label in ((s.p50, "P50"), (s.p80, "P80"), (s.p95, "P95"))]
    if target_days is not None:
        marks.append({"days": target_days, "label": t._("target")})
    x = {"field": "days", "type": "quantitative", "title": t._("Total duration (working days)")}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "height": 260,
        "layer": [
            {"data": {"values": cumulative(totals)}, "mark": {"type": "line", "color": "#1f5f8b", "strokeWidth": 2.5},
             "encoding": {"x": x, "y": {"field": "probability", "type": "quantitative", "title": t._("Chance to finish within"),
                                        "axis": {"format": "%"}, "scale": {"domain": [0, 1]}},
                          "tooltip": [{"field": "days", "type": "quantitative", "format": ".0f"},
                                      {"field": "probability", "type": "quantitative", "format": ".0%"}]}},
            {"data": {"values": marks}, "mark": {"type": "rule", "strokeDash": [4, 3], "color": "#555"},
             "encoding": {"x": x, "tooltip": [{"field": "label"}, {"field": "days", "type": "quantitative"}]}},
            {"data": {"values": marks}, "mark": {"type": "text", "align": "left", "dx": 4, "y": 8, "fontSize": 11},
             "encoding": {"x": x, "text": {"field": "label"}}},
        ],
    }


ANSWER_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")  # Okabe-Ito: colour-blind safe
HEATMAP_WRAP = 40  # characters per line of a question title or answer label: whole on a 390 px phone


def _lines(text: str, width: int = HEATMAP_WRAP) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def divergence_heatmap_spec(results, large: bool = False, t: Translator = ENGLISH) -> dict | None:
    """Vega-Lite spec: per expectation question, one bar per role split by the answers its people gave, each answer
    option in its own colour with its label in the legend (None without answers). Stacked one question under the other,
    so nothing shares a row: it reads on a 390 px phone and, with `large`, on a projector at 1280×720.

    A plain dict like duration_spec: Altair's validation cost ~18 ms per facilitator rerun. Its texts in `t`'s language.
    """
    font = 18 if large else 12
    charts = []
    for d in results:
        if not d.roles:
            continue
        labels = [o.label for o in d.question.options]
        rows = [{"Question": d.question.text, "Role": role.role, "Answer": _lines(labels[rank]), "Answer in full": labels[rank],
                 "Rank": rank, "People": role.answers[o.value]}
                for role in d.roles for rank, o in enumerate(d.question.options) if role.answers.get(o.value)]
        shown = [_lines(label) for label in labels]
        charts.append({
            "title": {"text": _lines(d.question.text).split("\n"), "anchor": "start", "fontSize": font + 1, "offset": 6},
            "data": {"values": rows},
            "width": 600 if large else 210,
            "height": {"step": 34 if large else 24},
            "mark": {"type": "bar", "stroke": "white", "strokeWidth": 1},
            "encoding": {
                "y": {"field": "Role", "type": "nominal", "title": None, "sort": [r.role for r in d.roles],
                      "axis": {"labelLimit": 200 if large else 120, "labelFontSize": font, "labelColor": "#263238"}},
                "x": {"field": "People", "type": "quantitative", "stack": "normalize", "title": None,
                      "axis": {"format": "%", "tickCount": 4, "labelFontSize": font - 1, "grid": False}},
                "color": {"field": "Answer", "type": "nominal", "title": None,
                          "scale": {"domain": shown, "range": list(ANSWER_COLOURS[:len(shown)])},
                          # one legend per question, below its bars: the option labels, wrapped, never cut
                          "legend": {"orient": "bottom", "direction": "vertical", "columns": 1, "labelLimit": 0,
                                     "labelFontSize": font, "symbolType": "square", "symbolSize": font * 14,
                                     "rowPadding": 3, "labelColor": "#263238",
                                     "labelExpr": "split(datum.label, '\\n')"}},
                "order": {"field": "Rank", "type": "quantitative"},
                "tooltip": [{"field": "Question", "title": t._("Question")}, {"field": "Role", "title": t._("Role")},
                            {"field": "Answer in full", "title": t._("Answer")},
                            {"field": "People", "type": "quantitative", "title": t._("People")}],
            },
        })
    if not charts:
        return None
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "vconcat": charts,
        "spacing": 28,
        "resolve": {"scale": {"color": "independent", "y": "independent", "x": "independent"},
                    "legend": {"color": "independent"}},
        "config": {"view": {"stroke": None}},
    }
