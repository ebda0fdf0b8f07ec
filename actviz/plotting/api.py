"""The public plotting API behind :mod:`actviz.plot`, in seaborn's shape.

Axes-level functions (:func:`curve`, :func:`saturation`, :func:`propagation`) draw on
``ax`` (pyplot's current axes ``plt.gca()`` when None, so a notebook shows the result)
and return it; figure-level functions (:func:`plot`, :func:`compare`,
:func:`saturation_figure`) compose the same drawing into a new
:class:`~matplotlib.figure.Figure` of matplotlib's default size (or ``size``) and
return it. Colours come from the active theme (:func:`~actviz.plotting.style.theme`,
a context manager). Every function takes activations as objects or as spec strings.

Fonts: a figure made here is a :class:`~actviz.plotting.self_styled.SelfStyledFigure`,
drawn in actviz's fonts (math in DejaVu Sans) by ``fig.savefig``, Jupyter and
``plt.show()`` alike, as :func:`~actviz.plotting.export.save_figure` draws it. The
axes-level functions on an axes of your own figure set their labels (``$f'(x)$``) in
the fonts of that axes, i.e. your rcParams when you made it, like any matplotlib text:
they draw the same wherever the figure is drawn, and ``save_figure`` of your figure
writes the primes as the character ′ (matplotlib's fontsets draw it without a warning).
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..analysis.pointwise import PICTURES_NEED_POINTWISE, require_pointwise
from ..analysis.saturation import DEFAULT_RANGE as SATURATION_RANGE
from ..analysis.saturation import DEFAULT_THRESHOLD, WIDE_RANGE, saturation_sets
from ..specs import get
from .curves import draw_curve, label_axes, resolve_axes
from .figures import DEFAULT_RANGE, compare_figure, plot_figure
from .saturation import draw_dead_zones, draw_log_derivative, log_limits
from .saturation import saturation_figure as _saturation_figure
from .style import FigureSize, accent, current_theme, palette, parse_size

SpecOrActivation = object
"""A spec string (``"elu:alpha=0.5"``, a formula in x) or an :class:`~actviz.Activation`."""


def _activation(spec_or_act: SpecOrActivation):  # noqa: ANN202  (an Activation)
    act = get(spec_or_act) if isinstance(spec_or_act, str) else spec_or_act
    require_pointwise(act, PICTURES_NEED_POINTWISE)
    return act


def _activations(specs: Sequence[SpecOrActivation]) -> list:
    return [_activation(spec) for spec in specs]


def _size(size: str | FigureSize | None) -> FigureSize | None:
    """``"slide"``, ``"paper"``, ``"square"``, ``"WxH"`` pixels or a FigureSize; None keeps matplotlib's defaults."""
    return parse_size(size) if isinstance(size, str) else size


def _next_color(ax: Axes) -> str:
    """The theme's next palette colour on ``ax``: the first not yet used by a curve there."""
    used = {line.get_color() for line in ax.lines if line.get_gid() == "curve"}
    colors = palette(current_theme())
    return next((c for c in colors if c not in used), colors[len(used) % len(colors)])


def curve(spec_or_act: SpecOrActivation, order: int = 0, *, ax: Axes | None = None,
          x_range: tuple[float, float] = DEFAULT_RANGE, color: str | None = None, label: str | None = None,
          asymptotes: bool = True) -> Axes:
    """Draw f (``order=0``), f' (1) or f'' (2) on ``ax`` (default ``plt.gca()``) over
    ``x_range``, honestly: jumps as separate pieces with open and closed dots, kinks
    sharp, finite asymptotes dashed. The colour is the theme's next unused one, the
    label the activation's; returns the axes.

    >>> ax = actviz.plot.curve("gelu"); actviz.plot.curve("relu", ax=ax); ax.legend()
    """
    act = _activation(spec_or_act)
    ax = resolve_axes(ax)
    draw_curve(act, order, lo=x_range[0], hi=x_range[1], ax=ax, color=color or _next_color(ax),
               label=act.label if label is None else label, asymptotes=asymptotes)
    return label_axes(ax, order)


def saturation(spec_or_act: SpecOrActivation, threshold: float = DEFAULT_THRESHOLD, *, ax: Axes | None = None,
               x_range: tuple[float, float] = WIDE_RANGE, color: str | None = None, label: str | None = None) -> Axes:
    """|f'| on a log y-axis over ``x_range`` (down to the smallest double, the axis in whole
    decades from the smallest value of the curves on it to the largest), the
    ``threshold`` of saturation dotted and the dead zone (f' = 0) as a bar along the
    bottom, on ``ax`` (default ``plt.gca()``); returns the axes. The shares of a
    Gaussian input are in :func:`saturation_figure` and
    :func:`actviz.analysis.saturation.saturation_sets`."""
    act = _activation(spec_or_act)
    ax = resolve_axes(ax)
    color = color or _next_color(ax)
    sets = saturation_sets(act, threshold)
    rows = sum(line.get_gid() == "dead" for line in ax.lines)
    draw_log_derivative(act, lo=x_range[0], hi=x_range[1], ax=ax, color=color,
                        label=act.label if label is None else label)
    ax.axhline(sets.threshold, color=accent(current_theme(), "shade"), linestyle=":", zorder=1.5, gid="threshold")
    draw_dead_zones(sets.dead, ax=ax, row=rows, color=color)
    log_limits(ax, sets.threshold, full=True)  # whole decades around every curve (autoscaling added 16 above)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$|f'(x)|$")
    return ax


def propagation(spec_or_act: SpecOrActivation, *, depth: int = 50, width: int = 256, batch: int = 64,
                init: str | None = None, sigma_w2: float | None = None, sigma_b2: float | None = None,
                seed: int = 0, ax: Axes | None = None) -> Axes:
    """The gradient norm through a deep random stack of ``depth`` layers of ``width``
    units (``init`` a scheme such as ``"he"`` or explicit ``sigma_w2``/``sigma_b2``;
    default: σ_w² = 1, σ_b² = 0), measured solid with the mean-field theory dashed, on
    ``ax`` (default ``plt.gca()``); returns the axes (``actviz decay`` draws more)."""
    from ..propagation import profile, resolve_init, simulate
    from .propagation import gradient_axes

    act = _activation(spec_or_act)
    chosen = resolve_init(act, init, 1.0 if init is None and sigma_w2 is None else sigma_w2, sigma_b2)
    run = simulate(act, depth=depth, width=width, batch=batch, sigma_w2=chosen.sigma_w2, sigma_b2=chosen.sigma_b2,
                   weights=chosen.weights, seed=seed)
    predicted = profile(act, chosen.sigma_w2, chosen.sigma_b2, run.top, q0=run.q[0])
    return gradient_axes([run], [predicted], resolve_axes(ax))


def plot(*specs: SpecOrActivation, derivative: bool = False, second: bool = False,
         x_range: tuple[float, float] = DEFAULT_RANGE, ylim: tuple[float, float] | None = None,
         dylim: tuple[float, float] | None = None, size: str | FigureSize | None = None) -> Figure:
    """A figure of f for each activation, with f' (``derivative``) and f'' and f'
    (``second``) in panels beside it (what ``actviz plot`` draws); the formulas are
    the titles of a single activation's panels; ``ylim``/``dylim`` bound the f and
    f' panels. Returns the Figure."""
    return plot_figure(_activations(specs), derivative=derivative, second=second, lo=x_range[0], hi=x_range[1],
                       ylim=ylim, dylim=dylim, size=_size(size))


def compare(*specs: SpecOrActivation, x_range: tuple[float, float] = DEFAULT_RANGE,
            ylim: tuple[float, float] | None = None, dylim: tuple[float, float] | None = None,
            size: str | FigureSize | None = None, title: str | None = None) -> Figure:
    """The activations overlaid (top) and their derivatives (below), one style each
    (what ``actviz compare`` draws; ``ylim``/``dylim`` bound the panels). Returns the Figure."""
    return compare_figure(_activations(specs), lo=x_range[0], hi=x_range[1], ylim=ylim, dylim=dylim, size=_size(size),
                          title=title)


def saturation_figure(*specs: SpecOrActivation, threshold: float = DEFAULT_THRESHOLD, sigma: float | None = None,
                      x_range: tuple[float, float] | None = None, full: bool = False,
                      size: str | FigureSize | None = None, title: str | None = None) -> Figure:
    """|f'| on a log axis with the saturated band shaded and the dead zones marked,
    beside the share of z ~ N(0, σ²) saturated or dead as σ runs from 0.1 to 10
    (what ``actviz saturation`` draws; ``sigma`` marks one σ). ``x_range`` defaults
    to [-10, 10], or with ``full`` to [-40, 40] and |f'| down to its smallest value.
    Returns the Figure."""
    acts = _activations(specs)
    sets = [saturation_sets(act, threshold) for act in acts]
    lo, hi = x_range or (WIDE_RANGE if full else SATURATION_RANGE)
    return _saturation_figure(acts, sets, sigma=sigma, lo=lo, hi=hi, full=full, size=_size(size), title=title)


def png(act, size: str | FigureSize = "paper") -> bytes:  # noqa: ANN001
    """The PNG of :func:`plot` of ``act`` with its derivative (a notebook's picture of it)."""
    from .export import figure_bytes

    return figure_bytes(plot(act, derivative=True, size=size), "png")
