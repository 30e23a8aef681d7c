"""Line breaking for the planner's mixed-style paragraphs, the lines reportlab's own `Paragraph.breakLines` makes.

A paragraph with more than one style (a bold lead-in, an italic answer, a small grey citation) goes through
reportlab's general line breaker, which measures every word with `stringWidth`, compares styles attribute by
attribute and looks up font metrics for each word: the biggest part of laying out a plan's PDF. `break_lines`
does the same greedy breaking (spaces shrinking as reportlab's) for the common case only - text and `<br/>`
fragments, no hyphenation, no bidi or shaping, no word wider than the line - with the widths of words kept per font and size
and styles compared once per fragment. It returns reportlab's structures (a `ParaLines` of kind 1 with
`FragLine`s, and the fragment words in `paragraph.frags` that a page split slices by `sFW`), so drawing and
splitting stay reportlab's. Anything else returns None: the caller uses reportlab's breaker.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus.paragraph import (_FK_BREAK, _FK_TEXT, FragLine, ParaLines, _handleBulletWidth, _HSFrag,
                                          _processed_frags, lstrip, split)

_WHITESPACE = frozenset(" \t\n\r\x0b\x0c")  # string.whitespace, as reportlab's _getFragWords tests the ends of a text
_STYLE_KEYS = ("fontName", "fontSize", "textColor", "rise", "us_lines", "link", "backColor", "nobr")
_ABSENT = object()
_WIDTH_CACHE_LIMIT = 200_000  # words kept per process; the cache starts again beyond it
_widths: dict[tuple[str, float], dict[str, float]] = {}
_metrics: dict[tuple[str, float], tuple[float, float]] = {}


def width_of(font: str, size: float):
    """A function giving a text's width in `font` at `size`; words (up to 60 characters) are measured once per process."""
    key = (font, size)
    kept = _widths.get(key)
    if kept is None:
        if sum(map(len, _widths.values())) > _WIDTH_CACHE_LIMIT:
            _widths.clear()
        kept = _widths.setdefault(key, {})

    def width(word: str) -> float:
        value = kept.get(word)
        if value is None:
            value = stringWidth(word, font, size)
            if len(word) <= 60 and len(kept) < _WIDTH_CACHE_LIMIT:
                kept[word] = value
        return value
    return width


def _ascent_descent(font: str, size: float) -> tuple[float, float]:
    value = _metrics.get((font, size))
    if value is None:
        value = _metrics[font, size] = getAscentDescent(font, size)
    return value


def _usable(paragraph) -> bool:
    """Whether `paragraph`'s style and fragments are the case break_lines handles exactly (else reportlab breaks it)."""
    style, frags = paragraph.style, paragraph.frags
    if len(frags) < 2:
        return False  # one fragment: reportlab's simple case, already fast
    if (style.wordWrap or style.endDots or getattr(style, "hyphenationLang", "") or style.uriWasteReduce
            or style.embeddedHyphenation or style.shaping or style.justifyBreaks):
        return False
    if getattr(paragraph, "autoLeading", getattr(style, "autoLeading", "")) not in ("", "off"):
        return False
    if _processed_frags(frags):  # the words of an earlier breaking (a re-wrap, the rest of a split paragraph)
        if any(type(word) not in (list, _HSFrag) for word in frags):
            return False  # split or hyphenated words
        pieces = [frag for word in frags for frag, _text in word[1:]]
    else:
        pieces = frags
    for frag in pieces:
        fields = frag.__dict__
        if "cbDefn" in fields or "backColor" in fields or fields.get("us_lines") or fields.get("link"):
            return False
        if "lineBreak" in fields:
            if fields.get("text", "") != "":
                return False
        elif not isinstance(fields.get("text"), str) or "\xad" in fields["text"]:
            return False
    return True


def _frag_words(frags, style_key) -> list:
    """reportlab's `_getFragWords` for text and line-break fragments: [width, (frag, text), ...] per word, an
    `_HSFrag` when a space follows it; `style_key` is called once for each fragment used."""
    words: list = []
    current: list = []
    width = 0.0
    hanging_strip = True
    measures = {}
    for frag in frags:
        text = frag.text if "text" in frag.__dict__ else ""
        if text != "":
            frag._fkind = _FK_TEXT
            if hanging_strip:
                text = lstrip(text)
                if not text:
                    continue
                hanging_strip = False
            measure = measures.get(id(frag))
            if measure is None:
                measure = measures[id(frag)] = width_of(frag.fontName, frag.fontSize)
                style_key(frag)
            pieces = split(text)
            if text[0] in _WHITESPACE or not pieces:
                if current:
                    current.insert(0, width)
                    words.append(current)
                    current, width, after_space = [], 0.0, False
                else:
                    after_space = bool(words) and isinstance(words[-1], _HSFrag)
                if not after_space:
                    pieces.insert(0, "")
                elif not pieces:
                    continue
            for piece in pieces[:-1]:
                current.append((frag, piece))
                width += measure(piece)
                current.insert(0, width)
                words.append(_HSFrag(current))
                current, width = [], 0.0
            piece = pieces[-1]
            current.append((frag, piece))
            width += measure(piece)
            if text[-1] in _WHITESPACE:
                current.insert(0, width)
                words.append(_HSFrag(current))
                current, width = [], 0.0
        elif "lineBreak" in frag.__dict__:
            if current:
                current.insert(0, width)
                words.append(current)
                current, width = [], 0.0
            frag._fkind = _FK_BREAK
            style_key(frag)
            words.append([0, (frag, "")])
            hanging_strip = True
    if current:
        current.insert(0, width)
        words.append(current)
    if not words and frags:
        frags[0]._fkind = _FK_TEXT
        style_key(frags[0])
        words = [[0, (frags[0], "")]]
    return words


def _clone(frag, text: str | None = None):
    """`frag.clone()` (then its text set), without ABag's keyword handling."""
    copy = frag.__class__.__new__(frag.__class__)
    copy.__dict__.update(frag.__dict__)
    if text is not None:
        copy.text = text
    return copy


def break_lines(paragraph, width) -> ParaLines | None:
    """The lines reportlab's `Paragraph.breakLines(width)` makes for `paragraph`, or None when it is not our case."""
    if not _usable(paragraph):
        return None
    style = paragraph.style
    widths = list(width) if isinstance(width, (tuple, list)) else [width]
    last_width = len(widths) - 1
    _handleBulletWidth(paragraph.bulletText, style, widths)
    info: dict[int, tuple] = {}  # id(fragment) → (style key, font, size, ascent, descent, width of a space)

    def style_key(frag) -> None:
        if id(frag) not in info:
            fields = frag.__dict__
            font, size = frag.fontName, frag.fontSize
            info[id(frag)] = (tuple(fields.get(name, _ABSENT) for name in _STYLE_KEYS), font, size,
                              *_ascent_descent(font, size), width_of(font, size)(" "))

    if _processed_frags(paragraph.frags):
        all_words = list(paragraph.frags)  # as reportlab's _getFragWords returns them
        for word in all_words:
            for frag, _text in word[1:]:
                style_key(frag)
    else:
        all_words = _frag_words(paragraph.frags, style_key)
    narrowest = min(widths)
    if any(word[0] > narrowest for word in all_words):
        return None  # a word wider than a line: reportlab splits it (splitLongWords)
    shrinkage = style.spaceShrinkage
    lines = []
    fw: list = []
    line_words: list = []
    start_fw = line_no = 0
    max_width = widths[0]
    width_max = 0.0
    count = space = current = 0
    max_size = max_ascent = min_descent = 0.0
    g = g_key = None
    for w in all_words:
        fw.append(w)
        f = w[1][0]
        key, _font, size, ascent, descent, space_width = info[id(f)]
        last = info[id(w[-1][0])] if len(w) > 2 else None
        if not line_words:
            count = space = current = 0
            max_size, max_ascent, min_descent = (size, ascent, descent) if last is None else (last[2], last[3], last[4])
        word_width = w[0]
        new_width = current + space + word_width if word_width > 0 else current
        line_break = f._fkind == _FK_BREAK
        limit = max_width
        if shrinkage and new_width > max_width:  # reportlab lets the spaces shrink a little (only matters here)
            shrink = space
            for earlier in line_words:
                if earlier._fkind == _FK_TEXT:
                    spaces = earlier.text.count(" ")
                    if spaces:
                        shrink += spaces * width_of(earlier.fontName, earlier.fontSize)(" ")
            limit += shrink * shrinkage
        if not ((new_width > limit and count > 0) or line_break):
            text = w[1][1]
            if text:
                count += 1
            if size > max_size:
                max_size = size
            if ascent > max_ascent:
                max_ascent = ascent
            if descent < min_descent:
                min_descent = descent
            if not line_words:
                g = _clone(f, text)
                g_key = key
                line_words = [g]
            elif key != g_key or "lineBreak" in g.__dict__:
                if space:
                    for earlier in reversed(line_words):
                        if earlier._fkind == _FK_TEXT:
                            if not earlier.text.endswith(" "):
                                earlier.text += " "
                            break
                g = _clone(f, text)
                g_key = key
                line_words.append(g)
            elif space:
                g.text += text if g.text.endswith(" ") else " " + text
            else:
                g.text += text
            if not isinstance(w, _HSFrag):
                space = 0
            elif last is None:
                space = space_width
            else:  # reportlab measures this space in the last piece's font at the first piece's size
                space = width_of(w[-1][0].fontName, size)(" ")
            if last is not None:
                g, g_key, max_size, max_ascent, min_descent, some = _add_pieces(w, info, line_words, max_size, max_ascent, min_descent)
                if not text and some:
                    count += 1
            current = new_width
            continue
        if line_break:
            line_words.append(_clone(f))
        width_max = max(width_max, current)
        lines.append(FragLine(extraSpace=max_width - current, wordCount=count, lineBreak=line_break, words=line_words,
                              fontSize=max_size, ascent=max_ascent, descent=min_descent, maxWidth=max_width, sFW=start_fw))
        start_fw = len(fw) - 1
        line_no += 1
        max_width = widths[min(last_width, line_no)]
        if line_break:
            line_words = []
            continue
        if not isinstance(w, _HSFrag):
            space = 0
        elif last is None:
            space = space_width
        else:  # here in the last piece's font and size
            space = last[5]
        current = word_width
        count = 1
        g = _clone(f, w[1][1])
        g_key = key
        max_size, max_ascent, min_descent = size, ascent, descent
        line_words = [g]
        if last is not None:
            g, g_key, max_size, max_ascent, min_descent, _some = _add_pieces(w, info, line_words, max_size, max_ascent, min_descent)
    if line_words:
        width_max = max(width_max, current)
        lines.append(FragLine(extraSpace=max_width - current, wordCount=count, lineBreak=False, words=line_words,
                              fontSize=max_size, ascent=max_ascent, descent=min_descent, maxWidth=max_width, sFW=start_fw))
    if isinstance(width, list):
        width[:] = widths  # as reportlab, which adjusts the caller's first width for a bullet in place
    paragraph._width_max = width_max
    paragraph.height = 0
    paragraph._splitLongWordCount = paragraph._hyphenations = 0
    paragraph.frags = fw
    return ParaLines(kind=1, lines=lines)


def _add_pieces(word, info, line_words, max_size, max_ascent, min_descent):
    """The second and later pieces of a word spanning styles, each its own fragment on the line."""
    some = 0
    g = g_key = None
    for frag, piece in word[2:]:
        g = _clone(frag, piece)
        key, _font, size, ascent, descent, _space = info[id(frag)]
        g_key = key
        if piece:
            some = 1
        line_words.append(g)
        max_size, max_ascent, min_descent = max(max_size, size), max(max_ascent, ascent), min(min_descent, descent)
    return g, g_key, max_size, max_ascent, min_descent, some
