"""Two app processes (replicas) on one PostgreSQL: 20 participants × 50 answers, nothing lost.

Each process plays 10 participants (threads). Every participant saves 50 answers of its own and
also increments one shared answer with optimistic locking (retrying on ConflictError), the way two
people editing the same field would: a stale write is refused, never silently applied.
"""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from planner.store import Store

ROOT = Path(__file__).resolve().parents[1]
PARTICIPANTS_PER_PROCESS = 10
ANSWERS = 50
SHARED_INCREMENTS = 5

REPLICA = textwrap.dedent(f"""
    import sys, threading
    from planner.store import ConflictError, Store

    url, project_id, replica = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = Store(url)
    errors = []

    def participant(number):
        try:
            for i in range({ANSWERS}):
                store.save_answer(project_id, f"r{{replica}}_p{{number}}_q{{i}}", {{"by": number, "i": i}})
            for _ in range({SHARED_INCREMENTS}):
                while True:
                    versions = store.load_answer_versions(project_id)
                    value, version = versions.get("shared", (0, 0))
                    try:
                        store.save_answer(project_id, "shared", (value or 0) + 1, version)
                        break
                    except ConflictError:
                        continue
        except Exception as exc:
            errors.append(repr(exc))

    threads = [threading.Thread(target=participant, args=(n,)) for n in range({PARTICIPANTS_PER_PROCESS})]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("\\n".join(errors))
    sys.exit(1 if errors else 0)
""")


def test_two_replicas_lose_nothing(postgres_url):
    from sqlalchemy import create_engine, text

    engine = create_engine(postgres_url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    store = Store(postgres_url)
    project = store.create_project("Workshop")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    replicas = [subprocess.Popen([sys.executable, "-c", REPLICA, postgres_url, project.id, str(r)], env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for r in range(2)]
    for replica in replicas:
        out, err = replica.communicate(timeout=300)
        assert replica.returncode == 0, out + err
    answers = store.load_answers(project.id)
    participants = 2 * PARTICIPANTS_PER_PROCESS
    assert sum(1 for key in answers if key != "shared") == participants * ANSWERS
    for r in range(2):
        for p in range(PARTICIPANTS_PER_PROCESS):
            for i in range(ANSWERS):
                assert answers[f"r{r}_p{p}_q{i}"] == {"by": p, "i": i}
    assert answers["shared"] == participants * SHARED_INCREMENTS  # every increment counted exactly once
    store.engine.dispose()
