"""A stand-in for GFM's literal autolinks (remark-gfm in Streamlit's browser code, cmark-gfm on GitHub), for tests.

GFM finds bare URLs, `www.` names and e-mail addresses in the *text* of a document, after escapes are resolved
(mdast-util-gfm-autolink-literal), so backslash escapes do not stop it. This follows those rules: markdown-it
(CommonMark) resolves the Markdown, then each run of text is searched with GFM's patterns and checks. Any
`scheme://` counts, wider than GFM's http(s) (cmark-gfm also links ftp://), so the stand-in errs towards links.
"""

from __future__ import annotations

import re
import unicodedata

from markdown_it import MarkdownIt

_URL = re.compile(r"([a-z][a-z0-9+.\-]*://|www(?=\.))([-.\w]+)([^ \t\r\n]*)", re.IGNORECASE | re.ASCII)
_EMAIL = re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)", re.ASCII)


def _after_boundary(text: str, index: int, email: bool = False) -> bool:
    """GFM's `previous`: a literal starts the text or follows whitespace or punctuation (an e-mail not a slash)."""
    if index == 0:
        return True
    char = text[index - 1]
    return (char.isspace() or unicodedata.category(char)[0] in "PS") and not (email and char == "/")


def _valid_domain(domain: str) -> bool:
    parts = domain.split(".")
    return len(parts) >= 2 and all(not part or ("_" not in part and re.search(r"[a-zA-Z\d]", part)) for part in parts[-2:])


def _literals(text: str) -> list[str]:
    found = []
    for pattern, is_email in ((_URL, False), (_EMAIL, True)):
        start = 0
        while match := pattern.search(text, start):
            if is_email:
                ok = _after_boundary(text, match.start(), True) and not re.search(r"[-\d_]$", match.group(2))
            else:
                domain = match.group(1) + match.group(2) if match.group(1).lower().startswith("www") else match.group(2)
                ok = _after_boundary(text, match.start()) and _valid_domain(domain)
            if ok:
                found.append(match.group())
            start = match.end() if ok else match.start() + 1  # a rejected match is retried one character later
    return found


def autolinks(markdown: str) -> list[str]:
    """What a GFM renderer would show as links: explicit links plus every literal autolink in the text."""
    found = []
    for token in MarkdownIt("commonmark").enable("table").parse(markdown):
        if token.type != "inline":
            continue
        run, in_link = "", 0
        for child in [*(token.children or []), None]:
            if child is not None and child.type == "text" and not in_link:
                run += child.content
                continue
            found += _literals(run)
            run = ""
            if child is not None and child.type == "link_open":
                in_link += 1
                found.append(child.attrs.get("href", ""))
            elif child is not None and child.type == "link_close":
                in_link -= 1
    return found
