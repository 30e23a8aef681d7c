"""Answers: validation of single values, visibility of conditional questions, answer documents."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .conditions import is_visible  # noqa: F401 - re-exported: pages and the core ask answers.is_visible
from .content import SCHEMA_VERSION, Content, Question
from .errors import InputError, Problem
from .text import control_problem, line_break_problem, strip_controls

DEFAULT_TEXT_LIMIT = 2000
DOCUMENT_KIND = "ml-kickoff-planner/project"

Answers = dict[str, Any]


def normalise(question: Question, value: Any) -> Any:
    """Return the canonical stored form of an answer, None for "unanswered"; ValueError if invalid."""
    if value is None:
        return None
    kind = question.type
    if kind in ("single", "scale"):
        if isinstance(value, bool) or isinstance(value, float) or question.option(value) is None:
            allowed = ", ".join(repr(o.value) for o in question.options)
            raise ValueError(f"{_short(value)} is not one of the options ({allowed})")
        return question.option(value).value
    if kind == "multi":
        if _one_option(question, value):
            value = [value]  # saved while the question took one answer (setup_data_source did until 2026-12)
        if not isinstance(value, list):
            raise ValueError("must be a list of option values")
        if not value:
            return None
        if len(set(map(repr, value))) != len(value):
            raise ValueError("lists the same option twice")
        unknown = [v for v in value if isinstance(v, bool) or question.option(v) is None]
        if unknown:
            raise ValueError(f"{_short(unknown[0])} is not one of the options")
        exclusive = [v for v in value if question.option(v).exclusive]
        if exclusive and len(value) > 1:
            raise ValueError(f"{exclusive[0]!r} cannot be combined with other options")
        order = [o.value for o in question.options]
        return sorted(value, key=order.index)
    if kind == "number":
        return _number(question, value)
    return _text(question, value)


def _one_option(question: Question, value: Any) -> bool:
    return not isinstance(value, (list, bool, float)) and question.option(value) is not None


def _number(question: Question, value: Any):
    spec = question.number
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{_short(value)} is not a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("must be a finite number")
    if isinstance(value, int) and abs(value) > 10**15:
        raise ValueError(f"must lie between {spec.min:g} and {spec.max:g}")
    if not spec.min <= value <= spec.max:
        raise ValueError(f"{value:g} is outside the allowed range {spec.min:g} to {spec.max:g}")
    if spec.integer:
        if value != int(value):
            raise ValueError(f"{value:g} must be a whole number")
        return int(value)
    return float(value) if isinstance(value, float) else value


def _text(question: Question, value: Any) -> str | None:
    if not isinstance(value, str):
        raise ValueError("must be text")
    limit = question.max_length or DEFAULT_TEXT_LIMIT
    if len(value) > limit:
        raise ValueError(f"is {len(value):,} characters long; the limit is {limit:,}")
    problem = control_problem(value) or line_break_problem(value, limit)
    if problem:
        raise ValueError(problem)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("contains invalid characters (lone surrogates)") from None
    return value if value.strip() else None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


@dataclass(frozen=True)
class Progress:
    """How many of the questions asked are answered (the one count the app, PDF and CLI show)."""

    answered: int
    asked: int

    @property
    def share(self) -> float:
        return self.answered / self.asked if self.asked else 0.0


def asked_questions(questions: Iterable[Question], answers: Answers) -> list[Question]:
    """The questions a project is asked: every scored question shown for these answers (a follow-up only
    where its trigger answer holds). Free-text notes are optional and not counted; answers to questions
    not asked do not count either."""
    return [q for q in questions if q.scored and is_visible(q, answers)]


def progress(questions: Iterable[Question], answers: Answers) -> Progress:
    asked = asked_questions(questions, answers)
    return Progress(answered=sum(1 for q in asked if q.id in answers), asked=len(asked))


def all_questions(content: Content) -> list[Question]:
    return [q for s in content.sections for q in s.questions]


@dataclass(frozen=True)
class Misfit:
    """A stored answer that does not fit its question (any more): it counts as unanswered."""

    question_id: str
    question_text: str
    reason: str

    def __str__(self) -> str:
        return f"{self.question_text} ({self.question_id}): the saved answer {self.reason}"


def fit_stored(question: Question, value: Any) -> Any:
    """A stored answer in canonical form, None if it no longer fits the question (never trusted as is)."""
    return _fit(question, value)[0]


def _fit(question: Question, value: Any) -> tuple[Any, str | None]:
    if question.type == "text" and isinstance(value, str):
        value = strip_controls(value)  # saved before control characters were refused: cleaned, not dropped
    try:
        return normalise(question, value), None
    except (ValueError, TypeError) as exc:
        return None, str(exc)


def misfit_answers(content: Content, answers: Answers) -> list[Misfit]:
    """Answers to questions of `content` that do not fit them (wrong type, unknown option, out of range), in
    questionnaire order; answers to questions `content` does not have are not listed."""
    out = []
    for section in content.sections:
        for q in section.questions:
            if answers.get(q.id) is not None:
                reason = _fit(q, answers[q.id])[1]
                if reason:
                    out.append(Misfit(q.id, q.text, reason))
    return out


def fitting_answers(content: Content, answers: Answers) -> Answers:
    """Only the answers that fit a question of `content`, canonical; the rest (other questions, misfits) are left out."""
    out: Answers = {}
    for qid, value in answers.items():
        question = content.questions.get(qid)
        if question is not None and value is not None:
            fitted = fit_stored(question, value)
            if fitted is not None:
                out[qid] = fitted
    return out


def validate_answers(raw: Any, content: Content, source: str) -> Answers:
    """Check a question id → value mapping; collect every problem, naming the question id."""
    if not isinstance(raw, dict):
        raise InputError(Problem(source, "answers", "must be a mapping of question id → answer"))
    problems: list[Problem] = []
    answers: Answers = {}
    for qid, value in raw.items():
        question = content.questions.get(qid)
        if question is None:
            problems.append(Problem(source, f"question {str(qid)[:60]!r}", "unknown question id"))
            continue
        try:
            normalised = normalise(question, value)
        except ValueError as exc:
            problems.append(Problem(source, f"question {qid!r}", str(exc)))
            continue
        if normalised is not None:
            answers[qid] = normalised
    if problems:
        raise InputError(problems)
    return answers


def _check_version(data: dict, source: str, required: bool) -> None:
    version = data.get("schema_version")
    if version is None:
        if required:
            raise InputError(Problem(source, "schema_version", f"is required; add `schema_version: {SCHEMA_VERSION}`"))
        return
    if type(version) is not int or version != SCHEMA_VERSION:
        newer = isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION
        hint = "it was written by a newer planner" if newer else "this planner reads version 1"
        raise InputError(Problem(source, "schema_version", f"{_short(version)} is not supported; {hint}"))


def answers_from_document(data: Any, content: Content, source: str) -> Answers:
    """Answers from a flat mapping (question id → value, optional schema_version) or a project export."""
    if not isinstance(data, dict):
        raise InputError(Problem(source, "top level", "must be a mapping of question id → answer"))
    if "answers" in data:
        doc = read_project_document(data, source)
        return validate_answers(doc["answers"], content, source)
    _check_version(data, source, required=False)
    return validate_answers({k: v for k, v in data.items() if k != "schema_version"}, content, source)


PROJECT_KEYS = {"schema_version", "kind", "project", "answers", "question_files", "plan", "exported_at"}


def read_project_document(data: Any, source: str) -> dict:
    """Structure checks of an exported project (answers are validated against content separately)."""
    if not isinstance(data, dict):
        raise InputError(Problem(source, "top level", "must be a mapping: question id → answer, or a project export "
                                                      "with `schema_version`, `kind` and `answers`"))
    _check_version(data, source, required=True)
    problems = [Problem(source, str(k)[:60], "unknown field") for k in data if k not in PROJECT_KEYS]
    if "kind" in data and data["kind"] != DOCUMENT_KIND:
        problems.append(Problem(source, "kind", f"must be {DOCUMENT_KIND!r}"))
    project = data.get("project", {})
    if not isinstance(project, dict) or set(project) - {"name", "description"}:
        problems.append(Problem(source, "project", "must be a mapping with `name` and optional `description`"))
        project = {}
    name, description = project.get("name", ""), project.get("description", "")
    if not isinstance(name, str) or not isinstance(description, str):
        problems.append(Problem(source, "project", "`name` and `description` must be text"))
    files = data.get("question_files", [])
    if not isinstance(files, list) or not all(
        isinstance(f, dict) and set(f) == {"name", "content"} and all(isinstance(v, str) for v in f.values()) for f in files
    ):
        problems.append(Problem(source, "question_files", "must be a list of {name, content} entries"))
    elif len({f["name"] for f in files}) != len(files):
        problems.append(Problem(source, "question_files", "two team question files have the same name"))
    if not isinstance(data.get("answers"), dict):
        problems.append(Problem(source, "answers", "must be a mapping of question id → answer"))
    if problems:
        raise InputError(problems)
    plan = data.get("plan")
    if plan is not None and not isinstance(plan, dict):
        raise InputError(Problem(source, "plan", "must be a mapping"))
    return {"project": {"name": name, "description": description}, "answers": data["answers"], "question_files": files,
            "plan": plan}


PART_SIZE = 16  # at most this many questions on the page at once: every built-in section fits in one part


def question_parts(count: int, most: int = PART_SIZE) -> list[range]:
    """Split `count` questions into the fewest parts of at most `most`, as even as possible (0-based index ranges).

    A long team section (say 200 questions) is shown one part at a time: in the browser every element on the page
    is drawn again at each answer, so an answer would cost more the longer its section is (issue 16)."""
    if count <= 0:
        return [range(0)]
    n = -(-count // most)
    bounds = [round(i * count / n) for i in range(n + 1)]
    return [range(bounds[i], bounds[i + 1]) for i in range(n)]
