"""Document: the open findings, the participants on the cover, the downloads (one per format) and starting over."""

from __future__ import annotations

from functools import partial

import streamlit as st

from ...filenames import safe_filename
from ...plan.model import ROW_LIMITS, Plan
from ...render.formats import FORMATS
from ..plan_editing import on_field_change, reset_plan, show_error
from . import columns as col
from .view import PlanView

PARTICIPANT_CHARS = col.field_limits(Plan, "participants", part="items")["max_chars"]
PARTICIPANT_ROWS = ROW_LIMITS["participants"][0]


def participants_from_text(text: str | None) -> list[str]:
    """One participant per non-empty line, cut to the plan's limits."""
    return [line.strip()[:PARTICIPANT_CHARS] for line in (text or "").splitlines() if line.strip()][:PARTICIPANT_ROWS]


def download_key(name: str) -> str:
    return f"plan_dl_{FORMATS[name].extension}"


def count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _downloads(view: PlanView) -> None:
    for column, (name, fmt) in zip(st.columns(len(FORMATS)), FORMATS.items(), strict=True):
        column.download_button(fmt.label, partial(fmt.to_bytes, view.report), safe_filename(view.project.name + fmt.stem, fmt.extension),
                               mime=fmt.mime, key=download_key(name), on_click="ignore", help=fmt.help,
                               type="primary" if fmt.primary else "secondary")


def show(view: PlanView) -> None:
    report = view.report
    counts = {level: sum(f.level == level for f in report.findings) for level in ("error", "warning", "open")}
    disagreements = len(report.open_workshop_questions())
    unsettled = f", {count(disagreements, 'workshop disagreement')} not settled" if disagreements else ""
    st.markdown(f"**{count(counts['error'], 'problem')}, {count(counts['warning'], 'warning')}, "
                f"{count(counts['open'], 'open question')}{unsettled}** — "
                "they are listed in the document so the team can settle them at the kickoff.")
    st.text_area("Participants (one per line, shown on the cover)", value="\n".join(view.plan.participants), max_chars=5000,
                 key="plan_participants", on_change=on_field_change,
                 args=(*view.ctx, "document", ("participants",), "plan_participants", participants_from_text))
    show_error("document")
    _downloads(view)
    with st.expander("Start over"):
        if st.checkbox("Replace the whole plan by fresh defaults from the answers", key="plan_reset_confirm"):
            st.button("Reset the plan", key="plan_reset", on_click=reset_plan, args=view.ctx)
