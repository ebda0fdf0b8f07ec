"""Curves in characters: the same honest samples as the pictures, rendered as text
without matplotlib."""

from __future__ import annotations

import numpy as np

import actviz
from actviz.analysis.saturation import saturation_sets
from actviz.terminal.canvas import line_colors, render
from actviz.terminal.curves import curve_panels, saturation_panels
from actviz.themes import PALETTES


def test_terminal_panels_mark_the_jump_and_render_text():
    f_panel, df_panel = curve_panels([actviz.get("relu")], [0, 1], -2.0, 2.0)
    assert [t.marker for t in df_panel.traces if t.marker] == ["○", "●"]
    opened = next(t for t in df_panel.traces if t.marker == "○")
    assert (opened.x.tolist(), opened.y.tolist()) == ([0.0], [1.0])
    lines = [t for t in f_panel.traces if not t.marker and not t.hline]
    np.testing.assert_array_equal(lines[0].y, actviz.get("relu")(lines[0].x))
    text = render([f_panel, df_panel], width=80, height=20, colorless=True)
    assert "f'(x)" in text and "○" in text and "\x1b[" not in text


def test_saturation_panels_draw_the_given_sets():
    acts = [actviz.get("sigmoid"), actviz.get("relu")]
    sets = [saturation_sets(act, 0.05) for act in acts]
    log_derivative, shares = saturation_panels(acts, sets, -10.0, 10.0)
    (threshold,) = [t for t in log_derivative.traces if t.hline]
    np.testing.assert_allclose(threshold.y, np.log10(0.05))
    relu_share = next(t for t in shares.traces if t.label == "relu")
    np.testing.assert_array_equal(relu_share.y, 0.5)  # relu' < 0.05 exactly on x <= 0


def test_more_curves_than_colours_cycle_the_palette():
    colours = line_colors("dark", 10)
    assert colours[:8] == list(PALETTES["dark"]) and colours[8:] == list(PALETTES["dark"][:2])
