"""Start `streamlit run` on a free loopback port and launch Debian's Chromium (shared by tests/e2e and bench/)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("PLANNER_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


# An init script (context.add_init_script) that watches Streamlit's WebSocket: every message it receives is handed
# to each function in window.__streamlitRuns.listeners as (status, event), status being script_finished of the
# message - 0 a full run finished, 3 a fragment run finished, another number another end - or null for any other
# message. Add it before the scripts that push their listeners (init scripts run in the order they were added).
RUN_WATCH_JS = """
(() => {
  const varint = (bytes, at) => {  // [value, next offset] of a protobuf varint (small values only)
    let value = 0, shift = 0;
    while (at < bytes.length) { const byte = bytes[at++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; if (byte < 0x80) break; }
    return [value, at];
  };
  const finished = data => {  // top-level field 6 of a ForwardMsg (script_finished), else null
    if (!(data instanceof ArrayBuffer)) return null;
    const bytes = new Uint8Array(data);
    let at = 0, tag, value;
    while (at < bytes.length) {
      [tag, at] = varint(bytes, at);
      const wire = tag & 7;
      if (wire === 0) { [value, at] = varint(bytes, at); if (tag >> 3 === 6) return value; }
      else if (wire === 2) { [value, at] = varint(bytes, at); at += value; }
      else if (wire === 1) at += 8;
      else if (wire === 5) at += 4;
      else return null;
    }
    return null;
  };
  const runs = window.__streamlitRuns = {listeners: [], finished};
  const Native = window.WebSocket;
  class Watched extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', event => {
        const status = finished(event.data);
        for (const listener of runs.listeners) listener(status, event);
      });
    }
  }
  window.WebSocket = Watched;
})();
"""
FULL_RUN, FRAGMENT_RUN = 0, 3  # ForwardMsg.script_finished: FINISHED_SUCCESSFULLY, FINISHED_FRAGMENT_RUN_SUCCESSFULLY


class ServerError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, url: str, db: Path, process: subprocess.Popen, start_ms: float = float("nan")):
        self.url, self.db, self.process = url, db, process
        self.start_ms = start_ms  # from starting the process until /_stcore/health answered

    def page_url(self, path: str = "", **params) -> str:
        query = "&".join(f"{k}={v}" for k, v in params.items())
        return f"{self.url}/{path}" + (f"?{query}" if query else "")


@contextmanager
def streamlit_server(app: Path, db: Path, timeout: float = 60, port: int | None = None, options: tuple[str, ...] = (),
                     launcher: bool | None = None):
    """A fresh server for `app` with PLANNER_DB=db (on `port`, else a free one); yields once /_stcore/health answers.

    `options` are more `streamlit run` flags (e.g. `--secrets.files`, so a test's secrets never touch the repo's).
    `launcher`: start it as `make run` does, through planner.ui.serve (the planner loaded before the server answers);
    by default for the planner's app.py, plain `streamlit run` for any other app (hello-world, one-widget)."""
    launcher = app.resolve() == (ROOT / "app.py").resolve() if launcher is None else launcher
    command = ["-m", "planner.ui.serve"] if launcher else ["-m", "streamlit", "run"]
    port = port or free_port()
    path = os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH", "")) if p)
    env = {**os.environ, "PLANNER_DB": str(db), "PYTHONPATH": path}
    log_path = db.parent / f"server-{port}.log"
    started = time.perf_counter()
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, *command, str(app), "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", *options],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + timeout
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                        if response.status == 200:
                            break
                except OSError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    raise ServerError(f"streamlit did not start: {log_path.read_text(errors='replace')[-2000:]}")
                time.sleep(0.1)
            yield Server(url, db, process, (time.perf_counter() - started) * 1000)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def chromium_available() -> bool:
    return Path(CHROMIUM).exists()


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)


# After RUN_WATCH_JS: window.__runs lists the kind of each finished run ("app" or "fragment").
RUN_KIND = """
(() => {  // window.__runs: the kind of each finished Streamlit run ("app" or "fragment"), from the WebSocket
  window.__runs = [];
  window.__streamlitRuns.listeners.push(status => {
    if (status === %d) window.__runs.push('app');
    if (status === %d) window.__runs.push('fragment');
  });
})();
""" % (FULL_RUN, FRAGMENT_RUN)
