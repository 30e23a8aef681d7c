"""Benchmarks in a real browser (Debian Chromium via Playwright) against fresh `streamlit run` servers.

- cold_first_render: a new server process, a new browser context, `goto` until the home page's
  title is visible; ÷ the same for a hello-world Streamlit app (bench/hello_app.py), the two started in
  turn. Median of 3 fresh servers each. Target ≤ 2×.
- risk_page_click_to_chart: on a project with the risky example's answers, click "Risk" in the
  navigation and wait until the chart is drawn (its canvas/SVG is visible). Median of 5, in ms; reported.
- server_memory_10_sessions: peak resident memory (VmHWM) of the planner server after 10 browser
  sessions opened the Risk and Plan pages, ÷ the hello-world server after 10 sessions; reported
  with the absolute MB (no target given).
Not tests: printed and returned to bench/run_all.py; skipped with a note when no Chromium is installed.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for path in (str(ROOT / "src"), str(ROOT), str(ROOT / "tests" / "e2e")):
    if path not in sys.path:
        sys.path.insert(0, path)

from streamlit_harness import chromium_available, launch_chromium, streamlit_server  # noqa: E402

COLD_RUNS = 3
CLICK_RUNS = 5
SESSIONS = 10
HELLO = ROOT / "bench" / "hello_app.py"


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _cold_render_once(browser, app: Path, ready_text: str) -> float:
    with tempfile.TemporaryDirectory() as folder, streamlit_server(app, Path(folder) / "b.db") as server:
        context = browser.new_context()
        page = context.new_page()
        start = time.perf_counter()
        page.goto(server.url)
        page.get_by_text(ready_text).first.wait_for(timeout=60_000)
        elapsed = (time.perf_counter() - start) * 1000
        context.close()
    return elapsed


def _cold_render_ms(browser, apps: dict[str, tuple[Path, str]]) -> dict[str, float]:
    """Median cold render of each app (path, text that shows it is ready), the apps started in turn."""
    times: dict[str, list[float]] = {name: [] for name in apps}
    for _ in range(COLD_RUNS):
        for name, (app, ready_text) in apps.items():
            times[name].append(_cold_render_once(browser, app, ready_text))
    return {name: statistics.median(t) for name, t in times.items()}


def _seed_project(db: Path) -> str:
    """The risky example as a project; returns the query string that opens it (id and facilitator key)."""
    import os

    os.environ["PLANNER_DB"] = str(db)
    from planner.safe_yaml import load_yaml
    from planner.store import Store

    answers = load_yaml((ROOT / "examples" / "risky.yaml").read_bytes(), "risky")
    answers.pop("schema_version", None)
    project = Store(str(db)).import_project("Benchmark", "", answers, browser="bench")
    return f"project={project.id}&key={project.key}"


def _click_to_chart_ms(browser, server, project_query: str) -> float:
    times = []
    for _ in range(CLICK_RUNS):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(f"{server.page_url('questionnaire')}?{project_query}")
        page.get_by_text("Questionnaire ·").first.wait_for(timeout=60_000)
        page.wait_for_timeout(500)
        start = time.perf_counter()
        page.get_by_role("link", name="Risk").first.click()
        page.locator('[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg').first.wait_for(
            state="visible", timeout=60_000)
        times.append((time.perf_counter() - start) * 1000)
        context.close()
    return statistics.median(times)


def _memory_after_sessions(browser, server, paths: list[str], ready_text: str) -> float:
    contexts = []
    for i in range(SESSIONS):
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{server.url}/{paths[i % len(paths)]}")
        page.get_by_text(ready_text).first.wait_for(timeout=60_000)
        contexts.append(context)
    time.sleep(1)
    peak = _peak_rss_mb(server.process.pid)
    for context in contexts:
        context.close()
    return peak


def run() -> list[dict]:
    if not chromium_available():
        print("browser benchmarks skipped: no Chromium at /usr/bin/chromium (make test installs it)")
        return []
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        cold = _cold_render_ms(browser, {"app": (ROOT / "app.py", "ML kickoff planner"), "hello": (HELLO, "Hello")})
        cold_app, cold_hello = cold["app"], cold["hello"]
        ratio = cold_app / cold_hello
        print(f"cold_first_render app {cold_app:.0f} ms, hello-world {cold_hello:.0f} ms, ratio {ratio:.2f} (target <= 2.0)")
        results.append({"name": "cold_first_render", "ratio": ratio, "target": 2.0, "passed": ratio <= 2.0})

        with tempfile.TemporaryDirectory() as folder:
            db = Path(folder) / "b.db"
            project_query = _seed_project(db)
            with streamlit_server(ROOT / "app.py", db) as server:
                click = _click_to_chart_ms(browser, server, project_query)
                print(f"risk_page_click_to_chart median {click:.0f} ms (report)")
                results.append({"name": "risk_click_to_chart_ms", "value": click, "unit": "ms"})
                paths = [f"risk?{project_query}", f"plan?{project_query}"]
                app_mb = _memory_after_sessions(browser, server, paths, "Benchmark")
            with streamlit_server(HELLO, db) as hello:
                hello_mb = _memory_after_sessions(browser, hello, ["", ""], "Hello")
        ratio = app_mb / hello_mb
        print(f"server_memory_10_sessions planner {app_mb:.0f} MB, hello-world {hello_mb:.0f} MB, ratio {ratio:.2f} (report)")
        results.append({"name": "server_peak_mb_10_sessions", "value": app_mb, "unit": "MB",
                        "note": f"{ratio:.2f}x hello-world ({hello_mb:.0f} MB)"})
        browser.close()
    return results


if __name__ == "__main__":
    run()
