"""The colours of the two themes, shared by the pictures (:mod:`actviz.plotting`) and
the character plots (:mod:`actviz.terminal`): plain data, no drawing library."""

from __future__ import annotations

from .errors import ActvizError

THEMES = {
    "light": {"figure.facecolor": "white", "axes.facecolor": "white", "text.color": "#222222",
              "axes.edgecolor": "#444444", "axes.labelcolor": "#222222", "xtick.color": "#444444",
              "ytick.color": "#444444", "grid.color": "#d0d0d0", "legend.facecolor": "white"},
    "dark": {"figure.facecolor": "#15181e", "axes.facecolor": "#15181e", "text.color": "#e8e8e8",
             "axes.edgecolor": "#9aa0a6", "axes.labelcolor": "#e8e8e8", "xtick.color": "#c0c4c8",
             "ytick.color": "#c0c4c8", "grid.color": "#3a3f47", "legend.facecolor": "#20242b"},
}
"""Each theme's matplotlib rcParams colours."""

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


def theme_rc(theme: str) -> dict[str, str]:
    """The rcParams colours of a theme (``light`` or ``dark``)."""
    try:
        return THEMES[theme]
    except KeyError:
        raise ActvizError(f"unknown theme '{theme}': expected one of {', '.join(THEMES)}") from None


def palette(theme: str) -> tuple[str, ...]:
    """The line colours of ``theme``, in the order curves get them."""
    theme_rc(theme)  # validates the name
    return PALETTES[theme]


def accent(theme: str, role: str) -> str:
    """A theme's colour for ``role``: ``shade`` (saturated region) or ``origin`` (axes through 0)."""
    theme_rc(theme)
    return ACCENTS[theme][role]


def ink(theme: str) -> str:
    """The theme's text colour, for the one curve that matters."""
    return theme_rc(theme)["text.color"]
