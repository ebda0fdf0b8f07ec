"""actviz's figures draw in their own fonts wherever they are drawn (plain ``fig.savefig``,
Jupyter's ``print_figure(bbox_inches="tight")``), as ``actviz.plot.save`` and the command
line draw them, without matplotlib's log records and without touching the caller's
rcParams; the axes-level functions on a user's figure use the user's fonts.

Pixels are compared between two renderings of the same figure (never with a stored picture).
"""

from __future__ import annotations

import io
import logging
import re

import matplotlib as mpl
import numpy as np
import pytest
from matplotlib import font_manager
from matplotlib import pyplot as plt
from PIL import Image
from typer.testing import CliRunner

import actviz
import actviz.plot as avp
from actviz.cli.app import app
from actviz.plotting.export import figure_bytes
from actviz.plotting.self_styled import SelfStyledFigure
from actviz.plotting.portable import FONT_RC
from actviz.plotting.style import parse_size

SIZE = "600x400"
FIGURES = {
    "plot": lambda: avp.plot("gelu", derivative=True, size=SIZE),  # a radical, parentheses, a prime in titles
    "second": lambda: avp.plot("gelu", "mish", second=True, size=SIZE),
    "compare": lambda: avp.compare("relu", "elu", "tanh", size=SIZE),
    "saturation": lambda: avp.saturation_figure("sigmoid", "tanh", "relu", sigma=2.0, size=SIZE),
    # the gallery's size: a layout pass more than actviz's (fitting the titles) moved the axes by 1e-6
    # of the figure and changed 21 anti-aliased pixels of this one
    "gallery": lambda: avp.plot("gelu", derivative=True, size=parse_size("1200x675", 90.0)),
}
# rcParams a notebook may hold: other math and text fonts, and glyphs as paths in SVG
USER_RC = {"mathtext.fontset": "stix", "font.family": "serif", "font.sans-serif": ["Liberation Sans"],
           "mathtext.fallback": "cm", "svg.fonttype": "path"}


@pytest.fixture
def default_rc():
    """matplotlib's default rcParams (a notebook's), restored afterwards; font lookups
    forgotten, so that a lookup that warns (a missing 'cursive' family) warns here again."""
    with mpl.rc_context():
        mpl.rcdefaults()
        font_manager.FontManager._findfont_cached.cache_clear()
        yield


def _pixels(data: bytes) -> np.ndarray:
    with Image.open(io.BytesIO(data)) as image:
        return np.asarray(image.convert("RGB"))


def _saved(fig, fmt: str = "png", **kwargs) -> bytes:
    stream = io.BytesIO()
    fig.savefig(stream, format=fmt, **kwargs)
    return stream.getvalue()


def _font_families(svg: str) -> list[str]:
    return sorted(re.findall(r"font-family:\s*([^;\"]+)", svg))


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("name", FIGURES)
def test_plain_savefig_draws_the_picture_actviz_saves(default_rc, name, theme):
    """``fig.savefig`` outside any actviz block, under matplotlib's defaults, gives the
    pixels of ``figure_bytes`` (``avp.save``): same fonts, same math, same layout."""
    with avp.theme(theme):
        plain, ours = FIGURES[name](), FIGURES[name]()
    assert (_pixels(_saved(plain)) == _pixels(figure_bytes(ours))).all()


def test_plain_savefig_draws_the_command_line_s_picture(default_rc, tmp_path):
    target = tmp_path / "gelu.png"
    result = CliRunner().invoke(app, ["plot", "gelu", "-d", "--size", SIZE, "-o", str(target)])
    assert result.exit_code == 0, result.output
    plain = _saved(avp.plot("gelu", derivative=True, size=SIZE))
    assert (_pixels(plain) == _pixels(target.read_bytes())).all()


def test_the_user_s_fonts_do_not_reach_the_figure_and_stay_theirs(default_rc):
    """Other fonts set globally by the user change nothing in the picture, and the
    user's rcParams are the same after saving as before."""
    reference = _pixels(_saved(FIGURES["plot"]()))
    fig = FIGURES["plot"]()
    mpl.rcParams.update(USER_RC)
    before = dict(mpl.rcParams)
    assert (_pixels(_saved(fig)) == reference).all()
    assert dict(mpl.rcParams) == before


def test_jupyter_s_tight_png_is_drawn_in_actviz_s_fonts(default_rc, caplog):
    """Jupyter's inline backend calls ``print_figure(..., bbox_inches='tight')``, which
    lays out, measures and draws the figure outside any actviz block: the picture is the
    one drawn with actviz's fonts set globally, and matplotlib logs nothing."""
    caplog.set_level(logging.WARNING, logger="matplotlib")
    shown = io.BytesIO()
    FIGURES["plot"]().canvas.print_figure(shown, format="png", bbox_inches="tight")
    assert caplog.records == []
    with mpl.rc_context(FONT_RC):
        expected = _saved(FIGURES["plot"](), bbox_inches="tight")
    assert (_pixels(shown.getvalue()) == _pixels(expected)).all()


def test_plain_svg_names_the_fonts_of_the_command_line_s(default_rc, tmp_path):
    target = tmp_path / "gelu.svg"
    result = CliRunner().invoke(app, ["plot", "gelu", "-d", "--size", SIZE, "-o", str(target)])
    assert result.exit_code == 0, result.output
    plain = _saved(avp.plot("gelu", derivative=True, size=SIZE), "svg").decode()
    cli = target.read_text()
    assert _font_families(plain) == _font_families(cli) and "'DejaVu Sans'" in _font_families(plain)
    assert plain.count("<text") == cli.count("<text") > 0
    assert "′" in plain and not re.search("cmsy10|STIX", plain)  # the prime as the character of DejaVu Sans


def _user_curves(theme: str | None):
    """Curves on pyplot's current axes, made in ``theme`` (or outside any theme)."""
    if theme is None:
        return avp.curve("gelu", order=1).figure
    with avp.theme(theme):
        ax = avp.curve("gelu", order=1)
        actviz.get("relu").plot(2, ax=ax)
    return ax.figure


def _propagation():
    return avp.propagation("tanh", depth=6, width=16, batch=4, seed=3).figure


def _saturation_axes():
    return avp.saturation("gelu").figure


DRAWINGS = {**FIGURES, "curves": lambda: _user_curves(None), "themed curves": lambda: _user_curves("dark"),
            "propagation": _propagation, "saturation axes": _saturation_axes}


@pytest.mark.parametrize("name", DRAWINGS)
def test_drawing_anywhere_logs_nothing(default_rc, caplog, name):
    """The figures, and the axes-level functions on pyplot's own figure, saved with
    ``fig.savefig`` as png, svg and pdf and shown as Jupyter shows them: no log record
    from matplotlib (a missing font family, a glyph missing from the math fonts)."""
    caplog.set_level(logging.WARNING, logger="matplotlib")
    fig = DRAWINGS[name]()
    for fmt in ("png", "svg", "pdf"):
        _saved(fig, fmt)
    fig.canvas.print_figure(io.BytesIO(), format="png", bbox_inches="tight")
    assert [record.getMessage() for record in caplog.records] == []


def test_curves_on_the_user_s_figure_keep_the_user_s_fonts(default_rc, caplog):
    """On pyplot's figure, even inside ``avp.theme``, the labels actviz sets are in the
    fonts of the user's rcParams (matplotlib's 'dejavusans' math), not in actviz's custom
    fontset, which would need actviz's rcParams where the figure is drawn; saving that
    figure with actviz (primes rewritten as ′) logs nothing either."""
    caplog.set_level(logging.WARNING, logger="matplotlib")
    fig = _user_curves("dark")
    assert not isinstance(fig, SelfStyledFigure)
    (ax,) = fig.axes
    assert ax.yaxis.label.get_fontproperties().get_math_fontfamily() == "dejavusans"
    assert ax.get_ylabel() == "$f''(x)$"
    figure_bytes(fig, "png")
    figure_bytes(fig, "svg")
    assert ax.get_ylabel() == r"$f\,″(x)$" and caplog.records == []  # a thin space between f and its primes


def test_the_user_s_own_text_on_an_actviz_figure_draws_in_actviz_s_fonts(default_rc):
    """As the SelfStyledFigure docstring says: a text the user adds (default family
    ``sans-serif``) is drawn under the figure's fonts, here in an SVG as text naming them,
    although the user's rcParams name other fonts and ask for glyphs as paths."""
    fig = FIGURES["plot"]()
    fig.axes[0].text(0.0, 2.0, "mine", gid="mine")
    mpl.rcParams.update(USER_RC)
    svg = _saved(fig, "svg").decode()
    (group,) = re.findall(r'<g id="mine">.*?</g>', svg, flags=re.DOTALL)
    assert "<text" in group and "DejaVu Sans', 'Liberation Sans', 'Arial', 'Helvetica', sans-serif" in group


def test_the_figure_s_text_settings_can_be_changed():
    fig = FIGURES["plot"]()
    assert fig.text_rc == dict(mpl.RcParams(FONT_RC))  # made inside actviz's block (as validated by matplotlib)
    fig.text_rc["svg.fonttype"] = "path"
    svg = _saved(fig, "svg").decode()
    assert "<text" not in svg and 'id="DejaVuSans-' in svg  # glyphs as paths


def test_a_theme_leaves_the_fonts_alone():
    outside = {name: mpl.rcParams[name] for name in FONT_RC}
    with avp.theme("dark"):
        assert {name: mpl.rcParams[name] for name in FONT_RC} == outside
        assert isinstance(avp.plot("relu"), SelfStyledFigure)


def test_measurements_before_any_drawing_are_made_in_the_figure_s_fonts(default_rc, caplog):
    """``fig.get_tightbbox()`` and ``fig.tight_layout()``, called before the figure was ever
    drawn (nothing measured yet), measure its texts in its own fonts: the results of
    measuring with actviz's fonts set globally, and no log record."""
    caplog.set_level(logging.WARNING, logger="matplotlib")
    def tight(fig):  # the constrained layout off first (matplotlib warns when one replaces the other)
        fig.set_layout_engine(None)
        fig.tight_layout()
        return fig

    box, laid_out = FIGURES["plot"]().get_tightbbox(), tight(FIGURES["plot"]())
    with mpl.rc_context(FONT_RC):
        expected_box, expected = FIGURES["plot"]().get_tightbbox(), tight(FIGURES["plot"]())
    assert caplog.records == []
    np.testing.assert_array_equal(box.bounds, expected_box.bounds)
    for ax, reference in zip(laid_out.axes, expected.axes, strict=True):
        np.testing.assert_array_equal(ax.get_position().bounds, reference.get_position().bounds)
