"""Strict, safe YAML (and JSON) reading for everything a user or a content author supplies.

PyYAML's safe loader still accepts aliases (alias bombs), silently keeps the last of duplicate
keys and types scalars by YAML 1.1 rules (`no` → False, `0755` → 493, `1:30` → 90, dates).
Here the text is checked event by event before any object is built, then converted from the
node graph with YAML-1.2-like typing; anything surprising is refused with its line.
"""

from __future__ import annotations

import json
import math
import re

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .errors import InputError, Item, Problem, format_path

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DEFAULT_MAX_BYTES = 512 * 1024
DEFAULT_MAX_DEPTH = 12

_BOOL_WORDS = {"true", "false", "True", "False", "TRUE", "FALSE"}
_INT_RE = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT_RE = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_TAG = "tag:yaml.org,2002:"


def decode_text(data: bytes | str, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Bytes → text: size cap, UTF-8 only (BOM tolerated), no NUL bytes."""
    if isinstance(data, str):
        size = len(data.encode("utf-8", "surrogatepass"))
        text = data
    else:
        size = len(data)
        if size > max_bytes:
            raise InputError(Problem(source, "", _too_big(size, max_bytes)))
        if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
            raise InputError(Problem(source, "", "the file is UTF-16/UTF-32 encoded; save it as UTF-8"))
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise InputError(
                Problem(source, f"line {line}", f"not valid UTF-8 (byte {exc.start}); save the file as UTF-8")
            ) from None
    if size > max_bytes:
        raise InputError(Problem(source, "", _too_big(size, max_bytes)))
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputError(Problem(source, f"line {line}", "contains a NUL byte; this is not a text file"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(Problem(source, "", "contains invalid characters (lone surrogates)")) from None
    return text


def _too_big(size: int, limit: int) -> str:
    return f"the file is {size:,} bytes; the limit is {limit:,} bytes"


def load_yaml(
    data: bytes | str,
    source: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
):
    """Parse one YAML document strictly; raise InputError naming the line and the path."""
    text = decode_text(data, source, max_bytes)
    if not text.strip():
        raise InputError(Problem(source, "", "the file is empty"))
    _check_events(text, source, max_depth)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise InputError(Problem(source, _mark(exc, text), _yaml_reason(exc))) from None
    if node is None:
        raise InputError(Problem(source, "", "the file is empty"))
    data = _NodeConverter(source).convert(node, ())
    _check_strings(data, source)
    return data


def _check_strings(data, source: str) -> None:
    """Escapes (`"\\0"`, `"\\ud800"`) can still smuggle NUL or lone surrogates into strings."""
    stack = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((path + (k,), v) for k, v in value.items())
            stack.extend((path, k) for k in value)
        elif isinstance(value, list):
            stack.extend((path + (i,), v) for i, v in enumerate(value))
        elif isinstance(value, str):
            if "\x00" in value:
                raise InputError(Problem(source, format_path(path) or "top level", "contains a NUL character"))
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise InputError(Problem(source, format_path(path) or "top level",
                                         "contains an invalid character (a lone surrogate escape)")) from None


def load_json(data: bytes | str, source: str, *, max_bytes: int = DEFAULT_MAX_BYTES, max_depth: int = DEFAULT_MAX_DEPTH):
    """Parse JSON strictly: no duplicate keys, no NaN/Infinity, bounded size and depth."""
    text = decode_text(data, source, max_bytes)
    if not text.strip():
        raise InputError(Problem(source, "", "the file is empty"))
    depth = _json_depth(text)
    if depth > max_depth:
        raise InputError(Problem(source, "", f"nesting is {depth} levels deep; at most {max_depth} are allowed"))

    def pairs(items):
        seen = {}
        for key, value in items:
            if key in seen:
                raise InputError(Problem(source, f"key {key[:60]!r}", "appears twice in the same object"))
            seen[key] = value
        return seen

    def constant(name):
        raise InputError(Problem(source, "", f"{name} is not a valid number here"))

    def integer(digits: str) -> int:
        if len(digits.lstrip("-")) > 30:
            raise InputError(Problem(source, "", "a number in the file is too large"))
        return int(digits)

    def decimal(digits: str) -> float:
        number = float(digits)
        if not math.isfinite(number):
            raise InputError(Problem(source, "", f"{digits[:40]} is too large a number"))
        return number

    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_constant=constant, parse_int=integer, parse_float=decimal)
    except json.JSONDecodeError as exc:
        raise InputError(Problem(source, f"line {exc.lineno}, column {exc.colno}", f"not valid JSON: {exc.msg}")) from None
    except RecursionError:
        raise InputError(Problem(source, "", "nesting is too deep")) from None
    _check_strings(data, source)
    return data


def load_document(data: bytes | str, source: str, **limits):
    """JSON when the name ends in .json, else YAML."""
    if source.lower().endswith(".json"):
        return load_json(data, source, **limits)
    return load_yaml(data, source, **limits)


def _json_depth(text: str) -> int:
    """Maximum bracket depth outside strings, computed without recursion."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _mark(exc: yaml.YAMLError, text: str = "") -> str:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark:
        return f"line {mark.line + 1}, column {mark.column + 1}"
    position = getattr(exc, "position", None)  # reader errors (bad characters) carry only an offset
    if isinstance(position, int) and text:
        return f"line {text[:position].count(chr(10)) + 1}"
    return ""


def _yaml_reason(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return f"not valid YAML: {problem}"


def _check_events(text: str, source: str, max_depth: int) -> None:
    depth = documents = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            where = f"line {event.start_mark.line + 1}" if event.start_mark else ""
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise InputError(Problem(source, where, "holds several YAML documents (---); put everything in one"))
            elif isinstance(event, yaml.AliasEvent):
                raise InputError(Problem(source, where, "uses an alias (*name); aliases are not allowed, write the value out"))
            elif isinstance(event, yaml.NodeEvent):
                if event.anchor is not None:
                    raise InputError(Problem(source, where, f"uses an anchor (&{event.anchor}); anchors are not allowed"))
                if getattr(event, "tag", None) not in (None, "!") and not _implicit(event):
                    raise InputError(Problem(source, where, f"uses the tag {event.tag!r}; tags are not allowed"))
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
                    if depth > max_depth:
                        raise InputError(Problem(source, where, _too_deep(max_depth)))
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as exc:
        if _is_depth_refusal(exc):  # the parser's own limit (PyYAML >= 6.0.4) can come before ours
            raise InputError(Problem(source, _line(exc), _too_deep(max_depth))) from None
        raise InputError(Problem(source, _mark(exc, text), _yaml_reason(exc))) from None


def _too_deep(max_depth: int) -> str:
    return f"nesting is deeper than {max_depth} levels; flatten the structure"


def _is_depth_refusal(exc: yaml.YAMLError) -> bool:
    """PyYAML (6.0.4 and later, C and pure-Python parser) refuses very deep nesting on its own."""
    problem = getattr(exc, "problem", None) or str(exc)
    return "nesting depth" in problem or "maximum nesting" in problem


def _line(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return f"line {mark.line + 1}" if mark else ""


def _implicit(event) -> bool:
    implicit = getattr(event, "implicit", True)
    return any(implicit) if isinstance(implicit, tuple) else bool(implicit)


class _NodeConverter:
    """Node graph → plain Python values with strict scalar typing and duplicate-key checks."""

    def __init__(self, source: str):
        self.source = source

    def fail(self, node, path, message: str):
        where = f"line {node.start_mark.line + 1}"
        location = f"{format_path(path)} ({where})" if path else where
        raise InputError(Problem(self.source, location, message))

    def convert(self, node, path: tuple):
        if isinstance(node, ScalarNode):
            return self.scalar(node, path)
        if isinstance(node, SequenceNode):
            return [self.convert(child, path + (i,)) for i, child in enumerate(node.value)]
        if isinstance(node, MappingNode):
            return self.mapping(node, path)
        self.fail(node, path, "unsupported YAML node")  # pragma: no cover

    def mapping(self, node: MappingNode, path: tuple) -> dict:
        result: dict = {}
        lines: dict = {}
        label = _element_label(node)
        if label and path and isinstance(path[-1], int):
            path = path[:-1] + (Item(path[-1], label),)
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                self.fail(key_node, path, "merge keys (<<) are not allowed")
            if not isinstance(key_node, ScalarNode):
                self.fail(key_node, path, "keys must be plain text, not lists or mappings")
            key = self.scalar(key_node, path)
            if not isinstance(key, str):
                self.fail(key_node, path, f"the key {key_node.value!r} must be text; put it in quotes")
            if key in result:
                self.fail(
                    key_node,
                    path + (key,),
                    f"duplicate key {key!r} (first on line {lines[key]}); each key may appear once",
                )
            lines[key] = key_node.start_mark.line + 1
            result[key] = self.convert(value_node, path + (key,))
        return result

    def scalar(self, node: ScalarNode, path: tuple):
        tag, value = node.tag, node.value
        if tag == _TAG + "str":
            return value
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            if value in _BOOL_WORDS:
                return value.lower() == "true"
            self.fail(node, path, f"{value!r} would be read as a yes/no boolean (YAML 1.1); "
                                  f"write true/false, or quote it ('{value}') if you mean text")
        if tag == _TAG + "int":
            if _INT_RE.match(value) and len(value) <= 30:
                return int(value)
            if len(value) > 30 and _INT_RE.match(value):
                self.fail(node, path, "the number is too large")
            self.fail(node, path, f"{value!r} would be read as an octal, hex or base-60 number (YAML 1.1); "
                                  f"write a plain decimal number or quote it")
        if tag == _TAG + "float":
            if _FLOAT_RE.match(value):
                number = float(value)
                if math.isfinite(number):
                    return number
                self.fail(node, path, f"{value!r} is too large a number")
            self.fail(node, path, f"{value!r} is not a finite decimal number (NaN, infinity and base-60 are refused); "
                                  f"quote it if you mean text")
        if tag == _TAG + "timestamp":
            self.fail(node, path, f"{value!r} would be read as a date; quote it ('{value}') to keep it as text")
        self.fail(node, path, f"unsupported value type {tag!r}")


def _element_label(node: MappingNode) -> str | None:
    for key_node, value_node in node.value:
        if isinstance(key_node, ScalarNode) and key_node.value in ("id", "value") and isinstance(value_node, ScalarNode):
            return f"{key_node.value} {value_node.value[:60]!r}"
    return None
