"""planner.answers: normalise / validate_answers / answers_from_document for every question type."""

from __future__ import annotations

import math

import pytest

from planner.answers import DOCUMENT_KIND, answers_from_document, is_visible, normalise, validate_answers
from planner.content import check_question_file, load_content
from planner.errors import InputError

SOURCE = "answers.yaml"


def first(content, predicate):
    for s in content.sections:
        for q in s.questions:
            if predicate(q):
                return q
    pytest.skip("no built-in question of this kind")


@pytest.fixture
def single(content):
    return first(content, lambda q: q.type == "single" and q.show_if is None)


@pytest.fixture
def scale(content):
    return first(content, lambda q: q.type == "scale")


@pytest.fixture
def multi(content):
    return first(content, lambda q: q.type == "multi" and any(o.exclusive for o in q.options)
                 and sum(not o.exclusive for o in q.options) >= 2)


@pytest.fixture
def integer_number(content):
    return first(content, lambda q: q.type == "number" and q.number.integer)


@pytest.fixture
def float_number(content):
    return first(content, lambda q: q.type == "number" and not q.number.integer)


@pytest.fixture
def text_question(content):
    return first(content, lambda q: q.type == "text")


def invalid(question, value) -> str:
    with pytest.raises(ValueError) as info:
        normalise(question, value)
    return str(info.value)


# -- single / scale -------------------------------------------------------------------------------

def test_single_valid_values(single):
    for option in single.options:
        assert normalise(single, option.value) == option.value


def test_none_is_unanswered(single, multi, integer_number, text_question):
    for q in (single, multi, integer_number, text_question):
        assert normalise(q, None) is None


@pytest.mark.parametrize("value", ["zzz_not_an_option", "", 1, 0, True, False, ["x"], {"a": 1}, 1.5])
def test_single_unknown_option(single, value):
    assert "not one of the options" in invalid(single, value)


def test_single_option_value_is_case_sensitive(single):
    value = single.options[0].value
    if value.upper() == value:
        pytest.skip("value has no case")
    invalid(single, value.upper())


def test_scale_valid_values(scale):
    for option in scale.options:
        result = normalise(scale, option.value)
        assert result == option.value and type(result) is int


@pytest.mark.parametrize("value", [True, False])
def test_scale_refuses_bool_where_int_expected(scale, value):
    # True == 1 in Python; a bool must never be taken for scale value 1 (or 0).
    assert "not one of the options" in invalid(scale, value)


def test_scale_out_of_range_and_text(scale):
    values = [o.value for o in scale.options]
    for value in (min(values) - 1, max(values) + 1, str(values[0]), min(values) + 0.5):
        invalid(scale, value)


def test_scale_float_is_refused_or_made_int(scale):
    value = scale.options[0].value
    try:
        result = normalise(scale, float(value))
    except ValueError:
        return
    assert type(result) is int


# -- multi ----------------------------------------------------------------------------------------

def test_multi_valid_values_are_put_in_option_order(multi):
    plain = [o.value for o in multi.options if not o.exclusive]
    assert normalise(multi, list(reversed(plain[:2]))) == plain[:2]
    assert normalise(multi, plain) == plain


def test_multi_exclusive_alone_is_valid(multi):
    exclusive = next(o.value for o in multi.options if o.exclusive)
    assert normalise(multi, [exclusive]) == [exclusive]


def test_multi_exclusive_combined_refused(multi):
    exclusive = next(o.value for o in multi.options if o.exclusive)
    other = next(o.value for o in multi.options if not o.exclusive)
    assert "cannot be combined" in invalid(multi, [other, exclusive])


def test_multi_duplicates_refused(multi):
    value = next(o.value for o in multi.options if not o.exclusive)
    assert "twice" in invalid(multi, [value, value])


def test_multi_empty_list_is_unanswered(multi):
    assert normalise(multi, []) is None


@pytest.mark.parametrize("bad", [["zzz_unknown"], [True], [1], [None], [["nested"]]])
def test_multi_unknown_option(multi, bad):
    assert "not one of the options" in invalid(multi, bad)


def test_multi_needs_a_list(multi):
    value = multi.options[1].value
    assert "list" in invalid(multi, "no_such_option")
    invalid(multi, {value: True})


def test_one_option_of_a_multi_question_reads_as_a_one_item_list(multi):
    """Answers saved while a question took one answer (setup_data_source until 2026-12) still count."""
    value = multi.options[1].value
    assert normalise(multi, value) == [value]
    assert "list" in invalid(multi, True)


# -- number ---------------------------------------------------------------------------------------

def test_integer_number_valid(integer_number):
    spec = integer_number.number
    low, high = int(math.ceil(spec.min)), int(math.floor(spec.max))
    assert normalise(integer_number, low) == low
    assert normalise(integer_number, high) == high
    result = normalise(integer_number, float(low))
    assert result == low and type(result) is int


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_number_not_finite(integer_number, float_number, value):
    assert "finite" in invalid(integer_number, value)
    assert "finite" in invalid(float_number, value)


def test_number_below_min_and_above_max(integer_number):
    spec = integer_number.number
    assert "outside" in invalid(integer_number, int(spec.min) - 1)
    assert "outside" in invalid(integer_number, int(spec.max) + 1)
    invalid(integer_number, -1)


@pytest.mark.parametrize("value", [10**100, -(10**100), 10**16])
def test_number_huge_integer(integer_number, value):
    invalid(integer_number, value)


@pytest.mark.parametrize("value", ["4", "", True, False, [4], {"n": 4}])
def test_number_wrong_type(integer_number, value):
    assert "not a number" in invalid(integer_number, value)


def test_float_for_integer_question_refused(integer_number):
    spec = integer_number.number
    assert "whole number" in invalid(integer_number, spec.min + 0.5)


def test_float_number_question_accepts_fractions(float_number):
    spec = float_number.number
    value = (spec.min + spec.max) / 2 + 0.25
    assert normalise(float_number, value) == value
    assert "outside" in invalid(float_number, spec.max + 0.5)


# -- text -----------------------------------------------------------------------------------------

def test_text_valid(text_question):
    assert normalise(text_question, "We predict churn.") == "We predict churn."
    assert normalise(text_question, "  kept as written \n") == "  kept as written \n"


def test_text_too_long(text_question):
    limit = text_question.max_length or 2000
    assert normalise(text_question, "x" * limit) == "x" * limit
    assert "limit" in invalid(text_question, "x" * (limit + 1))


def test_text_nul(text_question):
    assert "NUL" in invalid(text_question, "a\x00b")


def test_text_lone_surrogate(text_question):
    assert "surrogate" in invalid(text_question, "a\ud800b")


@pytest.mark.parametrize("value", ["", "   ", "\t\n ", "\u00a0\u2003"])
def test_text_whitespace_only_is_unanswered(text_question, value):
    assert normalise(text_question, value) is None


@pytest.mark.parametrize("value", [5, 1.5, True, ["a"], {"a": "b"}])
def test_text_wrong_type(text_question, value):
    assert "text" in invalid(text_question, value)


# -- validate_answers -----------------------------------------------------------------------------

def test_validate_answers_normalises_and_drops_unanswered(content, single, multi, text_question):
    plain = [o.value for o in multi.options if not o.exclusive][:2]
    raw = {single.id: single.options[0].value, multi.id: list(reversed(plain)), text_question.id: "   "}
    assert validate_answers(raw, content, SOURCE) == {single.id: single.options[0].value, multi.id: plain}


def test_validate_answers_lists_every_unknown_question(content, single):
    raw = {"zzz_one": 1, single.id: single.options[0].value, "zzz_two": "x"}
    with pytest.raises(InputError) as info:
        validate_answers(raw, content, SOURCE)
    problems = [str(p) for p in info.value.problems]
    assert len(problems) == 2
    assert all(p.startswith(SOURCE) for p in problems)
    assert any("'zzz_one'" in p for p in problems) and any("'zzz_two'" in p for p in problems)
    assert all("unknown question" in p for p in problems)


def test_validate_answers_collects_value_problems_with_question_id(content, single, integer_number):
    raw = {single.id: "zzz_nope", integer_number.id: "many"}
    with pytest.raises(InputError) as info:
        validate_answers(raw, content, SOURCE)
    text = "\n".join(str(p) for p in info.value.problems)
    assert single.id in text and integer_number.id in text


@pytest.mark.parametrize("raw", [[], "x", None, 5])
def test_validate_answers_needs_mapping(content, raw):
    with pytest.raises(InputError):
        validate_answers(raw, content, SOURCE)


def test_is_visible_follows_show_if(content):
    conditional = first(content, lambda q: q.show_if is not None)
    trigger = content.questions[conditional.show_if.question]
    matching = conditional.show_if.any_of[0]
    other = next((o.value for o in trigger.options if o.value not in conditional.show_if.any_of), None)
    assert not is_visible(conditional, {})
    assert is_visible(conditional, {trigger.id: matching})
    if other is not None:
        assert not is_visible(conditional, {trigger.id: other})


# -- answers_from_document ------------------------------------------------------------------------

def test_flat_mapping_without_schema_version(content, single):
    value = single.options[-1].value
    assert answers_from_document({single.id: value}, content, SOURCE) == {single.id: value}


def test_flat_mapping_with_schema_version(content, single):
    value = single.options[-1].value
    assert answers_from_document({"schema_version": 1, single.id: value}, content, SOURCE) == {single.id: value}


@pytest.mark.parametrize("version", [2, 99])
def test_future_schema_version_refused(content, single, version):
    with pytest.raises(InputError) as info:
        answers_from_document({"schema_version": version, single.id: single.options[0].value}, content, SOURCE)
    message = str(info.value)
    assert "schema_version" in message and "newer" in message


@pytest.mark.parametrize("version", ["1", True, 0, [1]])
def test_wrong_schema_version_refused(content, version):
    with pytest.raises(InputError) as info:
        answers_from_document({"schema_version": version}, content, SOURCE)
    assert "schema_version" in str(info.value)


def test_project_document_form(content, single, multi):
    plain = [o.value for o in multi.options if not o.exclusive][:2]
    doc = {
        "schema_version": 1,
        "kind": DOCUMENT_KIND,
        "exported_at": "2024-05-01T10:00:00+00:00",
        "project": {"name": "Claims triage", "description": "Pilot"},
        "answers": {single.id: single.options[0].value, multi.id: plain},
        "question_files": [],
    }
    assert answers_from_document(doc, content, SOURCE) == {single.id: single.options[0].value, multi.id: plain}


def test_project_document_needs_schema_version(content, single):
    with pytest.raises(InputError) as info:
        answers_from_document({"answers": {single.id: single.options[0].value}}, content, SOURCE)
    assert "schema_version" in str(info.value)


@pytest.mark.parametrize(
    "change, field",
    [({"kind": "something/else"}, "kind"), ({"extra": 1}, "extra"), ({"answers": []}, "answers"),
     ({"project": "x"}, "project"), ({"project": {"name": 5}}, "project"),
     ({"question_files": [{"name": "a.yaml"}]}, "question_files")],
)
def test_project_document_structure_problems(content, change, field):
    doc = {"schema_version": 1, "kind": DOCUMENT_KIND, "project": {"name": "x"}, "answers": {}}
    doc.update(change)
    with pytest.raises(InputError) as info:
        answers_from_document(doc, content, SOURCE)
    assert field in str(info.value)


def test_project_document_answers_are_validated(content):
    doc = {"schema_version": 1, "answers": {"zzz_unknown": 1}}
    with pytest.raises(InputError) as info:
        answers_from_document(doc, content, SOURCE)
    assert "zzz_unknown" in str(info.value)


@pytest.mark.parametrize("data", [[], "text", None, 3])
def test_document_must_be_mapping(content, data):
    with pytest.raises(InputError) as info:
        answers_from_document(data, content, SOURCE)
    assert "top level" in str(info.value)


def test_team_question_answers_need_the_team_file(team_file):
    with_team = check_question_file(team_file(), "team.yaml")
    assert answers_from_document({"team_q_one": "stale"}, with_team, SOURCE) == {"team_q_one": "stale"}
    with pytest.raises(InputError):
        answers_from_document({"team_q_one": "stale"}, load_content(), SOURCE)


# -- stored answers are never trusted: misfits after a team file changed -------------------------------------

def test_misfits_name_question_text_and_reason_after_a_type_change(team_file):
    from planner.answers import misfit_answers

    replaced = check_question_file(team_file(qtype="number"), "team.yaml")
    misfits = misfit_answers(replaced, {"team_q_one": "stale", "setup_team_size": 4})
    assert [(m.question_id, m.question_text) for m in misfits] == [("team_q_one", replaced.questions["team_q_one"].text)]
    assert "'stale' is not a number" in misfits[0].reason
    assert "How fresh is the data" in str(misfits[0]) and "team_q_one" in str(misfits[0])


@pytest.mark.parametrize("qtype, options, stored, reason", [
    ("single", "    options:\n      - {value: fresh, label: Fresh, effects: {}}\n      - {value: other, label: Other, effects: {D1: 1}}\n",
     "stale", "not one of the options"),
    ("multi", None, "no_such_option", "must be a list"),
    ("number", None, 50, "outside the allowed range"),
    ("number", None, [1], "is not a number"),
    ("single", None, ["stale"], "not one of the options"),
])
def test_every_kind_of_misfit_is_listed(team_file, qtype, options, stored, reason):
    from planner.answers import misfit_answers

    content = check_question_file(team_file(qtype=qtype, options=options), "team.yaml")
    misfits = misfit_answers(content, {"team_q_one": stored})
    assert [m.question_id for m in misfits] == ["team_q_one"] and reason in misfits[0].reason


def test_fitting_answers_drop_misfits_and_unknown_questions_and_clean_old_control_characters(content, team_file):
    from planner.answers import fitting_answers, misfit_answers

    text_q = first(content, lambda q: q.type == "text" and q.show_if is None)
    stored = {"setup_team_size": "twelve", "team_q_one": "stale", text_q.id: "old\x1b[31m text", "setup_trajectory": "parallel"}
    assert fitting_answers(content, stored) == {text_q.id: "old[31m text", "setup_trajectory": "parallel"}
    assert [m.question_id for m in misfit_answers(content, stored)] == ["setup_team_size"]  # team_q_one: no such question


@pytest.mark.parametrize("text, shown", [("a\x00b", "NUL"), ("a\x1b[31mb", "U+001B"), ("bell\x07", "U+0007")])
def test_text_answers_refuse_control_characters(text_question, text, shown):
    assert shown in invalid(text_question, text)


def test_text_answers_keep_tabs_and_line_breaks(text_question):
    assert normalise(text_question, "a\tb\r\nc\nd") == "a\tb\r\nc\nd"


def test_a_text_answer_with_too_many_line_breaks_is_refused():
    from planner.content import load_content
    from planner.answers import DEFAULT_TEXT_LIMIT
    from planner.text import line_breaks_allowed

    question = next(q for q in load_content().questions.values() if q.type == "text")
    allowed = line_breaks_allowed(question.max_length or DEFAULT_TEXT_LIMIT)
    assert normalise(question, "x\n" * allowed)
    with pytest.raises(ValueError, match="line breaks"):
        normalise(question, "x\n" * (allowed + 1))


def test_question_parts_split_a_long_section_evenly_and_keep_short_ones_whole():
    """Issue 16: a long section is shown in parts of at most PART_SIZE questions; short ones stay one part."""
    from planner.answers import PART_SIZE, question_parts

    assert question_parts(9) == [range(0, 9)] and question_parts(PART_SIZE) == [range(0, PART_SIZE)]
    assert question_parts(0) == [range(0)]
    parts = question_parts(200)
    assert [i for r in parts for i in r] == list(range(200))
    assert all(len(r) <= PART_SIZE for r in parts) and len(parts) == -(-200 // PART_SIZE)
    assert max(map(len, parts)) - min(map(len, parts)) <= 1
