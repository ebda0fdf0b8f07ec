"""Reference tables: mpmath values of f, f', f'', f''' on the grid, stored as
double-doubles (hi + lo carries about 32 digits) in ``data/<name>.npz``.

Regenerate with ``python -m tests.reference.generate NAME [NAME...]`` (or no
name for all); ``tests/test_reference_tables.py`` recomputes random entries to
make sure a table still matches its definition.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import mpmath as mp
import numpy as np

from . import REFERENCES, derivatives, limit_derivatives
from .grid import grid_for

DATA = Path(__file__).parent / "data"
ORDERS = 4  # f, f', f'', f''' (f''' sizes the input-rounding allowance of f'')


@dataclass(frozen=True)
class Table:
    """Reference values of one activation at one parameter set."""

    name: str
    params: dict[str, float]
    x: np.ndarray  # (n,)
    hi: np.ndarray  # (ORDERS, n): float(ref)
    lo: np.ndarray  # (ORDERS, n): float(ref - hi)
    limits: np.ndarray | None  # (2, 3): f, f', f'' at -inf and +inf, or None without limits


def split(value: mp.mpf) -> tuple[float, float]:
    """A double-double (hi, lo) with hi + lo = value to about 32 digits."""
    hi = float(value)
    if not np.isfinite(hi):
        return hi, 0.0
    return hi, float(value - mp.mpf(hi))


def compute(name: str, params: dict[str, float], kinks: list[float], x: np.ndarray, far: int = 400) -> Table:
    """Evaluate the reference of ``name`` at every point of ``x`` (and its limits at ±10**far)."""
    ref = REFERENCES[name]

    def f(t: mp.mpf) -> mp.mpf:
        return ref.f(t, **params)

    hi = np.empty((ORDERS, len(x)))
    lo = np.empty((ORDERS, len(x)))
    for j, point in enumerate(x):
        values = derivatives(f, float(point), kinks, ORDERS - 1, oscillating=ref.oscillating)
        for k, value in enumerate(values):
            hi[k, j], lo[k, j] = split(value)
    limits = None
    if ref.has_limits:
        limits = np.array([limit_derivatives(f, sign, kinks, oscillating=ref.oscillating, far=far) for sign in (-1, 1)])
    return Table(name, params, x, hi, lo, limits)


def path(name: str, directory: Path = DATA) -> Path:
    return directory / f"{name}.npz"


def save(name: str, tables: list[Table], directory: Path = DATA) -> None:
    directory.mkdir(exist_ok=True)
    arrays: dict[str, np.ndarray] = {}
    for i, t in enumerate(tables):
        arrays[f"x{i}"], arrays[f"hi{i}"], arrays[f"lo{i}"] = t.x, t.hi, t.lo
        if t.limits is not None:
            arrays[f"limits{i}"] = t.limits
    meta = json.dumps([t.params for t in tables])
    np.savez_compressed(path(name, directory), meta=np.array(meta), **arrays)


def load(name: str, directory: Path = DATA, expected: list[dict[str, float]] | None = None,
         regenerate: str = "tests.reference.generate") -> list[Table]:
    """Every stored case of ``name`` in ``directory``; raises if the cases differ from
    ``expected`` (by default, the reference definition's)."""
    with np.load(path(name, directory)) as data:
        cases = json.loads(str(data["meta"]))
        if expected is None:
            expected = [dict(c) for c in REFERENCES[name].cases]
        if cases != expected:
            raise RuntimeError(f"stale table for {name}: run `python -m {regenerate} {name}`")
        return [
            Table(
                name,
                params,
                data[f"x{i}"],
                data[f"hi{i}"],
                data[f"lo{i}"],
                data[f"limits{i}"] if f"limits{i}" in data else None,
            )
            for i, params in enumerate(cases)
        ]


def kinks_of(name: str, params: dict[str, float]) -> list[float]:
    """The kinks actviz declares for ``name`` at ``params`` (the grid avoids them)."""
    import actviz

    return [k.x for k in actviz.get(name, **params).kinks]


def build(name: str) -> list[Table]:
    """Compute every case of ``name`` on its grid."""
    ref = REFERENCES[name]
    tables = []
    for params in ref.cases:
        kinks = kinks_of(name, dict(params))
        tables.append(compute(name, dict(params), kinks, grid_for(kinks, ref.extra_points)))
    return tables
