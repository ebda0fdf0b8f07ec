"""sin and its derivatives where the vectorised float64 reduction x = j pi/2 + r is delicate:
next to multiples of pi/2 (r tiny), at the switch to np.sin beyond |x| = 1e6, at signed zeros.
References from mpmath at 40 digits; errors in the catalogue's units (ulp + eps |x g'|)."""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest

import actviz

mp.mp.dps = 40


def _points() -> np.ndarray:
    multiples = [k * math.pi / 2 for k in (*range(-12, 13), 101, 2**10 + 1, 2**15 - 1, 2**19 - 3, 636_619)]
    around = [np.nextafter(m, side) for m in multiples for side in (-np.inf, np.inf)]
    edge = [1e6, np.nextafter(1e6, 0.0), np.nextafter(1e6, 2e6), -1e6, 355.0, 103993.0, 833719.0, 1e-300, 5e-324]
    rng = np.random.default_rng(16)
    return np.array(multiples + around + edge + list(rng.uniform(-1e6, 1e6, 100)) + list(rng.uniform(-8, 8, 100)))


@pytest.mark.parametrize("order", [0, 1, 2])
def test_sin_within_units_near_multiples_of_half_pi(order):
    x = _points()
    got = actviz.get("sin").derivative(x, order) if order else actviz.get("sin")(x)
    derivatives = (mp.sin, mp.cos, lambda v: -mp.sin(v), lambda v: -mp.cos(v))
    for xi, yi in zip(x, got):
        ref = derivatives[order](mp.mpf(float(xi)))
        unit = max(float(np.spacing(abs(float(ref)))), np.finfo(float).tiny)
        unit += 2.0**-53 * abs(float(xi) * float(derivatives[order + 1](mp.mpf(float(xi)))))
        assert abs(mp.mpf(float(yi)) - ref) / unit <= 4, f"order {order} at x = {xi!r}: {yi!r}, ref {ref}"


def test_sin_keeps_signed_zeros_and_is_nan_at_infinity():
    sin = actviz.get("sin")
    x = np.array([0.0, -0.0, np.inf, -np.inf, np.nan])
    y = sin(x)
    assert y[0] == 0.0 and not np.signbit(y[0])
    assert y[1] == 0.0 and np.signbit(y[1])
    assert np.isnan(y[2:]).all()
    assert np.array_equal(sin.derivative(x[:2]), [1.0, 1.0])
