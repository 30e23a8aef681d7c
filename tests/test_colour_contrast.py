"""Colours that carry meaning stand out from the white page: WCAG 2.1 AA asks 3:1 for graphics (1.4.11)."""

from __future__ import annotations

import pytest

from planner.ui.charts import LEVEL_COLOURS


def luminance(colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_matches_the_wcag_examples():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("level", list(LEVEL_COLOURS))
def test_every_level_colour_of_the_risk_chart_has_3_to_1_on_white(level):
    assert contrast(LEVEL_COLOURS[level], "#ffffff") >= 3.0, LEVEL_COLOURS[level]


@pytest.mark.parametrize("level", ["low", "medium", "high", "critical", "unknown"])
def test_every_level_colour_of_the_pdf_has_3_to_1_on_white(level):
    from planner.render.pdf_text import LEVEL_COLOURS as PDF_COLOURS

    shown = "#" + PDF_COLOURS[level].hexval()[2:]
    assert contrast(shown, "#ffffff") >= 3.0, shown
