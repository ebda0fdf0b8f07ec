"""``actviz decay``, ``actviz theory`` and ``actviz phase``: deep stacks measured
(Monte Carlo) and predicted (mean-field theory)."""

from __future__ import annotations

import math
from typing import Annotated

import typer

from ..specs import get
from ..errors import ActvizError
from .base import app
from .data import DATA as _DATA
from .data import DataFormatOpt, output_mode, picture_output, print_data
from .output import Output, with_output_options, write
from .progress import LazyProgress


SpecsArg = Annotated[list[str], typer.Argument(help="Activations, e.g. relu tanh elu:alpha=0.5.")]
InitOpt = Annotated[str | None, typer.Option(
    "--init", help="xavier (glorot), he (kaiming), lecun, orthogonal or critical (chi_1 = 1). "
                   "Default: xavier, unless --sigma-w2 is given.")]
SigmaW2Opt = Annotated[float | None, typer.Option("--sigma-w2", help="Weight variance times width (instead of --init).")]
SigmaB2Opt = Annotated[float | None, typer.Option("--sigma-b2", help="Bias variance (default 0).")]


def _init_for(act, init: str | None, sigma_w2: float | None, sigma_b2: float | None, q0: float = 1.0):  # noqa: ANN001,ANN202
    from ..propagation import resolve_init

    return resolve_init(act, "xavier" if init is None and sigma_w2 is None else init, sigma_w2, sigma_b2, q0)


@app.command("decay")
@with_output_options(fmt=DataFormatOpt, data_formats=_DATA)
def decay_command(
    specs: SpecsArg,
    depth: Annotated[int, typer.Option("--depth", min=1, help="Number of layers L.")] = 50,
    width: Annotated[int, typer.Option("--width", min=1, help="Units per layer N.")] = 256,
    batch: Annotated[int, typer.Option("--batch", min=1, help="Inputs pushed through together B.")] = 128,
    init: InitOpt = None,
    sigma_w2: SigmaW2Opt = None,
    sigma_b2: SigmaB2Opt = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed: the same seed gives the same run.")] = 0,
    saturation: Annotated[float, typer.Option("--saturation-threshold", help="A unit is saturated where |phi'| is below this.")] = 0.01,
    dtype: Annotated[str, typer.Option("--dtype", help=(
        "float64 or float32: the network's numbers. float32 halves the memory and is faster; its "
        "rounding (6e-8 per layer) is far below the sampling noise, so the theory comparison holds, "
        "but |h| above 1e18 counts as overflow, signals below 1e-38 lose digits (1e-308 in float64) "
        "and a seed gives a different network."))] = "float64",
    *,
    output: Output,
) -> None:
    """Push random inputs through a deep random stack and measure, per layer, the signal
    length q, the gradient norm and the saturated and dead units; the mean-field theory
    is drawn dashed beside every measurement. --format json or csv prints the numbers
    instead of drawing; --terminal draws the gradient norms and q in characters."""
    from ..propagation import mean_field, profile, simulate
    from ..formats.records import run_csv_rows, run_record

    if dtype not in ("float64", "float32"):
        raise ActvizError(f"invalid --dtype {dtype!r}: expected float64 or float32")

    mode = output_mode(output)
    acts = [get(spec) for spec in specs]
    inits = [_init_for(act, init, sigma_w2, sigma_b2) for act in acts]
    progress = LazyProgress(len(acts) * (2 * depth + 1), "deep stacks")
    runs, profiles, records = [], [], []
    try:
        for act, chosen in zip(acts, inits):
            run = simulate(act, depth=depth, width=width, batch=batch, sigma_w2=chosen.sigma_w2,
                           sigma_b2=chosen.sigma_b2, weights=chosen.weights, seed=seed,
                           saturation_threshold=saturation, progress=progress.update, dtype=dtype)
            progress.offset += 2 * depth + 1
            predicted = profile(act, chosen.sigma_w2, chosen.sigma_b2, run.top, q0=run.q[0])
            theory = mean_field(act, chosen.sigma_w2, chosen.sigma_b2, depth=depth)
            runs.append(run)
            profiles.append(predicted)
            records.append(run_record(run, theory, predicted, chosen.scheme))
    finally:
        progress.close()
    if mode in _DATA:
        print_data(records, mode, lambda rs: [row for r in rs for row in run_csv_rows(r)])
        return
    output = picture_output(output, mode)
    if output.terminal:
        from ..terminal.canvas import render
        from ..terminal.propagation import decay_panels

        typer.echo(render(decay_panels(runs, profiles, output.theme)))
    if output.wants_figure:
        from ..plotting.propagation import decay_figure

        fig = decay_figure(runs, profiles, size=output.figure_size(), theme=output.theme)
        write(fig, output, "decay-" + "-".join(act.name for act in acts))
    for record, run in zip(records, runs):
        typer.echo(_summary(record, run), err=output.to_stdout)


def stop_explanation(run) -> str:  # noqa: ANN001  (a StackRun)
    """Why a run stopped before its depth, in words."""
    if run.stop_reason == "underflow":
        return (f"the forward signal underflowed float64 at layer {run.stopped_at} (every |h| below 1e-150, "
                "so h^2 and q are lost): the stack collapses")
    return f"the forward signal overflowed float64 at layer {run.stopped_at}: the stack diverges"


def _number(value: float | None) -> str:
    """A record's number for a sentence: None (no finite value: a divergent stack's chi_1) is 'none'."""
    return "none" if value is None else f"{value:.6g}"


def _summary(record: dict, run) -> str:  # noqa: ANN001
    """One paragraph per run: what the theory says and how the measurement compares."""
    theory = record["theory"]
    measured = run.log_grad_norm[0] / math.log(10)
    predicted = record["layers"][0]["theory_log10_grad_norm"]
    lines = [f"{record['activation']} ({record['init']}: sigma_w^2 = {_number(record['sigma_w2'])}, "
             f"sigma_b^2 = {_number(record['sigma_b2'])}): {theory['phase']}, chi_1 = {_number(theory['chi1'])}",
             f"  gradient at the input / at the top: 10^{measured:.3f} measured, "
             + (f"10^{predicted:.3f} predicted" if predicted is not None else "no finite prediction")]
    if run.stopped_at is not None:
        lines.append(f"  measured layers 0..{run.top} of {run.depth}: {stop_explanation(run)}")
    lines += [f"  note: {note}" for note in theory["notes"]]
    return "\n".join(lines)


@app.command("theory")
def theory_command(
    specs: SpecsArg,
    init: InitOpt = None,
    sigma_w2: SigmaW2Opt = None,
    sigma_b2: SigmaB2Opt = None,
    q0: Annotated[float, typer.Option("--q0", help="Second moment of the inputs (1 for x ~ N(0, 1)).")] = 1.0,
    fmt: Annotated[str, typer.Option("--format", help="table, json or csv.")] = "table",
    depth: Annotated[int, typer.Option("--depth", min=1, max=10**9, help="Say how gradients change over this many layers.")] = 50,
) -> None:
    """Mean-field theory alone (Poole et al. 2016; Schoenholz et al. 2017): fixed point q*,
    chi_1, depth scales xi_q and xi_c, for each activation at one initialisation."""
    from ..propagation import mean_field
    from ..formats.records import theory_csv_rows

    if fmt not in ("table", *_DATA):
        raise ActvizError(f"unsupported format '{fmt}': expected table, json or csv")
    acts = [get(spec) for spec in specs]
    theories = []
    for act in acts:
        chosen = _init_for(act, init, sigma_w2, sigma_b2, q0)
        theories.append(mean_field(act, chosen.sigma_w2, chosen.sigma_b2, q0, depth=depth))
    if fmt in _DATA:
        print_data([t.to_dict() for t in theories], fmt, theory_csv_rows)
        return
    _theory_table(theories)


def _theory_table(theories) -> None:  # noqa: ANN001  (MeanField objects)
    """The theory as a table fitted to the terminal (5 significant digits), or piped as
    plain text at full precision; then the notes."""
    import sys

    from ..formats.numbers import format_full, format_number
    from .tables import print_table

    header = ("activation", "σw²", "σb²", "regime", "phase", "q*", "χ1", "ξq", "ξc")
    numeric = (False, True, True, False, False, True, True, True, True)

    def row(t, number) -> list[str]:  # noqa: ANN001
        return [t.activation, number(t.sigma_w2), number(t.sigma_b2), t.regime, t.phase,
                *(number(v) for v in (t.q_star, t.chi1, t.xi_q, t.xi_c))]

    print_table("mean-field theory (– : undefined, the stack diverges)", header,
                [row(t, lambda v: format_number(v, 5)) for t in theories], numeric,
                plain_rows=[row(t, format_full) for t in theories])
    notes = [(t.activation, note) for t in theories for note in t.notes]
    if sys.stdout.isatty():
        from rich.console import Console

        console = Console(highlight=False)
        for activation, note in notes:
            console.print(f"[dim]{activation}:[/] {note}")
    else:
        for activation, note in notes:
            typer.echo(f"{activation}: {note}")


@app.command("phase")
@with_output_options(fmt=DataFormatOpt, data_formats=_DATA)
def phase_command(
    spec: Annotated[str, typer.Argument(help="An activation, e.g. tanh or elu:alpha=0.5.")],
    sigma_w2_max: Annotated[float | None, typer.Option("--sigma-w2-max", help="Right end of the sigma_w^2 axis (default: 4, or twice the edge of chaos at sigma_b^2 = 0).")] = None,
    sigma_b2_max: Annotated[float, typer.Option("--sigma-b2-max", help="Top of the sigma_b^2 axis.")] = 0.3,
    resolution: Annotated[int, typer.Option("--resolution", min=8, max=400, help="Grid points along sigma_w^2.")] = 120,
    mark_w2: Annotated[float | None, typer.Option("--sigma-w2", help="Mark this sigma_w^2 (with --sigma-b2).")] = None,
    mark_b2: SigmaB2Opt = None,
    *,
    output: Output,
) -> None:
    """The (sigma_w^2, sigma_b^2) phase diagram: ordered and chaotic regions, the edge of
    chaos chi_1 = 1 and contours of the depth scale xi_c. --format json prints the grid
    instead of drawing, --format csv one row per grid point."""
    from ..propagation.phase import phase_diagram, phase_grid

    mode = output_mode(output)
    if output.terminal:
        raise ActvizError("the phase diagram is a colour map, which --terminal cannot draw: write a file with -o (or use --show)")
    act = get(spec)
    w2, b2 = phase_grid(act, sigma_w2_max, sigma_b2_max, resolution)
    progress = LazyProgress(0, "phase diagram")  # the total comes with the first report
    try:
        diagram = phase_diagram(act, w2, b2, progress=progress.update)
    finally:
        progress.close()
    if mode in _DATA:
        from ..formats.records import phase_csv_rows, phase_record

        print_data(phase_record(diagram), mode, phase_csv_rows)
        return
    from ..plotting.propagation import phase_figure

    mark = None if mark_w2 is None else (mark_w2, 0.0 if mark_b2 is None else mark_b2)
    output = picture_output(output, mode)
    fig = phase_figure(diagram, size=output.figure_size(), theme=output.theme, mark=mark)
    write(fig, output, f"phase-{act.name}")
