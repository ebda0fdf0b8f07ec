"""Pictures of the activations that are not pointwise.

softmax: probabilities as bars, a temperature sweep, the Jacobian as a heat
map and the two-logit case over the sigmoid of the difference. GLU variants:
a heat map of f(a, b) with contours, and the diagonal a = b = x as a curve.
maxout: the convex envelope over its pieces, drawn faintly. PReLU and RReLU:
the band of curves over the slope range, the evaluation-mode curve solid.

Axes-level functions take ``ax=None`` and return the axes; the ``*_figure``
builders compose them on :func:`~actviz.plotting.style.new_figure`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import TwoSlopeNorm
from matplotlib.figure import Figure

from ..analysis.vector import band_edges, check_extent, maxout_range, temperature_probabilities, two_logits
from ..specs import get
from ..catalog.glu import GatedLinearUnit
from ..catalog.vector import Maxout, SlopeBand, Softmax
from ..errors import ActvizError
from .curves import draw_origin_axes, resolve_axes
from .style import FigureSize, accent, colors, current_theme, ink, new_figure, palette, parse_size, themed

# Signed maps: red positive, blue negative, and zero in the theme's own background
# (white in light, near black in dark: no white block on a dark slide).
_DIVERGING = {"light": "RdBu_r", "dark": "berlin"}
_ON_MAP = {"light": ("#222222", "white"), "dark": ("#e8e8e8", "#15181e")}  # (on the middle, on the ends)


def _on_map(strong: bool = False) -> str:
    """The colour of lines and text on a signed map: on its middle, or (``strong``) on its ends."""
    return _ON_MAP[current_theme()][1 if strong else 0]


def _faint(theme: str) -> str:
    """The theme's grey, for pieces, reference curves and marker lines."""
    return accent(theme, "shade")


def _single_panel(draw: Callable[[Axes], Axes], size: FigureSize | None, theme: str | None) -> Figure:
    """A figure of ``size`` (default: slide) with one axes, drawn on by ``draw`` in ``theme``."""
    size = size or parse_size("slide")
    fig = new_figure(size, theme)
    with themed(size, theme):
        draw(fig.subplots())
    return fig


def _signed_map(ax: Axes, values: np.ndarray, label: str, **imshow: object) -> float:
    """``values`` as an image in the theme's diverging map, its background colour at 0
    and symmetric, with a colour bar named ``label``; returns max |value|."""
    limit = float(np.max(np.abs(values))) or 1.0
    image = ax.imshow(values, cmap=_DIVERGING[current_theme()], norm=TwoSlopeNorm(0.0, -limit, limit), **imshow)
    ax.grid(False)
    ax.figure.colorbar(image, ax=ax, shrink=0.85, label=label)
    return limit


def round_levels(limit: float, most: int = 10) -> np.ndarray:
    """Contour levels at round numbers (1, 2, 2.5, 5 times a power of ten) inside
    ``(-limit, limit)``, at most ``most``, without 0 (a flat zero region has no contour)."""
    from matplotlib.ticker import MaxNLocator

    levels = MaxNLocator(nbins=most, steps=[1, 2, 2.5, 5, 10]).tick_values(-limit, limit)
    return levels[(np.abs(levels) < limit) & (levels != 0)]


def _signed(value: float, spec: str) -> str:
    """``value`` formatted with a typographic minus, and a plain 0 for what rounds to ±0."""
    text = format(value, spec)
    return "0" if float(text) == 0 else text.replace("-", "\N{MINUS SIGN}")


# -- softmax -----------------------------------------------------------------------------------


ANNOTATED_BARS = 8  # up to this many logits every bar gets its numbers; beyond, the largest that fit
MOST_TICKS = 16  # tick labels along an axis of logits, thinned beyond
LEGEND_LOGITS = 6  # the temperature sweep's legend names the largest this many


def _short(value: float) -> str:
    """A number in at most 3 significant digits, short scientific form when large or
    small (``1e+308``, not 309 digits), with a typographic minus."""
    return _signed(value, ".3g")


def _math_number(value: float) -> str:
    """``value`` to 3 digits as mathtext: ``1.5``, ``10^{308}``, ``2.5\\times10^{-7}``."""
    text = f"{value:.3g}"
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    power = f"10^{{{int(exponent)}}}"
    if mantissa in ("1", "-1"):
        return mantissa[:-1] + power
    return rf"{mantissa}\times{power}"


def _logit_labels(logits: np.ndarray) -> list[str]:
    return [f"$z_{{{i + 1}}} = {_math_number(z)}$" for i, z in enumerate(logits)]


def _thinned_ticks(ax: Axes, n: int, axis: str = "x", labels: list[str] | None = None) -> None:
    """Ticks 1..n (or ``labels``) on ``axis``, every k-th of them when there are more than :data:`MOST_TICKS`."""
    step = -(-n // MOST_TICKS)
    shown = list(range(0, n, step))
    names = labels if labels is not None and step == 1 else [str(i + 1) for i in range(n)]
    (ax.set_xticks if axis == "x" else ax.set_yticks)(shown, [names[i] for i in shown])


def annotated_bars(probabilities: np.ndarray, room: int) -> list[int]:
    """The bars to write numbers over: all of them when ``room`` >= 1 (each label fits
    over its own bar), else the largest first, each at least ``room`` bars from every
    one chosen before, so no two labels overlap."""
    order = np.argsort(-probabilities, kind="stable")
    if room <= 1:
        return sorted(order.tolist())
    chosen: list[int] = []
    for i in order.tolist():
        if all(abs(i - j) >= room for j in chosen):
            chosen.append(i)
    return sorted(chosen)


def softmax_bars(softmax: Softmax, logits: object, ax: Axes | None = None) -> Axes:
    r"""Bars of :math:`p_i = \mathrm{softmax}(z/T)_i` (or the probabilities of softmax's relatives:
    softmin, sparsemax, entmax15, log-softmax's exp), labelled with p and log p where the labels
    fit (every bar up to 8 logits, then the largest ones with room), ticks thinned beyond 16
    logits, numbers in short form."""
    ax = resolve_axes(ax)
    z = np.asarray(logits, dtype=float)
    p, log_p = softmax.probabilities(z), softmax.log(z)
    bars = ax.bar(np.arange(z.size), p, color=colors(current_theme(), z.size), width=0.65)
    fontsize = 0.7 * mpl.rcParams["font.size"]
    slot = ax.get_position().width * ax.figure.get_figwidth() * 72 / z.size  # points per bar
    room = 1 if z.size <= ANNOTATED_BARS else int(np.ceil(5 * 0.6 * fontsize / slot))
    for i in annotated_bars(p, room):
        bar = bars[i]
        text = f"{p[i]:.3f}\nlog {_short(log_p[i])}" if z.size <= ANNOTATED_BARS else f"{_short(p[i])}"
        ax.annotate(text, (bar.get_x() + bar.get_width() / 2, p[i]), xytext=(0, 4), textcoords="offset points",
                    ha="center", va="bottom", fontsize=fontsize, gid="bar-label")
    _thinned_ticks(ax, z.size, labels=_logit_labels(z) if z.size <= ANNOTATED_BARS else None)
    if z.size > ANNOTATED_BARS:
        ax.set_xlabel("logit $i$")
    ax.set_ylim(0.0, 1.3)
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.set_ylabel("probability")
    ax.set_title(f"{softmax.name}(z / T), T = {softmax.params['temperature']:g}")
    ax.grid(axis="x", visible=False)
    return ax


def temperature_sweep(softmax: Softmax, logits: object, ax: Axes | None = None,
                      low: float = 0.1, high: float = 10.0, count: int = 241) -> Axes:
    """Each probability as T runs over [low, high] (log scale), one style per logit;
    the chosen T dashed; a legend of the largest six logits."""
    from .linestyles import curve_styles

    ax = resolve_axes(ax)
    z = np.asarray(logits, dtype=float)
    temperatures, probabilities = temperature_probabilities(softmax, z, low, high, count)
    faint = _faint(current_theme())
    largest = set(np.argsort(-z, kind="stable")[:LEGEND_LOGITS].tolist())
    width = mpl.rcParams["lines.linewidth"]
    for i, (label, style) in enumerate(zip(_logit_labels(z), curve_styles(current_theme(), z.size))):
        look = style.line_kwargs(width)
        look.pop("marker", None), look.pop("markevery", None), look.pop("markersize", None)
        ax.plot(temperatures, probabilities[:, i], label=label if i in largest else None, **look)
    ax.axvline(softmax.params["temperature"], color=faint, linestyle="--", linewidth=1.5)
    ax.axhline(1.0 / z.size, color=faint, linestyle=":", linewidth=1.5, label=f"1/n = {1 / z.size:.3g}")
    ax.set_xscale("log")
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("temperature T")
    ax.set_ylabel("probability")
    ax.set_title("temperature: T → 0 one-hot, T → ∞ uniform")
    title = None if z.size <= LEGEND_LOGITS else f"the {LEGEND_LOGITS} largest of {z.size}"
    ax.legend(loc="upper right", fontsize="small", title=title, title_fontsize="small", ncols=2 if z.size > 3 else 1)
    return ax


def jacobian_map(softmax: Softmax, logits: object, ax: Axes | None = None) -> Axes:
    r"""The Jacobian :math:`\partial p_i/\partial z_j` as a signed heat map, values written in when n <= 8."""
    ax = resolve_axes(ax)
    z = np.asarray(logits, dtype=float)
    jacobian = softmax.jacobian(z)
    extent = _signed_map(ax, jacobian, r"$\partial p_i / \partial z_j$", aspect="auto")
    if z.size <= 8:
        for (i, j), value in np.ndenumerate(jacobian):
            strong = abs(value) > 0.6 * extent
            ax.text(j, i, _signed(value, ".3f"), ha="center", va="center", fontsize=0.65 * mpl.rcParams["font.size"],
                    color=_on_map(strong))
    _thinned_ticks(ax, z.size, "x")
    _thinned_ticks(ax, z.size, "y")
    ax.set_xlabel("logit $j$")
    ax.set_ylabel("probability $i$")
    if softmax.name == "softmax":
        ax.set_title(r"Jacobian $\partial p_i / \partial z_j = p_i(\delta_{ij} - p_j)/T$")
    else:
        ax.set_title(f"Jacobian of {softmax.name}: " + r"$\partial y_i / \partial z_j$")
    return ax


def two_logit_curve(softmax: Softmax, ax: Axes | None = None, half_width: float = 8.0) -> Axes:
    r"""softmax([x, 0])_0 over the logit difference x, with :math:`\sigma(x/T)` drawn over it."""
    ax = resolve_axes(ax)
    x, first, sigmoid = two_logits(softmax, half_width)
    theme = current_theme()
    plain = softmax.name == "softmax"
    ax.plot(x, first, color=palette(theme)[0], linewidth=2.2 * mpl.rcParams["lines.linewidth"], alpha=0.45,
            label=r"$\mathrm{softmax}([z_1, z_2])_1$" if plain else f"{softmax.name}([z₁, z₂])₁")
    ax.plot(x, sigmoid, color=ink(theme), linestyle="--",
            label=r"$\sigma((z_1 - z_2)/T)$" if plain else "closed form in z₁ − z₂")
    draw_origin_axes(ax)
    ax.set_xlabel("$z_1 - z_2$")
    ax.set_ylabel("$p_1$" if softmax.name != "log_softmax" else r"$\log p_1$")
    ax.set_title("two logits: the sigmoid of the difference" if plain else "two logits: a function of the difference")
    ax.legend(loc="upper left" if plain else "best")
    return ax


def softmax_figure(logits: object, temperature: float = 1.0, size: FigureSize | None = None,
                   theme: str | None = None, kind: str = "softmax") -> Figure:
    """The four softmax panels: bars, temperature sweep, Jacobian, two-logit case; ``kind`` draws
    one of softmax's relatives instead (log_softmax, softmin, sparsemax, entmax15)."""
    size = size or parse_size("slide")
    softmax = get(kind, temperature=temperature)
    z = np.asarray(logits, dtype=float)
    if z.ndim != 1 or z.size < 2 or not np.isfinite(z).all():
        raise ActvizError(f"softmax figure needs at least two finite logits, got {z.tolist()}")
    fig = new_figure(size, theme)
    # two rows of two: panels half as wide and high as the figure, so fonts 15% smaller keep the titles inside
    with themed(replace(size, fontsize=0.85 * size.fontsize), theme):
        (bars, sweep), (jacobian, pair) = fig.subplots(2, 2)
        softmax_bars(softmax, z, bars)
        temperature_sweep(softmax, z, sweep)
        jacobian_map(softmax, z, jacobian)
        two_logit_curve(softmax, pair)
        fig.suptitle(f"${softmax.latex}$")
    return fig


# -- the GLU family ----------------------------------------------------------------------------


def glu_heatmap(glu: GatedLinearUnit, ax: Axes | None = None, extent: float = 3.0, count: int = 301) -> Axes:
    """f(a, b) over the square [-extent, extent]², signed colours, labelled contours, the diagonal dashed."""
    ax = resolve_axes(ax)
    grid = np.linspace(-extent, extent, count)
    a, b = np.meshgrid(grid, grid, indexing="xy")
    values = glu(a, b)
    limit = _signed_map(ax, values, f"{glu.name}$(a, b)$", origin="lower", extent=(-extent, extent, -extent, extent),
                        interpolation="bilinear")
    contours = ax.contour(a, b, values, levels=round_levels(limit), colors=_on_map(), linewidths=1.0, alpha=0.7)
    ax.clabel(contours, fmt=lambda v: _signed(v, ".2g"), fontsize=0.5 * mpl.rcParams["font.size"])
    ax.plot(grid, grid, color=_on_map(), linestyle="--", linewidth=1.8, label="diagonal a = b")
    ax.set_xlabel("value $a$")
    ax.set_ylabel("gate input $b$")
    ax.set_title(f"${glu.latex}$")
    return ax


def glu_diagonal(glu: GatedLinearUnit, ax: Axes | None = None, extent: float = 3.0) -> Axes:
    r"""The diagonal :math:`x\,g(x)` solid, the gate :math:`g(x)` dashed, on [-extent, extent]."""
    ax = resolve_axes(ax)
    x = np.linspace(-extent, extent, 601)
    theme = current_theme()
    diagonal = glu.curve()
    ax.plot(x, glu.gate_activation()(x), color=_faint(theme), linestyle="--",
            label=f"gate ${glu.gate_symbol}(x)$" if glu.gate_symbol else "gate $g(x) = x$")
    ax.plot(x, diagonal(x), color=palette(theme)[0], label=f"${diagonal.latex}$")
    draw_origin_axes(ax)
    ax.set_xlabel("$x = a = b$")
    ax.set_title("the diagonal a = b = x")
    ax.legend(loc="best")
    return ax


def glu_figure(glu: GatedLinearUnit, size: FigureSize | None = None, theme: str | None = None,
               extent: float = 3.0) -> Figure:
    """Heat map of f(a, b) next to its diagonal slice."""
    check_extent(extent)
    size = size or parse_size("slide")
    fig = new_figure(size, theme)
    with themed(size, theme):
        heat, slice_ = fig.subplots(1, 2, width_ratios=(1.15, 1.0))
        glu_heatmap(glu, heat, extent)
        glu_diagonal(glu, slice_, extent)
        fig.suptitle(f"{glu.label}: a gated linear unit f(a, b) = a · g(b)", fontweight="bold")
    return fig


# -- maxout ------------------------------------------------------------------------------------


def _finish_curve_panel(ax: Axes, low: float, high: float, title: str) -> Axes:
    """x over [low, high], the axes through the origin, the x label, ``title`` and the legend."""
    ax.set_xlim(low, high)
    draw_origin_axes(ax)
    ax.set_xlabel("$x$")
    ax.set_title(title)
    ax.legend(loc="best")
    return ax


def maxout_pieces(maxout: Maxout, ax: Axes | None = None) -> Axes:
    r"""The pieces :math:`w_j x + b_j` faint, the envelope :math:`\max_j` solid, breakpoints as dots."""
    ax = resolve_axes(ax)
    theme = current_theme()
    low, high = maxout_range(maxout)
    x = np.linspace(low, high, 801)
    pieces = maxout.pieces_at(x)
    curve = maxout.curve()
    envelope = curve(x)
    for j in range(pieces.shape[-1]):
        ax.plot(x, pieces[:, j], color=_faint(theme), linewidth=1.5, alpha=0.8,
                label="pieces $w_j x + b_j$" if j == 0 else None, zorder=2)
    ax.plot(x, envelope, color=palette(theme)[0], label=r"$\max_j\,(w_j x + b_j)$", zorder=3)
    kinks = np.array([k.x for k in curve.kinks])
    if kinks.size:
        ax.plot(kinks, curve(kinks), "o", color=palette(theme)[1], label="breakpoints", zorder=4)
    spread = float(np.ptp(envelope)) or 1.0
    ax.set_ylim(float(envelope.min()) - 0.6 * spread, float(envelope.max()) + 0.15 * spread)
    return _finish_curve_panel(ax, low, high, f"{maxout.label}: the largest of {pieces.shape[-1]} affine pieces")


def maxout_figure(maxout: Maxout, size: FigureSize | None = None, theme: str | None = None) -> Figure:
    """One panel: maxout's convex curve over its faint pieces."""
    return _single_panel(lambda ax: maxout_pieces(maxout, ax), size, theme)


# -- PReLU / RReLU slope bands -------------------------------------------------------------------


def slope_band_curves(band: SlopeBand, ax: Axes | None = None, members: int = 9,
                      low: float = -4.0, high: float = 2.0) -> Axes:
    """The band between the lowest and highest slope, a few member curves, the evaluation curve solid."""
    ax = resolve_axes(ax)
    theme = current_theme()
    x = np.linspace(low, high, 601)
    ax.fill_between(x, *band_edges(band, x), color=palette(theme)[0],
                    alpha=0.22, linewidth=0, label=band.description)
    for slope in band.slopes(members):
        ax.plot(x, band.member(slope)(x), color=palette(theme)[0], linewidth=1.0, alpha=0.5)
    ax.plot(x, band.activation(x), color=ink(theme),
            label=f"evaluation mode: slope {band.evaluation_slope:.3g}")
    return _finish_curve_panel(ax, low, high, f"${band.activation.latex}$")


def band_figure(band: SlopeBand, size: FigureSize | None = None, theme: str | None = None) -> Figure:
    """One panel: the slope band of PReLU or RReLU."""
    return _single_panel(lambda ax: slope_band_curves(band, ax), size, theme)
