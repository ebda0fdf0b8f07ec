r"""The standard normal CDF :math:`\Phi` and density :math:`\varphi`, vectorised.

NumPy has no erf, and scipy's ``ndtr``/``erfcx`` are scalar loops (about 50 ns a
value here, against under 1 ns for NumPy's SIMD ``exp``): gelu spent nine tenths of
its time in them. This module evaluates :math:`\Phi` with W. J. Cody's rational
Chebyshev approximations (Cody 1969, "Rational Chebyshev approximations for the
error function", Math. Comp. 23; the normal-CDF form ANORM of his SPECFUN package,
ACM TOMS Algorithm 715, 1993, the one R's ``pnorm`` runs), written as NumPy array
operations. With :math:`y = |u|`:

* :math:`y \le 0.6745`: :math:`\Phi(u) = 1/2 + u\,A(u^2)`, A rational of degree 4/4;
* :math:`0.6745 < y \le \sqrt{32}`: :math:`\Phi(-y) = E(y)\,B(y)`, B of degree 8/8;
* :math:`y > \sqrt{32}`: :math:`\Phi(-y) = E(y)\,(1/\sqrt{2\pi} - z\,C(z))/y`, :math:`z = 1/y^2`,
  C of degree 5/5;

and :math:`\Phi(y) = 1 - \Phi(-y)` for u > 0 (no cancellation: :math:`\Phi(-y) < 1/4`).
:math:`E(y) = e^{-y^2/2}` is formed as :math:`e^{-k^2/2} e^{-(y-k)(y+k)/2}` with
:math:`k = \lfloor 16 y\rfloor/16`, so :math:`k^2` is exact and the second exponent
tiny: the rounding of :math:`y^2` never reaches the result (``exp(-y*y/2)`` loses up to
:math:`y^2` ulps). The density is :math:`\varphi(u) = E(y)/\sqrt{2\pi}` from the same E.
Cody's approximations are accurate to about 1e-18 relative, below one double
rounding; the evaluation adds a few roundings (measured against mpmath: see
tests/catalog/test_normal.py and the gelu tables).

Each element goes through its own range only: the three ranges are gathered by
integer index (:func:`_stable.subset`), evaluated, and scattered back.

Also here: GELU's slope :math:`\Phi + u\varphi` where its two terms cancel (:func:`gelu_slope`).
"""

from __future__ import annotations

import math

import numpy as np

from . import _numerics, _stable

INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
_SMALL = 0.67448975  # Cody's split points: the quartile of N(0, 1) and sqrt(32)
_MIDDLE = math.sqrt(32.0)
UNDERFLOW = 40.0  # Phi(-40) = 3.7e-350 underflows; |u| is clamped there before 16 y and y^2 are formed

# Cody's coefficients (ACM TOMS 715, ANORM), highest power's numerator coefficient last in A_NUM and B_NUM.
_A_NUM = (2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249,
          0.065682337918207449113)  # fmt: skip
_A_DEN = (47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956)
_B_NUM = (0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226,
          2494.5375852903726711, 6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218,
          1.0765576773720192317e-8)  # fmt: skip
_B_DEN = (22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755,
          18615.571640885098091, 34900.952721145977266, 38912.003286093271411, 19685.429676859990727)  # fmt: skip
_C_NUM = (0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466,
          2.9112874951168792e-5, 0.02307344176494017303)  # fmt: skip
_C_DEN = (1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244,
          7.29751555083966205e-5)  # fmt: skip


def _cody_rational(t: np.ndarray, num: tuple[float, ...], den: tuple[float, ...]) -> np.ndarray:
    r"""Cody's :math:`(n_{m} t^{m} + n_0 t^{m-1} + \dots + n_{m-1}) / (t^{m} + d_0 t^{m-1} + \dots + d_{m-1})`
    with m = len(den) (his loop order: the last numerator coefficient leads), in place on two arrays."""
    top = np.multiply(t, num[-1], out=np.empty_like(t))
    bottom = t.copy()
    for n, d in zip(num[:-2], den[:-1]):
        top += n
        top *= t
        bottom += d
        bottom *= t
    top += num[-2]
    bottom += den[-1]
    return np.divide(top, bottom, out=top)


def gaussian_factor(y: np.ndarray) -> np.ndarray:
    r""":math:`e^{-y^2/2}` for :math:`0 \le y \le 40` as :math:`e^{-k^2/2} e^{-(y-k)(y+k)/2}`,
    :math:`k = \lfloor 16y \rfloor / 16` (Cody's splitting): k^2 is exact, the second
    exponent below 3.5 in size with one rounding, so the result is within about 1.5 ulp."""
    k = np.multiply(y, 16.0, out=np.empty_like(y))  # out=: arrays even for 0-d y
    np.trunc(k, out=k)
    k *= 0.0625
    small = np.subtract(y, k, out=np.empty_like(y))
    small *= y + k
    small *= -0.5
    np.exp(small, out=small)
    np.multiply(k, k, out=k)
    k *= -0.5
    np.exp(k, out=k)
    return np.multiply(k, small, out=k)


def _central_tail(y: np.ndarray, with_factor: bool) -> tuple[np.ndarray, np.ndarray | None]:
    r""":math:`\Phi(-y) = 1/2 - y\,A(y^2)` for :math:`y \le 0.6745` (E(y) only when asked for: the tail needs none)."""
    tail = _cody_rational(y * y, _A_NUM, _A_DEN)
    tail *= y
    return np.subtract(0.5, tail, out=tail), gaussian_factor(y) if with_factor else None


def _middle_tail(y: np.ndarray, _with_factor: bool) -> tuple[np.ndarray, np.ndarray]:
    r""":math:`\Phi(-y) = E(y)\,B(y)` for :math:`0.6745 < y \le \sqrt{32}`, and E(y)."""
    factor = gaussian_factor(y)
    tail = _cody_rational(y, _B_NUM, _B_DEN)
    return np.multiply(tail, factor, out=tail), factor


def _far_tail(y: np.ndarray, _with_factor: bool) -> tuple[np.ndarray, np.ndarray]:
    r""":math:`\Phi(-y) = E(y)\,(1/\sqrt{2\pi} - z\,C(z))/y`, :math:`z = 1/y^2`, for :math:`y > \sqrt{32}` (and nan), and E(y)."""
    factor = gaussian_factor(y)
    z = np.divide(1.0, y * y)
    series = _cody_rational(z, _C_NUM, _C_DEN)
    series *= z
    np.subtract(INV_SQRT_2PI, series, out=series)
    series *= factor
    return np.divide(series, y, out=series), factor


def _lower_tail(y: np.ndarray, with_factor: bool) -> tuple[np.ndarray, np.ndarray | None]:
    r"""(:math:`\Phi(-y)`, :math:`E(y)` or None) for a flat array of :math:`0 \le y \le 40` (or nan),
    each of Cody's three ranges on its own values: gathered by integer index
    (:func:`_stable.subset`), evaluated with its own E(y) (the central range needs E only
    when asked for), scattered back by index assignment (25 us for 32768 values against
    62 for np.put)."""
    tail = np.empty_like(y)
    factor = np.empty_like(y) if with_factor else None
    central = y <= _SMALL
    middle = y <= _MIDDLE
    for region, kernel in (
        (central, _central_tail),
        (middle & ~central, _middle_tail),
        (~middle, _far_tail),  # nan goes here and stays nan
    ):
        index = _stable.subset(region)
        if index.size:
            tail[index], region_factor = kernel(np.take(y, index), with_factor)
            if with_factor:
                factor[index] = region_factor
    return tail, factor


# Phi(-y) = e^{-y^2/2} t G(t) with t = 4/(4 + y): G(t) = Phi(-y) e^{y^2/2} / t (Mills' ratio over
# t sqrt(2 pi), smooth on [0, 1]) as a polynomial of degree 10 (highest power first) on t in [0.2, 1],
# i.e. 0 <= y <= 16, within 3.5e-9 relative, from mpmath at 40 digits:
#   G = lambda t: mp.ncdf(-4 * (1/t - 1)) / (t * mp.exp(-8 * (1/t - 1)**2))
#   coefficients = mp.chebyfit(G, [0.2, 1], 11)
_MILLS_POLYNOMIAL = (
    -0.012664157632671669, 0.09231998606365964, -0.2618410067282237, 0.35387592541824264,
    -0.26468745864932863, 0.20217207209503749, 0.0041314049028768176, 0.09588899558245444,
    0.09112162829411656, 0.09995598503244724, 0.0997266258119413,
)  # fmt: skip


def _cdf_and_pdf_float32(u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    r"""(:math:`\Phi(u)`, :math:`\varphi(u)`) for float32 u, to float32's resolution, rounded to float32.

    In float64 (u widened): with y = min(|u|, 40), :math:`\Phi(-y) = e^{-y^2/2}\,t\,G(t)`,
    :math:`t = 4/(4 + y)` and G a polynomial within 3.5e-9 relative for y <= 16 (beyond,
    :math:`\Phi(-y) < 10^{-57}` underflows float32 whatever G's extrapolation gives, and
    :math:`e^{-y^2/2}` is 0 from y = 38.6 on); y^2 of a float32 y is exact in float64, so the
    exponential carries one rounding. About a third of Cody's float64 work: one range, one
    exponential, no gather. Signs as in :func:`cdf_and_pdf`.
    """
    y = np.abs(u, out=np.empty(u.shape))  # widened to float64; out=: an array even for 0-d u
    np.minimum(y, UNDERFLOW, out=y)
    t = np.add(y, 4.0, out=np.empty_like(y))
    np.divide(4.0, t, out=t)
    tail = _numerics.horner(t, _MILLS_POLYNOMIAL)
    tail *= t
    np.multiply(y, y, out=y)
    y *= -0.5
    np.exp(y, out=y)
    tail *= y
    positive = u > 0.0
    np.subtract(0.5, positive, out=t)
    np.copysign(tail, t, out=tail)
    tail += positive
    y *= INV_SQRT_2PI
    return tail.astype(np.float32), y.astype(np.float32)


def _cdf_and_maybe_pdf(u: np.ndarray, with_pdf: bool) -> tuple[np.ndarray, np.ndarray | None]:
    r"""(:math:`\Phi(u)`, :math:`\varphi(u)` or None) for float64 u of any shape: Cody's ranges
    give the lower tail :math:`T = \Phi(-|u|) \le 1/2` (:func:`_lower_tail`), and
    :math:`\Phi(u) = |[u > 0] - T|`: T for u <= 0, 1 - T (one rounding) for u > 0, in three
    cheap passes where a sign array and copysign took four times as long."""
    y = np.abs(u, out=np.empty_like(u))  # out=: an array even for 0-d u
    np.clip(y, 0.0, UNDERFLOW, out=y)  # clip: a third cheaper than np.minimum with a scalar
    tail, factor = _lower_tail(y.reshape(-1), with_pdf)
    cdf = np.subtract(np.greater(u, 0.0, out=np.empty(u.shape, dtype=bool)), tail.reshape(u.shape), out=y)
    np.abs(cdf, out=cdf)
    if not with_pdf:
        return cdf, None
    factor *= INV_SQRT_2PI
    return cdf, factor.reshape(u.shape)


def cdf_and_pdf(u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    r"""(:math:`\Phi(u)`, :math:`\varphi(u)`) for u of any shape, from one Gaussian factor
    (float32 u: :func:`_cdf_and_pdf_float32`).

    :math:`\Phi(u) = \tfrac12\operatorname{erfc}(-u/\sqrt2)`, :math:`\varphi(u) = e^{-u^2/2}/\sqrt{2\pi}`:
    Cody's three ranges give the lower tail :math:`T = \Phi(-|u|) \le 1/2`, and
    :math:`\Phi(u) = T` for u <= 0, :math:`1 - T` for u > 0 (see :func:`_cdf_and_maybe_pdf`).
    0 and 1 at ∓inf, nan for nan.
    """
    if u.dtype == np.float32:
        return _cdf_and_pdf_float32(u)
    return _cdf_and_maybe_pdf(u, with_pdf=True)


def cdf(u: np.ndarray) -> np.ndarray:
    r""":math:`\Phi(u) = \int_{-\infty}^u e^{-t^2/2}\,dt/\sqrt{2\pi}` (see :func:`cdf_and_pdf`; the
    density is not formed, nor E(y) on the central range)."""
    if u.dtype == np.float32:
        return _cdf_and_pdf_float32(u)[0]
    return _cdf_and_maybe_pdf(u, with_pdf=False)[0]


def times_cdf(x: np.ndarray) -> np.ndarray:
    r""":math:`x\,\Phi(x)` on the whole line: x clamped below at -40, where :math:`\Phi = 0` and the
    product is -0 (-inf * 0 would be nan); +inf gives +inf."""
    u = np.clip(x, -UNDERFLOW, np.inf)
    product = cdf(np.asarray(u))
    return np.multiply(product, u, out=product)


def pdf(u: np.ndarray) -> np.ndarray:
    r""":math:`\varphi(u) = e^{-u^2/2}/\sqrt{2\pi}` from :func:`gaussian_factor` (0 beyond |u| = 40)."""
    return INV_SQRT_2PI * gaussian_factor(np.minimum(np.abs(u), UNDERFLOW))


def pdf_prime(u: np.ndarray) -> np.ndarray:
    r""":math:`\varphi'(u) = -u\,\varphi(u)` (0 at ±inf)."""
    return -_stable.times_vanishing(u, pdf(u))


# GELU'(u) = Phi(u) + u phi(u) = t P(t), t = u - r, about its root r (double-double r_hi + r_lo), with P a
# polynomial of degree 17 on [-1.5, -0.3] (highest power first), from mpmath at 50 digits:
#   g = lambda u: mp.ncdf(u) + u * mp.npdf(u);  r = mp.findroot(g, -0.75)
#   P = lambda t: g(t + r) / t if abs(t) > mp.mpf(10)**-30 else mp.diff(g, r)
#   coefficients = mp.chebyfit(P, [-1.5 - r, -0.3 - r], 18)   # fit error 1e-18, P >= 0.16 there
_GELU_ROOT_HI, _GELU_ROOT_LO = -0.7517915246935645, 1.4956759177009883e-17
_GELU_SLOPE_POLYNOMIAL = (
    -5.0948401705891365e-09, -3.7190424348633176e-08, 2.899279345027617e-10, 5.722902340934522e-07,
    4.327605694175508e-07, -7.749155166517955e-06, -1.1214505599523597e-05, 8.615959441394828e-05,
    0.00018633977947480704, -0.0007448268489828954, -0.0022395380717138104, 0.004539228379612158,
    0.019421679838378746, -0.014771522148255641, -0.11400823329722594, -0.01819967639867098,
    0.38828498299055203, 0.4314939923140469,
)  # fmt: skip
GELU_SLOPE_FROM, GELU_SLOPE_TO = -1.5, -0.3


def gelu_slope(u: np.ndarray) -> np.ndarray:
    """GELU'(u) = Phi(u) + u phi(u) on [-1.5, -0.3], where its two terms cancel near the root
    r = -0.7518: t P(t) with t = (u - r_hi) - r_lo (u - r_hi is exact on [-1.5, -0.376],
    Sterbenz) and P a fitted polynomial, positive there, by Horner's scheme.

    Within 1.9 units (dense mpmath check, 3000 points; the plain sum reaches 3.2 there).
    Replaces Taylor expansions about 13 tabulated centres, whose per-element gather of
    18 coefficient rows cost about 100 ns a value (measured at 32768 values).
    """
    t = np.subtract(u, _GELU_ROOT_HI, out=np.empty_like(u))
    t -= _GELU_ROOT_LO
    total = _numerics.horner(t, _GELU_SLOPE_POLYNOMIAL)
    return np.multiply(total, t, out=total)

