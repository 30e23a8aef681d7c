"""Sessions that start at the same moment import the pages in parallel threads: no import deadlock.

On a freshly started server, ten reconnecting browsers got "This app has encountered an error":
`_DeadlockError` on `planner.plan.catalogue` and `ImportError: cannot import name 'Plan'` - one
thread imported `planner.plan` while another imported `planner.plan.catalogue`. Every entry point
now imports `planner.ui.boot` first.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENTRIES = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]


def planner_imports(path: Path, with_boot: bool = True) -> str:
    """The page's own import statements of planner modules, in order (what a session runs first)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))
             and any(name.startswith("planner") for name in _modules(n))]
    if not with_boot:
        nodes = [n for n in nodes if "planner.ui.boot" not in _modules(n)]
    return "\n".join(ast.unparse(n) for n in nodes)


def _modules(node) -> list[str]:
    return [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]


@pytest.mark.parametrize("path", ENTRIES, ids=[p.name for p in ENTRIES])
def test_every_entry_point_imports_the_boot_module_first(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    first = next(n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom)))
    assert _modules(first) == ["planner.ui.boot"], f"{path.name}: the first import must be `import planner.ui.boot`"


STRESS = textwrap.dedent('''
    import sys, threading
    sys.path[:0] = [{src!r}, {root!r}]
    import streamlit  # loaded by the server before any session
    codes = {codes!r}
    barrier = threading.Barrier(len(codes))
    errors = []
    def run(code):
        barrier.wait()
        try:
            exec(code, {{}})
        except BaseException as exc:
            errors.append(f"{{type(exc).__name__}}: {{exc}}")
    threads = [threading.Thread(target=run, args=(c,)) for c in codes]
    [t.start() for t in threads]
    [t.join() for t in threads]
    print("\\n".join(errors))
    sys.exit(1 if errors else 0)
''')


def stress(with_boot: bool, rounds: int) -> list[str]:
    codes = [planner_imports(p, with_boot) for p in ENTRIES] * 2  # two sessions per page, all at once
    script = STRESS.format(src=str(ROOT / "src"), root=str(ROOT), codes=codes)
    failures = []
    for _ in range(rounds):
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
        if result.returncode:
            failures.append(result.stdout.strip() or result.stderr.strip()[-500:])
    return failures


def test_pages_imported_in_parallel_threads_on_a_fresh_interpreter_never_fail():
    assert stress(with_boot=True, rounds=12) == []
