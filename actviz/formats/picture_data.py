"""The numbers behind each picture, as a JSON object and as flat CSV rows, for
people who redraw in pgfplots or their own matplotlib (``--format json|csv``).

Every function takes what the picture is drawn from and returns plain Python
(floats at full precision; ``None``, JSON's null, where a value is not finite).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .records import finite_or_none

CURVE_COLUMNS = ("f", "df", "d2f")  # the names of f, f', f'' in records


def _values(array: np.ndarray) -> list[float | None]:
    return [finite_or_none(v) for v in np.asarray(array, dtype=np.float64)]


def curves_record(acts: Sequence, orders: Sequence[int], x: np.ndarray) -> dict:
    """``{"x": [...], "curves": [{"activation", "spec", "f", "df", ...}]}``: each
    activation's f (order 0), f' (1) and f'' (2) as drawn, at the grid ``x``."""
    x = np.asarray(x, dtype=np.float64)
    curves = []
    for act in acts:
        curve = {"activation": act.label, "spec": act.spec}
        for order in orders:
            curve[CURVE_COLUMNS[order]] = _values(act(x) if order == 0 else act.derivative(x, order))
        curves.append(curve)
    return {"x": _values(x), "curves": curves}


def curves_csv_rows(record: dict) -> list[dict]:
    """One row per activation and x of :func:`curves_record`: ``activation, x, f, df, ...``."""
    rows = []
    for curve in record["curves"]:
        columns = [c for c in CURVE_COLUMNS if c in curve]
        for i, x in enumerate(record["x"]):
            rows.append({"activation": curve["activation"], "x": x, **{c: curve[c][i] for c in columns}})
    return rows


def difference_record(first, second, differences: Sequence) -> dict:  # noqa: ANN001
    """``compare A B --diff``: A, B, the kind of error and, for f and f', the x grid,
    the error there and its largest magnitude with where it is reached."""
    panels = []
    for difference in differences:
        largest, where = difference.largest
        panels.append({"order": difference.order, "x": _values(difference.x), "error": _values(difference.error),
                       "max_abs_error": finite_or_none(largest), "at_x": finite_or_none(where)})
    return {"a": first.label, "b": second.label, "kind": differences[0].kind, "panels": panels}


def difference_csv_rows(record: dict) -> list[dict]:
    """One row per x of :func:`difference_record`: ``x, error_f, error_df``
    (the two panels share their grid)."""
    f, df = record["panels"]
    return [{"x": x, "error_f": e0, "error_df": e1} for x, e0, e1 in zip(f["x"], f["error"], df["error"])]


def saturation_record(threshold: float, x: np.ndarray, acts: Sequence, slopes: Sequence[np.ndarray],
                      sigmas: np.ndarray, shares: Sequence[tuple[np.ndarray, np.ndarray]]) -> dict:
    """``actviz saturation``: |f'| on the grid ``x`` for each activation, and the share
    of z ~ N(0, σ²) saturated (|f'| < threshold) and dead (f' = 0) at each σ."""
    return {
        "threshold": float(threshold),
        "x": _values(x),
        "sigma": _values(sigmas),
        "curves": [{"activation": act.label, "spec": act.spec, "abs_df": _values(np.abs(slope)),
                    "saturated_share": _values(saturated), "dead_share": _values(dead)}
                   for act, slope, (saturated, dead) in zip(acts, slopes, shares)],
    }


def one_table(rows: Sequence[dict]) -> list[dict]:
    """Rows of several shapes as one CSV table: every row gets every column (in the
    order first seen), empty (None) where it has no value."""
    columns = list(dict.fromkeys(key for row in rows for key in row))
    return [{column: row.get(column) for column in columns} for row in rows]


def saturation_csv_rows(record: dict) -> list[dict]:
    """Rows of :func:`saturation_record` in two blocks told apart by ``panel``:
    ``slope`` rows (x, abs_df) and ``share`` rows (sigma, saturated_share, dead_share)."""
    rows = []
    for curve in record["curves"]:
        name = curve["activation"]
        rows += [{"activation": name, "panel": "slope", "x": x, "abs_df": slope}
                 for x, slope in zip(record["x"], curve["abs_df"])]
        rows += [{"activation": name, "panel": "share", "sigma": sigma, "saturated_share": saturated, "dead_share": dead}
                 for sigma, saturated, dead in zip(record["sigma"], curve["saturated_share"], curve["dead_share"])]
    return one_table(rows)


def _matrix(values: np.ndarray) -> list[list[float | None]]:
    return [_values(row) for row in np.atleast_2d(values)]


def softmax_record(temperature: float, logits: np.ndarray, probabilities: np.ndarray, log_probabilities: np.ndarray,
                   jacobian: np.ndarray, sweep: tuple[np.ndarray, np.ndarray],
                   two_logits: tuple[np.ndarray, np.ndarray]) -> dict:
    r"""``actviz softmax``: the bars (p and log p per logit), the Jacobian
    :math:`\partial p_i/\partial z_j`, p at each temperature of the sweep, and the
    two-logit case :math:`\mathrm{softmax}([x, 0])_1` against the difference x."""
    return {
        "temperature": float(temperature), "logits": _values(logits), "probabilities": _values(probabilities),
        "log_probabilities": _values(log_probabilities), "jacobian": _matrix(jacobian),
        "temperature_sweep": {"temperature": _values(sweep[0]), "probabilities": _matrix(sweep[1])},
        "two_logits": {"difference": _values(two_logits[0]), "p1": _values(two_logits[1])},
    }


def softmax_csv_rows(record: dict) -> list[dict]:
    """Rows of :func:`softmax_record` by ``panel``: ``bars`` (i, logit, probability,
    log_probability), ``jacobian`` (i, j, value), ``sweep`` (temperature, i, probability)
    and ``two_logits`` (difference, probability); i and j count from 1."""
    rows = [{"panel": "bars", "i": i + 1, "logit": z, "probability": p, "log_probability": log_p}
            for i, (z, p, log_p) in enumerate(zip(record["logits"], record["probabilities"], record["log_probabilities"]))]
    rows += [{"panel": "jacobian", "i": i + 1, "j": j + 1, "value": value}
             for i, row in enumerate(record["jacobian"]) for j, value in enumerate(row)]
    sweep = record["temperature_sweep"]
    rows += [{"panel": "sweep", "temperature": t, "i": i + 1, "probability": p}
             for t, row in zip(sweep["temperature"], sweep["probabilities"]) for i, p in enumerate(row)]
    two = record["two_logits"]
    rows += [{"panel": "two_logits", "difference": x, "probability": p} for x, p in zip(two["difference"], two["p1"])]
    return one_table(rows)


def glu_record(name: str, grid: np.ndarray, values: np.ndarray, x: np.ndarray, diagonal: np.ndarray,
               gate: np.ndarray) -> dict:
    """``actviz glu``: f(a, b) on the square grid (rows along the gate input b), and the
    diagonal f(x, x) with the gate g(x)."""
    return {"activation": name, "grid": _values(grid), "values": _matrix(values),
            "diagonal": {"x": _values(x), "f": _values(diagonal), "gate": _values(gate)}}


def glu_csv_rows(record: dict) -> list[dict]:
    """Rows of :func:`glu_record` by ``panel``: ``map`` (a, b, f) and ``diagonal`` (x, f, gate)."""
    grid = record["grid"]
    rows = [{"panel": "map", "a": a, "b": b, "f": value}
            for b, row in zip(grid, record["values"]) for a, value in zip(grid, row)]
    diagonal = record["diagonal"]
    rows += [{"panel": "diagonal", "x": x, "f": f, "gate": g} for x, f, g in zip(diagonal["x"], diagonal["f"], diagonal["gate"])]
    return one_table(rows)


def maxout_record(label: str, slopes: np.ndarray, offsets: np.ndarray, x: np.ndarray, envelope: np.ndarray,
                  breakpoints: np.ndarray) -> dict:
    """``actviz maxout``: the pieces w_j x + b_j, the envelope max_j on the grid ``x``, and its breakpoints."""
    return {"activation": label, "slopes": _values(slopes), "offsets": _values(offsets), "x": _values(x),
            "envelope": _values(envelope), "breakpoints": _values(breakpoints)}


def maxout_csv_rows(record: dict) -> list[dict]:
    """One row per x of :func:`maxout_record`: x, the envelope and each piece ``piece_j``."""
    pieces = list(zip(record["slopes"], record["offsets"]))
    return [{"x": x, "envelope": f, **{f"piece_{j + 1}": w * x + b for j, (w, b) in enumerate(pieces)}}
            for x, f in zip(record["x"], record["envelope"])]


def band_record(name: str, low: float, high: float, evaluation_slope: float, x: np.ndarray, lower: np.ndarray,
                upper: np.ndarray, evaluation: np.ndarray) -> dict:
    """``actviz band``: the slope range, and on the grid ``x`` the band's edges and the evaluation-mode curve."""
    return {"activation": name, "low": float(low), "high": float(high), "evaluation_slope": float(evaluation_slope),
            "x": _values(x), "band_low": _values(lower), "band_high": _values(upper), "evaluation": _values(evaluation)}


def band_csv_rows(record: dict) -> list[dict]:
    """One row per x of :func:`band_record`: x, band_low, evaluation, band_high."""
    return [{"x": x, "band_low": a, "evaluation": e, "band_high": b}
            for x, a, e, b in zip(record["x"], record["band_low"], record["evaluation"], record["band_high"])]
