"""Benchmark: concurrent participant saves against PostgreSQL (two app processes, like two replicas).

A throwaway PostgreSQL server (Debian's package, loopback) receives 2 processes × 10 participants
(threads) × 50 answer saves. Reports throughput (saves per second) and lost saves (target 0).
Skipped with a note when PostgreSQL is not installed. Not a test.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for path in (str(ROOT / "src"), str(ROOT), str(ROOT / "tests")):
    if path not in sys.path:
        sys.path.insert(0, path)

PROCESSES, PARTICIPANTS, SAVES = 2, 10, 50

WORKER = textwrap.dedent(f"""
    import sys, threading
    from planner.store import Store

    url, project_id, replica = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = Store(url)

    def participant(number):
        for i in range({SAVES}):
            store.save_answer(project_id, f"r{{replica}}_p{{number}}_q{{i}}", i)

    threads = [threading.Thread(target=participant, args=(n,)) for n in range({PARTICIPANTS})]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
""")


def run() -> list[dict]:
    from pg_harness import postgres_bin, postgres_server

    if postgres_bin() is None:
        print("postgres benchmark skipped: PostgreSQL is not installed (make test installs it)")
        return []
    from planner.store import Store

    with postgres_server() as url:
        store = Store(url)
        project_id = store.create_project("Bench").id
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        began = time.perf_counter()
        workers = [subprocess.Popen([sys.executable, "-c", WORKER, url, project_id, str(r)], env=env) for r in range(PROCESSES)]
        for worker in workers:
            worker.wait(timeout=600)
        elapsed = time.perf_counter() - began  # includes starting the two Python processes
        saved = store.load_answers(project_id)
        expected = {f"r{r}_p{p}_q{i}": i for r in range(PROCESSES) for p in range(PARTICIPANTS) for i in range(SAVES)}
        lost = sum(1 for key, value in expected.items() if saved.get(key) != value)
        store.engine.dispose()
    total = PROCESSES * PARTICIPANTS * SAVES
    print(f"postgres_concurrent_saves {PROCESSES} processes x {PARTICIPANTS} participants x {SAVES} saves: "
          f"{total / elapsed:.0f} saves/s over {elapsed:.1f} s (incl. process start), lost {lost} (target 0)")
    return [{"name": "postgres_saves_lost", "value": lost, "unit": "saves", "target": 0, "passed": lost == 0},
            {"name": "postgres_saves_per_second", "value": total / elapsed, "unit": "saves/s"}]


if __name__ == "__main__":
    run()
