"""The Risk page's chart of the collaboration points as plain HTML bars (no chart library, no browser bundle).

A Vega-Lite chart made a new session wait for the browser's chart bundle (~0.8 MB of JavaScript) before the
Risk page's first view was drawn (issue 16); these bars are drawn with the page's first message. Text is data:
every value is HTML-escaped. The bars are one image for a screen reader (role="img" and a label saying every value);
"The chart as a table" under it gives the same numbers as a table.
"""

from __future__ import annotations

import math
from html import escape

from ..i18n import ENGLISH, Translator
from .outline import LEVELS

# 3:1 or more on white (WCAG 1.4.11, tests/test_colour_contrast.py); the level is also written beside each bar
LEVEL_COLOURS = {"low": "#2e7d32", "medium": "#b58100", "high": "#e65100", "critical": "#c62828", "unknown": "#8a8a8a"}
INK, WHISKER, TRACK = "#263238", "#37474f", "#eceff1"


def _number(value) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def _clamp(value: float) -> float:
    return max(0.0, min(100.0, value))


def _level(level: str, t: Translator) -> str:
    return t._(LEVELS.get(level, level))


def _label(row: dict, t: Translator) -> str:
    score = _number(row["score"])
    return t._("no answers yet") if score is None else f"{t.fixed(score)} ({_level(row['level'], t)})"


def _bar(row: dict, t: Translator) -> str:
    score, low, high = _number(row["score"]), _number(row.get("low")), _number(row.get("high"))
    colour = LEVEL_COLOURS.get(row["level"], LEVEL_COLOURS["unknown"])
    width = _clamp(score or 0.0)
    whisker = ""
    if low is not None and high is not None:
        left, right = _clamp(min(low, high)), _clamp(max(low, high))
        whisker = (f'<div style="position:absolute;left:{left:.1f}%;width:{right - left:.1f}%;top:50%;height:2px;'
                   f'background:{WHISKER}"></div>')
    answered = t._("{share} answered").format(share=t.pct(row["completeness"]))
    return (f'<div style="display:flex;align-items:center;gap:12px;margin:6px 0">'
            f'<div style="flex:0 0 32%;font-size:14px;color:{INK}">{escape(str(row["title"]))}</div>'
            f'<div style="flex:1;position:relative;height:26px;background:{TRACK};border-radius:3px">'
            f'<div style="position:absolute;left:0;top:0;bottom:0;width:{width:.1f}%;background:{colour};border-radius:0 3px 3px 0">'
            f'</div>{whisker}</div>'
            f'<div style="flex:0 0 9.5em;font-size:13px;color:{INK}">{escape(_label(row, t))}'
            f'<br><span style="font-size:12px">{escape(answered)}</span></div></div>')


def point_bars_html(rows: list[dict], t: Translator = ENGLISH) -> str:
    """rows: title, score, low, high, level, completeness - one per collaboration point; the bars as one HTML block, its
    texts in `t`'s language."""
    said = "; ".join(f"{row['title']}: {_label(row, t)}" for row in rows)
    legend = " · ".join(f'<span style="color:{colour}">■</span> {escape(_level(level, t))}' for level, colour in LEVEL_COLOURS.items())
    label = t._("Risk score of each collaboration point (0-100): {scores}").format(scores=said)
    note = t._("Risk score (0-100); the line across a bar: its range if the open questions were answered. Level: {legend}")
    return (f'<div role="img" aria-label="{escape(label)}">' + "".join(_bar(row, t) for row in rows)
            + f'<div aria-hidden="true" style="font-size:12px;color:{INK};margin-top:4px">'
            + escape(note).replace("{legend}", legend) + "</div></div>")
