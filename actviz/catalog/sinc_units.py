"""The two sinc-based oscillating units of Noel et al.: the shifted sinc unit
pi sinc(x - pi) and the decaying sine unit (pi/2)(sinc(x - pi) - sinc(x + pi)),
with sinc the unnormalised sin(x)/x.

Both are sinc at x -+ pi, whose argument must be formed in double-double (x - pi
near pi loses every digit of pi's rounding), with sin(x -+ pi) = -sin(x) and
cos(x -+ pi) = -cos(x) taken from x itself so that large x lose nothing. Away from
-+pi the decaying sine unit is the product pi^2 sin(x) / ((pi - x)(pi + x)): its
two sincs cancel there (like 1/x far out, to O(x) in f'' near 0), the product does not.
"""

from __future__ import annotations

import math

import numpy as np

from ..entry import Activation, Reference
from ..registry import register
from .periodic import _SINC_D1_SERIES, _SINC_D2_SERIES, _SINC_SERIES

FAMILY = "periodic"
_PI_HI = math.pi
_PI_LO = 1.2246467991473532e-16  # pi - float(pi), to double precision
_SERIES = (_SINC_SERIES, _SINC_D1_SERIES, _SINC_D2_SERIES)
_NOEL = Reference(
    "Noel, Bharadwaj, Muthiah-Nakarajan, Dutta & Amaratunga",
    2021,
    "Biologically Inspired Oscillating Activation Functions Can Bridge the Performance Gap between "
    "Biological and Artificial Neurons",
    "https://arxiv.org/abs/2111.04020",
)
_SINC_NOTE = (
    "sinc is the unnormalised sin(x)/x, as in the paper and its authors' code; torch.sinc (and np.sinc) is "
    "sin(pi x)/(pi x), and code written with it computes a different function."
)


def _finite(x: np.ndarray) -> np.ndarray:
    """x with ±inf as 0 (the kernels set the limits there themselves), at least one-dimensional
    so that the kernels can assign into their results."""
    return np.atleast_1d(np.where(np.isinf(x), 0.0, x))


def _shifted_sinc(x: np.ndarray, sign: float, order: int) -> np.ndarray:
    r"""The ``order``-th derivative of :math:`\mathrm{sinc}(x - \mathrm{sign}\,\pi)`, 0 at ±inf.

    t = x - sign pi in double-double (exact to a rounding of t); for |t| <= 1 the
    Taylor series of the catalogue's sinc, beyond it the closed forms with
    sin t = -sin x, cos t = -cos x."""
    v = _finite(x)
    t = (v - sign * _PI_HI) - sign * _PI_LO
    outer = np.where(np.abs(t) > 1.0, t, 1.0)
    s, c = -np.sin(v), -np.cos(v)
    if order == 0:
        y = s / outer
    else:
        slope = (c - s / outer) / outer  # sinc'(t) = (cos t - sinc t)/t
        y = slope if order == 1 else -(s + 2.0 * slope) / outer  # sinc''(t) = -(sin t + 2 sinc'(t))/t
    inner = np.abs(t) <= 1.0
    if inner.any():
        ti = t[inner]
        series = np.polynomial.polynomial.polyval(ti * ti, _SERIES[order])
        y[inner] = series * ti if order == 1 else series
    y[np.isinf(np.atleast_1d(x))] = 0.0
    return y.reshape(np.shape(x))


def _ssu(order: int):  # noqa: ANN202 - a kernel
    return lambda x: math.pi * _shifted_sinc(x, 1.0, order)


register(
    Activation(
        name="ssu",
        family=FAMILY,
        aliases=("shifted_sinc_unit",),
        f=_ssu(0),
        df=_ssu(1),
        d2f=_ssu(2),
        latex=r"\mathrm{SSU}(x) = \pi\,\mathrm{sinc}(x - \pi) = \frac{\pi \sin x}{\pi - x}",
        latex_derivative=r"\mathrm{SSU}'(x) = \pi\,\mathrm{sinc}'(x - \pi)",
        summary=(
            "Shifted sinc unit: the cardinal sine moved right by pi and scaled by pi, so it passes through 0 "
            "with slope 1 like the identity, peaks at pi (value pi) and then oscillates with decaying "
            "amplitude ~pi/|x|. Its many zeros let a single neuron split the line into several intervals "
            "(one unit learns XOR); Noel et al. report it among the best of 23 activations on CIFAR and Imagenette."
        ),
        reference=_NOEL,
        notes=_SINC_NOTE,
    )
)


def _dsu_far(x: np.ndarray, order: int) -> np.ndarray:
    r""":math:`\pi^2 \sin x / ((\pi - x)(\pi + x))` and its derivatives, written with p = ab,
    a = 1/(\pi - x), b = 1/(\pi + x) (p' = 2x p^2), so nothing overflows and, more than 1 away
    from ±pi, nothing cancels (near 0 the two sincs would: their second derivatives are O(1) there, f'' is O(x))."""
    v = _finite(x)
    a = 1.0 / ((_PI_HI - v) + _PI_LO)
    b = 1.0 / ((_PI_HI + v) + _PI_LO)
    p, xp = a * b, v * a * b
    s = np.sin(v)
    if order == 0:
        y = s * p
    elif order == 1:
        y = np.cos(v) * p + 2.0 * s * xp * p
    else:
        y = -s * p + 4.0 * np.cos(v) * xp * p + s * (2.0 * p * p + 8.0 * xp * xp * p)
    return math.pi**2 * y


def _dsu(order: int):  # noqa: ANN202 - a kernel
    def kernel(x: np.ndarray) -> np.ndarray:
        x1 = np.atleast_1d(x)
        y = _dsu_far(x1, order)
        near = (np.abs(x1 - _PI_HI) < 1.0) | (np.abs(x1 + _PI_HI) < 1.0)  # the product's 0/0 at ±pi
        if near.any():
            xn = x1[near]
            y[near] = 0.5 * math.pi * (_shifted_sinc(xn, 1.0, order) - _shifted_sinc(xn, -1.0, order))
        y[np.isinf(x1)] = 0.0
        return y.reshape(np.shape(x))

    return kernel


register(
    Activation(
        name="dsu",
        family=FAMILY,
        aliases=("decaying_sine_unit",),
        f=_dsu(0),
        df=_dsu(1),
        d2f=_dsu(2),
        latex=r"\mathrm{DSU}(x) = \frac{\pi}{2}\left(\mathrm{sinc}(x - \pi) - \mathrm{sinc}(x + \pi)\right) = \frac{\pi^{2}\sin x}{\pi^{2} - x^{2}}",
        latex_derivative=r"\mathrm{DSU}'(x) = \frac{\pi}{2}\left(\mathrm{sinc}'(x - \pi) - \mathrm{sinc}'(x + \pi)\right)",
        summary=(
            "Decaying sine unit: half the difference of two cardinal sines centred at ±pi, which is the odd "
            "function pi^2 sin(x)/(pi^2 - x^2): slope 1 at 0 like sin, extrema of about ±1.64 at x = ±2.63 (pi/2 at "
            "±pi), then a sine whose amplitude decays like pi^2/x^2. Proposed with the shifted sinc unit as an oscillating activation "
            "whose single neurons can learn XOR."
        ),
        reference=_NOEL,
        notes=_SINC_NOTE + " At x = ±pi the quotient form is 0/0; there the sinc series is used.",
    )
)
