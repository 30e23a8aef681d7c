"""Run every bench/bench_*.py and print one line per measure: name, ratio, target, pass/fail.

Benchmarks compare ratios measured within one run (machines are noisy); they never fail `make test`.
"""

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    results = []
    for path in sorted(HERE.glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        outcome = module.run()
        results.extend(outcome if isinstance(outcome, list) else [outcome])
    print()
    for r in results:
        verdict = "PASS" if r["passed"] else "FAIL"
        print(f"{r['name']:<28} ratio={r['ratio']:.2f}  target<={r['target']:.1f}  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
