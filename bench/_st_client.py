"""A minimal Streamlit websocket client: one browser session without the browser (bench/bench_room_load.py).

It speaks the protocol the Streamlit frontend speaks (BackMsg / ForwardMsg from the installed streamlit package) and
does what the frontend does that the server depends on: it sends the widget states with each rerun, keeps the query
string the script sets, and reruns a fragment every `run_every` seconds when the server asks (auto_rerun). It keeps the
widgets of the last runs and, per run, when it started (new_session) and finished (script_finished).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

SUCCESS = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)


@dataclass
class Run:
    started: float  # perf_counter when its new_session message arrived
    fragment: bool  # a fragment run (else the whole page)
    finished: float | None = None
    status: int | None = None
    texts: list[str] = field(default_factory=list)  # markdown and alert bodies it drew


@dataclass
class Widget:
    kind: str  # "radio", "selectbox", "text_input", "button", ...
    id: str
    label: str
    options: tuple[str, ...]
    fragment_id: str  # the fragment that drew it ("" outside any fragment)
    form_submitter: bool = False


class Session:
    """One browser tab on `page` of the app at `base_url` (http://127.0.0.1:PORT), opened with `query`."""

    def __init__(self, base_url: str, page: str, query: str, cookie: str = ""):
        self.base_url, self.page, self.query, self.cookie = base_url, page, query, cookie
        self.page_hash = ""
        self.widgets: dict[str, Widget] = {}
        self.states: dict[str, WidgetState] = {}  # the values this tab holds (sent with every rerun)
        self.runs: list[Run] = []
        self.auto: dict[str, asyncio.Task] = {}
        self.changed = asyncio.Condition()
        self.ws = None
        self.reader: asyncio.Task | None = None
        self.ref_hashes = 0  # messages the server sent as a cache reference (this client never claims a cache)

    async def open(self) -> None:
        url = self.base_url.replace("http://", "ws://") + "/_stcore/stream"
        headers = {"Cookie": self.cookie} if self.cookie else {}
        self.ws = await websockets.connect(url, subprotocols=["streamlit"], origin=self.base_url, additional_headers=headers,
                                           max_size=None, open_timeout=30, ping_interval=None)
        self.reader = asyncio.create_task(self._read())

    async def close(self) -> None:
        for task in self.auto.values():
            task.cancel()
        if self.ws is not None:  # a busy server may answer the closing handshake late: do not wait for it
            with contextlib.suppress(TimeoutError, websockets.ConnectionClosed):
                await asyncio.wait_for(self.ws.close(), 2)
        if self.reader is not None:
            self.reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self.reader

    async def rerun(self, fragment_id: str = "", auto: bool = False, triggers: tuple[WidgetState, ...] = ()) -> float:
        """Ask for a run (of one fragment, or the page); returns when it was sent (perf_counter)."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_hash  # as the frontend: the page the last run showed (navigation message)
        state.page_name = "" if self.page_hash else self.page  # before it: by its URL path, as when a link is opened
        state.fragment_id = fragment_id
        state.is_auto_rerun = auto
        state.widget_states.widgets.extend([*self.states.values(), *triggers])
        state.context_info.url = f"{self.base_url}/{self.page}?{self.query}"
        state.context_info.timezone = "UTC"
        sent = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        return sent

    async def set_value(self, widget: Widget, value: str) -> float:
        """Choose `value` (a radio's or selectbox's option as shown, or a text) and rerun as the frontend would."""
        self.states[widget.id] = WidgetState(id=widget.id, string_value=value)
        return await self.rerun(widget.fragment_id)

    async def click(self, button: Widget) -> float:
        return await self.rerun(button.fragment_id, triggers=(WidgetState(id=button.id, trigger_value=True),))

    async def finished_after(self, sent: float, timeout: float, fragment: bool | None = None) -> Run:
        """The first run that started after `sent` and finished successfully (a fragment run or the page's, or either)."""
        def done():
            return next((r for r in self.runs if r.started > sent and r.status in SUCCESS
                         and (fragment is None or r.fragment == fragment)), None)

        async with self.changed:
            await asyncio.wait_for(self.changed.wait_for(done), timeout)
            return done()

    def latest(self, kind: str, key: str) -> Widget | None:
        """The widget with this user key (its id ends with it) as drawn last."""
        return next((w for w in reversed(self.widgets.values()) if w.kind == kind and w.id.endswith(f"-{key}")), None)

    def find(self, kind: str, contains: str = "", submitter: bool | None = None) -> list[Widget]:
        return [w for w in self.widgets.values() if w.kind == kind and contains in w.id
                and (submitter is None or w.form_submitter == submitter)]

    async def _read(self) -> None:
        async for data in self.ws:
            msg = ForwardMsg()
            msg.ParseFromString(data)
            await self._handle(msg, time.perf_counter())

    async def _handle(self, msg: ForwardMsg, at: float) -> None:
        kind = msg.WhichOneof("type")
        if kind == "ref_hash":
            self.ref_hashes += 1
        elif kind == "new_session":
            fragment = bool(msg.metadata.run.fragment_ids)
            if not fragment:  # the frontend drops every auto-rerun timer at a full run; the run registers them again
                for task in self.auto.values():
                    task.cancel()
                self.auto.clear()
            self.runs.append(Run(at, fragment))
        elif kind == "delta":
            self._delta(msg.delta)
        elif kind == "navigation":
            self.page_hash = msg.navigation.page_script_hash or self.page_hash
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "auto_rerun":
            fragment_id, every = msg.auto_rerun.fragment_id, msg.auto_rerun.interval
            if fragment_id and fragment_id not in self.auto:
                self.auto[fragment_id] = asyncio.create_task(self._every(fragment_id, every))
        elif kind == "stop_auto_rerun":
            for fragment_id in msg.stop_auto_rerun.fragment_ids:
                task = self.auto.pop(fragment_id, None)
                if task:
                    task.cancel()
        elif kind == "script_finished":
            if self.runs and self.runs[-1].status is None:
                self.runs[-1].finished, self.runs[-1].status = at, msg.script_finished
            async with self.changed:
                self.changed.notify_all()

    def _delta(self, delta) -> None:
        if not delta.HasField("new_element"):
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind in ("markdown", "alert") and self.runs:
            self.runs[-1].texts.append(getattr(element, kind).body)
        if kind in ("radio", "selectbox", "text_input", "button"):
            proto = getattr(element, kind)
            self.widgets.pop(proto.id, None)  # the newest last (see latest)
            self.widgets[proto.id] = Widget(kind, proto.id, proto.label, tuple(getattr(proto, "options", ())), delta.fragment_id,
                                            bool(getattr(proto, "is_form_submitter", False)))

    async def _every(self, fragment_id: str, seconds: float) -> None:
        with contextlib.suppress(asyncio.CancelledError, websockets.ConnectionClosed):
            while True:
                await asyncio.sleep(seconds)
                await self.rerun(fragment_id, auto=True)
