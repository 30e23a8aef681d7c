"""Benchmark: concurrent answer saves on SQLite — 8 writer processes × 100 saves into one project.

Each writer saves its own 100 answers (as 8 people answering at once would); afterwards every
answer must be in the database with its value. Reports the number lost (target 0) and the p95 /
max latency of one save under this contention. Not a test; printed and returned to bench/run_all.py.
"""

from __future__ import annotations

import multiprocessing as mp
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for path in (str(ROOT / "src"), str(ROOT)):
    if path not in sys.path:
        sys.path.insert(0, path)

WRITERS = 8
SAVES = 100


def _writer(db: str, project_id: str, writer: int, start, out) -> None:
    from planner.store import Store

    store = Store(db)
    start.wait()
    latencies = []
    for i in range(SAVES):
        began = time.perf_counter()
        store.save_answer(project_id, f"writer{writer}_q{i}", {"writer": writer, "i": i})
        latencies.append(time.perf_counter() - began)
    out.put(latencies)


def run() -> list[dict]:
    from planner.store import Store

    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "concurrency.db")
        project_id = Store(db).create_project("Concurrency").id
        context = mp.get_context("spawn")
        start, out = context.Event(), context.Queue()
        workers = [context.Process(target=_writer, args=(db, project_id, w, start, out)) for w in range(WRITERS)]
        for worker in workers:
            worker.start()
        time.sleep(2)  # let every process import and connect before the start signal
        began = time.perf_counter()
        start.set()
        latencies = [value for _ in workers for value in out.get(timeout=300)]
        elapsed = time.perf_counter() - began
        for worker in workers:
            worker.join(timeout=60)
        saved = Store(db).load_answers(project_id)
        lost = sum(1 for w in range(WRITERS) for i in range(SAVES) if saved.get(f"writer{w}_q{i}") != {"writer": w, "i": i})
    ms = sorted(v * 1000 for v in latencies)
    p95 = ms[int(0.95 * (len(ms) - 1))]
    print(f"concurrent_saves {WRITERS} writers x {SAVES} saves in {elapsed:.1f} s: lost {lost} (target 0), "
          f"median {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, max {ms[-1]:.1f} ms")
    return [{"name": "concurrent_saves_lost", "value": lost, "unit": "saves", "target": 0, "passed": lost == 0},
            {"name": "concurrent_save_p95_ms", "value": p95, "unit": "ms"}]


if __name__ == "__main__":
    run()
