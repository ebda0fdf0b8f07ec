"""mpmath references for actviz.catalog.polynomial (definitions from the papers)."""

from __future__ import annotations

from . import reference


@reference("squ", extra_points=[-1.0, -0.5, -0.9999999, -1.0000001])
def squ(x):
    # Noel et al. (2021), SQU: x^2 + x
    return x**2 + x


@reference("ncu", extra_points=[1.0, -1.0, 0.5773502691896258, -0.5773502691896258, 1e150, 1.1e150])
def ncu(x):
    # Noel et al. (2021), NCU: x - x^3
    return x - x**3
