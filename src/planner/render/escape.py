"""Make user text inert before it reaches Markdown renderers (Streamlit, exported .md)."""

from __future__ import annotations

import re

# Every ASCII punctuation character CommonMark lets us backslash-escape, plus Streamlit's
# own syntax (`:red[...]`, `$...$` LaTeX).
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&=\"'])")


# Bidirectional overrides and isolates can make "invoice\u202efdp.exe" display as "invoiceexe.pdf";
# shown text names them instead of obeying them (the stored text is unchanged).
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def show_bidi_controls(text: str) -> str:
    return _BIDI_CONTROLS.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def escape_markdown(text: str) -> str:
    """Escape Markdown so text shows literally; newlines become Markdown line breaks."""
    escaped = _SPECIAL.sub(r"\\\1", show_bidi_controls(str(text)))
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "  \n")


# Inline characters that can start Markdown or HTML in a CommonMark/GFM file renderer.
_INLINE = re.compile(r"([\\`*_\[\]<>|~$&!])")
# Line starts that open a block: headings, quotes, lists, thematic breaks, setext underlines, tables.
_BLOCK_START = re.compile(r"^([#>+=\-*]|\d{1,9}(?=[.)]))")


def escape_markdown_file(text: str) -> str:
    """Escape text for a Markdown *file* (GitHub, wikis): inert like `escape_markdown`, but readable.

    Only characters that can open markup are escaped; leading blanks are dropped so no line becomes
    a code block; newlines become hard line breaks.
    """
    lines = show_bidi_controls(str(text)).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out = []
    for line in lines:
        line = _INLINE.sub(r"\\\1", line.lstrip(" \t"))
        match = _BLOCK_START.match(line)
        if match and match.group(1).isdigit():
            line = line[:match.end()] + "\\" + line[match.end():]
        elif match:
            line = "\\" + line
        out.append(line)
    return "  \n".join(out)
