"""Scenario suite: projects written from the paper's organisations and patterns, and what the scores must show for them.

Each tests/scenarios/<name>.yaml is an answers file (its comment header names the paper section); the expectations
in tests/scenarios/expectations.yaml were written from the paper before the engine was run. An expectation the engine
does not meet is kept and marked `xfail` with the reason. `python tests/test_scenarios.py` prints the table for
docs/scoring.md; a test keeps that table in step with the engine.
"""

import re
import sys
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from planner.answers import answers_from_document  # noqa: E402
from planner.assessment.engine import assess  # noqa: E402
from planner.assessment.model import CHALLENGE_LEVELS, POINT_LEVELS  # noqa: E402
from planner.content import POINT_IDS, load_content  # noqa: E402
from planner.safe_yaml import load_document  # noqa: E402

SCENARIOS = ROOT / "tests" / "scenarios"
EXPECTATIONS = SCENARIOS / "expectations.yaml"
DOCS = ROOT / "docs" / "scoring.md"
POINT_ORDER = [name for _, name in POINT_LEVELS]
CHALLENGE_ORDER = [name for _, name in CHALLENGE_LEVELS]
TABLE_START, TABLE_END = "<!-- scenarios table: start -->", "<!-- scenarios table: end -->"


def scenario_files() -> dict[str, Path]:
    return {p.stem: p for p in sorted(SCENARIOS.glob("*.yaml")) if p != EXPECTATIONS}


def expectations() -> dict:
    return load_document(EXPECTATIONS.read_bytes(), str(EXPECTATIONS))


def source_of(path: Path) -> str:
    """The paper section(s) named in the scenario's comment header."""
    match = re.search(r"^# Source in the paper[^:]*: (.+)$", path.read_text(encoding="utf-8"), re.M)
    return match.group(1).strip() if match else ""


@lru_cache(maxsize=None)
def assessed(name: str):
    path = scenario_files()[name]
    content = load_content()
    answers = answers_from_document(load_document(path.read_bytes(), str(path)), content, str(path))
    return assess(content, answers)


def _cases(kind: str):
    """(id, check, xfail reason) for every expectation of one kind."""
    data = expectations()
    cases = []
    for name, spec in data["scenarios"].items():
        for point, bounds in (spec.get("levels") or {}).items():
            reason = bounds.get("xfail") if isinstance(bounds, dict) else None
            for bound in ("min", "max"):
                if kind == "level" and bound in bounds:
                    cases.append((f"{name}-{point}-{bound}-{bounds[bound]}", (name, point, bound, bounds[bound]), reason))
        for key in ("likely", "at_most_possible"):
            for entry in spec.get(key) or []:
                cid, reason = (entry["id"], entry.get("xfail")) if isinstance(entry, dict) else (entry, None)
                if kind == key:
                    cases.append((f"{name}-{cid}", (name, cid), reason))
    if kind == "ordering":
        for entry in data.get("orderings") or []:
            triple, reason = (entry["order"], entry.get("xfail")) if isinstance(entry, dict) else (entry, None)
            cases.append(("-".join(triple), tuple(triple), reason))
    return [pytest.param(args, id=cid, marks=[pytest.mark.xfail(reason=reason, strict=True)] if reason else []) for cid, args, reason in cases]


def test_every_scenario_has_expectations_and_every_expectation_a_scenario():
    files, expected = set(scenario_files()), set(expectations()["scenarios"])
    assert files - expected == set(), "scenario files without expectations"
    assert expected - files == set(), "expectations without a scenario file"
    assert len(files) >= 8
    named = {n for triple in (e if isinstance(e, list) else e["order"] for e in expectations()["orderings"]) for n in triple[1:]}
    assert named <= files, "orderings name unknown scenarios"


@pytest.mark.parametrize("name", sorted(scenario_files()))
def test_scenario_names_its_source_and_answers_every_point(name):
    assert re.search(r"§\d", source_of(scenario_files()[name])), "header must name the paper section"
    result = assessed(name)
    assert all(result.point(pid).score is not None for pid in POINT_IDS)


@pytest.mark.parametrize("case", _cases("level"))
def test_level(case):
    name, point, bound, level = case
    actual = assessed(name).point(point).level
    if bound == "min":
        assert POINT_ORDER.index(actual) >= POINT_ORDER.index(level), f"{name}: {point} is {actual}, expected at least {level}"
    else:
        assert POINT_ORDER.index(actual) <= POINT_ORDER.index(level), f"{name}: {point} is {actual}, expected at most {level}"


@pytest.mark.parametrize("case", _cases("likely"))
def test_challenge_at_least_likely(case):
    name, cid = case
    level = assessed(name).challenge(cid).level
    assert CHALLENGE_ORDER.index(level) >= CHALLENGE_ORDER.index("likely"), f"{name}: {cid} is {level}"


@pytest.mark.parametrize("case", _cases("at_most_possible"))
def test_challenge_at_most_possible(case):
    name, cid = case
    level = assessed(name).challenge(cid).level
    assert CHALLENGE_ORDER.index(level) <= CHALLENGE_ORDER.index("possible"), f"{name}: {cid} is {level}"


@pytest.mark.parametrize("case", _cases("ordering"))
def test_ordering(case):
    point, higher, lower = case
    high, low = assessed(higher).point(point).score, assessed(lower).point(point).score
    assert high > low, f"{point}: {higher} scores {high:.1f}, not above {lower} at {low:.1f}"


def scenarios_table() -> str:
    """Markdown table: each scenario, its source section, and its score and level per collaboration point."""
    lines = ["| Scenario | Source in the paper | " + " | ".join(pid.capitalize() for pid in POINT_IDS) + " |",
             "|---|---|" + "---|" * len(POINT_IDS)]
    for name, path in scenario_files().items():
        result = assessed(name)
        cells = [f"{result.point(pid).score:.0f} ({result.point(pid).level})" for pid in POINT_IDS]
        lines.append(f"| `{name}` | {source_of(path)} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def test_docs_table_matches_engine():
    text = DOCS.read_text(encoding="utf-8")
    assert TABLE_START in text and TABLE_END in text, "docs/scoring.md lacks the scenarios table markers"
    table = text.split(TABLE_START, 1)[1].split(TABLE_END, 1)[0].strip() + "\n"
    assert table == scenarios_table(), "docs/scoring.md scenarios table is stale: run `python tests/test_scenarios.py`"


if __name__ == "__main__":
    print(scenarios_table(), end="")
