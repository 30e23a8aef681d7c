"""Text for the PDF: fonts, clean-up, Paragraph markup, styles and plain-cell wrapping (see render.plan_pdf).

Every string that comes from the report goes through `markup()` before it reaches a Paragraph:
control characters are dropped, characters DejaVu Sans cannot show become U+FFFD, text beyond
CELL_LIMIT characters is cut with a note, and `xml.sax.saxutils.escape` makes `<`, `>` and `&`
literal. Strings drawn straight onto the canvas or as plain table cells are not parsed as markup
by reportlab; they only get the same clean-up and a length cap.
"""

from __future__ import annotations

import re
import threading
import types
import weakref
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph as _ReportlabParagraph

from ..i18n import truncated
from .escape import show_bidi_controls
from .pdf_lines import break_lines, width_of

FONT_DIR = Path(__file__).resolve().parents[3] / "assets" / "fonts"
FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"
_STANDARD_FONTS = ("Helvetica", "Helvetica-Bold", "ZapfDingbats")  # reportlab's defaults (charts, bullets)
_FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf", FONT_ITALIC: "DejaVuSans-Oblique.ttf",
               FONT_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf"}

CELL_LIMIT = 20_000  # characters of one user text shown in full; longer texts are cut with a note
MAX_LINES = 12  # the planner's default: further line breaks in one text print as " / " (layout time grows per line)
MAX_CELL_LINES = 4  # the same for a table cell, where every line repeats across a whole row

INK = colors.HexColor("#1f2937")
MUTED = colors.HexColor("#6b7280")
RULE = colors.HexColor("#d1d5db")
HEAD_BG = colors.HexColor("#e5e7eb")
ZEBRA = colors.HexColor("#f9fafb")
LEVEL_COLOURS = {"low": colors.HexColor("#16a34a"), "medium": colors.HexColor("#b58100"), "high": colors.HexColor("#ea580c"),
                 "critical": colors.HexColor("#b91c1c"), "unknown": colors.HexColor("#8a8a8a")}


# Only font registration touches reportlab's process-wide state (pdfmetrics' font registry) and `_glyphs`;
# it runs once, under this lock. A build itself keeps its state in its own document, canvas and story
# (invariant mode is passed per document, and TrueType subsets are kept per document), so builds run
# at the same time without waiting for each other.
_FONT_LOCK = threading.Lock()
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufeff]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_glyphs: frozenset[int] | None = None


# -- fonts and text ---------------------------------------------------------------------------------------

def register_fonts() -> None:
    """Register DejaVu Sans (regular, bold, italic, bold italic) once per process."""
    global _glyphs
    if _glyphs is not None:
        return
    with _FONT_LOCK:
        if _glyphs is not None:  # another thread registered them while this one waited
            return
        registered = set(pdfmetrics.getRegisteredFontNames())
        for name, file in _FONT_FILES.items():
            if name not in registered:
                pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC)
        for name in _STANDARD_FONTS:  # reportlab registers these lazily on first use; do it here, once
            pdfmetrics.getFont(name)
        faces = [pdfmetrics.getFont(name).face.charToGlyph for name in _FONT_FILES]
        # Only characters every face has, and only the Basic Multilingual Plane: reportlab writes a broken
        # ToUnicode entry for characters beyond U+FFFF, so those are replaced as well.
        _glyphs = frozenset(c for c in set(faces[0]).intersection(*faces[1:]) if c <= 0xFFFF)


_SAME_FRAG_KEYS = ("fontName", "fontSize", "textColor", "rise", "us_lines", "link", "backColor", "nobr")
_ABSENT = object()  # as the C version: an attribute a fragment lacks differs from one set to None
_ABSENTS = (_ABSENT,) * len(_SAME_FRAG_KEYS)


def same_frag(f, g) -> bool:
    """reportlab's `sameFrag` in Python (as reportlab.lib.rl_accel's fallback for a missing C extension, but telling a
    missing attribute from None as the C version does): do two fragments draw alike, so line breaking may join them. Our
    Paragraph breaks its lines with it (`_break_lines`; reportlab's own paragraphs keep the C version), which is
    several times slower for these fragments (it raises and clears an AttributeError for each attribute a fragment
    lacks, about 8 per call) and ran some 40 times per line of mixed-style text: a sixth of a plan's PDF build."""
    fdict, gdict = f.__dict__, g.__dict__
    if "cbDefn" in fdict or "lineBreak" in fdict or "cbDefn" in gdict or "lineBreak" in gdict:
        return False
    return list(map(fdict.get, _SAME_FRAG_KEYS, _ABSENTS)) == list(map(gdict.get, _SAME_FRAG_KEYS, _ABSENTS))


def _with_globals(function, **names):
    """A copy of `function` that looks up `names` first: reportlab's code with one of its helpers swapped, for our
    callers only (the module's globals stay as they are; any other name still comes from them, as in the original)."""
    scope = dict(function.__globals__, **names)
    clone = types.FunctionType(function.__code__, scope, function.__name__, function.__defaults__, function.__closure__)
    clone.__kwdefaults__, clone.__qualname__ = function.__kwdefaults__, function.__qualname__
    return clone


# reportlab's Paragraph.breakLines with same_frag for sameFrag (it uses sameFrag only there and in its CJK helper,
# which the planner's styles never reach); a copy, so reportlab's module and everybody else's paragraphs are untouched.
_break_lines = _with_globals(_ReportlabParagraph.breakLines, sameFrag=same_frag)


def _replace_missing(match: re.Match) -> str:
    char = match.group()
    return char if ord(char) in _glyphs else "\ufffd"


def clean(text, limit: int = CELL_LIMIT) -> str:
    """Plain text safe to draw: no control characters, only glyphs the font has, at most `limit` characters."""
    register_fonts()
    value = "" if text is None else str(text)
    value = _CONTROL.sub("", show_bidi_controls(value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")))
    value = few_lines(value)
    if len(value) > limit:
        value = truncated(value, limit)
    return value if value.isascii() else _NON_ASCII.sub(_replace_missing, value)



def few_lines(value: str, most: int = MAX_LINES) -> str:
    """At most `most` lines; the rest joined with " / ", so nothing is lost but a text cannot run to pages."""
    if value.count("\n") < most:
        return value
    lines = value.split("\n")
    return "\n".join(lines[: most - 1] + [" / ".join(line for line in lines[most - 1:] if line.strip())])


def markup(text, limit: int = CELL_LIMIT) -> str:
    """User text → Paragraph markup that shows it literally."""
    return escape(clean(text, limit)).replace("\n", "<br/>")


def one_line(text, limit: int = 300) -> str:
    return " ".join(clean(text, limit).split())


def fit(text: str, font: str, size: float, width: float) -> str:
    """Cut text with an ellipsis so it fits `width` points."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if pdfmetrics.stringWidth(text[:mid] + "…", font, size) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low] + "…"


# -- paragraphs ---------------------------------------------------------------------------------------------

class Paragraph(_ReportlabParagraph):
    """A reportlab Paragraph whose runs of equally styled text are one fragment, made without reportlab's markup
    parser when the text holds only the planner's own markup (`_fast_frags`), and laid out once per width.

    reportlab's parser starts a new fragment at every entity, so escaped user text such as "<&>" repeated
    would become hundreds of fragments per cell, and line breaking slows down with their number (a
    plan full of such text took a minute). Merging fragments whose attributes are identical draws the
    same text in the same style.
    """

    def _setup(self, text, style, bulletText, frags, cleaner):
        fast = None if frags is not None else _fast_frags(cleaner(text), style)
        if fast is None:
            super()._setup(text, style, bulletText, frags, cleaner)
        else:
            self.text, self.frags, self.style, self.bulletText, self.debug = fast[0], fast[1], style, bulletText, 0
        merged = []
        for frag in self.frags:
            last = merged[-1] if merged else None
            if (last is not None and type(frag) is type(last) and isinstance(getattr(frag, "text", None), str)
                    and isinstance(getattr(last, "text", None), str) and _same_style(last, frag)):
                last.text += frag.text
            else:
                merged.append(frag)
        self.frags = merged

    def breakLines(self, width):
        """The lines reportlab would make: render.pdf_lines for the planner's mixed-style text, else reportlab's
        line breaking with `same_frag` in place of its C sameFrag (see there)."""
        lines = break_lines(self, width)
        return lines if lines is not None else _break_lines(self, width)

    def wrap(self, availWidth, availHeight):
        """As reportlab's, but a second call at the same width keeps the lines already broken: the document
        template wraps a heading and what follows it twice (keepWithNext), and breaking lines is most of the layout."""
        done = getattr(self, "_wrapped_for", None)
        if done and done[0] == availWidth and done[1] is self.frags and done[2] is self.style and hasattr(self, "blPara"):
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_for = (availWidth, self.frags, self.style) if hasattr(self, "blPara") else None  # after: lines may re-cut frags
        return size


# The planner's own markup: <b>, <i>, <font ...> with quoted attributes, <br/>, and text with the three entities that
# xml.sax.saxutils.escape writes. Anything else (another tag, another entity) goes to reportlab's parser.
_TOKEN = re.compile(r'<(/?)(b|i|font)((?: [a-z]+="[^"<>&]*")*)>|(<br/>)|([^<&]+|&(?:amp|lt|gt);)|(.)', re.S)
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">"}
_templates: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # style → {open tags: fragment} (style-scoped)


def _fast_frags(text: str, style) -> tuple[str, list] | None:
    """(text, fragments) as reportlab's parser makes them from `text` (already cleaned), without parsing it:
    each run of text gets a copy of the fragment reportlab's parser makes for the same open tags (parsed once
    per style and tags). None when the text holds anything but the planner's own markup."""
    if getattr(style, "textTransform", None) or text.startswith("<para"):
        return None
    frags, stack = [], []
    data = []
    for match in _TOKEN.finditer(text):
        closing, tag, attrs, br, piece, other = match.groups()
        if other is not None:
            return None
        if piece is not None:
            data.append(_ENTITIES.get(piece, piece))
            continue
        if data:
            frags.append(_template(style, tuple(stack), False).clone(text="".join(data), link=[], us_lines=[]))
            data = []
        if br:
            frags.append(_template(style, tuple(stack), True).clone(text="", link=[], us_lines=[]))
        elif closing:
            if attrs or not stack or not stack[-1].startswith(f"<{tag}"):
                return None
            stack.pop()
        else:
            stack.append(f"<{tag}{attrs}>")
    if stack:
        return None
    if data:
        frags.append(_template(style, (), False).clone(text="".join(data), link=[], us_lines=[]))
    return text, frags


def _template(style, stack: tuple[str, ...], line_break: bool):
    """The fragment reportlab's parser makes for text (or a <br/>) inside the tags `stack`, in `style`."""
    cache = _templates.get(style)
    if cache is None:
        cache = _templates.setdefault(style, {})
    key = (stack, line_break)
    frag = cache.get(key)
    if frag is None:
        closing = "".join(f"</{tag[1:].split()[0].rstrip('>')}>" for tag in reversed(stack))
        probe = "".join(stack) + ("x<br/>" if line_break else "x") + closing
        parsed = _ReportlabParagraph(probe, style).frags
        frag = parsed[-1] if line_break else parsed[0]
        if frag.link or frag.us_lines:
            raise ValueError(f"no fast path for {probe!r}")
        cache[key] = frag
    return frag


def _same_style(a, b) -> bool:
    first, second = dict(a.__dict__), dict(b.__dict__)
    first.pop("text"), second.pop("text")
    return first == second and not ({"cbDefn", "lineBreak"} & first.keys())


# -- styles -------------------------------------------------------------------------------------------------

def styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, textColor=INK, spaceAfter=4,
                          splitLongWords=1, allowWidows=0, allowOrphans=0)
    s = {"body": base}
    s["title"] = ParagraphStyle("title", base, fontName=FONT_BOLD, fontSize=26, leading=31, spaceAfter=6)
    s["project"] = ParagraphStyle("project", base, fontName=FONT_BOLD, fontSize=17, leading=22, spaceAfter=10)
    s["h1"] = ParagraphStyle("h1", base, fontName=FONT_BOLD, fontSize=15, leading=19, spaceBefore=4, spaceAfter=6,
                             keepWithNext=1)
    s["h2"] = ParagraphStyle("h2", base, fontName=FONT_BOLD, fontSize=11.5, leading=15, spaceBefore=9, spaceAfter=4,
                             keepWithNext=1)
    s["h3"] = ParagraphStyle("h3", base, fontName=FONT_BOLD, fontSize=9.5, leading=12.5, spaceBefore=6, spaceAfter=2,
                             keepWithNext=1)
    s["explain"] = ParagraphStyle("explain", base, fontName=FONT_ITALIC, textColor=colors.HexColor("#374151"))
    s["cite"] = ParagraphStyle("cite", base, fontSize=8, leading=10, textColor=MUTED, spaceAfter=6)
    s["cell"] = ParagraphStyle("cell", base, fontSize=8, leading=10, spaceAfter=0)
    s["cell_head"] = ParagraphStyle("cell_head", s["cell"], fontName=FONT_BOLD)
    s["cell_center"] = ParagraphStyle("cell_center", s["cell"], alignment=TA_CENTER)
    s["tiny"] = ParagraphStyle("tiny", base, fontSize=7, leading=8.5, spaceAfter=0)
    s["tiny_head"] = ParagraphStyle("tiny_head", s["tiny"], fontName=FONT_BOLD, alignment=TA_CENTER)
    s["bullet"] = ParagraphStyle("bullet", base, leftIndent=12, bulletIndent=3, spaceAfter=2)
    s["small_bullet"] = ParagraphStyle("small_bullet", base, fontSize=8.5, leading=11, leftIndent=22, bulletIndent=12,
                                       spaceAfter=1)
    s["answer_q"] = ParagraphStyle("answer_q", base, fontName=FONT_BOLD, fontSize=9, leading=11.5, spaceBefore=5, spaceAfter=1,
                                   keepWithNext=1)
    s["answer"] = ParagraphStyle("answer", base, leftIndent=10, spaceAfter=1)
    s["answer_cite"] = ParagraphStyle("answer_cite", s["cite"], leftIndent=10, spaceAfter=2)
    return s


def wrap_plain(text: str, font: str, size: float, width: float) -> str:
    """Text broken into lines that fit `width`, as a plain string (Table draws one line per "\\n").

    Plain strings are never parsed as markup: no escaping, no entities, and no reportlab paragraph
    layout - markup-heavy or one-word texts laid out as Paragraphs took seconds per maximal plan.
    A word wider than the cell is cut after its last "-" or "/" that fits, else where it reaches the edge.
    """
    measure = width_of(font, size)  # widths kept per word; TTF widths add up (no kerning)
    space = measure(" ")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, line_width = "", 0.0
        for word in paragraph.split(" "):
            word_width = measure(word)
            while word and word_width > width:
                low, high = 1, len(word)  # the longest prefix that fits (at least one character)
                while low < high:
                    mid = (low + high + 1) // 2
                    low, high = (mid, high) if measure(word[:mid]) <= width else (low, mid - 1)
                hyphen = max(word.rfind("-", 0, low), word.rfind("/", 0, low))
                cut = hyphen + 1 if hyphen > 0 else low  # "person-" / "days", "ML/" / "platform" rather than mid-word
                if line:
                    lines.append(line)
                    line, line_width = "", 0.0
                lines.append(word[:cut])
                word = word[cut:]
                word_width = measure(word)
            if not line:
                line, line_width = word, word_width
            elif line_width + space + word_width <= width:
                line, line_width = f"{line} {word}", line_width + space + word_width
            else:
                lines.append(line)
                line, line_width = word, word_width
        lines.append(line)
    return "\n".join(lines)


