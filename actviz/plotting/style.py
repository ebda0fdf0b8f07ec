"""Figure sizes, themes and colours.

Figures are made with the object-oriented API (``matplotlib.figure.Figure``),
never pyplot, so building one touches no global state and needs no display.
Everything drawn inside :func:`theme` picks up the theme's colours (and inside
:func:`themed` the size's font sizes too), because matplotlib reads rcParams
when an artist is made; the axes-level functions ask :func:`current_theme` for
the colours of their lines. The colours themselves are in :mod:`actviz.themes`.
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import ActvizError
from ..themes import ACCENTS, PALETTES, THEMES, accent, ink, palette, theme_rc
from .portable import FONT_RC

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["ACCENTS", "PALETTES", "THEMES", "FigureSize", "accent", "colors", "current_theme", "ink", "new_figure",
           "palette", "parse_size", "theme", "theme_rc", "themed"]

# name -> (width, height) in inches, base font size in points
_NAMED_SIZES = {
    "slide": ((40 / 3, 7.5), 20.0),  # 16:9 (2000x1125 at 150 dpi), fonts readable from the back of a lecture hall
    "paper": ((6.4, 4.0), 10.0),
    "square": ((7.0, 7.0), 13.0),
}
_PIXELS = re.compile(r"(\d+)\s*[xX×]\s*(\d+)")

@dataclass(frozen=True)
class FigureSize:
    """Width and height in inches at ``dpi``, and the base font size."""

    width: float
    height: float
    dpi: float
    fontsize: float


MAX_PIXELS = 40_000_000
"""The largest picture drawn, in pixels (e.g. 8000x5000): its RGBA buffer is 160 MB
(177 MB with :data:`PICTURE_OVERHEAD`) and Agg draws it in about 5 s; a figure of
100000x100000 would need 40 GB."""
PICTURE_OVERHEAD = 16 * 2**20
"""Bytes a picture takes besides its RGBA buffer (the figure's artists, fonts, the PNG encoder)."""


def picture_memory(width: int, height: int) -> int:
    """The memory a ``width`` x ``height`` pixel picture is announced to take (bytes): its
    RGBA buffer, 4 bytes a pixel, plus :data:`PICTURE_OVERHEAD` (measured: 8000x5000 took
    154 MB beyond a small picture; tests/cli/test_memory.py keeps every picture within this)."""
    return 4 * width * height + PICTURE_OVERHEAD


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
        megabytes = picture_memory(width, height) / 1e6
        raise ActvizError(f"picture too large: {shown} would take {megabytes:,.0f} MB to draw; the limit is "
                          f"{MAX_PIXELS / 1e6:g} million pixels ({picture_memory(MAX_PIXELS, 1) / 1e6:,.0f} MB), at most {MAX_SIDE} "
                          "on a side (lower {size} or {dpi})", arguments=("size", "dpi"))


def colors(theme: str, n: int) -> list[str]:
    """``n`` line colours: the theme's palette in order, repeating after 8 (never
    a colormap, whose neighbours look alike; where more than 8 curves share a
    picture, :func:`~actviz.plotting.linestyles.curve_styles` adds dashes and markers)."""
    base = palette(theme)
    return [base[i % len(base)] for i in range(n)]


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
    "axes.axisbelow": True, "legend.frameon": False, "axes.titlepad": 10.0,
}


_ACTIVE_THEME: contextvars.ContextVar[str] = contextvars.ContextVar("actviz_theme", default="light")


def current_theme() -> str:
    """The theme of the innermost :func:`theme` block (``light`` outside any)."""
    return _ACTIVE_THEME.get()


@contextmanager
def theme(name: str = "light") -> Iterator[None]:
    """Within this block, new figures, axes and actviz's curves take the colours of
    theme ``name`` (``light`` or ``dark``)::

        with actviz.plot.theme("dark"):
            fig = actviz.plot.plot("gelu", derivative=True)

    Line colours follow the Okabe-Ito palette of the theme (also as matplotlib's
    colour cycle, for your own ``ax.plot``). Fonts are left as they are: actviz's own
    figures carry theirs (see :class:`~actviz.plotting.self_styled.SelfStyledFigure`),
    and texts made here on your figures (their axis labels, or those :func:`actviz.plot.curve`
    sets) keep matplotlib's, which draw the same wherever your figure is drawn."""
    import matplotlib as mpl
    from matplotlib import cycler

    rc = {**_COMMON_RC, **theme_rc(name), "axes.prop_cycle": cycler(color=palette(name))}
    token = _ACTIVE_THEME.set(name)
    try:
        with mpl.rc_context(rc):
            yield
    finally:
        _ACTIVE_THEME.reset(token)


@contextmanager
def themed(size: FigureSize | None, name: str | None = None) -> Iterator[None]:
    """:func:`theme` ``name`` (default: the active one) with actviz's fonts (:data:`FONT_RC`)
    and the font sizes of ``size`` (matplotlib's own when None): where actviz builds its figures."""
    import matplotlib as mpl

    with theme(name or current_theme()), mpl.rc_context({**FONT_RC, **(_size_rc(size) if size is not None else {})}):
        yield


def new_figure(size: FigureSize | None = None, name: str | None = None) -> Figure:
    """An empty figure of ``size`` (matplotlib's default size when None) in theme
    ``name`` (default: the active one); add axes with ``fig.subplots`` inside
    :func:`themed` to give them the theme's colours. It draws in actviz's fonts
    wherever it is drawn (a :class:`~actviz.plotting.self_styled.SelfStyledFigure`), and lays
    itself out with its titles fitted to their panels (:mod:`.title_fit`)."""
    from .self_styled import SelfStyledFigure
    from .title_fit import TitleFittingLayout

    with themed(size, name):
        if size is None:
            return SelfStyledFigure(layout=TitleFittingLayout())
        return SelfStyledFigure(figsize=(size.width, size.height), dpi=size.dpi, layout=TitleFittingLayout())


def clipped_artists_out_of_layout(fig: Figure) -> Figure:
    """Leave the lines and patches drawn inside the axes (clipped to them) out
    of the constrained layout's size computations: they never stick out of
    their axes, and measuring 2000-point paths made the layout ~20% slower."""
    for ax in fig.axes:
        for artist in (*ax.lines, *ax.patches, *ax.collections):
            if artist.get_clip_on():
                artist.set_in_layout(False)
    return fig
