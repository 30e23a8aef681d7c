"""Run every bench/bench_*.py and print one line per measure: name, ratio (or value), target, pass/fail.

Benchmarks compare ratios measured within one run (machines are noisy); they never fail `make test`.
"""

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
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
    return 0


def summary_line(r: dict) -> str:
    """`name  ratio/value  target  PASS|FAIL|report`; measures without a target are reported only."""
    if "ratio" in r:
        verdict = "PASS" if r["passed"] else "FAIL"
        return f"{r['name']:<30} ratio={r['ratio']:.2f}  target<={r['target']:.1f}  {verdict}"
    value = f"{r['value']:.0f} {r['unit']}"
    if "target" in r:
        return f"{r['name']:<30} value={value}  target={r['target']}  {'PASS' if r['passed'] else 'FAIL'}"
    return "  ".join(part for part in (f"{r['name']:<30} value={value}", r.get("note", ""), "report") if part)


if __name__ == "__main__":
    sys.exit(main())
