"""How each of several curves is told apart: colour, dash pattern, marker, width.

The first curve is solid; each later one gets its own dash pattern and is drawn
a little thinner on top of the earlier ones, so a curve lying on another still
shows both (relu under elu for x > 0). Colours are the theme's 8 Okabe-Ito
colours in order; from the 9th curve on they repeat, but never with the same
dash pattern (7 patterns against 8 colours: the pairs repeat only after 56
curves) and with a marker for each round through the colours. No colormap:
neighbours of a rainbow look alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from .style import palette

# Solid, then dash patterns (on, off, ... in line widths) that stay apart at a glance.
DASH_PATTERNS = (
    (), (6.0, 2.5), (1.2, 1.8), (7.0, 2.0, 1.5, 2.0), (3.0, 1.5), (10.0, 3.0), (4.0, 1.5, 1.2, 1.5, 1.2, 1.5),
)
MARKERS = ("o", "s", "^", "D", "v", "P")  # one per round through the colours after the first
THINNING = 0.08  # each later curve this much thinner, relative to the first
THINNEST = 0.5
MARKERS_PER_CURVE = 12


@dataclass(frozen=True)
class CurveStyle:
    """The look of one curve: ``linestyle`` for matplotlib (``"-"`` or ``(0, dashes)``),
    ``marker`` (None or a marker drawn ``MARKERS_PER_CURVE`` times along it),
    ``width`` relative to the theme's line width and ``zorder`` (later on top)."""

    color: str
    linestyle: str | tuple[float, tuple[float, ...]]
    marker: str | None
    width: float
    zorder: float

    def line_kwargs(self, base_width: float) -> dict:
        """Keyword arguments of ``Axes.plot`` for a curve of ``base_width`` points."""
        kwargs = {"color": self.color, "linestyle": self.linestyle, "linewidth": base_width * self.width,
                  "zorder": self.zorder}
        if self.marker:
            kwargs.update(marker=self.marker, markevery=1.0 / MARKERS_PER_CURVE, markersize=2.6 * base_width * self.width)
        return kwargs


def curve_styles(theme: str, n: int) -> list[CurveStyle]:
    """The styles of ``n`` curves in ``theme``: curve i has the i-th palette colour
    (mod 8), dash pattern i (mod 7), from i = 8 on a marker, and width
    ``max(0.5, 1 - 0.08 i)`` at zorder ``3 + 0.01 i``."""
    colours = palette(theme)
    styles = []
    for i in range(n):
        dashes = DASH_PATTERNS[i % len(DASH_PATTERNS)]
        round_ = i // len(colours)
        styles.append(CurveStyle(
            color=colours[i % len(colours)],
            linestyle=(0, dashes) if dashes else "-",
            marker=MARKERS[(round_ - 1) % len(MARKERS)] if round_ else None,
            width=max(THINNEST, 1.0 - THINNING * i),
            zorder=3.0 + 0.01 * i,
        ))
    return styles
