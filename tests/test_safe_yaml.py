"""planner.safe_yaml: every class of bad input is refused with InputError naming the file and where."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner import safe_yaml
from planner.errors import InputError
from planner.safe_yaml import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, load_document, load_json, load_yaml

SOURCE = "team-input.yaml"


def refused(data, source: str = SOURCE, loader=load_yaml, **limits) -> str:
    """Assert the loader refuses `data` with InputError naming the source; return the message."""
    with pytest.raises(InputError) as info:
        loader(data, source, **limits)
    message = str(info.value)
    assert message.startswith(source), message
    assert info.value.problems, "InputError without problems"
    assert info.value.one_line().count("\n") == 0
    return message


def has_line(message: str, line: int) -> bool:
    return re.search(rf"\bline {line}\b", message) is not None


# -- tags -------------------------------------------------------------------------------------------

def test_python_object_tag_refused_before_anything_is_built():
    text = 'name: ok\nrun: !!python/object/apply:os.system ["echo pwned"]\n'
    message = refused(text)
    assert has_line(message, 2)
    assert "tag" in message and "python/object" in message


def test_python_object_tag_on_scalar_refused():
    message = refused("a: 1\nb: !!python/object:os.system x\n")
    assert has_line(message, 2) and "tag" in message


@pytest.mark.parametrize(
    "value",
    ["!!binary aGVsbG8=", "!!str 5", "!!int '7'", "!!float 1", "!custom thing", "!!map {b: 1}",
     "!!seq [1]", "!!set {b}", "!!omap [b: 1]", "!!timestamp 2024-01-01", "!<tag:example.com,2000:x> v"],
)
def test_other_tags_refused(value):
    message = refused(f"first: 1\nsecond: {value}\n")
    assert has_line(message, 2)
    assert "tag" in message


# -- anchors, aliases, alias bombs ---------------------------------------------------------------

def test_alias_refused():
    message = refused("a: 1\nb: *x\n")
    assert has_line(message, 2)
    assert "alias" in message


def test_anchor_refused():
    message = refused("a: 1\nb: &x 2\n")
    assert has_line(message, 2)
    assert "anchor" in message and "&x" in message


def test_anchor_on_mapping_refused():
    message = refused("a: 1\nb: &base\n  c: 2\n")
    assert has_line(message, 2) and "anchor" in message


def test_alias_bomb_refused_quickly():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    message = refused("\n".join(lines) + "\n")
    assert has_line(message, 1)
    assert "anchor" in message or "alias" in message


# -- nesting ----------------------------------------------------------------------------------------

def test_deep_flow_nesting_refused():
    text = "key: " + "[" * 10_000 + "]" * 10_000 + "\n"
    message = refused(text)
    assert has_line(message, 1)
    assert "nesting" in message


def test_deep_flow_mapping_nesting_refused():
    text = "key: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n"
    message = refused(text)
    assert "nesting" in message and has_line(message, 1)


def test_deep_block_nesting_refused():
    text = "first: 1\nitems:\n  " + "- " * 10_000 + "v\n"
    message = refused(text)
    assert "nesting" in message
    assert has_line(message, 3)


def test_deep_indented_block_mapping_refused():
    depth = DEFAULT_MAX_DEPTH + 1
    text = "".join("  " * i + "k:\n" for i in range(depth)) + "  " * depth + "leaf\n"
    message = refused(text)
    assert "nesting" in message


@pytest.mark.parametrize("loader", ["C", "pure Python"])
@pytest.mark.parametrize("text", ["key: " + "[" * 10_000 + "]" * 10_000, "key: " + "{a: " * 2_000 + "1" + "}" * 2_000,
                                  "key:\n  " + "- " * 2_000 + "v"])
def test_deep_nesting_gets_one_answer_whichever_parser_refuses_first(monkeypatch, loader, text):
    """libyaml (PyYAML >= 6.0.4) refuses past 1,000 levels before our event check sees level 13."""
    if loader == "pure Python":
        monkeypatch.setattr(safe_yaml, "_Loader", yaml.SafeLoader)
    message = refused(text + "\n")
    assert f"nesting is deeper than {DEFAULT_MAX_DEPTH} levels; flatten the structure" in message
    assert "not valid YAML" not in message and re.search(r"\bline [12]\b", message)


def test_a_parser_depth_error_is_reported_as_too_deep(monkeypatch):
    def parse(*_args, **_kwargs):
        yield from ()
        raise yaml.parser.ParserError(None, None, "exceeded maximum nesting depth", yaml.Mark("x", 0, 4, 7, None, None))
    monkeypatch.setattr(safe_yaml.yaml, "parse", parse)
    message = refused("a: 1\n")
    assert message == f"{SOURCE}: line 5: nesting is deeper than {DEFAULT_MAX_DEPTH} levels; flatten the structure"


def test_nesting_limit_is_exact():
    at_limit = "- " * DEFAULT_MAX_DEPTH + "v\n"
    value = load_yaml(at_limit, SOURCE)
    for _ in range(DEFAULT_MAX_DEPTH):
        assert isinstance(value, list)
        value = value[0]
    assert value == "v"
    assert "nesting" in refused("- " * (DEFAULT_MAX_DEPTH + 1) + "v\n")


# -- size, documents ------------------------------------------------------------------------------

def test_oversized_file_refused():
    data = b"a: " + b"x" * DEFAULT_MAX_BYTES + b"\n"
    message = refused(data)
    assert "limit" in message and f"{DEFAULT_MAX_BYTES:,}" in message


def test_oversized_text_refused():
    message = refused("a: " + "é" * (DEFAULT_MAX_BYTES // 2 + 1))  # counted in UTF-8 bytes
    assert "limit" in message


def test_custom_size_limit():
    assert load_yaml(b"a: 1\n", SOURCE, max_bytes=5) == {"a": 1}
    assert "limit" in refused(b"a: 12\n", max_bytes=5)


def test_multi_document_stream_refused():
    message = refused("a: 1\n---\nb: 2\n")
    assert has_line(message, 2)
    assert "documents" in message


def test_single_explicit_document_accepted():
    assert load_yaml("---\na: 1\n...\n", SOURCE) == {"a": 1}


# -- duplicate keys -------------------------------------------------------------------------------

def test_duplicate_top_level_key_names_both_lines():
    message = refused("a: 1\nb: 2\na: 3\n")
    assert "duplicate key 'a'" in message
    assert has_line(message, 3) and "first on line 1" in message


def test_duplicate_nested_key_names_path_and_both_lines():
    message = refused("outer:\n  x: 1\n  y: 2\n  x: 3\n")
    assert "outer › x" in message
    assert has_line(message, 4) and "first on line 2" in message


def test_duplicate_key_in_list_item_names_the_item_id():
    message = refused("questions:\n  - id: q_one\n    text: a\n    text: b\n")
    assert "q_one" in message and "text" in message
    assert has_line(message, 4) and "first on line 3" in message


# -- YAML 1.1 surprises -------------------------------------------------------------------------

@pytest.mark.parametrize("word", ["no", "yes", "on", "off", "NO", "Yes", "ON", "Off", "YES"])
def test_yaml11_booleans_refused(word):
    message = refused(f"first: 1\nanswer: {word}\n")
    assert has_line(message, 2)
    assert "answer" in message and repr(word) in message and "boolean" in message


@pytest.mark.parametrize("word", ["y", "n", "Y", "N"])
def test_single_letters_stay_text_as_documented(word):
    # PyYAML never typed y/n as booleans; docs/content-format.md says they stay text.
    assert load_yaml(f"answer: {word}\n", SOURCE) == {"answer": word}


@pytest.mark.parametrize("number", ["0755", "007", "0x1F", "0b101", "1_000", "1:30", "190:20:30", "1:30.5"])
def test_yaml11_numbers_refused(number):
    message = refused(f"first: 1\nvalue: {number}\n")
    assert has_line(message, 2)
    assert "value" in message and repr(number) in message


@pytest.mark.parametrize("date", ["2024-01-01", "2024-01-01T10:00:00Z", "2001-12-14 21:59:43.10 -5"])
def test_dates_refused(date):
    message = refused(f"first: 1\nwhen: {date}\n")
    assert has_line(message, 2)
    assert "date" in message and "when" in message


@pytest.mark.parametrize("value", [".nan", ".NaN", ".inf", "-.inf", "+.inf", ".Inf"])
def test_nan_and_infinity_refused(value):
    message = refused(f"first: 1\nscore: {value}\n")
    assert has_line(message, 2)
    assert "score" in message and repr(value) in message


def test_float_overflow_refused():
    message = refused("first: 1\nscore: 1.0e+400\n")
    assert has_line(message, 2) and "too large" in message


def test_merge_key_refused():
    message = refused("base: {a: 1}\nderived:\n  <<: {b: 2}\n")
    assert has_line(message, 3)
    assert "merge" in message and "derived" in message


# -- empty and encodings --------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["", "   \n\n   \n", "\n", "# only a comment\n", b"", b"\xef\xbb\xbf"])
def test_empty_files_refused(text):
    assert "empty" in refused(text)


def test_whitespace_with_tabs_refused():
    # Oddity: a tab-indented blank line is reported as a YAML syntax error, not as "empty".
    refused("   \n\n  \t\n")


def test_utf8_bom_accepted():
    assert load_yaml(b"\xef\xbb\xbfa: 1\n", SOURCE) == {"a": 1}
    assert load_yaml("\ufeffa: 1\n", SOURCE) == {"a": 1}


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_refused(encoding):
    bom = b"\xff\xfe" if encoding.endswith("le") else b"\xfe\xff"
    message = refused(bom + "a: 1\n".encode(encoding))
    assert "UTF-16" in message


def test_utf16_python_default_encoding_refused():
    assert "UTF-16" in refused("a: 1\n".encode("utf-16"))


def test_invalid_utf8_refused_with_line():
    message = refused(b"a: ok\nb: caf\xe9\n")
    assert has_line(message, 2) and "UTF-8" in message


def test_nul_byte_refused_with_line():
    message = refused(b"a: 1\nb: x\x00y\n")
    assert has_line(message, 2) and "NUL" in message


def test_control_character_refused():
    message = refused("a: 1\nb: x\x07y\n")
    assert "control" in message or "character" in message


def test_control_character_message_names_the_line():
    message = refused("a: 1\nb: 2\nc: x\x07y\n")
    assert has_line(message, 3)


def test_lone_surrogate_in_text_refused():
    assert "surrogate" in refused("a: \ud800\n")


# -- keys and numbers -----------------------------------------------------------------------------

@pytest.mark.parametrize("key", ["1", "true", "null", "~", "1.5"])
def test_non_string_keys_refused(key):
    message = refused(f"outer:\n  {key}: a\n")
    assert has_line(message, 2)
    assert "outer" in message and "key" in message


def test_collection_key_refused():
    message = refused("outer:\n  ? [a, b]\n  : 1\n")
    assert has_line(message, 2) and "key" in message


def test_quoted_number_key_accepted():
    assert load_yaml("'1': a\n", SOURCE) == {"1": "a"}


def test_huge_integer_refused():
    message = refused("first: 1\nbig: " + "9" * 100 + "\n")
    assert has_line(message, 2) and "big" in message and "too large" in message


def test_unsupported_value_tag_refused():
    message = refused("a: 1\nb: =\n")  # PyYAML resolves a bare '=' to the 'value' tag
    assert has_line(message, 2)


# -- happy paths ----------------------------------------------------------------------------------

def test_quoted_yaml11_words_stay_strings():
    data = load_yaml("a: 'no'\nb: \"yes\"\nc: 'on'\nd: '0755'\ne: '2024-01-01'\nf: '.nan'\ng: '1:30'\n", SOURCE)
    assert data == {"a": "no", "b": "yes", "c": "on", "d": "0755", "e": "2024-01-01", "f": ".nan", "g": "1:30"}
    assert all(isinstance(v, str) for v in data.values())


def test_true_false_are_booleans():
    data = load_yaml("a: true\nb: false\nc: True\nd: FALSE\n", SOURCE)
    assert data == {"a": True, "b": False, "c": True, "d": False}
    assert all(type(v) is bool for v in data.values())


def test_integers():
    data = load_yaml("a: 1\nb: -5\nc: +3\nd: 0\ne: 520\n", SOURCE)
    assert data == {"a": 1, "b": -5, "c": 3, "d": 0, "e": 520}
    assert all(type(v) is int for v in data.values())


def test_floats():
    data = load_yaml("a: 1.5\nb: -0.25\nc: .5\nd: 2.0\n", SOURCE)
    assert data == {"a": 1.5, "b": -0.25, "c": 0.5, "d": 2.0}
    assert all(type(v) is float for v in data.values())


def test_nulls():
    assert load_yaml("a: null\nb: ~\nc:\nd: Null\n", SOURCE) == {"a": None, "b": None, "c": None, "d": None}


def test_nested_structure_and_unicode():
    text = "section:\n  id: s1\n  citations: [\"§6.2, D1\"]\nitems:\n  - {value: a, label: Größe}\n  - value: b\n"
    assert load_yaml(text.encode("utf-8"), SOURCE) == {
        "section": {"id": "s1", "citations": ["§6.2, D1"]},
        "items": [{"value": "a", "label": "Größe"}, {"value": "b"}],
    }


# -- load_json ------------------------------------------------------------------------------------

JSON_SOURCE = "answers.json"


def json_refused(text) -> str:
    return refused(text, JSON_SOURCE, loader=load_json)


def test_json_duplicate_keys_refused():
    message = json_refused('{"a": 1, "b": 2, "a": 3}')
    assert "'a'" in message and "twice" in message


def test_json_nested_duplicate_keys_refused():
    assert "'x'" in json_refused('{"outer": {"x": 1,\n "x": 2}}')


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_nan_and_infinity_refused(constant):
    assert constant in json_refused(f'{{"a": {constant}}}')


def test_json_float_overflow_refused():
    json_refused('{"a": 1e400}')


def test_json_huge_integer_refused_with_input_error():
    json_refused('{"a": ' + "9" * 5000 + "}")


def test_json_lone_surrogate_escape_refused():
    json_refused('{"a": "\\ud800"}')


def test_json_deep_nesting_refused():
    assert "nesting" in json_refused("[" * 10_000 + "]" * 10_000)


def test_json_nesting_limit_is_exact():
    assert load_json("[" * DEFAULT_MAX_DEPTH + "]" * DEFAULT_MAX_DEPTH, JSON_SOURCE) is not None
    assert "nesting" in json_refused("[" * (DEFAULT_MAX_DEPTH + 1) + "]" * (DEFAULT_MAX_DEPTH + 1))


def test_json_brackets_inside_strings_do_not_count_as_nesting():
    assert load_json('{"a": "[[[[[[[[[[[[[[[[\\"[[[[{{{{"}', JSON_SOURCE) == {"a": '[[[[[[[[[[[[[[[["[[[[{{{{'}


def test_invalid_json_names_line_and_column():
    message = json_refused('{\n  "a": 1,\n  "b": \n}')
    assert re.search(r"line \d+, column \d+", message)
    assert has_line(message, 4) or has_line(message, 3)


def test_invalid_json_trailing_data():
    message = json_refused('{"a": 1}\nextra')
    assert has_line(message, 2)


@pytest.mark.parametrize("text", ["", "  \n\t", b""])
def test_empty_json_refused(text):
    assert "empty" in json_refused(text)


def test_json_happy_path():
    assert load_json('{"a": [1, 2.5, true, null, "x"]}', JSON_SOURCE) == {"a": [1, 2.5, True, None, "x"]}


def test_load_document_dispatches_on_extension():
    assert load_document(b'{"a": 1}', "x.JSON") == {"a": 1}
    assert load_document(b"a: 1\n", "x.yaml") == {"a": 1}
    with pytest.raises(InputError):  # JSON rules apply to .json files: no YAML syntax
        load_document(b"a: 1\n", "x.json")


# -- properties -----------------------------------------------------------------------------------

_YAMLISH = st.lists(
    st.sampled_from(list("-:[]{}&*!|>'\"#%@`,? \n\t\\abc019.~") + ["---", "...", "!!", "<<", "yes", "0x", "\ufeff",
                                                                  "\x85", "\u2028", "2024-01-01", "&a", "*a"]),
    max_size=40,
).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300) | _YAMLISH)
def test_load_yaml_on_arbitrary_text_raises_only_input_error(text):
    try:
        load_yaml(text, SOURCE)
    except InputError as exc:
        assert str(exc).startswith(SOURCE)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_load_yaml_on_arbitrary_bytes_raises_only_input_error(data):
    try:
        load_yaml(data, SOURCE)
    except InputError as exc:
        assert str(exc).startswith(SOURCE)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_load_json_on_arbitrary_text_raises_only_input_error(text):
    try:
        load_json(text, JSON_SOURCE)
    except InputError:
        pass


# NUL is refused by design (see test_nul_escape_in_quoted_string_refused), so the round trip excludes it.
_TEXT = st.text(alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=30)
_SCALARS = st.none() | st.booleans() | st.integers(min_value=-10**15, max_value=10**15) | _TEXT


def _nest(children):
    return st.lists(children, max_size=4) | st.dictionaries(_TEXT, children, max_size=4)


# Depth is bounded explicitly (at most 3 nested collections), well under the limit of 12.
_JSON_LIKE = _nest(_nest(_nest(_SCALARS) | _SCALARS) | _SCALARS) | _SCALARS


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_JSON_LIKE)
def test_safe_dump_round_trip(data):
    assert load_yaml(yaml.safe_dump(data), SOURCE) == data


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_JSON_LIKE)
def test_json_dump_round_trip(data):
    assert load_json(json.dumps(data, ensure_ascii=False), JSON_SOURCE) == data


@pytest.mark.parametrize(
    "text",
    ["no", "yes", "y", "on", "2024-01-01", "0755", "0x1F", "1:30", ".nan", "<<", "=", "1e3", "~", "null", "",
     " leading", "a: b", "- x", "#x", "&a", "*a", "!!python/object", "true", "12345678901234567890123456789012345"],
)
def test_safe_dump_of_tricky_strings_round_trips(text):
    data = {"value": text, text: [text]}
    assert load_yaml(yaml.safe_dump(data), SOURCE) == data


@pytest.mark.parametrize("text", ['a: "x\\0y"\n', 'a: "\\ud800"\n'])
def test_nul_and_surrogate_escapes_in_quoted_string_refused(text):
    with pytest.raises(InputError) as info:
        load_yaml(text, SOURCE)
    assert "a" in str(info.value)
