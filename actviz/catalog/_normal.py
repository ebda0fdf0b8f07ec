"""The standard normal distribution to a few ulp: the density phi, its derivative, the
CDF Phi (scipy's ndtr is off by up to 17 ulp on [-3, 0]) and GELU's slope Phi + x phi,
which cancels near x = -0.75.

On [-3, 0] both come from centred Taylor expansions about tabulated double-double
values; below -3 Phi is erfcx(-x/sqrt 2) e^{-x^2/2} / 2; above 0 scipy's ndtr.
"""

from __future__ import annotations

import math

import numpy as np

from . import _numerics, _special, _stable

_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


def pdf(u: np.ndarray) -> np.ndarray:
    r""":math:`\varphi(u) = e^{-u^2/2}/\sqrt{2\pi}`, with u^2 split exactly so the tails keep their digits."""
    return _INV_SQRT_2PI * _stable.exp_neg_square(u, 0.5)


def pdf_prime(u: np.ndarray) -> np.ndarray:
    r""":math:`\varphi'(u) = -u\,\varphi(u)` (0 at ±inf)."""
    return -_stable.times_vanishing(u, pdf(u))


# Phi(c) and GELU'(c) = Phi(c) + c phi(c) as double-doubles at the centres c = -3, -2.75, ..., 0, from
#   c = mp.mpf(-3) + mp.mpf(j) / 4;  v = mp.ncdf(c)  (or mp.ncdf(c) + c * mp.npdf(c));  hi = float(v); lo = float(v - hi)
# with mpmath at 50 digits.
_CENTRES = np.arange(13) * 0.25 - 3.0
_PHI_HI = (
    0.0013498980316300946, 0.002979763235054557, 0.006209665325776135, 0.012224472655044703, 0.02275013194817921,
    0.04005915686381709, 0.06680720126885807, 0.10564977366685525, 0.15865525393145705, 0.2266273523768682,
    0.3085375387259869, 0.4012936743170763, 0.5,
)  # fmt: skip
_PHI_LO = (
    -5.053886685858262e-20, -8.361096827434876e-20, 3.0265632876609855e-19, 5.289738210594361e-19,
    -1.3849763108389696e-18, -2.3675377988129856e-18, -5.303515941678518e-18, 3.738036792923343e-18,
    4.9468552901786335e-18, -8.112679639755901e-18, 1.4568778275699303e-17, -2.300399437650529e-17, 0.0,
)  # fmt: skip
_GELU_SLOPE_HI = (
    -0.011945647204183927, -0.022027533644320838, -0.03761108590814521, -0.05918974397520698, -0.0852318010781969,
    -0.11092615108257806, -0.12746919222997952, -0.12266158306942213, -0.0833154705876863, 0.0007742782607648957,
    0.13250487534383715, 0.30462664511636395, 0.5,
)  # fmt: skip
_GELU_SLOPE_LO = (
    -7.968197456950205e-20, -1.7799686319803517e-19, -9.368060664220553e-19, -1.620522290441011e-18,
    6.5088480940065835e-18, -3.7193082437121e-18, -8.821504483488683e-18, 1.863761400633913e-18,
    6.598759877332857e-18, -3.9620666073894797e-20, 1.0091558400174798e-17, 2.6316512272662312e-17, 0.0,
)  # fmt: skip
_TAYLOR_ORDER = 18  # |h| <= 1/8: the first neglected term is below 2e-23 relative (mpmath)


def _taylor_tables() -> tuple[np.ndarray, np.ndarray]:
    """Taylor coefficients (k = 1..18) of Phi and of GELU' = Phi + x phi at each centre.

    Phi^(k)(c) = (-1)^(k-1) He_(k-1)(c) phi(c) (probabilists' Hermite polynomials) and
    GELU'^(k) = (k+1) Phi^(k) + x Phi^(k+1); computed in double: their rounding only
    touches the small correction S, never the double-double value at the centre.
    """
    phi_table = np.empty((len(_CENTRES), _TAYLOR_ORDER))
    slope_table = np.empty((len(_CENTRES), _TAYLOR_ORDER))
    for j, c in enumerate(_CENTRES):
        hermite = [1.0, c]
        for n in range(1, _TAYLOR_ORDER + 1):
            hermite.append(c * hermite[n] - n * hermite[n - 1])
        density = math.exp(-0.5 * c * c) * _INV_SQRT_2PI
        derivative = [(-1) ** (k - 1) * hermite[k - 1] * density for k in range(1, _TAYLOR_ORDER + 2)]  # Phi^(1..19)
        for k in range(1, _TAYLOR_ORDER + 1):
            phi_table[j, k - 1] = derivative[k - 1] / math.factorial(k)
            slope_table[j, k - 1] = ((k + 1) * derivative[k - 1] + c * derivative[k]) / math.factorial(k)
    return phi_table, slope_table


_PHI_TAYLOR, _GELU_SLOPE_TAYLOR = _taylor_tables()


def _centred_taylor(u: np.ndarray, hi: tuple[float, ...], lo: tuple[float, ...], table: np.ndarray) -> np.ndarray:
    """hi_j + (lo_j + S(h)) with S(h) = sum_k table[j, k] h^(k+1), h = u - c_j, c_j the nearest centre (-3 <= u <= 0).

    h is exact (Sterbenz), S is small and free of cancellation, the centre's value
    carries 106 bits: about 0.7 ulp in all. The coefficients of every element are
    gathered in one call (one row per power) before Horner's scheme runs over the rows.
    """
    position = np.rint((np.where(np.isnan(u), 0.0, u) + 3.0) * 4.0)  # nan stays in h, not in the index
    j = np.clip(position, 0, len(_CENTRES) - 1).astype(np.intp)
    h = u - _CENTRES[j]
    rows = table.T[:, j]
    total = rows[-1]
    for k in range(_TAYLOR_ORDER - 2, -1, -1):
        total = total * h + rows[k]
    return np.asarray(hi)[j] + (np.asarray(lo)[j] + total * h)


def _cdf_centred(u: np.ndarray) -> np.ndarray:
    """Phi(u) on [-3, 0], correctly rounded in practice (scipy's ndtr is off by up to 17 ulp there)."""
    return _centred_taylor(u, _PHI_HI, _PHI_LO, _PHI_TAYLOR)


def gelu_slope(u: np.ndarray) -> np.ndarray:
    """GELU'(u) = Phi(u) + u phi(u) on [-3, 0], where its two terms cancel near u = -0.75."""
    return _centred_taylor(u, _GELU_SLOPE_HI, _GELU_SLOPE_LO, _GELU_SLOPE_TAYLOR)


def _cdf_left_tail(u: np.ndarray) -> np.ndarray:
    """Phi(u) = erfcx(-u/sqrt 2) e^{-u^2/2} / 2 for u < -3 (erfcx hardly feels the rounding of u/sqrt 2)."""
    return 0.5 * _special.erfcx(-u * math.sqrt(0.5)) * _stable.exp_neg_square(u, 0.5)


def cdf(u: np.ndarray) -> np.ndarray:
    """Phi(u): ndtr for u >= 0 (no cancellation there), centred Taylor expansions on [-3, 0),
    :func:`_cdf_left_tail` below -3; each element through its own branch only."""
    left = u < -3.0
    middle = (u >= -3.0) & (u < 0.0)
    return _numerics.by_region(u, [(left, _cdf_left_tail), (middle, _cdf_centred)], _special.ndtr)
