"""The planner's languages: a translator per language and the locale's numbers, percentages and dates, in one place.

Code strings are gettext messages (catalogs in planner/locale/<lang>/LC_MESSAGES/planner.po, compiled in memory on
first use, so nothing is downloaded or written at run time; `make catalogs` extracts and updates them). Nothing
here reads or sets the process locale: the language is passed explicitly (Plan.language → PlanReport.language →
the document), so two documents in two languages can be built at the same time.

English keeps Python's own formatting, so the English documents stay exactly as they were; other languages format
through Babel (decimal comma, thousands separator, "2 %" with a no-break space, "Mo., 2. Feb. 2026").
"""

from __future__ import annotations

import functools
import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Literal

LANGUAGES: dict[str, str] = {"en": "English", "de": "Deutsch"}  # code → its own name, for the language select
DEFAULT_LANGUAGE = "en"
LanguageCode = Literal["en", "de"]
LANGUAGE_TAGS = {"en": "en-GB", "de": "de-DE"}  # BCP 47, for the PDF's /Lang and the Word file's language
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "planner"
_BABEL_LOCALES = {"de": "de_DE"}  # for formatting; the catalog lives under locale/de
_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")  # not %a: that follows the process locale


def N_(message: str) -> str:
    """Marks a message for the catalog where it is defined; it is translated where it is shown (`Translator._`)."""
    return message


def catalog_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def language_problem(value) -> str | None:
    """Why `value` is not a language the planner speaks, or None when it is."""
    if isinstance(value, str) and value in LANGUAGES:
        return None
    shown = repr(value[:20]) if isinstance(value, str) else f"a {type(value).__name__}"
    return f"{shown} is not a language the planner speaks: use one of {', '.join(LANGUAGES)}"


def from_locale(locale: str | None) -> str:
    """A supported language from a browser locale such as "de-AT" or "en_US"; English when none fits."""
    code = str(locale or "").replace("_", "-").split("-")[0].strip().lower()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


@functools.lru_cache(maxsize=None)
def _translations(language: str) -> gettext.NullTranslations:
    if language == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with catalog_path(language).open("rb") as source:
        catalog = read_po(source, locale=language, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


class Translator:
    """The texts and formats of one language: `_` translates a message, `ngettext` picks singular or plural."""

    def __init__(self, language: str = DEFAULT_LANGUAGE):
        problem = language_problem(language)
        if problem:
            raise ValueError(problem)
        self.language = language
        self.tag = LANGUAGE_TAGS[language]
        self._messages = _translations(language)
        self._locale = _BABEL_LOCALES.get(language)

    @property
    def english(self) -> bool:
        return self._locale is None

    def _(self, message: str) -> str:
        return self._messages.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._messages.ngettext(singular, plural, n)

    # -- numbers and dates ---------------------------------------------------------------------------------

    def g(self, value: float) -> str:
        """A number as entered: 2.5 stays 2.5 (English "2.5", German "2,5")."""
        if self.english:
            return f"{value:g}"
        from babel.numbers import format_decimal

        return format_decimal(float(f"{value:g}"), format="#,##0.######", locale=self._locale)

    def fixed(self, value: float, places: int = 0, grouped: bool = False) -> str:
        """A number with `places` decimals; `grouped`: with thousands separators."""
        if self.english:
            return f"{value:,.{places}f}" if grouped else f"{value:.{places}f}"
        from babel.numbers import format_decimal

        pattern = ("#,##0" if grouped else "0") + ("." + "0" * places if places else "")
        return format_decimal(round(value, places), format=pattern, locale=self._locale)

    def integer(self, value: int) -> str:
        """A count with thousands separators: "10,000" / "10.000"."""
        return self.fixed(value, 0, grouped=True)

    def pct(self, value: float | None) -> str:
        """A probability as a whole percentage: "42%" / "42 %"; "–" when there is none."""
        if value is None:
            return "–"
        if self.english:
            return f"{value * 100:.0f}%"
        return f"{self.fixed(value * 100)}\u00a0%"

    def date(self, day: date | None) -> str:
        """A date as every document shows it: "Mon 2026-03-02" / "Mo., 2. März 2026"; "–" when there is none."""
        if day is None:
            return "–"
        if self.english:
            return f"{_WEEKDAYS_EN[day.weekday()]} {day.isoformat()}"
        from babel.dates import format_date

        return format_date(day, "EEE, d. MMM y", locale=self._locale)

    def iso_date(self, text: str) -> str:
        """An ISO date text (the document's date) in the locale; the text unchanged when it is not a date."""
        if self.english:
            return text
        try:
            day = date.fromisoformat(text)
        except (TypeError, ValueError):
            return text
        from babel.dates import format_date

        return format_date(day, "d. MMMM y", locale=self._locale)


@functools.lru_cache(maxsize=None)
def translator(language: str | None = None) -> Translator:
    """The translator of a language (None: English); raises ValueError for a language the planner does not speak."""
    return Translator(language or DEFAULT_LANGUAGE)


ENGLISH = translator(DEFAULT_LANGUAGE)
_WRITING: ContextVar[Translator | None] = ContextVar("planner_document_language", default=None)


@contextmanager
def writing(language: str | None) -> Iterator[Translator]:
    """While a document is written: the language of the texts its writer adds itself (e.g. the note on a cut text)."""
    token = _WRITING.set(translator(language))
    try:
        yield _WRITING.get()
    finally:
        _WRITING.reset(token)


def truncated(value: str, limit: int) -> str:
    """`value` cut at `limit` characters with a note saying how long it was, in the language of the document written."""
    t = _WRITING.get() or ENGLISH
    return f"{value[:limit]} … " + t._("(truncated, {count} characters)").format(count=t.integer(len(value)))


def content_for(language: str | None, extra: tuple[tuple[str, bytes], ...] = ()):
    """The content (questions, knowledge base) in `language`; team files stay in their own language."""
    from .content import load_content

    return load_content(extra, language=language or DEFAULT_LANGUAGE)


def catalogue_for(language: str | None):
    """The plan defaults' catalogue in `language`."""
    from .plan.catalogue import load_catalogue

    return load_catalogue(language or DEFAULT_LANGUAGE)