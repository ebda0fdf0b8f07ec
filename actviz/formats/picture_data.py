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


def saturation_csv_rows(record: dict) -> list[dict]:
    """Rows of :func:`saturation_record` in two blocks told apart by ``panel``:
    ``slope`` rows (x, abs_df) and ``share`` rows (sigma, saturated_share, dead_share)."""
    rows = []
    for curve in record["curves"]:
        for x, slope in zip(record["x"], curve["abs_df"]):
            rows.append({"activation": curve["activation"], "panel": "slope", "x": x, "abs_df": slope,
                         "sigma": None, "saturated_share": None, "dead_share": None})
        for sigma, saturated, dead in zip(record["sigma"], curve["saturated_share"], curve["dead_share"]):
            rows.append({"activation": curve["activation"], "panel": "share", "x": None, "abs_df": None,
                         "sigma": sigma, "saturated_share": saturated, "dead_share": dead})
    return rows
