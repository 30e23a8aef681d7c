"""Ten people open their links at the same moment on a freshly started server (a restart mid-workshop)."""

from __future__ import annotations

import pytest

from planner.store import Store
from conftest import save_artefacts
from streamlit_harness import ROOT, streamlit_server

LINKS = ["join"] * 4 + ["facilitator plan"] * 3 + ["participant"] * 3


def expected_text(kind: str, name: str) -> str:
    return {"join": "Join the workshop", "facilitator plan": f"Kickoff plan · {name}",
            "participant": "You take part as"}[kind]


# `make run` loads the planner before the server answers (planner.ui.serve); plain `streamlit run app.py` loads it in
# the first sessions' runs, all at once (planner.ui.boot keeps their imports in order). Both must land every link.
@pytest.mark.parametrize("launcher", [False, True], ids=["streamlit-run", "make-run"])
def test_ten_deep_links_opened_at_once_after_a_start_all_land_where_they_say(browser, tmp_path, launcher):
    restart = "make-run" if launcher else "streamlit-run"
    db = tmp_path / "planner.db"
    store = Store(str(db))
    project = store.create_project("Cold start")
    urls = []
    for i, kind in enumerate(LINKS):
        if kind == "join":
            _, key = store.create_link(project.id, "participant", f"Join {i}")
            urls.append((kind, f"workshop?project={project.id}&key={key}"))
        elif kind == "facilitator plan":
            _, key = store.create_link(project.id, "facilitator", f"Facilitator {i}")
            urls.append((kind, f"plan?project={project.id}&key={key}"))
        else:
            _, key = store.join_workshop(project.id, f"Person {i}", "Client")
            urls.append((kind, f"workshop?project={project.id}&key={key}"))
    store.engine.dispose()
    contexts = [browser.new_context(viewport={"width": 1280, "height": 720}) for _ in urls]
    try:
        with streamlit_server(ROOT / "app.py", db, launcher=launcher) as server:
            pages = [ctx.new_page() for ctx in contexts]
            outside = []  # nothing may be fetched from anywhere but the planner's own server
            for pg in pages:
                pg.on("request", lambda r: None if r.url.startswith((server.url, "data:", "blob:")) else outside.append(r.url))
            for pg, (_, path) in zip(pages, urls):  # all requests go out before any page has run
                pg.goto(f"{server.url}/{path}", wait_until="commit")
            landed = []
            for n, (pg, (kind, _)) in enumerate(zip(pages, urls)):
                arrived = pg.get_by_text(expected_text(kind, "Cold start")).or_(pg.get_by_text("Open or create a project first"))
                try:
                    arrived.first.wait_for(timeout=90_000)
                except Exception:
                    save_artefacts(f"cold-start-{restart}-{n}-{kind}", [pg])
                    raise
                body = pg.inner_text("body")
                landed.append((kind, "Open or create a project first" not in body and "Open project: Cold start" in body))
            assert all(ok for _, ok in landed), landed
            assert outside == [], outside
    finally:
        for ctx in contexts:
            ctx.close()
