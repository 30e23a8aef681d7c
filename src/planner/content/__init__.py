"""Questionnaire and knowledge-base content: schema, loading, validation, translations."""

from .loader import Content, SectionContent, check_question_file, content_dir, load_content
from .schema import CHALLENGE_IDS, POINT_IDS, SCHEMA_VERSION, THEME_IDS, Question
from .translations import coverage, languages, plan_defaults_data

__all__ = [
    "CHALLENGE_IDS", "POINT_IDS", "SCHEMA_VERSION", "THEME_IDS",
    "Content", "Question", "SectionContent", "check_question_file", "content_dir", "coverage", "languages", "load_content",
    "plan_defaults_data",
]
