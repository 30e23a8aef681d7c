"""Export and import of a project (answers + team question files) as YAML or JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

import yaml
from pydantic import ValidationError

from .answers import DOCUMENT_KIND, answers_from_document, fitting_answers, read_project_document, validate_answers
from .content import SCHEMA_VERSION, load_content
from .errors import InputError, Problem, format_path, label_from_data
from .filenames import team_file_name
from .plan.model import Plan
from .safe_yaml import load_document
from .store import Project, Store, clean_description, clean_name
from .text import first_control, strip_controls

IMPORT_LIMIT = 2 * 1024 * 1024


def validate_plan_document(data, source: str) -> dict:
    """A plan from a file: checked against the plan schema, returned in canonical form."""
    try:
        return Plan.model_validate(data).model_dump(mode="json")
    except ValidationError as exc:
        label_of = label_from_data(data)
        raise InputError([Problem(source, "plan › " + format_path(tuple(e["loc"]), label_of), e["msg"])
                          for e in exc.errors(include_url=False)][:20]) from None


def export_document(store: Store, project_id: str) -> dict:
    """The project as a document `read_import` accepts again.

    Answers to questions the project no longer has (a team file was removed) and answers that no longer
    fit their question are left out; control characters saved before they were refused are removed.
    """
    snapshot = store.snapshot(project_id)
    files = list(snapshot.question_files)
    try:
        answers = fitting_answers(load_content(tuple((n, c.encode("utf-8")) for n, c in files)), snapshot.answers)
    except InputError:  # a team file the current content rejects: the import will say so; keep every answer
        answers = strip_controls(snapshot.answers)
    project = snapshot.project
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": DOCUMENT_KIND,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "project": {"name": project.name, "description": strip_controls(project.description)},
        "answers": answers,
        "question_files": [{"name": n, "content": c} for n, c in files],
        **({"plan": strip_controls(snapshot.plan)} if snapshot.plan is not None else {}),
    }


def dump(document: dict, fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
    if yaml.safe_load(text) != document:  # e.g. U+0085 is written raw and read back as a line break
        text = yaml.safe_dump(document, allow_unicode=False, sort_keys=False, width=100)
    return text.encode("utf-8")


@dataclass(frozen=True)
class ImportPreview:
    """A validated import, not yet written."""

    name: str
    description: str
    answers: dict
    question_files: list[tuple[str, str]]
    plan: dict | None = None


def read_import(raw: bytes, source: str) -> ImportPreview:
    """Validate an exported project completely before anything is written."""
    data = load_document(raw, source, max_bytes=IMPORT_LIMIT)
    if isinstance(data, dict) and "answers" not in data:  # a plain answers file (question id → answer)
        answers = answers_from_document(data, load_content(), source)
        stem = source.rsplit("/", 1)[-1].rsplit(".", 1)[0].replace("-", " ").replace("_", " ")
        try:
            name = clean_name(stem[:120])
        except ValueError:
            name = "Imported project"
        return ImportPreview(name, "", answers, [])
    doc = read_project_document(data, source)
    files = _team_files(doc["question_files"])
    content = load_content(tuple((n, c.encode("utf-8")) for n, c in files))
    answers = validate_answers(doc["answers"], content, source)
    plan = validate_plan_document(doc["plan"], source) if doc["plan"] is not None else None
    if plan is not None and (found := first_control(plan)):
        raise InputError(Problem(source, f"plan › {found[0]}", found[1]))
    try:
        name = clean_name(doc["project"]["name"] or source.rsplit(".", 1)[0])
        description = clean_description(doc["project"]["description"])
    except ValueError as exc:
        raise InputError(Problem(source, "project", str(exc))) from None
    return ImportPreview(name, description, answers, files, plan)


def _team_files(entries: list[dict]) -> list[tuple[str, str]]:
    """Team files of an import under safe, distinct names (the upload's rule: no path parts or control characters)."""
    files: list[tuple[str, str]] = []
    for entry in entries:
        name = team_file_name(entry["name"])
        stem, n = name.removesuffix(".yaml"), 2
        while name in {f for f, _ in files}:
            name, n = f"{stem[:90]}-{n}.yaml", n + 1
        files.append((name, entry["content"]))
    return files


def import_as_new(store: Store, preview: ImportPreview, author: str = "", browser: str | None = None,
                  owner: str | None = None) -> Project:
    return store.import_project(preview.name, preview.description, preview.answers, preview.question_files, preview.plan,
                                author=author, browser=browser, owner=owner)


def replace_project_answers(store: Store, project_id: str, preview: ImportPreview, author: str = "") -> None:
    """Explicitly chosen overwrite of an existing project's answers (the UI asks first)."""
    store.replace_answers(project_id, preview.answers, preview.question_files, preview.plan, author=author)


def export_answers_csv(store: Store, project_id: str) -> bytes:
    """The project's answers as CSV for spreadsheets (UTF-8 with BOM so Excel reads it); not importable."""
    from .render.csv_export import answers_csv

    snapshot = store.snapshot(project_id)
    extra = tuple((name, text.encode("utf-8")) for name, text in snapshot.question_files)
    try:
        content = load_content(extra)
    except InputError:  # a broken team file: export what the built-in questions cover
        content = load_content()
    return answers_csv(content, snapshot.answers).encode("utf-8-sig")
