"""Benchmark in a real browser: answering a question ÷ toggling the checkbox of bench/one_widget.py, and an answer
in a 200-question team section ÷ the same answer in an 8-question one.

Both servers run side by side (fresh `streamlit run` each), each measure in its own tab, and the measures alternate
(a, b, c, ..., a, b, c, ...) so all of them see the same machine load. Time is measured in the page: from pointerdown
until Streamlit's "script finished" message (of a full run or of a fragment run) arrived, plus two animation frames.
- answer_ordinary_browser: setup_model_developer, only its own fragment reruns ÷ one-widget (target <= 1.5);
- answer_trigger_browser: setup_trajectory, it shows follow-ups so the whole page reruns ÷ one-widget (reported);
- answer_200_vs_8_browser: the first question of a team section (bench_questionnaire.team_file) of 200 questions
  ÷ of 8 (target <= 1.5): an answer should cost about the same however long its section is.
Each question is answered once before timing, so every timed answer changes an answer (no first answer, no clear);
afterwards every timed answer must be in the store with its history entry. Not a test: it prints and returns the
results for bench/run_all.py.
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for path in (str(ROOT / "src"), str(ROOT), str(ROOT / "bench"), str(ROOT / "tests" / "e2e")):
    if path not in sys.path:
        sys.path.insert(0, path)

from streamlit_harness import FRAGMENT_RUN, FULL_RUN, RUN_WATCH_JS, chromium_available, launch_chromium, streamlit_server  # noqa: E402

ROUNDS = 3
RUNS = 9
TARGET = 1.5
ONE_WIDGET = ROOT / "bench" / "one_widget.py"
SECTION_TARGET = 1.5
SECTIONS = {"team_small": 8, "team_large": 200}  # team sections (bench_questionnaire.team_file), by size
TEAM_OPTIONS = ("Kept", "Not kept")
QUESTIONS = {"ordinary": ("setup_model_developer", ("Our own organisation", "We are an outside team")),
             "trigger": ("setup_trajectory", ("In parallel", "Product first"))}  # option labels start with these
TIMING = """
(() => {
  window.__bench = {last: 0, finished: 0, painted: 0, start: 0};
  window.__streamlitRuns.listeners.push(status => {  // a full run or a fragment run finished
    const b = window.__bench; b.last = performance.now();
    if (status !== %d && status !== %d) return;
    b.finished = b.last; b.painted = 0;
    requestAnimationFrame(() => requestAnimationFrame(() => { b.painted = performance.now(); }));
  });
  document.addEventListener('pointerdown', () => {
    const b = window.__bench; b.start = performance.now(); b.finished = 0; b.painted = 0;
  }, true);
})();
""" % (FULL_RUN, FRAGMENT_RUN)
# finished after the click, painted, and no message for 150 ms (a rerun the callback asked for comes after a fragment run)
SETTLED = ("() => { const b = window.__bench; return b.finished > b.start && b.painted > b.finished "
           "&& performance.now() - b.last > 150; }")


def _timed_click(page, locator) -> float:
    page.bring_to_front()  # a page in the background gets no animation frames
    locator.click()
    page.wait_for_function(SETTLED, timeout=30_000)
    return page.evaluate("() => window.__bench.painted - window.__bench.start")


def _radio_option(page, label: str):
    return page.locator('[data-testid="stRadio"] label').filter(has_text=label).first


def _first_question_option(page, label: str):
    """The option `label` (exactly) of the section's first question ("Kept" is also in "Not kept")."""
    return page.locator('[data-testid="stRadio"]').first.locator("label").filter(has_text=re.compile(f"^{label}$")).first


def _seed(db: Path) -> tuple[str, str, dict[int, str]]:
    """A project with two team sections (8 and 200 questions): its id, the Questionnaire's path, and per size the
    path that opens that section."""
    import os

    os.environ["PLANNER_DB"] = str(db)
    from bench_questionnaire import team_file
    from planner.store import Store

    store = Store(str(db))
    project = store.create_project("Answer bench")
    for order, (section, count) in enumerate(SECTIONS.items()):
        store.save_question_file(project.id, f"{section}.yaml", team_file(section, count, 70 + order))
    key = store.create_link(project.id, "facilitator", "bench")[1]
    path = f"questionnaire?project={project.id}&key={key}"
    return project.id, path, {count: f"{path}&section={section}" for section, count in SECTIONS.items()}


def _open(page, url: str, heading: str) -> None:
    page.goto(url)
    page.get_by_role("heading", name=heading).wait_for(timeout=120_000)


def run() -> list[dict]:
    if not chromium_available():
        print("answer_browser skipped: no Chromium at /usr/bin/chromium")
        return []
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        db = Path(folder) / "b.db"
        project_id, path, section_paths = _seed(db)
        browser = launch_chromium(playwright)
        with streamlit_server(ROOT / "app.py", db) as app, streamlit_server(ONE_WIDGET, Path(folder) / "w.db") as widget:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            context.add_init_script(RUN_WATCH_JS)
            context.add_init_script(TIMING)
            quest, floor = context.new_page(), context.new_page()
            _open(quest, f"{app.url}/{path}", "Project setup")
            sections = {count: context.new_page() for count in SECTIONS.values()}
            for count, page in sections.items():
                _open(page, f"{app.url}/{section_paths[count]}", f"Team checks ({count})")
            floor.goto(widget.url)
            floor.get_by_text("x").first.wait_for(timeout=60_000)
            checkbox = floor.locator('[data-testid="stCheckbox"] label').first
            clicks = {kind: (lambda i, labels=labels: _radio_option(quest, labels[i % 2])) for kind, (_, labels) in QUESTIONS.items()}
            clicks |= {f"section_{count}": (lambda i, page=page: _first_question_option(page, TEAM_OPTIONS[i % 2]))
                       for count, page in sections.items()}
            pages = {kind: quest for kind in QUESTIONS} | {f"section_{count}": page for count, page in sections.items()}
            for kind, click in clicks.items():  # first answers (they rerun the page) before timing
                _timed_click(pages[kind], click(0))
            times: dict[str, list[float]] = {kind: [] for kind in [*clicks, "one_widget"]}
            for _ in range(ROUNDS):
                for i in range(RUNS + 1):  # the first iteration of each round warms up
                    sample = {kind: _timed_click(pages[kind], click(i + 1)) for kind, click in clicks.items()}
                    sample["one_widget"] = _timed_click(floor, checkbox)
                    if i:
                        for kind, ms in sample.items():
                            times[kind].append(ms)
            context.close()
        browser.close()
        _check_saved(db, project_id)
    return _results({kind: statistics.median(t) for kind, t in times.items()})


def _check_saved(db: Path, project_id: str) -> None:
    """Every timed click saved a change: each answered question's version counts its clicks, each has its history."""
    from planner.store import Store

    store = Store(str(db))
    clicks = 1 + ROUNDS * (RUNS + 1)
    questions = [q for q, _ in QUESTIONS.values()] + [f"{section}_q000" for section in SECTIONS]
    versions = store.load_answer_versions(project_id)
    history = [e.target for e in store.history(project_id, limit=10_000) if e.kind == "answer"]
    wrong = {q: (versions.get(q, (None, 0))[1], history.count(q)) for q in questions
             if versions.get(q, (None, 0))[1] != clicks or history.count(q) != clicks}
    if wrong:
        raise RuntimeError(f"answers not saved: (version, history entries) per question {wrong}, expected {clicks} each")


def _results(medians: dict[str, float]) -> list[dict]:
    floor_ms = medians["one_widget"]
    results = []
    for kind in QUESTIONS:
        ms = medians[kind]
        ratio = ms / floor_ms
        verdict = f"target<={TARGET} {'PASS' if ratio <= TARGET else 'FAIL'}" if kind == "ordinary" else "(report)"
        print(f"answer_{kind}_browser median_ms={ms:.0f} one_widget_ms={floor_ms:.0f} (interleaved) ratio={ratio:.2f} {verdict}")
        results.append({"name": f"answer_{kind}_browser", "ratio": ratio, "median_ms": ms, "baseline_ms": floor_ms,
                        **({"target": TARGET, "passed": ratio <= TARGET} if kind == "ordinary" else {})})
    small, large = (medians[f"section_{count}"] for count in SECTIONS.values())
    ratio = large / small
    print(f"answer_200_vs_8_browser median_ms={large:.0f} vs {small:.0f} (interleaved; one-widget {floor_ms:.0f}) "
          f"ratio={ratio:.2f} target<={SECTION_TARGET} {'PASS' if ratio <= SECTION_TARGET else 'FAIL'}")
    results.append({"name": "answer_200_vs_8_browser", "ratio": ratio, "target": SECTION_TARGET,
                    "passed": ratio <= SECTION_TARGET, "median_ms": large, "baseline_ms": small})
    return results


if __name__ == "__main__":
    run()
