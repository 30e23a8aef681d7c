"""Make user text inert before it reaches Markdown renderers (Streamlit, exported .md)."""

from __future__ import annotations

import re

# Every ASCII punctuation character CommonMark lets us backslash-escape, plus Streamlit's
# own syntax (`:red[...]`, `$...$` LaTeX).
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&=\"'])")


def escape_markdown(text: str) -> str:
    """Escape Markdown so text shows literally; newlines become Markdown line breaks."""
    escaped = _SPECIAL.sub(r"\\\1", str(text))
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "  \n")
