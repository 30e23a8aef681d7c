"""The benchmark harness (bench/): interleaved baselines, results.json, quiet Streamlit warnings. No timing is tested."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import _apptest  # noqa: E402
import _timing  # noqa: E402
import run_all  # noqa: E402


def test_a_ratios_two_sides_are_measured_in_turn():
    """Issue 16: the one-widget floor was measured once, after the page, so its ratio swung with the load."""
    calls = []
    medians = _timing.interleaved_ms({"page": lambda i: calls.append(("page", i)), "floor": lambda i: calls.append(("floor", i))},
                                     runs=3, warmups=1)
    assert calls == [("page", 0), ("floor", 0), ("page", 1), ("floor", 1), ("page", 2), ("floor", 2), ("page", 3), ("floor", 3)]
    assert set(medians) == {"page", "floor"} and all(ms >= 0 for ms in medians.values())


def test_make_bench_writes_results_json(tmp_path, monkeypatch, capsys):
    (tmp_path / "bench_fake.py").write_text(
        "def run():\n"
        "    return [{'name': 'a_ratio', 'ratio': 1.25, 'target': 1.5, 'passed': True},\n"
        "            {'name': 'a_value', 'value': 812.4, 'unit': 'ms', 'target': '<= 1000 ms', 'passed': True},\n"
        "            {'name': 'a_report', 'value': 3, 'unit': 'MB'},\n"
        "            {'name': 'a_reported_ratio', 'ratio': 3.5}]\n")
    monkeypatch.setattr(run_all, "HERE", tmp_path)
    monkeypatch.setattr(run_all, "RESULTS", tmp_path / "results.json")
    assert run_all.main() == 0
    assert json.loads((tmp_path / "results.json").read_text()) == [
        {"name": "a_ratio", "value": 1.25, "unit": "x", "target": 1.5, "pass": True},
        {"name": "a_value", "value": 812.4, "unit": "ms", "target": "<= 1000 ms", "pass": True},
        {"name": "a_report", "value": 3.0, "unit": "MB", "target": None, "pass": None},
        {"name": "a_reported_ratio", "value": 3.5, "unit": "x", "target": None, "pass": None},  # stopped make bench before
    ]
    assert "a_ratio" in capsys.readouterr().out


def test_bench_output_has_no_missing_script_run_context_warnings(caplog):
    logger = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")
    _apptest.quiet_streamlit()
    _apptest.quiet_streamlit()  # twice: still one filter
    with caplog.at_level(logging.WARNING, logger=logger.name):
        logger.warning("Thread 'MainThread': missing ScriptRunContext! This warning can be ignored when running in bare mode.")
        logger.warning("something else")
    assert [r.getMessage() for r in caplog.records] == ["something else"]
    assert logger.filters.count(_apptest._not_bare_mode_warning) == 1


def test_every_benchmark_has_a_run_function_and_does_no_work_on_import():
    """`make bench` imports every bench/bench_*.py and calls its run(): one without it (or that measures on import)
    stopped the whole run before results.json was written."""
    import ast

    for path in sorted(BENCH.glob("bench_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert any(isinstance(n, ast.FunctionDef) and n.name == "run" for n in tree.body), f"{path.name} has no run()"
        calls = [n for n in tree.body if isinstance(n, ast.Expr) and isinstance(n.value, ast.Call)]
        loops = [n for n in tree.body if isinstance(n, ast.While) or isinstance(n, ast.For) and ast.unparse(n.target) != "path"]  # sys.path set-up
        assert not calls and not loops, f"{path.name} does work when imported (line {(calls + loops)[0].lineno})"
