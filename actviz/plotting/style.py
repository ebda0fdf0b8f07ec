"""Figure sizes and themes.

Figures are made with the object-oriented API (``matplotlib.figure.Figure``),
never pyplot, so building one touches no global state and needs no display.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from matplotlib.figure import Figure

from ..errors import ActvizError

# name -> (width, height) in inches, base font size in points
_NAMED_SIZES = {
    "slide": ((13.333, 7.5), 20.0),  # 16:9, fonts readable from the back of a lecture hall
    "paper": ((6.4, 4.0), 10.0),
    "square": ((7.0, 7.0), 13.0),
}
_PIXELS = re.compile(r"(\d+)\s*[xX×]\s*(\d+)")

THEMES = {
    "light": {"figure.facecolor": "white", "axes.facecolor": "white", "text.color": "#222222",
              "axes.edgecolor": "#444444", "axes.labelcolor": "#222222", "xtick.color": "#444444",
              "ytick.color": "#444444", "grid.color": "#d0d0d0", "legend.facecolor": "white"},
    "dark": {"figure.facecolor": "#15181e", "axes.facecolor": "#15181e", "text.color": "#e8e8e8",
             "axes.edgecolor": "#9aa0a6", "axes.labelcolor": "#e8e8e8", "xtick.color": "#c0c4c8",
             "ytick.color": "#c0c4c8", "grid.color": "#3a3f47", "legend.facecolor": "#20242b"},
}


@dataclass(frozen=True)
class FigureSize:
    """Width and height in inches at ``dpi``, and the base font size."""

    width: float
    height: float
    dpi: float
    fontsize: float


def parse_size(size: str, dpi: float | None = None) -> FigureSize:
    """``slide``, ``paper``, ``square`` or ``WxH`` in pixels (then exactly W x H
    pixels at ``dpi``, default 100)."""
    if dpi is not None and not dpi > 0:
        raise ActvizError(f"invalid --dpi {dpi!r}: expected a positive number")
    if size in _NAMED_SIZES:
        (w, h), font = _NAMED_SIZES[size]
        return FigureSize(w, h, dpi or 150.0, font)
    match = _PIXELS.fullmatch(size.strip())
    if not match or int(match.group(1)) == 0 or int(match.group(2)) == 0:
        raise ActvizError(f"invalid size '{size}': expected slide, paper, square or WIDTHxHEIGHT in pixels (e.g. 1600x900)")
    dpi = dpi or 100.0
    w, h = int(match.group(1)) / dpi, int(match.group(2)) / dpi
    return FigureSize(w, h, dpi, max(8.0, min(w, h) * 2.2))


def theme_rc(theme: str) -> dict[str, str]:
    """The rcParams of a theme (``light`` or ``dark``)."""
    try:
        return THEMES[theme]
    except KeyError:
        raise ActvizError(f"unknown theme '{theme}': expected one of {', '.join(THEMES)}") from None


def new_figure(size: FigureSize, theme: str = "light") -> Figure:
    """An empty figure of ``size`` in ``theme``; add axes with ``fig.subplots``."""
    import matplotlib as mpl

    with mpl.rc_context({**theme_rc(theme), "font.size": size.fontsize}):
        fig = Figure(figsize=(size.width, size.height), dpi=size.dpi, layout="constrained")
    fig.actviz_theme = theme  # the axes-level functions read colours from here
    return fig
