"""Gates T(u) of the self-gated units x T(u): each a :class:`GateKernels` holding T, T', T''
as stable kernels of u, and where T(u) + u T'(u) cancels near the unit's minimum, a
slope kernel that does not (one bracket in double-double, or Taylor expansions about
tabulated centres), which keeps f' within 2 units where the plain sum reached 5.

The sigmoid and tanh gates are the catalogue's sigmoid and tanh entries themselves.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..registry import lookup
from . import _normal, _numerics, _overflow, _special, _stable, sigmoidal  # noqa: F401 - sigmoidal registers the sigmoid and tanh entries

_TWO_OVER_SQRT_PI = 2.0 / math.sqrt(math.pi)
_TWO_OVER_SQRT_PI_LO = 1.533545961316588e-17  # 2/sqrt(pi) - _TWO_OVER_SQRT_PI (mpmath)

Gate = Callable[..., np.ndarray]


def _no_end(**_params: float) -> float:
    return 0.0


@dataclass(frozen=True)
class GateKernels:
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
    gate_and_slope: Gate | None = None  # (T(u), T + u T') on the whole line from shared work, for f_and_df
    times_gate: Gate | None = None  # x T(x) on the whole line (±inf and nan included), when cheaper than x * T(x)
    times_gate_and_slope: Gate | None = None  # (times_gate, T + x T') from shared work, the same bits as each alone
    clamps_input: bool = False  # slope and fused take any u (±inf, huge) as it is: no scaled() when b = 1


def _silu_slope(u: np.ndarray) -> np.ndarray:
    r"""silu'(u) = sigma + u sigma' from one exponential e = e^{-|u|}, on the whole line
    (:func:`_logistic_slope` with s = u). Left of 0 it cancels near the minimum at u = -1.28,
    where u + 1 is exact. |u| may be huge (e = 0 then: 0 left, 1 right), but not inf
    (scaled() clips u). Dense mpmath check (4000 points on [-40, 20], 4000 on [-4, 0]): 1.80
    units at worst (u = -2.36, near f'' = 0), 2.03 for the two-mask form it replaces, at 4.4
    against 5.6 ns a value (blocks of 32768).
    """
    return _logistic_slope(u, _stable.exp_neg_abs(u), u)


def _logistic_slope(u: np.ndarray, e: np.ndarray, s: np.ndarray) -> np.ndarray:
    r"""sigma(v) + s sigma'(v) for e = e^{-|v|}, v and s of u's sign (silu: s = u;
    gelu_tanh: s = 2u y'), with d = 1 + e:

    u < 0: e ((s + 1) + e)/d^2;  u >= 0: ((s e + 1) + e)/d^2; both :math:`n((m + 1) + e)/d^2`
    with n = max(e, [u >= 0]) and m = min(s e, s) (s e >= s exactly where s <= 0, as e <= 1):
    one mask, no np.where. Where the bracket cancels (u < 0, s near -1 - e), s + 1 is exact
    (Sterbenz), so only e's own rounding and one addition remain; d^2 = 1 + e (2 + e), three
    roundings of terms below 3 next to the 1. ``u``, ``e`` and ``s`` are left unchanged.
    """
    slope = np.multiply(s, e, out=np.empty_like(e))  # out=: an array even for 0-d u
    np.minimum(slope, s, out=slope)
    slope += 1.0
    slope += e
    work = np.maximum(e, np.greater_equal(u, 0.0, out=np.empty(u.shape, dtype=bool)), out=np.empty_like(e))
    slope *= work
    np.add(e, 2.0, out=work)
    work *= e
    work += 1.0
    return np.divide(slope, work, out=slope)


def _times_logistic(x: np.ndarray, e: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    r"""x sigma(v) = x n/(1 + e) for e = e^{-|v|}, v of x's sign, n = max(e, [x >= 0]) (see
    :func:`_stable.sigmoid`): two roundings, as x times the rounded sigmoid. ``e`` is
    overwritten; ``out`` (shaped like e) receives the product."""
    product = np.maximum(e, np.greater_equal(x, 0.0, out=np.empty(x.shape, dtype=bool)),
                         out=np.empty_like(e) if out is None else out)
    product *= x
    e += 1.0
    return np.divide(product, e, out=product)


def _times_sigmoid(x: np.ndarray) -> np.ndarray:
    r"""silu(x) = x sigma(x) = x n/(1 + e) with e = e^{-|x|} and n = max(e, [x >= 0]) (see
    :func:`_stable.sigmoid`), x first clamped below at -huge, where sigma(x) = 0 and the product
    is -0 (-inf * 0 would be nan); +inf gives +inf. Two roundings, as x times the rounded sigmoid,
    in 8 passes and an exp, against 11, an np.where and an exp."""
    u = np.clip(x, -_numerics.huge(x), np.inf)  # clip: a third cheaper than np.maximum with a scalar
    return _times_logistic(u, _stable.exp_neg_abs(u))


def _silu_and_slope(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(silu(x), silu'(x)) from one exponential e = e^{-|x|}: bit for bit :func:`_times_sigmoid`
    and :func:`_silu_slope` of the clamped x (|x| clamped at huge gives the same e, 0 there)."""
    u = _numerics.scaled(x, 1.0)
    e = _stable.exp_neg_abs(u)
    slope = _logistic_slope(u, e, u)
    return _times_logistic(np.clip(x, -_numerics.huge(x), np.inf), e), slope


def _sigmoid_and_silu_slope(u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(sigma(u), silu'(u)) from one exponential e = e^{-|u|} (see :func:`_stable.sigmoid`)."""
    e = _stable.exp_neg_abs(u)
    slope = _logistic_slope(u, e, u)
    sigma = np.maximum(e, u >= 0, out=np.empty_like(e))
    e += 1.0
    return np.divide(sigma, e, out=sigma), slope


def _plus_800(**_params: float) -> float:
    return 800.0


def _everywhere(**_params: float) -> float:
    return math.inf


_SIGMOID = lookup("sigmoid")
SIGMOID_GATE = GateKernels(
    _SIGMOID.f,
    _SIGMOID.df,
    _SIGMOID.d2f,
    _silu_slope,
    slope_from=-math.inf,
    slope_to=_everywhere,
    gate_and_slope=_sigmoid_and_silu_slope,
    times_gate=_times_sigmoid,
    times_gate_and_slope=_silu_and_slope,
)


def _gelu_fused_slope(u: np.ndarray) -> np.ndarray:
    """GELU'(u) = Phi(u) + u phi(u) outside [-1.5, -0.3], Phi and phi from one Gaussian factor
    (|u| <= 1e300 here, and phi(u) = 0 exactly for |u| >= 40, so u phi never meets inf * 0).
    Within 2.2 units there (dense mpmath check); on [-1.5, -0.3] the sum cancels and
    reaches 3.2, hence :func:`_normal.gelu_slope` there."""
    cdf, pdf = _normal.cdf_and_pdf(u)
    pdf *= u
    return np.add(cdf, pdf, out=cdf)


def _normal_cdf_and_gelu_slope(u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(Phi(u), GELU'(u)) from one :func:`_normal.cdf_and_pdf`: Phi + u phi, with
    :func:`_normal.gelu_slope` on [-1.5, -0.3] where that sum cancels (gathered by index)."""
    cdf, pdf = _normal.cdf_and_pdf(u)
    pdf *= u
    slope = np.add(cdf, pdf, out=pdf).reshape(-1)
    flat = u.reshape(-1)
    window = _stable.subset((flat >= _normal.GELU_SLOPE_FROM) & (flat <= _normal.GELU_SLOPE_TO))
    if window.size:
        slope[window] = _normal.gelu_slope(np.take(flat, window))
    return cdf, slope.reshape(u.shape)


def _gelu_slope_end() -> float:
    return _normal.GELU_SLOPE_TO


NORMAL_CDF_GATE = GateKernels(
    _normal.cdf,
    _normal.pdf,
    _normal.pdf_prime,
    _normal.gelu_slope,
    slope_from=_normal.GELU_SLOPE_FROM,
    slope_to=_gelu_slope_end,
    fused=_gelu_fused_slope,
    gate_and_slope=_normal_cdf_and_gelu_slope,
    times_gate=_normal.times_cdf,
)

_GELU_K = math.sqrt(2.0 / math.pi)
_GELU_C = 0.044715


def _gelu_tanh_y(u: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """y = k (u + c u^3) and its derivatives y', y''; |u| clamped at 1e50, where the gate is saturated."""
    v = np.clip(u, -1e50, 1e50)
    square = v * v
    y = _GELU_K * (v * (1.0 + _GELU_C * square))
    return y, _GELU_K * (1.0 + 3.0 * _GELU_C * square), 6.0 * _GELU_K * _GELU_C * v


_GELU_TANH_SATURATED = 1e4  # |u| beyond: 2|y| > 7e10, the gate is 0 or 1 and E = 0 in every dtype
_TWO_K, _TWO_K_C = 2.0 * _GELU_K, 2.0 * _GELU_K * _GELU_C


def _gelu_tanh_twice_argument(u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(v, 2y) with v = u clamped at ±1e4 and 2y = v (2k + 2kc v^2), in place (dtype kept)."""
    v = np.clip(u, -_GELU_TANH_SATURATED, _GELU_TANH_SATURATED)
    v = np.asarray(v)
    two_y = np.multiply(v, v, out=np.empty_like(v))
    two_y *= _TWO_K_C
    two_y += _TWO_K
    two_y *= v
    return v, two_y


def _gelu_tanh_gate(u: np.ndarray) -> np.ndarray:
    # (1 + tanh y)/2 = sigma(2y): no cancellation as y -> -inf
    return _stable.sigmoid(_gelu_tanh_twice_argument(u)[1])


def _times_gelu_tanh_gate(x: np.ndarray) -> np.ndarray:
    r"""gelu_tanh(x) = x sigma(2y) = x n/(1 + e), e = e^{-2|y|}, n = max(e, [x >= 0]), 2y of x
    clamped at ±1e4 (as :func:`_times_sigmoid`; 2y has x's sign). x itself is clamped below
    at -1e4, where the gate is 0 and the product -0; +inf gives +inf."""
    u = np.clip(x, -_GELU_TANH_SATURATED, np.inf)
    v, e = _gelu_tanh_twice_argument(u)
    np.abs(e, out=e)
    np.negative(e, out=e)
    np.exp(e, out=e)
    return _times_logistic(u, e, out=v)


def _gelu_tanh_gate_d1(u: np.ndarray) -> np.ndarray:
    y, dy, _ = _gelu_tanh_y(u)
    return 2.0 * dy * _stable.sigmoid_prime(2.0 * y)


def _gelu_tanh_gate_d2(u: np.ndarray) -> np.ndarray:
    # d/du [2 y' sigma'(2y)] = 2 sigma'(2y) (y'' - 2 y'^2 tanh y), as sigma''(v) = -sigma'(v) tanh(v/2)
    y, dy, d2y = _gelu_tanh_y(u)
    return 2.0 * _stable.sigmoid_prime(2.0 * y) * (d2y - 2.0 * dy * dy * np.tanh(y))


# gelu_tanh'(u) on [-2, -1] as P(t), t = u + 1.5, a polynomial of degree 18 (highest power first) from
# mpmath at 50 digits (fit error 6e-20; |f'| >= 0.08 there):
#   k, c = mp.sqrt(2 / mp.pi), mp.mpf("0.044715");  y = lambda u: k * (u + c * u**3)
#   g = lambda u: (1 + mp.tanh(y(u))) / 2 + u / 2 * mp.sech(y(u))**2 * k * (1 + 3 * c * u**2)
#   coefficients = mp.chebyfit(lambda t: g(t - mp.mpf(1.5)), [-0.5, 0.5], 19)
_GELU_TANH_SLOPE_POLYNOMIAL = (
    7.48212602432034e-08, 8.858068057026555e-08, -5.022758163133174e-07, -1.3992634481986075e-06,
    1.6296440543811491e-06, 1.280987624945393e-05, 7.63762420866676e-06, -8.264540217975634e-05,
    -0.00019564476967488792, 0.00027310897237953305, 0.0019542492763376467, 0.0015366691090289454,
    -0.010708941730367764, -0.02725743757954976, 0.014180708226760595, 0.1413278379562908,
    0.16981084473386215, -0.030518196484224946, -0.12771079315143308,
)  # fmt: skip


def _gelu_tanh_left_slope(u: np.ndarray) -> np.ndarray:
    r"""gelu_tanh'(u) for -2 <= u <= -1, where sigma(2y) + 2u y' sigma'(2y) cancels and the unit
    is smallest (f'' = 0 near u = -1.5, the minimum of f'): P(u + 1.5), a fitted polynomial by
    Horner's scheme (u + 1.5 is exact there; the terms' sum stays within 2.5 times |f'|).

    Within 0.63 units (dense mpmath check, 6000 points), where the double-double form it
    replaces reached 1.5 at 14 times the cost (13.7 against 1.0 ns a value of the block).
    """
    return _numerics.horner(u + 1.5, _GELU_TANH_SLOPE_POLYNOMIAL)


def _gelu_tanh_fused_slope(u: np.ndarray) -> np.ndarray:
    r"""gelu_tanh'(u) from one exponential E = e^{-2|y|}, outside [-2, -1].

    With q = E/(1 + E)^2 and s = 2u y' = u (2k + 6kc u^2): f' = q (s + (1 + E)) for u <= 0 and
    1 + q (s - (1 + E)) for u > 0, i.e. [u > 0] + q (s + sign (1 + E)), 1 + E = S + L exactly
    (:func:`_logistic_slope`, as silu's), every step in place and no np.where; u^2 shared by
    2y and s, -2|y| formed as |u| (-2k - 2kc u^2). u may be any number (clamped at ±1e4 here).
    Dense mpmath check (1600 points per quarter of [-2, -1]): 2.5, 3.1, 3.4 and 2.6 units,
    mostly E's error (2|y| ~ 2.6 carries its own roundings into E; with E exact, 2.6 at worst)
    and s's; hence :func:`_gelu_tanh_left_slope` (a polynomial) replaces the values on [-2, -1].
    """
    v = np.asarray(np.clip(u, -_GELU_TANH_SATURATED, _GELU_TANH_SATURATED))
    square = np.multiply(v, v, out=np.empty_like(v))
    s = np.multiply(square, 3.0 * _TWO_K_C, out=np.empty_like(v))
    s += _TWO_K
    s *= v
    e = np.multiply(square, -_TWO_K_C, out=square)  # -2|y| = |v| (-2k - 2kc v^2): no pass negating
    e -= _TWO_K
    e *= np.abs(v, out=v)
    np.exp(e, out=e)
    return _logistic_slope(u, e, s)


def _gelu_tanh_slope_end() -> float:
    return -1.0


GELU_TANH_GATE = GateKernels(
    _gelu_tanh_gate,
    _gelu_tanh_gate_d1,
    _gelu_tanh_gate_d2,
    _gelu_tanh_left_slope,
    slope_from=-2.0,
    slope_to=_gelu_tanh_slope_end,
    fused=_gelu_tanh_fused_slope,
    times_gate=_times_gelu_tanh_gate,
    clamps_input=True,
)


def _mish_gate(u: np.ndarray) -> np.ndarray:
    r"""tanh(softplus u) = ((1+t)^2 - 1)/((1+t)^2 + 1), t = e^u, from one exponential e = e^{-|u|}.

    u <= 0 (t = e): (e^2 + 2e)/(e^2 + 2e + 2); u > 0 (t = 1/e): (1 + 2e)/(1 + 2e + 2e^2). Both are
    N/(N + 2b) with N = a + 2e, a = max(e^2, [u > 0]) and b = max(e^2, [u <= 0]) (e^2 <= 1), so
    no branch is computed twice and no np.where is needed; all terms are positive (no cancellation),
    nan stays nan (both masks false), and e = 0 far left gives 0.
    """
    e = _stable.exp_neg_abs(u)
    square = np.multiply(e, e, out=np.empty_like(e))
    total = np.maximum(square, u > 0.0, out=np.empty_like(e))
    np.maximum(square, u <= 0.0, out=square)
    e += e
    total += e
    square += square
    square += total
    return np.divide(total, square, out=total)


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
    r"""mish'(u) = T + u T' for |u| <= 800 from one exponential e = e^{-|u|}, branch-free.

    u <= 0 (e = e^u): mish' = e R / D^2, R = (4 + 4u) + e((6 + 4u) + e(4 + e)), D = e^2 + 2e + 2;
    R cancels near the minimum at u = -1.19, where 4 + 4u and 6 + 4u are exact (Sterbenz), so
    R carries a few roundings of its terms, each far below one unit.
    u > 0 (e = e^{-u}): mish' = 1 + e^2 R / D^2, R = (4u - 2) + e((4u - 4) - 4e), D = 2e^2 + 2e + 1,
    a small correction to 1.
    Both at once, with p = [u > 0]: R = (4u + 4 - 6p) + e((4u + 6 - 10p) + e(4 - 8p + min(e, 1 - p))),
    the prefactor e max(e, 1 - p), D = N + 2b as in :func:`_mish_gate`: no np.where, no branch
    computed twice (5.7 against 10.5 ns a value at 32768 values), the same roundings as the
    two branches had. float32 u is evaluated in float64 and rounded once: in float32 the
    twenty-odd roundings reached 4.24 float32 units (u = -0.1881, dense mpmath check).
    """
    if u.dtype == np.float32:
        return _mish_slope(u.astype(np.float64)).astype(np.float32)
    e = _stable.exp_neg_abs(u)
    positive = u > 0.0
    left = ~positive
    quad = np.multiply(positive, -8.0, out=np.empty_like(e))
    quad += 4.0
    quad += np.minimum(e, left, out=np.empty_like(e))  # 4 + e left, -4 right
    quad *= e
    four_u = np.multiply(u, 4.0, out=np.empty_like(e))
    linear = np.multiply(positive, -10.0, out=np.empty_like(e))
    linear += 6.0
    linear += four_u
    quad += linear  # (4u + 6 - 10p) + e (...)
    quad *= e
    np.multiply(positive, -6.0, out=linear)
    linear += 4.0
    linear += four_u
    quad += linear  # R
    factor = np.maximum(e, left, out=four_u)  # 1 left, e right
    factor *= e
    quad *= factor
    square = np.multiply(e, e, out=factor)
    total = np.maximum(square, positive, out=linear)  # a
    np.maximum(square, left, out=square)  # b
    e += e
    total += e
    square += square
    total += square  # D
    np.multiply(total, total, out=total)
    np.divide(quad, total, out=quad)
    quad += positive
    return quad


MISH_GATE = GateKernels(_mish_gate, _mish_gate_d1, _mish_gate_d2, _mish_slope, slope_to=_plus_800)


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


SMISH_GATE = GateKernels(_smish_gate, _smish_gate_d1, _smish_gate_d2, _smish_slope, slope_to=_plus_800)


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
    sigma, sigma_lo = _numerics.ratio_dd(e)
    gate = np.log1p(sigma) + sigma_lo / (1.0 + sigma)
    product, product_lo = _stable.two_prod(u, sigma)
    slope, slope_lo = _numerics.over_dd(product, _stable.two_sum(np.ones_like(u), 2.0 * e))
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
    return _numerics.by_region(u, [(u <= 0.0, _logish_left_slope)], _logish_right_slope)


LOGISH_GATE = GateKernels(_logish_gate, _logish_gate_d1, _logish_gate_d2, _logish_slope, slope_to=_plus_800)


def _erf_softplus_gate(u: np.ndarray, gamma: float = 1.0) -> np.ndarray:
    return _special.erf(_overflow.times(gamma, _stable.softplus(u)))


def _erf_softplus_gate_d1(u: np.ndarray, gamma: float = 1.0) -> np.ndarray:
    # d/du erf(gamma sp(u)) = gamma (2/sqrt pi) e^{-w^2} sigma(u),  w = gamma sp(u)
    sp, sigma = _stable.softplus_and_sigmoid(u)
    return (gamma * _TWO_OVER_SQRT_PI) * _stable.exp_neg_square(_overflow.times(gamma, sp)) * sigma


def _erf_softplus_gate_d2(u: np.ndarray, gamma: float = 1.0) -> np.ndarray:
    # (e^{-w^2} sigma)' = e^{-w^2} sigma (sigma(-u) - 2 gamma w sigma(u))
    w = _overflow.times(gamma, _stable.softplus(u))
    s = _stable.sigmoid(u)
    factor = _stable.sigmoid(-u) - _overflow.multiply(_overflow.times(2.0 * gamma, w), s)
    # e^{-w^2} vanishes faster than the factor grows: multiply's 0 * inf = 0 is that limit
    return _overflow.multiply((gamma * _TWO_OVER_SQRT_PI) * _stable.exp_neg_square(w) * s, factor)


def _erf_softplus_left_slope(u: np.ndarray, gamma: float = 1.0) -> np.ndarray:
    r"""erf(w) + gamma u (2/\sqrt{\pi}) e^{-w^2} \sigma(u), w = gamma sp(u), where the terms cancel.

    From one exponential e = e^u: w = gamma log1p(e) and sigma(u) = e/(1+e) as a
    double-double (its rounding was the largest error); erf(w) is scipy's.
    Worst error 2.3 units on a dense mpmath check (400 points on [-9, 3] per case),
    where the plain T + u T' reached 4.5; the double-double power series this replaces
    (erf, e^{-w^2}, 1 - e^{-s} to 1e-34, 55 terms) reached 1.5 at 20 times the cost.
    """
    e = np.exp(u)
    sigma, sigma_lo = _numerics.ratio_dd(e)
    w = gamma * np.log1p(e)
    constant = _stable.dd_mul(_numerics.dd(_TWO_OVER_SQRT_PI, _TWO_OVER_SQRT_PI_LO, u), _numerics.dd(gamma, 0.0, u))
    term = _stable.dd_mul(_stable.dd_mul(constant, _stable.two_prod(u, _stable.exp_neg_square(w))), (sigma, sigma_lo))
    total = _stable.dd_add((_special.erf(w), np.zeros_like(u)), term)
    return total[0] + total[1]


def _erf_softplus_slope_end(gamma: float = 1.0) -> float:
    # the terms cancel only for u < 0; the series is used up to w = gamma sp(u) = 2
    return 0.0 if gamma < 0.01 else min(0.0, math.log(math.expm1(2.0 / gamma)))


ERF_SOFTPLUS_GATE = GateKernels(
    _erf_softplus_gate,
    _erf_softplus_gate_d1,
    _erf_softplus_gate_d2,
    _erf_softplus_left_slope,
    slope_from=-8.0,
    slope_to=_erf_softplus_slope_end,
)


def _exp_argument(u: np.ndarray, alpha: float) -> np.ndarray:
    """t = alpha e^u, capped at 800 where tanh, erf are 1 and t G'(t) underflows; where e^u
    is below the normal range but alpha e^u need not be (alpha > 1), formed as
    (alpha e^{u/2}) e^{u/2} (tanhsoft2 with beta = 1e100 at x = -750 gave 0, truth -1.4e-223)."""
    capped = np.minimum(u, math.log(800.0 / alpha))
    t = alpha * np.exp(capped)
    if alpha > 1.0:
        low = capped < -708.3
        if np.any(low):
            half = np.exp(np.where(low, capped, 0.0) / 2)
            t = np.where(low, (alpha * half) * half, t)
    return t


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


TANH_EXP_GATE = GateKernels(_tanh_exp_gate, _tanh_exp_gate_d1, _tanh_exp_gate_d2, fused=_tanh_exp_fused)


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
    constant = _numerics.dd(_TWO_OVER_SQRT_PI, _TWO_OVER_SQRT_PI_LO, u)
    term = _stable.dd_mul(_stable.dd_mul(constant, _stable.two_prod(u, t)), (_stable.exp_neg_square(t), np.zeros_like(u)))
    total = _stable.dd_add((_special.erf(t), np.zeros_like(u)), term)
    return total[0] + total[1]


def _erfact_slope_end(alpha: float) -> float:
    # the terms cancel only for u < 0; the series is summed up to t = alpha e^u = 2 at most
    return min(0.0, math.log(2.0 / alpha))


ERF_EXP_GATE = GateKernels(
    _erf_exp_gate, _erf_exp_gate_d1, _erf_exp_gate_d2, _erfact_left_slope, slope_from=-8.0, slope_to=_erfact_slope_end
)


_TANH = lookup("tanh")
TANH_GATE = GateKernels(_TANH.f, _TANH.df, _TANH.d2f)
