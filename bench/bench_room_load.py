"""Benchmark: a room of 30 participants answering at once against a real `streamlit run app.py` (loopback only).

Each participant is a real websocket session (bench/_st_client.py speaks Streamlit's protocol as the browser does,
auto-reruns included; 30 headless browsers would eat the 2 cores this measures). Every session opens the Workshop
page through a join link the store made, joins with the form, then answers the expectation questions for
SECONDS: change one answer, wait until it is saved, think 1-3 s, the next. A facilitator session watches the live
view. Measured:
- answer → saved: from sending the answer until the server's script_finished of the run that saved it;
  p50 / p95 (target p95 <= 1000 ms), and the same for one participant answering alone in the joined room (the floor);
- lost: answers whose last value is not in the store at the end (target 0);
- the facilitator's update: from an answer saved until the end of the facilitator's next whole-page run
  (it started after the save, so it shows it); p95 target <= 3000 ms;
- the server's CPU over the minute (/proc; 100 % = one core) and the machine's (all cores, other work included).
Not a test; printed and returned to bench/run_all.py. `python bench/bench_room_load.py --help` for a smaller room.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for path in (str(ROOT / "src"), str(ROOT), str(ROOT / "tests" / "e2e"), str(ROOT / "bench")):
    if path not in sys.path:
        sys.path.insert(0, path)

from _st_client import Session  # noqa: E402
from streamlit_harness import streamlit_server  # noqa: E402

PARTICIPANTS = 30
SECONDS = 60.0
THINK = (1.0, 3.0)  # seconds between a saved answer and the next (a busy room: 30 people, about 15 answers a second)
ALONE = 6  # answers of one participant alone, for the floor
TIMEOUT = 30.0  # one answer at most this long; later counts as not saved
JOIN_TIMEOUT = 120.0  # opening the join link and joining, at most
ARRIVALS = 0.5  # seconds between two people opening the join link (a room does not join in the same instant)
TARGET_P95_MS = 1000
FACILITATOR_TARGET_MS = 3000
JOINS_PER_LINK = 20  # planner.store.workshop.JOINS_PER_LINK_PER_MINUTE: more people get more join links


def _seed(db: Path, participants: int):
    from planner.store import Store

    store = Store(str(db))
    project = store.create_project("Room load")
    facilitator = store.create_link(project.id, "facilitator", "bench")[1]
    joins = [store.create_link(project.id, "participant", f"join {n}")[1] for n in range(-(-participants // JOINS_PER_LINK))]
    return store, project.id, facilitator, joins


def _labels() -> dict[str, dict[str, str]]:
    """Question id → option as the radio shows it → option value (what the store holds)."""
    from planner.content import load_content
    from planner.render import escape_markdown

    return {q.id: {escape_markdown(o.label): o.value for o in q.options} for q in load_content().kb.expectations}


def _cookie() -> str:
    from planner.store.access import BROWSER_COOKIE, new_token

    return f"{BROWSER_COOKIE}={new_token()}"  # a browser that keeps its cookie


class Participant:
    def __init__(self, number: int, url: str, project_id: str, join: str, labels: dict, seed: int):
        self.name = f"P{number:02d}"
        self.session = Session(url, "workshop", f"project={project_id}&key={join}", cookie=_cookie())
        self.labels, self.rng = labels, random.Random(seed)
        self.last: dict[str, str] = {}  # question id → the value last sent (the store must hold it at the end)
        self.saved: list[tuple[float, float]] = []  # (sent, saved) per answer
        self.unsaved = 0

    async def join(self, role: str, after: float) -> bool:
        """Open the join link `after` seconds from now and join; False when that did not work within JOIN_TIMEOUT."""
        await asyncio.sleep(after)
        try:
            await asyncio.wait_for(self._join(role), JOIN_TIMEOUT)
        except (TimeoutError, RuntimeError) as exc:
            print(f"{self.name} did not join: {exc!r}"[:300])
            return False
        return True

    async def _join(self, role: str) -> None:
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        s = self.session
        await s.open()
        await s.finished_after(await s.rerun(), JOIN_TIMEOUT)
        name, choice = s.latest("text_input", "workshop_name"), s.latest("selectbox", "workshop_role")
        submit = next(iter(s.find("button", "FormSubmitter:workshop_join", submitter=True)))
        s.states[name.id] = WidgetState(id=name.id, string_value=self.name)
        s.states[choice.id] = WidgetState(id=choice.id, string_value=role)
        sent = await s.click(submit)
        while not s.find("radio", "workshop_q_"):  # joined: the page reran with the questions
            await s.finished_after(sent, JOIN_TIMEOUT)
            sent = time.perf_counter()

    async def answer_once(self) -> float | None:
        """Change one answer (the next question, another option); seconds until saved, None when not within TIMEOUT."""
        question = self.rng.choice(list(self.labels))
        radio = self.session.latest("radio", f"workshop_q_{question}")
        shown = self.rng.choice([o for o in radio.options if self.labels[question].get(o) != self.last.get(question)])
        self.last[question] = self.labels[question][shown]
        sent = await self.session.set_value(radio, shown)
        try:
            run = await self.session.finished_after(sent, TIMEOUT)
        except TimeoutError:
            self.unsaved += 1
            return None
        self.saved.append((sent, run.finished))
        return run.finished - sent

    async def answer_until(self, deadline: float) -> None:
        await asyncio.sleep(self.rng.uniform(0, THINK[1]))  # people do not click in step
        while time.perf_counter() < deadline:
            await self.answer_once()
            await asyncio.sleep(self.rng.uniform(*THINK))


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _rss_mb(pid: int) -> float:
    line = next(li for li in Path(f"/proc/{pid}/status").read_text().splitlines() if li.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def _machine_busy() -> tuple[float, float]:
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def _pct(ms: list[float], q: float) -> float:
    ordered = sorted(ms)
    return ordered[min(len(ordered) - 1, int(q * (len(ordered) - 1) + 0.5))] if ordered else float("nan")


def _facilitator_delays(saved_at: list[float], runs) -> tuple[list[float], int]:
    """Per saved answer: until the end of the facilitator's first whole-page run that started after it (ms)."""
    full = sorted((r.started, r.finished) for r in runs if not r.fragment and r.finished and r.status == 0)
    delays, missed = [], 0
    for at in saved_at:
        after = next((done for started, done in full if started > at), None)
        if after is None:
            missed += 1
        else:
            delays.append((after - at) * 1000)
    return delays, missed


async def _room(url: str, project_id: str, facilitator_key: str, joins: list[str], participants: int, seconds: float,
                server_pid: int) -> dict:
    from planner.workshop import WORKSHOP_ROLES

    labels = _labels()
    facilitator = Session(url, "workshop", f"project={project_id}&key={facilitator_key}", cookie=_cookie())
    await facilitator.open()
    await facilitator.finished_after(await facilitator.rerun(), TIMEOUT)
    people = [Participant(n + 1, url, project_id, joins[n // JOINS_PER_LINK], labels, seed=n) for n in range(participants)]
    began = time.perf_counter()
    joined = await asyncio.gather(*(p.join(WORKSHOP_ROLES[n % len(WORKSHOP_ROLES)], n * ARRIVALS) for n, p in enumerate(people)))
    joined_s = time.perf_counter() - began
    everyone, people = people, [p for p, ok in zip(people, joined, strict=True) if ok]
    alone = [ms for _ in range(ALONE) if (ms := await people[0].answer_once()) is not None]
    people[0].saved.clear()
    cpu0, machine0, wall0 = _cpu_seconds(server_pid), _machine_busy(), time.perf_counter()
    await asyncio.gather(*(p.answer_until(wall0 + seconds) for p in people))
    cpu1, machine1, wall1 = _cpu_seconds(server_pid), _machine_busy(), time.perf_counter()
    await asyncio.sleep(3)  # the facilitator's last tick
    rss = _rss_mb(server_pid)
    await asyncio.gather(*(session.close() for session in [facilitator, *(p.session for p in everyone)]))
    saved_at = [done for p in people for _, done in p.saved]
    delays, missed = _facilitator_delays(saved_at, facilitator.runs)
    return {"people": people, "joined": len(people), "joined_s": joined_s, "alone_ms": [s * 1000 for s in alone], "wall": wall1 - wall0,
            "latencies_ms": [(done - sent) * 1000 for p in people for sent, done in p.saved],
            "unsaved": sum(p.unsaved for p in people), "server_cpu": (cpu1 - cpu0) / (wall1 - wall0),
            "machine_busy": (machine1[0] - machine0[0]) / max(machine1[1] - machine0[1], 1),
            "facilitator_ms": delays, "rss_mb": rss, "facilitator_missed": missed,
            "ref_hashes": sum(s.ref_hashes for s in [facilitator, *(p.session for p in people)])}


def _lost(store, project_id: str, people: list[Participant]) -> int:
    stored = {p.name: p.answers for p in store.participants(project_id)}
    return sum(1 for p in people for question, value in p.last.items() if stored.get(p.name, {}).get(question) != value)


def run(participants: int = PARTICIPANTS, seconds: float = SECONDS, port: int | None = None) -> list[dict]:
    port = port or int(os.environ.get("PLANNER_BENCH_ROOM_PORT", 0)) or None
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "room.db"
        store, project_id, facilitator, joins = _seed(db, participants)
        with streamlit_server(ROOT / "app.py", db, port=port) as server:
            m = asyncio.run(_room(server.url, project_id, facilitator, joins, participants, seconds, server.process.pid))
        lost = _lost(store, project_id, m["people"])
    ms, fac = m["latencies_ms"], m["facilitator_ms"]
    p50, p95, floor = _pct(ms, 0.5), _pct(ms, 0.95), statistics.median(m["alone_ms"]) if m["alone_ms"] else float("nan")
    sent = len(ms) + m["unsaved"]
    print(f"room_load {m['joined']} of {participants} participants joined in {m['joined_s']:.1f} s, answered {sent} times in {m['wall']:.0f} s "
          f"({sent / m['wall']:.1f}/s): answer → saved p50 {p50:.0f} ms, p95 {p95:.0f} ms (target <= {TARGET_P95_MS}), "
          f"max {max(ms, default=float('nan')):.0f} ms; one participant alone {floor:.0f} ms (p50/alone {p50 / floor:.1f}x); "
          f"not saved within {TIMEOUT:.0f} s: {m['unsaved']}; lost {lost} (target 0)")
    print(f"room_load facilitator update p50 {_pct(fac, 0.5):.0f} ms, p95 {_pct(fac, 0.95):.0f} ms (target <= "
          f"{FACILITATOR_TARGET_MS}), never shown: {m['facilitator_missed']}; server CPU {m['server_cpu']:.0%} of one core, "
          f"machine {m['machine_busy']:.0%} of all cores (other work included); server memory {m['rss_mb']:.0f} MB"
          + (f"; {m['ref_hashes']} cached-message references" if m["ref_hashes"] else ""))
    fac_p95 = _pct(fac, 0.95)
    return [
        {"name": "room_answer_saved_p95_ms", "value": p95, "unit": "ms", "target": f"<= {TARGET_P95_MS} ms",
         "passed": p95 <= TARGET_P95_MS and m["unsaved"] == 0 and m["joined"] == participants},
        {"name": "room_answer_saved_p50_ms", "value": p50, "unit": "ms", "note": f"alone {floor:.0f} ms"},
        {"name": "room_answers_lost", "value": lost, "unit": "answers", "target": 0, "passed": lost == 0},
        {"name": "room_facilitator_update_p95_ms", "value": fac_p95, "unit": "ms", "target": f"<= {FACILITATOR_TARGET_MS} ms",
         "passed": fac_p95 <= FACILITATOR_TARGET_MS and m["facilitator_missed"] == 0},
        {"name": "room_server_cpu_pct", "value": m["server_cpu"] * 100, "unit": "% of a core",
         "note": f"machine {m['machine_busy']:.0%}"},
        {"name": "room_server_rss_mb", "value": m["rss_mb"], "unit": "MB"},
    ]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--participants", type=int, default=PARTICIPANTS)
    parser.add_argument("--seconds", type=float, default=SECONDS)
    parser.add_argument("--port", type=int, default=None, help="the server's loopback port (default: a free one)")
    args = parser.parse_args()
    run(args.participants, args.seconds, args.port)
