"""Every pointwise activation with parameters, exact at the edges of its parameters'
domains (issue 15): f, f' and f'' with one parameter at an extreme its domain
admits (or between the default and one), against the mpmath reference evaluated
with that parameter, over the whole float64 line, in the catalogue's units
(4 for f and f', 64 for f''; tests/reference/units.py).

The references are cached in ``tests/reference/data_edges`` (regenerate with
``python -m tests.reference.edges``); the parameter sets come from the registry's
domains (tests/reference/edges.py), so a narrowed domain makes its table stale.
The ``slow`` profile draws parameters at random from the whole domains (a fixed
seed; two at once for entries with several) and computes the references live.
"""

from __future__ import annotations

import math
import os

import numpy as np
import pytest

import actviz
from actviz import registry
from actviz.errors import ParameterError
from tests.reference import REFERENCES
from tests.reference.edges import cases, edge_values, far, load_edges, names
from tests.reference.grid import edge_grid
from tests.reference.tables import Table, compute, kinks_of
from tests.reference.units import BOUND, table_errors

NAMES = names()
CASES = [pytest.param(name, i, id=f"{name}:{_id}") for name in NAMES
         for i, _id in enumerate(",".join(f"{k}={v!r}" for k, v in c.items()) for c in cases(name))]
DTYPES = (np.dtype(np.float64), np.dtype(np.float32))


def test_every_pointwise_entry_with_parameters_has_edge_tables():
    with_parameters = [n for n in registry.names(pointwise=True) if registry.lookup(n).parameters]
    assert NAMES == with_parameters
    stale = []
    for name in NAMES:
        try:
            load_edges(name)
        except (RuntimeError, FileNotFoundError):
            stale.append(name)
    assert not stale, f"run `python -m tests.reference.edges {' '.join(stale)}`"


_TABLES: dict[str, list[Table]] = {}


def _table(name: str, case: int) -> Table:
    if name not in _TABLES:
        _TABLES[name] = load_edges(name)
    return _TABLES[name][case]


def _evaluate(act: actviz.Activation, x: np.ndarray, order: int) -> np.ndarray:
    return act(x) if order == 0 else act.derivative(x, order)


def worst_errors(table: Table) -> list[str]:
    """One line per (dtype, order) whose worst error exceeds its bound."""
    act = actviz.get(table.name, **table.params)
    problems = []
    for dtype in DTYPES:
        for order, x, y, err in table_errors(table, act, dtype):
            i = int(np.argmax(err))
            if err[i] > BOUND[order]:
                want = table.hi[order][np.flatnonzero(table.x == x[i])[0]]
                problems.append(f"{dtype.name} order {order}: {err[i]:.3g} units at x = {x[i]!r} (got {y[i]!r}, want {want!r})")
    return problems


def limit_errors(table: Table) -> list[str]:
    """Where f, f', f'' at ±inf differ from the reference's limits by more than 4 ulps."""
    if table.limits is None:
        return []
    act = actviz.get(table.name, **table.params)
    x = np.array([-np.inf, np.inf])
    problems = []
    for order in range(3):
        got, want = _evaluate(act, x, order), table.limits[:, order]
        finite = np.isfinite(want)
        close = got == want
        with np.errstate(over="ignore"):  # the harness's arithmetic: the spacing of 1.8e308 is inf
            close[finite] |= np.abs(got[finite] - want[finite]) <= 4 * np.spacing(np.abs(want[finite]))
        if not close.all():
            problems.append(f"order {order} at ±inf: got {got}, limits {want}")
    return problems


@pytest.mark.parametrize(("name", "case"), CASES)
def test_exact_at_the_edges_of_the_parameter_domains(name, case):
    table = _table(name, case)
    problems = worst_errors(table) + limit_errors(table)
    assert not problems, f"{name} {table.params}:\n" + "\n".join(problems)


# The long profile: parameters drawn from the whole domains, references computed live.
SLOW_DRAWS = int(os.environ.get("ACTVIZ_EDGE_DRAWS", "3"))


def _draw(param, rng: np.random.Generator) -> float:  # noqa: ANN001  (an actviz.entry.Param)
    """A value from the domain: half the time an edge value, else log-uniform in
    magnitude between the domain's smallest and largest admitted sizes."""
    edges = edge_values(param)
    if rng.random() < 0.5:
        return float(rng.choice(edges))
    low, high = min(edges), max(edges)
    tiny = max(5e-324, min((abs(v) for v in edges if v), default=1.0))
    huge = max(abs(low), abs(high), tiny)
    magnitude = math.exp(rng.uniform(math.log(tiny), math.log(huge)))
    sign = rng.choice([s for s in (-1.0, 1.0) if low <= s * magnitude <= high] or [1.0])
    value = float(np.clip(sign * magnitude, low, high))
    return float(round(value)) if param.integer else value


def _slow_cases() -> list:
    rng = np.random.default_rng(20261206)
    result = []
    for name in NAMES:
        parameters = registry.lookup(name).parameters
        for draw in range(SLOW_DRAWS):
            chosen = rng.choice(len(parameters), size=min(2, len(parameters)), replace=False)
            params = {parameters[j].name: _draw(parameters[j], rng) for j in chosen}
            result.append(pytest.param(name, params, id=f"{name}:{draw}"))
    return result


@pytest.mark.slow
@pytest.mark.parametrize(("name", "params"), _slow_cases())
def test_exact_at_random_points_of_the_parameter_domains(name, params):
    try:
        actviz.get(name, **params)
    except ParameterError:  # a joint constraint refuses this pair
        pytest.skip(f"{params} refused as a whole")
    kinks = kinks_of(name, params)
    x = edge_grid(kinks, [abs(v) for v in params.values()], REFERENCES[name].extra_points)
    table = compute(name, params, kinks, x, far=far(params))
    problems = worst_errors(table) + limit_errors(table)
    assert not problems, f"{name} {params}:\n" + "\n".join(problems)



@pytest.mark.parametrize("name", NAMES)
def test_edge_tables_recompute(name):
    # the tables are a cache: one stored point of one case of each, recomputed from the definition
    import mpmath as mp

    from tests.reference import derivatives
    from tests.reference.tables import ORDERS

    rng = np.random.default_rng(sum(map(ord, name)))
    tables = load_edges(name)
    table = tables[int(rng.integers(len(tables)))]
    modest = np.flatnonzero(np.abs(table.x) < 1e4)
    j = int(rng.choice(modest))
    ref = REFERENCES[name]
    fresh = derivatives(lambda t: ref.f(t, **table.params), float(table.x[j]), kinks_of(name, table.params),
                        ORDERS - 1, oscillating=ref.oscillating)
    for k in range(ORDERS):
        if np.isinf(table.hi[k, j]):  # beyond float64: stored as the overflow it rounds to
            assert float(fresh[k]) == table.hi[k, j], f"{table.params} order {k} at x = {table.x[j]!r}"
            continue
        with mp.workprec(200):  # as tests/reference/test_tables.py: double-double storage keeps ~32 digits
            error = abs(mp.mpf(table.hi[k, j]) + mp.mpf(table.lo[k, j]) - fresh[k])
        assert error <= max(abs(fresh[k]) * mp.mpf("1e-28"), mp.mpf(2) ** -1000), f"{table.params} order {k} at x = {table.x[j]!r}"
