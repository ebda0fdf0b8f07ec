"""Axes titles placed once, before the layout, instead of at every measurement.

matplotlib places an axes title anew each time the axes are measured or drawn
(``Axes._update_title_position``): it lifts a title whose descent reaches into the
axes (a ``\\dfrac`` formula) until its bottom is at the axes' top, and above a
y-axis offset text ("1e6") it would overlap. To find the offset text it measures
the whole y-axis (ticks, labels) once per title, at each of the constrained
layout's two passes and at the draw: a fifth of the time of a one-activation
picture. Where no y-axis shows an offset text, the lift depends only on the
title's own extent, so it is computed here once and the title is fixed there (the
same place, to the pixel, checked for every gallery picture); matplotlib's own
placement stays for the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure


def _pinnable(ax: Axes) -> bool:
    """Whether ``ax`` has only a centre title, x ticks at the bottom and no y offset text
    at its current limits (the cases where matplotlib's placement is a fixed lift)."""
    if not ax.title.get_text() or ax.get_title("left") or ax.get_title("right") or ax.child_axes:
        return False
    if ax.xaxis.get_ticks_position() != "bottom" or ax.xaxis.get_label_position() != "bottom":
        return False
    return not shows_offset(ax)


def shows_offset(ax: Axes) -> bool:
    """Whether the y-axis of ``ax`` shows an offset or a multiplier text at its ticks now."""
    ax.yaxis.get_majorticklabels()  # runs the locator and the formatter, which sets the offset
    return bool(ax.yaxis.get_major_formatter().get_offset())


def pin_titles(fig: Figure, renderer: RendererBase) -> list[tuple[Axes, float]]:
    """Fix the centre title of each axes of ``fig`` where matplotlib would put it (see the
    module docstring) and turn its placement off; the axes changed, each with its own pad
    (points), for :func:`unpin_titles`."""
    pinned = []
    for ax in fig.axes:
        if not _pinnable(ax):
            continue
        title = ax.title
        title.set_y(1.0)
        pad = title.get_transform().transform(title.get_position())[1] - ax.bbox.y1  # pixels above the top
        bottom = title.get_window_extent(renderer).y0 - ax.bbox.y1
        if bottom < 0:  # the title reaches into the axes: lifted by that much, as matplotlib does
            ax._set_title_offset_trans((pad - bottom) * 72 / fig.dpi)
        ax._autotitlepos = False  # what set_title(y=...) sets; set_title would also reset the font
        pinned.append((ax, pad * 72 / fig.dpi))
    return pinned


def unpin_titles(pinned: list[tuple[Axes, float]]) -> None:
    """Give the titles :func:`pin_titles` fixed back to matplotlib's placement."""
    for ax, pad in pinned:
        ax._set_title_offset_trans(pad)
        ax._autotitlepos = True
