"""The plan's output formats, once: the CLI's `plan --format` choices and the Plan page's download buttons.

A new writer is one entry in FORMATS; the writers load only when used (reportlab is slow to import).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..i18n import N_

if TYPE_CHECKING:  # the CLI reads FORMATS for its --help without loading the plan
    from ..plan.report import PlanReport


@dataclass(frozen=True)
class Format:
    extension: str
    mime: str
    render: Callable[[PlanReport], bytes | str]  # str for text formats, bytes for binary ones
    label: str  # the Plan page's download button (N_: translated where shown)
    summary: str  # one phrase for `plan --help`
    stem: str = "-kickoff-plan"  # appended to the project name for the file name
    encoding: str = "utf-8"  # how a text format is downloaded from the page
    help: str | None = None  # the download button's tooltip
    binary: bool = False  # bytes: the CLI writes it only to a file (-o)
    primary: bool = False  # the page's main download

    def to_bytes(self, report: PlanReport) -> bytes:
        """The file as the page offers it."""
        output = self.render(report)
        return output if isinstance(output, bytes) else output.encode(self.encoding)


def _pdf(report: PlanReport) -> bytes:
    from .plan_pdf import build_pdf

    return build_pdf(report)


def _markdown(report: PlanReport) -> str:
    from .plan_markdown import plan_markdown

    return plan_markdown(report)


def _docx(report: PlanReport) -> bytes:
    from .plan_docx import plan_docx

    return plan_docx(report)


def _tickets(report: PlanReport) -> str:
    from .csv_export import plan_items_csv

    return plan_items_csv(report)


def _json(report: PlanReport) -> str:
    from .plan_json import plan_json

    return plan_json(report)


FORMATS: dict[str, Format] = {
    "pdf": Format("pdf", "application/pdf", _pdf, N_("Download the kickoff plan (PDF)"), "the kickoff plan to print and sign",
                  binary=True, primary=True),
    "docx": Format("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", _docx,
                   N_("Download as Word (.docx)"), "the same plan as a Word document to comment on and track changes in",
                   binary=True, help=N_("Real Word styles and editable tables; opens in Word and LibreOffice.")),
    "markdown": Format("md", "text/markdown", _markdown, N_("Download as Markdown"), "the same plan as Markdown"),
    "csv": Format("csv", "text/csv", _tickets, N_("Tasks and mitigations (CSV for Jira/GitHub)"),
                  "tasks and mitigations as tickets for Jira or GitHub", stem="-tickets", encoding="utf-8-sig",
                  help=N_("One row per ticket: summary, description, type, labels, estimate, source. Cells that look like "
                          "formulas are neutralised.")),
    "json": Format("json", "application/json", _json, N_("Plan and schedule (JSON)"),
                   "the plan and its schedule summary (P50/P80/P95, buffer, target chance, each risk driver) as JSON",
                   help=N_("Every plan section as data, with the simulated schedule in working days.")),
}
