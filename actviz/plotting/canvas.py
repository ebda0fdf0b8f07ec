"""The Agg canvas actviz writes its PNGs with: opaque pictures stored as RGB.

A PNG without any transparent pixel (every picture with its own background) is
stored as RGB: the same pixels as matplotlib's RGBA file, a quarter fewer bytes
to compress, and compressed at a lower level (:data:`PNG_COMPRESSION`).

(A renderer kept from one picture to the next, to keep matplotlib's per-renderer
caches of text extents and parsed mathtext, saved ~12% of a gallery picture but
made FreeType fail, "FT_Load_Glyph ... too many hints", when a forked gallery
worker drew mathtext after the test suite had drawn other figures in its parent
(the exact cause, likely cached glyphs outliving the state of matplotlib's shared
font objects, was not pinned down in time). Not kept.)
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg

PNG_COMPRESSION = 3
"""zlib level of the RGB PNGs (matplotlib leaves Pillow's 6). Measured on the 209 gallery
pictures: level 6 takes ~24 ms a picture for 66.7 kB, level 3 ~15 ms for 74.8 kB, as large
as matplotlib's RGBA files at level 6 (73.4 kB); below 3 they grow and are no faster."""


class OpaquePngCanvas(FigureCanvasAgg):
    """``FigureCanvasAgg`` writing opaque PNGs as RGB."""

    def print_png(self, filename_or_obj, *, metadata=None, pil_kwargs=None, **_applied) -> None:  # noqa: ANN001, ANN003
        """As ``FigureCanvasAgg.print_png``, but RGB where every pixel is opaque. ``savefig``
        passes a canvas outside matplotlib its own arguments too (``dpi``, ``facecolor``...):
        by now it has applied them to the figure."""
        from PIL import Image, PngImagePlugin

        FigureCanvasAgg.draw(self)
        rgba = np.asarray(self.buffer_rgba())
        if rgba[..., 3].min() < 255 or pil_kwargs:
            mpl.image.imsave(filename_or_obj, rgba, format="png", origin="upper", dpi=self.figure.dpi,
                             metadata=metadata, pil_kwargs=pil_kwargs)
            return
        info = PngImagePlugin.PngInfo()
        # the text chunks matplotlib's imsave writes
        for key, value in {"Software": f"Matplotlib version{mpl.__version__}, https://matplotlib.org/",
                           **(metadata or {})}.items():
            if value is not None:
                info.add_text(key, value)
        Image.fromarray(rgba[..., :3]).save(filename_or_obj, format="png", dpi=(self.figure.dpi,) * 2, pnginfo=info,
                                            compress_level=PNG_COMPRESSION)
