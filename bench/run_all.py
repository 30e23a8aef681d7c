"""Run every bench/bench_*.py and print one line per measure: name, ratio (or value), target, pass/fail.

Benchmarks compare ratios measured within one run (machines are noisy); they never fail `make test`.
The same figures go to bench/results.json (name, value, unit, target, pass) to compare run to run.
"""

import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.json"


def main() -> int:
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    import _apptest  # noqa: F401 - silences Streamlit's "missing ScriptRunContext" warnings for every benchmark

    results = []
    for path in sorted(HERE.glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[path.stem] = module  # so worker processes (spawn) can import its functions by name
        spec.loader.exec_module(module)
        outcome = module.run()
        results.extend(outcome if isinstance(outcome, list) else [outcome])
    print()
    for r in results:
        print(summary_line(r))
    RESULTS.write_text(json.dumps([record(r) for r in results], indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {RESULTS}")
    return 0


def record(r: dict) -> dict:
    """One measure for results.json: a ratio has the unit "x"; `target` and `pass` are null for report-only measures."""
    if "ratio" in r:
        passed = r.get("passed")
        return {"name": r["name"], "value": round(r["ratio"], 3), "unit": "x", "target": r.get("target"),
                "pass": None if passed is None else bool(passed)}
    passed = r.get("passed")
    return {"name": r["name"], "value": round(float(r["value"]), 3), "unit": r["unit"], "target": r.get("target"),
            "pass": None if passed is None else bool(passed)}


def summary_line(r: dict) -> str:
    """`name  ratio/value  target  PASS|FAIL|report`; measures without a target are reported only."""
    if "ratio" in r:
        if r.get("passed") is None:  # a ratio reported only
            return f"{r['name']:<30} ratio={r['ratio']:.2f}  report"
        verdict = "PASS" if r["passed"] else "FAIL"
        return f"{r['name']:<30} ratio={r['ratio']:.2f}  target<={r['target']:.1f}  {verdict}"
    value = f"{r['value']:.0f} {r['unit']}"
    if "target" in r:
        return f"{r['name']:<30} value={value}  target={r['target']}  {'PASS' if r['passed'] else 'FAIL'}"
    return "  ".join(part for part in (f"{r['name']:<30} value={value}", r.get("note", ""), "report") if part)


if __name__ == "__main__":
    sys.exit(main())
