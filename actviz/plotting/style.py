"""Figure sizes, themes and colours.

Figures are made with the object-oriented API (``matplotlib.figure.Figure``),
never pyplot, so building one touches no global state and needs no display.
Everything drawn inside :func:`themed` picks up the theme's colours and the
size's font sizes, because matplotlib reads rcParams when an artist is made.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from matplotlib.figure import Figure

from ..errors import ActvizError

# name -> (width, height) in inches, base font size in points
_NAMED_SIZES = {
    "slide": ((40 / 3, 7.5), 20.0),  # 16:9 (2000x1125 at 150 dpi), fonts readable from the back of a lecture hall
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

# Colour-blind-safe line colours (Okabe & Ito 2008, plus two), brightened for dark backgrounds.
PALETTES = {
    "light": ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#882255", "#444444"),
    "dark": ("#5AB4F0", "#FF8A4C", "#3DDBA8", "#F09FD0", "#FFC53D", "#A8DCFF", "#E07BA8", "#D0D0D0"),
}

# Shade of the saturated region and colour of the axes through the origin.
ACCENTS = {
    "light": {"shade": "#9aa0a6", "origin": "#555555"},
    "dark": {"shade": "#7d8590", "origin": "#aab0b6"},
}


@dataclass(frozen=True)
class FigureSize:
    """Width and height in inches at ``dpi``, and the base font size."""

    width: float
    height: float
    dpi: float
    fontsize: float


MAX_PIXELS = 40_000_000
"""The largest picture drawn, in pixels (e.g. 8000x5000): its RGBA buffer is 160 MB
and Agg draws it in about 5 s; a figure of 100000x100000 would need 40 GB."""
MAX_SIDE = 16_000
"""The longest side in pixels (Agg's own limit is 2**16 and 2**23 pixels per row)."""
MIN_SIDE = 64
"""The shortest side in pixels: below it, no axis, tick or label fits."""
DPI_RANGE = (10.0, 1200.0)
"""Dots per inch that make sense: 10 is a thumbnail, 1200 a print at photo resolution."""


def parse_size(size: str, dpi: float | None = None) -> FigureSize:
    """``slide``, ``paper``, ``square`` or ``WxH`` in pixels (then exactly W x H
    pixels at ``dpi``, default 100). The picture must have at most
    :data:`MAX_PIXELS` pixels, sides from :data:`MIN_SIDE` to :data:`MAX_SIDE`,
    and ``dpi`` within :data:`DPI_RANGE`: anything else is refused with the
    memory it would take."""
    low, high = DPI_RANGE
    if dpi is not None and not low <= dpi <= high:
        raise ActvizError(f"invalid {{dpi}} {dpi!r}: expected a number from {low:g} to {high:g} dots per inch",
                          arguments=("dpi",))
    if size in _NAMED_SIZES:
        (w, h), font = _NAMED_SIZES[size]
        result = FigureSize(w, h, dpi or 150.0, font)
    else:
        match = _PIXELS.fullmatch(size.strip())
        if not match or int(match.group(1)) == 0 or int(match.group(2)) == 0:
            raise ActvizError(f"invalid size '{size}': expected slide, paper, square or WIDTHxHEIGHT in pixels "
                              "(e.g. 1600x900)")
        dpi = dpi or 100.0
        w, h = int(match.group(1)) / dpi, int(match.group(2)) / dpi
        result = FigureSize(w, h, dpi, max(8.0, min(w, h) * 2.2))
    _check_pixels(result, size)
    return result


def _check_pixels(size: FigureSize, asked: str) -> None:
    """Refuse a picture too small to hold an axis or too large for memory."""
    width, height = round(size.width * size.dpi), round(size.height * size.dpi)
    shown = f"{asked} at {size.dpi:g} dpi ({width}x{height} pixels)"
    if min(width, height) < MIN_SIDE:
        raise ActvizError(f"picture too small: {shown}; each side needs at least {MIN_SIDE} pixels "
                          "to hold an axis (raise {size} or {dpi})", arguments=("size", "dpi"))
    if max(width, height) > MAX_SIDE or width * height > MAX_PIXELS:
        megabytes = 4 * width * height / 1e6
        raise ActvizError(f"picture too large: {shown} would take {megabytes:,.0f} MB to draw; the limit is "
                          f"{MAX_PIXELS / 1e6:g} million pixels ({4 * MAX_PIXELS / 1e6:g} MB), at most {MAX_SIDE} "
                          "on a side (lower {size} or {dpi})", arguments=("size", "dpi"))


def theme_rc(theme: str) -> dict[str, str]:
    """The rcParams of a theme (``light`` or ``dark``)."""
    try:
        return THEMES[theme]
    except KeyError:
        raise ActvizError(f"unknown theme '{theme}': expected one of {', '.join(THEMES)}") from None


def palette(theme: str) -> tuple[str, ...]:
    """The line colours of ``theme``, in the order curves get them."""
    theme_rc(theme)  # validates the name
    return PALETTES[theme]


def colors(theme: str, n: int) -> list[str]:
    """``n`` distinct line colours: the palette, then a perceptually ordered
    colormap once there are more curves than palette entries."""
    base = palette(theme)
    if n <= len(base):
        return list(base[:n])
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    cmap = colormaps["turbo"]
    return [to_hex(cmap(0.08 + 0.84 * i / (n - 1))) for i in range(n)]


def accent(theme: str, role: str) -> str:
    """A theme's colour for ``role``: ``shade`` (saturated region) or ``origin`` (axes through 0)."""
    theme_rc(theme)
    return ACCENTS[theme][role]


def _size_rc(size: FigureSize) -> dict[str, float]:
    base = size.fontsize
    return {
        "font.size": base, "axes.titlesize": base, "axes.labelsize": 0.9 * base,
        "xtick.labelsize": 0.8 * base, "ytick.labelsize": 0.8 * base, "legend.fontsize": 0.8 * base,
        "figure.titlesize": 1.1 * base, "lines.linewidth": base / 7, "lines.markersize": base / 2.6,
        "axes.linewidth": base / 20, "grid.linewidth": base / 28, "xtick.major.width": base / 20,
        "ytick.major.width": base / 20, "xtick.major.size": base / 5, "ytick.major.size": base / 5,
    }


_COMMON_RC = {
    "axes.spines.top": False, "axes.spines.right": False, "axes.grid": True, "grid.alpha": 0.8,
    "axes.axisbelow": True, "legend.frameon": False, "mathtext.fontset": "dejavusans",
    "axes.titlepad": 10.0, "svg.fonttype": "none",
}


@contextmanager
def themed(size: FigureSize, theme: str = "light") -> Iterator[None]:
    """Within this block, new artists use ``theme``'s colours and ``size``'s fonts."""
    import matplotlib as mpl

    with mpl.rc_context({**_COMMON_RC, **_size_rc(size), **theme_rc(theme)}):
        yield


def new_figure(size: FigureSize, theme: str = "light") -> Figure:
    """An empty figure of ``size`` in ``theme``; add axes with ``fig.subplots``
    (inside :func:`themed` to give them the theme's colours)."""
    with themed(size, theme):
        fig = Figure(figsize=(size.width, size.height), dpi=size.dpi, layout="constrained")
    fig.actviz_theme = theme  # the axes-level functions read colours from here
    return fig


def figure_theme(fig: Figure) -> str:
    """The theme a figure was made with (``light`` for figures made elsewhere)."""
    return getattr(fig, "actviz_theme", "light")


def clipped_artists_out_of_layout(fig: Figure) -> Figure:
    """Leave the lines and patches drawn inside the axes (clipped to them) out
    of the constrained layout's size computations: they never stick out of
    their axes, and measuring 2000-point paths made the layout ~20% slower."""
    for ax in fig.axes:
        for artist in (*ax.lines, *ax.patches, *ax.collections):
            if artist.get_clip_on():
                artist.set_in_layout(False)
    return fig
