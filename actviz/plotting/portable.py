"""What makes a picture look the same outside matplotlib and under anyone's rcParams:
text in fonts every browser and slide program has, math rewritten for one Unicode font,
and distinct SVG ids. Imports matplotlib only inside its functions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# Fonts every browser and slide program has, or a close metric twin of one: an SVG
# names them and keeps text editable. Math is laid out by mathtext in the same font
# with no fallback, so every glyph (′, √, φ, Φ, ·) is a Unicode character of DejaVu
# Sans: the "dejavusans" fontset takes the prime from cmsy10 and radicals from
# STIXSizeOneSym, fonts only matplotlib has, which a browser shows as "f⁰" and "□".
PORTABLE_FONTS = ("DejaVu Sans", "Liberation Sans", "Arial", "Helvetica")
FONT_RC = {
    "font.family": "sans-serif", "font.sans-serif": list(PORTABLE_FONTS), "mathtext.fontset": "custom",
    "mathtext.rm": "DejaVu Sans", "mathtext.it": "DejaVu Sans:italic", "mathtext.bf": "DejaVu Sans:bold",
    "mathtext.sf": "DejaVu Sans", "mathtext.cal": "DejaVu Sans", "mathtext.tt": "DejaVu Sans Mono",
    "mathtext.bfit": "DejaVu Sans:bold:italic", "mathtext.fallback": None, "svg.fonttype": "none",
}
_PRIMES = {1: "′", 2: "″", 3: "‴"}
_MATH = re.compile(r"\$[^$]*\$")
_LETTER_PRIMES = re.compile(r"(?<![\\A-Za-z])([A-Za-z])('+)")  # f' but not \sigma' or \mathrm{GELU}'


def portable_math(text: str) -> str:
    """``text`` with its mathtext (between ``$``) rewritten for one Unicode font:
    primes as the characters ′ ″ ‴ at the baseline (mathtext would raise a
    superscript U+2032 to a speck), a thin space between a one-letter name and its
    primes (the hook of an italic f covered the prime: f′(x) read as f(x) on a rotated
    axis label), and the indicator 𝟙 as a bold 1 (no common font has a blackboard-bold one)."""
    def rewrite(math: re.Match) -> str:
        body = _LETTER_PRIMES.sub(r"\1\\,\2", math.group())
        body = re.sub(r"'+", lambda primes: _PRIMES.get(len(primes.group()), "′" * len(primes.group())), body)
        return body.replace(r"\mathbb{1}", r"\mathbf{1}")

    return _MATH.sub(rewrite, text)


def own_artists(artist):  # noqa: ANN001, ANN202  (matplotlib artists)
    """``artist`` and every artist inside it, like ``findobj``, except axis ticks:
    matplotlib makes and labels those anew at each draw, so they hold nothing set
    before saving, and listing them (``Axis.get_children``) would make every tick
    and run the tick locators once more (a tenth of a gallery picture's time)."""
    from matplotlib.axis import Axis

    yield artist
    children = (artist.label, artist.offsetText) if isinstance(artist, Axis) else artist.get_children()
    for child in children:
        yield from own_artists(child)


def portable_text(fig: Figure) -> Figure:
    """Rewrite every text of ``fig`` (but the ticks', made at draw time) with :func:`portable_math`."""
    from matplotlib.text import Text

    for text in (artist for artist in own_artists(fig) if isinstance(artist, Text)):
        content = text.get_text()
        if "$" in content:
            text.set_text(portable_math(content))
    return fig


@contextmanager
def distinct_gids(fig: Figure) -> Iterator[Figure]:
    """Within this block every artist's gid is unique (``curve``, ``curve-2``,
    ...): an SVG writes gids as ``id`` attributes, which must not repeat. The
    plain roles (``curve``, ``open``) that tests and callers look for come back after."""
    renamed, seen = [], {}
    for artist in (artist for artist in own_artists(fig) if artist.get_gid() is not None):
        gid = artist.get_gid()
        seen[gid] = seen.get(gid, 0) + 1
        if seen[gid] > 1:
            renamed.append((artist, gid))
            artist.set_gid(f"{gid}-{seen[gid]}")
    try:
        yield fig
    finally:
        for artist, gid in renamed:
            artist.set_gid(gid)
