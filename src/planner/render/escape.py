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


# What a terminal obeys instead of showing: C0 controls (ESC sequences, BEL, a lone CR) except tab and newline,
# DEL and the C1 controls U+0080-U+009F (U+009B starts a sequence like ESC [ does). CR LF line ends (CSV) stay.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")


def drop_control_characters(text: str) -> str:
    """Text safe to print: control characters a terminal would act on are removed (tab, newline, CR LF stay)."""
    return _CONTROL_CHARACTERS.sub("", text)


# GFM renderers (Streamlit's, GitHub's) link bare URLs, `www.` names and e-mail addresses they find in the text
# after escapes are resolved, so escaping cannot stop them. An invisible WORD JOINER where each pattern needs two
# characters side by side (`:` `//`, `www` `.`, the name before `@`) breaks the pattern; the text reads the same.
WORD_JOINER = "\u2060"
_AUTOLINK_JOINTS = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?<=[-.\w+])(?=@)", re.IGNORECASE | re.ASCII)


def break_autolinks(text: str) -> str:
    """Keep `https://…`, `www.…` and `name@host` from becoming links (a word joiner inside each)."""
    return _AUTOLINK_JOINTS.sub(WORD_JOINER, text)


def _shown(text) -> str:
    return break_autolinks(show_bidi_controls(str(text)))


def escape_markdown(text: str) -> str:
    """Escape Markdown so text shows literally (no markup, no links); newlines become Markdown line breaks."""
    escaped = _SPECIAL.sub(r"\\\1", _shown(text))
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "  \n")


# Inline characters that can start Markdown or HTML in a CommonMark/GFM file renderer: `&` only where it would begin
# an entity (`&amp;`, `&#35;`), `!` never (an image needs `[`, which is escaped).
_INLINE = re.compile(r"([\\`*_\[\]<>|~$]|&(?=#?[0-9A-Za-z]+;))")
# Line starts that open a block: headings, quotes, lists, thematic breaks, setext underlines, tables.
_BLOCK_START = re.compile(r"^([#>+=\-*]|\d{1,9}(?=[.)]))")


def escape_markdown_inline(text: str) -> str:
    """Escape one line of text for the middle of a Markdown line (after other text, in a table cell): no block rules."""
    return _INLINE.sub(r"\\\1", _shown(text).replace("\r", " ").replace("\n", " "))


def escape_markdown_file(text: str) -> str:
    """Escape text for a Markdown *file* (GitHub, wikis): inert like `escape_markdown` (no links either), but readable.

    Only characters that can open markup are escaped; leading blanks are dropped so no line becomes
    a code block; newlines become hard line breaks.
    """
    lines = _shown(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
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
