"""AppTest sessions shared by the page benchmarks: a project page opened with its key, and the one-widget floor."""

from __future__ import annotations

import logging
from pathlib import Path

from _timing import interleaved_ms, median_ms

ROOT = Path(__file__).resolve().parents[1]
BARE_MODE_WARNING = "missing ScriptRunContext"  # logged for every st.* call outside a script run (AppTest set-up)


def _not_bare_mode_warning(record: logging.LogRecord) -> bool:
    return BARE_MODE_WARNING not in record.getMessage()


def quiet_streamlit() -> None:
    """Drop the "missing ScriptRunContext" warnings from the bench output. A filter on the logger, not its level:
    Streamlit sets its loggers' levels again whenever it loads its config."""
    logger = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")
    if _not_bare_mode_warning not in logger.filters:
        logger.addFilter(_not_bare_mode_warning)


quiet_streamlit()


def open_project_page(project, page: str, params: dict | None = None):
    """A session on `page` (e.g. "pages/plan.py") of `project`, opened through app.py with its facilitator key."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["project"] = project.id
    at.query_params["key"] = project.key
    for name, value in (params or {}).items():
        at.query_params[name] = value
    at.switch_page(page)
    at.run()
    return at


def one_widget_step():
    """A `step(i)` for interleaved_ms: toggle bench/one_widget.py's checkbox and rerun (the floor ratios divide by)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "bench" / "one_widget.py"), default_timeout=60)
    at.run()
    return lambda i: at.checkbox(key="x").set_value(i % 2 == 0).run()


def versus_one_widget_ms(step, runs: int, warmups: int) -> tuple[float, float]:
    """Median ms of `step` and of the one-widget floor, measured in turn (a, floor, a, floor, ...)."""
    medians = interleaved_ms({"page": step, "floor": one_widget_step()}, runs, warmups)
    return medians["page"], medians["floor"]


def one_widget_ms(runs: int, warmups: int) -> float:
    """The floor alone (kept for scripts that measure it once)."""
    return median_ms(one_widget_step(), runs, warmups)
