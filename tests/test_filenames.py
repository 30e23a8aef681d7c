"""planner.filenames.safe_filename: download names that are safe on every OS."""

from __future__ import annotations

import re

import pytest

from planner.filenames import safe_filename

SAFE = re.compile(r"^[A-Za-z0-9_-]+\.[a-z]+$")
RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def check(name: str, extension: str = "yaml") -> str:
    assert SAFE.match(name), name
    assert name.endswith(f".{extension}")
    stem = name[: -len(extension) - 1]
    assert stem.lower() not in RESERVED
    assert not stem.startswith(("-", "_", "."))
    return stem


def test_path_traversal():
    name = safe_filename("../etc/passwd", "yaml")
    assert "/" not in name and ".." not in name and "\\" not in name
    assert check(name) == "etc-passwd"


def test_windows_path():
    assert check(safe_filename("..\\..\\windows\\system32", "md"), "md") == "windows-system32"


@pytest.mark.parametrize("stem", ["CON", "con", "Nul", "aux", "PRN", "COM1", "lpt9", "COM\u00b9"])
def test_reserved_device_names(stem):
    result = check(safe_filename(stem, "json"), "json")
    assert result.lower().startswith("project-")


def test_reserved_name_with_extension_is_not_reserved():
    check(safe_filename("CON.txt", "yaml"))


def test_long_name_is_cut():
    name = safe_filename("x" * 300, "yaml")
    assert check(name) == "x" * 80
    assert len(safe_filename("y" * 300, "yaml", limit=20)) == len("y" * 20 + ".yaml")


def test_cr_lf_and_control_characters():
    name = safe_filename("Report\r\nSet-Cookie: a=b\x00\x07", "md")
    assert "\r" not in name and "\n" not in name and "\x00" not in name
    assert check(name, "md") == "Report-Set-Cookie-a-b"


def test_emoji_only_falls_back():
    assert safe_filename("😀🚀", "yaml") == "project.yaml"


def test_accents_become_ascii():
    assert check(safe_filename("Café Ünïcode ñ", "pdf"), "pdf") == "Cafe-Unicode-n"


@pytest.mark.parametrize("stem", ["", "   ", ".", "..", "-_-", "///", "\t"])
def test_empty_after_cleaning_falls_back(stem):
    assert safe_filename(stem, "yaml") == "project.yaml"


def test_non_string_stem():
    assert check(safe_filename(12345, "yaml")) == "12345"


def test_keeps_ordinary_names():
    assert safe_filename("claims_triage-2024", "yaml") == "claims_triage-2024.yaml"


def test_markup_in_the_name_leaves_no_double_dashes():
    assert safe_filename("ICU <b>pilot</b>-kickoff-plan", "pdf") == "ICU-b-pilot-b-kickoff-plan.pdf"
