"""The kickoff plan as Markdown: the Document of render.outline, for wikis, tickets and diffs.

User text goes through `escape_markdown_file`, so markup in it shows literally; table cells keep their
line breaks as `<br>` (the only HTML this module writes, never taken from the user). Charts are left
out (their numbers are in the tables) and so are page hints.
"""

from __future__ import annotations

import re

from ..plan.report import PlanReport
from . import document as d
from .escape import escape_markdown_file as escape_markdown
from .escape import escape_markdown_inline
from .outline import plan_document


def _escaped(text: str, start: bool) -> str:
    """Escaped text; `start`: it begins a line, where block syntax (`# `, `1. `) has to be escaped too."""
    first, newline, rest = text.replace("\r\n", "\n").replace("\r", "\n").partition("\n")
    head = escape_markdown(first) if start else escape_markdown_inline(first)
    return head + ("  \n" + escape_markdown(rest) if newline else "")


def _emphasis(text: str, mark: str) -> str:
    """`mark` around the words only: "** x**" would not be emphasis."""
    body = text.strip()
    if not body:
        return text
    start = text.index(body[0])
    return f"{text[:start]}{mark}{body}{mark}{text[start + len(body):]}"


def inline(runs: d.Inline, *, emphasis: bool = True, start: bool = True) -> str:
    """Runs as Markdown; `start`: the first run begins a line."""
    out = []
    for n, run in enumerate(runs):
        if run.open:
            out.append(f"**{run.text}**" if emphasis else run.text)
            continue
        text = _escaped(run.text, start and n == 0)
        if emphasis and run.italic:
            text = _emphasis(text, "*")
        if emphasis and run.bold:
            text = _emphasis(text, "**")
        out.append(text)
    return "".join(out)


def _cell(value: d.Cell, bold: bool = False) -> str:
    if not isinstance(value, str):
        return inline(value, start=False)
    lines = [escape_markdown_inline(line) for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    text = "<br>".join(line for line in lines if line.strip())
    if not text:
        return ""
    return f"**{text}**" if bold and text != "–" else text


def _label(label: str | d.Inline) -> str:
    return escape_markdown_inline(" ".join(d.plain(label).split()))


def table(block: d.Table) -> list[str]:
    if not block.header:  # a key–value list: "- Key: value"
        return [f"- {_escaped(d.plain(row[0]), True)}: {'; '.join(_cell(v) for v in row[1:]).replace('<br>', '; ')}"
                for row in block.rows] + [""]
    roles = [c.role for c in block.columns]
    out = ["| " + " | ".join(_label(c.label) for c in block.columns) + " |",
           "| " + " | ".join("---:" if role == "number" else "---" for role in roles) + " |"]
    last = len(block.rows) - 1
    for r, row in enumerate(block.rows):
        bold = block.total and r == last
        out.append("| " + " | ".join(_cell(v, bold) for v in row) + " |")
    return out + [""]


def _heading_end(text: str) -> str:
    """A heading whose text ends in '#' (a project called "Team ##") would lose it as a closing sequence."""
    return re.sub(r"(?<!\\)(#+)(\s*)$", lambda m: "\\#" * len(m.group(1)) + m.group(2), text)


def blocks(items) -> list[str]:
    out: list[str] = []
    last_list = False
    for block in items:
        if isinstance(block, d.Title):
            out += [f"# {_heading_end(_escaped(block.title, True) + ': ' + _escaped(block.subtitle, False))}", ""]
        elif isinstance(block, d.Heading):
            if block.level <= 2:
                out += [f"{'#' * (block.level + 1)} {_heading_end(inline(block.text, emphasis=False))}", ""]
            elif any(run.bold for run in block.text):
                out += [inline(block.text), ""]
            else:
                out += [f"**{inline(block.text, emphasis=False)}**", ""]
        elif isinstance(block, d.Paragraph):
            out += [f"*{inline(block.text, emphasis=False)}*" if block.role == "explain" else inline(block.text), ""]
        elif isinstance(block, d.BulletList):
            if out and out[-1] == "" and last_list:
                out.pop()  # one list with the list just before
            out += [f"- {inline(item)}" for item in block.items] + [""]
        elif isinstance(block, d.Answer):
            out += [f"**{escape_markdown(block.question)}**  ", escape_markdown(block.answer) + ("  " if block.citations else "")]
            out += ([f"*{escape_markdown(block.citations)}*"] if block.citations else []) + [""]
        elif isinstance(block, d.Table):
            out += table(block)
        elif isinstance(block, d.KeepTogether):
            out += blocks(block.blocks)
        elif not isinstance(block, (d.Figure, d.Spacer, d.PageBreak)):
            raise TypeError(f"no Markdown for {type(block).__name__}")
        last_list = isinstance(block, d.BulletList)
    return out


def render_markdown(document: d.Document) -> str:
    return "\n".join(blocks(document.blocks)).rstrip() + "\n"


def plan_markdown(report: PlanReport) -> str:
    """The whole kickoff plan as one Markdown document."""
    return render_markdown(plan_document(report))
