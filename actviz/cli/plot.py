"""``actviz plot``, ``compare``, ``saturation`` and ``gallery``: the pictures."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from ..specs import get
from .base import SpecsCommand, app
from .data import DATA, DataFormatOpt, output_mode, picture_output, print_data
from .output import Output, with_output_options, write

Specs = Annotated[list[str], typer.Argument(help="Activations, e.g. gelu or leaky_relu:negative_slope=0.2.", metavar="SPEC...", show_default=False)]
RangeOpt = Annotated[tuple[float, float], typer.Option("--range", help="x from LO to HI.", metavar="LO HI")]
YlimOpt = Annotated[tuple[float, float] | None, typer.Option("--ylim", help="y from LO to HI in the f panel (default: every curve, or the others' range when one dwarfs them).", metavar="LO HI")]
DylimOpt = Annotated[tuple[float, float] | None, typer.Option("--dylim", help="y from LO to HI in the f' panel.", metavar="LO HI")]


_OWN_COMMANDS = {"GatedLinearUnit": "actviz glu {name}", "Softmax": "actviz softmax 2.0 1.0 0.1",
                 "Maxout": "actviz maxout"}
"""The command that draws each kind of entry that is not pointwise."""


def _activations(specs: list[str]) -> list:
    """The entries of ``specs``; one that is not pointwise is refused, naming the command that draws it."""
    from ..analysis.pointwise import PICTURES_NEED_POINTWISE, require_pointwise
    from ..errors import ActvizError

    acts = [get(spec) for spec in specs]
    for act in acts:
        command = _OWN_COMMANDS.get(type(act).__name__) if not act.pointwise else None
        if command:
            raise ActvizError(f"'{act.name}' is not pointwise, so plot, compare and saturation cannot draw it: "
                              f"`{command.format(name=act.name)}` does")
    require_pointwise(acts, PICTURES_NEED_POINTWISE)
    return acts


def _stem(prefix: str, acts: list) -> str:
    """A file name from the specs: ``compare-relu-elu``, ``leaky_relu-negative_slope-0.2``
    (made safe and short by the output's :func:`~actviz.cli.output.file_stem`)."""
    return "-".join(([prefix] if prefix else []) + [act.spec for act in acts])


def _terminal(panels) -> None:  # noqa: ANN001
    from ..terminal.canvas import render

    typer.echo(render(panels))


def _grid(acts: list, lo: float, hi: float):  # noqa: ANN202  (a NumPy array)
    """The x at which the pictures sample their curves: equally spaced, and every kink."""
    import numpy as np

    from ..analysis.sampling import DEFAULT_POINTS

    return np.union1d(np.linspace(lo, hi, DEFAULT_POINTS), [k.x for act in acts for k in act.kinks if lo <= k.x <= hi])


def _draw_curves(specs: list[str], x_range: tuple[float, float], orders: list[int], output: Output,
                 stem_prefix: str, build: Callable) -> None:
    """What plot and compare share: check the input; print the curves' numbers
    (``--format json|csv``), or draw in the terminal (``--terminal``) and/or build
    the figure with ``build(acts, lo, hi)`` and write it."""
    from ..analysis.sampling import check_interval

    mode = output_mode(output)
    acts = _activations(specs)
    lo, hi = check_interval(*x_range)
    if mode in DATA:
        from ..formats.picture_data import curves_csv_rows, curves_record

        print_data(curves_record(acts, orders, _grid(acts, lo, hi)), mode, curves_csv_rows)
        return
    output = picture_output(output, mode)
    if output.terminal:
        from ..terminal.curves import curve_panels

        _terminal(curve_panels(acts, orders, lo, hi, output.theme))
    if output.wants_figure:
        write(build(acts, lo, hi), output, _stem(stem_prefix, acts))


@app.command("plot", cls=SpecsCommand)
@with_output_options(fmt=DataFormatOpt)
def plot_command(
    specs: Specs,
    derivative: Annotated[bool, typer.Option("--derivative", "-d", help="Also draw f' in its own panel.")] = False,
    second: Annotated[bool, typer.Option("--second", help="Also draw f' and f'' in panels of their own.")] = False,
    x_range: RangeOpt = (-5.0, 5.0),
    ylim: YlimOpt = None,
    dylim: DylimOpt = None,
    *,
    output: Output,
) -> None:
    """Draw activations, and their derivatives with -d/--second, honestly: jumps as jumps, sharp kinks, dashed asymptotes."""
    def build(acts: list, lo: float, hi: float):  # noqa: ANN202
        from ..plotting.figures import plot_figure

        return plot_figure(acts, derivative=derivative, second=second, lo=lo, hi=hi, ylim=ylim, dylim=dylim,
                           size=output.figure_size(), theme=output.theme)

    _draw_curves(specs, x_range, [0] + [1] * (derivative or second) + [2] * second, output, "", build)


@app.command("compare", cls=SpecsCommand)
@with_output_options(fmt=DataFormatOpt)
def compare_command(
    specs: Specs,
    x_range: RangeOpt = (-5.0, 5.0),
    ylim: YlimOpt = None,
    dylim: DylimOpt = None,
    diff: Annotated[bool, typer.Option("--diff", help="Draw f_A − f_B and f'_A − f'_B of two activations A B instead, with the largest printed.")] = False,
    error: Annotated[str | None, typer.Option("--error", help="Like --diff, as abs (f_A − f_B), rel ((f_A − f_B)/|f_B|) or ulp (units in the last place).", metavar="abs|rel|ulp")] = None,
    *,
    output: Output,
) -> None:
    """Overlay activations (top) and their derivatives (below) on a shared x-axis; with --diff or --error, how two differ."""
    if diff or error is not None:
        _compare_difference(specs, x_range, error or "abs", output)
        return

    def build(acts: list, lo: float, hi: float):  # noqa: ANN202
        from ..plotting.figures import compare_figure

        return compare_figure(acts, lo=lo, hi=hi, ylim=ylim, dylim=dylim, size=output.figure_size(), theme=output.theme)

    _draw_curves(specs, x_range, [0, 1], output, "compare", build)


def _compare_difference(specs: list[str], x_range: tuple[float, float], kind: str, output: Output) -> None:
    """``compare A B --diff``: print the largest difference of f and f', and draw both differences."""
    from ..analysis.differences import ERROR_KINDS, curve_difference
    from ..errors import ActvizError
    from ..formats.numbers import format_number
    from ..analysis.sampling import check_interval

    if kind not in ERROR_KINDS:
        raise ActvizError(f"unknown --error '{kind}': expected one of {', '.join(ERROR_KINDS)}")
    if len(specs) != 2:
        raise ActvizError(f"--diff and --error compare exactly two activations A B (got {len(specs)}: {' '.join(specs)})")
    mode = output_mode(output)
    first, second = _activations(specs)
    lo, hi = check_interval(*x_range)
    differences = [curve_difference(first, second, order, lo, hi, kind) for order in (0, 1)]
    if mode in DATA:
        from ..formats.picture_data import difference_csv_rows, difference_record

        print_data(difference_record(first, second, differences), mode, difference_csv_rows)
        return
    output = picture_output(output, mode)
    unit = {"abs": "", "rel": " (relative to B)", "ulp": " ulps"}[kind]
    for difference, name in zip(differences, ("f", "f'")):
        largest, where = difference.largest
        typer.echo(f"max |{name}_A - {name}_B| = {format_number(largest, 6)}{unit} at x = {format_number(where, 6)}"
                   f"  (A = {first.label}, B = {second.label}, x in [{lo:g}, {hi:g}])")
    if output.wants_figure:
        from ..plotting.figures import difference_figure

        fig, _ = difference_figure(first, second, kind=kind, lo=lo, hi=hi, size=output.figure_size(), theme=output.theme)
        write(fig, output, _stem("diff", [first, second]))


@app.command("saturation", cls=SpecsCommand)
@with_output_options(fmt=DataFormatOpt)
def saturation_command(
    specs: Specs,
    threshold: Annotated[float, typer.Option("--threshold", help="Saturated where |f'| is below this.")] = 0.01,
    sigma: Annotated[float | None, typer.Option("--sigma", help="Mark this input σ and print the shares at it.")] = None,
    x_range: Annotated[tuple[float, float] | None, typer.Option("--range", help="x from LO to HI (default -10 10, or -40 40 with --full).", metavar="LO HI")] = None,
    full: Annotated[bool, typer.Option("--full", help="The whole view: x over -40..40 and |f'| down to its smallest value.")] = False,
    *,
    output: Output,
) -> None:
    """|f'| on a log axis with the saturated region shaded, and the share of z ~ N(0, σ²) saturated or dead as σ runs 0.1..10."""
    from ..analysis.sampling import check_interval
    from ..analysis.saturation import DEFAULT_RANGE, WIDE_RANGE, check_sigma, check_threshold, saturation_sets

    mode = output_mode(output)
    acts = _activations(specs)
    lo, hi = check_interval(*(x_range or (WIDE_RANGE if full else DEFAULT_RANGE)))
    threshold = check_threshold(threshold)
    if mode in DATA:
        _print_saturation(acts, lo, hi, threshold, mode)
        return
    output = picture_output(output, mode)
    if sigma is not None:
        sigma = check_sigma(sigma)
    sets = [saturation_sets(act, threshold) for act in acts]  # once, for the numbers and every picture
    if sigma is not None:
        for act, act_sets in zip(acts, sets):
            saturated, dead = (float(share) for share in act_sets.shares(sigma))
            typer.echo(f"{act.label}: at sigma={sigma:g}, {saturated:.4%} of inputs saturated (|f'| < {threshold:g}), "
                       f"{dead:.4%} dead (f' = 0)", err=output.to_stdout)
    if output.terminal:
        from ..terminal.curves import saturation_panels

        _terminal(saturation_panels(acts, sets, lo, hi, output.theme))
    if output.wants_figure:
        from ..plotting.saturation import saturation_figure

        fig = saturation_figure(acts, sets, sigma=sigma, lo=lo, hi=hi, full=full, size=output.figure_size(), theme=output.theme)
        write(fig, output, _stem("saturation", acts))


def _print_saturation(acts: list, lo: float, hi: float, threshold: float, mode: str) -> None:
    """The numbers of the saturation picture: |f'| on the x grid, the shares on the σ grid."""
    import numpy as np

    from ..formats.picture_data import saturation_csv_rows, saturation_record
    from ..analysis.saturation import SIGMA_POINTS, SIGMA_RANGE, saturation_sets

    x, sigmas = _grid(acts, lo, hi), np.geomspace(*SIGMA_RANGE, SIGMA_POINTS)
    slopes = [act.derivative(x, 1) for act in acts]
    shares = [saturation_sets(act, threshold).shares(sigmas) for act in acts]
    print_data(saturation_record(threshold, x, acts, slopes, sigmas, shares), mode, saturation_csv_rows)


@app.command("gallery")
def gallery_command(
    folder: Annotated[Path, typer.Argument(help="Where to write the images.")] = Path("gallery"),
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes (default: one per core).")] = None,
) -> None:
    """Regenerate the gallery: every activation with its derivative, a comparison sheet per family, the saturation sheet."""
    from .._processes import available_cores
    from ..plotting.gallery import build_gallery
    from .progress import LazyProgress

    bar = LazyProgress(0, "gallery")
    try:
        written = build_gallery(folder, jobs=jobs or available_cores(), progress=bar.update)
    finally:
        bar.close()
    typer.echo(f"{len(written)} files written to {folder}")
