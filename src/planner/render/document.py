"""The kickoff document as plain data, built once (render.outline) and walked by the PDF, Markdown and Word writers.

No format lives here: a block says what it is (a heading, a note, a table whose second column holds numbers,
an OPEN cell), never how it looks. Every string is plain text - user text or the planner's copy - and each writer
makes it literal in its own format. Widths (mm on an A4 page) and page breaks are hints for the paged formats.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal


@dataclass(frozen=True)
class Run:
    """A piece of inline text; a writer shows `text` literally, with the emphasis asked for."""

    text: str
    bold: bool = False
    italic: bool = False
    muted: bool = False  # de-emphasised, e.g. a citation after the sentence it belongs to
    open: bool = False  # an OPEN marker: something the team still has to agree


Inline = tuple[Run, ...]
OPEN = Run("OPEN", bold=True, open=True)  # render.outline makes it in the document's language; writers show its text


def inline(*parts: str | Run) -> Inline:
    """Runs from strings (plain) and Runs, empty strings dropped."""
    return tuple(p if isinstance(p, Run) else Run(p) for p in parts if (p.text if isinstance(p, Run) else p))


def plain(value: str | Inline) -> str:
    """The text of a string or of inline runs."""
    return value if isinstance(value, str) else "".join(r.text for r in value)


@dataclass(frozen=True)
class Title:
    """The cover title and the project it is for."""

    title: str
    subtitle: str


@dataclass(frozen=True)
class Heading:
    """Level 1 a section, 2 a part of it, 3 a small heading. `outline`: listed in the PDF's bookmarks."""

    text: Inline
    level: int = 1
    outline: bool = True


ParagraphRole = Literal["body", "explain", "note", "project"]


@dataclass(frozen=True)
class Paragraph:
    """`explain` says what a section is for; `note` is small print (a citation, a legend); `project` the project description."""

    text: Inline
    role: ParagraphRole = "body"


@dataclass(frozen=True)
class BulletList:
    """`marker` names the kind of item: "" a plain bullet, "trigger" an answer that raises a risk, "helps" a mitigation."""

    items: tuple[Inline, ...]
    marker: str = ""
    nested: bool = False  # under the heading just before, indented further


@dataclass(frozen=True)
class Answer:
    """One answered question in the appendix."""

    question: str
    answer: str
    citations: str


ColumnRole = Literal["text", "key", "number", "mark", "blank"]


@dataclass(frozen=True)
class Column:
    """`text` wraps, `key` is a bold row label, `number` is right-aligned, `mark` a centred RACI letter, `blank` is
    filled in by pen (owner, signature). `width` in mm; None shares what the other columns leave."""

    label: str | Inline
    role: ColumnRole = "text"
    width: float | None = None


Cell = str | Inline  # an Inline with an OPEN run is an open cell


@dataclass(frozen=True)
class Table:
    """`header`: the first row is the column labels; `total`: the last row sums up the others; `form`: rows to be
    filled in by hand (tall, ruled); `small`: "header" for column labels in small print, "all" for a dense matrix; `bold_cells` (row, column) of the body
    to stress (the accountable role); `columns_per_part`: a page-width hint - print the matrix in parts of this many
    columns after the first."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    header: bool = True
    total: bool = False
    form: bool = False
    small: Literal["", "header", "all"] = ""
    zebra: bool = True
    bold_cells: frozenset[tuple[int, int]] = frozenset()
    columns_per_part: int | None = None
    part_label: str = "Columns {first}–{last} of {count}"  # over each part when there are several (already translated)


@dataclass(frozen=True)
class Figure:
    """A chart drawn from `data` (kind "risk", "duration" or "tornado"); `caption` explains it; `alt` says what it shows in words."""

    kind: str
    data: Any
    caption: str
    alt: str


@dataclass(frozen=True)
class Spacer:
    """Vertical space on a page (mm)."""

    height: float


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class KeepTogether:
    """Blocks that belong on one page."""

    blocks: tuple[Block, ...]


Block = Title | Heading | Paragraph | BulletList | Answer | Table | Figure | Spacer | PageBreak | KeepTogether


@dataclass(frozen=True)
class Document:
    title: str  # the file's title, "Kickoff plan: <project>"
    header: str  # the project name, for page headers
    subject: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    language: str = "en"  # planner.i18n.LANGUAGES: the PDF's /Lang and the Word file's language follow it


def walk(blocks) -> list:
    """Every block, KeepTogether groups opened up."""
    out = []
    for block in blocks:
        out.extend(walk(block.blocks) if isinstance(block, KeepTogether) else [block])
    return out
