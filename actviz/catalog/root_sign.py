"""Soft-root-sign (SRS): a bounded, non-monotone unit x/(x/alpha + e^{-x/beta}),
one of the three units of Dubey et al.'s benchmark missing elsewhere here."""

from __future__ import annotations

import numpy as np

from ..entry import Activation, Param, Reference
from ..registry import register

FAMILY = "sigmoidal"


def _srs_parts(x: np.ndarray, alpha: float, beta: float) -> tuple:
    r"""The pieces of f, f', f'' with nothing that overflows.

    Right of 0 (x > 1 in terms of r = 1/x): :math:`E = e^{-x/\beta} \le 1` and
    :math:`H = h/x = 1/\alpha + E r`, h the denominator. Left of 0 everything is
    multiplied by :math:`q = e^{x/\beta} < 1`: :math:`g = 1 + x q/\alpha = q h > 0`
    (the constraint beta <= 2 alpha keeps g >= 1 - 2/e). x is clipped where E or q
    has underflowed, so the discarded branch never sees an infinity.
    """
    right = x > 0
    xr = np.minimum(np.where(right, x, 1.0), 1000.0 * beta)  # beyond 1000 beta, E = 0 exactly
    far = x > 1.0
    r = 1.0 / np.maximum(xr, 1.0)
    e = np.exp(-xr / beta)
    xl = np.clip(np.where(right, 0.0, x), -1000.0 * beta, 0.0)
    q = np.exp(xl / beta)
    g = 1.0 + (xl * q) / alpha
    return right, far, xr, r, e, xl, q, g


def _srs(x: np.ndarray, alpha: float, beta: float) -> np.ndarray:
    right, far, xr, r, e, xl, q, g = _srs_parts(x, alpha, beta)
    near_right = xr / (xr / alpha + e)
    far_right = 1.0 / (1.0 / alpha + e * r)
    left = (xl * q) / g
    return np.where(right, np.where(far, far_right, near_right), np.where(np.isnan(x), x, left))


def _srs_d1(x: np.ndarray, alpha: float, beta: float) -> np.ndarray:
    r""":math:`E (1 + x/\beta)/h^2`; left :math:`q (\beta + x)/(\beta g^2)` (beta + x exact near the minimum at -beta)."""
    right, far, xr, r, e, xl, q, g = _srs_parts(x, alpha, beta)
    h = xr / alpha + e
    near_right = e * (1.0 + xr / beta) / (h * h)
    big_h = 1.0 / alpha + e * r
    far_right = e * (r * r + r / beta) / (big_h * big_h)
    left = q * ((beta + xl) / beta) / (g * g)
    return np.where(right, np.where(far, far_right, near_right), np.where(np.isnan(x), x, left))


def _srs_d2(x: np.ndarray, alpha: float, beta: float) -> np.ndarray:
    r""":math:`E\,[-x h/\beta^2 - 2 (1 + x/\beta)(1/\alpha - E/\beta)]/h^3` (over x^3 for x > 1);
    left :math:`q\,[-x g/\beta^2 - 2 (1 + x/\beta)(q/\alpha - 1/\beta)]/g^3`."""
    right, far, xr, r, e, xl, q, g = _srs_parts(x, alpha, beta)
    h = xr / alpha + e
    slope_term = 1.0 / alpha - e / beta
    near_right = e * (-xr * h / (beta * beta) - 2.0 * (1.0 + xr / beta) * slope_term) / (h * h * h)
    big_h = 1.0 / alpha + e * r
    far_right = e * (-r * big_h / (beta * beta) - 2.0 * (r * r) * (r + 1.0 / beta) * slope_term) / (big_h * big_h * big_h)
    left = q * (-xl * g / (beta * beta) - 2.0 * ((beta + xl) / beta) * (q / alpha - 1.0 / beta)) / (g * g * g)
    return np.where(right, np.where(far, far_right, near_right), np.where(np.isnan(x), x, left))


def _srs_constraint(alpha: float, beta: float) -> str | None:
    if beta > 2.0 * alpha:
        return (
            f"beta = {beta:g} must not exceed 2 alpha = {2.0 * alpha:g}: the denominator x/alpha + e^(-x/beta) "
            "comes close to 0 beyond (it vanishes at beta = e alpha)"
        )
    return None


register(
    Activation(
        name="srs",
        family=FAMILY,
        aliases=("soft_root_sign",),
        parameters=(
            Param("alpha", 2.0, "alpha, the right asymptote (learned; the paper initialises 2)", lower=0.1, upper=100.0),
            Param("beta", 3.0, "beta, the width of the negative dip (learned; the paper initialises 3)", lower=0.1, upper=100.0),
        ),
        constraint=_srs_constraint,
        f=_srs,
        df=_srs_d1,
        d2f=_srs_d2,
        latex=r"\mathrm{SRS}(x) = \frac{x}{x/\alpha + e^{-x/\beta}}",
        latex_derivative=r"\mathrm{SRS}'(x) = \frac{e^{-x/\beta}\,(1 + x/\beta)}{\left(x/\alpha + e^{-x/\beta}\right)^{2}}",
        summary=(
            "Soft-root-sign: x divided by x/alpha + e^{-x/beta}, which rises like x near 0, saturates at alpha "
            "on the right and returns to 0 on the left after a dip at x = -beta. Zhou et al. designed it to be "
            "zero-centred on average and bounded, and to pair well with batch normalisation; Dubey et al.'s "
            "benchmark includes it. Both constants are learned; it is non-monotone, and saturates on the "
            "right (gradient decaying like e^{-x/beta})."
        ),
        reference=Reference(
            "Zhou, Li, Yang & Zhou",
            2020,
            "Soft-Root-Sign Activation Function",
            "https://arxiv.org/abs/2003.00547",
        ),
        notes="alpha = 2, beta = 3 as the paper's initial values; beta <= 2 alpha keeps the denominator away from 0.",
    )
)
