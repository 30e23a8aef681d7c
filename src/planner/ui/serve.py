"""`make run`'s server: `streamlit run` with the planner loaded before the server answers.

Streamlit imports an app's modules during the first browser session's run, so the first person to open the planner
after a start waited for them (SQLAlchemy, pydantic, numpy) and for the content to be read and checked: about twice
a hello-world app's first page (bench/bench_browser.py, cold_first_render; issue 16). Here the server process loads
them before it listens, in boot's fixed order, and reads the built-in content in every language into the cache the
pages read: the first run finds everything done. The cost moves to the start, before "You can now view your
Streamlit app" is printed, when nobody waits yet (bench_browser reports the server start too).

Arguments are `streamlit run`'s: `python -m planner.ui.serve app.py --server.port 8501`.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path


def preload() -> None:
    """The planner's modules (the pages' helpers, charts and documents too) and the built-in content (questionnaire,
    knowledge base) in each language."""
    import planner
    import planner.ui.boot  # noqa: F401 - first: packages before their parts (see its docstring)
    from planner.content import languages, load_content

    root = Path(planner.__file__).parent
    for path in sorted(root.rglob("*.py")):  # by file: planner.ui is a namespace package, which pkgutil does not walk
        parts = path.relative_to(root.parent).with_suffix("").parts
        if parts[-1] == "__main__" or "migrations" in parts:  # the command line; Alembic's revisions load through Alembic
            continue
        importlib.import_module(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    for language in languages():
        load_content(language=language)
    _preload_streamlit_parts()


def _preload_streamlit_parts() -> None:
    """What the first run's page icon and database would load: the image plugins, SQLite's SQLAlchemy dialect,
    the icon names; and the once-per-process REPL check, marked done."""
    import sqlalchemy
    import streamlit.delta_generator as delta_generator
    import streamlit.material_icon_names  # noqa: F401
    from PIL import Image

    Image.init()
    sqlalchemy.create_engine("sqlite://").dispose()  # loads the dialect; no file, no connection
    # Streamlit checks once per process, at the first element any session draws, whether it runs in a REPL: that
    # walks the stack and every loaded module's file (~40-80 ms with the planner loaded, in the first visitor's run).
    # Under `streamlit run` it never is one; the flag only says the check (and its warning) is done.
    delta_generator._use_warning_has_been_displayed = True


def main(argv: list[str] | None = None) -> None:
    preload()
    from streamlit.web import cli

    cli.main(["run", *(sys.argv[1:] if argv is None else argv)], prog_name="streamlit")


if __name__ == "__main__":
    main()
