"""Errors measured in the catalogue's units.

One unit is one rounding of the result plus the change one rounding of the
input causes::

    unit(x) = ulp(ref) + eps * |x * g'(x)|        (g = f, f' or f'')

with eps = 2**-53 (float64) or 2**-24 (float32), and ulp(ref) taken as the
smallest normal number when |ref| is below it (subnormals may flush to zero).
Infinite references (overflow) must be matched exactly.
"""

from __future__ import annotations

import numpy as np

from .tables import Table

BOUND = {0: 4.0, 1: 4.0, 2: 64.0}
"""Allowed worst error in units for f, f' and f''."""


def ulp(value: np.ndarray, dtype: np.dtype) -> np.ndarray:
    info = np.finfo(dtype)
    magnitude = np.abs(value).astype(dtype)
    return np.maximum(np.spacing(magnitude).astype(np.float64), float(info.tiny))


def errors(table: Table, order: int, y: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """|y - ref| / unit at each grid point of ``table`` (inf where y is nan and ref is not)."""
    eps = float(np.finfo(dtype).eps) / 2
    ref_hi, ref_lo = table.hi[order], table.lo[order]
    y = y.astype(np.float64)
    # The test harness, not the library, meets huge products here: x*g' may overflow
    # to inf, which only makes the allowance infinite (ref below is then overflowed too).
    with np.errstate(over="ignore", invalid="ignore"):
        ref_cast = ref_hi.astype(dtype).astype(np.float64)
        overflowed = np.isinf(ref_cast)
        unit = ulp(ref_hi, dtype) + eps * np.abs(table.x * table.hi[order + 1])
        diff = np.abs((y - ref_hi) - ref_lo)
        err = np.where(overflowed, np.where(y == ref_cast, 0.0, np.inf), diff / unit)
    return np.where(np.isnan(y), np.inf, np.nan_to_num(err, nan=0.0, posinf=np.inf))


def table_errors(table: Table, act, dtype: np.dtype):  # noqa: ANN001  (an actviz.Activation)
    """For each order 0, 1, 2: (order, x, y, err) at the points of ``table`` that ``dtype``
    represents exactly, y = act's f, f' or f'' there in ``dtype`` and err its error in units."""
    keep = np.abs(table.x) <= np.finfo(dtype).max
    keep[keep] = table.x[keep].astype(dtype) == table.x[keep]
    x = table.x[keep].astype(dtype)
    for order in range(3):
        y = np.zeros(len(table.x), dtype=dtype)
        y[keep] = act(x) if order == 0 else act.derivative(x, order)
        yield order, x, y[keep], errors(table, order, y, dtype)[keep]
