"""Every pointwise activation, f, f' and f'', against its mpmath reference
(``tests/reference``), over the whole float64 line, in the catalogue's units."""

from __future__ import annotations

import numpy as np
import pytest

import actviz
from tests.reference import REFERENCES
from tests.reference.tables import load
from tests.reference.units import BOUND, errors

POINTWISE = actviz.names(pointwise=True)
CASES = [
    pytest.param(name, i, id=f"{name}[{i}]")
    for name in sorted(REFERENCES)
    for i in range(len(REFERENCES[name].cases))
]


def test_every_pointwise_activation_has_a_reference():
    assert sorted(REFERENCES) == POINTWISE


@pytest.fixture(scope="module")
def tables():
    return {name: load(name) for name in REFERENCES}


def _evaluate(act: actviz.Activation, x: np.ndarray, order: int) -> np.ndarray:
    return act(x) if order == 0 else act.derivative(x, order)


@pytest.mark.parametrize("order", [0, 1, 2])
@pytest.mark.parametrize(("name", "case"), CASES)
def test_float64_within_bound(tables, name, case, order):
    table = tables[name][case]
    act = actviz.get(name, **table.params)
    err = errors(table, order, _evaluate(act, table.x, order), np.dtype(np.float64))
    worst = int(np.argmax(err))
    assert err[worst] <= BOUND[order], f"{err[worst]:.3g} units at x = {table.x[worst]!r}"


@pytest.mark.parametrize("order", [0, 1, 2])
@pytest.mark.parametrize(("name", "case"), CASES)
def test_float32_within_bound(tables, name, case, order):
    table = tables[name][case]
    act = actviz.get(name, **table.params)
    representable = np.abs(table.x) <= np.finfo(np.float32).max
    representable[representable] = table.x[representable].astype(np.float32) == table.x[representable]
    x32 = table.x[representable].astype(np.float32)
    y32 = _evaluate(act, x32, order)
    assert y32.dtype == np.float32
    y = np.zeros(len(table.x), dtype=np.float32)
    y[representable] = y32
    err = errors(table, order, y, np.dtype(np.float32))[representable]
    worst = int(np.argmax(err))
    assert err[worst] <= BOUND[order], f"{err[worst]:.3g} units at x = {table.x[representable][worst]!r}"


@pytest.mark.parametrize(("name", "case"), CASES)
def test_limits_at_infinity(tables, name, case):
    table = tables[name][case]
    if table.limits is None:
        pytest.skip(f"{name} has no limit at ±inf")
    act = actviz.get(name, **table.params)
    x = np.array([-np.inf, np.inf])
    for order in range(3):
        got = _evaluate(act, x, order)
        want = table.limits[:, order]
        finite = np.isfinite(want)
        close = got == want
        close[finite] |= np.abs(got[finite] - want[finite]) <= 4 * np.spacing(np.abs(want[finite]))
        assert close.all(), f"order {order}: got {got}, limits {want}"


@pytest.mark.parametrize("name", POINTWISE)
def test_nan_maps_to_nan(name):
    act = actviz.get(name)
    x = np.array([np.nan, 1.0])
    for order in range(3):
        y = _evaluate(act, x, order)
        assert np.isnan(y[0]) and not np.isnan(y[1])
