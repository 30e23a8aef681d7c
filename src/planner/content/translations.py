"""Translations of the content as data: translations/<language>/<file>.yaml beside the English YAML, keyed by id.

Only text fields are translatable; ids, option values, effects, citations and numbers never are. A translation
file mirrors its English file's texts (docs/translations.md): `section`, `questions › <id> › text/help/example/unit/
options › <value>` in question files; `<group> › <id> › <field>` in the knowledge base and the plan defaults.
Whatever is not translated is either listed under `fallback:` with the reason (shown in English) or missing.
"""

from __future__ import annotations

import copy
import functools
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from ..errors import InputError, Problem, format_path
from ..safe_yaml import load_yaml

FOLDER = "translations"
KB_NAME = "knowledge/knowledge_base.yaml"
PLAN_DEFAULTS = "knowledge/plan_defaults.yaml"
SEP = " › "
TEAM_FILES_NOTE = "team question files (added by users) stay in the language they are written in"
_LANGUAGE_RE = re.compile(r"^[a-z]{2}$")

MAX_TEXT = 2000  # the content schema's own limits (e.g. 120 for a title) apply once the texts are put in


class TranslationFile(BaseModel):
    """The frame of a translation file; its text groups (any other top-level key) are checked against the English file."""

    model_config = ConfigDict(extra="allow", strict=True, frozen=True, defer_build=True)

    schema_version: Annotated[int, Field(ge=1, le=1)]
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
    fallback: dict[str, Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=300)]] = {}


def _keyed(items, key: str):
    for item in items if isinstance(items, list) else ():
        if isinstance(item, dict) and isinstance(item.get(key), (str, int)):
            yield str(item[key]), item


def _fields(path: tuple, item, names):
    for name in names:
        if isinstance(item, dict) and isinstance(item.get(name), str) and item[name]:
            yield path + (name,), item, name


def _question_units(data: dict):
    yield from _fields(("section",), data.get("section"), ("title", "intro"))
    for qid, q in _keyed(data.get("questions"), "id"):
        yield from _fields(("questions", qid), q, ("text", "help", "example"))
        yield from _fields(("questions", qid), q.get("number"), ("unit",))
        for value, option in _keyed(q.get("options"), "value"):
            yield ("questions", qid, "options", value), option, "label"


_KB_FIELDS = {
    "themes": ("title", "description"), "collaboration_points": ("title", "description"),
    "challenges": ("title", "summary"), "mitigations": ("title", "description"), "setup_rules": ("explanation",),
    "explainers": ("title", "body", "takeaway"), "levers": ("title",), "expectations": ("text", "prompt"),
}


def _kb_units(data: dict):
    for group, names in _KB_FIELDS.items():
        for item_id, item in _keyed(data.get(group), "id"):
            yield from _fields((group, item_id), item, names)
            if group == "challenges":
                for i, evidence in enumerate(item.get("evidence") or ()):  # the container is the evidence item itself
                    yield from (((group, item_id, "evidence", str(i)), e, name) for _, e, name in _fields((), evidence, ("text",)))
            if group == "levers":
                yield from (((group, item_id, "effort"), e, "task") for e in [item.get("effort")] if isinstance(e, dict))
            if group == "expectations":
                for value, option in _keyed(item.get("options"), "value"):
                    yield (group, item_id, "options", value), option, "label"


def _indexed(path: tuple, items, names):
    for i, item in enumerate(items if isinstance(items, list) else ()):
        yield from _fields(path + (str(i),), item, names)


_PLAN_KEYED = {"sections": ("id", ("title", "explanation")), "tasks": ("name", ("name",)),
               "raci_activities": ("activity", ("activity",)), "monitoring": ("item", ("item", "feedback_path")),
               "qualities": ("name", ("name",)), "glossary": ("term", ("term", "meaning", "pitfall"))}


def _plan_units(data: dict):
    """Plan-default texts; role names are no texts but the workshop's role identifiers (planner.domain.TEAM_ROLES)."""
    for group, (key, names) in _PLAN_KEYED.items():
        for item_id, item in _keyed(data.get(group), key):
            yield from _fields((group, item_id), item, names)
    schedule = data.get("schedule") or {}
    yield from _fields(("schedule",), schedule, ("note",))
    for challenge, driver in _keyed(schedule.get("drivers"), "challenge"):
        yield from _fields(("schedule", "drivers", challenge), driver, ("why",))
    for outcome, rule in _keyed(schedule.get("timebox"), "outcome"):
        yield from _fields(("schedule", "timebox", outcome), rule, ("label", "action"))
    agreement = data.get("data_agreement") or {}
    yield from _fields(("data_agreement", "labels"), agreement.get("labels"), tuple(agreement.get("labels") or ()))
    yield from _indexed(("data_agreement", "mandatory_when"), agreement.get("mandatory_when"), ("reason",))
    release = data.get("release_criteria") or {}
    yield from _indexed(("release_criteria", "criteria"), release.get("criteria"), ("metric", "baseline", "evaluation_data"))
    yield from _indexed(("release_criteria", "subgroups"), release.get("subgroups"), ("subgroups",))
    yield from _fields(("release_criteria", "worse_error"), release.get("worse_error"), tuple(release.get("worse_error") or ()))


def units_of(name: str, data: dict) -> dict[tuple, tuple]:
    """Every translatable text of one English file: path → (container, key); the text is container[key]."""
    kind = _kb_units if name == KB_NAME else _plan_units if name == PLAN_DEFAULTS else _question_units
    return {path: (container, key) for path, container, key in kind(data if isinstance(data, dict) else {})}


def translations_dir(root: Path, language: str) -> Path:
    return root / FOLDER / language


def languages(root: Path | None = None) -> tuple[str, ...]:
    """The shipped languages: English, then every folder under questionnaires/translations/."""
    from .loader import content_dir

    folder = (root or content_dir()) / FOLDER
    found = sorted(p.name for p in folder.iterdir() if p.is_dir() and _LANGUAGE_RE.match(p.name)) if folder.is_dir() else []
    return ("en", *[code for code in found if code != "en"])


def _flatten(tree, path: tuple, problems: list, source: str):
    """(path, text) for every text of a group; a value that is no text, list or mapping is a problem."""
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from _flatten(value, path + (str(key),), problems, source)
    elif isinstance(tree, list):
        for i, value in enumerate(tree):
            yield from _flatten(value, path + (str(i),), problems, source)
    elif isinstance(tree, str) and tree.strip():
        if len(tree) > MAX_TEXT:
            problems.append(Problem(source, SEP.join(path), f"is {len(tree):,} characters long; at most {MAX_TEXT:,} are allowed"))
        yield path, tree.strip()
    else:
        kind = "empty text" if isinstance(tree, str) else "nothing" if tree is None else type(tree).__name__.replace("bool", "true/false")
        problems.append(Problem(source, SEP.join(path), f"must be text, not {kind}"))


def _path_problem(path: tuple, units: dict, prefixes: set) -> tuple[tuple, str]:
    """Where a translated path leaves the English texts (the first unknown key), and what is wrong there."""
    if path in prefixes:
        return path, "must be a mapping of its translatable fields, not text"
    for n in range(len(path) - 1, 0, -1):
        head = path[:n]
        if head in units:
            return head, "must be text, not a mapping or a list"
        if head in prefixes:
            choices = sorted({u[n] for u in units if u[:n] == head})
            kind = "id" if n == 1 else "option value" if head[-1] == "options" else "field"
            return path[: n + 1], f"unknown {kind} {path[n]!r}; translatable here: {', '.join(choices)[:300]}"
    return path[:1], f"unknown group {path[0]!r}; translatable groups: {', '.join(sorted({u[0] for u in units}))}"


@dataclass(frozen=True)
class Translation:
    """One validated translation file: the translated texts and the explicit fallbacks, by path."""

    source: str
    texts: dict[tuple, str]
    fallback: dict[tuple, str]


def parse_translation(raw: bytes | str, source: str, language: str, units: dict) -> Translation:
    """Read one translation file strictly (safe YAML, pydantic) and check every path against the English texts."""
    data = load_yaml(raw, source)
    if not isinstance(data, dict):
        raise InputError(Problem(source, "top level", "must be a mapping (key: value), not a list or a single value"))
    try:
        frame = TranslationFile.model_validate(data)
    except ValidationError as exc:
        raise InputError([Problem(source, format_path(tuple(e["loc"])) or "top level", _message(e))
                          for e in exc.errors(include_url=False)]) from None
    problems = [] if frame.language == language else [Problem(source, "language", f"is {frame.language!r}, but the file lies in "
                                                                                  f"the folder of {language!r}")]
    prefixes = {u[:n] for u in units for n in range(1, len(u))}
    groups = {k: v for k, v in data.items() if k not in TranslationFile.model_fields}
    texts = dict(_flatten(groups, (), problems, source))
    wrong = dict(_path_problem(p, units, prefixes) for p in texts if p not in units)
    problems += [Problem(source, SEP.join(where), message) for where, message in wrong.items()]
    fallback = {tuple(key.split(SEP)): reason for key, reason in frame.fallback.items()}
    problems += [Problem(source, f"fallback{SEP}{SEP.join(p)}", "names nothing translatable in the English file")
                 for p in fallback if p not in units and p not in prefixes]
    if problems:
        raise InputError(problems)
    return Translation(source, texts, fallback)


def _message(error: dict) -> str:
    if error["type"] == "missing":
        return "required field is missing"
    return error["msg"].removeprefix("Value error, ")


@functools.lru_cache(maxsize=64)
def _read_translation(folder: str, language: str, name: str, english: bytes) -> Translation | None:
    path = translations_dir(Path(folder), language) / name
    if not path.is_file():
        return None
    units = units_of(name, load_yaml(english, name))
    return parse_translation(path.read_bytes(), f"{FOLDER}/{language}/{name}", language, units)


def cache_clear() -> None:
    """Forget the translation files read (for tests and content authors who edit them while the planner runs)."""
    _read_translation.cache_clear()


def translate(root: Path, language: str, name: str, data: dict) -> dict:
    """A copy of the English data of file `name` with the texts of `language` put in (the rest stays English)."""
    translation = _read_translation(str(root), language, name, (root / name).read_bytes())
    if translation is None:
        return data
    data = copy.deepcopy(data)
    units = units_of(name, data)
    for path, text in translation.texts.items():
        container, key = units[path]
        container[key] = text
    if name == PLAN_DEFAULTS:  # the release criteria name their sign-off activity by its (now translated) title
        release = data.get("release_criteria") or {}
        renamed = translation.texts.get(("raci_activities", str(release.get("sign_off_activity")), "activity"))
        if renamed:
            release["sign_off_activity"] = renamed
    return data


def translated_source(exc: InputError, language: str) -> InputError:
    """A validation error of translated content, pointing at the translation folder."""
    here = f"{FOLDER}/{language}/"
    return InputError([p if p.source.startswith(here) else replace(p, source=here + p.source) for p in exc.problems])


def plan_defaults_data(language: str = "en", root: Path | None = None) -> dict:
    """The raw plan defaults (for planner.plan.catalogue to validate), with the texts of `language`."""
    from .loader import content_dir

    root = root or content_dir()
    data = load_yaml((root / PLAN_DEFAULTS).read_bytes(), PLAN_DEFAULTS)
    return data if language == "en" or not isinstance(data, dict) else translate(root, language, PLAN_DEFAULTS, data)


@dataclass(frozen=True)
class FileCoverage:
    language: str
    file: str
    translated: int
    fallback: int
    missing: tuple[str, ...]

    @property
    def total(self) -> int:
        return self.translated + self.fallback + len(self.missing)


def shipped_files(root: Path) -> list[str]:
    return [p.name for p in sorted(root.glob("*.yaml"))] + [KB_NAME, PLAN_DEFAULTS]


def coverage(root: Path | None = None) -> list[FileCoverage]:
    """Per language (but English) and English file: how many texts are translated, explicitly fall back, or are missing."""
    from .loader import content_dir

    root = root or content_dir()
    report = []
    for language in languages(root)[1:]:
        names = shipped_files(root)
        strays = [p for p in translations_dir(root, language).rglob("*.yaml")
                  if p.relative_to(translations_dir(root, language)).as_posix() not in names]
        if strays:
            raise InputError([Problem(f"{FOLDER}/{language}/{p.relative_to(translations_dir(root, language)).as_posix()}", "",
                                      "has no English file of that name") for p in strays])
        for name in names:
            english = (root / name).read_bytes()
            translation = _read_translation(str(root), language, name, english) or Translation(name, {}, {})
            translated = fallback = 0
            missing = []
            for path in units_of(name, load_yaml(english, name)):
                if path in translation.texts:
                    translated += 1
                elif any(path[:n] in translation.fallback for n in range(1, len(path) + 1)):
                    fallback += 1
                else:
                    missing.append(SEP.join(path))
            report.append(FileCoverage(language, name, translated, fallback, tuple(missing)))
    return report


def coverage_markdown(report: list[FileCoverage]) -> str:
    lines = ["| language | file | translated | explicit fallback | missing |", "|---|---|---:|---:|---:|"]
    lines += [f"| {c.language} | {c.file} | {c.translated} | {c.fallback} | {len(c.missing)} |" for c in report]
    return "\n".join(lines + ["", f"Not in this table: {TEAM_FILES_NOTE}; role names are the workshop's role identifiers."])
