"""The bad-input catalogue: every named case, what happens, and the message a user sees.

Each case runs the real entry point (import, team question file, answers, plan, PDF/Markdown/CSV
rendering, file names, links, database) and returns the text a user is shown. The test checks the
expected part of that text, that no traceback leaks, and that nothing was changed where a change
was refused. docs/bad-inputs.md is generated from this list:

    .venv/bin/python tests/test_bad_inputs.py > docs/bad-inputs.md
"""

from __future__ import annotations

import io
import os
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

ROOT = Path(__file__).resolve().parents[1]
for _path in (str(ROOT / "src"), str(ROOT)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from planner.content import content_dir, load_content  # noqa: E402
from planner.content import translations as content_translations  # noqa: E402
from planner.errors import InputError  # noqa: E402
from planner.filenames import safe_filename  # noqa: E402
from planner.plan.model import Plan, Task  # noqa: E402
from planner.plan.report import build_report  # noqa: E402
from planner.render.csv_export import answers_csv  # noqa: E402
from planner.render.escape import escape_markdown  # noqa: E402
from planner.safe_yaml import load_yaml  # noqa: E402
from planner.store import Store, StoreError  # noqa: E402
from planner.transfer import read_import, validate_plan_document  # noqa: E402

CONTENT = load_content()


@dataclass(frozen=True)
class Case:
    id: str
    group: str
    input: str  # what the user supplies, in words
    run: Callable[[], str]  # returns what the user is shown
    expect: str  # part of that text


# -- runners -------------------------------------------------------------------------------------------------

def imported(raw: bytes, name: str = "answers.yaml") -> str:
    """The Import tab / `assess`: a refused file lists its problems; an accepted one says what it holds."""
    try:
        preview = read_import(raw, name)
    except InputError as exc:
        return "Refused, nothing changed: " + "; ".join(str(p) for p in exc.problems[:3])
    return f"Accepted: {len(preview.answers)} answer(s) " + ", ".join(f"{k}={v!r}" for k, v in list(preview.answers.items())[:2])


def team_file(raw: bytes, name: str = "team.yaml") -> str:
    try:
        load_content(((name, raw),))
    except InputError as exc:
        return "Refused, shown on the page: " + "; ".join(str(p) for p in exc.problems[:2])
    return "Accepted"


def plan_document(data) -> str:
    try:
        validate_plan_document(data, "plan.yaml")
    except InputError as exc:
        return "Refused, nothing changed: " + "; ".join(str(p) for p in exc.problems[:2])
    return "Accepted"


def estimate_rows(*rows: tuple) -> str:
    """The Plan page / PDF / JSON schedule for tasks with these (name, optimistic, likely, pessimistic) rows."""
    from planner.assessment import assess
    from planner.plan.buffers import compute_buffers

    plan = Plan(tasks=[Task(name=n, optimistic=a, likely=m, pessimistic=b) for n, a, m, b in rows])
    result = compute_buffers(plan, {}, assess(CONTENT, {}))
    if result.blocked:
        return "Simulation blocked until fixed: " + "; ".join(result.row_problems)
    return f"Simulated: P80 {result.summary.p80:.0f} working days"


def monitoring_cost(text: str, language: str) -> str:
    """A monitoring cost typed as text in the app's language: what is saved, or the message shown."""
    from planner.plan.units import parse_amount

    try:
        return f"saved as {parse_amount(text, language):,.2f}"
    except ValueError as exc:
        return str(exc)


def estimate_form(tasks: int, number: int, **values) -> str:
    """The Plan page's estimate form for task `number` (1-based) of a plan of `tasks`, and what the Effort section shows."""
    from planner.plan.editing import with_estimates
    from planner.plan.model import first_problem

    plan = Plan(tasks=[Task(name=f"Task {i + 1}", optimistic=2, likely=5, pessimistic=20) for i in range(tasks)])
    try:
        changed = Plan.model_validate(with_estimates(plan, number - 1, values).model_dump())
    except ValueError as exc:
        return f"Not saved: {first_problem(exc)}"
    return estimate_rows(*((t.name, t.optimistic, t.likely, t.pessimistic) for t in changed.tasks))


def release_checks(release: dict) -> str:
    """The release-criteria checks the Plan page and the PDF show for a plan with the default roles."""
    from planner.plan import default_plan
    from planner.plan.checks import release_findings

    plan = default_plan(CONTENT, {}).model_copy(update={"release_criteria": Plan.model_validate({"release_criteria": release}).release_criteria})
    return "Shown under the section: " + "; ".join(f"{f.level}: {f.message} ({f.citation})" for f in release_findings(plan))


def pdf_and_markdown(text: str) -> str:
    """Text in an answer and in plan fields: the PDF shows it literally, Markdown escapes it."""
    from pypdf import PdfReader

    from planner.render.plan_markdown import plan_markdown
    from planner.render.plan_pdf import build_pdf

    answers = {"setup_ml_purpose": text}
    plan = Plan(participants=[text[:200]], tasks=[Task(name=text[:200], driver="model", optimistic=1, likely=2, pessimistic=3)])
    report = build_report(CONTENT, answers, plan, project_name=text[:120], date="2026-01-01")
    pdf = build_pdf(report, invariant=True)
    reader = PdfReader(io.BytesIO(pdf))
    assert b"/URI" not in pdf and b"/JavaScript" not in pdf
    for page in reader.pages:
        xobjects = (page.get("/Resources") or {}).get("/XObject") or {}
        assert all(xobjects[k].get_object().get("/Subtype") != "/Image" for k in xobjects)
    plan_markdown(report)  # must not raise
    shown = "".join(p.extract_text() for p in reader.pages)
    literal = "".join(text.split())[:40] in "".join(shown.split())
    return f"PDF: {len(reader.pages)} pages, text {'shown literally' if literal else 'shown with fallback glyphs'}; " \
           f"page/Markdown: {escape_markdown(text)[:60]}"


def word_and_markdown(text: str) -> str:
    """A task name in the Markdown export and in the Word file: shown as typed (markup inert, no control characters)."""
    from docx import Document

    from planner.render.plan_docx import plan_docx
    from planner.render.plan_markdown import plan_markdown

    report = build_report(CONTENT, {}, Plan(tasks=[Task(name=text[:200], driver="model", optimistic=1, likely=2, pessimistic=3)]),
                          project_name=text[:120], date="2026-01-01")
    row = next(line for line in plan_markdown(report).splitlines() if line.startswith("| 1 |"))
    tasks = next(t for t in Document(io.BytesIO(plan_docx(report, invariant=True))).tables if t.rows[0].cells[0].text == "#")
    return f"Markdown: {row.split(' | ')[1]}; Word: {tasks.rows[1].cells[1].text}"


def links_shown(text: str) -> str:
    """Text on a page and in the Markdown export: would a GFM renderer (Streamlit, GitHub) make links of it?"""
    from gfm_autolink import autolinks

    from planner.render.plan_markdown import plan_markdown

    report = build_report(CONTENT, {"setup_ml_purpose": text}, Plan(tasks=[Task(name=text[:200])]), project_name=text[:120], date="2026-01-01")
    page, export = autolinks(escape_markdown(text)), autolinks(plan_markdown(report))
    return f"Links on the page: {len(page) or 'none'}, in the Markdown export: {len(export) or 'none'} (an invisible word joiner breaks them)"


def cli_output(answer: str) -> str:
    """`python -m planner plan FILE --format markdown` with this text answer: what reaches the terminal."""
    import contextlib
    import json

    from planner.cli import main

    path = Path(os.environ["BAD_INPUT_TMP"]) / "esc.json"
    path.write_text(json.dumps({"setup_ml_purpose": answer}), encoding="utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(["plan", str(path), "--format", "markdown"])
    controls = sorted({f"U+{ord(c):04X}" for c in out.getvalue() if ord(c) < 32 and c not in "\t\n" or 0x7f <= ord(c) <= 0x9f})
    return f"exit {code}; terminal gets " + (", ".join(controls) if controls else "no control characters (they are dropped)")


def cli_language(code: str) -> str:
    """`python -m planner plan FILE --format markdown --language CODE`: the exit code and the error line."""
    import contextlib

    from planner.cli import main

    path = Path(os.environ["BAD_INPUT_TMP"]) / "language.yaml"
    path.write_text("setup_trajectory: parallel\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["plan", str(path), "--format", "markdown", "--language", code])
    return f"exit {code}: {err.getvalue().strip()}"


def cli_start_date(text: str) -> str:
    """`python -m planner plan FILE --format json --start-date TEXT`: the exit code and the error line."""
    import contextlib

    from planner.cli import main

    path = Path(os.environ["BAD_INPUT_TMP"]) / "start.yaml"
    path.write_text("setup_trajectory: parallel\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["plan", str(path), "--format", "json", "--start-date", text])
    return f"exit {code}: {err.getvalue().strip()}" + (" (and output was printed)" if out.getvalue() else "")


def csv_cell(text: str) -> str:
    import csv

    rows = list(csv.reader(io.StringIO(answers_csv(CONTENT, {"setup_ml_purpose": text}), newline="")))
    return "CSV cell: " + rows[1][3][:40]


def filename(stem: str) -> str:
    return "Download name: " + safe_filename(stem, "pdf")


def project_link(param, key=None) -> str:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["project"] = param
    if key is not None:
        at.query_params["key"] = key
    at.switch_page("pages/questionnaire.py")
    at.run()
    assert not at.exception
    return " ".join(str(e.value) for kind in ("error", "warning", "info") for e in at.get(kind))


def keyed_link(make_key: Callable[[Store, str], str]) -> str:
    """Opening a real project with a key made by `make_key(store, project_id)`; the project name must not show."""
    store = Store()
    project = store.create_project("Hidden project name", browser="creator-browser-aaaaaaaaaaaa")
    shown = project_link(project.id, make_key(store, project.id))
    return shown.replace("Hidden project name", "!! the project name was shown !!")


def _revoked_key(store: Store, project_id: str) -> str:
    link, token = store.create_link(project_id, "participant", "Join")
    store.revoke_link(project_id, link.id)
    return token


def _other_projects_key(store: Store, project_id: str) -> str:
    other = store.create_project("Other")
    return store.create_link(other.id, "facilitator")[1]


def workshop_answer(question_id: str, value) -> str:
    """A participant's answer as the workshop page saves it (a crafted frame can send any string)."""
    store = Store()
    project = store.create_project("Workshop")
    person, _ = store.join_workshop(project.id, "Ana", "Client")
    try:
        store.save_expectation(project.id, person.id, question_id, value)
    except (ValueError, StoreError) as exc:
        return f"Not saved: {exc}"
    return "Saved: " + repr(store.participants(project.id)[0].answers)


def colleague_share(email: str) -> str:
    """A facilitator shares a project with a colleague by e-mail (Projects → Share and access, with sign-in configured)."""
    store = Store()
    owner = store.sign_in("https://login.example.org", "sub-ana", email="ana@example.org", name="Ana")
    project = store.create_project("Shared", owner=owner.id)
    try:
        store.share_project(project.id, email, author=owner.author)
    except (ValueError, StoreError) as exc:
        return f"Not shared: {exc}. (shared with: {[s.email for s in store.project_shares(project.id)]})"
    return "Shared with " + repr([s.email for s in store.project_shares(project.id)])


def workshop_join_flood() -> str:
    from planner.store.store import JOINS_PER_LINK_PER_MINUTE

    store = Store()
    project = store.create_project("Workshop")
    link, _ = store.create_link(project.id, "participant", "Join")
    try:
        for i in range(JOINS_PER_LINK_PER_MINUTE + 1):
            store.join_workshop(project.id, f"Person {i}", "Client", via=link.id)
    except StoreError as exc:
        return f"Not joined: {exc}"
    return f"Joined {JOINS_PER_LINK_PER_MINUTE + 1} people"


def workshop_room_change(change: Callable[[Store, str], object]) -> str:
    """A facilitator's reveal or timer click as the workshop page sends it (a crafted frame can send any value)."""
    store = Store()
    project = store.create_project("Workshop")
    try:
        change(store, project.id)
    except StoreError as exc:
        return f"Not revealed: {exc}"
    except ValueError as exc:
        return f"Timer not changed: {exc}."
    room = store.workshop_room(project.id)
    return f"Changed: revealed {room.revealed}, timer {room.timer.seconds} s"


def parked_question(question: str, who: str = "", times: int = 1) -> str:
    """A participant adds a question to the workshop's parking lot (`times` in a row), as the Workshop page saves it."""
    store = Store()
    project = store.create_project("Workshop")
    person, _ = store.join_workshop(project.id, "Ana", "Client")
    try:
        for _ in range(times):
            store.park_question(project.id, person.id, question, who)
    except (ValueError, StoreError) as exc:
        return f"Not added: {str(exc).rstrip('.')}. ({len(store.parked_questions(project.id))} kept)"
    return f"Added: {len(store.parked_questions(project.id))} question(s)"
def workshop_join_as(role: str) -> str:
    """Joining with a role the page does not offer (any more), as a crafted frame could send it."""
    store = Store()
    project = store.create_project("Workshop")
    try:
        store.join_workshop(project.id, "Bo", role)
    except (ValueError, StoreError) as exc:
        return f"Not joined: {exc}"
    return "Joined as " + store.participants(project.id)[0].role


def workshop_into_full_plan() -> str:
    """The facilitator puts the room into a plan whose participant list is already full (Workshop page)."""
    from planner.content import load_content
    from planner.plan import Plan
    from planner.workshop import divergence, record_room

    store = Store()
    project = store.create_project("Workshop")
    store.join_workshop(project.id, "Ana", "Client")
    people = store.participants(project.id)
    plan = Plan(participants=[f"Person {i}" for i in range(100)])
    try:
        record_room(plan, divergence(load_content(), people), people)
    except ValueError as exc:
        return f"Not put into the plan: {exc}; the plan keeps its {len(plan.participants)} participants"
    return "Put into the plan"


def app_with_public_url(value: str) -> str:
    """Starting the app with PLANNER_PUBLIC_URL = `value`: what the Projects page shows (no exception box)."""
    import re

    from streamlit.testing.v1 import AppTest

    before = os.environ.get("PLANNER_PUBLIC_URL")
    os.environ["PLANNER_PUBLIC_URL"] = value
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
        at.run()
    finally:
        if before is None:
            os.environ.pop("PLANNER_PUBLIC_URL", None)
        else:
            os.environ["PLANNER_PUBLIC_URL"] = before
    assert not at.exception, [e.value for e in at.exception]
    return re.sub(r"\\(.)", r"\1", " ".join(str(e.value) for e in at.error)).replace("\u2060", "")  # as read


def room_code_entered(typed: Callable[[str], str], hours_later: float = 0, wrong_before: int = 0) -> str:
    """A participant types a room code on the Projects page (`typed(real code)`), `hours_later` after it was made,
    after typing `wrong_before` wrong codes in the same browser."""
    import re
    from datetime import timedelta

    from streamlit.testing.v1 import AppTest

    from planner.store import room_codes

    store = Store()
    project = store.create_project("Hidden workshop name", browser="creator-browser-aaaaaaaaaaaa")
    code = store.create_room_code(project.id, browser="creator-browser-aaaaaaaaaaaa", hours=1).code
    clock = room_codes.now
    room_codes.now = lambda: clock() + timedelta(hours=hours_later)
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
        at.run()
        wrong = next(c * 6 for c in room_codes.ALPHABET if c * 6 != code)
        for text in [wrong] * wrong_before + [typed(code)]:
            at.text_input(key="home_room_code_text").set_value(text)
            next(b for b in at.button if b.label == "Join").click()
            at.run()
    finally:
        room_codes.now = clock
    assert not at.exception, [e.value for e in at.exception]
    shown = re.sub(r"\\(.)", r"\1", " ".join(str(e.value) for kind in ("error", "warning") for e in at.get(kind)))
    joined = any(t.key == "workshop_name" for t in at.text_input)
    return (shown or "(no message)") + (" [the join form opened]" if joined else "")


def database(prepare: Callable[[Path], Store]) -> str:
    """Creating a project on a database in a bad state."""
    folder = Path(os.environ["BAD_INPUT_TMP"])
    try:
        prepare(folder / f"db-{len(list(folder.iterdir()))}.db").create_project("New")
    except StoreError as exc:
        return f"Not saved: {exc}"
    return "Saved"


def _locked(path: Path) -> Store:
    Store(str(path)).create_project("Existing")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    _HELD.append(holder)
    os.environ["PLANNER_DB_BUSY_TIMEOUT"] = "0.2"
    return Store(str(path))


def _read_only(path: Path) -> Store:
    Store(str(path)).create_project("Existing")
    return Store(f"sqlite:///file:{path}?mode=ro&uri=true")


def _deleted(path: Path) -> Store:
    store = Store(str(path))  # the running app's store
    store.create_project("Existing")
    for file in path.parent.glob(path.name + "*"):
        file.unlink()
    return store


def _corrupt(path: Path) -> Store:
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4080)
    return Store(str(path))


def app_with_database(make_setting: Callable[[Path], str]) -> str:
    """Starting the app with PLANNER_DB = `make_setting(folder)`: what the Projects page shows (no exception box)."""
    import re

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    before = os.environ.get("PLANNER_DB")
    os.environ["PLANNER_DB"] = make_setting(Path(os.environ["BAD_INPUT_TMP"]))
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
        at.run()
    finally:
        if before is None:
            os.environ.pop("PLANNER_DB", None)
        else:
            os.environ["PLANNER_DB"] = before
        st.cache_resource.clear()
    assert not at.exception, [e.value for e in at.exception]
    return re.sub(r"\\(.)", r"\1", " ".join(str(e.value) for e in at.error))  # as read, without the Markdown escapes


def _text_file(folder: Path) -> str:
    (folder / "notes.txt").write_text("meeting notes, not a database\n" * 50)
    return str(folder / "notes.txt")


def _file_as_folder(folder: Path) -> str:
    (folder / "a-file").write_text("x")
    return str(folder / "a-file" / "planner.db")


def _bad_old_timestamp(folder: Path) -> str:
    """A database from before 0007 whose project row has a creation time that is not a date."""
    from alembic import command
    from alembic.config import Config

    from planner.store.db import make_engine
    from planner.store.migrate import MIGRATIONS

    path = folder / "old-0006.db"
    engine = make_engine(f"sqlite:///{path}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0006")
        conn.exec_driver_sql("INSERT INTO projects VALUES ('OldProject01', 'Old', '', 'last tuesday', "
                             "'2025-01-01T00:00:00+00:00', 1)")
    engine.dispose()
    return str(path)


def full_disk_link() -> str:
    """Opening a facilitator link while every write fails (disk full): the project is read and shown."""
    from unittest import mock

    from streamlit.testing.v1 import AppTest

    from planner.store.store import _operational_message

    store = Store()
    project = store.create_project("Readable project")
    _, token = store.create_link(project.id, "facilitator")

    def full(self):
        raise StoreError(_operational_message("database or disk is full"))

    with mock.patch.object(Store, "_write", full):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
        at.query_params["project"], at.query_params["key"] = project.id, token
        at.switch_page("pages/questionnaire.py")
        at.run()
        assert not at.exception
        shown = [str(e.value) for kind in ("error", "warning") for e in at.get(kind)]
        return f"Opened: {at.title[0].value}" + (f"; shown: {' '.join(shown)}" if shown else "")


_HELD: list = []

TEAM_FILE_D9 = """schema_version: 1
section:
  id: team_extra
  title: Team extra questions
  collaboration_point: data
  order: 60
  intro: Questions our team added.
  citations: ["§6.2, D1"]
questions:
  - id: team_q_one
    text: How fresh is the data?
    help: Stale data hides quality problems.
    example: One snapshot from last year.
    type: single
    options:
      - {value: a, label: A, effects: {D9: 1.0}}
      - {value: b, label: B, effects: {}}
    citations: ["§6.2, D1"]
"""

TEAM_FILE_SINGLE = TEAM_FILE_D9.replace("D9", "D1")
TEAM_FILE_NUMBER = TEAM_FILE_SINGLE.split("    type: single")[0] + """    type: number
    number: {min: 0, max: 52, unit: weeks}
    bands:
      - {below: 4, effects: {}}
      - {effects: {D1: 1.0}}
    citations: ["§6.2, D1"]
"""


def translation_file(body: str, name: str = "10-setup.yaml") -> str:
    """A content author's translation file (questionnaires/translations/de/...), read as the loader reads it."""
    english = load_yaml((content_dir() / name).read_bytes(), name)
    try:
        content_translations.parse_translation(("schema_version: 1\nlanguage: de\n" + body).encode("utf-8"),
                                               f"translations/de/{name}", "de", content_translations.units_of(name, english))
    except InputError as exc:
        return "Refused, nothing loaded: " + "; ".join(str(p) for p in exc.problems[:2])
    return "Accepted"


def team_file_replaced(new: str, stored: dict) -> str:
    """The Questionnaire's "Check and add" for a replacement: answers that no longer fit are listed first."""
    from planner.answers import misfit_answers

    misfits = misfit_answers(load_content((("team.yaml", new.encode()),)), stored)
    if not misfits:
        return "Added"
    return (f"Asks first, nothing changed: {len(misfits)} saved answer(s) would be cleared: "
            + "; ".join(str(m) for m in misfits) + " (cleared only after confirming)")


def team_file_names_imported(name: str) -> str:
    import json

    doc = {"schema_version": 1, "kind": "ml-kickoff-planner/project", "project": {"name": "P"}, "answers": {},
           "question_files": [{"name": name, "content": TEAM_FILE_SINGLE}]}
    preview = read_import(json.dumps(doc).encode(), "p.json")
    return "Accepted, team file stored as " + ", ".join(f"{n!r} ({len(n)} characters)" for n, _ in preview.question_files)


def saved_text(save: Callable[[Store, str], object]) -> str:
    """A save through the store, as a crafted websocket frame would reach it (the form is bypassed)."""
    store = Store()
    project = store.create_project("P")
    try:
        save(store, project.id)
    except ValueError as exc:
        return f"Not saved: {exc}"
    return "Saved"


def export_after_team_file_removed() -> str:
    from planner.transfer import dump, export_document

    store = Store()
    project = store.create_project("P")
    store.save_question_file(project.id, "team.yaml", TEAM_FILE_SINGLE)
    store.save_answer(project.id, "team_q_one", "b")
    store.remove_question_file(project.id, "team.yaml")
    return imported(dump(export_document(store, project.id), "yaml"), "export.yaml")


# -- the catalogue -------------------------------------------------------------------------------------------

Y = "answers file (YAML)"
J = "answers file (JSON)"
T = "text in an answer or plan field"
CASES = [
    Case("yaml-python-tag", Y, "`!!python/object/apply:os.system` tag", lambda: imported(b"setup_trajectory: !!python/object/apply:os.system ['id']\n"), "tags are not allowed"),
    Case("yaml-alias-bomb", Y, "anchors and aliases (billion laughs)", lambda: imported(b"a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"), "anchors are not allowed"),
    Case("yaml-deep-nesting", Y, "10,000 nested lists", lambda: imported(b"[" * 10000 + b"]" * 10000), "nesting is deeper than 12 levels"),
    Case("yaml-huge-file", Y, "a 6 MB file", lambda: imported(b"# " + b"x" * 6_000_000 + b"\n"), "the limit is 2,097,152 bytes"),
    Case("yaml-multi-document", Y, "two documents separated by `---`", lambda: imported(b"setup_trajectory: parallel\n---\nsetup_trajectory: model_first\n"), "several YAML documents"),
    Case("yaml-duplicate-key", Y, "the same question twice", lambda: imported(b"setup_trajectory: parallel\nsetup_trajectory: model_first\n"), "duplicate key 'setup_trajectory' (first on line 1)"),
    Case("yaml11-no", Y, "`no` as an answer", lambda: imported(b"setup_trajectory: no\n"), "'no' would be read as a yes/no boolean"),
    Case("yaml11-on", Y, "`on` as an answer", lambda: imported(b"setup_trajectory: on\n"), "'on' would be read as a yes/no boolean"),
    Case("yaml11-octal", Y, "`0755`", lambda: imported(b"setup_team_size: 0755\n"), "octal, hex or base-60"),
    Case("yaml11-base60", Y, "`1:30`", lambda: imported(b"setup_team_size: 1:30\n"), "octal, hex or base-60"),
    Case("yaml-date", Y, "`2024-01-01` as a text answer", lambda: imported(b"setup_ml_purpose: 2024-01-01\n"), "would be read as a date"),
    Case("yaml-nan", Y, "`.nan` as a number", lambda: imported(b"setup_team_size: .nan\n"), "not a finite decimal number"),
    Case("wrong-top-level", Y, "a list instead of a mapping", lambda: imported(b"- setup_trajectory\n- parallel\n"), "must be a mapping"),
    Case("unknown-question", Y, "a misspelt question id", lambda: imported(b"setup_trajectry: parallel\n"), "question 'setup_trajectry': unknown question id"),
    Case("unknown-option", Y, "an answer that is not one of the options", lambda: imported(b"setup_trajectory: sideways\n"), "setup_trajectory"),
    Case("schema-version-missing", J, "a project export without `schema_version`", lambda: imported(b'{"kind": "ml-kickoff-planner/project", "answers": {}}', "p.json"), "add `schema_version: 1`"),
    Case("schema-version-future", Y, "`schema_version: 99`", lambda: imported(b"schema_version: 99\nkind: ml-kickoff-planner/project\nanswers: {}\n"), "written by a newer planner"),
    Case("empty-file", Y, "an empty file", lambda: imported(b""), "the file is empty"),
    Case("utf8-bom", Y, "UTF-8 with a byte-order mark", lambda: imported("\ufeffsetup_trajectory: parallel\n".encode("utf-8")), "Accepted: 1 answer"),
    Case("utf16", Y, "a UTF-16 file", lambda: imported("setup_trajectory: parallel\n".encode("utf-16")), "save it as UTF-8"),
    Case("invalid-utf8", Y, "Latin-1 bytes", lambda: imported(b"setup_ml_purpose: caf\xe9\n"), "not valid UTF-8"),
    Case("nul-bytes", Y, "a NUL byte", lambda: imported(b"setup_ml_purpose: a\x00b\n"), "NUL byte"),
    Case("number-nan", J, "`NaN`", lambda: imported(b'{"setup_team_size": NaN}', "a.json"), "NaN is not a valid number"),
    Case("number-infinity", J, "`Infinity`", lambda: imported(b'{"setup_team_size": -Infinity}', "a.json"), "Infinity is not a valid number"),
    Case("number-negative", Y, "team size −1", lambda: imported(b"setup_team_size: -1\n"), "outside the allowed range 1 to 500"),
    Case("number-huge", Y, "10**100", lambda: imported(b"setup_team_size: 1" + b"0" * 100 + b"\n"), "too large"),
    Case("number-string", Y, "`twelve` for a number", lambda: imported(b"setup_team_size: twelve\n"), "'twelve' is not a number"),
    Case("number-boolean", Y, "`true` for a number", lambda: imported(b"setup_team_size: true\n"), "True is not a number"),
    Case("lone-surrogate", J, "`\\ud800` in a text answer", lambda: imported(b'{"setup_ml_purpose": "\\ud800"}', "a.json"), "lone surrogate"),
    Case("team-file-unknown-challenge", "team question file", "an option raising challenge `D9`", lambda: team_file(TEAM_FILE_D9.encode()), "D9"),
    Case("team-file-floor-without-citation", "team question file", "`floors: {D1: 0.8}` without `floor_citation`",
         lambda: team_file(TEAM_FILE_SINGLE.replace("effects: {D1: 1.0}}", "effects: {D1: 1.0}, floors: {D1: 0.8}}").encode()),
         "cite where the study says this answer causes the problem by itself"),
    Case("team-file-floor-dropped-by-riskier-answer", "team question file", "a floor on one answer, none on an answer riskier everywhere",
         lambda: team_file(TEAM_FILE_SINGLE.replace("effects: {D1: 1.0}}", 'effects: {D1: 0.5}, floors: {D1: 0.8}, floor_citation: "§6.2, D1"}')
                           .replace("{value: b, label: B, effects: {}}", "{value: b, label: B, effects: {D1: 1.0}}").encode()),
         "option 'b' signals at least as much risk as option 'a' everywhere, so it needs its floor too"),
    Case("team-file-changes-answered-type", "team question file", "a replacement turning an answered single-choice question into a number",
         lambda: team_file_replaced(TEAM_FILE_NUMBER, {"team_q_one": "b"}), "'b' is not a number"),
    Case("team-file-removes-answered-option", "team question file", "a replacement without the option an answer chose",
         lambda: team_file_replaced(TEAM_FILE_SINGLE.replace("value: b", "value: c"), {"team_q_one": "b"}), "would be cleared"),
    Case("translation-unknown-id", "translation file", "a question id the English file does not have",
         lambda: translation_file("questions:\n  setup_no_such:\n    text: Hallo\n"), "questions › setup_no_such: unknown id 'setup_no_such'"),
    Case("translation-unknown-field", "translation file", "`txt:` instead of `text:`",
         lambda: translation_file("questions:\n  setup_trajectory:\n    txt: Hallo\n"), "unknown field 'txt'; translatable here: example, help"),
    Case("translation-not-a-text-field", "translation file", "a translated `citations:` (ids, values, effects and citations are never translated)",
         lambda: translation_file("questions:\n  setup_trajectory:\n    citations: Hallo\n"), "unknown field 'citations'"),
    Case("translation-wrong-type", "translation file", "a number where a text belongs",
         lambda: translation_file("questions:\n  setup_trajectory:\n    text: 5\n"), "setup_trajectory › text: must be text, not int"),
    Case("translation-duplicate-key", "translation file", "`text:` twice for one question",
         lambda: translation_file("questions:\n  setup_trajectory:\n    text: A\n    text: B\n"), "duplicate key"),
    Case("translation-fallback-unknown", "translation file", "a `fallback:` entry that names nothing",
         lambda: translation_file("fallback:\n  questions › setup_nope: later\n"), "names nothing translatable"),
    Case("import-team-file-name-traversal", "project import", "a team file named `../../etc/passwd\\r\\nX`",
         lambda: team_file_names_imported("../../etc/passwd\r\nX"), "'etc-passwd-X.yaml'"),
    Case("import-team-file-name-long", "project import", "a 5,000-character team file name",
         lambda: team_file_names_imported("n" * 5000), "(100 characters)"),
    Case("description-control-characters", "project name/description", "NUL and ESC in the description (crafted frame)",
         lambda: saved_text(lambda s, p: s.update_project(p, "P", "before\x00after \x1b[31m")), "the description contains a NUL character"),
    Case("plan-text-control-characters", "plan document", "ESC in a plan text field (crafted frame)",
         lambda: saved_text(lambda s, p: s.save_plan(p, {"schema_version": 1, "data_agreement": {"quantity": "10k \x1b[31m"}})),
         "data_agreement › quantity contains the control character U+001B"),
    Case("answer-control-characters", T, "ESC in a text answer (crafted frame)",
         lambda: saved_text(lambda s, p: s.save_answer(p, "setup_ml_purpose", "a\x1b]0;pwned\x07")), "U+001B"),
    Case("export-after-team-file-removed", "project export", "export after the team file of an answered question was removed",
         export_after_team_file_removed, "Accepted: 0 answer(s)"),
    Case("plan-bad-estimate", "plan document", "`optimistic: lots`", lambda: plan_document({"schema_version": 1, "tasks": [{"name": "x", "optimistic": "lots"}]}), "optimistic"),
    Case("plan-infinite-hours", "plan document", "expert hours `inf`", lambda: plan_document({"schema_version": 1, "expert_access": {"experts": [{"name": "A", "hours": {"exploration": float("inf")}}]}}), "exploration"),
    Case("text-html-script", T, "`<script>alert(1)</script>`", lambda: pdf_and_markdown("<script>alert(1)</script>"), "shown literally"),
    Case("text-markdown-link-image", T, "`[x](javascript:alert(1)) ![i](http://evil/x.png)`", lambda: pdf_and_markdown("[x](javascript:alert(1)) ![i](http://evil/x.png)"), "\\!\\[i\\]"),
    Case("text-streamlit-colour", T, "`:red[alarm]`", lambda: pdf_and_markdown(":red[alarm]"), "\\:red\\[alarm\\]"),
    Case("text-latex", T, "`$x^2$`", lambda: pdf_and_markdown("$x^2$ and $$\\int$$"), "\\$x^2\\$"),
    Case("text-reportlab-font", T, "`<font color=red size=40>`", lambda: pdf_and_markdown('<font color="red" size="40">big</font>'), "shown literally"),
    Case("text-reportlab-img", T, '`<img src="file:///etc/passwd"/>`', lambda: pdf_and_markdown('<img src="file:///etc/passwd" width="400"/>'), "shown literally"),
    Case("text-reportlab-link", T, '`<a href="javascript:alert(1)">`', lambda: pdf_and_markdown('<a href="javascript:alert(1)">click</a>'), "shown literally"),
    Case("text-emoji-zwj", T, "emoji with zero-width joiners", lambda: pdf_and_markdown("Team 👩‍💻👨‍👩‍👧 ready"), "PDF:"),
    Case("text-rtl-override", T, "U+202E right-to-left override", lambda: pdf_and_markdown("invoice\u202efdp.exe"), "invoice\\[U\\+202E\\]fdp"),
    Case("text-control-characters", T, "BEL, ESC, NUL", lambda: pdf_and_markdown("a\x07b\x1bc\x00d"), "PDF:"),
    Case("text-long-word", T, "10,000 characters without a space", lambda: pdf_and_markdown("w" * 10_000), "shown literally"),
    Case("plan-role-duplicate", "plan document", "two roles `Product owner` and ` product OWNER `", lambda: plan_document({"schema_version": 1, "roles": [{"name": "Product owner"}, {"name": " product OWNER "}]}), "'product OWNER' is already in the list"),
    Case("plan-role-fixed-column", "plan document", "a role named `Activity`", lambda: plan_document({"schema_version": 1, "roles": [{"name": "Activity"}]}), "named like the RACI table's 'activity' column"),
    Case("text-autolink-url", T, "`http://127.0.0.1:1/x.png`, `www.example.com`, `ana@example.com`", lambda: links_shown("http://127.0.0.1:1/x.png www.example.com ana@example.com"), "Links on the page: none, in the Markdown export: none"),
    Case("cli-terminal-controls", "command line", "DEL, U+0085 and U+009B (C1) in a text answer", lambda: cli_output("a]0;pwned\u009b31mRED\u007f\u0085"), "exit 0; terminal gets no control characters"),
    Case("cli-answer-with-esc", "command line", "ESC and BEL in a text answer", lambda: cli_output("a\u001b]0;pwned\u0007\u001b[31mRED"), "exit 1; terminal gets no control characters"),
    Case("csv-formula-equals", "CSV export", "`=HYPERLINK(...)`", lambda: csv_cell('=HYPERLINK("http://evil","x")'), "'=HYPERLINK"),
    Case("csv-formula-plus-minus-at", "CSV export", "`+1`, `-1+1`, `@SUM(A1)`", lambda: " | ".join(csv_cell(v) for v in ("+1", "-1+1", "@SUM(A1)")), "'+1 | CSV cell: '-1+1 | CSV cell: '@SUM"),
    Case("csv-formula-tab-cr", "CSV export", "a tab or CR before `=`", lambda: " | ".join(csv_cell(v) for v in ("\t=1", "\r=1")), "'\t=1"),
    Case("filename-traversal", "download file name", "`../../etc/passwd`", lambda: filename("../../etc/passwd"), "etc-passwd.pdf"),
    Case("filename-device", "download file name", "`CON`", lambda: filename("CON"), "project-CON.pdf"),
    Case("filename-long-crlf", "download file name", "300 characters with CR/LF", lambda: filename("a\r\nb" * 100), ".pdf"),
    Case("link-traversal", "link `?project=`", "`?project=../x`", lambda: project_link("../x"), "does not contain a valid project id"),
    Case("link-unknown", "link `?project=`", "an id that does not exist (or no access)", lambda: project_link("AAAAAAAAAAAAAAAA"), "This browser has no access to that project"),
    Case("link-key-wrong", "link `&key=`", "a well-formed key that was never issued", lambda: keyed_link(lambda s, p: "A" * 32), "does not open any project"),
    Case("link-key-markup", "link `&key=`", "`<script>` as key", lambda: keyed_link(lambda s, p: "<script>alert(1)</script>"), "does not open any project"),
    Case("link-key-revoked", "link `&key=`", "a revoked join link", lambda: keyed_link(_revoked_key), "revoked by the project's facilitator"),
    Case("link-key-other-project", "link `&key=`", "another project's facilitator key", lambda: keyed_link(_other_projects_key), "does not open any project"),
    Case("link-repeated", "link `?project=`", "`?project=a&project=b`", lambda: project_link(["AAAAAAAAAAAAAAAA", "BBBBBBBBBBBBBBBB"]), "names more than one project"),
    Case("share-email-not-an-email", "share with a colleague (sign-in)", "`maria at example.org` (not an e-mail address)",
         lambda: colleague_share("maria at example.org"), "'maria at example.org' is not an e-mail address (like name@example.org)"),
    Case("share-email-empty", "share with a colleague (sign-in)", "an empty e-mail address", lambda: colleague_share("   "),
         "give the colleague's e-mail address"),
    Case("workshop-answer-crafted", "workshop answer", "a crafted websocket frame: `INJECTED <b>not an option</b>`", lambda: workshop_answer("exp_model_quality", "INJECTED <b>not an option</b>"), "is not one of the answers"),
    Case("workshop-answer-unknown-question", "workshop answer", "an answer to question `exp_no_such_question`", lambda: workshop_answer("exp_no_such_question", "rough"), "is not one of the workshop questions"),
    Case("workshop-join-flood", "workshop join link", "41 joins through one join link within a minute", workshop_join_flood, "Too many people joined through this link in the last minute"),
    Case("public-url-no-scheme", "`PLANNER_PUBLIC_URL` at start-up", "`kickoff.example:8672` (no http:// or https://)", lambda: app_with_public_url("kickoff.example:8672"), "PLANNER_PUBLIC_URL = 'kickoff.example:8672' is not a usable address: it must start with http:// or https://"),
    Case("public-url-query", "`PLANNER_PUBLIC_URL` at start-up", "`https://kickoff.example/?room=1` (a query)", lambda: app_with_public_url("https://kickoff.example/?room=1"), "it must not have a query"),
    Case("public-url-no-host", "`PLANNER_PUBLIC_URL` at start-up", "`http://:8501`", lambda: app_with_public_url("http://:8501"), "it names no host"),
    Case("room-code-wrong", "workshop room code", "a code with one character changed", lambda: room_code_entered(lambda c: ("2" if c[0] != "2" else "3") + c[1:]), "This room code does not open a workshop: it may be mistyped, expired or stopped"),
    Case("room-code-not-a-code", "workshop room code", "`ABC-10O` (0, 1 and O are not in codes)", lambda: room_code_entered(lambda c: "ABC-10O"), "This room code does not open a workshop"),
    Case("room-code-expired", "workshop room code", "the right code, after its hours are over", lambda: room_code_entered(lambda c: c, hours_later=1.01), "it may be mistyped, expired or stopped"),
    Case("room-code-guessing", "workshop room code", "the right code after 10 wrong ones in the same browser within a minute",
         lambda: room_code_entered(lambda c: c, wrong_before=10), "Too many wrong room codes were typed in this browser in the last minute"),
    Case("workshop-reveal-unknown-question", "workshop reveal (facilitator)", "a question id that is not a workshop question",
         lambda: workshop_room_change(lambda s, p: s.reveal_questions(p, ["exp_model_quality", "<b>made_up</b>"])),
         "'<b>made_up</b>' is not one of the workshop questions; nothing was revealed"),
    Case("workshop-timer-too-long", "workshop shared timer", "601 minutes", lambda: workshop_room_change(lambda s, p: s.set_timer(p, "start", 601)),
         "Timer not changed: the timer takes 1 to 600 minutes, not '601'"),
    Case("workshop-parking-control-character", "workshop parking lot (participant)", "a question with a BEL character `Ring\\x07 it?`",
         lambda: parked_question("Ring\x07 it?"), "the question contains the control character U+0007 at position 5; remove it"),
    Case("workshop-parking-too-long", "workshop parking lot (participant)", "a question of 501 characters",
         lambda: parked_question("x" * 501), "the question is 501 characters long; at most 500 are allowed"),
    Case("workshop-parking-who-too-long", "workshop parking lot (participant)", "“who could answer” of 201 characters",
         lambda: parked_question("Who signs off?", "y" * 201), "“who could answer” is 201 characters long; at most 200 are allowed"),
    Case("workshop-parking-flood", "workshop parking lot (participant)", "6 questions from one participant within a minute",
         lambda: parked_question("Again?", times=6), "You added 5 questions in the last minute; wait a moment"),
    Case("workshop-join-old-role", "workshop join (role)", "`Operations`, a role from before the roles became one list", lambda: workshop_join_as("Operations"),
         "Not joined: choose one of the roles: Product owner / PM, Data scientist, Software engineer, ML / platform engineer"),
    Case("workshop-into-full-plan", "workshop → plan (facilitator)", "the participants put into a plan that lists 100 already", workshop_into_full_plan,
         "Not put into the plan: participants: a plan holds at most 100 participants (this one has 101); the plan keeps its 100 participants"),
    Case("plan-open-question-too-long", "plan document", "an open workshop question of 301 characters",
         lambda: plan_document({"schema_version": 1, "open_questions": [{"question": "x" * 301}]}), "plan › open_questions[0] › question: String should have at most 300 characters"),
    Case("plan-too-many-raci-rows", "plan document", "61 RACI activities", lambda: plan_document({"schema_version": 1, "raci": [{"activity": f"a{i}"} for i in range(61)]}), "a plan holds at most 60 RACI activities"),
    Case("plan-markdown-ampersand", "plan text in the Markdown export", "a task `R&D & QA <b>x</b> &amp;`", lambda: word_and_markdown("R&D & QA <b>x</b> &amp;"), "Markdown: R&D & QA \\<b\\>x\\</b\\> \\&amp;; Word: R&D & QA <b>x</b> &amp;"),
    Case("plan-word-control-characters", "plan text in the Word file", "a task `nul\\x00 bell\\x07 rtl\\u202e`", lambda: word_and_markdown("nul\x00 bell\x07 rtl\u202e"), "Word: nul bell rtl[U+202E]"),
    Case("plan-decision-too-long", "plan document", "a decision of 1,001 characters", lambda: plan_document({"schema_version": 1, "decisions": [{"decision": "x" * 1001}]}), "at most 1000 characters"),
    Case("plan-text-line-breaks", "plan document", "a decision with a line break after every character", lambda: plan_document({"schema_version": 1, "decisions": [{"decision": "x\n" * 400}]}), "at most 25 are allowed in this text"),
    Case("plan-estimate-backwards", "task estimates (Plan page, PDF, JSON)", "optimistic 80, most likely 40, pessimistic 25",
         lambda: estimate_rows(("Fine", 1, 2, 3), ("Data cleaning", 80, 40, 25)),
         "row 2 (Data cleaning): optimistic (80) is larger than pessimistic (25); swap them, or correct one, so that optimistic ≤ most likely ≤ pessimistic"),
    Case("plan-estimate-likely-outside", "task estimates (Plan page, PDF, JSON)", "optimistic 2, most likely 9, pessimistic 4",
         lambda: estimate_rows(("Model", 2, 9, 4)), "row 1 (Model): most likely (9) is outside optimistic..pessimistic (2..4); type a most likely value from 2 to 4"),
    Case("plan-estimate-negative", "task estimates (Plan page, PDF, JSON)", "optimistic -1",
         lambda: estimate_rows(("Model", -1, 2, 4)), "row 1 (Model): optimistic (-1) is negative; type the optimistic duration in working days (0 or more)"),
    Case("plan-cost-german-decimal-comma", "monitoring cost (Plan page, German)", "`1200,50` typed with the app in German",
         lambda: monitoring_cost("1200,50", "de"), "saved as 1,200.50"),
    Case("plan-cost-not-an-amount", "monitoring cost (Plan page, German)", "`1,2,3`",
         lambda: monitoring_cost("1,2,3", "de"), "'1,2,3' is not an amount (write it like 1200 or 1.200,50)"),
    Case("plan-estimate-form-task-gone", "estimate form (Plan page, Effort)", "task 3's estimates saved after the plan shrank to 2 tasks",
         lambda: estimate_form(2, 3), "Not saved: task 3 is no longer in the plan (it has 2); choose the task again"),
    Case("plan-estimate-form-likely-above-pessimistic", "estimate form (Plan page, Effort)", "most likely 30 with pessimistic 20",
         lambda: estimate_form(2, 1, likely=30.0, pessimistic=20.0),
         "Simulation blocked until fixed: row 1 (Task 1): most likely (30) is outside optimistic..pessimistic (2..20)"),
    Case("plan-release-too-many-criteria", "plan document", "21 release criteria",
         lambda: plan_document({"schema_version": 1, "release_criteria": {"criteria": [{"metric": f"m{i}"} for i in range(21)]}}),
         "release_criteria › criteria: a plan holds at most 20 release criteria (this one has 21)"),
    Case("plan-release-unknown-worse-error", "plan document", "`worse_error: both`",
         lambda: plan_document({"schema_version": 1, "release_criteria": {"worse_error": "both"}}),
         "release_criteria › worse_error: Input should be '', 'false_positive', 'false_negative', 'equal' or 'not_applicable'"),
    Case("plan-release-target-too-long", "plan document", "a release target of 201 characters",
         lambda: plan_document({"schema_version": 1, "release_criteria": {"criteria": [{"metric": "Recall", "target": "9" * 201}]}}),
         "release_criteria › criteria[0] › target: String should have at most 200 characters"),
    Case("plan-release-sign-off-not-a-role", "release criteria (Plan page, PDF)", "sign-off by `Steering board`, no such role",
         lambda: release_checks({"sign_off": "Steering board", "criteria": [{"metric": "Recall", "target": "0.9", "agreed": True}]}),
         "the release is signed off by 'Steering board', which is not one of the plan's roles (Ownership)"),
    Case("plan-release-no-target", "release criteria (Plan page, PDF)", "a metric `Recall` without a target",
         lambda: release_checks({"sign_off": "Product owner", "criteria": [{"metric": "Recall", "agreed": True}]}),
         "'Recall': no target yet, so nobody can say whether the model is ready to release"),
    Case("plan-start-date-not-a-date", "plan document", "`estimation: {start_date: '2026-02-30'}`",
         lambda: plan_document({"schema_version": 1, "estimation": {"start_date": "2026-02-30"}}),
         "plan › estimation › start_date: '2026-02-30' is not a date: write the day work starts as YYYY-MM-DD, e.g. 2026-03-02"),
    Case("plan-start-date-far-future", "plan document", "`start_date: '2150-01-01'`",
         lambda: plan_document({"schema_version": 1, "estimation": {"start_date": "2150-01-01"}}),
         "start_date: 2150-01-01 is outside 2000-01-01 to 2099-12-31: type the day work starts"),
    Case("plan-language-unknown", "plan document", "`language: fr` (a language the planner does not speak)",
         lambda: plan_document({"schema_version": 1, "language": "fr"}),
         "plan › language: 'fr' is not a language the planner speaks: use one of en, de"),
    Case("cli-language-unknown", "command line", "`plan answers.yaml --language fr`", lambda: cli_language("fr"),
         "exit 1: error: --language: 'fr' is not a language the planner speaks: use one of en, de"),
    Case("cli-start-date-not-iso", "command line", "`plan answers.yaml --start-date 02.03.2026`", lambda: cli_start_date("02.03.2026"),
         "exit 1: error: --start-date: '02.03.2026' is not a date: write the day work starts as YYYY-MM-DD"),
    Case("db-locked", "database", "another process holds the write lock", lambda: database(_locked), "busy (locked by another process)"),
    Case("db-read-only", "database", "a read-only database", lambda: database(_read_only), "read-only"),
    Case("db-deleted", "database", "the file deleted while the app runs", lambda: database(_deleted), "deleted or replaced while the app was running"),
    Case("db-corrupt", "database", "a damaged file", lambda: database(_corrupt), "damaged or not a database"),
    Case("db-setting-text-file", "`PLANNER_DB` at start-up", "a text file that is not a database", lambda: app_with_database(_text_file), "PLANNER_DB"),
    Case("db-setting-no-folder", "`PLANNER_DB` at start-up", "`/proc/x/planner.db` (folder cannot be created)", lambda: app_with_database(lambda f: "/proc/x/planner.db"), "its folder cannot be created"),
    Case("db-setting-file-as-folder", "`PLANNER_DB` at start-up", "a path through a file", lambda: app_with_database(_file_as_folder), "its folder cannot be created"),
    Case("db-setting-postgres-down", "`PLANNER_DB` at start-up", "a PostgreSQL URL nobody listens on", lambda: app_with_database(lambda f: "postgresql+psycopg://planner:secret@127.0.0.1:1/x"), "planner:***@127.0.0.1:1/x: the database server cannot be reached"),
    Case("db-disk-full-read", "database", "the disk is full, and a facilitator link is opened", full_disk_link, "Opened: Questionnaire · Readable project"),
    Case("db-setting-old-bad-timestamp", "`PLANNER_DB` at start-up", "an old database whose project creation time is `last tuesday`",
         lambda: app_with_database(_bad_old_timestamp), "projects.created_at holds 'last tuesday', which is not a date and time; nothing was changed"),
]


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("BAD_INPUT_TMP", str(tmp_path))
    monkeypatch.setenv("PLANNER_DB", str(tmp_path / "app.db"))
    monkeypatch.setenv("PLANNER_DB_BUSY_TIMEOUT", "15")  # restored after the test, even when a case lowers it
    import streamlit as st

    st.cache_resource.clear()  # the app's Store must use this test's database
    yield
    while _HELD:
        _HELD.pop().close()


def test_catalogue_is_large_and_unique():
    assert len(CASES) >= 30
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case):
    shown = case.run()
    assert case.expect in shown, shown
    assert "Traceback" not in shown and 'File "' not in shown


def test_docs_list_every_case():
    text = (ROOT / "docs" / "bad-inputs.md").read_text(encoding="utf-8")
    for case in CASES:
        assert f"`{case.id}`" in text, f"docs/bad-inputs.md lacks {case.id}: regenerate it (see this module's docstring)"


def _cell(text: str) -> str:
    shown = "".join(f"[U+{ord(c):04X}]" if ord(c) < 32 or 0x7f <= ord(c) <= 0x9f else c for c in " ".join(str(text).split()))
    return shown.replace("|", "\\|")


def markdown() -> str:
    import tempfile

    lines = [
        "# Bad-input catalogue",
        "",
        "Every case below is run by `tests/test_bad_inputs.py` against the real entry point; the last column is",
        "what a user is shown (for refused input: nothing was changed). Generated with",
        "`.venv/bin/python tests/test_bad_inputs.py > docs/bad-inputs.md`.",
        "",
        "| # | case | where | input | what the user sees |",
        "|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as folder:
        os.environ["BAD_INPUT_TMP"] = folder
        os.environ["PLANNER_DB"] = str(Path(folder) / "app.db")
        for number, case in enumerate(CASES, start=1):
            os.environ.pop("PLANNER_DB_BUSY_TIMEOUT", None)
            shown = case.run()
            while _HELD:
                _HELD.pop().close()
            shown = shown.replace(folder, "/tmp/…")  # the same text on every run
            lines.append(f"| {number} | `{case.id}` | {case.group} | {_cell(case.input)} | {_cell(shown)[:300]} |")
    lines += [
        "",
        "## Beyond the named cases",
        "",
        "- **Property tests** (`tests/test_properties.py`, Hypothesis): any bytes or JSON document as an answers",
        "  import, any text as a team question file, any JSON shape as a plan document raise nothing but the",
        "  input error the page shows; valid answers and plans survive `load(dump(x)) == x` in YAML and JSON; the",
        "  PDF build never raises for text within the field limits; the CSV sanitiser is idempotent and no exported",
        "  cell starts like a formula. `make test` runs 30 examples per property, `make fuzz` 2,000.",
        "- **Crash in the middle of a save** (`tests/test_crash_safety.py`): a child process is killed after it",
        "  wrote answer rows but before the commit; the project's answers, versions and plan are unchanged and",
        "  the database stays writable.",
        "- **In a real browser** (`tests/e2e/`): a bad import shows the message and leaves the project unchanged;",
        "  two people editing the same answer: the later, stale change is refused with a message, nothing is lost.",
        "- **Unsafe calls**: `tests/test_architecture.py` scans the source for `yaml.load` without a safe loader,",
        "  `unsafe_allow_html=True`, `eval`/`exec`, `pickle`/`marshal`, `shell=True`.",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(markdown())
