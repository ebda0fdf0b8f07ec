"""Axes titles and axis labels placed once, before the layout, instead of at every
measurement.

matplotlib places them anew each time the axes are measured or drawn: the
constrained layout measures every axes twice, then the figure is drawn, and each
time (``Axes._update_title_position``) it lifts a title whose descent reaches into
the axes (a ``\\dfrac`` formula) until its bottom is at the axes' top, and above a
y-axis offset text ("1e6") it would overlap, measuring the whole y-axis once per
title to find that text; and (``Axis._update_label_position``) it puts each axis
label beside the tick labels, computing the ticks a second time to measure them.
Together a third of the time of a one-activation picture. Relative to its axes
each of these places depends only on the texts' extents and the tick labels, so
it is computed here once, where matplotlib would put it, and fixed there; the
layout is checked afterwards (the ticks of the laid-out axes must be the ones
measured here, with no offset text under a title) and otherwise redone with
matplotlib's own placement. Every gallery picture comes out pixel-identical.

This reads and sets matplotlib internals (``_autotitlepos``, ``_set_title_offset_trans``,
``_autolabelpos``, ``_update_ticks``, ``_get_ticklabel_bboxes``, ``_align_label_groups``;
no public API turns the placement off without resetting the text's font);
tests/plotting/test_export.py compares the pictures with matplotlib's own placement
pixel for pixel, so a matplotlib that changes them fails there.
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
    figure = ax.get_figure(root=False)
    if len(ax._twinned_axes.get_siblings(ax)) > 1 or len(figure._align_label_groups["title"].get_siblings(ax)) > 1:
        return False  # matplotlib places the title over its twins' or aligned axes' ticks too
    if ax.xaxis.get_ticks_position() != "bottom" or ax.xaxis.get_label_position() != "bottom":
        return False
    return not shows_offset(ax)


def shows_offset(ax: Axes) -> bool:
    """Whether the y-axis of ``ax`` shows an offset or a multiplier text at its ticks now."""
    ax.yaxis.get_majorticklabels()  # runs the locator and the formatter, which sets the offset
    return bool(ax.yaxis.get_major_formatter().get_offset())


def _label_offset(axis, renderer: RendererBase) -> float:  # noqa: ANN001  (a matplotlib Axis)
    """Where matplotlib puts the label of ``axis`` (an x-axis at the bottom or a y-axis at
    the left), in pixels from the axes' edge: beyond the tick labels drawn and the spine,
    by the label pad (``Axis._update_label_position``, without aligned siblings)."""
    from matplotlib.transforms import Bbox

    dpi = axis.get_figure(root=True).dpi
    boxes, _ = axis._get_ticklabel_bboxes(axis._update_ticks(), renderer)
    if axis.axis_name == "x":
        edge = Bbox.union([*boxes, axis.axes.spines.get("bottom", axis.axes).get_window_extent()]).y0
        return edge - axis.labelpad * dpi / 72 - axis.axes.bbox.y0
    edge = Bbox.union([*boxes, axis.axes.spines.get("left", axis.axes).get_window_extent()]).x0
    return edge - axis.labelpad * dpi / 72 - axis.axes.bbox.x0


def _label_axes(fig: Figure) -> list:
    """The labelled x-axes at the bottom and y-axes at the left of ``fig``'s axes, unless some
    labels are aligned across axes (``fig.align_labels``: then matplotlib measures them together)."""
    groups = fig._align_label_groups
    if any(len(groups[name].get_siblings(ax)) > 1 for ax in fig.axes for name in "xy"):
        return []
    return [axis for ax in fig.axes for axis, side in ((ax.xaxis, "bottom"), (ax.yaxis, "left"))
            if axis.label.get_text() and axis.label.get_visible() and axis.get_label_position() == side
            and axis._autolabelpos]


def pin_labels(fig: Figure, renderer: RendererBase) -> list[tuple]:
    """Fix each axis label of ``fig`` at its :func:`_label_offset` from its axes' edge; the
    axes pinned, with what :func:`labels_moved` and :func:`unpin_labels` need."""
    from matplotlib.transforms import ScaledTranslation

    pinned = []
    for axis in _label_axes(fig):
        offset = _label_offset(axis, renderer)
        transform, position = axis.label.get_transform(), axis.label.get_position()
        shift = (0, offset / fig.dpi) if axis.axis_name == "x" else (offset / fig.dpi, 0)
        # the label's position along its axis is in axes coordinates already (matplotlib's blended transform)
        axis.set_label_coords(*((position[0], 0.0) if axis.axis_name == "x" else (0.0, position[1])),
                              transform=axis.axes.transAxes + ScaledTranslation(*shift, fig.dpi_scale_trans))
        pinned.append((axis, offset, transform, position))
    return pinned


def labels_moved(pinned: list[tuple], renderer: RendererBase) -> bool:
    """Whether matplotlib would now put any pinned label elsewhere (the laid-out axes have other ticks)."""
    return any(_label_offset(axis, renderer) != offset for axis, offset, _, _ in pinned)


def unpin_labels(pinned: list[tuple]) -> None:
    """Give the labels :func:`pin_labels` fixed back to matplotlib's placement."""
    for axis, _, transform, position in pinned:
        axis.label.set_transform(transform)
        axis.label.set_position(position)
        axis._autolabelpos = True


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
