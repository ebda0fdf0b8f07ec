"""The Figure class of actviz's pictures: it draws in the fonts it was made with,
wherever and by whomever it is drawn.

matplotlib reads most of a text's look when the text is made (size, weight, colour,
the font family's *name*, the math fontset's *name*), but resolves a family name to a
font file, and the ``custom`` math fontset to its fonts (``mathtext.rm`` ...), from the
global rcParams *when the text is drawn*. actviz makes its figures inside
:func:`~actviz.plotting.style.themed` (DejaVu Sans, math in DejaVu Sans through the
``custom`` fontset with no fallback: see :data:`~actviz.plotting.portable.FONT_RC`); a
figure drawn outside that block (``fig.savefig``, Jupyter's inline backend,
``plt.show()``) took the math fonts from matplotlib's defaults instead: ``\\mathcal``
looked for a 'cursive' font, radicals and big parentheses had no glyph (matplotlib
logs both), and the picture was not the one ``actviz.plot.save`` and the command line
write. A :class:`SelfStyledFigure` keeps those settings from its creation and puts
them back (``matplotlib.rc_context``, so they are restored after) around everything
that lays out or draws it, so it comes out the same wherever it is rendered.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib as mpl
from matplotlib.figure import Figure

from .portable import FONT_RC, portable_text


class SelfStyledFigure(Figure):
    """A :class:`~matplotlib.figure.Figure` that lays itself out and draws under its own
    text settings, :attr:`text_rc`: the values of :data:`~actviz.plotting.portable.FONT_RC`'s
    keys (font families, the math fonts, ``svg.fonttype``) in effect when it was made,
    so ``fig.savefig`` (png, svg, pdf), ``fig.canvas.print_figure(...,
    bbox_inches="tight")`` (Jupyter's inline backend) and ``plt.show()`` draw it as
    :func:`actviz.plot.save` and the command line do. Each drawing also rewrites the math
    of its texts with :func:`~actviz.plotting.portable.portable_math` (primes as ′ ″ ‴),
    as saving it with actviz does. (A PDF from ``fig.savefig`` embeds the same glyphs as
    matplotlib's ``pdf.fonttype`` says, Type 3 by default; ``actviz.plot.save`` embeds
    TrueType fonts.)

    Your rcParams outside its drawing are left alone (the settings are applied with
    ``matplotlib.rc_context`` for the time of a draw or a measurement). Your own texts
    on such a figure (``ax.text``, ``ax.annotate``) draw under these settings too:
    one in the default family ``sans-serif`` is in DejaVu Sans (or the first
    :data:`~actviz.plotting.portable.PORTABLE_FONTS` present), while its math keeps the
    fontset that was in effect when you made it (matplotlib stores that name in the
    text's font); a prime in it becomes ′. Change :attr:`text_rc` to change what the
    figure draws with (e.g. ``fig.text_rc["svg.fonttype"] = "path"`` for glyphs as paths
    in an SVG).

    Every other rcParam is read as matplotlib always reads it: colours, sizes and
    line styles when an artist is made, rendering settings (hinting, antialiasing,
    path simplification) when it is drawn.
    """

    text_rc: dict[str, object]
    """The rcParams this figure lays itself out and draws under."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.text_rc = {name: mpl.rcParams[name] for name in FONT_RC}

    @contextmanager
    def own_text_style(self) -> Iterator[None]:
        """Within this block, the global rcParams hold :attr:`text_rc`; the math of the
        figure's texts is rewritten first (:func:`~actviz.plotting.portable.portable_text`)."""
        with mpl.rc_context(self.text_rc):
            portable_text(self)
            yield

    # Everything that measures or draws text: draw (savefig, print_figure, plt.show and
    # draw_without_rendering call it) and the two measurements a caller may make before a
    # draw (print_figure's bbox_inches="tight" measures after one, from its caches).
    def draw(self, renderer) -> None:  # noqa: ANN001  (a matplotlib renderer)
        """Draw as a Figure does, under :meth:`own_text_style`."""
        with self.own_text_style():
            super().draw(renderer)

    def get_tightbbox(self, renderer=None, **kwargs: object):  # noqa: ANN001, ANN201  (renderer, a Bbox)
        """The bounding box of what is drawn (``bbox_inches="tight"``), measured under :meth:`own_text_style`."""
        with self.own_text_style():
            return super().get_tightbbox(renderer, **kwargs)

    def tight_layout(self, **kwargs: object) -> None:
        """matplotlib's tight layout, its texts measured under :meth:`own_text_style`."""
        with self.own_text_style():
            super().tight_layout(**kwargs)


# matplotlib wraps Figure.draw to support rasterized artists, and marks the wrapper so that
# set_rasterized does not warn: the override calls that wrapper, so it supports them as well
SelfStyledFigure.draw._supports_rasterization = getattr(Figure.draw, "_supports_rasterization", False)
