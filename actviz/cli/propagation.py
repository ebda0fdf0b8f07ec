"""``actviz decay``, ``actviz theory`` and ``actviz phase``: deep stacks measured
(Monte Carlo) and predicted (mean-field theory)."""

from __future__ import annotations

import dataclasses
import json
import math
import time
from typing import Annotated

import typer

from ..specs import get
from ..errors import ActvizError
from .base import app
from .output import Output, with_output_options, write

_PICTURES = ("png", "svg", "pdf")
_DATA = ("json", "csv")

SpecsArg = Annotated[list[str], typer.Argument(help="Activations, e.g. relu tanh elu:alpha=0.5.")]
InitOpt = Annotated[str | None, typer.Option(
    "--init", help="xavier (glorot), he (kaiming), lecun, orthogonal or critical (chi_1 = 1). "
                   "Default: xavier, unless --sigma-w2 is given.")]
SigmaW2Opt = Annotated[float | None, typer.Option("--sigma-w2", help="Weight variance times width (instead of --init).")]
SigmaB2Opt = Annotated[float | None, typer.Option("--sigma-b2", help="Bias variance (default 0).")]
DataFormatOpt = Annotated[str | None, typer.Option(
    "--format", help="json or csv: print every number to standard output instead of drawing; "
                     "png, svg or pdf: the picture format (default: the suffix of -o, else png).")]


def _mode(output: Output) -> str:
    """What ``--format`` asks for: 'json' or 'csv' (numbers printed instead of a picture)
    or the picture format 'png', 'svg' or 'pdf' (from --format, else -o's suffix, else png);
    checked, with the picture's size and theme, before any long computation."""
    fmt, path = output.fmt, output.path
    chosen = (fmt or (path.suffix.lstrip(".") if path is not None and path.suffix else "png")).lower()
    if chosen not in _PICTURES + _DATA:
        given = f"format '{fmt}'" if fmt else f"file suffix '{path.suffix}' of {path}"
        raise ActvizError(f"unsupported {given}: expected one of {', '.join(_PICTURES + _DATA)}")
    if chosen in _DATA and path is not None:
        raise ActvizError(f"--format {chosen} prints to standard output: drop -o {path} (or redirect with >)")
    if chosen in _DATA and (output.show or output.terminal):
        raise ActvizError(f"--format {chosen} prints numbers instead of drawing: drop --{'show' if output.show else 'terminal'}")
    if chosen in _PICTURES:  # a typo in --size or --theme fails now, not after a long run
        from ..themes import theme_rc

        output.figure_size()
        theme_rc(output.theme)
    return chosen


def _picture(output: Output, mode: str) -> Output:
    """``output`` with the picture format checked by :func:`_mode` (lower case), when one was given."""
    return dataclasses.replace(output, fmt=mode if output.fmt is not None else None)


class _LazyProgress:
    """A rich progress bar on stderr that appears only once the work has taken more than a second."""

    def __init__(self, total: int | None, description: str) -> None:
        self.total, self.description = total, description
        self.offset = 0
        self.started = time.perf_counter()
        self.bar = None
        self.task = None

    def update(self, done: int, _total: int) -> None:
        if self.bar is None:
            if time.perf_counter() - self.started < 1.0:
                return
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task(self.description, total=self.total or _total)
        self.bar.update(self.task, completed=self.offset + done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _init_for(act, init: str | None, sigma_w2: float | None, sigma_b2: float | None, q0: float = 1.0):  # noqa: ANN001,ANN202
    from ..propagation import resolve_init

    return resolve_init(act, "xavier" if init is None and sigma_w2 is None else init, sigma_w2, sigma_b2, q0)


def _print_data(records: list[dict], fmt: str, csv_rows) -> None:  # noqa: ANN001
    from ..formats.delimited import to_csv

    if fmt == "json":
        typer.echo(json.dumps(records, indent=2, allow_nan=False))
    else:
        typer.echo(to_csv(csv_rows(records)), nl=False)


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
    *,
    output: Output,
) -> None:
    """Push random inputs through a deep random stack and measure, per layer, the signal
    length q, the gradient norm and the saturated and dead units; the mean-field theory
    is drawn dashed beside every measurement. --format json or csv prints the numbers
    instead of drawing; --terminal draws the gradient norms and q in characters."""
    from ..propagation import mean_field, profile, simulate
    from ..formats.records import run_csv_rows, run_record

    mode = _mode(output)
    acts = [get(spec) for spec in specs]
    inits = [_init_for(act, init, sigma_w2, sigma_b2) for act in acts]
    progress = _LazyProgress(len(acts) * (2 * depth + 1), "deep stacks")
    runs, profiles, records = [], [], []
    try:
        for act, chosen in zip(acts, inits):
            run = simulate(act, depth=depth, width=width, batch=batch, sigma_w2=chosen.sigma_w2,
                           sigma_b2=chosen.sigma_b2, weights=chosen.weights, seed=seed,
                           saturation_threshold=saturation, progress=progress.update)
            progress.offset += 2 * depth + 1
            predicted = profile(act, chosen.sigma_w2, chosen.sigma_b2, run.top, q0=run.q[0])
            theory = mean_field(act, chosen.sigma_w2, chosen.sigma_b2, depth=depth)
            runs.append(run)
            profiles.append(predicted)
            records.append(run_record(run, theory, predicted, chosen.scheme))
    finally:
        progress.close()
    if mode in _DATA:
        _print_data(records, mode, lambda rs: [row for r in rs for row in run_csv_rows(r)])
        return
    output = _picture(output, mode)
    if output.terminal:
        from ..terminal.canvas import render
        from ..terminal.propagation import decay_panels

        typer.echo(render(decay_panels(runs, profiles)))
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


def _summary(record: dict, run) -> str:  # noqa: ANN001
    """One paragraph per run: what the theory says and how the measurement compares."""
    theory = record["theory"]
    measured = run.log_grad_norm[0] / math.log(10)
    predicted = record["layers"][0]["theory_log10_grad_norm"]
    def number(value: float | None) -> str:  # the record holds None where theory has no finite value
        return "undefined" if value is None else f"{value:.6g}"

    lines = [f"{record['activation']} ({record['init']}: sigma_w^2 = {number(record['sigma_w2'])}, "
             f"sigma_b^2 = {number(record['sigma_b2'])}): {theory['phase']}, chi_1 = {number(theory['chi1'])}",
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
        _print_data([t.to_dict() for t in theories], fmt, theory_csv_rows)
        return
    _theory_table(theories)


def _theory_table(theories) -> None:  # noqa: ANN001  (MeanField objects)
    from rich.console import Console
    from rich.table import Table

    from ..formats.numbers import format_number

    table = Table(title="mean-field theory (– : undefined, the stack diverges)", title_justify="left")
    for column in ("activation", "σw²", "σb²", "regime", "phase", "q*", "χ1", "ξq", "ξc"):
        table.add_column(column, justify="left" if column in ("activation", "regime", "phase") else "right")
    for t in theories:
        table.add_row(t.activation, f"{t.sigma_w2:.5g}", f"{t.sigma_b2:.5g}", t.regime, t.phase,
                      *(format_number(v, 5) for v in (t.q_star, t.chi1, t.xi_q, t.xi_c)))
    console = Console(highlight=False)
    console.print(table)
    for t in theories:
        for note in t.notes:
            console.print(f"[dim]{t.activation}:[/] {note}")


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
    instead of drawing."""
    from ..propagation.phase import phase_diagram, phase_grid

    mode = _mode(output)
    if mode == "csv":
        raise ActvizError("the phase diagram is a grid: use --format json for its numbers")
    if output.terminal:
        raise ActvizError("the phase diagram is a colour map, which --terminal cannot draw: write a file with -o (or use --show)")
    act = get(spec)
    w2, b2 = phase_grid(act, sigma_w2_max, sigma_b2_max, resolution)
    progress = _LazyProgress(None, "phase diagram")  # the total comes with the first report
    try:
        diagram = phase_diagram(act, w2, b2, progress=progress.update)
    finally:
        progress.close()
    if mode == "json":
        from ..formats.records import phase_record

        typer.echo(json.dumps(phase_record(diagram), indent=2, allow_nan=False))
        return
    from ..plotting.propagation import phase_figure

    mark = None if mark_w2 is None else (mark_w2, 0.0 if mark_b2 is None else mark_b2)
    output = _picture(output, mode)
    fig = phase_figure(diagram, size=output.figure_size(), theme=output.theme, mark=mark)
    write(fig, output, f"phase-{act.name}")
