"""Benchmark in a real browser: answering a question ÷ toggling the checkbox of bench/one_widget.py.

Both servers run side by side (fresh `streamlit run` each) and the measures alternate (a, b, a, b, ...) so both
sides see the same machine load. Time is measured in the page: from pointerdown until Streamlit's "script
finished" message (of a full run or of a fragment run) arrived, plus two animation frames. Measured for an ordinary question (setup_model_developer: only its own fragment reruns)
and for a trigger question (setup_trajectory: it shows follow-ups, so the whole page reruns). Each question is
answered once before timing, so every timed answer changes an answer (no first answer, no clear).
Target: ordinary answer ÷ one-widget ≤ 1.5. Not a test: it prints and returns the results.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for path in (str(ROOT / "src"), str(ROOT), str(ROOT / "tests" / "e2e")):
    if path not in sys.path:
        sys.path.insert(0, path)

from streamlit_harness import chromium_available, launch_chromium, streamlit_server  # noqa: E402

ROUNDS = 3
RUNS = 9
TARGET = 1.5
ONE_WIDGET = ROOT / "bench" / "one_widget.py"
QUESTIONS = {"ordinary": ("setup_model_developer", ("Our own organisation", "We are an outside team")),
             "trigger": ("setup_trajectory", ("In parallel", "Product first"))}  # option labels start with these
TIMING = """
(() => {
  const Native = window.WebSocket;
  window.__bench = {last: 0, finished: 0, painted: 0, start: 0};
  const varint = (bytes, at) => {  // [value, next offset] of a protobuf varint (small values only)
    let value = 0, shift = 0;
    while (at < bytes.length) { const byte = bytes[at++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; if (byte < 0x80) break; }
    return [value, at];
  };
  const finishedRun = data => {  // a ForwardMsg whose top-level field 6 (script_finished) is 0 (full run) or 3 (fragment run)
    if (!(data instanceof ArrayBuffer)) return false;
    const bytes = new Uint8Array(data);
    let at = 0, tag, value;
    while (at < bytes.length) {
      [tag, at] = varint(bytes, at);
      const wire = tag & 7;
      if (wire === 0) { [value, at] = varint(bytes, at); if (tag >> 3 === 6) return value === 0 || value === 3; }
      else if (wire === 2) { [value, at] = varint(bytes, at); at += value; }
      else if (wire === 1) at += 8;
      else if (wire === 5) at += 4;
      else return false;
    }
    return false;
  };
  class Timed extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', event => {
        const b = window.__bench; b.last = performance.now();
        if (!finishedRun(event.data)) return;
        b.finished = b.last; b.painted = 0;
        requestAnimationFrame(() => requestAnimationFrame(() => { b.painted = performance.now(); }));
      });
    }
  }
  window.WebSocket = Timed;
  document.addEventListener('pointerdown', () => {
    const b = window.__bench; b.start = performance.now(); b.finished = 0; b.painted = 0;
  }, true);
})();
"""
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


def _seed(db: Path) -> str:
    import os

    os.environ["PLANNER_DB"] = str(db)
    from planner.store import Store

    store = Store(str(db))
    project = store.create_project("Answer bench")
    key = store.create_link(project.id, "facilitator", "bench")[1]
    return f"questionnaire?project={project.id}&key={key}"


def run() -> list[dict]:
    if not chromium_available():
        print("answer_browser skipped: no Chromium at /usr/bin/chromium")
        return []
    from playwright.sync_api import sync_playwright

    results = []
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        db = Path(folder) / "b.db"
        path = _seed(db)
        browser = launch_chromium(playwright)
        with streamlit_server(ROOT / "app.py", db) as app, streamlit_server(ONE_WIDGET, Path(folder) / "w.db") as widget:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            context.add_init_script(TIMING)
            quest, floor = context.new_page(), context.new_page()
            quest.goto(f"{app.url}/{path}")
            quest.get_by_role("heading", name="Project setup").wait_for(timeout=60_000)
            floor.goto(widget.url)
            floor.get_by_text("x").first.wait_for(timeout=60_000)
            checkbox = floor.locator('[data-testid="stCheckbox"] label').first
            for _, (_, labels) in QUESTIONS.items():  # first answers (they rerun the page) before timing
                _timed_click(quest, _radio_option(quest, labels[0]))
            times: dict[str, list[float]] = {"ordinary": [], "trigger": [], "one_widget": []}
            for _ in range(ROUNDS):
                for i in range(RUNS + 1):  # the first iteration of each round warms up
                    sample = {kind: _timed_click(quest, _radio_option(quest, labels[(i + 1) % 2]))
                              for kind, (_, labels) in QUESTIONS.items()}
                    sample["one_widget"] = _timed_click(floor, checkbox)
                    if i:
                        for kind, ms in sample.items():
                            times[kind].append(ms)
            context.close()
        browser.close()
    floor_ms = statistics.median(times["one_widget"])
    for kind in ("ordinary", "trigger"):
        ms = statistics.median(times[kind])
        ratio = ms / floor_ms
        verdict = f"target<={TARGET} {'PASS' if ratio <= TARGET else 'FAIL'}" if kind == "ordinary" else "(report)"
        print(f"answer_{kind}_browser median_ms={ms:.0f} one_widget_ms={floor_ms:.0f} (interleaved) ratio={ratio:.2f} {verdict}")
        results.append({"name": f"answer_{kind}_browser", "ratio": ratio, "median_ms": ms, "baseline_ms": floor_ms,
                        **({"target": TARGET, "passed": ratio <= TARGET} if kind == "ordinary" else {})})
    return results


if __name__ == "__main__":
    run()
