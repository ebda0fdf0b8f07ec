"""Smooth activations: self-gated units x * T(x) (silu, gelu, mish, ...),
smooth rectifiers (softplus, squareplus, ...) and the Padé activation unit.

A self-gated unit is ``f(x) = a x T(b x)`` for a gate T (sigmoid, the normal
CDF, tanh(softplus), ...). With ``u = b x`` its derivatives are
``f' = a (T(u) + u T'(u))`` and ``f'' = a b (2 T'(u) + u T''(u))``: each entry
supplies T, T', T'' as stable kernels of u and :func:`_self_gated` does the
rest, keeping the limits at ±inf (``u T'(u) -> 0``) through
:func:`_stable.times_vanishing`. Left of a unit's minimum T(u) and u T'(u)
cancel; there a gate may supply the slope ``T + u T'`` in a form that does not
(one bracket in double-double, or Taylor expansions about tabulated centres),
which keeps f' within 2 units where the plain sum reached 5.

Accuracy (units of the catalogue, mpmath references; see tests/reference):
f and f' within 4 units everywhere, f'' within 64.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..entry import Activation, Kink, Param, Reference
from ..registry import register
from . import _special, _stable

FAMILY = "smooth"
SELF_GATED = "self-gated"

_TWO_OVER_SQRT_PI = 2.0 / math.sqrt(math.pi)
_TWO_OVER_SQRT_PI_LO = 1.533545961316588e-17  # 2/sqrt(pi) - _TWO_OVER_SQRT_PI (mpmath)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
_DOUBLE_MAX = float(np.finfo(np.float64).max)

Gate = Callable[..., np.ndarray]


def _no_end(**_params: float) -> float:
    return 0.0


@dataclass(frozen=True)
class _GateKernels:
    """A gate T(u) and its first two derivatives, kernels of u (and gate parameters).

    ``slope``, when given, computes T(u) + u T'(u) (= f'/a) without cancellation on
    ``slope_from <= u <= slope_to(**gate parameters)``, where the two terms nearly
    cancel around the unit's minimum; elsewhere f' is formed by ``fused`` when given,
    from t0 and t1 otherwise.
    """

    t0: Gate
    t1: Gate
    t2: Gate
    slope: Gate | None = None
    slope_from: float = -800.0
    slope_to: Callable[..., float] = _no_end
    fused: Gate | None = None  # T + u T' outside the slope's interval in one pass, when cheaper than t0, t1


def _scaled(x: np.ndarray, b: float) -> np.ndarray:
    """b x, with |x| first clamped where b x would overflow (every gate is saturated long before)."""
    limit = 1e300 / max(b, 1.0)
    return b * np.clip(x, -limit, limit)


def _dd(value: float, low: float, like: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The double-double constant value + low, broadcast like ``like``."""
    return np.full_like(like, value), np.full_like(like, low)


def _dd_neg(a: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    return -a[0], -a[1]


def _dd_quotient(numerator: tuple[np.ndarray, np.ndarray], denominator: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """A double-double numerator over a double-double denominator, rounded to double (~1.5 ulp)."""
    return (numerator[0] + numerator[1]) / (denominator[0] + denominator[1])


def _over_dd(a: np.ndarray, b: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """a / (b_hi + b_lo) as a double-double for a double a (one correction step of the division)."""
    q = a / b[0]
    p, p_lo = _stable.two_prod(q, b[0])
    return q, (((a - p) - p_lo) - q * b[1]) / b[0]


def _ratio_dd(e: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """e/(1 + e) as a double-double (1 + e summed exactly)."""
    return _over_dd(e, _stable.two_sum(np.ones_like(e), e))


def _self_gated(gate: _GateKernels, scale: str = "", amplitude: str = "") -> tuple[Gate, Gate, Gate]:
    r"""Kernels f, f', f'' of :math:`f(x) = a\,x\,T(b x)`.

    ``scale`` and ``amplitude`` name the parameters playing b and a (both 1
    when not given); every other parameter is passed on to the gate.
    """

    def unpack(params: dict[str, float]) -> tuple[float, float, dict[str, float]]:
        rest = dict(params)
        b = rest.pop(scale) if scale else 1.0
        a = rest.pop(amplitude) if amplitude else 1.0
        return a, b, rest

    def f(x: np.ndarray, **params: float) -> np.ndarray:
        a, b, rest = unpack(params)
        return a * _stable.times_vanishing(x, gate.t0(_scaled(x, b), **rest))

    def plain_slope(u: np.ndarray, rest: dict[str, float]) -> np.ndarray:
        if gate.fused is not None:
            return gate.fused(u, **rest)
        return gate.t0(u, **rest) + _stable.times_vanishing(u, gate.t1(u, **rest))

    def df(x: np.ndarray, **params: float) -> np.ndarray:
        a, b, rest = unpack(params)
        u = _scaled(x, b)
        if gate.slope is None:
            return a * plain_slope(u, rest)
        # Each element goes through one of the two paths only (gather, evaluate, scatter back),
        # never both: the careful slope on [slope_from, slope_to], T + u T' elsewhere.
        flat = u.reshape(-1)
        inside = (flat >= gate.slope_from) & (flat <= gate.slope_to(**rest))
        if inside.all():
            return a * gate.slope(u, **rest)
        result = np.empty_like(flat)
        result[inside] = gate.slope(flat[inside], **rest)
        outside = ~inside
        result[outside] = plain_slope(flat[outside], rest)
        return a * result.reshape(u.shape)

    def d2f(x: np.ndarray, **params: float) -> np.ndarray:
        a, b, rest = unpack(params)
        u = _scaled(x, b)
        return (a * b) * (2.0 * gate.t1(u, **rest) + _stable.times_vanishing(u, gate.t2(u, **rest)))

    return f, df, d2f


# -- gates ----------------------------------------------------------------------


def _sigmoid_gate_d2(u: np.ndarray) -> np.ndarray:
    # sigma'' = sigma' (1 - 2 sigma) = -sigma'(u) tanh(u/2)
    return -_stable.sigmoid_prime(u) * np.tanh(0.5 * u)


def _silu_slope(u: np.ndarray) -> np.ndarray:
    r"""silu'(u) = sigma + u sigma' for |u| <= 800 from one exponential e = e^{-|u|}:
    e ((1 + e) + u) / (1 + e)^2 for u <= 0 and 1 + e (u - (1 + e)) / (1 + e)^2 for u > 0.

    Left of 0 the bracket cancels near the minimum at u = -1.28: 1 + e = s + l exactly
    (two_sum), s + u is exact where it cancels (Sterbenz: -2s <= u <= -s/2), so the
    bracket (s + u) + l is rounded once; l enters the square as 2 s l. Worst error 1.3
    units (tables and a dense mpmath check), as the double-double bracket it replaces,
    at one exponential instead of three (10^6 values: f' 82 -> 26 ms).
    """
    e = _stable.exp_neg_abs(u)
    s, l = _stable.two_sum(np.ones_like(u), e)
    square = s * s + 2.0 * s * l
    left = e * ((s + u) + l) / square
    right = 1.0 + e * ((u - s) - l) / square  # = 1 + e (u - (1 + e)) / (1 + e)^2: a small correction to 1
    return np.where(u <= 0.0, left, right)


def _plus_800(**_params: float) -> float:
    return 800.0


SIGMOID_GATE = _GateKernels(
    _stable.sigmoid, _stable.sigmoid_prime, _sigmoid_gate_d2, _silu_slope, slope_to=_plus_800
)


def _normal_pdf(u: np.ndarray) -> np.ndarray:
    return _INV_SQRT_2PI * _stable.exp_neg_square(u, 0.5)


def _normal_pdf_d1(u: np.ndarray) -> np.ndarray:
    return -_stable.times_vanishing(u, _normal_pdf(u))


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


def _by_region(u: np.ndarray, regions: list[tuple[np.ndarray, Gate]], otherwise: Gate) -> np.ndarray:
    """kernel(u) on each region (a boolean mask; the regions are disjoint), ``otherwise`` on the rest.

    Each kernel sees only its own elements (gathered, then scattered back), instead
    of every kernel running on every element under np.where: a kernel that costs
    ten exponentials is paid only where it is needed.
    """
    flat = u.reshape(-1)
    result = np.empty_like(flat)
    rest = np.ones(flat.shape, dtype=bool)
    for mask, kernel in regions:
        mask = mask.reshape(-1)
        if mask.any():
            result[mask] = kernel(flat[mask])
        rest &= ~mask
    if rest.any():
        result[rest] = otherwise(flat[rest])
    return result.reshape(u.shape)


def _normal_cdf_centred(u: np.ndarray) -> np.ndarray:
    """Phi(u) on [-3, 0], correctly rounded in practice (scipy's ndtr is off by up to 17 ulp there)."""
    return _centred_taylor(u, _PHI_HI, _PHI_LO, _PHI_TAYLOR)


def _gelu_slope(u: np.ndarray) -> np.ndarray:
    """GELU'(u) = Phi(u) + u phi(u) on [-3, 0], where its two terms cancel near u = -0.75."""
    return _centred_taylor(u, _GELU_SLOPE_HI, _GELU_SLOPE_LO, _GELU_SLOPE_TAYLOR)


def _normal_cdf_left_tail(u: np.ndarray) -> np.ndarray:
    """Phi(u) = erfcx(-u/sqrt 2) e^{-u^2/2} / 2 for u < -3 (erfcx hardly feels the rounding of u/sqrt 2)."""
    return 0.5 * _special.erfcx(-u * math.sqrt(0.5)) * _stable.exp_neg_square(u, 0.5)


def _normal_cdf(u: np.ndarray) -> np.ndarray:
    """Phi(u): ndtr for u >= 0 (no cancellation there), centred Taylor expansions on [-3, 0),
    :func:`_normal_cdf_left_tail` below -3; each element through its own branch only."""
    left = u < -3.0
    middle = (u >= -3.0) & (u < 0.0)
    return _by_region(u, [(left, _normal_cdf_left_tail), (middle, _normal_cdf_centred)], _special.ndtr)


NORMAL_CDF_GATE = _GateKernels(_normal_cdf, _normal_pdf, _normal_pdf_d1, _gelu_slope, slope_from=-3.0)

_GELU_K = math.sqrt(2.0 / math.pi)
_GELU_C = 0.044715


def _gelu_tanh_y(u: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """y = k (u + c u^3) and its derivatives y', y''; |u| clamped at 1e50, where the gate is saturated."""
    v = np.clip(u, -1e50, 1e50)
    square = v * v
    y = _GELU_K * (v * (1.0 + _GELU_C * square))
    return y, _GELU_K * (1.0 + 3.0 * _GELU_C * square), 6.0 * _GELU_K * _GELU_C * v


def _gelu_tanh_gate(u: np.ndarray) -> np.ndarray:
    # (1 + tanh y)/2 = sigma(2y): no cancellation as y -> -inf
    y, _, _ = _gelu_tanh_y(u)
    return _stable.sigmoid(2.0 * y)


def _gelu_tanh_gate_d1(u: np.ndarray) -> np.ndarray:
    y, dy, _ = _gelu_tanh_y(u)
    return 2.0 * dy * _stable.sigmoid_prime(2.0 * y)


def _gelu_tanh_gate_d2(u: np.ndarray) -> np.ndarray:
    # d/du [2 y' sigma'(2y)] = 2 sigma'(2y) (y'' - 2 y'^2 tanh y), as sigma''(v) = -sigma'(v) tanh(v/2)
    y, dy, d2y = _gelu_tanh_y(u)
    return 2.0 * _stable.sigmoid_prime(2.0 * y) * (d2y - 2.0 * dy * dy * np.tanh(y))


_GELU_K_LO = -4.98465440455546e-17  # sqrt(2/pi) - _GELU_K (mpmath)
_GELU_C_LO = 2.1960211427085595e-18  # 0.044715 - _GELU_C (the decimal constant is not a double)


def _gelu_tanh_left_slope(u: np.ndarray) -> np.ndarray:
    r"""gelu_tanh'(u) for -3 <= u <= -0.5, where sigma(2y) + 2u y' sigma'(2y) cancels near u = -0.75.

    With e = e^{2y}: f' = e ((1 + e) + 2u y') / (1 + e)^2; y, y' and the bracket are
    formed in double-double (k = sqrt(2/pi) and c = 0.044715 to 106 bits), so the
    only roundings left are exp's (an input-sized perturbation) and the last division.
    """
    one = _dd(1.0, 0.0, u)
    square = _stable.two_prod(u, u)
    c_square = _stable.dd_mul(_dd(_GELU_C, _GELU_C_LO, u), square)
    k = _dd(_GELU_K, _GELU_K_LO, u)
    y = _stable.dd_mul(k, _stable.dd_mul((u, np.zeros_like(u)), _stable.dd_add(one, c_square)))
    dy = _stable.dd_mul(k, _stable.dd_add(one, _stable.dd_mul(_dd(3.0, 0.0, u), c_square)))
    e = np.exp(2.0 * y[0]) * (1.0 + 2.0 * y[1])
    one_e = _stable.two_sum(np.ones_like(u), e)
    bracket = _stable.dd_add(one_e, _stable.dd_mul((2.0 * u, np.zeros_like(u)), dy))
    return _dd_quotient(_stable.dd_mul(bracket, (e, np.zeros_like(u))), _stable.dd_mul(one_e, one_e))


def _gelu_tanh_fused_slope(u: np.ndarray) -> np.ndarray:
    r"""gelu_tanh'(u) from one exponential E = e^{-2|y|}, away from the minimum (u < -3 or u > -0.5).

    u <= 0: E ((1 + E) + 2u y') / (1 + E)^2; u > 0: 1 + E (2u y' - (1 + E)) / (1 + E)^2,
    a small correction to 1. Within 1.5 units there (tables and a dense mpmath check);
    on [-2.5, -1] the bracket cancels and this form reaches 3.5, hence
    :func:`_gelu_tanh_left_slope` on [-3, -0.5]. |u| is clamped at 1e50, where E = 0.
    """
    v = np.clip(u, -1e50, 1e50)
    y, dy, _ = _gelu_tanh_y(v)
    e = _stable.exp_neg_abs(2.0 * y)
    one_e = 1.0 + e
    slope = 2.0 * v * dy
    square = one_e * one_e
    left = e * (one_e + slope) / square
    right = 1.0 + e * (slope - one_e) / square
    return np.where(u <= 0.0, left, right)


def _gelu_tanh_slope_end() -> float:
    return -0.5


GELU_TANH_GATE = _GateKernels(
    _gelu_tanh_gate,
    _gelu_tanh_gate_d1,
    _gelu_tanh_gate_d2,
    _gelu_tanh_left_slope,
    slope_from=-3.0,
    slope_to=_gelu_tanh_slope_end,
    fused=_gelu_tanh_fused_slope,
)


def _mish_gate(u: np.ndarray) -> np.ndarray:
    # tanh(softplus u) = ((1+t)^2 - 1)/((1+t)^2 + 1) with t = e^u; written with e = e^{-|u|} in (0, 1]
    e = np.exp(-np.abs(u))
    n = e * (e + 2.0)
    return np.where(u > 0, (1.0 + 2.0 * e) / (1.0 + 2.0 * e + 2.0 * e * e), n / (n + 2.0))


def _mish_gate_d1(u: np.ndarray) -> np.ndarray:
    # sigma(u) sech^2(softplus u) = 4 t (1+t) / ((1+t)^2 + 1)^2, t = e^u (u <= 0),
    #                             = 4 e^2 (1+e) / ((1+e)^2 + e^2)^2, e = e^{-u} (u > 0)
    e = np.exp(-np.abs(u))
    one_e = 1.0 + e
    right = 4.0 * e * e * one_e / np.square(one_e * one_e + e * e)
    left = 4.0 * e * one_e / np.square(one_e * one_e + 1.0)
    return np.where(u > 0, right, left)


def _mish_gate_d2(u: np.ndarray) -> np.ndarray:
    # (sigma S)' = sigma S (sigma(-u) - 2 T sigma(u)),  S = sech^2(softplus u), T = tanh(softplus u)
    return _mish_gate_d1(u) * (_stable.sigmoid(-u) - 2.0 * _mish_gate(u) * _stable.sigmoid(u))


def _mish_slope(u: np.ndarray) -> np.ndarray:
    r"""mish'(u) = T + u T' for |u| <= 800 from one exponential e = e^{-|u|}.

    u <= 0, t = e = e^u: mish' = t P / (2 + t(2 + t))^2 with
    P = (t+2)(t^2+2t+2) + 4u(1+t) = (4 + 4u) + t((6 + 4u) + t(4 + t)), which cancels
    near the minimum at u = -1.19; there 4 + 4u and 6 + 4u are exact (Sterbenz), so
    P carries a few roundings of its terms, each far below one unit (the unit
    includes eps |u f''| and f'' = t P'/(...)^2 where P = 0).
    u > 0: with D = 1 + 2e + 2e^2, T = 1 - 2e^2/D and T' = 4e^2(1+e)/D^2, so
    mish' = 1 + e^2 (4u(1+e) - 2D)/D^2, a small correction to 1.
    """
    e = _stable.exp_neg_abs(u)
    left_square = 2.0 + e * (2.0 + e)
    left = e * ((4.0 + 4.0 * u) + e * ((6.0 + 4.0 * u) + e * (4.0 + e))) / (left_square * left_square)
    d = 1.0 + 2.0 * e * (1.0 + e)
    right = 1.0 + (e * e) * (4.0 * u * (1.0 + e) - 2.0 * d) / (d * d)
    return np.where(u <= 0.0, left, right)


MISH_GATE = _GateKernels(_mish_gate, _mish_gate_d1, _mish_gate_d2, _mish_slope, slope_to=_plus_800)


def _smish_parts(u: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """sigma(u), sigma'(u) = sigma(u) sigma(-u) and d = sigma^2 + 2 sigma + 2."""
    s = _stable.sigmoid(u)
    return s, _stable.sigmoid_prime(u), s * (s + 2.0) + 2.0


def _smish_gate(u: np.ndarray) -> np.ndarray:
    # tanh(ln(1 + s)) = s (s + 2) / (s^2 + 2s + 2), s = sigma(u), as rational functions of one
    # exponential e = e^{-|u|}: e (3e + 2) / (5e^2 + 6e + 2) for u <= 0 (e = e^u),
    # (3 + 2e) / (2e^2 + 6e + 5) for u > 0 (multiply through by (1 + e)^2); all terms positive.
    e = _stable.exp_neg_abs(u)
    left = e * (3.0 * e + 2.0) / ((5.0 * e + 6.0) * e + 2.0)
    right = (3.0 + 2.0 * e) / ((2.0 * e + 6.0) * e + 5.0)
    return np.where(u <= 0, left, right)


def _smish_gate_d1(u: np.ndarray) -> np.ndarray:
    s, p, d = _smish_parts(u)
    return 4.0 * (1.0 + s) * p / (d * d)


def _smish_gate_d2(u: np.ndarray) -> np.ndarray:
    # d/du [4 (1+s) p / d^2] = 4 p / d^2 [p + (1+s)(sigma(-u) - sigma(u)) - 4 (1+s)^2 p / d]
    s, p, d = _smish_parts(u)
    one_s = 1.0 + s
    return 4.0 * p / (d * d) * (p - one_s * np.tanh(0.5 * u) - 4.0 * one_s * one_s * p / d)


def _smish_slope(u: np.ndarray) -> np.ndarray:
    r"""T + u T' of the smish gate for |u| <= 800 from one exponential e = e^{-|u|}.

    u <= 0 (e = e^u): T = e (3e + 2)/D, T' = 4e (1 + 2e)(1 + e)/D^2, D = 5e^2 + 6e + 2, so
    T + u T' = e B / D^2 with B = (3e + 2) D + 4u (1 + 2e)(1 + e)
    = (4 + 4u) + e ((18 + 12u) + e ((28 + 8u) + 15 e)); B cancels near the minimum, where
    4 + 4u is exact (Sterbenz) and the rest carries a few roundings far below one unit
    (the unit includes eps |u f''|, and f'' = e B'/D^2 where B = 0).
    u > 0 (e = e^{-u}): T = (3 + 2e)/E, T' = 4e (2 + e)(1 + e)/E^2, E = 2e^2 + 6e + 5: all
    terms positive.
    """
    e = _stable.exp_neg_abs(u)
    d = (5.0 * e + 6.0) * e + 2.0
    bracket = (4.0 + 4.0 * u) + e * ((18.0 + 12.0 * u) + e * ((28.0 + 8.0 * u) + 15.0 * e))
    left = e * bracket / (d * d)
    big = (2.0 * e + 6.0) * e + 5.0
    right = ((3.0 + 2.0 * e) * big + 4.0 * u * e * (2.0 + e) * (1.0 + e)) / (big * big)
    return np.where(u <= 0.0, left, right)


SMISH_GATE = _GateKernels(_smish_gate, _smish_gate_d1, _smish_gate_d2, _smish_slope, slope_to=_plus_800)


def _logish_gate(u: np.ndarray) -> np.ndarray:
    return np.log1p(_stable.sigmoid(u))


def _logish_gate_d1(u: np.ndarray) -> np.ndarray:
    return _stable.sigmoid_prime(u) / (1.0 + _stable.sigmoid(u))


def _logish_gate_d2(u: np.ndarray) -> np.ndarray:
    # d/du [p/(1+s)] = p [(sigma(-u) - sigma(u))(1+s) - p] / (1+s)^2
    one_s = 1.0 + _stable.sigmoid(u)
    p = _stable.sigmoid_prime(u)
    return p * (-np.tanh(0.5 * u) * one_s - p) / (one_s * one_s)


def _logish_left_slope(u: np.ndarray) -> np.ndarray:
    r"""T + u T' of the logish gate T = log1p(sigma) for -800 <= u <= 0, from e = e^u.

    T' = sigma'/(1 + sigma), so u T' = u sigma/(1 + 2e), which cancels against T near the
    minimum: sigma = e/(1+e) and u sigma/(1 + 2e) are formed as double-doubles (1 + e,
    1 + 2e summed exactly, one correction step per division), T to first order in
    sigma's low part, and the two summed with their low parts.
    """
    e = np.exp(u)
    sigma, sigma_lo = _ratio_dd(e)
    gate = np.log1p(sigma) + sigma_lo / (1.0 + sigma)
    product, product_lo = _stable.two_prod(u, sigma)
    slope, slope_lo = _over_dd(product, _stable.two_sum(np.ones_like(u), 2.0 * e))
    slope_lo = slope_lo + (product_lo + u * sigma_lo) / (1.0 + 2.0 * e)
    total, total_lo = _stable.two_sum(gate, slope)
    return total + (total_lo + slope_lo)


def _logish_right_slope(u: np.ndarray) -> np.ndarray:
    """T + u T' for u > 0 from e = e^{-u}: log1p(1/(1+e)) + u e/((1+e)(2+e)), both terms positive."""
    e = np.exp(-u)
    one_e = 1.0 + e
    return np.log1p(1.0 / one_e) + u * e / (one_e * (2.0 + e))


def _logish_slope(u: np.ndarray) -> np.ndarray:
    """T + u T' of the logish gate for |u| <= 800, each side from its one exponential."""
    return _by_region(u, [(u <= 0.0, _logish_left_slope)], _logish_right_slope)


LOGISH_GATE = _GateKernels(_logish_gate, _logish_gate_d1, _logish_gate_d2, _logish_slope, slope_to=_plus_800)


def _erf_softplus_gate(u: np.ndarray, gamma: float = 1.0) -> np.ndarray:
    return _special.erf(gamma * _stable.softplus(u))


def _erf_softplus_gate_d1(u: np.ndarray, gamma: float = 1.0) -> np.ndarray:
    # d/du erf(gamma sp(u)) = gamma (2/sqrt pi) e^{-w^2} sigma(u),  w = gamma sp(u)
    sp, sigma = _stable.softplus_and_sigmoid(u)
    return (gamma * _TWO_OVER_SQRT_PI) * _stable.exp_neg_square(gamma * sp) * sigma


def _erf_softplus_gate_d2(u: np.ndarray, gamma: float = 1.0) -> np.ndarray:
    # (e^{-w^2} sigma)' = e^{-w^2} sigma (sigma(-u) - 2 gamma w sigma(u))
    w = gamma * _stable.softplus(u)
    s = _stable.sigmoid(u)
    factor = _stable.sigmoid(-u) - 2.0 * gamma * w * s
    return (gamma * _TWO_OVER_SQRT_PI) * _stable.exp_neg_square(w) * s * factor


def _erf_softplus_left_slope(u: np.ndarray, gamma: float = 1.0) -> np.ndarray:
    r"""erf(w) + gamma u (2/\sqrt{\pi}) e^{-w^2} \sigma(u), w = gamma sp(u), where the terms cancel.

    From one exponential e = e^u: w = gamma log1p(e) and sigma(u) = e/(1+e) as a
    double-double (its rounding was the largest error); erf(w) is scipy's.
    Worst error 2.3 units on a dense mpmath check (400 points on [-9, 3] per case),
    where the plain T + u T' reached 4.5; the double-double power series this replaces
    (erf, e^{-w^2}, 1 - e^{-s} to 1e-34, 55 terms) reached 1.5 at 20 times the cost.
    """
    e = np.exp(u)
    sigma, sigma_lo = _ratio_dd(e)
    w = gamma * np.log1p(e)
    constant = _stable.dd_mul(_dd(_TWO_OVER_SQRT_PI, _TWO_OVER_SQRT_PI_LO, u), _dd(gamma, 0.0, u))
    term = _stable.dd_mul(_stable.dd_mul(constant, _stable.two_prod(u, _stable.exp_neg_square(w))), (sigma, sigma_lo))
    total = _stable.dd_add((_special.erf(w), np.zeros_like(u)), term)
    return total[0] + total[1]


def _erf_softplus_slope_end(gamma: float = 1.0) -> float:
    # the terms cancel only for u < 0; the series is used up to w = gamma sp(u) = 2
    return 0.0 if gamma < 0.01 else min(0.0, math.log(math.expm1(2.0 / gamma)))


ERF_SOFTPLUS_GATE = _GateKernels(
    _erf_softplus_gate,
    _erf_softplus_gate_d1,
    _erf_softplus_gate_d2,
    _erf_softplus_left_slope,
    slope_from=-8.0,
    slope_to=_erf_softplus_slope_end,
)


def _exp_argument(u: np.ndarray, alpha: float) -> np.ndarray:
    """t = alpha e^u, capped at 800 where tanh, erf are 1 and t G'(t) underflows."""
    return alpha * np.exp(np.minimum(u, math.log(800.0 / alpha)))


def _tanh_exp_gate(u: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    return np.tanh(_exp_argument(u, alpha))


def _tanh_exp_gate_d1(u: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    t = _exp_argument(u, alpha)
    return t * _stable.sech2(t)


def _tanh_exp_gate_d2(u: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    # d/du [t sech^2 t] = t sech^2(t) (1 - 2 t tanh t), as dt/du = t
    t = _exp_argument(u, alpha)
    return t * _stable.sech2(t) * (1.0 - 2.0 * t * np.tanh(t))


def _tanh_exp_fused(u: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    """T + u T' = tanh(t) + u t sech^2(t) with t = alpha e^u formed once (the same arithmetic as
    t0 + u t1, one exponential fewer)."""
    t = _exp_argument(u, alpha)
    return np.tanh(t) + _stable.times_vanishing(u, t * _stable.sech2(t))


TANH_EXP_GATE = _GateKernels(_tanh_exp_gate, _tanh_exp_gate_d1, _tanh_exp_gate_d2, fused=_tanh_exp_fused)


def _erf_exp_gate(u: np.ndarray, alpha: float) -> np.ndarray:
    return _special.erf(_exp_argument(u, alpha))


def _erf_exp_gate_d1(u: np.ndarray, alpha: float) -> np.ndarray:
    t = _exp_argument(u, alpha)
    return _TWO_OVER_SQRT_PI * t * _stable.exp_neg_square(t)


def _erf_exp_gate_d2(u: np.ndarray, alpha: float) -> np.ndarray:
    # d/du [t e^{-t^2}] = t e^{-t^2} (1 - 2 t^2)
    t = _exp_argument(u, alpha)
    return _TWO_OVER_SQRT_PI * t * _stable.exp_neg_square(t) * (1.0 - 2.0 * t * t)




def _erfact_left_slope(u: np.ndarray, alpha: float) -> np.ndarray:
    r"""erf(t) + u t erf'(t), t = alpha e^u <= 2, where the two terms cancel near the minimum.

    t's rounding is a perturbation of the input's size; the product
    (2/\sqrt{\pi}) u t e^{-t^2} and the sum are formed in double-double, erf(t) is scipy's.
    Worst error 2.4 units on the tables and a dense mpmath check (400 points on [-9, 3]);
    the double-double erf series this replaces (up to 55 terms) reached 0.94 at 15 times the cost.
    """
    t = _exp_argument(u, alpha)
    constant = _dd(_TWO_OVER_SQRT_PI, _TWO_OVER_SQRT_PI_LO, u)
    term = _stable.dd_mul(_stable.dd_mul(constant, _stable.two_prod(u, t)), (_stable.exp_neg_square(t), np.zeros_like(u)))
    total = _stable.dd_add((_special.erf(t), np.zeros_like(u)), term)
    return total[0] + total[1]


def _erfact_slope_end(alpha: float) -> float:
    # the terms cancel only for u < 0; the series is summed up to t = alpha e^u = 2 at most
    return min(0.0, math.log(2.0 / alpha))


ERF_EXP_GATE = _GateKernels(
    _erf_exp_gate, _erf_exp_gate_d1, _erf_exp_gate_d2, _erfact_left_slope, slope_from=-8.0, slope_to=_erfact_slope_end
)


def _tanh_d2(u: np.ndarray) -> np.ndarray:
    return -2.0 * np.tanh(u) * _stable.sech2(u)


TANH_GATE = _GateKernels(np.tanh, _stable.sech2, _tanh_d2)


# -- self-gated entries ----------------------------------------------------------

_HENDRYCKS = Reference(
    "Hendrycks & Gimpel", 2016, "Gaussian Error Linear Units (GELUs)", "https://arxiv.org/abs/1606.08415"
)
_ELFWING = Reference(
    "Elfwing, Uchibe & Doya",
    2017,
    "Sigmoid-Weighted Linear Units for Neural Network Function Approximation in Reinforcement Learning",
    "https://arxiv.org/abs/1702.03118",
)
_BISWAS_ERF = Reference(
    "Biswas, Kumar, Banerjee & Pandey",
    2021,
    "ErfAct and Pserf: Non-monotonic Smooth Trainable Activation Functions",
    "https://arxiv.org/abs/2109.04386",
)

_gelu_f, _gelu_df, _gelu_d2f = _self_gated(NORMAL_CDF_GATE)
register(
    Activation(
        name="gelu",
        family=SELF_GATED,
        f=_gelu_f,
        df=_gelu_df,
        d2f=_gelu_d2f,
        latex=r"\mathrm{GELU}(x) = x\,\Phi(x) = \frac{x}{2}\left(1 + \mathrm{erf}(x/\sqrt{2})\right)",
        latex_derivative=r"\mathrm{GELU}'(x) = \Phi(x) + x\,\varphi(x)",
        summary=(
            "Gaussian error linear unit: the input weighted by the probability Phi(x) that a standard "
            "normal variable lies below it, a smooth, non-monotonic ReLU (minimum -0.17 at x = -0.75). "
            "The default activation of BERT, GPT and most transformers. Evaluated here with the exact "
            "normal CDF; the common 1 + erf form loses every digit by x = -8.3, and 1 + tanh(...) is the "
            "separate gelu_tanh."
        ),
        reference=_HENDRYCKS,
        notes=(
            "Exact erf form, as torch.nn.GELU() (approximate='none'); jax.nn.gelu defaults to the tanh "
            "approximation (approximate=True): that one is gelu_tanh here. Phi never goes through 1 + erf: "
            "centred Taylor expansions on [-3, 0], erfcx e^{-x^2/2} below (gelu(-30) = -1.47e-196, not 0)."
        ),
    )
)

_gelu_tanh_f, _gelu_tanh_df, _gelu_tanh_d2f = _self_gated(GELU_TANH_GATE)
register(
    Activation(
        name="gelu_tanh",
        family=SELF_GATED,
        aliases=("gelu_approximate",),
        f=_gelu_tanh_f,
        df=_gelu_tanh_df,
        d2f=_gelu_tanh_d2f,
        latex=r"x\,\frac{1 + \tanh\left(\sqrt{2/\pi}\,(x + 0.044715\,x^{3})\right)}{2}",
        latex_derivative=r"\frac{1 + \tanh y}{2} + x\,\frac{\sqrt{2/\pi}\,(1 + 0.134145\,x^{2})}{2\cosh^{2} y}",
        summary=(
            "The tanh approximation of GELU from the same paper, within 5e-4 of the exact one; it was "
            "cheaper on early accelerators and is baked into the weights of GPT-2 and BERT checkpoints "
            "(torch's approximate='tanh', jax.nn.gelu's default). Computed as x sigmoid(2y) so the left "
            "tail does not cancel."
        ),
        reference=_HENDRYCKS,
    )
)

_silu_f, _silu_df, _silu_d2f = _self_gated(SIGMOID_GATE)


register(
    Activation(
        name="silu",
        family=SELF_GATED,
        f=_silu_f,
        df=_silu_df,
        d2f=_silu_d2f,
        latex=r"\mathrm{SiLU}(x) = x\,\sigma(x) = \frac{x}{1 + e^{-x}}",
        latex_derivative=r"\mathrm{SiLU}'(x) = \sigma(x)\left(1 + x\,\sigma(-x)\right)",
        summary=(
            "Sigmoid-weighted linear unit: x times its own sigmoid, smooth and non-monotonic with a "
            "minimum of -0.278 at x = -1.278. Proposed for reinforcement learning and found again by "
            "automated search as swish (beta = 1); used in EfficientNet, YOLO and the SwiGLU feed-forward "
            "blocks of LLaMA-style transformers. It is swish with beta fixed at 1."
        ),
        reference=_ELFWING,
        notes="torch.nn.SiLU, jax.nn.silu (= jax.nn.swish), keras silu/swish; the limit silu(-inf) = 0 is kept.",
    )
)

_swish_f, _swish_df, _swish_d2f = _self_gated(SIGMOID_GATE, scale="beta")
register(
    Activation(
        name="swish",
        family=SELF_GATED,
        parameters=(Param("beta", 1.0, "slope of the sigmoid gate; 1 gives silu", lower=0.0, lower_open=True),),
        f=_swish_f,
        df=_swish_df,
        d2f=_swish_d2f,
        latex=r"\mathrm{swish}(x) = x\,\sigma(\beta x)",
        latex_derivative=r"\mathrm{swish}'(x) = \sigma(\beta x)\left(1 + \beta x\,\sigma(-\beta x)\right)",
        summary=(
            "Swish, found by reinforcement-learning search over activation formulas: x sigma(beta x), "
            "which interpolates between x/2 (beta -> 0) and ReLU (beta -> inf); beta may be trained. "
            "beta = 1 is silu, beta = 1.702 approximates GELU. Non-monotonic and unbounded above, it "
            "often beats ReLU in deep networks at a higher cost per evaluation."
        ),
        reference=Reference(
            "Ramachandran, Zoph & Le",
            2017,
            "Searching for Activation Functions",
            "https://arxiv.org/abs/1710.05941",
        ),
        notes="torch and jax have no beta (their swish is silu); beta > 0 here.",
    )
)

_mish_f, _mish_df, _mish_d2f = _self_gated(MISH_GATE)


register(
    Activation(
        name="mish",
        family=SELF_GATED,
        f=_mish_f,
        df=_mish_df,
        d2f=_mish_d2f,
        latex=r"\mathrm{Mish}(x) = x\,\tanh(\ln(1 + e^{x}))",
        latex_derivative=r"\mathrm{Mish}'(x) = \tanh(\mathrm{sp}(x)) + x\,\sigma(x)\,\mathrm{sech}^{2}(\mathrm{sp}(x))",
        summary=(
            "Mish: x times tanh of softplus, a self-regularised non-monotonic unit (minimum -0.309 at "
            "x = -1.19) used in YOLOv4 and many vision models. Slightly smoother than swish and more "
            "expensive. The naive formula overflows e^x for x > 709 and loses the tail x e^x for "
            "x -> -inf; here tanh(softplus) is a rational function of e^{-|x|}."
        ),
        reference=Reference(
            "Misra",
            2019,
            "Mish: A Self Regularized Non-Monotonic Activation Function",
            "https://arxiv.org/abs/1908.08681",
        ),
    )
)

_SIGMOID_GATE_SCALES = (
    Param("alpha", 1.0, "output scale", lower=0.0, lower_open=True),
    Param("beta", 1.0, "input scale of the sigmoid", lower=0.0, lower_open=True),
)
_smish_f, _smish_df, _smish_d2f = _self_gated(SMISH_GATE, scale="beta", amplitude="alpha")
register(
    Activation(
        name="smish",
        family=SELF_GATED,
        parameters=_SIGMOID_GATE_SCALES,
        f=_smish_f,
        df=_smish_df,
        d2f=_smish_d2f,
        latex=r"\mathrm{Smish}(x) = \alpha x\,\tanh(\ln(1 + \sigma(\beta x)))",
        latex_derivative=(
            r"\alpha\tanh(\ln(1+\sigma(\beta x))) + \alpha\beta"
            r" x\,\frac{4(1+\sigma)\,\sigma\,\sigma(-\beta x)}{(\sigma^{2}+2\sigma+2)^{2}}"
        ),
        summary=(
            "Smish: x times tanh(ln(1 + sigmoid x)), a mish-like non-monotonic unit whose gate is bounded "
            "by tanh(ln 2) = 0.6, so it grows like 0.6 x. Reported to beat mish and logish on EfficientNet "
            "image classifiers; alpha = beta = 1 was the best setting in the paper. Little used outside it."
        ),
        reference=Reference(
            "Wang, Ren & Wang",
            2022,
            "Smish: A Novel Activation Function for Deep Learning Methods",
            "https://doi.org/10.3390/electronics11040540",
        ),
    )
)

_logish_f, _logish_df, _logish_d2f = _self_gated(LOGISH_GATE, scale="beta", amplitude="alpha")
register(
    Activation(
        name="logish",
        family=SELF_GATED,
        parameters=_SIGMOID_GATE_SCALES,
        f=_logish_f,
        df=_logish_df,
        d2f=_logish_d2f,
        latex=r"\mathrm{Logish}(x) = \alpha x\,\ln(1 + \sigma(\beta x))",
        latex_derivative=(
            r"\alpha\ln(1 + \sigma(\beta x)) + \alpha\beta"
            r" x\,\frac{\sigma(\beta x)\,\sigma(-\beta x)}{1 + \sigma(\beta x)}"
        ),
        summary=(
            "Logish: x ln(1 + sigmoid x), a non-monotonic self-gated unit whose gate rises from 0 to "
            "ln 2, so it grows like 0.69 x. Proposed for CNN image classification, where the variant "
            "alpha = 1, beta = 10 did best on CIFAR-10; rarely used elsewhere."
        ),
        reference=Reference(
            "Zhu, Zeng, Liu & Zhang",
            2021,
            "Logish: A new nonlinear nonmonotonic activation function for convolutional neural network",
            "https://doi.org/10.1016/j.neucom.2021.06.067",
        ),
    )
)

_pserf_f, _pserf_df, _pserf_d2f = _self_gated(ERF_SOFTPLUS_GATE, scale="delta")
_serf_f, _serf_df, _serf_d2f = _self_gated(ERF_SOFTPLUS_GATE)
register(
    Activation(
        name="serf",
        family=SELF_GATED,
        f=_serf_f,
        df=_serf_df,
        d2f=_serf_d2f,
        latex=r"\mathrm{Serf}(x) = x\,\mathrm{erf}(\ln(1 + e^{x}))",
        latex_derivative=r"\mathrm{erf}(\mathrm{sp}(x)) + x\,\frac{2}{\sqrt{\pi}}\,e^{-\mathrm{sp}(x)^{2}}\,\sigma(x)",
        summary=(
            "Serf (log-softplus error unit): x erf(softplus x), a mish-like self-gated unit with an erf "
            "gate, reported to train faster than mish and swish on image and language tasks. pserf is "
            "its parameterised form (gamma = delta = 1 gives serf)."
        ),
        reference=Reference(
            "Nag & Bhattacharyya",
            2021,
            "SERF: Towards better training of deep neural networks using log-Softplus ERror activation Function",
            "https://arxiv.org/abs/2108.09598",
        ),
    )
)
register(
    Activation(
        name="pserf",
        family=SELF_GATED,
        parameters=(
            Param("gamma", 1.25, "scale of the softplus inside erf", lower=0.0, lower_open=True),
            Param("delta", 0.85, "input scale of the softplus", lower=0.0, lower_open=True),
        ),
        f=_pserf_f,
        df=_pserf_df,
        d2f=_pserf_d2f,
        latex=r"\mathrm{Pserf}(x) = x\,\mathrm{erf}(\gamma\ln(1 + e^{\delta x}))",
        latex_derivative=(
            r"\mathrm{erf}(w) +"
            r" x\,\frac{2\gamma\delta}{\sqrt{\pi}}\,e^{-w^{2}}\,\sigma(\delta x),\;\; w = \gamma\,\mathrm{sp}(\delta x)"
        ),
        summary=(
            "Pserf: the trainable form of serf, x erf(gamma softplus(delta x)), proposed with ErfAct as "
            "non-monotonic smooth units whose two parameters are learned. Reported gains over ReLU on ShuffleNet and SSD; little independent use."
        ),
        reference=_BISWAS_ERF,
        notes=(
            "gamma = delta = 1 is serf. gamma = 1.25, delta = 0.85 are the paper's initial values as recalled "
            "when this entry was written; the paper's text was not at hand to confirm them."
        ),
    )
)

_erfact_f, _erfact_df, _erfact_d2f = _self_gated(ERF_EXP_GATE, scale="beta")
register(
    Activation(
        name="erfact",
        family=SELF_GATED,
        parameters=(
            Param("alpha", 0.75, "scale of the exponential inside erf", lower=0.0, lower_open=True),
            Param("beta", 0.75, "input scale of the exponential", lower=0.0, lower_open=True),
        ),
        f=_erfact_f,
        df=_erfact_df,
        d2f=_erfact_d2f,
        latex=r"\mathrm{ErfAct}(x) = x\,\mathrm{erf}(\alpha e^{\beta x})",
        latex_derivative=r"\mathrm{erf}(t) + \beta x\,\frac{2}{\sqrt{\pi}}\,t\,e^{-t^{2}},\;\; t = \alpha e^{\beta x}",
        summary=(
            "ErfAct: x erf(alpha e^(beta x)), a trainable non-monotonic unit equal to x (in double) once "
            "alpha e^(beta x) exceeds 6 and decays like x e^(beta x) on the left. Proposed with pserf, "
            "both with trainable parameters. Reported large gains over ReLU on ShuffleNet V2 "
            "(CIFAR-100), not widely reproduced."
        ),
        reference=_BISWAS_ERF,
        notes=(
            "alpha = beta = 0.75 are the paper's initial values as recalled when this entry was written; "
            "the paper's text was not at hand to confirm them."
        ),
    )
)

_tanh_exp_f, _tanh_exp_df, _tanh_exp_d2f = _self_gated(TANH_EXP_GATE)
register(
    Activation(
        name="tanh_exp",
        family=SELF_GATED,
        aliases=("tanhexp",),
        f=_tanh_exp_f,
        df=_tanh_exp_df,
        d2f=_tanh_exp_d2f,
        latex=r"\mathrm{TanhExp}(x) = x\,\tanh(e^{x})",
        latex_derivative=r"\mathrm{TanhExp}'(x) = \tanh(e^{x}) + x\,e^{x}\,\mathrm{sech}^{2}(e^{x})",
        summary=(
            "TanhExp: x tanh(e^x), which equals x to double precision for x > 3.6 and decays like x e^x "
            "on the left (minimum -0.353 at x = -1.1). Proposed for lightweight real-time vision networks "
            "for its fast convergence; the naive formula overflows e^x past x = 709."
        ),
        reference=Reference(
            "Liu & Di",
            2020,
            "TanhExp: A Smooth Activation Function with High Convergence Speed for Lightweight Neural Networks",
            "https://arxiv.org/abs/2003.09855",
        ),
    )
)

_lisht_f, _lisht_df, _lisht_d2f = _self_gated(TANH_GATE)
register(
    Activation(
        name="lisht",
        family=SELF_GATED,
        f=_lisht_f,
        df=_lisht_df,
        d2f=_lisht_d2f,
        latex=r"\mathrm{LiSHT}(x) = x\,\tanh(x)",
        latex_derivative=r"\mathrm{LiSHT}'(x) = \tanh(x) + x\,\mathrm{sech}^{2}(x)",
        summary=(
            "Linearly scaled hyperbolic tangent: x tanh x, an even, non-negative unit that behaves like "
            "|x| for large inputs and like x^2 near 0. Proposed against the dying-gradient problem of "
            "ReLU; being even, it maps x and -x to the same value, and it is unbounded on both sides."
        ),
        reference=Reference(
            "Roy, Manna, Dubey & Chaudhuri",
            2019,
            "LiSHT: Non-Parametric Linearly Scaled Hyperbolic Tangent Activation Function for Neural Networks",
            "https://arxiv.org/abs/1901.05894",
        ),
    )
)


def _dsilu_d2(x: np.ndarray) -> np.ndarray:
    # silu''' = sigma'(x) (x tanh^2(x/2) - 3 tanh(x/2) - (x/2) sech^2(x/2)); |x| clamped where sigma' = 0
    v = np.clip(x, -800.0, 800.0)
    t = np.tanh(0.5 * v)
    return _stable.sigmoid_prime(v) * (v * t * t - 3.0 * t - 0.5 * v * _stable.sech2(0.5 * v))


register(
    Activation(
        name="dsilu",
        family=FAMILY,
        f=_silu_df,
        df=_silu_d2f,
        d2f=_dsilu_d2,
        latex=r"\mathrm{dSiLU}(x) = \sigma(x)\left(1 + x\,(1 - \sigma(x))\right)",
        latex_derivative=r"\mathrm{dSiLU}'(x) = \sigma'(x)\left(2 - x\tanh(x/2)\right)",
        summary=(
            "The derivative of SiLU used as an activation in its own right: a sigmoid-like unit that "
            "overshoots to 1.1 at x = 2.4 and dips to -0.1 at x = -2.4. Proposed with SiLU for "
            "value-function approximation in reinforcement learning (Tetris, Atari); rare elsewhere."
        ),
        reference=_ELFWING,
    )
)


# -- smooth rectifiers -------------------------------------------------------------


def _softplus(x: np.ndarray, beta: float) -> np.ndarray:
    # log(1 + e^{beta x})/beta = max(x, 0) + log1p(e^{-beta |x|})/beta: beta x never overflows
    return np.maximum(x, 0.0) + np.log1p(np.exp(-_scaled(np.abs(x), beta))) / beta


def _softplus_d1(x: np.ndarray, beta: float) -> np.ndarray:
    return _stable.sigmoid(_scaled(x, beta))


def _softplus_d2(x: np.ndarray, beta: float) -> np.ndarray:
    return beta * _stable.sigmoid_prime(_scaled(x, beta))


register(
    Activation(
        name="softplus",
        family=FAMILY,
        parameters=(
            Param("beta", 1.0, "sharpness: tends to ReLU as beta grows", lower=0.0, lower_open=True),
        ),
        f=_softplus,
        df=_softplus_d1,
        d2f=_softplus_d2,
        latex=r"\mathrm{softplus}(x) = \frac{1}{\beta}\ln(1 + e^{\beta x})",
        latex_derivative=r"\mathrm{softplus}'(x) = \sigma(\beta x)",
        summary=(
            "Softplus: the smooth approximation ln(1 + e^x) of ReLU, positive everywhere, with the "
            "sigmoid as its derivative. Used where a positive output is needed (variances, rates, "
            "the gate of mish) and as a hidden unit; like ReLU it is not zero-centred and unbounded."
        ),
        reference=Reference(
            "Dugas, Bengio, Belisle, Nadeau & Garcia",
            2001,
            "Incorporating Second-Order Functional Knowledge for Better Option Pricing",
            "https://www.cirano.qc.ca/en/summaries/2002s-46",
        ),
        notes=(
            "torch.nn.Softplus also has threshold=20 above which it returns x; that costs up to "
            "e^-20 ~ 2e-9 relative (10^7 units), so it is not copied: this softplus is exact everywhere."
        ),
    )
)


def _log_sigmoid(x: np.ndarray) -> np.ndarray:
    # log sigma(x) = -softplus(-x) = min(x, 0) - log1p(e^{-|x|})
    return np.minimum(x, 0.0) - np.log1p(np.exp(-np.abs(x)))


def _log_sigmoid_d1(x: np.ndarray) -> np.ndarray:
    return _stable.sigmoid(-x)


def _log_sigmoid_d2(x: np.ndarray) -> np.ndarray:
    return -_stable.sigmoid_prime(x)


register(
    Activation(
        name="log_sigmoid",
        family=FAMILY,
        aliases=("logsigmoid",),
        f=_log_sigmoid,
        df=_log_sigmoid_d1,
        d2f=_log_sigmoid_d2,
        latex=r"\ln\sigma(x) = -\ln(1 + e^{-x})",
        latex_derivative=r"(\ln\sigma)'(x) = \sigma(-x)",
        summary=(
            "The logarithm of the sigmoid, -softplus(-x): a smooth, concave, negative rectifier of the "
            "left half-line. Mostly used inside losses (logistic and negative-sampling objectives), "
            "where log(sigmoid(x)) computed naively underflows to -inf for x < -745."
        ),
        reference=Reference(
            "Paszke et al.",
            2019,
            "PyTorch: An Imperative Style, High-Performance Deep Learning Library",
            "https://arxiv.org/abs/1912.01703",
        ),
        notes="torch.nn.LogSigmoid, jax.nn.log_sigmoid, keras log_sigmoid; no single paper introduced it.",
    )
)


def _squareplus(x: np.ndarray, b: float) -> np.ndarray:
    # (x + sqrt(x^2 + b))/2; for x < 0 as b / (2 (sqrt(x^2 + b) - x)), which does not cancel.
    # One hypot h = sqrt(x^2 + b) serves both sides (it was computed twice, on clamped copies).
    h = np.hypot(x, math.sqrt(b))
    right = np.maximum(x, 0.0)
    left = np.minimum(x, 0.0)
    return np.where(x >= 0, 0.5 * right + 0.5 * h, (0.25 * b) / (0.5 * h - 0.5 * left))


def _squareplus_d1(x: np.ndarray, b: float) -> np.ndarray:
    # (1 + x/h)/2 with h = sqrt(x^2 + b); for x < 0 as b / (2 h (h - x))
    v = np.minimum(x, 1e300)  # x/h -> 1 without inf/inf; one hypot for both sides
    h = np.hypot(v, math.sqrt(b))
    right = np.maximum(v, 0.0)
    left = np.minimum(v, 0.0)
    left_slope = (0.25 * b / h) / (0.5 * h - 0.5 * left)
    return np.where(x >= 0, 0.5 + 0.5 * (right / h), left_slope)


def _squareplus_d2(x: np.ndarray, b: float) -> np.ndarray:
    h = np.hypot(x, math.sqrt(b))
    return (0.5 * b / h) / h / h


register(
    Activation(
        name="squareplus",
        family=FAMILY,
        parameters=(
            Param("b", 4.0, "curvature at 0: the hinge is rounded over |x| ~ sqrt(b)", lower=0.0, lower_open=True),
        ),
        f=_squareplus,
        df=_squareplus_d1,
        d2f=_squareplus_d2,
        latex=r"\mathrm{squareplus}(x) = \frac{x + \sqrt{x^{2} + b}}{2}",
        latex_derivative=r"\mathrm{squareplus}'(x) = \frac{1}{2}\left(1 + \frac{x}{\sqrt{x^{2} + b}}\right)",
        summary=(
            "Squareplus: an algebraic softplus built from a square root only, so it is cheaper than "
            "exp and log; with b = 4 its value at 0 is 1 (softplus: ln 2). It approaches 0 only like "
            "b/(4|x|), far more slowly than softplus. Available as jax.nn.squareplus and keras "
            "squareplus; the naive formula cancels to 0 for x < -1e8."
        ),
        reference=Reference(
            "Barron",
            2021,
            "Squareplus: A Softplus-Like Algebraic Rectifier",
            "https://arxiv.org/abs/2112.11687",
        ),
        notes="b = 4 as in jax and keras; torch has no squareplus.",
    )
)


def _sparse_plus(x: np.ndarray) -> np.ndarray:
    middle = np.clip(x, -1.0, 1.0) + 1.0
    return np.where(x >= 1.0, x, np.where(x > -1.0, 0.25 * middle * middle, _stable.zeros_like(x)))


def _sparse_plus_d1(x: np.ndarray) -> np.ndarray:
    middle = 0.5 * (np.clip(x, -1.0, 1.0) + 1.0)
    return np.where(x >= 1.0, 1.0, np.where(x > -1.0, middle, _stable.zeros_like(x)))


def _sparse_plus_d2(x: np.ndarray) -> np.ndarray:
    return np.where(np.abs(x) < 1.0, 0.5, _stable.zeros_like(x))


register(
    Activation(
        name="sparse_plus",
        family=FAMILY,
        aliases=("sparseplus",),
        f=_sparse_plus,
        df=_sparse_plus_d1,
        d2f=_sparse_plus_d2,
        latex=r"0 \;(x \leq -1),\;\; \frac{(x+1)^{2}}{4} \;(-1 < x < 1),\;\; x \;(x \geq 1)",
        latex_derivative=r"0 \;(x \leq -1),\;\; \frac{x+1}{2} \;(-1 < x < 1),\;\; 1 \;(x \geq 1)",
        kink_points=lambda: (
            Kink(-1.0, "sparse_plus' is continuous (0 at -1); sparse_plus''(-1) = 0, as jax's x <= -1 branch"),
            Kink(1.0, "sparse_plus' is continuous (1 at 1); sparse_plus''(1) = 0, as jax's x >= 1 branch"),
        ),
        summary=(
            "Sparse plus: the sparse twin of softplus, exactly 0 below -1, exactly x above 1 and a "
            "parabola in between, so it is once (not twice) continuously differentiable. It comes from "
            "the sparsemax construction of Fenchel-Young losses and is in jax.nn and keras 3."
        ),
        reference=Reference(
            "Blondel, Martins & Niculae", 2020, "Learning with Fenchel-Young Losses", "https://arxiv.org/abs/1901.02324"
        ),
        notes="jax.nn.sparse_plus and keras sparse_plus; torch has none.",
    )
)


def _hardswish(x: np.ndarray) -> np.ndarray:
    # x relu6(x + 3)/6 with the gate relu6(x+3)/6 = hardsigmoid in [0, 1] formed first: no overflow
    return _stable.times_vanishing(x, np.clip(x + 3.0, 0.0, 6.0) / 6.0)


def _hardswish_d1(x: np.ndarray) -> np.ndarray:
    # torch: 0 for x < -3, x/3 + 1/2 for -3 <= x <= 3, 1 for x > 3 (both kinks take the middle piece)
    middle = (2.0 * np.clip(x, -3.0, 3.0) + 3.0) / 6.0
    return np.where(x > 3.0, 1.0, np.where(x >= -3.0, middle, _stable.zeros_like(x)))


def _hardswish_d2(x: np.ndarray) -> np.ndarray:
    return np.where(np.abs(x) < 3.0, 1.0 / 3.0, _stable.zeros_like(x))


register(
    Activation(
        name="hardswish",
        family=SELF_GATED,
        aliases=("hard_swish", "hard_silu"),
        f=_hardswish,
        df=_hardswish_d1,
        d2f=_hardswish_d2,
        latex=r"\mathrm{hardswish}(x) = x\,\frac{\mathrm{ReLU6}(x + 3)}{6}",
        latex_derivative=r"0 \;(x < -3),\;\; \frac{2x + 3}{6} \;(-3 \leq x \leq 3),\;\; 1 \;(x > 3)",
        kink_points=lambda: (
            Kink(-3.0, "hardswish'(-3) = -1/2 (the middle piece), as torch's backward"),
            Kink(3.0, "hardswish'(3) = 3/2 (the middle piece), as torch's backward"),
        ),
        summary=(
            "Hard swish: x times the piecewise-linear hard sigmoid, a cheap swish for mobile hardware "
            "(MobileNetV3), exactly 0 below -3 and x above 3. Its derivative jumps at both ends. torch's "
            "x * min(max(x + 3, 0), 6) / 6 overflows to inf for x > 3e307; here the gate is formed first."
        ),
        reference=Reference("Howard et al.", 2019, "Searching for MobileNetV3", "https://arxiv.org/abs/1905.02244"),
        notes="torch.nn.Hardswish, jax.nn.hard_swish (= hard_silu), keras hard_silu; derivative at ±3 as torch.",
    )
)


def _bent_identity(x: np.ndarray) -> np.ndarray:
    # x + (sqrt(x^2+1) - 1)/2 = x (1 + x / (2 (sqrt(x^2+1) + 1))): no cancellation at 0 or -inf
    overflows = x > _DOUBLE_MAX / 1.5
    safe = np.where(overflows, 0.0, x)
    v = np.maximum(safe, -1e300)  # q = -1/2 to double precision from there on
    q = 0.5 * (v / (np.hypot(v, 1.0) + 1.0))
    return np.where(overflows, np.inf, safe * (1.0 + q))


def _bent_identity_d1(x: np.ndarray) -> np.ndarray:
    v = np.clip(x, -1e300, 1e300)
    return 1.0 + 0.5 * (v / np.hypot(v, 1.0))


def _bent_identity_d2(x: np.ndarray) -> np.ndarray:
    h = np.hypot(x, 1.0)
    return (0.5 / h) / h / h


register(
    Activation(
        name="bent_identity",
        family=FAMILY,
        f=_bent_identity,
        df=_bent_identity_d1,
        d2f=_bent_identity_d2,
        latex=r"\frac{\sqrt{x^{2} + 1} - 1}{2} + x",
        latex_derivative=r"1 + \frac{x}{2\sqrt{x^{2} + 1}}",
        summary=(
            "Bent identity: the identity plus half a hyperbola, a smooth, strictly increasing unit with "
            "slope 1/2 on the far left and 3/2 on the far right, equal to x near 0. It appears in "
            "activation-function tables rather than in a paper of its own; it never saturates, so it "
            "is rarely used in deep networks."
        ),
        reference=Reference(
            "Wikipedia contributors",
            2016,
            "Activation function: comparison of activation functions (no original paper is known)",
            "https://en.wikipedia.org/wiki/Activation_function#Table_of_activation_functions",
        ),
    )
)


def _tanhsoft(x: np.ndarray, alpha: float) -> np.ndarray:
    return np.tanh(_scaled(x, alpha)) * _stable.softplus(x)


def _tanhsoft_d1(x: np.ndarray, alpha: float) -> np.ndarray:
    # alpha sech^2(alpha x) sp(x) + tanh(alpha x) sigma(x); alpha x formed once
    v = _scaled(x, alpha)
    sp, sigma = _stable.softplus_and_sigmoid(x)
    return alpha * _stable.times_vanishing(sp, _stable.sech2(v)) + np.tanh(v) * sigma


def _tanhsoft_d2(x: np.ndarray, alpha: float) -> np.ndarray:
    # -2 alpha^2 tanh sech^2 sp + 2 alpha sech^2 sigma + tanh sigma'
    t = np.tanh(_scaled(x, alpha))
    sech2 = _stable.sech2(_scaled(x, alpha))
    curvature = -2.0 * alpha * alpha * _stable.times_vanishing(_stable.softplus(x), t * sech2)
    return curvature + 2.0 * alpha * sech2 * _stable.sigmoid(x) + t * _stable.sigmoid_prime(x)


register(
    Activation(
        name="tanhsoft",
        family=FAMILY,
        aliases=("tanhsoft1", "tanhsoft_1"),
        parameters=(Param("alpha", 0.87, "slope of the tanh factor", lower=0.0, lower_open=True),),
        f=_tanhsoft,
        df=_tanhsoft_d1,
        d2f=_tanhsoft_d2,
        latex=r"\mathrm{TanhSoft}(x) = \tanh(\alpha x)\,\ln(1 + e^{x})",
        latex_derivative=r"\alpha\,\mathrm{sech}^{2}(\alpha x)\ln(1 + e^{x}) + \tanh(\alpha x)\,\sigma(x)",
        summary=(
            "TanhSoft-1: tanh(alpha x) times softplus, the first of the TanhSoft family "
            "tanh(alpha x + beta e^(gamma x)) ln(delta + e^x); negative but bounded on the left "
            "(minimum about -0.2), like softplus on the right. alpha = 0.87 is the paper's best value "
            "(CIFAR-100 gains with DenseNet-169 and SimpleNet); little used since."
        ),
        reference=Reference(
            "Biswas, Kumar, Banerjee & Pandey",
            2020,
            "TanhSoft -- a family of activation functions combining Tanh and Softplus",
            "https://arxiv.org/abs/2009.03863",
        ),
        notes="The TanhSoft-1 member (beta = 0, delta = 1) with the paper's alpha = 0.87.",
    )
)


def _sp_ratio(x: np.ndarray) -> np.ndarray:
    """r = sigma(x) / softplus(x) (-> 1 as x -> -inf, ~1/x as x -> +inf), without 0/0 in the left tail."""
    t = np.exp(np.minimum(x, 0.0))
    # log1p(t)/t -> 1 as t -> 0; t is only ever 0 where that limit is meant
    log1p_over_t = np.where(t == 0.0, 1.0, np.log1p(t) / np.where(t == 0.0, 1.0, t))
    left = 1.0 / ((1.0 + t) * log1p_over_t)
    right = _stable.sigmoid(x) / _stable.softplus(np.maximum(x, 0.0))
    return np.where(x > 0, right, left)


def _sp_power(x: np.ndarray, alpha: float) -> np.ndarray:
    """softplus(x)**alpha, through log softplus(x) = x - e^x/2 + O(e^{2x}) where softplus is (sub)normal-tiny
    (x < -30); each branch on its own elements, and no power at all for alpha = 1."""

    def tail(v: np.ndarray) -> np.ndarray:
        return np.exp(alpha * (v - 0.5 * np.exp(v)))

    def body(v: np.ndarray) -> np.ndarray:
        sp = _stable.softplus(v)
        return sp if alpha == 1.0 else np.power(sp, alpha)

    return _by_region(x, [(x < -30.0, tail)], body)


def _isru_parts(x: np.ndarray, beta: float, gamma: float) -> tuple[np.ndarray, np.ndarray]:
    r"""g = x/\sqrt{\beta + \gamma x^2} and g' = \beta/(\beta + \gamma x^2)^{3/2}, written with
    h = hypot(\sqrt{\beta/\gamma}, x) so nothing overflows."""
    h = np.hypot(math.sqrt(beta / gamma), x)
    ratio = np.where(np.isinf(h), np.sign(x), x / np.where(np.isinf(h), 1.0, h))  # x/h, ±1 at ±inf
    return ratio / math.sqrt(gamma), ((beta / gamma**1.5) / h) / h / h


def _eis(x: np.ndarray, alpha: float, beta: float, gamma: float) -> np.ndarray:
    g, _ = _isru_parts(x, beta, gamma)
    return g * _sp_power(x, alpha)


def _eis_power_derivative(x: np.ndarray, alpha: float) -> np.ndarray:
    """P = sigma(x) softplus(x)^(alpha - 1) = (softplus^alpha)' / alpha, for finite x.

    Written as sigma sp^alpha / sp: the rounded exponent alpha - 1 would cost
    ln(x) * 2^-53 relative (2e-14 at x = 1e305); sigma itself for alpha = 1.
    Below -30 as (sigma/sp) sp^alpha, each branch on its own elements."""

    def tail(v: np.ndarray) -> np.ndarray:
        return _sp_ratio(v) * _sp_power(v, alpha)

    def body(v: np.ndarray) -> np.ndarray:
        if alpha == 1.0:
            return _stable.sigmoid(v)
        sp = _stable.softplus(v)
        return _stable.sigmoid(v) * (np.power(sp, alpha) / sp)

    return _by_region(x, [(x < -30.0, tail)], body)


def _eis_limits(x: np.ndarray, finite: np.ndarray, at_plus_inf: float) -> np.ndarray:
    """``finite`` (computed at x with ±inf replaced by 0), with the limits at ±inf put back."""
    return np.where(x == np.inf, at_plus_inf, np.where(x == -np.inf, 0.0, finite))


def _eis_d1(x: np.ndarray, alpha: float, beta: float, gamma: float) -> np.ndarray:
    # f = g S^a: f' = g' S^a + a g P; f'(+inf) = 1/sqrt(gamma) for alpha = 1, else 0
    v = np.where(np.isinf(x), 0.0, x)
    g, g1 = _isru_parts(v, beta, gamma)
    slope = _stable.times_vanishing(_sp_power(v, alpha), g1) + alpha * g * _eis_power_derivative(v, alpha)
    return _eis_limits(x, slope, 1.0 / math.sqrt(gamma) if alpha == 1.0 else 0.0)


def _eis_d2(x: np.ndarray, alpha: float, beta: float, gamma: float) -> np.ndarray:
    # f'' = g'' S^a + 2 a g' P + a g P (sigma(-x) + (a - 1) r),  P' = P (sigma(-x) + (a - 1) r), r = sigma/sp.
    # g'' S^a is formed as (S^a / h)(g'' h): g'' alone underflows (~x^-4) long before the product (~x^(a-3)).
    v = np.where(np.isinf(x), 0.0, x)
    g, g1 = _isru_parts(v, beta, gamma)
    h = np.hypot(math.sqrt(beta / gamma), v)
    g2_h = -3.0 * (beta / gamma**1.5) * (v / h) / h / h / h
    p = _eis_power_derivative(v, alpha)
    bracket = _stable.sigmoid(-v) + (alpha - 1.0) * _sp_ratio(v)
    curvature = (_sp_power(v, alpha) / h) * g2_h + 2.0 * alpha * g1 * p + alpha * g * p * bracket
    return _eis_limits(x, curvature, 0.0)


register(
    Activation(
        name="eis",
        family=FAMILY,
        parameters=(
            Param("alpha", 1.0, "power of the softplus factor", lower=0.0, upper=1.0, lower_open=True),
            Param("beta", 1.0, "constant under the square root", lower=0.0, lower_open=True),
            Param("gamma", 1.0, "weight of x^2 under the square root", lower=0.0, lower_open=True),
        ),
        f=_eis,
        df=_eis_d1,
        d2f=_eis_d2,
        latex=r"\mathrm{EIS}(x) = \frac{x\,\ln(1 + e^{x})^{\alpha}}{\sqrt{\beta + \gamma x^{2}}}",
        latex_derivative=(
            r"g'(x)\,\mathrm{sp}(x)^{\alpha} +"
            r" \alpha\,g(x)\,\sigma(x)\,\mathrm{sp}(x)^{\alpha-1},\;\; g(x) = \frac{x}{\sqrt{\beta + \gamma x^{2}}}"
        ),
        summary=(
            "EIS: softplus^alpha times an inverse-square-root unit x/sqrt(beta + gamma x^2), from a "
            "five-parameter family combining exponential, ISRU and softplus. The default "
            "x ln(1 + e^x)/sqrt(1 + x^2) is the member the paper reports as beating ReLU by 1.7% on "
            "CIFAR-100 (DenseNet-169); it behaves like softplus on the right and decays like x e^x on the left."
        ),
        reference=Reference(
            "Biswas, Kumar, Banerjee & Pandey",
            2020,
            "EIS -- a family of activation functions combining Exponential, ISRU, and Softplus",
            "https://arxiv.org/abs/2009.13501",
        ),
        notes=(
            "The paper's family is x sp(x)^alpha / (sqrt(beta + gamma x^2) + delta e^(-theta x)); only "
            "delta = 0 members are offered (so theta drops out), with 0 < alpha <= 1, beta > 0, gamma > 0."
        ),
    )
)


# -- Padé activation unit ------------------------------------------------------------

# Coefficients of the PAU repository's default unit (ml-research/pau, pau/cuda/python_imp/Pade.py,
# get_constants_for_inits("pade_optimized_leakyrelu"), the initialisation used by pau.utils.PAU()):
# a0..a5 of P and b1..b4 of the denominator, a (5, 4) fit of leaky ReLU.
PAU_NUMERATOR = (3.35583603e-02, 5.05000375e-01, 1.65343934e00, 2.01001052e00, 9.31901999e-01, 1.52424124e-01)
PAU_DENOMINATOR = (3.30847488e-06, 3.98021568e00, 5.12471206e-07, 3.01830109e-01)


def _polynomial(coefficients: tuple[float, ...], x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """p(x), p'(x), p''(x) by Horner's scheme, ``coefficients`` in ascending order."""
    p = np.full_like(x, coefficients[-1])
    d1 = np.zeros_like(x)
    d2 = np.zeros_like(x)
    for c in reversed(coefficients[:-1]):
        d2 = d2 * x + 2.0 * d1
        d1 = d1 * x + p
        p = p * x + c
    return p, d1, d2


def _quotient(p, p1, p2, q, q1, q2):  # noqa: ANN001, ANN202 - arrays in, arrays out
    """(p/q, (p/q)', (p/q)'') by the quotient rule."""
    f = p / q
    f1 = (p1 - f * q1) / q
    return f, f1, (p2 - 2.0 * f1 * q1 - f * q2) / q


def _pau_split(sign: int) -> tuple[float, float, tuple[float, ...]]:
    """P = (c1 x + c0) Q + r on the region where the inner polynomial has ``sign`` (Q = 1 + sign * inner):
    (c1, c0, r0..r3), computed exactly from the float coefficients and rounded once."""
    from fractions import Fraction

    a = [Fraction(v) for v in PAU_NUMERATOR]
    q = [Fraction(1)] + [sign * Fraction(v) for v in PAU_DENOMINATOR]
    c1 = a[5] / q[4]
    c0 = (a[4] - c1 * q[3]) / q[4]
    r = [a[k] - c0 * q[k] - (c1 * q[k - 1] if k else 0) for k in range(4)]
    return float(c1), float(c0), tuple(float(v) for v in r)


_PAU_SPLITS = {1: _pau_split(1), -1: _pau_split(-1)}
_PAU_INNER_REVERSED = tuple(reversed(PAU_DENOMINATOR))  # b4 + b3 y + b2 y^2 + b1 y^3, y = 1/x


def _dd_times(a: tuple[np.ndarray, np.ndarray], x: np.ndarray, x_split: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(a_hi + a_lo) x for a double x with its split given: _stable.dd_mul(a, (x, 0)) without the zero terms."""
    p, e = _stable.two_prod_split(a[0], x, x_split)
    e = e + a[1] * x
    hi = p + e
    return hi, e - (hi - p)


def _dd_plus(a: tuple[np.ndarray, np.ndarray], c: float | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(a_hi + a_lo) + c for a double c: _stable.dd_add(a, (c, 0)) without the zero term."""
    s, e = _stable.two_sum(a[0], c)
    e = e + a[1]
    hi = s + e
    return hi, e - (hi - s)


def _polynomial_dd(coefficients: tuple[float, ...], x: np.ndarray, order: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """[p, p', p''][: order + 1] at the double x, by Horner's scheme in double-double (x split once)."""
    zero = np.zeros_like(x)
    x_split = _stable.split(x)
    p = (np.full_like(x, coefficients[-1]), zero)
    d1 = (zero, zero)
    d2 = (zero, zero)
    for c in reversed(coefficients[:-1]):
        if order >= 2:
            d2 = _stable.dd_add(_dd_times(d2, x, x_split), (2.0 * d1[0], 2.0 * d1[1]))
        if order >= 1:
            d1 = _stable.dd_add(_dd_times(d1, x, x_split), p)
        p = _dd_plus(_dd_times(p, x, x_split), np.full_like(x, c))
    return [p, d1, d2][: order + 1]


def _pau_near(x: np.ndarray, order: int) -> np.ndarray:
    """f, f' or f'' (``order``) by the quotient rule in double-double, for |x| <= 64.

    P cancels heavily where the unit is small (P(-2) = -0.46 from terms up to 16)
    and f'' = (P'' - 2 f' Q' - f Q'')/Q falls from O(1/x) terms to O(1/x^3): both
    cost at most 2^40 of the 2^106 carried. sgn(A) = 0 at a zero of A, as torch's abs.
    """
    inner = _polynomial_dd((0.0, *PAU_DENOMINATOR), x, order)
    sign = np.sign(inner[0][0])
    q = [(sign * v[0], sign * v[1]) for v in inner]
    q[0] = _stable.dd_add(q[0], (np.ones_like(x), np.zeros_like(x)))
    p = _polynomial_dd(PAU_NUMERATOR, x, order)
    values = [_stable.dd_div_dd(p[0], q[0])]
    if order >= 1:
        values.append(_stable.dd_div_dd(_stable.dd_add(p[1], _dd_neg(_stable.dd_mul(values[0], q[1]))), q[0]))
    if order >= 2:
        two_f1_q1 = _stable.dd_mul(values[1], q[1])
        two_f1_q1 = (2.0 * two_f1_q1[0], 2.0 * two_f1_q1[1])
        top = _stable.dd_add(_stable.dd_add(p[2], _dd_neg(two_f1_q1)), _dd_neg(_stable.dd_mul(values[0], q[2])))
        values.append(_stable.dd_div_dd(top, q[0]))
    return values[order][0] + values[order][1]


def _pau_far(x: np.ndarray) -> list[np.ndarray]:
    r"""f, f', f'' for |x| > 64 as :math:`c_1 x + c_0 + y G(y)`, y = 1/x, :math:`G = \rho(y)/\beta(y)`
    the remainder r(x)/Q(x) rewritten in y: bounded terms, no overflow, no cancellation."""
    y = 1.0 / x
    s_far = np.where(_polynomial(_PAU_INNER_REVERSED, y)[0] >= 0.0, 1, -1)
    branches = {}
    for sign, (c1, c0, r) in _PAU_SPLITS.items():
        rho = _polynomial((r[3], r[2], r[1], r[0]), y)
        beta = _polynomial(tuple(sign * b for b in _PAU_INNER_REVERSED) + (1.0,), y)
        g, g1, g2 = _quotient(*rho, *beta)
        branches[sign] = (
            c1 * x + c0 + y * g,
            c1 - y * y * (g + y * g1),
            y * y * y * (2.0 * g + 4.0 * y * g1 + y * y * g2),
        )
    return [np.where(s_far == 1, branches[1][k], branches[-1][k]) for k in range(3)]


_PAU_SWITCH = 64.0


def _pau(x: np.ndarray, order: int) -> np.ndarray:
    r"""f, f' or f'' of the safe PAU :math:`P(x)/(1 + |A(x)|)`, :math:`A = b_1 x + ... + b_4 x^4`."""
    return _by_region(
        x, [(np.abs(x) <= _PAU_SWITCH, lambda v: _pau_near(v, order))], lambda v: _pau_far(v)[order]
    )  # each branch on its own elements: computing both everywhere doubled the cost


def _pade(x: np.ndarray) -> np.ndarray:
    return _pau(x, 0)


def _pade_d1(x: np.ndarray) -> np.ndarray:
    return _pau(x, 1)


def _pade_d2(x: np.ndarray) -> np.ndarray:
    return _pau(x, 2)


def _pade_kinks() -> tuple[Kink, ...]:
    roots = np.roots(_PAU_INNER_REVERSED)  # zeros of b1 + b2 x + b3 x^2 + b4 x^3
    zeros = sorted({0.0, *(float(r.real) for r in roots if abs(r.imag) < 1e-12)})
    convention = (
        "pade' and pade'' there take sgn(0) = 0 for d|u|/du (torch's abs backward): f' is the mean of both sides"
    )
    return tuple(Kink(z, f"zero of the inner polynomial of Q; {convention}") for z in zeros)


_PADE_KINKS = _pade_kinks()

register(
    Activation(
        name="pade",
        family=FAMILY,
        aliases=("pau",),
        f=_pade,
        df=_pade_d1,
        d2f=_pade_d2,
        latex=(
            r"\mathrm{PAU}(x) = \frac{a_0 + a_1 x + \ldots + a_5 x^{5}}{1 +"
            r" |b_1 x + b_2 x^{2} + b_3 x^{3} + b_4 x^{4}|}"
        ),
        latex_derivative=r"\mathrm{PAU}'(x) = \frac{P'(x) - \mathrm{PAU}(x)\,\mathrm{sgn}(A(x))\,A'(x)}{1 + |A(x)|}",
        kink_points=lambda: _PADE_KINKS,
        summary=(
            "Padé activation unit: a learnable rational function P/Q of degrees (5, 4), made 'safe' by "
            "the absolute value that keeps Q >= 1 (no poles). These are the published default "
            "coefficients, a fit of leaky ReLU on about [-3, 3]; outside it the unit tends to 0.505 x "
            "on both sides. |.| makes tiny kinks where the inner polynomial of Q crosses 0 (x = 0, -8.3e-7)."
        ),
        reference=Reference(
            "Molina, Schramowski & Kersting",
            2020,
            "Padé Activation Units: End-to-end Learning of Flexible Activation Functions in Deep Networks",
            "https://arxiv.org/abs/1907.06732",
        ),
        notes=(
            "Safe PAU of the paper, Q = 1 + |b1 x + ... + b4 x^4|, with the coefficients of the PAU "
            "repository's default pade_optimized_leakyrelu initialisation (ml-research/pau, "
            "pau/cuda/python_imp/Pade.py). The repository's CUDA 'version B' uses 1 + sum |b_k| |x|^k "
            "instead, a different function."
        ),
    )
)
