"""Products and sums of float64 arrays that overflow quietly.

NumPy warns whenever a finite operation rounds to ±inf, even where ±inf is the
correctly rounded answer (``1e200 * 1e200``). These helpers decide overflow
exactly from the exponents before multiplying, return ±inf there and compute
the ordinary IEEE result everywhere else, so they never warn.
"""

from __future__ import annotations

import numpy as np

_MAX_EXPONENT = 1024  # every finite double is m * 2**e with 0.5 <= |m| < 1 and e <= 1024


def multiply(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    r"""The product :math:`u v`, elementwise and broadcast, with two conventions.

    A finite product beyond the largest double is ±inf (its correct rounding),
    and :math:`0 \cdot (\pm\infty) = 0`: the callers multiply x by a factor that
    vanishes faster than 1/x as x goes to an infinity (a gate, a derivative),
    so the limit of the product there is 0. nan stays nan.

    With :math:`u = m_u 2^{e_u}` and :math:`v = m_v 2^{e_v}` (``frexp``) the
    product is :math:`m 2^{e_u + e_v}` with :math:`m = m_u m_v` rounded once;
    it overflows exactly when the exponent of m plus :math:`e_u + e_v` exceeds 1024.
    """
    u, v = np.broadcast_arrays(np.asarray(u, dtype=np.float64), np.asarray(v, dtype=np.float64))
    zero_times_inf = ((u == 0) & np.isinf(v)) | (np.isinf(u) & (v == 0))
    finite = np.isfinite(u) & np.isfinite(v)
    mu, eu = np.frexp(np.where(finite, u, 1.0))
    mv, ev = np.frexp(np.where(finite, v, 1.0))
    _, em = np.frexp(mu * mv)  # |mu * mv| is in [1/4, 1): never overflows
    overflow = finite & (eu + ev + em > _MAX_EXPONENT)
    ordinary = ~(overflow | zero_times_inf)
    result = np.where(overflow, np.copysign(np.inf, np.sign(u) * np.sign(v)), 0.0)
    return np.multiply(u, v, out=result, where=ordinary)


def divide(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    r"""The quotient :math:`u / v` for nonzero v, elementwise and broadcast, ±inf where it overflows.

    As in :func:`multiply`: :math:`u/v = (m_u/m_v)\,2^{e_u - e_v}` with
    :math:`|m_u/m_v| \in (1/2, 2)`, so overflow is decided from the exponents.
    Callers never divide by 0.
    """
    u, v = np.broadcast_arrays(np.asarray(u, dtype=np.float64), np.asarray(v, dtype=np.float64))
    finite = np.isfinite(u) & np.isfinite(v)
    mu, eu = np.frexp(np.where(finite, u, 1.0))
    mv, ev = np.frexp(np.where(finite & (v != 0), v, 1.0))
    _, eq = np.frexp(mu / mv)
    overflow = finite & (u != 0) & (v != 0) & (eu - ev + eq > _MAX_EXPONENT)
    result = np.where(overflow, np.copysign(np.inf, np.sign(u) * np.sign(v)), 0.0)
    return np.divide(u, v, out=result, where=~overflow)


def add(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    r"""The sum :math:`u + v`, elementwise and broadcast, ±inf where a finite sum overflows.

    The half sum :math:`u/2 + v/2` never overflows and, for normal numbers, is
    the correctly rounded :math:`(u + v)/2`; so :math:`u + v` overflows exactly
    when the half sum reaches :math:`2^{1023}` (subnormal terms are too small to
    overflow anything). ``inf + (-inf)`` is nan, as in IEEE arithmetic, and warns:
    callers never add infinities of opposite signs.
    """
    u, v = np.broadcast_arrays(np.asarray(u, dtype=np.float64), np.asarray(v, dtype=np.float64))
    half = 0.5 * u + 0.5 * v
    overflow = np.isfinite(u) & np.isfinite(v) & (np.abs(half) >= 2.0 ** (_MAX_EXPONENT - 1))
    result = np.where(overflow, np.copysign(np.inf, half), 0.0)
    return np.add(u, v, out=result, where=~overflow)
