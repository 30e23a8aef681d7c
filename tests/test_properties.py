"""Property tests on every entry point that takes outside input (Hypothesis).

`make test` runs a few dozen examples per property; `make fuzz` sets PLANNER_FUZZ_EXAMPLES=2000.
Properties: no uncaught exception (only InputError, which the UI and CLI show as a message),
load(dump(x)) == x for valid documents, the PDF build never raises for text within the limits,
the CSV sanitiser is idempotent and no exported cell starts like a formula.
"""

from __future__ import annotations

import csv
import io
import json
import os

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from planner.answers import DOCUMENT_KIND
from planner.content import load_content
from planner.errors import InputError
from planner.plan import Plan
from planner.plan.model import GlossaryEntry, MonitoringItem, Quality, RaciRow, Role, Task
from planner.plan.report import build_report
from planner.plan.roles import RACI_FIXED_COLUMNS, role_key
from planner.render.csv_export import answers_csv, sanitise_cell
from planner.render.plan_pdf import build_pdf
from planner.store import clean_name
from planner.transfer import dump, read_import, validate_plan_document

EXAMPLES = int(os.environ.get("PLANNER_FUZZ_EXAMPLES", "30"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CONTENT = load_content()

# Text a person could type: any character except surrogates and C0/C1 controls other than newline/tab.
typed = st.characters(blacklist_categories=("Cs",), blacklist_characters=[chr(c) for c in range(32) if c not in (9, 10)]
                      + [chr(c) for c in range(127, 160)])
json_scalars = st.none() | st.booleans() | st.integers(-10**30, 10**30) | st.floats() | st.text(max_size=30)
json_like = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
                         max_leaves=20)


def _answer_strategy(question):
    if question.type in ("single", "scale"):
        return st.sampled_from([o.value for o in question.options])
    if question.type == "multi":
        plain = [o.value for o in question.options if not o.exclusive]
        return st.lists(st.sampled_from(plain), min_size=1, max_size=len(plain), unique=True).map(
            lambda picked: sorted(picked, key=plain.index))  # stored in option order
    if question.type == "number":
        low, high = question.number.min, question.number.max
        return st.integers(int(low), int(min(high, low + 10_000)))
    return st.text(typed, min_size=1, max_size=200).map(str.strip).filter(bool)


# Unconditional questions only, so every generated answer is visible and kept.
QUESTIONS = [q for q in CONTENT.questions.values() if q.show_if is None]
valid_answers = st.fixed_dictionaries({}, optional={q.id: _answer_strategy(q) for q in QUESTIONS})


@FUZZ
@given(st.binary(max_size=2000))
def test_import_of_any_bytes_raises_only_input_errors(raw):
    for name in ("answers.yaml", "answers.json"):
        try:
            read_import(raw, name)
        except InputError as exc:
            assert exc.problems and all(str(p) for p in exc.problems)


@FUZZ
@given(json_like)
def test_import_of_any_json_document_raises_only_input_errors(data):
    raw = json.dumps(data, allow_nan=True).encode()
    try:
        read_import(raw, "answers.json")
    except InputError:
        pass


@FUZZ
@given(valid_answers, st.sampled_from(["yaml", "json"]), st.text(typed, min_size=1, max_size=80).map(str.strip).filter(bool))
def test_answers_round_trip_through_export(answers, fmt, name):
    try:
        name = clean_name(name)  # what the store keeps of a name (e.g. unassigned code points dropped)
    except ValueError:
        assume(False)
    document = {"schema_version": 1, "kind": DOCUMENT_KIND, "project": {"name": name, "description": ""}, "answers": answers}
    preview = read_import(dump(document, fmt), f"p.{fmt}")
    assert preview.answers == answers
    assert preview.name == name


@FUZZ
@given(st.text(max_size=1500))
def test_team_question_file_of_any_text_raises_only_input_errors(text):
    try:
        load_content((("team.yaml", text.encode("utf-8", "surrogatepass")),))
    except InputError:
        pass


@FUZZ
@given(json_like)
def test_plan_document_of_any_shape_raises_only_input_errors(data):
    try:
        validate_plan_document(data, "plan.yaml")
    except InputError:
        pass


short = st.text(typed, max_size=80)
days = st.none() | st.floats(0, 3650, allow_nan=False)
plans = st.builds(
    Plan,
    participants=st.lists(short, max_size=3),
    tasks=st.lists(st.builds(Task, name=short, driver=st.sampled_from(["model", "data", "engineering", "none"]),
                             optimistic=days, likely=days, pessimistic=days, exploratory=st.booleans()), max_size=4),
    monitoring=st.lists(st.builds(MonitoringItem, item=short, owner=short, feedback_path=short), max_size=2),
    roles=st.lists(st.builds(Role, name=st.text(typed, min_size=1, max_size=40).filter(lambda n: role_key(n) not in RACI_FIXED_COLUMNS)),
                   max_size=3, unique_by=lambda r: role_key(r.name)),  # role names are RACI columns (plan/roles.py)
    raci=st.lists(st.builds(RaciRow, activity=st.text(typed, min_size=1, max_size=60)), max_size=3),
    qualities=st.lists(st.builds(Quality, name=short, target=short, not_needed=st.booleans(), reason=short), max_size=2),
    glossary=st.lists(st.builds(GlossaryEntry, term=short, meaning=short, pitfall=short), max_size=2),
)


@FUZZ
@given(plans, st.sampled_from(["yaml", "json"]))
def test_plan_round_trips_through_dump_and_validation(plan, fmt):
    from planner.safe_yaml import load_document

    data = plan.model_dump(mode="json")
    loaded = load_document(dump(data, fmt), f"plan.{fmt}")
    assert Plan.model_validate(validate_plan_document(loaded, f"plan.{fmt}")) == plan


@FUZZ
@given(plans, st.text(max_size=400), st.text(max_size=120))
def test_pdf_build_never_raises_for_text_within_limits(plan, answer, name):
    report = build_report(CONTENT, {"setup_ml_purpose": answer}, plan, project_name=name, date="2026-01-01")
    pdf = build_pdf(report, invariant=True)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")


@FUZZ
@given(st.text(max_size=60) | st.integers() | st.floats(allow_nan=False) | st.booleans() | st.none())
def test_csv_sanitiser_is_idempotent(value):
    once = sanitise_cell(value)
    assert sanitise_cell(once) == once
    if isinstance(once, str):
        assert not once.startswith(("=", "+", "-", "@", "\t", "\r"))


@FUZZ
@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=[chr(c) for c in range(32) if chr(c) not in "\t\n\r"]),  # refused on save
               max_size=200).filter(lambda t: t.strip()))
def test_csv_export_cells_never_start_like_a_formula(text):
    rows = list(csv.reader(io.StringIO(answers_csv(CONTENT, {"setup_ml_purpose": text}), newline="")))
    assert rows[0] == ["section", "question_id", "question", "answer", "citations"]
    assert len(rows) == 2
    for cell in rows[1]:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert rows[1][3] in (text, "'" + text)
