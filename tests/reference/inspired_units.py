"""mpmath references for actviz.catalog.inspired_units (definitions from the papers)."""

from __future__ import annotations

import mpmath as mp

from . import reference


@reference("elephant", cases=[{"a": 2.0, "d": 2.0}, {"a": 0.5, "d": 8.0}, {"a": 1e-3, "d": 32.0}],
           extra_points=[1.0, -1.0, 0.5, 2.0, -2.0, 0.999, 1.001])
def elephant(x, a=1.0, d=4.0):
    # Lan & Mahmood (2023): 1 / (1 + |x/a|^d)
    return 1 / (1 + abs(x / mp.mpf(a)) ** mp.mpf(d))


@reference("ada", cases=[{"alpha": 1.0}, {"alpha": 1e-3}, {"alpha": 50.0}], extra_points=[1 / 0.3, 3.0, 7.0])
def ada(x, alpha=0.3):
    # Georgescu et al. (2020), authors' code: max(x, 0) e^{-alpha x}
    return x * mp.exp(-mp.mpf(alpha) * x) if x > 0 else mp.mpf(0)


@reference("leaky_ada", cases=[{"alpha": 1.0, "leak": 0.1}, {"alpha": 0.3, "leak": 0.0}], extra_points=[10.0, 20.0])
def leaky_ada(x, alpha=0.1, leak=0.01):
    # Georgescu et al. (2020), authors' code: leak min(x, 0) + max(x, 0) e^{-alpha x}
    return x * mp.exp(-mp.mpf(alpha) * x) if x > 0 else mp.mpf(leak) * x


@reference("rmaf", cases=[{"alpha": 2.0, "p": 0.5}, {"alpha": 1.0, "p": 3.0}, {"alpha": 1.0, "p": 1e-3}],
           extra_points=[-1.3862943611198906, -2.0, -4.0])
def rmaf(x, alpha=1.0, p=1.0):
    # Yu et al. (2020), eq. 6 with j alpha as one scale: alpha x / (0.25 (1 + e^{-x}) + 0.75)^p
    return mp.mpf(alpha) * x / (mp.mpf(0.25) * (1 + mp.exp(-x)) + mp.mpf(0.75)) ** mp.mpf(p)
