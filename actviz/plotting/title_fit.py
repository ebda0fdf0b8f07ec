"""Axes titles kept within their panel: a formula too wide for it is broken into lines,
and only what still does not fit is set smaller.

matplotlib's constrained layout makes room for a title's height but not its width (a
wide title would otherwise squeeze its axes), so a long formula ran past the figure's
edge or into the next panel's title: 78 of the 143 activations did at slide, paper or
square size, three of them in the gallery (``gelu`` with f'' at slide size lost its G).

A panel's title may use its column: the figure's width shared between the panels of a
row at the middles of the gaps between them. A title wider than that is broken at its
top-level separators (outside every bracket), in order of preference: between the cases
of a piecewise formula (``,\\quad``), before an ``=`` of a chain, before a ``+`` or
``-``; into two lines, or three where two are still too wide, choosing the breaks that
make the widest line narrowest. What still does not fit is set smaller, down to
:data:`SMALLEST` of its size.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from matplotlib.layout_engine import ConstrainedLayoutEngine

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure

SMALLEST = 0.7
"""The smallest size a title is set at, as a share of its own: below it a slide's formula is unreadable."""
MARGIN = 0.97
"""The share of its column a title may fill (the layout moves the axes a little once titles change)."""
_SEPARATORS = (  # (pattern, rank): lower ranks are preferred breaks
    (re.compile(r",\s*(?:\\quad|\\qquad|\\;\s*\\;|\\;)\s*"), 0),
    (re.compile(r"\s+(?==\s)"), 1),
    (re.compile(r"\s+(?=[+-]\s)"), 2),
)
_OPEN, _CLOSE = "([{", ")]}"


def _top_level_breaks(body: str) -> list[tuple[int, int, int]]:
    """(start, end, rank) of each break in the mathtext ``body`` outside every bracket:
    the text [start, end) is dropped at the break (the separator's spacing), and the
    next line starts at ``end`` (with the ``=``, ``+`` or ``-``)."""
    depth, depths = 0, []
    for i, char in enumerate(body):
        escaped = i > 0 and body[i - 1] == "\\"
        if char in _OPEN and not escaped:
            depth += 1
        depths.append(depth)
        if char in _CLOSE and not escaped:
            depth -= 1
    breaks = []
    for pattern, rank in _SEPARATORS:
        for match in pattern.finditer(body):
            if match.start() > 0 and depths[match.start()] == 0:
                start = match.start() + (1 if rank == 0 else 0)  # a case keeps its comma
                breaks.append((start, match.end(), rank))
    return sorted(breaks)


def _lines(body: str, breaks: tuple[tuple[int, int, int], ...]) -> list[str]:
    edges = [0, *(edge for start, end, _ in breaks for edge in (start, end)), len(body)]
    return [body[a:b].strip() for a, b in zip(edges[::2], edges[1::2])]


def _room(ax: Axes, fig: Figure) -> float:
    """The width (pixels) ``ax``'s centred title may take: :data:`MARGIN` of twice the distance
    from the axes' centre to the nearer end of its column, which runs to the middle of the gap
    to each panel beside it in its row, or to the figure's edge."""
    box = ax.get_position(original=False).transformed(fig.transFigure)
    left, right = fig.bbox.x0, fig.bbox.x1
    for other in fig.axes:
        if other is ax or not other.get_visible():
            continue
        theirs = other.get_position(original=False).transformed(fig.transFigure)
        if theirs.y1 <= box.y0 or theirs.y0 >= box.y1:
            continue  # another row
        if theirs.x1 <= box.x0:
            left = max(left, (theirs.x1 + box.x0) / 2)
        elif theirs.x0 >= box.x1:
            right = min(right, (box.x1 + theirs.x0) / 2)
    centre = (box.x0 + box.x1) / 2
    return MARGIN * 2 * min(centre - left, right - centre)


def _width(ax: Axes, text: str, renderer: RendererBase) -> float:
    ax.title.set_text(text)
    return ax.title.get_window_extent(renderer).width


def fit_title(ax: Axes, room: float, renderer: RendererBase) -> bool:
    """Break or shrink the centre title of ``ax`` until it is at most ``room`` pixels wide
    (see the module docstring); whether it changed. Of the breaks into two lines that fit,
    the most preferred separators win, then the narrowest; three lines only where no two
    fit; where none fit, the narrowest is set smaller."""
    title = ax.title
    text = title.get_text()
    width = _width(ax, text, renderer) if text else 0.0
    if width <= room:
        return False
    math = re.fullmatch(r"\$([^$]*)\$", text)
    candidates = _top_level_breaks(math.group(1)) if math else []
    narrowest = (width, text)
    for count in (1, 2):
        fitting = []
        for combo in itertools.combinations(candidates, count):
            lines = _lines(math.group(1), combo)
            if not all(lines):
                continue
            broken = "\n".join(f"${line}$" for line in lines)
            widest = _width(ax, broken, renderer)
            narrowest = min(narrowest, (widest, broken))
            if widest <= room:
                fitting.append((sum(rank for _, _, rank in combo), widest, broken))
        if fitting:
            title.set_text(min(fitting)[2])
            return True
    width, text = narrowest
    title.set_text(text)
    title.set_fontsize(title.get_fontsize() * max(SMALLEST, room / width))
    return True


def fit_titles(fig: Figure, renderer: RendererBase) -> bool:
    """:func:`fit_title` for every axes of ``fig`` (laid out already: the columns are read from
    the axes' positions); whether any title changed (then lay the figure out again)."""
    changed = False
    for ax in fig.axes:
        if ax.get_visible() and ax.title.get_text():
            changed |= fit_title(ax, _room(ax, fig), renderer)
    return changed


class TitleFittingLayout(ConstrainedLayoutEngine):
    """matplotlib's constrained layout, then :func:`fit_titles` on the laid-out figure and the
    layout once more where a title changed; the titles are fitted once for each size of the
    figure. Fitting inside the layout, wherever and however often matplotlib lays the figure
    out (``savefig``, a notebook's display, a window), adds no layout pass to a figure whose
    titles fit: another pass moves the axes by 1e-6 of the figure, enough to change a few
    dozen anti-aliased pixels."""

    def execute(self, fig: Figure) -> dict:
        layout = super().execute(fig)
        size = (*fig.get_size_inches(), fig.dpi)
        if getattr(fig, "_actviz_titles_fitted", (None,))[0] == size:
            return layout
        # the renderer matplotlib's own layout engine measures with (Figure._get_renderer)
        changed = fit_titles(fig, fig._get_renderer())
        fig._actviz_titles_fitted = (size, changed)
        return super().execute(fig) if changed else layout


def titles_refitted(fig: Figure) -> bool:
    """Whether :class:`TitleFittingLayout` broke or shrank a title of ``fig`` at its present size."""
    fitted = getattr(fig, "_actviz_titles_fitted", None)
    return fitted is not None and fitted[0] == (*fig.get_size_inches(), fig.dpi) and fitted[1]
