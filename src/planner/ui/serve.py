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

import sys


def preload() -> None:
    """The planner's modules and the built-in content (questionnaire, knowledge base) in each language."""
    import planner.ui.boot  # noqa: F401 - the modules, packages before their parts (see its docstring)
    from planner.content import languages, load_content

    for language in languages():
        load_content(language=language)


def main(argv: list[str] | None = None) -> None:
    preload()
    from streamlit.web import cli

    cli.main(["run", *(sys.argv[1:] if argv is None else argv)], prog_name="streamlit")


if __name__ == "__main__":
    main()
