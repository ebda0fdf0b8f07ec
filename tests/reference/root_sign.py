"""mpmath references for actviz.catalog.root_sign (definition from the paper)."""

from __future__ import annotations

import mpmath as mp

from . import reference


@reference("srs", cases=[{"alpha": 1.0, "beta": 2.0}, {"alpha": 100.0, "beta": 0.1}, {"alpha": 0.1, "beta": 0.2}],
           extra_points=[-3.0, -2.0, -1.0, 0.5, 1.0, 1.0000001, 0.9999999, 3000.0, -3000.0])
def srs(x, alpha=2.0, beta=3.0):
    # Zhou et al. (2020), eq. 1: x/(x/alpha + e^{-x/beta}); for x < 0 multiplied through by
    # e^{x/beta} (the same number) so mpmath never forms e^{1e308}
    alpha, beta = mp.mpf(alpha), mp.mpf(beta)
    if x >= 0:
        return x / (x / alpha + mp.exp(-x / beta))
    q = mp.exp(x / beta)
    return x * q / (x * q / alpha + 1)
