"""Answers as CSV for spreadsheets, with formula injection defused.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (and a leading tab or
carriage return can hide such a start), so those text cells get a leading apostrophe: the
spreadsheet shows the text and does not evaluate it. Numbers are written as numbers.
"""

from __future__ import annotations

import csv
import io

from ..answers import Answers, is_visible
from ..assessment import answer_label
from ..content import Content

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HEADER = ("section", "question_id", "question", "answer", "citations")


def sanitise_cell(value) -> str | int | float:
    """A CSV cell a spreadsheet shows as text: formula starts are neutralised; idempotent."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return value
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def answers_csv(content: Content, answers: Answers) -> str:
    """One row per answered, visible question; UTF-8 text with CRLF line ends (RFC 4180)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for section in content.sections:
        for q in section.questions:
            if q.id in answers and is_visible(q, answers):
                value = answers[q.id]
                shown = value if isinstance(value, (int, float)) and not isinstance(value, bool) else answer_label(q, value)
                writer.writerow([sanitise_cell(v) for v in
                                 (section.section.title, q.id, q.text, shown, "; ".join(q.citations))])
    return out.getvalue()
