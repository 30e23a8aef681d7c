"""A process that dies in the middle of a save leaves the previous state intact (SQLite transactions)."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from planner.store import Store

ROOT = Path(__file__).resolve().parents[1]

# Runs in a child process: patch the store so the process dies inside the write transaction,
# after some rows were already written, then start the save.
CHILD = textwrap.dedent("""
    import os, sys
    from sqlalchemy import event
    from planner.store import Store

    store = Store(sys.argv[1])

    @event.listens_for(store.engine, "after_cursor_execute")
    def die(conn, cursor, statement, *args):
        # the answers rows are written but the transaction is not committed: die like a crash or kill -9
        if statement.lstrip().upper().startswith(("INSERT INTO ANSWERS", "UPDATE ANSWERS")):
            os._exit(7)

    if sys.argv[3] == "replace":
        store.replace_answers(sys.argv[2], {"setup_trajectory": "model_first", "setup_team_size": 99},
                              plan={"schema_version": 1, "participants": ["Crash"]})
    else:
        store.save_answer(sys.argv[2], "setup_trajectory", "model_first", int(sys.argv[4]))
""")



def crash_during(db: Path, project_id: str, operation: str, *extra: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run([sys.executable, "-c", CHILD, str(db), project_id, operation, *extra], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 7, result.stderr  # it really died inside the save


@pytest.mark.parametrize("operation", ["replace", "save"])
def test_crash_in_the_middle_of_a_save_keeps_the_previous_state(tmp_path, operation):
    db = tmp_path / "p.db"
    store = Store(str(db))
    project = store.create_project("Before the crash")
    version = store.save_answer(project.id, "setup_trajectory", "parallel")
    store.save_answer(project.id, "setup_team_size", 4)
    store.save_plan(project.id, {"schema_version": 1, "participants": ["Ana"]}, 0)
    before = store.snapshot(project.id)

    crash_during(db, project.id, operation, str(version))

    after = Store(str(db)).snapshot(project.id)  # a fresh process view of the file
    assert after.answers == before.answers == {"setup_trajectory": "parallel", "setup_team_size": 4}
    assert after.versions == before.versions
    assert Store(str(db)).load_plan(project.id)[0]["participants"] == ["Ana"]
    Store(str(db)).save_answer(project.id, "setup_trajectory", "product_first", version)  # still writable
