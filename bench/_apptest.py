"""AppTest sessions shared by the page benchmarks: a project page opened with its key, and the one-widget floor."""

from __future__ import annotations

from pathlib import Path

from _timing import median_ms

ROOT = Path(__file__).resolve().parents[1]


def open_project_page(project, page: str):
    """A session on `page` (e.g. "pages/plan.py") of `project`, opened through app.py with its facilitator key."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["project"] = project.id
    at.query_params["key"] = project.key
    at.switch_page(page)
    at.run()
    return at


def one_widget_ms(runs: int, warmups: int) -> float:
    """The floor every page ratio divides by: median rerun after toggling bench/one_widget.py's checkbox."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "bench" / "one_widget.py"), default_timeout=60)
    at.run()
    return median_ms(lambda i: at.checkbox(key="x").set_value(i % 2 == 0).run(), runs, warmups)
