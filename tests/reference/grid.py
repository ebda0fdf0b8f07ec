"""The inputs every catalogue function is checked at.

The whole float64 line: every fifth decade from 1e-300 to 1e308 and the largest
double on both sides, a fine linear grid over [-50, 50] where activations have
their features, irregular points (so nothing lands only on round numbers),
the overflow edges of exp (±709, ±710, ±745, ±750) and each function's kinks
approached from both sides. Points inside the float32 range are float32
numbers, so the same table checks float32 input too.
"""

from __future__ import annotations

import numpy as np

FLOAT32_MAX = float(np.finfo(np.float32).max)


def _as_float32_where_possible(x: np.ndarray) -> np.ndarray:
    inside = (np.abs(x) <= FLOAT32_MAX) & ((np.abs(x) >= float(np.finfo(np.float32).tiny)) | (x == 0))
    rounded = x.copy()
    rounded[inside] = x[inside].astype(np.float32)
    return rounded


def common_grid() -> np.ndarray:
    """The sorted inputs shared by every function (about 700 points)."""
    decades = 10.0 ** np.arange(-300, 309, 5)
    edges = np.array([20.0, 40.0, 100.0, 709.0, 709.78, 710.0, 745.0, 750.0, 1e4, 1e300, np.finfo(float).max])
    linear = np.linspace(-50.0, 50.0, 401)
    rng = np.random.default_rng(20261122)
    irregular = np.sinh(rng.uniform(-6.0, 6.0, 160))  # |x| up to ~200, dense near 0
    points = np.concatenate([decades, -decades, edges, -edges, linear, irregular, [0.0]])
    return np.unique(_as_float32_where_possible(points))


def grid_for(kinks: list[float], extra_points: tuple[float, ...] = ()) -> np.ndarray:
    """The common grid, plus points just beside each kink and ``extra_points``,
    minus the kinks themselves (their conventions are tested separately)."""
    offsets = np.array([1e-12, 1e-6, 1e-3, 0.1])
    near = [k + s * offsets * max(1.0, abs(k)) for k in kinks for s in (-1.0, 1.0)]
    points = np.concatenate([common_grid(), np.asarray(extra_points, dtype=float), *near])
    points = np.unique(_as_float32_where_possible(points))
    return points[~np.isin(points, np.asarray(kinks, dtype=float))]


def edge_grid(kinks: list[float], scales: list[float], extra_points: tuple[float, ...] = ()) -> np.ndarray:
    """The inputs of the parameter-edge tables (about 200 points): both signs of
    0, subnormals, every tenth decade from 1e-300 to 1e300 and the largest double,
    the round numbers from 0.5 to 50, exp's overflow edges, a few irregular
    points, and for each parameter size ``s`` the points where it puts the
    features (s/2, s, 2s and their reciprocals), plus the points beside each kink
    and ``extra_points``, minus the kinks themselves."""
    decades = 10.0 ** np.arange(-300, 301, 10)
    round_numbers = np.array([0.5, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0, 20.0, 40.0, 50.0])
    edges = np.array([5e-324, 1e-310, 709.0, 710.0, 745.0, 750.0, 1e4, np.finfo(float).max])
    rng = np.random.default_rng(20261206)
    irregular = np.sinh(rng.uniform(-6.0, 6.0, 12))
    with np.errstate(over="ignore", divide="ignore"):  # 1/5e-324 and 2 * 1e308 are inf: dropped below
        at_scales = np.array([[s / 2, s, 2 * s, 0.5 / s, 1 / s, 2 / s] for s in scales if s]).ravel()
    positive = np.concatenate([decades, round_numbers, edges, at_scales])
    offsets = np.array([1e-12, 1e-6, 1e-3, 0.1])
    with np.errstate(over="ignore"):  # beside a kink at 1.7e308 the outer points are inf: dropped below
        near = [k + s * offsets * max(1.0, abs(k)) for k in kinks for s in (-1.0, 1.0)]
    points = np.concatenate([positive, -positive, irregular, [0.0], np.asarray(extra_points, dtype=float), *near])
    points = np.unique(_as_float32_where_possible(points[np.isfinite(points)]))
    return points[~np.isin(points, np.asarray(kinks, dtype=float))]
