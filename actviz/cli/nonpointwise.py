"""``actviz softmax``, ``glu``, ``maxout`` and ``band``: the activations that are not
pointwise, each as a table on the terminal and a figure in a file (or a window with
``--show``). ``--terminal`` draws the curves with characters: the heat maps and bars
have no character rendering, their numbers are in the table (see
:mod:`actviz.terminal.vector`)."""

from __future__ import annotations

import math
from typing import Annotated

import numpy as np
import typer

from .. import registry
from ..errors import ActvizError
from ..formats.numbers import format_number
from ..specs import get
from .base import app
from .data import DATA, DataFormatOpt, output_mode, picture_output, print_data
from .output import Output, with_output_options, write

_SLICE_POINTS = (-3.0, -2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 3.0)
SIMPLEX_KINDS = ("softmax", "log_softmax", "softmin", "sparsemax", "entmax15")
"""The maps onto the probability simplex ``actviz softmax --kind`` draws."""


def _print_table(title: str, columns: tuple[str, ...], rows: list[tuple[str | float, ...]]) -> None:
    """A table of text and numbers: fitted to the terminal with numbers to 6 digits,
    or piped as plain text with every number at full precision (:mod:`.tables`)."""
    from ..formats.numbers import format_full
    from .tables import print_table

    def text(row: tuple, number) -> list[str]:  # noqa: ANN001
        return [cell if isinstance(cell, str) else number(cell) for cell in row]

    numeric = [False] + [True] * (len(columns) - 1)
    print_table(title, columns, [text(row, lambda v: format_number(v, 6)) for row in rows], numeric,
                plain_rows=[text(row, format_full) for row in rows])


def _figure(output: Output, stem: str, builder: str, *args: object, **kwargs: object):  # noqa: ANN202  (a Figure or None)
    """``actviz.plotting.nonpointwise.<builder>(*args, size=..., theme=..., **kwargs)`` when a
    file or a window wants the figure, else None (and matplotlib is never imported); size
    and file format are checked either way, so a bad option fails before any table is printed."""
    from ..plotting.export import output_format

    output_format(output.target(stem), output.fmt)
    size = output.figure_size()
    if not output.wants_figure:
        return None
    from ..plotting import nonpointwise

    return getattr(nonpointwise, builder)(*args, size=size, theme=output.theme, **kwargs)


def _finish(fig, panels: list | None, output: Output, stem: str) -> None:  # noqa: ANN001  (a Figure or None)
    """After the table: the character plot of ``panels`` (with ``--terminal``), then the figure."""
    if panels is not None:
        from ..terminal.canvas import render

        typer.echo(render(panels))
    if fig is not None:
        write(fig, output, stem)


@app.command("softmax", context_settings={"ignore_unknown_options": True})
@with_output_options(fmt=DataFormatOpt)
def softmax_command(
    logits: Annotated[list[float], typer.Argument(help="Two or more logits, e.g. 2.0 1.0 0.1 (negative ones as they are: -1.5).", show_default=False)],
    temperature: Annotated[float, typer.Option("--temperature", "-t", help="T > 0: softmax(z / T).")] = 1.0,
    kind: Annotated[str, typer.Option("--kind", "-k", help=f"The map: {', '.join(SIMPLEX_KINDS)}.")] = "softmax",
    *,
    output: Output,
) -> None:
    """Probabilities and log-probabilities of LOGITS; a figure with the bars, a temperature sweep, the Jacobian and the two-logit case.

    --kind draws one of softmax's relatives instead: log_softmax (the same probabilities, its
    Jacobian is that of log p), softmin (softmax of -z), sparsemax and entmax15 (exact zeros).
    softmax2d is softmax over the channels of each pixel: on one pixel it is softmax.
    """
    from ..terminal.vector import softmax_panels

    bad = [z for z in logits if not math.isfinite(z)]
    if bad or len(logits) < 2:
        raise ActvizError(f"invalid logits {logits}: expected two or more finite numbers")
    if kind not in SIMPLEX_KINDS:
        raise ActvizError(f"invalid --kind '{kind}': expected one of {', '.join(SIMPLEX_KINDS)}")
    softmax = get(kind, temperature=temperature)
    mode = output_mode(output)
    if mode in DATA:
        _print_softmax(softmax, np.asarray(logits, dtype=float), mode)
        return
    output = picture_output(output, mode)
    fig = _figure(output, kind, "softmax_figure", logits, temperature, kind=kind)
    panels = softmax_panels(softmax, logits, output.theme) if output.terminal else None
    p, log_p = softmax.probabilities(logits), softmax.log(logits)
    rows = [(f"z{i + 1}", float(z), float(pi), float(lpi)) for i, (z, pi, lpi) in enumerate(zip(logits, p, log_p))]
    _print_table(f"{kind}(z / T), T = {temperature:g}", ("", "logit", "probability", "log-probability"), rows)
    _finish(fig, panels, output, kind)


@app.command("glu")
@with_output_options(fmt=DataFormatOpt)
def glu_command(
    variant: Annotated[str, typer.Argument(help="A GLU variant: glu, reglu, geglu, swiglu, bilinear, or a shipped model's gtu, situ_glu, swiglu_oai (parameters as in any spec).", show_default=False)],
    extent: Annotated[float, typer.Option("--extent", help="Draw a and b over [-EXTENT, EXTENT].")] = 3.0,
    *,
    output: Output,
) -> None:
    """A GLU variant f(a, b) = v(a) g(b): heat map with contours over (a, b), and its diagonal a = b = x as a curve and a table."""
    from ..catalog.glu import GatedLinearUnit
    from ..analysis.vector import check_extent
    from ..terminal.vector import glu_panels

    glu = get(variant)
    if not isinstance(glu, GatedLinearUnit):
        variants = ", ".join(n for n in registry.names(pointwise=False) if isinstance(registry.lookup(n), GatedLinearUnit))
        raise ActvizError(f"'{variant}' is not a GLU variant: expected one of {variants}")
    extent = check_extent(extent)
    mode = output_mode(output)
    if mode in DATA:
        _print_glu(glu, extent, mode)
        return
    output = picture_output(output, mode)
    fig = _figure(output, glu.name, "glu_figure", glu, extent=extent)
    panels = glu_panels(glu, extent, output.theme) if output.terminal else None
    diagonal = glu.curve()
    x = np.array(_SLICE_POINTS)
    rows = [(float(xi), float(fi), float(di)) for xi, fi, di in zip(x, diagonal(x), diagonal.derivative(x))]
    _print_table(f"{glu.name} on the diagonal a = b = x", ("x", f"{glu.name}(x, x)", "d/dx"), rows)
    _finish(fig, panels, output, glu.name)


def _numbers(text: str, what: str) -> list[float]:
    try:
        return [float(item) for item in text.split(",")]
    except ValueError:
        raise ActvizError(f"invalid {what} '{text}': expected comma-separated numbers, e.g. 1,-0.5,0.2") from None


@app.command("maxout")
@with_output_options(fmt=DataFormatOpt)
def maxout_command(
    k: Annotated[int, typer.Option("--k", "-k", help="Number of affine pieces (drawn from --seed).")] = 3,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the standard-normal slopes and offsets.")] = 0,
    slopes: Annotated[str | None, typer.Option("--slopes", help="Given slopes, comma-separated (with --offsets).")] = None,
    offsets: Annotated[str | None, typer.Option("--offsets", help="Given offsets, comma-separated (with --slopes).")] = None,
    *,
    output: Output,
) -> None:
    """Maxout of k affine pieces w_j x + b_j: the convex curve over its faint pieces, and where each piece is the maximum."""
    from ..terminal.vector import maxout_panels

    maxout = get("maxout", k=k, seed=seed)
    if (slopes is None) != (offsets is None):
        raise ActvizError("--slopes and --offsets go together: give both or neither")
    if slopes is not None:
        maxout = maxout.with_pieces(_numbers(slopes, "--slopes"), _numbers(offsets, "--offsets"))
    mode = output_mode(output)
    if mode in DATA:
        _print_maxout(maxout, mode)
        return
    output = picture_output(output, mode)
    fig = _figure(output, "maxout", "maxout_figure", maxout)
    panels = maxout_panels(maxout, output.theme) if output.terminal else None
    rows = []
    for j, (w, b, where) in enumerate(zip(maxout.slopes, maxout.offsets, maxout.active_intervals())):
        interval = "never" if where is None else f"[{format_number(where[0], 6)}, {format_number(where[1], 6)}]"
        rows.append((str(j + 1), float(w), float(b), interval))
    _print_table(maxout.label, ("piece", "slope w", "offset b", "maximal for x in"), rows)
    _finish(fig, panels, output, "maxout")


@app.command("band")
@with_output_options(fmt=DataFormatOpt)
def band_command(
    spec: Annotated[str, typer.Argument(help="prelu or rrelu, with parameters if you like (rrelu:lower=0.1,upper=0.3).", show_default=False)],
    low: Annotated[float | None, typer.Option("--low", help="Lowest slope (default: rrelu's lower, 0 for prelu).")] = None,
    high: Annotated[float | None, typer.Option("--high", help="Highest slope (default: rrelu's upper, 1 for prelu).")] = None,
    *,
    output: Output,
) -> None:
    """The band of curves of PReLU or RReLU over their negative-side slope, with the evaluation-mode curve solid."""
    from ..catalog.vector import slope_band
    from ..analysis.vector import band_edges
    from ..terminal.vector import band_panels

    band = slope_band(get(spec), low, high)
    stem = f"{band.activation.name}_band"
    mode = output_mode(output)
    if mode in DATA:
        _print_band(band, mode)
        return
    output = picture_output(output, mode)
    fig = _figure(output, stem, "band_figure", band)
    panels = band_panels(band, theme=output.theme) if output.terminal else None
    x = np.array(_SLICE_POINTS)
    lower, upper = band_edges(band, x)
    rows = [(float(xi), float(a), float(e), float(b)) for xi, a, e, b in zip(x, lower, band.activation(x), upper)]
    _print_table(
        f"{band.activation.name}: slope a in [{band.low:.4g}, {band.high:.4g}]",
        ("x", "band low", f"evaluation (a = {band.evaluation_slope:.4g})", "band high"),
        rows,
    )
    _finish(fig, panels, output, stem)


def _print_softmax(softmax, logits: np.ndarray, mode: str) -> None:  # noqa: ANN001
    """The numbers of the softmax picture (``--format json|csv``)."""
    from ..formats.picture_data import softmax_csv_rows, softmax_record
    from ..analysis.vector import temperature_probabilities, two_logits

    x, first, _ = two_logits(softmax)
    record = softmax_record(softmax.params["temperature"], logits, softmax.probabilities(logits), softmax.log(logits),
                            softmax.jacobian(logits), temperature_probabilities(softmax, logits), (x, first))
    print_data(record, mode, softmax_csv_rows)


def _print_glu(glu, extent: float, mode: str) -> None:  # noqa: ANN001
    """The numbers of the GLU picture: the map on the drawn 301 x 301 grid, the diagonal at 601 points."""
    from ..formats.picture_data import glu_csv_rows, glu_record

    grid, x = np.linspace(-extent, extent, 301), np.linspace(-extent, extent, 601)
    a, b = np.meshgrid(grid, grid, indexing="xy")
    record = glu_record(glu.name, grid, glu(a, b), x, glu.curve()(x), glu.gate_activation()(x))
    print_data(record, mode, glu_csv_rows)


def _print_maxout(maxout, mode: str) -> None:  # noqa: ANN001
    """The numbers of the maxout picture, on its drawn range (801 points)."""
    from ..formats.picture_data import maxout_csv_rows, maxout_record
    from ..analysis.vector import maxout_range

    x = np.linspace(*maxout_range(maxout), 801)
    curve = maxout.curve()
    breakpoints = np.array([k.x for k in curve.kinks])
    print_data(maxout_record(maxout.label, np.asarray(maxout.slopes), np.asarray(maxout.offsets), x, curve(x), breakpoints),
               mode, maxout_csv_rows)


def _print_band(band, mode: str) -> None:  # noqa: ANN001
    """The numbers of the slope-band picture, on its drawn range [-4, 2] (601 points)."""
    from ..formats.picture_data import band_csv_rows, band_record
    from ..analysis.vector import band_edges

    x = np.linspace(-4.0, 2.0, 601)
    lower, upper = band_edges(band, x)
    print_data(band_record(band.activation.name, band.low, band.high, band.evaluation_slope, x, lower, upper,
                           band.activation(x)), mode, band_csv_rows)
