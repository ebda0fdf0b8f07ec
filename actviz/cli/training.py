"""``actviz train``: train small networks with NumPy and watch units die, gradients fade and
PReLU slopes learn; ``--sweep`` repeats the run over values of one setting."""

from __future__ import annotations

import textwrap
from typing import Annotated

import typer

from ..errors import ActvizError
from .base import app
from .data import DATA, DataFormatOpt, output_mode, picture_output, print_data
from .progress import LazyProgress, RunJobsOpt
from .output import Output, with_output_options, write

SWEEPABLE = {"lr": float, "width": int, "depth": int, "init": str}


def parse_sweep(text: str) -> tuple[str, list]:
    """``"lr=1e-4,1e-3"`` -> ("lr", [1e-4, 1e-3]): a setting of :data:`SWEEPABLE` and its values."""
    name, sep, values = text.partition("=")
    name = name.strip().lower()
    if not sep or name not in SWEEPABLE or not values.strip():
        raise ActvizError(f"invalid --sweep '{text}': expected NAME=V1,V2,... with NAME one of {', '.join(SWEEPABLE)}")
    convert = SWEEPABLE[name]
    parsed = []
    for value in values.split(","):
        try:
            parsed.append(convert(value.strip()))
        except ValueError:
            raise ActvizError(f"invalid value '{value.strip()}' in --sweep {name}=...: expected "
                              f"{'a number' if convert is float else 'an integer' if convert is int else 'a name'}") from None
    return name, parsed


_OPTION_OF = {"lr": "--lr", "width": "--width", "depth": "--depth", "init": "--init", "steps": "--steps",
              "seeds": "--seeds", "batch": "--batch", "measure_every": "--measure-every", "task": "--task",
              "slopes": "--slopes"}


def _plans(specs: list[str], settings: list[dict], options: dict) -> list[list]:
    """Every run checked (and costed) before the first starts: plans[activation][setting]."""
    from ..training import plan

    try:
        grid = [[plan(spec, **{**options, **setting}) for setting in settings] for spec in specs]
    except ActvizError as error:
        message = str(error)
        for name, option in _OPTION_OF.items():  # the library speaks Python, the command line options
            message = message.replace(f"invalid {name} ", f"invalid {option} ").replace(f"{name}=", f"{option} ")
        raise ActvizError(message) from None
    total = sum(p.seconds for row in grid for p in row)
    if total > 3600:
        raise ActvizError(f"these {sum(len(r) for r in grid)} runs would take about {total / 3600:.1f} hours together "
                          "(limit 1 hour): fewer activations, sweep values, --steps or --seeds")
    return grid


@app.command("train")
@with_output_options(fmt=DataFormatOpt)
def train_command(
    specs: Annotated[list[str], typer.Argument(help="Pointwise activations or formulas, e.g. relu tanh prelu.")],
    task: Annotated[str, typer.Option("--task", help="spirals, moons, xor, checkerboard, circles, teacher "
                                                     "(regression) or digits (needs actviz[data]).")] = "spirals",
    depth: Annotated[int, typer.Option("--depth", help="Hidden layers.")] = 4,
    width: Annotated[int, typer.Option("--width", help="Units per hidden layer.")] = 64,
    init: Annotated[str, typer.Option("--init", help="xavier, he, lecun, orthogonal or critical.")] = "he",
    optimizer: Annotated[str, typer.Option("--optimizer", help="sgd, momentum (0.9) or adam.")] = "adam",
    lr: Annotated[float, typer.Option("--lr", help="Learning rate.")] = 1e-3,
    steps: Annotated[int, typer.Option("--steps", help="Mini-batch steps.")] = 2000,
    seeds: Annotated[int, typer.Option("--seeds", help="Seeds 0..n-1, trained together.")] = 5,
    batch: Annotated[int, typer.Option("--batch", help="Points per mini-batch.")] = 128,
    measure_every: Annotated[int | None, typer.Option("--measure-every", help="Steps between measurements (default steps/50).")] = None,
    target_loss: Annotated[float, typer.Option("--target-loss", help="The summary counts the steps to reach this training loss.")] = 0.1,
    slopes: Annotated[str, typer.Option("--slopes", help="PReLU: one learned slope per layer or per unit.")] = "layer",
    sweep: Annotated[str | None, typer.Option("--sweep", help="Repeat over one setting: lr=1e-4,1e-3 or width=, depth=, init=.")] = None,
    jobs: RunJobsOpt = None,
    *,
    output: Output,
) -> None:
    """Train a small fully connected network on a toy task for every activation, several seeds
    at once, and draw the loss (median and band over seeds), the dead fraction and gradient norm
    of every layer over the steps and, for prelu, the learned slopes; then print a summary.
    --sweep draws the final dead fraction and loss against the swept setting instead.
    --format json or csv prints every measured number instead of drawing. The runs are
    spread over the cores (--jobs), one process each, with the numbers of a run alone."""
    from ..formats.training import csv_rows, result_record

    mode = output_mode(output)
    options = dict(task=task, depth=depth, width=width, init=init, optimizer=optimizer, lr=lr, steps=steps,
                   seeds=seeds, batch=batch, measure_every=measure_every, slopes=slopes)
    parameter, values = parse_sweep(sweep) if sweep else (None, [None])
    settings = [{parameter: value} if parameter else {} for value in values]
    grid = _plans(specs, settings, options)
    from ..training.parallel import run_plans

    progress = LazyProgress(sum(p.steps for row in grid for p in row), "training")
    try:
        done = iter(run_plans([p for row in grid for p in row], jobs, progress.update))
    finally:
        progress.close()
    results = [[next(done) for _ in row] for row in grid]
    runs = [(result, setting) for row in results for result, setting in zip(row, settings)]
    if mode in DATA:
        print_data([result_record(r, target_loss, s) for r, s in runs], mode,
                   lambda _records: [row for r, s in runs for row in csv_rows(r, s)])
        return
    output = picture_output(output, mode)
    flat = [r for r, _ in runs]
    if output.terminal:
        from ..terminal.training import render_training

        typer.echo(render_training(flat))
    if output.wants_figure:
        from ..plotting.training import sweep_figure, train_figure

        if parameter:
            fig = sweep_figure(results, parameter, values, size=output.figure_size(), theme=output.theme)
        else:
            fig = train_figure(flat, size=output.figure_size(), theme=output.theme)
        write(fig, output, "train-" + "-".join(r[0].activation.split(":")[0] for r in results)
              + (f"-sweep-{parameter}" if parameter else ""))
    for result, setting in runs:
        typer.echo(summary_text(result, setting, target_loss))


def _spread(values: dict) -> str:
    if values["median"] is None:
        return "–"
    return f"{values['median']:.3g} [{values['min']:.3g}, {values['max']:.3g}]"


def summary_text(result, setting: dict, target_loss: float) -> str:  # noqa: ANN001  (a TrainResult)
    """Three lines per run, each number the median [min, max] over seeds."""
    from ..training.summary import summary

    numbers = summary(result, target_loss)
    where = "".join(f", {k}={v}" for k, v in setting.items())
    lines = [f"{result.activation}{where} ({len(result.seeds)} seeds, median [min, max]):",
             f"  steps to training loss <= {target_loss:g}: {_spread(numbers['steps_to_target'])} "
             f"({numbers['seeds_reaching_target']} of {len(result.seeds)} seeds reach it)",
             f"  final loss {_spread(numbers['final_train_loss'])}, held-out accuracy "
             f"{_spread(numbers['final_test_accuracy'])}",
             f"  dead fraction: peak {_spread(numbers['peak_dead_fraction'])}, "
             f"final {_spread(numbers['final_dead_fraction'])}"]
    diverged = [(seed, at) for seed, at in zip(result.seeds, result.diverged_at) if at is not None]
    if diverged:
        lines.append(textwrap.fill("diverged (loss inf or nan): " + ", ".join(f"seed {s} at step {at}" for s, at in diverged)
                                   + "; its measurements up to there are kept", width=78,
                                   initial_indent="  ", subsequent_indent="  "))
    return "\n".join(lines)
