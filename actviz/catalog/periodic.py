"""Periodic and oscillating activations: sinusoids and their relatives, used
for implicit neural representations and for learning periodic signals.

np.sin and np.cos reduce their argument exactly, so they are accurate at any
finite x; at ±inf they would warn, so infinite inputs are masked first. NumPy's
float64 sin and cos are scalar libm loops (15 ns a value here, against 0.8 for its
SIMD exp): the sin entry evaluates float64 with array operations instead
(:func:`_sine`), np.sin/np.cos remaining for |x| > 1e6 and for float32 (SIMD there).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from ..entry import Activation, Param, Reference
from ..registry import register
from . import _numerics, _stable

FAMILY = "periodic"


def _finite_or_nan(x: np.ndarray) -> np.ndarray:
    """x with ±inf replaced by nan: where an oscillation has no limit, the honest value is nan.

    x itself (not a copy) when there is no infinity, the usual case: the where costs
    2 ns a value, a tenth of a sin (measured at 32768 values)."""
    infinite = np.isinf(x)
    return np.where(infinite, np.nan, x) if infinite.any() else x


# -- sin ----------------------------------------------------------------------


# pi/2 = _HALF_PI_HI + _HALF_PI_LO (+ 3.5e-27): the high part has 33 significant bits, so j * _HALF_PI_HI
# is exact for integers |j| < 2**20 (Cody & Waite's reduction).
_HALF_PI_HI, _HALF_PI_LO = 1.5707963267341256, 6.077100506506192e-11
_REDUCED_UP_TO = 1e6  # |x| / (pi/2) < 2**20 below this; np.sin/np.cos beyond
# (sin r - r)/r^3 = S(r^2) for |r| <= pi/2, a polynomial of degree 7 in z = r^2 (highest power first),
# within 3.4e-19 (times r^3 <= 3.9: far below an ulp of sin r), from mpmath at 50 digits:
#   S = lambda z: (mp.sin(mp.sqrt(z)) - mp.sqrt(z)) / mp.sqrt(z)**3 if z > 1e-20 else -mp.mpf(1)/6 + z/120
#   coefficients = mp.chebyfit(S, [0, (mp.pi/2)**2 * (1 + mp.mpf(10)**-10)], 8)
_SIN_POLYNOMIAL = (
    2.7314447669785093e-15, -7.64397029679794e-13, 1.605897731246407e-10, -2.5052107616996182e-08,
    2.7557319219163234e-06, -0.00019841269841254974, 0.008333333333333316, -0.16666666666666666,
)  # fmt: skip


def _reduced_sine(x: np.ndarray, cosine: bool) -> np.ndarray:
    r"""sin x (``cosine``: cos x) for float64 |x| <= 1e6 or nan, in array operations.

    With m the integer nearest x/pi (sin) or x/pi + 1/2 (cos) and j = 2m (sin) or 2m - 1 (cos),
    x = j pi/2 + r, |r| <= pi/2, and both are :math:`(-1)^m \sin r`. r is
    :math:`(x - j\,hi) - j\,lo` (j hi exact, the subtraction exact by Sterbenz where r is
    small against x), :math:`\sin r = r\,(1 + z\,S(z))`, z = r^2 (a product: -0 stays -0),
    and the sign is :math:`1 - 4\,(m/2 - \lfloor m/2 \rfloor)`. About 40 array passes,
    5.6 ns a value against np.sin's 15 (32768 values); within 1.7 units (mpmath: 5000 random
    points up to 1e6, the multiples of pi/2 up to 20 pi and their neighbours, a dense grid
    on [-30, 30]; tests/catalog/test_periodic_reduction.py).
    """
    m = np.multiply(x, 1.0 / math.pi, out=np.empty_like(x))
    m += 0.5 if cosine else 0.0  # + 0.0: m = +0 at x = -0, so r keeps x's sign of zero
    np.rint(m, out=m)
    j = np.add(m, m, out=np.empty_like(x))
    if cosine:
        j -= 1.0
    r = np.multiply(j, -_HALF_PI_HI, out=np.empty_like(x))
    r += x
    j *= _HALF_PI_LO
    r -= j
    z = np.multiply(r, r, out=j)
    sine = _numerics.horner(z, _SIN_POLYNOMIAL)
    sine *= z
    sine += 1.0
    sine *= r
    m *= 0.5
    np.subtract(m, np.floor(m, out=z), out=m)  # 0 for even m, 1/2 for odd
    m *= -4.0
    m += 1.0
    return np.multiply(sine, m, out=sine)


def _sine(x: np.ndarray, cosine: bool = False) -> np.ndarray:
    """sin x (``cosine``: cos x): :func:`_reduced_sine` for float64, np.sin/np.cos for float32
    (NumPy's SIMD loops) and for the float64 values beyond 1e6 (gathered by index); nan at ±inf."""
    exact = np.cos if cosine else np.sin
    if x.dtype != np.float64:
        return exact(_finite_or_nan(x))
    far = np.abs(x) > _REDUCED_UP_TO
    if not far.any():
        return _reduced_sine(x, cosine)
    far_at = _stable.subset(far)
    near = np.array(x, copy=True)
    near.reshape(-1)[far_at] = 0.0
    result = _reduced_sine(near, cosine)
    result.reshape(-1)[far_at] = exact(_finite_or_nan(np.take(x, far_at)))
    return result


def _sin(x: np.ndarray) -> np.ndarray:
    return _sine(x)


def _cos(x: np.ndarray) -> np.ndarray:
    return _sine(x, cosine=True)


def _minus_sin(x: np.ndarray) -> np.ndarray:
    return -_sine(x)


register(
    Activation(
        name="sin",
        family=FAMILY,
        aliases=("sine",),
        f=_sin,
        df=_cos,
        d2f=_minus_sin,
        native_float32=True,
        latex=r"\sin(x)",
        latex_derivative=r"\sin'(x) = \cos(x)",
        summary=(
            "The sine as an activation, made popular by SIREN networks that fit images, sounds and signed "
            "distance fields as implicit neural representations: a sine net's derivatives are again sine "
            "nets, so it can be supervised on gradients. It needs the paper's special initialisation (and "
            "the frequency factor w0 = 30 in the first layer); it has no limit at ±inf (nan there)."
        ),
        reference=Reference(
            "Sitzmann, Martel, Bergman, Lindell & Wetzstein",
            2020,
            "Implicit Neural Representations with Periodic Activation Functions",
            "https://arxiv.org/abs/2006.09661",
        ),
        notes="SIREN computes sin(w0 (W x + b)) and folds w0 into the weights; here w0 = 1.",
    )
)


# -- sinc ---------------------------------------------------------------------

_SINC_SERIES_BOUND = 1.0
# Taylor coefficients in powers of x^2, k = 0..10 (for |x| <= 1 the first omitted term is
# below 2e-21 relative): sinc = sum (-1)^k x^2k/(2k+1)!, and its first and second derivatives.
_SINC_SERIES = np.array([(-1) ** k / math.factorial(2 * k + 1) for k in range(11)])
_SINC_D1_SERIES = np.array([(-1) ** k * 2 * k / math.factorial(2 * k + 1) for k in range(1, 12)])
_SINC_D2_SERIES = np.array([(-1) ** k * 2 * k * (2 * k - 1) / math.factorial(2 * k + 1) for k in range(1, 12)])


def _sinc_kernel(x: np.ndarray, outer: Callable[[np.ndarray], np.ndarray], series: np.ndarray, odd: bool) -> np.ndarray:
    """A closed form on |x| > 1, a Taylor series in x^2 (times x if ``odd``) on |x| <= 1, 0 at ±inf.

    Near 0 the closed forms divide 0 by 0 and cancel (x cos x - sin x ~ -x^3/3),
    so the inner piece uses Taylor series; on the outer piece the closed forms
    are written with divisions by x, so nothing is squared or cubed. The closed form runs
    on every value (its sin/cos are the cost; the inner values get x = ±1, harmless), the
    series only on the inner ones (~16% of N(0, 25)), gathered and scattered back.
    Measured at 1e6 (ms, before -> after): f 52 -> 34, f' 87 -> 58 (a sin, resp. a sin
    and a cos, at ~22 ns a value each, are the floor).
    """
    inner = ~(np.abs(x) > _SINC_SERIES_BOUND)  # nan goes to the series, which keeps it
    infinite = np.isinf(x)
    has_infinity = infinite.any()
    xo = np.abs(x, out=np.empty_like(x))  # x beyond, ±1 (harmless) inside: no branchy np.where
    np.maximum(xo, 1.0, out=xo)
    np.copysign(xo, x, out=xo)
    if has_infinity:
        xo[infinite] = 1.0
    y = np.asarray(outer(xo))  # an array even for 0-d x
    inner = _stable.subset(inner)
    xi = np.take(x, inner)
    np.put(y, inner, np.polynomial.polynomial.polyval(xi * xi, series) * (xi if odd else 1.0))
    if has_infinity:
        y[infinite] = 0.0
    return y


def _sinc(x: np.ndarray) -> np.ndarray:
    return _sinc_kernel(x, lambda xo: np.sin(xo) / xo, _SINC_SERIES, odd=False)


def _sinc_d1_outer(xo: np.ndarray) -> np.ndarray:
    # (x cos x - sin x)/x^2 = (cos x - sin(x)/x)/x
    return (np.cos(xo) - np.sin(xo) / xo) / xo


def _sinc_d1(x: np.ndarray) -> np.ndarray:
    return _sinc_kernel(x, _sinc_d1_outer, _SINC_D1_SERIES, odd=True)


def _sinc_d2_outer(xo: np.ndarray) -> np.ndarray:
    # ((2 - x^2) sin x - 2x cos x)/x^3 = -(sin x + 2 sinc'(x))/x, = -(sin x (1 - 2/x^2) + 2 cos(x)/x)/x
    s = np.sin(xo)
    return -(s + 2.0 * ((np.cos(xo) - s / xo) / xo)) / xo


def _sinc_d2(x: np.ndarray) -> np.ndarray:
    return _sinc_kernel(x, _sinc_d2_outer, _SINC_D2_SERIES, odd=False)


register(
    Activation(
        name="sinc",
        family=FAMILY,
        f=_sinc,
        df=_sinc_d1,
        d2f=_sinc_d2,
        latex=r"\mathrm{sinc}(x) = \frac{\sin x}{x},\;\; \mathrm{sinc}(0) = 1",
        latex_derivative=r"\mathrm{sinc}'(x) = \frac{x \cos x - \sin x}{x^{2}}",
        summary=(
            "The unnormalised cardinal sine sin(x)/x: an even, decaying oscillation with sinc(0) = 1. "
            "Saratchandran et al. argue from sampling theory that it is the optimal activation for implicit "
            "neural representations. It is not monotone, decays only like 1/|x|, and naive code divides 0 by 0 "
            "at the origin and cancels badly in its derivatives near it."
        ),
        reference=Reference(
            "Saratchandran, Ramasinghe, Shevchenko, Long & Lucey",
            2024,
            "A Sampling Theory Perspective on Activations for Implicit Neural Representations",
            "https://arxiv.org/abs/2402.05427",
        ),
        notes=(
            "Unnormalised, sin(x)/x, as in activation tables; torch.sinc and np.sinc are the normalised "
            "sin(pi x)/(pi x)."
        ),
    )
)


# -- snake --------------------------------------------------------------------


def _snake_argument(x: np.ndarray, alpha: float) -> np.ndarray:
    """u = alpha x, with 2u never overflowing.

    Beyond |x| = max/(4 max(alpha, 1)) the argument is set to 0 (±inf go there too):
    there snake is x to every digit, and its derivatives oscillate faster than one
    rounding of x can resolve (their allowance eps |x f''| exceeds their whole range).
    """
    cutoff = 0.25 * np.finfo(np.float64).max / max(alpha, 1.0)
    beyond = np.abs(x) > cutoff
    return alpha * (np.where(beyond, 0.0, x) if beyond.any() else x)


def _snake(x: np.ndarray, alpha: float) -> np.ndarray:
    s = np.sin(_snake_argument(x, alpha))
    return x + (s * s) / alpha


def _snake_d1(x: np.ndarray, alpha: float) -> np.ndarray:
    r""":math:`1 + \sin 2u = 2\sin^2(u + \pi/4)` with u = alpha x: one sin (the old
    :math:`1 + \sin 2u`, with :math:`(\sin u + \cos u)^2` where it cancels, took three:
    1e6 values 85 -> 30 ms). The square does not cancel near the zeros of snake'; rounding
    u + pi/4 moves the argument by half an ulp of u, which the accuracy allowance
    eps |x snake''| covers (|d snake'/du| = 2 |cos 2u|)."""
    s = np.sin(_snake_argument(x, alpha) + math.pi / 4)
    d1 = 2.0 * (s * s)
    return np.where(np.isinf(x), np.nan, d1)


def _snake_d2(x: np.ndarray, alpha: float) -> np.ndarray:
    # 2 alpha cos(2 alpha x)
    d2 = 2.0 * alpha * np.cos(2.0 * _snake_argument(x, alpha))
    return np.where(np.isinf(x), np.nan, d2)


register(
    Activation(
        name="snake",
        family=FAMILY,
        f=_snake,
        df=_snake_d1,
        d2f=_snake_d2,
        # [1e-100, 1e10]: alpha=1e-300 gave f'(1.8e308) = 1 (truth 0.024); alpha=1.8e308 f''(-1e230) = +inf
        # (truth -inf); at alpha=1e100 float32 f''(-1e30) = +inf (truth -2e100); alpha=1e15 f'(16.94) 7 units
        parameters=(Param("alpha", 1.0, "frequency of the periodic part", lower=1e-100, upper=1e10, narrowed=True),),
        latex=r"\mathrm{snake}(x) = x + \frac{\sin^{2}(\alpha x)}{\alpha}",
        latex_derivative=r"\mathrm{snake}'(x) = 1 + \sin(2\alpha x)",
        summary=(
            "Snake: the identity plus a periodic ripple, monotone and unbounded like relu yet periodic in its "
            "slope, so networks extrapolate periodic signals (temperatures, markets) instead of flattening "
            "out. Its frequency alpha may be learned per channel; the BigVGAN and DAC audio models use it. "
            "The derivative touches 0 once per period, and has no limit at ±inf."
        ),
        reference=Reference(
            "Liu Ziyin, Hartwig & Ueda",
            2020,
            "Neural Networks Fail to Learn Periodic Functions and How to Fix It",
            "https://arxiv.org/abs/2006.08195",
        ),
        notes="alpha = 1 as the paper's default; no framework ships snake.",
    )
)


# -- gaussian -----------------------------------------------------------------


def _gaussian_pieces(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    # Beyond |x| = 40 every term underflows (exp(-1600)); clipping keeps x^2 from overflowing.
    xc = np.clip(x, -40.0, 40.0)
    return xc, np.exp(-(xc * xc))


def _gaussian(x: np.ndarray) -> np.ndarray:
    return _gaussian_pieces(x)[1]


def _gaussian_d1(x: np.ndarray) -> np.ndarray:
    xc, e = _gaussian_pieces(x)
    return -2.0 * xc * e


def _gaussian_d2(x: np.ndarray) -> np.ndarray:
    # (4x^2 - 2) e^{-x^2}
    xc, e = _gaussian_pieces(x)
    return (4.0 * (xc * xc) - 2.0) * e


register(
    Activation(
        name="gaussian",
        family=FAMILY,
        f=_gaussian,
        df=_gaussian_d1,
        d2f=_gaussian_d2,
        latex=r"\mathrm{gaussian}(x) = e^{-x^{2}}",
        latex_derivative=r"\mathrm{gaussian}'(x) = -2x\,e^{-x^{2}}",
        summary=(
            "The Gaussian bump: 1 at 0, vanishing quickly on both sides. It is the radial basis function of "
            "RBF networks and, more recently, an activation for implicit neural representations that needs no "
            "special initialisation. It is not monotone and its gradient vanishes for |x| beyond a few units, "
            "so units far from their centre stop learning."
        ),
        reference=Reference(
            "Broomhead & Lowe",
            1988,
            "Multivariable Functional Interpolation and Adaptive Networks",
            "https://www.complex-systems.com/abstracts/v02_i03_a05/",
        ),
        notes="exp(-x^2) with unit width; RBF layers and Gaussian INR activations put the width in the weights.",
    )
)


# -- growing cosine unit ------------------------------------------------------


def _gcu(x: np.ndarray) -> np.ndarray:
    xf = _finite_or_nan(x)
    return xf * np.cos(xf)


def _gcu_d1(x: np.ndarray) -> np.ndarray:
    xf = _finite_or_nan(x)
    return np.cos(xf) - xf * np.sin(xf)


def _gcu_d2(x: np.ndarray) -> np.ndarray:
    xf = _finite_or_nan(x)
    return -2.0 * np.sin(xf) - xf * np.cos(xf)


register(
    Activation(
        name="gcu",
        family=FAMILY,
        f=_gcu,
        df=_gcu_d1,
        d2f=_gcu_d2,
        latex=r"\mathrm{GCU}(x) = x \cos(x)",
        latex_derivative=r"\mathrm{GCU}'(x) = \cos(x) - x \sin(x)",
        summary=(
            "Growing cosine unit: an odd oscillation whose amplitude grows linearly. Its many zeros let a "
            "single neuron split the input line into several decision regions (it can solve XOR alone), and "
            "Noel et al. report faster CNN training than with relu or swish. It is neither monotone nor "
            "bounded, has no limit at ±inf (nan there), and its gradient grows with |x|."
        ),
        reference=Reference(
            "Noel, Arunkumar L, Trivedi & Dutta",
            2021,
            "Growing Cosine Unit: A Novel Oscillatory Activation Function That Can Speedup Training and "
            "Reduce Parameters in Convolutional Neural Networks",
            "https://arxiv.org/abs/2108.12943",
        ),
    )
)
