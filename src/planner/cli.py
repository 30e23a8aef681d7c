"""Command line: the same core as the app (python -m planner ...)."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from .answers import answers_from_document
from .assessment import assess
from .content import Content, load_content
from .errors import InputError, Problem
from .public_url import PublicUrlError, configured_public_url
from .render import to_json, to_markdown, to_text
from .render.escape import drop_control_characters
from .safe_yaml import load_document
from .store import StoreError, StoreUnavailable


def question_dicts(content: Content) -> list[dict]:
    """Every question with its section, collaboration point and options (CLI `questions`)."""
    out = []
    for s in content.sections:
        for q in s.questions:
            out.append({
                "id": q.id,
                "section": s.section.id,
                "section_title": s.section.title,
                "collaboration_point": s.section.collaboration_point,
                "informs": sorted(q.informs()),
                "text": q.text,
                "help": q.help,
                "example": q.example,
                "type": q.type,
                "weight": q.weight,
                "options": [{"value": o.value, "label": o.label, "effects": dict(o.effects), "exclusive": o.exclusive}
                            for o in q.options or ()],
                "number": q.number.model_dump() if q.number else None,
                "bands": [b.model_dump() for b in q.bands] if q.bands else None,
                "show_if": q.show_if.model_dump() if q.show_if else None,
                "citations": list(q.citations),
            })
    return out


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputError(Problem(path, "", f"cannot be read ({exc.strerror or exc})")) from None


def _content(extra_files: list[str]) -> Content:
    return load_content(tuple((Path(f).name, _read(f)) for f in extra_files))


_RAW_IN_JSON = re.compile("[\x7f-\x9f]")  # json.dumps(ensure_ascii=False) escapes C0 controls but writes DEL and C1 raw


def _write(text: str, output: str | None, is_json: bool = False) -> None:
    """Write to the file or stdout without control characters (they would act on a terminal); JSON keeps them escaped."""
    text = _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if is_json else drop_control_characters(text)
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def cmd_questions(args) -> None:
    content = _content(args.questions)
    if args.format == "json":
        _write(json.dumps(question_dicts(content), indent=2, ensure_ascii=False), args.output, is_json=True)
        return
    lines = []
    for s in content.sections:
        lines.append(f"== {s.section.title} ({s.section.id}) ==")
        for q in s.questions:
            lines.append(f"{q.id} [{q.type}] {q.text}")
            for o in q.options or ():
                lines.append(f"    {o.value}: {o.label}")
    _write("\n".join(lines), args.output)


def cmd_assess(args) -> None:
    content = _content(args.questions)
    answers = answers_from_document(load_document(_read(args.answers), args.answers), content, args.answers)
    result = assess(content, answers)
    render = {"json": to_json, "text": to_text, "markdown": lambda c, a: to_markdown(c, a, Path(args.answers).stem)}
    _write(render[args.format](content, result), args.output, is_json=args.format == "json")


def cmd_plan(args) -> None:
    from .plan import default_plan
    from .plan.report import build_report
    from .render.formats import FORMATS
    from .transfer import validate_plan_document

    chosen = FORMATS[args.format]
    if chosen.binary and not args.output:
        raise InputError(Problem("plan", "", f"a {args.format.upper()} needs an output file: add -o plan.{chosen.extension} "
                                             "(or use --format markdown)"))
    from .i18n import content_for, language_problem

    if args.language is not None and language_problem(args.language):
        raise InputError(Problem("--language", "", language_problem(args.language)))
    content = _content(args.questions)
    data = load_document(_read(args.answers), args.answers)
    answers = answers_from_document(data, content, args.answers)
    plan_data = data.get("plan") if isinstance(data, dict) else None
    if args.plan:
        plan_data = load_document(_read(args.plan), args.plan)
        source = args.plan
    else:
        source = args.answers
    from .plan.model import Plan

    plan = Plan.model_validate(validate_plan_document(plan_data, source)) if plan_data is not None else default_plan(content, answers)
    language = args.language or plan.language or "en"
    if language != "en":  # the questions, cards and (for a new plan) the plan's defaults in that language
        content = content_for(language, tuple((Path(f).name, _read(f)) for f in args.questions))
        plan = plan if plan_data is not None else default_plan(content, answers)
    if args.start_date is not None:
        plan = _with_start_date(plan, args.start_date)
    name = (data.get("project") or {}).get("name") if isinstance(data, dict) and isinstance(data.get("project"), dict) else None
    report = build_report(content, answers, plan, project_name=name or Path(args.answers).stem, language=language)
    output = chosen.render(report)
    if isinstance(output, str):
        _write(output, args.output, is_json=chosen.extension == "json")
        return
    Path(args.output).write_bytes(output)
    print(f"wrote {args.output} ({len(output):,} bytes)")


def _with_start_date(plan, text: str):
    """The plan with the start date given on the command line (checked like the Plan page's field)."""
    from pydantic import ValidationError

    from .plan.model import Estimation

    try:
        estimation = Estimation.model_validate({**plan.estimation.model_dump(), "start_date": text})
    except ValidationError as exc:
        raise InputError(Problem("--start-date", "", exc.errors(include_url=False)[0]["msg"])) from None
    return plan.model_copy(update={"estimation": estimation})


def cmd_validate(args) -> None:
    names = [(Path(f).name, _read(f)) for f in args.files]
    content = load_content(tuple(names))
    custom = [s for s in content.sections if s.custom]
    count = sum(len(s.questions) for s in custom)
    print(f"OK: {len(custom)} file(s), {count} question(s) valid together with the built-in content")


def cmd_projects(args) -> None:
    """Administrators (who can read the database anyway) list every project, e.g. to recover access."""
    from .store import Store

    store = Store()
    for project in store.list_projects():
        active = [link for link in store.links(project.id) if link.active]
        facilitators = sum(link.role == "facilitator" for link in active)
        print(f"{project.id}  {project.name}  ({facilitators} facilitator link(s), {len(active)} active in all)")


def cmd_link(args) -> None:
    """A new link for a project, printed once (e.g. when every facilitator link was lost)."""
    from urllib.parse import urlencode

    from .store import Store

    base = args.base_url.rstrip("/") + "/" if args.base_url else (configured_public_url() or "http://localhost:8501/")
    store = Store()
    if store.get_project(args.project) is None:
        raise InputError([Problem("project", "", f"no project with id {args.project!r} in this database (PLANNER_DB)")])
    link, token = store.create_link(args.project, args.role, args.label, author="command line")
    page = "workshop" if args.role == "participant" else ""
    print(f"{base}{page}?{urlencode({'project': args.project, 'key': token})}")
    print(f"({link.kind} '{link.label}' created; the app keeps only its fingerprint, so keep this link)", file=sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m planner", description="ML kickoff planner (Nahar et al., ICSE 2022)")
    sub = parser.add_subparsers(dest="command", required=True)

    q = sub.add_parser("questions", help="list the questionnaire")
    q.add_argument("--format", choices=["json", "text"], default="text")
    q.add_argument("--questions", action="append", default=[], metavar="FILE", help="add a team question file")
    q.add_argument("-o", "--output", help="write to this file instead of stdout")
    q.set_defaults(run=cmd_questions)

    a = sub.add_parser("assess", help="score risk per collaboration point from an answers file")
    a.add_argument("answers", help="YAML or JSON: question id → answer, or a project export")
    a.add_argument("--format", choices=["text", "json", "markdown"], default="text")
    a.add_argument("--questions", action="append", default=[], metavar="FILE", help="add a team question file")
    a.add_argument("-o", "--output", help="write to this file instead of stdout")
    a.set_defaults(run=cmd_assess)

    from .render.formats import FORMATS

    p = sub.add_parser("plan", help="build the kickoff plan (PDF, Markdown, ...) from answers")
    p.add_argument("answers", help="YAML or JSON answers, or a project export (its plan is used if present)")
    p.add_argument("-o", "--output", help="output file (required for binary formats such as PDF)")
    p.add_argument("--format", choices=list(FORMATS), default="pdf",
                   help="; ".join(f"{name}: {f.summary}" for name, f in FORMATS.items()))
    p.add_argument("--plan", help="a plan document (YAML/JSON) to use instead of the defaults")
    p.add_argument("--start-date", metavar="YYYY-MM-DD", help="the day work starts (instead of the plan's): P50/P80/P95 and "
                                                               "the committed delivery get calendar dates (working days, Mon-Fri)")
    p.add_argument("--questions", action="append", default=[], metavar="FILE", help="add a team question file")
    p.add_argument("--language", metavar="CODE", help="the document's language (en, de) instead of the plan's (default en)")
    p.set_defaults(run=cmd_plan)

    v = sub.add_parser("validate", help="check team question files against the schema and the built-in content")
    v.add_argument("files", nargs="+")
    v.set_defaults(run=cmd_validate)

    ps = sub.add_parser("projects", help="list every project in the database (PLANNER_DB), for administrators")
    ps.set_defaults(run=cmd_projects)

    lk = sub.add_parser("link", help="create a new facilitator or join link for a project (PLANNER_DB)")
    lk.add_argument("project", help="the project id (see `projects`)")
    lk.add_argument("--role", choices=["facilitator", "participant"], default="facilitator")
    lk.add_argument("--label", default="Created on the command line")
    lk.add_argument("--base-url", default=None,
                    help="the app's address as users see it (default: PLANNER_PUBLIC_URL, else http://localhost:8501)")
    lk.set_defaults(run=cmd_link)
    tr = sub.add_parser("translations", help="coverage of the content's translations: translated, explicit fallback, missing")
    tr.add_argument("--missing", action="store_true", help="also list every missing text")
    tr.set_defaults(run=cmd_translations)
    return parser


def cmd_translations(args) -> None:
    from .content.translations import coverage, coverage_markdown

    report = coverage()
    print(coverage_markdown(report))
    for entry in report if args.missing else ():
        for where in entry.missing:
            print(f"missing: {entry.language} {entry.file}: {where}")


def _fail(message: str, code: int) -> int:
    """One error line; file names and quoted input can hold terminal control characters, so they are dropped."""
    print(f"error: {drop_control_characters(' '.join(str(message).split()))}", file=sys.stderr)
    return code


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        args.run(args)
    except InputError as exc:
        return _fail(exc.one_line(), 1)
    except OSError as exc:
        return _fail(exc.strerror or str(exc), 1)
    except (StoreUnavailable, PublicUrlError) as exc:  # PLANNER_DB cannot be opened, a bad PLANNER_PUBLIC_URL: set-up problems
        return _fail(str(exc), 2)
    except (StoreError, ValueError) as exc:
        return _fail(str(exc), 1)
    return 0
