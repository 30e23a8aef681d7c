"""The Risk page's point bars (planner.render.point_bars): plain HTML, every value escaped, one labelled image."""

from planner.render.point_bars import LEVEL_COLOURS, point_bars_html

ROWS = [dict(title="Requirements <b>& model</b>", score=72.4, low=60.0, high=88.0, level="high", completeness=0.5),
        dict(title="Data", score=None, low=0.0, high=100.0, level="unknown", completeness=0.0)]


def test_bars_say_every_value_and_draw_no_markup_from_the_text():
    html = point_bars_html(ROWS)
    assert "<b>" not in html and "Requirements &lt;b&gt;&amp; model&lt;/b&gt;" in html
    assert html.count('role="img"') == 1
    assert "72 (high)" in html and "no answers yet" in html and "50% answered" in html
    assert "width:72.4%" in html and f"background:{LEVEL_COLOURS['high']}" in html
    assert "left:60.0%;width:28.0%" in html  # the range as a line across the bar


def test_scores_outside_0_to_100_stay_inside_the_track():
    html = point_bars_html([dict(title="x", score=130.0, low=-5.0, high=140.0, level="critical", completeness=1.0)])
    assert "width:100.0%" in html and "left:0.0%;width:100.0%" in html
