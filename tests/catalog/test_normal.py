"""The vectorised normal CDF and density (actviz/catalog/_normal.py) against mpmath.

Errors are in the catalogue's units for g = Phi (tests/reference/units.py):
ulp(ref) + 2^-53 |u phi(u)|, the rounding of the result plus what one rounding of
u changes. References: mpmath's ncdf/npdf at 40 digits, computed here.
"""

from __future__ import annotations

import mpmath as mp
import numpy as np
import pytest

from actviz.catalog import _normal

TINY = float(np.finfo(np.float64).tiny)


def _points() -> np.ndarray:
    rng = np.random.default_rng(20261206)
    edges = [0.0, -0.0, 1e-300, -1e-300, 5e-324, 0.67448975, -0.67448975, 0.6744897501, 5.656854249492381,
             -5.656854249492381, -37.5, -38.4, 8.3, 39.99, -39.99]  # fmt: skip
    # Each of Cody's three ranges on both sides, densest where the catalogue's allowance is smallest.
    return np.concatenate([edges, rng.uniform(-40.0, 10.0, 300), rng.uniform(-6.0, 6.0, 300), rng.uniform(-1.5, 0.0, 200)])


def _units(got: float, ref: mp.mpf, allowance: float) -> float:
    unit = max(float(np.spacing(abs(float(ref)))), TINY) + allowance
    return float(abs(mp.mpf(got) - ref)) / unit


def test_cdf_and_pdf_within_four_units_of_mpmath():
    u = _points()
    cdf, pdf = _normal.cdf_and_pdf(u)
    worst_cdf = worst_pdf = 0.0
    with mp.workdps(40):
        for ui, ci, pi in zip(u, cdf, pdf):
            x = mp.mpf(float(ui))
            density = mp.npdf(x)
            worst_cdf = max(worst_cdf, _units(ci, mp.ncdf(x), 2.0**-53 * abs(float(x * density))))
            worst_pdf = max(worst_pdf, _units(pi, density, 2.0**-53 * abs(float(x * x * density))))
    # Measured 1.6 (cdf) and 2.0 (pdf) on these points; 4 is the catalogue's bound for f and f'.
    assert worst_cdf <= 4.0
    assert worst_pdf <= 4.0


@pytest.mark.parametrize("shape", [(), (3,), (2, 2)])
def test_limits_nan_and_shapes(shape):
    u = np.full(shape, -np.inf)
    cdf, pdf = _normal.cdf_and_pdf(u)
    assert cdf.shape == pdf.shape == np.shape(u)
    assert np.all(cdf == 0.0) and np.all(pdf == 0.0)
    cdf, pdf = _normal.cdf_and_pdf(np.array([np.inf, 1e300, -1e300, np.nan, 0.0]))
    assert cdf[:3].tolist() == [1.0, 1.0, 0.0] and pdf[:3].tolist() == [0.0, 0.0, 0.0]
    assert np.isnan(cdf[3]) and np.isnan(pdf[3])
    assert cdf[4] == 0.5 and not np.signbit(cdf[4])


def test_cdf_alone_is_the_cdf_of_cdf_and_pdf_bit_for_bit():
    # cdf() skips the density (and E(y) on the central range); the values must not change.
    u = np.concatenate([_points(), -_points(), [np.inf, -np.inf, np.nan, 1e300, -1e300, -5e-324]])
    np.testing.assert_array_equal(_normal.cdf(u), _normal.cdf_and_pdf(u)[0])
    assert np.ndim(_normal.cdf(np.float64(0.25))) == 0


def test_times_cdf_limits_and_signs():
    x = np.array([np.inf, -np.inf, np.nan, 0.0, -0.0, -40.0, -1e300, 1e300, 2.0])
    product = _normal.times_cdf(x)
    assert product[0] == np.inf and product[1] == 0.0 and np.isnan(product[2])
    assert product[3] == 0.0 and not np.signbit(product[3]) and np.signbit(product[4])
    assert product[5] == 0.0 and product[6] == 0.0 and product[7] == 1e300
    assert product[8] == 2.0 * _normal.cdf(np.array([2.0]))[0]
