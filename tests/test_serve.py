"""planner.ui.serve: `make run`'s launcher loads the planner, then hands its arguments to `streamlit run`."""

from __future__ import annotations

import subprocess
import sys

import planner.ui.serve as serve
from planner.content import languages, load_content
from planner.content.loader import _load_content


def test_the_launcher_loads_the_content_of_every_language_then_runs_streamlit_with_its_arguments(monkeypatch):
    from streamlit.web import cli

    load_content.cache_clear()
    calls = []
    monkeypatch.setattr(cli, "main", lambda args, prog_name: calls.append((args, prog_name)))
    serve.main(["app.py", "--server.port", "8600"])
    assert calls == [(["run", "app.py", "--server.port", "8600"], "streamlit")]
    assert _load_content.cache_info().currsize == len(languages())  # each language read once, before the server starts


def test_a_fresh_process_has_the_planner_loaded_after_preload():
    code = ("import sys, planner.ui.serve as s; s.preload(); "
            "print(all(m in sys.modules for m in ('planner.store.store', 'planner.plan.report', 'planner.ui.state', 'sqlalchemy')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True).stdout
    assert out.strip() == "True"
