"""Rendering of assessments (and later plans) as text, JSON, Markdown and PDF."""

from .assessment_report import assessment_dict, to_json, to_markdown, to_text
from .escape import escape_markdown

__all__ = ["assessment_dict", "escape_markdown", "to_json", "to_markdown", "to_text"]
