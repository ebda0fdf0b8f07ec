"""Activations of implicit neural representations (coordinate networks): the sine
with SIREN's frequency, the real Gabor wavelet of WIRE, the Gaussian with a width,
and BigVGAN's snake with separate frequency and magnitude.

These units are meant to oscillate or to be local: their parameters set a
frequency or a width, and their kernels keep the argument's rounding from
mattering more than one rounding of x does (error-free products where a
product feeds both a cosine and a Gaussian).
"""

from __future__ import annotations

import math

import numpy as np

from ..entry import Activation, Param, Reference
from ..registry import register
from . import _stable
from .periodic import _finite_or_nan, _snake_argument

FAMILY = "implicit"

_DOUBLE_MAX = float(np.finfo(np.float64).max)


def _frequency_argument(x: np.ndarray, omega: float) -> np.ndarray:
    """u = omega x, with 0 where |x| > max/(4 max(omega, 1)) and nan at ±inf.

    Beyond the cut the function oscillates faster than one rounding of x resolves
    (the accuracy allowance eps |x f'| exceeds its whole range), so any value in
    range is as honest as another; 0 keeps omega x from overflowing."""
    cutoff = 0.25 * _DOUBLE_MAX / max(omega, 1.0)
    beyond = np.abs(x) > cutoff
    xf = _finite_or_nan(x)
    return omega * (np.where(beyond & np.isfinite(x), 0.0, xf) if beyond.any() else xf)


# -- SIREN: sin(omega_0 x) ---------------------------------------------------------


def _siren(x: np.ndarray, omega_0: float) -> np.ndarray:
    return np.sin(_frequency_argument(x, omega_0))


def _siren_d1(x: np.ndarray, omega_0: float) -> np.ndarray:
    return omega_0 * np.cos(_frequency_argument(x, omega_0))


def _siren_d2(x: np.ndarray, omega_0: float) -> np.ndarray:
    return -(omega_0 * omega_0) * np.sin(_frequency_argument(x, omega_0))


_OMEGA_0 = Param("omega_0", 30.0, "w0, the frequency factor (SIREN's 30)", lower=1e-100, upper=1e4, narrowed=True)

register(
    Activation(
        name="siren",
        family=FAMILY,
        parameters=(_OMEGA_0,),
        f=_siren,
        df=_siren_d1,
        d2f=_siren_d2,
        latex=r"\mathrm{SIREN}(x) = \sin(\omega_0 x)",
        latex_derivative=r"\mathrm{SIREN}'(x) = \omega_0 \cos(\omega_0 x)",
        summary=(
            "SIREN's sine with its frequency factor w0 kept visible: sin(w0 x) with w0 = 30, so that a "
            "layer initialised uniformly in [-sqrt(6/n), sqrt(6/n)] spans several periods and fits fine "
            "detail of images, audio and signed distance fields. The price is a unit that is neither "
            "monotone nor convergent (nan at ±inf) and an initialisation that must match w0 exactly; "
            "'sin' is the same unit with w0 = 1."
        ),
        reference=Reference(
            "Sitzmann, Martel, Bergman, Lindell & Wetzstein",
            2020,
            "Implicit Neural Representations with Periodic Activation Functions",
            "https://arxiv.org/abs/2006.09661",
        ),
        notes="w0 = 30 as the paper's first layer; omega_0 is limited to 1e4 (w0^2 sin enters f'').",
    )
)


# -- WIRE: the real Gabor wavelet cos(omega x) exp(-(s x)^2) -----------------------


def _gabor_parts(x: np.ndarray, omega: float, scale: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(cos(omega x), sin(omega x), exp(-(s x)^2), s^2 x) with both products of x exact.

    |x| is clipped at 40/s, where exp(-(s x)^2) = e^{-1600} has underflowed, so ±inf
    give 0. omega x = p + q (two_prod): cos(p + q) = cos p - q sin p to ~1 ulp. s x = h + l:
    (s x)^2 = a + b exactly to 2^-106 (two_prod of h with itself, plus 2 h l), and
    exp(-(a + b)) = exp(-a) exp(-b) with a exact: no rounding of s x is magnified by (s x)^2.
    Where cos(omega x) and the Gaussian's slope cancel in f' that would matter.
    """
    limit = 40.0 / scale
    xc = np.clip(x, -limit, limit)
    p, q = _stable.two_prod(np.full_like(xc, omega), xc)
    cp, sp = np.cos(p), np.sin(p)
    cos, sin = cp - q * sp, sp + q * cp
    h, l = _stable.two_prod(np.full_like(xc, scale), xc)
    a, b = _stable.two_prod(h, h)
    gauss = np.exp(-a) * np.exp(-(b + 2.0 * h * l))
    return cos, sin, gauss, scale * scale * xc


def _gabor(x: np.ndarray, omega: float, scale: float) -> np.ndarray:
    cos, _, gauss, _ = _gabor_parts(x, omega, scale)
    return cos * gauss


def _gabor_d1(x: np.ndarray, omega: float, scale: float) -> np.ndarray:
    # -(omega sin(omega x) + 2 s^2 x cos(omega x)) g
    cos, sin, gauss, s2x = _gabor_parts(x, omega, scale)
    return -(omega * sin + 2.0 * s2x * cos) * gauss


def _gabor_d2(x: np.ndarray, omega: float, scale: float) -> np.ndarray:
    # (4 s^2 x omega sin + (4 s^4 x^2 - omega^2 - 2 s^2) cos) g
    cos, sin, gauss, s2x = _gabor_parts(x, omega, scale)
    return (4.0 * omega * s2x * sin + ((4.0 * s2x * s2x - omega * omega) - 2.0 * scale * scale) * cos) * gauss


register(
    Activation(
        name="gabor_wavelet",
        family=FAMILY,
        aliases=("wire", "real_gabor"),
        parameters=(
            Param("omega", 20.0, "w0, the frequency of the carrier (WIRE's 20)", lower=0.0, upper=1e3),
            Param("scale", 10.0, "s0, the inverse width of the Gaussian window (WIRE's 10)", lower=0.01, upper=1e3),
        ),
        f=_gabor,
        df=_gabor_d1,
        d2f=_gabor_d2,
        latex=r"\mathrm{WIRE}(x) = \cos(\omega_0 x)\, e^{-(s_0 x)^{2}}",
        latex_derivative=(
            r"\mathrm{WIRE}'(x) = -\left(\omega_0 \sin(\omega_0 x) + 2 s_0^{2} x \cos(\omega_0 x)\right) e^{-(s_0 x)^{2}}"
        ),
        summary=(
            "The real Gabor wavelet of WIRE: a cosine carrier under a Gaussian window, a unit localised "
            "in both space and frequency. Networks of it fit images and fields as well as SIREN while being "
            "more robust to noise and to the choice of hyperparameters, since the window suppresses the "
            "far-away periods. It is not monotone, vanishes beyond a few widths (dead there), and its "
            "behaviour hinges on the two constants."
        ),
        reference=Reference(
            "Saragadam, LeJeune, Tan, Balakrishnan, Veeraraghavan & Baraniuk",
            2023,
            "WIRE: Wavelet Implicit Neural Representations",
            "https://arxiv.org/abs/2301.05187",
        ),
        notes=(
            "The paper's main unit is the complex Gabor wavelet exp(i w0 x) exp(-(s0 x)^2); this is its real "
            "part, the RealGaborLayer of the authors' code, with their image defaults w0 = 20, s0 = 10."
        ),
    )
)


# -- Gaussian with a width ---------------------------------------------------------


def _gaussian_parts(x: np.ndarray, sigma: float) -> tuple[np.ndarray, np.ndarray]:
    """(t, e) with t = x/sigma (|x| clipped where e has underflowed) and e = exp(-t^2/2)."""
    limit = 40.0 * sigma
    t = np.clip(x, -limit, limit) / sigma
    return t, _stable.exp_neg_square(t, 0.5)


def _gaussian_sigma(x: np.ndarray, sigma: float) -> np.ndarray:
    return _gaussian_parts(x, sigma)[1]


def _gaussian_sigma_d1(x: np.ndarray, sigma: float) -> np.ndarray:
    t, e = _gaussian_parts(x, sigma)
    return -(t * e) / sigma


def _gaussian_sigma_d2(x: np.ndarray, sigma: float) -> np.ndarray:
    # (t^2 - 1) e / sigma^2, with t^2 - 1 = (t - 1)(t + 1) exact where it cancels
    t, e = _gaussian_parts(x, sigma)
    return ((t - 1.0) * (t + 1.0)) * e / (sigma * sigma)


register(
    Activation(
        name="gaussian_sigma",
        family=FAMILY,
        parameters=(Param("sigma", 0.1, "sigma, the width of the bump", lower=1e-3, upper=1e3),),
        f=_gaussian_sigma,
        df=_gaussian_sigma_d1,
        d2f=_gaussian_sigma_d2,
        latex=r"\mathrm{Gauss}_\sigma(x) = e^{-x^{2}/(2\sigma^{2})}",
        latex_derivative=r"\mathrm{Gauss}_\sigma'(x) = -\frac{x}{\sigma^{2}}\, e^{-x^{2}/(2\sigma^{2})}",
        summary=(
            "A Gaussian bump of width sigma, proposed as a non-periodic activation for coordinate networks: "
            "Ramasinghe and Lucey show that what such units need is a well-behaved Fourier spectrum, not "
            "periodicity, and that Gaussian networks fit signals like SIREN without its special "
            "initialisation. The width sets the bandwidth; too narrow a bump leaves most inputs in its "
            "flat, gradient-free tails."
        ),
        reference=Reference(
            "Ramasinghe & Lucey",
            2022,
            "Beyond Periodicity: Towards a Unifying Framework for Activations in Coordinate-MLPs",
            "https://arxiv.org/abs/2111.15135",
        ),
        notes=(
            "'gaussian' is exp(-x^2), the case sigma = 1/sqrt(2). The paper tunes sigma per task; 0.1 here is "
            "an illustrative value, not a published default."
        ),
    )
)


# -- snake with separate frequency and magnitude (BigVGAN's SnakeBeta) -----------


def _snake_beta(x: np.ndarray, alpha: float, beta: float) -> np.ndarray:
    s = np.sin(_snake_argument(x, alpha))
    return x + (s * s) / beta


def _snake_beta_d1(x: np.ndarray, alpha: float, beta: float) -> np.ndarray:
    r""":math:`1 + r \sin 2u = (1 - r) + 2 r \sin^2(u + \pi/4)` with r = alpha/beta <= 1 and
    u = alpha x: both terms are >= 0, so nothing cancels (r = 1 is snake's form)."""
    r = alpha / beta
    s = np.sin(_snake_argument(x, alpha) + math.pi / 4)
    d1 = (1.0 - r) + 2.0 * r * (s * s)
    return np.where(np.isinf(x), np.nan, d1)


def _snake_beta_constraint(alpha: float, beta: float) -> str | None:
    """alpha <= beta: beyond, the ripple's slope exceeds 1, f turns back and cancels
    (x against sin^2(alpha x)/beta) near its negative zeros, where one rounding of
    alpha x already costs more than the accuracy allowance."""
    if alpha > beta:
        return f"alpha = {alpha:g} must not exceed beta = {beta:g} (the kernel is exact for the monotone shapes)"
    return None


def _snake_beta_d2(x: np.ndarray, alpha: float, beta: float) -> np.ndarray:
    d2 = (2.0 * alpha * alpha / beta) * np.cos(2.0 * _snake_argument(x, alpha))
    return np.where(np.isinf(x), np.nan, d2)


register(
    Activation(
        name="snake_beta",
        family=FAMILY,
        aliases=("snakebeta",),
        parameters=(
            Param("alpha", 1.0, "alpha, the frequency of the ripple (BigVGAN: exp(0) at init)", lower=1e-3, upper=1e3),
            Param("beta", 1.0, "beta, the inverse magnitude of the ripple (BigVGAN: exp(0) at init)", lower=1e-3, upper=1e3),
        ),
        constraint=_snake_beta_constraint,
        f=_snake_beta,
        df=_snake_beta_d1,
        d2f=_snake_beta_d2,
        latex=r"\mathrm{SnakeBeta}(x) = x + \frac{1}{\beta}\sin^{2}(\alpha x)",
        latex_derivative=r"\mathrm{SnakeBeta}'(x) = 1 + \frac{\alpha}{\beta}\sin(2\alpha x)",
        summary=(
            "Snake with the ripple's frequency alpha and magnitude 1/beta learned separately, per channel: "
            "the periodic inductive bias of the BigVGAN universal vocoder, which helps it extrapolate the "
            "periodic structure of audio to unseen speakers and instruments. With alpha = beta it is snake; "
            "like snake it has no limit at ±inf. Here alpha <= beta (the monotone shapes, "
            "slope between 1 - alpha/beta and 1 + alpha/beta): beyond, the kernel would not be exact."
        ),
        reference=Reference(
            "Lee, Ping, Ginsburg, Catanzaro & Yoon",
            2023,
            "BigVGAN: A Universal Neural Vocoder with Large-Scale Training",
            "https://arxiv.org/abs/2206.04658",
        ),
        notes=(
            "BigVGAN learns log(alpha) and log(beta) (alpha_logscale) initialised at 0, i.e. alpha = beta = 1, "
            "where SnakeBeta is snake:alpha=1."
        ),
    )
)


# -- Mexican hat (Ricker) wavelet -------------------------------------------------------


def _ricker_parts(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(x, x^2 = h + l exactly, e^{-x^2/2}) with |x| clipped at 40, where the Gaussian has underflowed."""
    xc = np.clip(x, -40.0, 40.0)
    h, l = _stable.two_prod(xc, xc)
    return xc, h, l, _stable.exp_neg_square(xc, 0.5)


def _ricker(x: np.ndarray) -> np.ndarray:
    # (1 - x^2) e^{-x^2/2}, with 1 - x^2 = (1 - h) - l: exact near the zeros at ±1
    _, h, l, e = _ricker_parts(x)
    return ((1.0 - h) - l) * e


def _ricker_d1(x: np.ndarray) -> np.ndarray:
    # x (x^2 - 3) e^{-x^2/2}, with x^2 - 3 = (h - 3) + l exact near ±sqrt 3
    xc, h, l, e = _ricker_parts(x)
    return xc * ((h - 3.0) + l) * e


def _ricker_d2(x: np.ndarray) -> np.ndarray:
    # (-x^4 + 6 x^2 - 3) e^{-x^2/2} = (6 - (x^2 - 3)^2) e^{-x^2/2}
    _, h, l, e = _ricker_parts(x)
    s = (h - 3.0) + l
    return (6.0 - s * s) * e


register(
    Activation(
        name="mexican_hat",
        family=FAMILY,
        aliases=("ricker",),
        f=_ricker,
        df=_ricker_d1,
        d2f=_ricker_d2,
        latex=r"\psi(x) = (1 - x^{2})\, e^{-x^{2}/2}",
        latex_derivative=r"\psi'(x) = x (x^{2} - 3)\, e^{-x^{2}/2}",
        summary=(
            "The Mexican-hat (Ricker) wavelet, the negative second derivative of a Gaussian: a central bump "
            "with two negative side lobes and zero mean. Zhang and Benveniste's wavelet networks use it as "
            "the hidden unit, with translations and dilations as the weights, to approximate functions with "
            "localised detail; it is also a classic activation of coordinate networks. Not monotone, and "
            "its gradient vanishes beyond a few units."
        ),
        reference=Reference(
            "Zhang & Benveniste",
            1992,
            "Wavelet networks",
            "https://doi.org/10.1109/72.165591",
        ),
        notes="Unnormalised (psi(0) = 1); the wavelet's usual factor 2/(sqrt(3) pi^{1/4}) is left out.",
    )
)


# -- HOSC: tanh(beta sin x) ---------------------------------------------------------------


def _hosc_parts(x: np.ndarray, beta: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(sin x, cos x, beta sin x), nan at ±inf (no limit there)."""
    xf = _finite_or_nan(x)
    s = np.sin(xf)
    return s, np.cos(xf), beta * s


def _hosc(x: np.ndarray, beta: float) -> np.ndarray:
    return np.tanh(_hosc_parts(x, beta)[2])


def _hosc_d1(x: np.ndarray, beta: float) -> np.ndarray:
    _, c, u = _hosc_parts(x, beta)
    return (beta * c) * _stable.sech2(u)


def _hosc_d2(x: np.ndarray, beta: float) -> np.ndarray:
    # -beta sech^2(u) (sin x + 2 beta cos^2 x tanh u): both terms have the sign of sin x, no cancellation
    s, c, u = _hosc_parts(x, beta)
    return -beta * _stable.sech2(u) * (s + 2.0 * beta * (c * c) * np.tanh(u))


register(
    Activation(
        name="hosc",
        family=FAMILY,
        aliases=("hyperbolic_oscillation",),
        parameters=(Param("beta", 1.0, "beta, the sharpness (sine-like when small, square-wave-like when large)", lower=0.0, upper=100.0, lower_open=True),),
        f=_hosc,
        df=_hosc_d1,
        d2f=_hosc_d2,
        latex=r"\mathrm{HOSC}(x) = \tanh(\beta \sin x)",
        latex_derivative=r"\mathrm{HOSC}'(x) = \beta \cos x\, \mathrm{sech}^{2}(\beta \sin x)",
        summary=(
            "Hyperbolic oscillation: tanh of a scaled sine, a periodic unit whose sharpness beta moves it from "
            "a sine wave (small beta) towards a square wave (large beta). Serrano et al. designed it for "
            "coordinate networks that must keep sharp edges and corners of images and shapes, which sine "
            "networks blur; the slope at the zero crossings grows like beta, so large beta needs small "
            "learning rates. No limit at ±inf."
        ),
        reference=Reference(
            "Serrano, Szymkowiak & Musialski",
            2024,
            "HOSC: A Periodic Activation Function for Preserving Sharp Features in Implicit Neural Representations",
            "https://arxiv.org/abs/2401.10967",
        ),
        notes="beta = 1 draws the shape; the paper tunes beta per task, and AdaHOSC learns it.",
    )
)
