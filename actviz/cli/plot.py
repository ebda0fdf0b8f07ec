"""``actviz plot``, ``compare``, ``saturation`` and ``gallery``: the pictures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from ..specs import get
from .base import SpecsCommand, app
from .output import Output, with_output_options, write

Specs = Annotated[list[str], typer.Argument(help="Activations, e.g. gelu or leaky_relu:negative_slope=0.2.", metavar="SPEC...", show_default=False)]
RangeOpt = Annotated[tuple[float, float], typer.Option("--range", help="x from LO to HI.", metavar="LO HI")]
YlimOpt = Annotated[tuple[float, float] | None, typer.Option("--ylim", help="y from LO to HI (the f panel).", metavar="LO HI")]


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


def _draw_curves(specs: list[str], x_range: tuple[float, float], orders: list[int], output: Output,
                 stem_prefix: str, build: Callable) -> None:
    """What plot and compare share: check the input, draw in the terminal
    (``--terminal``) and/or build the figure with ``build(acts, lo, hi)`` and write it."""
    from ..analysis.sampling import check_interval

    acts = _activations(specs)
    lo, hi = check_interval(*x_range)
    if output.terminal:
        from ..terminal.curves import curve_panels

        _terminal(curve_panels(acts, orders, lo, hi, "dark"))
    if output.wants_figure:
        write(build(acts, lo, hi), output, _stem(stem_prefix, acts))


@app.command("plot", cls=SpecsCommand)
@with_output_options
def plot_command(
    specs: Specs,
    derivative: Annotated[bool, typer.Option("--derivative", "-d", help="Also draw f' in its own panel.")] = False,
    second: Annotated[bool, typer.Option("--second", help="Also draw f'' in its own panel.")] = False,
    x_range: RangeOpt = (-5.0, 5.0),
    ylim: YlimOpt = None,
    *,
    output: Output,
) -> None:
    """Draw activations, and their derivatives with -d/--second, honestly: jumps as jumps, sharp kinks, dashed asymptotes."""
    def build(acts: list, lo: float, hi: float):  # noqa: ANN202
        from ..plotting.figures import plot_figure

        return plot_figure(acts, derivative=derivative, second=second, lo=lo, hi=hi, ylim=ylim,
                           size=output.figure_size(), theme=output.theme)

    _draw_curves(specs, x_range, [0] + [1] * derivative + [2] * second, output, "", build)


@app.command("compare", cls=SpecsCommand)
@with_output_options
def compare_command(
    specs: Specs,
    x_range: RangeOpt = (-5.0, 5.0),
    ylim: YlimOpt = None,
    *,
    output: Output,
) -> None:
    """Overlay activations (top) and their derivatives (below) on a shared x-axis, one colour each."""
    def build(acts: list, lo: float, hi: float):  # noqa: ANN202
        from ..plotting.figures import compare_figure

        return compare_figure(acts, lo=lo, hi=hi, ylim=ylim, size=output.figure_size(), theme=output.theme)

    _draw_curves(specs, x_range, [0, 1], output, "compare", build)


@app.command("saturation", cls=SpecsCommand)
@with_output_options
def saturation_command(
    specs: Specs,
    threshold: Annotated[float, typer.Option("--threshold", help="Saturated where |f'| is below this.")] = 0.01,
    sigma: Annotated[float | None, typer.Option("--sigma", help="Mark this input σ and print the shares at it.")] = None,
    x_range: RangeOpt = (-40.0, 40.0),
    *,
    output: Output,
) -> None:
    """|f'| on a log axis with the saturated region shaded, and the share of z ~ N(0, σ²) saturated or dead as σ runs 0.1..10."""
    from ..analysis.sampling import check_interval
    from ..analysis.saturation import check_sigma, check_threshold, saturation_sets

    acts = _activations(specs)
    lo, hi = check_interval(*x_range)
    threshold = check_threshold(threshold)
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

        _terminal(saturation_panels(acts, sets, lo, hi, "dark"))
    if output.wants_figure:
        from ..plotting.saturation import saturation_figure

        fig = saturation_figure(acts, sets, sigma=sigma, lo=lo, hi=hi, size=output.figure_size(), theme=output.theme)
        write(fig, output, _stem("saturation", acts))


@app.command("gallery")
def gallery_command(
    folder: Annotated[Path, typer.Argument(help="Where to write the images.")] = Path("gallery"),
) -> None:
    """Regenerate the gallery: every activation with its derivative, a comparison sheet per family, the saturation sheet."""
    from ..plotting.gallery import build_gallery

    written = build_gallery(folder)
    typer.echo(f"{len(written)} files written to {folder}")
