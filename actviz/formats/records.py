"""Results as plain rows for scripts: JSON objects and flat CSV rows (written by
:func:`actviz.formats.delimited.to_csv`).

JSON has no infinity or nan, so those become ``null``; a gradient norm too small
or too large for float64 is ``null`` too, next to its base-10 logarithm, which
always fits.
"""

from __future__ import annotations

import math

import numpy as np

from ..entry import Entry
from ..propagation.montecarlo import StackRun
from ..propagation.phase import PhaseDiagram
from ..propagation.theory import MeanField, Profile

_LN10 = math.log(10.0)


def finite_or_none(value: float) -> float | None:
    """``value`` as a float, or None if it is infinite or nan."""
    value = float(value)
    return value if math.isfinite(value) else None


def log10_positive(values: np.ndarray) -> np.ndarray:
    """log10 of the positive finite entries, nan elsewhere (0 after an underflow, inf after an overflow)."""
    good = (values > 0) & np.isfinite(values)
    return np.log10(values, out=np.full(values.shape, np.nan), where=good)


def _norm(log_value: float) -> tuple[float | None, float | None]:
    """(norm, log10 norm) from a natural log; the norm is None where float64 cannot hold it."""
    if log_value == -math.inf:
        return 0.0, None
    if not math.isfinite(log_value):
        return None, None
    norm = math.exp(log_value) if -708.0 < log_value < 709.0 else None
    return norm, log_value / _LN10


def layer_rows(run: StackRun, predicted: Profile) -> list[dict]:
    """One dict per layer 0 (input) .. top: the measurements and the theory beside them."""
    rows = []
    for layer in range(run.top + 1):
        grad, log10_grad = _norm(run.log_grad_norm[layer])
        theory_grad, theory_log10 = _norm(predicted.log_grad_norm[layer])
        rows.append({
            "layer": layer,
            "q": finite_or_none(run.q[layer]),
            "grad_norm": grad,
            "log10_grad_norm": log10_grad,
            "saturated_fraction": float(run.saturated_fraction[layer]),
            "dead_fraction": float(run.dead_fraction[layer]),
            "activation_mean": finite_or_none(run.activation_mean[layer]),
            "activation_var": finite_or_none(run.activation_var[layer]),
            "theory_q": finite_or_none(predicted.q[layer]),
            "theory_grad_norm": theory_grad,
            "theory_log10_grad_norm": theory_log10,
        })
    return rows


def run_record(run: StackRun, theory: MeanField, predicted: Profile, init: str) -> dict:
    """The JSON object of one run: its settings, ``layers`` and ``theory``."""
    return {
        "activation": run.activation,
        "params": dict(run.params),
        "depth": run.depth,
        "width": run.width,
        "batch": run.batch,
        "sigma_w2": run.sigma_w2,
        "sigma_b2": run.sigma_b2,
        "init": init,
        "weights": run.weights,
        "seed": run.seed,
        "saturation_threshold": run.saturation_threshold,
        "stopped_at": run.stopped_at,
        "dtype": run.dtype,
        "stop_reason": run.stop_reason,
        "layers": layer_rows(run, predicted),
        "theory": theory.to_dict(),
    }


_THEORY_COLUMNS = ("regime", "phase", "q_star", "chi1", "chi_q", "xi_q", "c_star", "xi_c")


def run_csv_rows(record: dict) -> list[dict]:
    """Flat rows (one per layer) of :func:`run_record`, the settings and theory repeated."""
    settings = {k: record[k] for k in ("activation", "sigma_w2", "sigma_b2", "init", "width", "batch", "seed")}
    theory = {f"theory_{k}": record["theory"][k] for k in _THEORY_COLUMNS}
    return [{**settings, **layer, **theory} for layer in record["layers"]]


def theory_csv_rows(records: list[dict]) -> list[dict]:
    """Flat rows of :meth:`MeanField.to_dict` objects (params and notes as text)."""
    return [{**{k: v for k, v in r.items() if k not in ("params", "notes")},
             "params": ";".join(f"{k}={v:g}" for k, v in r["params"].items()), "notes": " | ".join(r["notes"])}
            for r in records]


def phase_record(diagram: PhaseDiagram) -> dict:
    """The JSON object of a phase diagram: the grid axes, chi_1 and xi_c on the grid
    (rows along sigma_b^2), and the edge of chaos; null where a value is not finite."""
    return {
        "activation": diagram.activation,
        "sigma_w2": diagram.sigma_w2.tolist(),
        "sigma_b2": diagram.sigma_b2.tolist(),
        "chi1": [[finite_or_none(v) for v in row] for row in diagram.chi1],
        "xi_c": [[finite_or_none(v) for v in row] for row in diagram.xi_c],
        "edge_of_chaos": [{"sigma_b2": float(b), "sigma_w2": finite_or_none(w)}
                          for b, w in zip(diagram.critical_sigma_b2, diagram.critical_sigma_w2)],
    }


def phase_csv_rows(record: dict) -> list[dict]:
    """One row per grid point of :func:`phase_record`: ``sigma_w2, sigma_b2, chi1, xi_c``
    (empty where not finite)."""
    return [{"activation": record["activation"], "sigma_w2": w2, "sigma_b2": b2, "chi1": chi1, "xi_c": xi}
            for b2, chi_row, xi_row in zip(record["sigma_b2"], record["chi1"], record["xi_c"])
            for w2, chi1, xi in zip(record["sigma_w2"], chi_row, xi_row)]


def entry_record(entry: Entry) -> dict:
    """The JSON object of a catalogue entry in ``actviz list``: name, family, whether
    it is pointwise, its default parameters and its aliases."""
    return {
        "name": entry.name,
        "family": entry.family,
        "pointwise": entry.pointwise,
        "params": entry.defaults,
        "aliases": list(entry.aliases),
    }


def _exp_or_none(log_value: float) -> float | None:
    """exp of a natural log as a float (0 for -inf), None where float64 cannot hold it."""
    return _norm(log_value)[0]


def density_record(run, density) -> dict:  # noqa: ANN001  (SpectrumRun, DensityPrediction or None)
    """The spectrum at the deepest recorded depth as densities of log10 lambda: the Monte Carlo
    histogram (every seed pooled; lambda below float64's resolution count as 0 and are missing
    from its area, as the prediction's atom at 0 is missing from its curve) and, where there
    is one, the free-probability prediction at the same lambda range (None otherwise)."""
    every = run.log_lambdas[-1]
    logs = every[every >= run.log_resolution[-1][:, None]] / _LN10
    logs = logs[np.isfinite(logs)]
    edges = np.histogram_bin_edges(logs, bins=40) if logs.size else np.array([])
    # a density of log10 lambda over every lambda: the zeros' share is missing from its area
    counts = np.histogram(logs, bins=edges, density=True)[0] * (logs.size / every.size) if logs.size else np.array([])
    record = {"depth": run.depths[-1], "measured_log10_lambda_edges": edges.tolist(),
              "measured_log10_density": counts.tolist(), "measured_count": int(logs.size),
              "predicted_lambda": None, "predicted_density": None, "predicted_log10_density": None}
    if density is not None:
        record.update({"predicted_lambda": density.lambdas.tolist(),
                       "predicted_density": [finite_or_none(v) for v in density.density],
                       "predicted_log10_density": [finite_or_none(v) for v in density.log10_density()]})
    return record


def spectrum_record(run, prediction, init: str, density=None) -> dict:  # noqa: ANN001
    """The JSON object of one spectrum run (a SpectrumRun and its SpectrumPrediction): settings
    and one row per recorded depth with the measured statistics of lambda = s^2 and the
    free-probability prediction beside them, and under ``density`` the whole spectrum at the
    deepest depth, measured and predicted (:func:`density_record`; ``density`` a
    DensityPrediction or None)."""
    from ..propagation.spectrum import QUANTILES, summarise

    rows = []
    for stats in summarise(run):
        index = stats.depth - 1
        log_mean, spread = float(prediction.log_mean[index]), float(prediction.relative_variance[index])
        mean, second = _exp_or_none(stats.log_mean), _exp_or_none(stats.log_second_moment)
        rows.append({
            "depth": stats.depth,
            "mean": mean,
            "mean_stderr": finite_or_none(stats.mean_stderr * mean) if mean is not None else None,
            "second_moment": second,
            "second_moment_stderr": finite_or_none(stats.second_moment_stderr * second) if second is not None else None,
            "variance": finite_or_none(stats.relative_variance * mean * mean) if mean is not None else None,
            "variance_stderr": finite_or_none(stats.relative_variance_stderr * mean * mean) if mean is not None else None,
            "median": _exp_or_none(stats.log_median),
            "quantile_low": _exp_or_none(stats.log_quantile_low),
            "quantile_high": _exp_or_none(stats.log_quantile_high),
            "min": _exp_or_none(stats.log_min),
            "max": _exp_or_none(stats.log_max),
            "resolution": _exp_or_none(stats.log_resolution),
            "zero_fraction": stats.zero_fraction,
            "predicted_mean": _exp_or_none(log_mean),
            "predicted_second_moment": _exp_or_none(2.0 * log_mean + math.log1p(spread)),
            "predicted_variance": _exp_or_none(2.0 * log_mean + math.log(spread)) if spread > 0 else 0.0,
            "q": finite_or_none(prediction.q[index]),
            "mu1": finite_or_none(prediction.mu1[index]),
            "mu2": finite_or_none(prediction.mu2[index]),
        })
    return {
        "activation": run.activation, "weights": run.weights, "init": init, "sigma_w2": run.sigma_w2,
        "sigma_b2": run.sigma_b2, "q0": run.q0, "depth": run.depths[-1], "width": run.width, "seeds": run.seeds,
        "quantiles": list(QUANTILES), "depths": rows, "density": density_record(run, density),
    }


def spectrum_csv_rows(records: list[dict]) -> list[dict]:
    """Flat rows (one per activation and depth) of :func:`spectrum_record` objects."""
    keys = ("activation", "weights", "init", "sigma_w2", "sigma_b2", "q0", "width", "seeds")
    return [{**{k: record[k] for k in keys}, **row} for record in records for row in record["depths"]]
