"""Reference tables at the edges of every parameter's domain (issue 15).

The main tables (:mod:`tests.reference.tables`) hold each activation at its
defaults and a few hand-picked cases. These hold it with one parameter at a time
moved to the extremes its declared domain admits (:func:`edge_values`) and to
one point between the default and each end (:func:`interior_values`), the
others at their defaults; the parameter sets are read from the registry, so a
domain that changes makes its table stale and an entry added later is missing
until generated::

    python -m tests.reference.edges [NAME...]    # the missing or stale ones, or NAME

The inputs (:func:`tests.reference.grid.edge_grid`) are coarser than the main
grid's: the whole float64 line by tens of decades, the round numbers where
exp overflows, and the points where the parameter puts the features (±p, ±1/p).
"""

from __future__ import annotations

import math
import sys
import time
from pathlib import Path

import numpy as np

from . import REFERENCES
from .generate import run_all
from .grid import edge_grid
from .tables import Table, compute, kinks_of, load, save

DATA = Path(__file__).parent / "data_edges"
MAX = float(np.finfo(np.float64).max)


def edge_values(param) -> list[float]:  # noqa: ANN001  (an actviz.entry.Param)
    """The extreme values a domain admits: its closed ends, the first double inside
    an open end, the smallest subnormal and 1e-300 above an open 0, ±1e300 and the
    largest double for an unbounded end."""
    values = []
    if math.isfinite(param.lower):
        values.append(math.nextafter(param.lower, math.inf) if param.lower_open else param.lower)
        if param.lower == 0.0:
            values += [5e-324, 1e-300]
    else:
        values += [-MAX, -1e300]
    if math.isfinite(param.upper):
        values.append(math.nextafter(param.upper, -math.inf) if param.upper_open else param.upper)
    else:
        values += [MAX, 1e300]
    return _admitted(param, values)


def _between(a: float, b: float) -> float:
    """The middle of two numbers on a log scale (both of one sign), else the
    arithmetic middle; computed so that neither overflows."""
    if a * b > 0:
        return math.copysign(math.exp((math.log(abs(a)) + math.log(abs(b))) / 2), a)
    return a / 2 + b / 2


def interior_values(param) -> list[float]:  # noqa: ANN001
    """One value between the default and each end's most extreme admitted value
    (on a log scale where both have one sign; a default of 0 counts as ±1 there):
    where a kernel that holds at the default and at the edge could still fail."""
    picks = []
    for side in ([v for v in edge_values(param) if v < param.default], [v for v in edge_values(param) if v > param.default]):
        if not side:
            continue
        same_sign = [v for v in side if v * (param.default or v) > 0]
        anchor = param.default or math.copysign(1.0, side[0])
        if same_sign:
            far = max(same_sign, key=lambda v: abs(math.log(abs(v)) - math.log(abs(anchor))))
        else:
            far = max(side, key=lambda v: abs(v - param.default))
        picks.append(_between(anchor, far))
    return _admitted(param, picks)


def _admitted(param, values: list[float]) -> list[float]:  # noqa: ANN001
    if param.integer:
        values = [float(math.floor(v)) if v > 0 else float(math.ceil(v)) for v in values]
    seen: list[float] = []
    for v in values:
        if param.lower <= v <= param.upper and v not in seen:
            seen.append(v)
    return seen


UNSETTLED = {("isigmoid", "a"): (1e-100, math.inf), ("soft_exponential", "alpha"): (0.0, 1e100)}
"""Nonzero parameter sizes outside these bands are left out: the references do not settle
within minutes (isigmoid's kinks ±a 1e-300 apart: 150 s per case without an end;
soft_exponential's e^(alpha x) at alpha = 1e300 has a 300-digit exponent, and the differences
double their precision without end). tests/catalog/test_parameter_edges.py still runs them."""


def cases(name: str) -> list[dict[str, float]]:
    """The parameter sets of ``name``'s edge table: one parameter at an edge or
    between its default and an edge, the others at their defaults. Sets the
    entry refuses as a whole (``lower <= upper`` of rrelu, say) are left out."""
    import actviz
    from actviz import registry
    from actviz.errors import ParameterError

    entry = registry.lookup(name)
    result = []
    for param in entry.parameters:
        for value in edge_values(param) + interior_values(param):
            low, high = UNSETTLED.get((name, param.name), (0.0, math.inf))
            if value and not low <= abs(value) <= high:
                continue
            params = {param.name: value}
            try:
                actviz.get(name, **params)
            except ParameterError:
                continue
            if params not in result:
                result.append(params)
    return result


def names() -> list[str]:
    """The pointwise entries with parameters (and an mpmath reference)."""
    from actviz import registry

    return [n for n in registry.names(pointwise=True) if registry.lookup(n).parameters and n in REFERENCES]


def path(name: str) -> Path:
    return DATA / f"{name}.npz"


def far(params: dict[str, float]) -> int:
    """The decade where the limits at ±inf are taken: 1e400, and as many decades farther
    as the parameters are from 1 (1e-300 x is still finite at 1e400; at 1e700 it is not)."""
    sizes = [abs(math.log10(abs(v))) for v in params.values() if v]
    return 400 + math.ceil(max(sizes, default=0.0))


def build(name: str) -> list[Table]:
    """Compute every edge case of ``name`` on its grid."""
    tables = []
    for params in cases(name):
        kinks = kinks_of(name, params)
        x = edge_grid(kinks, [abs(v) for v in params.values()], REFERENCES[name].extra_points)
        tables.append(compute(name, params, kinks, x, far=far(params)))
    return tables


def load_edges(name: str) -> list[Table]:
    """Every stored edge case of ``name``; raises if they differ from :func:`cases`."""
    return load(name, directory=DATA, expected=cases(name), regenerate="tests.reference.edges")


def _generate(name: str) -> str:
    start = time.perf_counter()
    save(name, build(name), directory=DATA)
    return f"{name}: {time.perf_counter() - start:.1f} s"


def _needs_work(name: str) -> bool:
    try:
        load_edges(name)
    except (RuntimeError, FileNotFoundError):
        return True
    return False


def main(argv: list[str]) -> None:
    todo = argv or [n for n in names() if _needs_work(n)]
    unknown = [n for n in todo if n not in names()]
    if unknown:
        sys.exit(f"no parameters or no mpmath reference: {', '.join(unknown)}")
    run_all(_generate, todo)


if __name__ == "__main__":
    main(sys.argv[1:])
