"""``actviz spectrum`` (the input-output Jacobian's singular values through depth, measured and
predicted by free probability) and ``actviz cmap`` (the correlation map, optionally shaped
the Deep Kernel Shaping way)."""

from __future__ import annotations

from typing import Annotated

import typer

from ..specs import get
from ..errors import ActvizError
from .base import app
from .data import DATA as _DATA
from .data import DataFormatOpt, output_mode, picture_output, print_data
from .output import Output, with_output_options, write
from .progress import LazyProgress
from .propagation import SigmaB2Opt, SigmaW2Opt, SpecsArg, _init_for

DEFAULT_Q_STAR = 0.25
"""Without --init, --sigma-w2, --sigma-b2 or --q-star: the critical initialisation with this q*."""

InitOpt = Annotated[str | None, typer.Option(
    "--init", help="critical (chi_1 = 1 at --sigma-b2), xavier (glorot), he (kaiming), lecun or orthogonal.")]


def _setting(act, init: str | None, sigma_w2: float | None, sigma_b2: float | None,  # noqa: ANN001
             q_star: float | None) -> tuple[str, float, float, float | None]:
    """(scheme, sigma_w^2, sigma_b^2, input q or None for the default) of one activation."""
    from ..propagation import resolve_init
    from ..propagation.spectrum import critical_at_q_star

    if q_star is None and init is None and sigma_w2 is None and sigma_b2 is None:
        q_star = DEFAULT_Q_STAR
    if q_star is not None:
        if sigma_w2 is not None or sigma_b2 is not None or init not in (None, "critical"):
            raise ActvizError("--q-star sets a critical initialisation by itself: drop --init, --sigma-w2 and --sigma-b2")
        return ("critical", *critical_at_q_star(act, q_star), q_star)
    chosen = resolve_init(act, "critical" if init is None and sigma_w2 is None else init, sigma_w2, sigma_b2)
    return chosen.scheme, chosen.sigma_w2, chosen.sigma_b2, None


@app.command("spectrum")
@with_output_options(fmt=DataFormatOpt, data_formats=_DATA)
def spectrum_command(
    specs: SpecsArg,
    depth: Annotated[int, typer.Option("--depth", min=1, help="Number of layers L.")] = 64,
    width: Annotated[int, typer.Option("--width", min=2, help="Units per layer N.")] = 256,
    weights: Annotated[str, typer.Option("--weights", help="orthogonal (Haar) or gaussian.")] = "orthogonal",
    init: InitOpt = None,
    sigma_w2: SigmaW2Opt = None,
    sigma_b2: SigmaB2Opt = None,
    q_star: Annotated[float | None, typer.Option(
        "--q-star", help="Critical initialisation with this fixed point q* (solves sigma_w^2 and sigma_b^2, "
                         "as Pennington et al. 2017 do); the default, at q* = 0.25, when no --init, --sigma-w2 "
                         "or --sigma-b2 is given.")] = None,
    seeds: Annotated[int, typer.Option("--seeds", min=1, help="Independent networks (seeds 0, 1, ...).")] = 3,
    *,
    output: Output,
) -> None:
    """Squared singular values lambda = s^2 of the input-output Jacobian J = prod D_l W_l of a
    deep random stack, by Monte Carlo: median, 10-90% band, min and max through depth, with
    the free-probability mean and variance (Pennington, Schoenholz & Ganguli 2017, 2018)
    beside them. --format json or csv prints every number instead of drawing."""
    from ..formats.records import spectrum_csv_rows, spectrum_record
    from ..propagation.spectrum import input_length, predict_spectrum, simulate_spectrum

    mode = output_mode(output)
    if init == "orthogonal" and weights == "gaussian":
        raise ActvizError("--init orthogonal draws orthogonal weights: drop --weights gaussian")
    acts = [get(spec) for spec in specs]
    settings = [_setting(act, init, sigma_w2, sigma_b2, q_star) for act in acts]
    q0 = [q if q is not None else input_length(act, w2, b2) for act, (_, w2, b2, q) in zip(acts, settings)]
    progress = LazyProgress(seeds * depth, "Jacobian products")
    try:
        runs = simulate_spectrum(acts, [(w2, b2) for _, w2, b2, _ in settings], depth=depth, width=width,
                                 weights=weights, seeds=seeds, q0=q0, progress=progress.update)
    finally:
        progress.close()
    records = []
    for act, run, (scheme, w2, b2, _), q in zip(acts, runs, settings, q0):
        prediction = predict_spectrum(act, depth=depth, sigma_w2=w2, sigma_b2=b2, weights=weights, q0=q)
        records.append(spectrum_record(run, prediction, scheme, _density(act, run, w2, b2, q)))

    def panels():  # noqa: ANN202
        from ..terminal.spectrum import spectrum_panels

        return spectrum_panels(records)

    def figure(output: Output):  # noqa: ANN202
        from ..plotting.spectrum import spectrum_figure

        return spectrum_figure(records, size=output.figure_size(), theme=output.theme)

    if _emit(output, mode, records, spectrum_csv_rows, panels, figure, "spectrum-" + "-".join(a.name for a in acts)):
        for record in records:
            typer.echo(_spectrum_summary(record))


def _density(act, run, sigma_w2: float, sigma_b2: float, q0: float):  # noqa: ANN001, ANN202
    """The free-probability density at the deepest depth over the measured lambda range, where
    every layer sits at the length map's fixed point (inputs at q*); None elsewhere."""
    import math

    import numpy as np

    from ..propagation.free import predict_density
    from ..propagation.theory import fixed_point

    point = fixed_point(act, sigma_w2, sigma_b2, q0)
    if point.regime not in ("fixed point", "line") or not math.isclose(point.q_star, q0, rel_tol=1e-9):
        return None
    logs = run.log_lambdas[-1]
    logs = logs[np.isfinite(logs) & (logs >= run.log_resolution[-1][:, None])]
    if logs.size < 2 or logs.max() <= logs.min():
        return None
    low, high = float(np.exp(logs.min() - 1.0)), float(np.exp(logs.max() + 1.0))
    return predict_density(act, depth=run.depths[-1], sigma_w2=sigma_w2, q_star=q0, weights=run.weights,
                           lambda_range=(low, high))


def _emit(output: Output, mode: str, records: list[dict], csv_rows, panels, figure, stem: str) -> bool:  # noqa: ANN001
    """Print ``records`` (json/csv) or draw: ``panels()`` in the terminal, ``figure(output)``
    to a file or window named ``stem``. True when something was drawn (then the command
    prints its summary)."""
    if mode in _DATA:
        print_data(records, mode, csv_rows)
        return False
    output = picture_output(output, mode)
    if output.terminal:
        from ..terminal.canvas import render

        typer.echo(render(panels()))
    if output.wants_figure:
        write(figure(output), output, stem)
    return True


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.4g}"


def _spectrum_summary(record: dict) -> str:
    """Two lines per activation: the setting, then the spectrum at the top against the theory."""
    top = record["depths"][-1]
    error = f" ± {_number(top['mean_stderr'])}" if top["mean_stderr"] is not None else ""
    lines = [f"{record['activation']} ({record['weights']} weights, {record['init']}: sigma_w^2 = "
             f"{record['sigma_w2']:.6g}, sigma_b^2 = {record['sigma_b2']:.6g}, q0 = {record['q0']:.4g})",
             f"  depth {top['depth']}: mean {_number(top['mean'])}{error} (theory {_number(top['predicted_mean'])}), "
             f"Var {_number(top['variance'])} (theory {_number(top['predicted_variance'])}), median "
             f"{_number(top['median'])}, 10-90% [{_number(top['quantile_low'])}, {_number(top['quantile_high'])}], "
             f"max {_number(top['max'])}"]
    if top["zero_fraction"] > 0:
        lines.append(f"  {top['zero_fraction']:.0%} of lambda are 0 to float64's resolution {_number(top['resolution'])} "
                     "(too small for float64 beside the largest; for rectifiers, units off in some layer "
                     "leave J an exact null space)")
    return "\n".join(lines)


@app.command("cmap")
@with_output_options(fmt=DataFormatOpt, data_formats=_DATA)
def cmap_command(
    specs: SpecsArg,
    init: Annotated[str | None, typer.Option(
        "--init", help="xavier (default), he, lecun, orthogonal or critical; or --sigma-w2/--sigma-b2.")] = None,
    sigma_w2: SigmaW2Opt = None,
    sigma_b2: SigmaB2Opt = None,
    points: Annotated[int, typer.Option("--points", min=3, max=10001, help="Values of c in [-1, 1].")] = 81,
    zeta: Annotated[float | None, typer.Option(
        "--shape", help="Shape each activation the Deep Kernel Shaping way for C'(1) = ZETA (> 1) and draw "
                        "the shaped maps (sigma_w^2 = 1, sigma_b^2 = 0).")] = None,
    beta: Annotated[float, typer.Option("--beta", help="Input shift beta of the shaped activation.")] = 0.0,
    *,
    output: Output,
) -> None:
    """The correlation map C(c) of the mean-field theory (the dual kernel), its slope C'(1) =
    chi_1, C(0) and the fixed point c*, for several activations on one figure. --shape ZETA
    prints, per activation, gamma*(phi(alpha*x + beta) + delta) with Q(1) = 1, C(0) = 0 and
    C'(1) = ZETA (Martens et al. 2021) as a spec every command accepts."""
    from ..propagation.kernel import correlation_map, shape

    mode = output_mode(output)
    acts = [get(spec) for spec in specs]
    shaped = []
    if zeta is not None:
        if init is not None or sigma_w2 is not None or sigma_b2 is not None:
            raise ActvizError("--shape works at sigma_w^2 = 1, sigma_b^2 = 0: drop --init, --sigma-w2 and --sigma-b2")
        shaped = [shape(act, zeta, beta) for act in acts]
        maps = [correlation_map(get(s.spec), 1.0, 0.0, points) for s in shaped]
    else:
        maps = []
        for act in acts:
            chosen = _init_for(act, init, sigma_w2, sigma_b2)
            maps.append(correlation_map(act, chosen.sigma_w2, chosen.sigma_b2, points))
    records = [{**m.to_dict(), **({"shaped": s.to_dict()} if shaped else {})}
               for m, s in zip(maps, shaped or [None] * len(maps))]
    labels = [f"{act.name} shaped (β={beta:g})" for act in acts] if shaped else None

    def figure(output: Output):  # noqa: ANN202
        from ..plotting.spectrum import cmap_figure

        return cmap_figure(maps, size=output.figure_size(), theme=output.theme, labels=labels)

    def panels():  # noqa: ANN202
        from ..terminal.spectrum import cmap_panels

        return cmap_panels(maps)

    if not _emit(output, mode, records, _cmap_rows, panels, figure, "cmap-" + "-".join(act.name for act in acts)):
        return
    for act, m, s in zip(acts, maps, shaped or [None] * len(maps)):
        line = f"{act.spec}: C(0) = {m.c0:.6g}, C'(1) = chi_1 = {m.chi1:.6g}, c* = {m.c_star:.6g} (q = {m.q:.6g})"
        if s is not None:
            line = f"{act.spec} shaped: {s.spec}\n  " + line.split(": ", 1)[1]
        typer.echo(line)


def _cmap_rows(records: list[dict]) -> list[dict]:
    """One CSV row per activation and c."""
    rows = []
    for record in records:
        head = {k: record[k] for k in ("activation", "sigma_w2", "sigma_b2", "q", "c0", "chi1", "c_star")}
        if "shaped" in record:
            head["shaped_spec"] = record["shaped"]["spec"]
        rows += [{**head, "c": c, "C": value, "slope": slope}
                 for c, value, slope in zip(record["c"], record["C"], record["slope"])]
    return rows
