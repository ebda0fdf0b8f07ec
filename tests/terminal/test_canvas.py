"""Character plots follow the terminal's colours, honour the theme, tick at round numbers."""

from __future__ import annotations

import re

import numpy as np
import pytest
from typer.testing import CliRunner

import actviz
from actviz.cli.app import app
from actviz.terminal.canvas import nice_ticks, render
from actviz.terminal.curves import curve_panels
from actviz.themes import PALETTES

runner = CliRunner()


def _rgb(color: str) -> str:
    return ";".join(str(int(color[i:i + 2], 16)) for i in (1, 3, 5))


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_no_background_is_painted_and_the_lines_have_the_themes_colours(theme):
    text = render(curve_panels([actviz.get("tanh"), actviz.get("elu")], [0, 1], -5.0, 5.0, theme), width=100, height=24)
    assert "\x1b[48" not in text  # no canvas, legend or line background: the terminal's own shows
    assert f"38;2;{_rgb(PALETTES[theme][0])}m" in text and f"38;2;{_rgb(PALETTES[theme][1])}m" in text


def test_ticks_are_round_numbers():
    text = render(curve_panels([actviz.get("relu")], [0], -5.0, 5.0, "light"), width=80, height=20, colorless=True)
    bottom = text.splitlines()[-1].split()
    assert bottom == ["-4", "-2", "0", "2", "4"]
    assert not re.search(r"-3\.3|-0\.0|8\.3|1\.7", text)


@pytest.mark.parametrize(("lo", "hi", "expected"), [(-5, 5, [-4, -2, 0, 2, 4]), (-1, 8.3, [0, 2, 4, 6, 8]),
                                                     (0, 1, [0, 0.2, 0.4, 0.6, 0.8, 1.0]), (-0.17, 5, [0, 1, 2, 3, 4, 5])])
def test_nice_ticks(lo, hi, expected):
    np.testing.assert_allclose(nice_ticks(lo, hi), expected, atol=1e-12)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_cli_draws_in_the_theme_it_is_given(monkeypatch, theme):
    import actviz.terminal.curves as curves

    asked = []
    original = curves.curve_panels
    monkeypatch.setattr(curves, "curve_panels", lambda *args: asked.append(args[-1]) or original(*args))
    result = runner.invoke(app, ["plot", "tanh", "--terminal", "--theme", theme], env={"COLUMNS": "100", "LINES": "30"})
    assert result.exit_code == 0 and asked == [theme]
