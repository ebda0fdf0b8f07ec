"""The Agg canvas actviz draws its PNGs on: one renderer per thread and picture size,
kept from one figure to the next, and opaque pictures written as RGB.

Why not matplotlib's own ``FigureCanvasAgg``: each new canvas makes a new renderer,
and matplotlib caches text extents and parsed mathtext *per renderer*, so every
picture measured and parsed ``$x$``, ``$f(x)$``, ``$f'(x)$`` and its tick labels
anew (pyparsing's mathtext parser: ~10 ms a formula). Keeping the renderer keeps
those caches; what a figure draws does not depend on it (``draw`` clears it first).
Drawing is not thread-safe in matplotlib, so each thread keeps its own.

A PNG without any transparent pixel (every picture with its own background) is
stored as RGB: the same pixels as matplotlib's RGBA file, a quarter fewer bytes
to compress, written by :mod:`.png` (a third of Pillow's time).
"""

from __future__ import annotations

import os
import threading
import warnings

import matplotlib as mpl
import numpy as np
from matplotlib import cbook
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg

from .png import write_rgb_png

_KEPT = threading.local()


def _forget_renderer() -> None:
    _KEPT.renderer = None


# matplotlib empties its font cache in a forked child (font_manager registers
# _get_font.cache_clear at fork), so the fonts a renderer inherited from the parent
# have been replaced: mathtext cached on it drew with the old font objects and
# FreeType failed ("FT_Load_Glyph ... too many hints") in a gallery worker forked
# after the test suite had drawn in its parent. The child starts with a new renderer.
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_renderer)


_COLOUR_ONLY = {"text.color"}
"""Text settings that only colour the glyphs, applied when they are drawn: the light and dark
themes differ in it alone, and keying on it replaced the renderer at every change of theme."""


def _text_settings() -> tuple:
    """The rcParams that text extents and parsed mathtext depend on: matplotlib's caches on a
    renderer are keyed by the text and its font properties only, which was right for one
    figure's draw but not across figures drawn under other settings (the fuzzed command lines
    run before the gallery test in one process changed its saturation sheet's pixels)."""
    with warnings.catch_warnings():  # reading a deprecated parameter (text.hinting_factor) warns
        warnings.simplefilter("ignore", mpl.MatplotlibDeprecationWarning)
        return tuple((name, repr(value)) for name, value in sorted(mpl.rcParams.items())
                     if name.startswith(("font.", "mathtext.", "text.")) and name not in _COLOUR_ONLY)


def kept_renderer(width: int, height: int, dpi: float) -> RendererAgg:
    """This thread's renderer of ``width`` x ``height`` pixels at ``dpi``: the one it
    used last if that has this size and :func:`_text_settings`, else a new one (which replaces it: a gallery
    draws at one size, and a renderer holds 4 bytes a pixel)."""
    key = (width, height, dpi, _text_settings())
    kept = getattr(_KEPT, "renderer", None)
    if kept is None or kept[0] != key:
        kept = (key, RendererAgg(width, height, dpi))
        _KEPT.renderer = kept
    return kept[1]


class KeptRendererCanvas(FigureCanvasAgg):
    """``FigureCanvasAgg`` drawing on :func:`kept_renderer`, writing opaque PNGs as RGB."""

    def get_renderer(self) -> RendererAgg:
        width, height = self.get_width_height(physical=True)
        self.renderer = kept_renderer(width, height, self.figure.dpi)
        self._lastKey = (width, height, self.figure.dpi)  # matplotlib's own record of the renderer's size
        return self.renderer

    def print_png(self, filename_or_obj, *, metadata=None, pil_kwargs=None, **_applied) -> None:  # noqa: ANN001, ANN003
        """As ``FigureCanvasAgg.print_png``, but RGB where every pixel is opaque. ``savefig``
        passes a canvas outside matplotlib its own arguments too (``dpi``, ``facecolor``...):
        by now it has applied them to the figure."""
        from PIL import Image

        FigureCanvasAgg.draw(self)
        rgba = np.asarray(self.buffer_rgba())
        if rgba[..., 3].min() < 255 or pil_kwargs:
            mpl.image.imsave(filename_or_obj, rgba, format="png", origin="upper", dpi=self.figure.dpi,
                             metadata=metadata, pil_kwargs=pil_kwargs)
            return
        # the text chunks matplotlib's imsave writes
        text = {"Software": f"Matplotlib version{mpl.__version__}, https://matplotlib.org/", **(metadata or {})}
        with cbook.open_file_cm(filename_or_obj, "wb") as stream:
            # Pillow drops the alpha channel 2.5x faster than NumPy copies the strided RGB
            rgb = np.asarray(Image.fromarray(rgba).convert("RGB"))
            write_rgb_png(stream, rgb, self.figure.dpi,
                          {key: value for key, value in text.items() if value is not None})
