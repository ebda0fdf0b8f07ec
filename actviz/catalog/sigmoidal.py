"""Sigmoidal activations: bounded, monotone, S-shaped squashing functions."""

from __future__ import annotations

import math

import numpy as np

from ..entry import Activation, Kink, Param, Reference, scale_param
from ..registry import register
from . import _normal, _numerics, _piecewise, _stable
from ._declare import declare

FAMILY = "sigmoidal"


def _sigmoid_d2(x: np.ndarray) -> np.ndarray:
    # sigma'' = sigma' (1 - 2 sigma) = -sigma'(x) tanh(x/2): no cancellation near 0 or in the tails.
    return -_stable.sigmoid_prime(x) * np.tanh(0.5 * x)


register(
    Activation(
        name="sigmoid",
        family=FAMILY,
        aliases=("logistic", "expit"),
        f=_stable.sigmoid,
        df=_stable.sigmoid_prime,
        d2f=_sigmoid_d2,
        native_float32=True,
        f_df=_stable.sigmoid_and_prime,
        latex=r"\sigma(x) = \frac{1}{1 + e^{-x}}",
        latex_derivative=r"\sigma'(x) = \sigma(x)\,\sigma(-x)",
        summary=(
            "The logistic function: squashes R onto (0, 1), so it reads as a probability and is the "
            "output layer of binary classifiers and the gate of LSTMs. As a hidden activation it is "
            "not zero-centred and saturates on both sides; its slope is at most 1/4, so gradients "
            "shrink geometrically through deep stacks (the vanishing-gradient problem)."
        ),
        reference=Reference(
            "Rumelhart, Hinton & Williams",
            1986,
            "Learning representations by back-propagating errors",
            "https://doi.org/10.1038/323533a0",
        ),
    )
)


def _tanh_d1(x: np.ndarray) -> np.ndarray:
    return _stable.sech2(x)


def _tanh_d2(x: np.ndarray) -> np.ndarray:
    # tanh'' = -2 tanh(x) sech^2(x)
    return -2.0 * np.tanh(x) * _stable.sech2(x)


register(
    Activation(
        name="tanh",
        family=FAMILY,
        f=np.tanh,
        df=_tanh_d1,
        d2f=_tanh_d2,
        native_float32=True,
        latex=r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
        latex_derivative=r"\tanh'(x) = 1 - \tanh^2(x) = \operatorname{sech}^2(x)",
        summary=(
            "Hyperbolic tangent: a zero-centred sigmoid onto (-1, 1), equal to 2 sigmoid(2x) - 1, "
            "and approximately the identity near 0. The classic hidden activation of MLPs and RNNs; "
            "it still saturates on both sides, so deep tanh stacks lose gradient unless initialised "
            "at the edge of chaos."
        ),
        reference=Reference(
            "LeCun, Bottou, Orr & Mueller",
            1998,
            "Efficient BackProp",
            "https://doi.org/10.1007/3-540-49430-8_2",
        ),
    )
)


def _split(x: np.ndarray, bound: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(|x| <= bound, x there and 0 elsewhere, 1/x beyond and 0 elsewhere).

    Formulas in x serve the inner piece, formulas in r = 1/x the outer one,
    so neither ever squares a huge number; masked entries are harmless (x = 0, r = 0).
    nan goes to the outer piece, where r is nan.
    """
    inner = np.abs(x) <= bound
    return inner, np.where(inner, x, 0.0), 1.0 / np.where(inner, np.inf, x)


# -- rational sigmoids: x/(1+|x|) ---------------------------------------------

_ELLIOTT_1993 = Reference(
    "Elliott",
    1993,
    "A Better Activation Function for Artificial Neural Networks (ISR Technical Report TR 93-8)",
    "https://citeseerx.ist.psu.edu/viewdoc/summary?doi=10.1.1.46.7204",
)


def _inverse_one_plus_abs(x: np.ndarray) -> np.ndarray:
    """r = 1/(1 + |x|) in (0, 1]: 0 at ±inf, never overflowing (r**2 cannot overflow, unlike (1+|x|)**2)."""
    return 1.0 / (1.0 + np.abs(x))


def _softsign(x: np.ndarray) -> np.ndarray:
    # x/(1 + |x|) directly: no cancellation anywhere (two roundings); x is clipped to ±1e300
    # (1e30 in float32) first, where the quotient is already ±1 to every digit, so ±inf gives ±1, not inf/inf.
    # No np.where over two pieces: 1e6 values 13.3 -> 2.1 ms (torch ratio 4.7 -> 0.8).
    limit = _numerics.huge(x)
    xc = np.clip(x, -limit, limit)
    d = np.abs(xc, out=np.empty_like(x))  # out=: an array even for 0-d x
    d += 1.0
    return np.divide(xc, d, out=d)


def _softsign_d1(x: np.ndarray) -> np.ndarray:
    r = _inverse_one_plus_abs(x)
    return r * r


def _softsign_d2(x: np.ndarray) -> np.ndarray:
    # -2 sign(x) r^3; np.sign(0) = 0 is the mean of the one-sided values -/+2.
    r = _inverse_one_plus_abs(x)
    return -2.0 * np.sign(x) * (r * r * r)


register(
    Activation(
        name="softsign",
        family=FAMILY,
        aliases=("soft_sign",),
        f=_softsign,
        df=_softsign_d1,
        d2f=_softsign_d2,
        native_float32=True,
        latex=r"\mathrm{softsign}(x) = \frac{x}{1 + |x|}",
        latex_derivative=r"\mathrm{softsign}'(x) = \frac{1}{(1 + |x|)^{2}}",
        kink_points=lambda: (Kink(0.0, "softsign''(0) = 0, the mean of its one-sided limits -2 and 2"),),
        summary=(
            "A rational sigmoid onto (-1, 1), the symmetric form of Elliott's 1993 squashing function, "
            "named softsign by Bergstra et al. (2009). It needs no exponential and saturates polynomially "
            "(1 - 1/|x|) rather than exponentially, so Glorot and Bengio (2010) found deep softsign nets "
            "saturate less than tanh nets; its second derivative jumps at 0."
        ),
        reference=_ELLIOTT_1993,
        notes="torch.nn.Softsign, jax.nn.soft_sign and keras softsign agree.",
    )
)


def _elliott(x: np.ndarray) -> np.ndarray:
    # 1/2 + x/(2(1+|x|)) = h for x < 0 and 1 - h for x >= 0, h = 1/(2(1+|x|)): the textbook
    # form cancels to 0 for large negative x.
    h = 0.5 * _inverse_one_plus_abs(x)
    return np.where(x < 0, h, 1.0 - h)


def _elliott_d1(x: np.ndarray) -> np.ndarray:
    return 0.5 * _softsign_d1(x)


def _elliott_d2(x: np.ndarray) -> np.ndarray:
    return 0.5 * _softsign_d2(x)


register(
    Activation(
        name="elliott",
        family=FAMILY,
        f=_elliott,
        df=_elliott_d1,
        d2f=_elliott_d2,
        latex=r"\mathrm{elliott}(x) = \frac{x}{2(1 + |x|)} + \frac{1}{2}",
        latex_derivative=r"\mathrm{elliott}'(x) = \frac{1}{2(1 + |x|)^{2}}",
        kink_points=lambda: (Kink(0.0, "elliott''(0) = 0, the mean of its one-sided limits -1 and 1"),),
        summary=(
            "Elliott's sigmoid: a cheap logistic-like squashing onto (0, 1) made of one division and an "
            "absolute value, proposed in 1993 for digital simulation of networks, and still offered by "
            "MATLAB (elliotsig) and embedded libraries. It approaches 0 and 1 only like 1/|x|, much more "
            "slowly than the logistic, and its second derivative jumps at 0."
        ),
        reference=_ELLIOTT_1993,
        notes="(1 + softsign(x))/2; no framework ships it.",
    )
)


# -- algebraic sigmoids ---------------------------------------------------------


def _arctan_d1(x: np.ndarray) -> np.ndarray:
    # 1/(1 + x^2) = r^2/(1 + r^2) with r = 1/x for |x| > 1.
    inner, xs, r = _split(x, 1.0)
    return np.where(inner, 1.0 / (1.0 + xs * xs), (r * r) / (1.0 + r * r))


def _arctan_d2(x: np.ndarray) -> np.ndarray:
    # -2x/(1 + x^2)^2 = -2 [x/(1 + x^2)] arctan'(x), and x/(1 + x^2) = r/(1 + r^2).
    inner, xs, r = _split(x, 1.0)
    ratio = np.where(inner, xs / (1.0 + xs * xs), r / (1.0 + r * r))
    return -2.0 * ratio * _arctan_d1(x)


register(
    Activation(
        name="arctan",
        family=FAMILY,
        aliases=("atan",),
        f=np.arctan,
        df=_arctan_d1,
        d2f=_arctan_d2,
        latex=r"\arctan(x)",
        latex_derivative=r"\arctan'(x) = \frac{1}{1 + x^{2}}",
        summary=(
            "The inverse tangent: a zero-centred sigmoid onto (-pi/2, pi/2) with slope 1 at 0. It "
            "saturates only like pi/2 - 1/x, so its gradient decays polynomially (1/x^2) instead of "
            "exponentially as tanh's does, which keeps some signal for large inputs; it is an old "
            "alternative squashing function, rare in modern networks."
        ),
        reference=Reference(
            "Pervan Akman, Tuemer Sivri & Berkol",
            2025,
            "The Impact of Irrationals on the Range of Arctan Activation Function for Deep Learning Models",
            "https://doi.org/10.19072/ijet.1394093",
        ),
        notes=(
            "No framework ships arctan as an activation and no single paper introduced it; the reference is "
            "a recent study of arctan and its scaled variants."
        ),
    )
)


register(
    Activation(
        name="isru",
        family=FAMILY,
        # one sqrt, no np.where (_stable.isru_terms); 1e6 ms before -> after: f 28.0 -> 6.3, f' 27.9 -> 7.7
        f=_stable.isru,
        df=_stable.isru_prime,
        d2f=_stable.isru_second,
        parameters=(
            scale_param("alpha", 1.0, "shape: isru saturates at ±1/sqrt(alpha)"),
        ),
        latex=r"\mathrm{ISRU}(x) = \frac{x}{\sqrt{1 + \alpha x^{2}}}",
        latex_derivative=r"\mathrm{ISRU}'(x) = \left(\frac{1}{\sqrt{1 + \alpha x^{2}}}\right)^{3}",
        summary=(
            "Inverse square root unit: a tanh-like sigmoid onto (-1/sqrt(alpha), 1/sqrt(alpha)) built from "
            "one inverse square root, which hardware computes faster than an exponential. Carlile et al. "
            "proposed it for RNNs alongside ISRLU; like every sigmoid it saturates, though only polynomially "
            "(its slope decays like |x|^-3)."
        ),
        reference=Reference(
            "Carlile, Delamarter, Kinney, Marti & Whitney",
            2017,
            "Improving Deep Learning by Inverse Square Root Linear Units (ISRLUs)",
            "https://arxiv.org/abs/1710.09967",
        ),
        notes="alpha = 1 as in the paper; no framework ships isru.",
    )
)


# -- scaled tanh ----------------------------------------------------------------

# LeCun's constants, correctly rounded from the exact decimals (mpmath, 40 digits):
# 1.7159 * 2/3 = 1.1439333..., 1.7159 * 8/9 = 1.5252444...
_LECUN_SCALE = 1.7159
_LECUN_SCALE_D1 = 1.1439333333333333333333
_LECUN_SCALE_D2 = 1.5252444444444444444444


def _lecun_argument(x: np.ndarray) -> np.ndarray:
    # 2x/3 with one rounding (x/3), the doubling is exact and cannot overflow after the division.
    return 2.0 * (x / 3.0)


def _lecun_tanh(x: np.ndarray) -> np.ndarray:
    return _LECUN_SCALE * np.tanh(_lecun_argument(x))


def _lecun_tanh_d1(x: np.ndarray) -> np.ndarray:
    return _LECUN_SCALE_D1 * _stable.sech2(_lecun_argument(x))


def _lecun_tanh_d2(x: np.ndarray) -> np.ndarray:
    # -(8/9) 1.7159 sech^2(u) tanh(u), u = 2x/3
    u = _lecun_argument(x)
    return -_LECUN_SCALE_D2 * _stable.sech2(u) * np.tanh(u)


register(
    Activation(
        name="lecun_tanh",
        family=FAMILY,
        f=_lecun_tanh,
        df=_lecun_tanh_d1,
        d2f=_lecun_tanh_d2,
        latex=r"\mathrm{lecun\_tanh}(x) = 1.7159\,\tanh\left(\frac{2x}{3}\right)",
        latex_derivative=r"\mathrm{lecun\_tanh}'(x) = \frac{2}{3}\,1.7159\,\operatorname{sech}^{2}\left(\frac{2x}{3}\right)",
        summary=(
            "LeCun's recommended sigmoid from Efficient BackProp: tanh scaled so that f(±1) = ±1 and the "
            "gain is close to 1 over the unit interval, which keeps unit-variance inputs at unit variance "
            "when the weights are initialised with variance 1/fan_in. It still saturates on both sides "
            "(at ±1.7159) like tanh."
        ),
        reference=Reference(
            "LeCun, Bottou, Orr & Mueller",
            1998,
            "Efficient BackProp",
            "https://doi.org/10.1007/3-540-49430-8_2",
        ),
        notes="The constants are the paper's: 1.7159 and 2/3 (exactly; no framework default to follow).",
    )
)


# -- hard (piecewise-linear) sigmoids -----------------------------------------


def _hardtanh(x: np.ndarray, min_val: float, max_val: float) -> np.ndarray:
    return np.clip(x, min_val, max_val)


def _hardtanh_d1(x: np.ndarray, min_val: float, max_val: float) -> np.ndarray:
    return _piecewise.indicator(_piecewise.inside(x, min_val, max_val), x)


def _hardtanh_kinks(min_val: float, max_val: float) -> tuple[Kink, ...]:
    convention = "hardtanh'({}) = 0, as in torch (its backward passes gradient only for min_val < x < max_val)"
    return (Kink(min_val, convention.format("min_val")), Kink(max_val, convention.format("max_val")))


register(
    Activation(
        name="hardtanh",
        family=FAMILY,
        aliases=("hard_tanh",),
        f=_hardtanh,
        df=_hardtanh_d1,
        d2f=_stable.zeros_like,
        native_float32=True,
        parameters=(
            Param("min_val", -1.0, "lower end of the linear region (the output floor)"),
            Param("max_val", 1.0, "upper end of the linear region (the output ceiling)"),
        ),
        constraint=lambda min_val, max_val: (
            None if min_val < max_val else f"min_val ({min_val:g}) must be below max_val ({max_val:g})"
        ),
        latex=r"\mathrm{hardtanh}(x) = \min(\max(x, \mathrm{min\_val}), \mathrm{max\_val})",
        latex_derivative=r"\mathrm{hardtanh}'(x) = \mathbb{1}[\mathrm{min\_val} < x < \mathrm{max\_val}]",
        kink_points=_hardtanh_kinks,
        summary=(
            "Hard tanh: the identity clipped to [-1, 1], a piecewise-linear stand-in for tanh that costs two "
            "comparisons. Collobert et al. used it in their SENNA NLP networks, and it is the straight-through "
            "estimator's gradient in binarised networks; outside the linear region the gradient is exactly "
            "zero, so saturated units stop learning."
        ),
        reference=Reference(
            "Collobert, Weston, Bottou, Karlen, Kavukcuoglu & Kuksa",
            2011,
            "Natural Language Processing (Almost) from Scratch",
            "https://jmlr.org/papers/v12/collobert11a.html",
        ),
        notes="torch.nn.Hardtanh(min_val=-1, max_val=1); jax.nn.hard_tanh and keras hard_tanh fix [-1, 1].",
    )
)


def _hardsigmoid(x: np.ndarray) -> np.ndarray:
    # relu6(x + 3)/6 exactly as torch writes it: near x = -3 the sum x + 3 is exact (Sterbenz),
    # so the result keeps full relative accuracy where x/6 + 1/2 would cancel.
    return np.clip(x + 3.0, 0.0, 6.0) / 6.0


def _hardsigmoid_d1(x: np.ndarray) -> np.ndarray:
    return _piecewise.indicator(_piecewise.inside(x, -3.0, 3.0), x, 1.0 / 6.0)


register(
    Activation(
        name="hardsigmoid",
        family=FAMILY,
        aliases=("hard_sigmoid",),
        f=_hardsigmoid,
        df=_hardsigmoid_d1,
        d2f=_stable.zeros_like,
        native_float32=True,
        latex=r"\mathrm{hardsigmoid}(x) = \frac{\min(\max(x + 3, 0), 6)}{6}",
        latex_derivative=r"\mathrm{hardsigmoid}'(x) = \frac{1}{6}\,\mathbb{1}[-3 < x < 3]",
        kink_points=lambda: (
            Kink(-3.0, "hardsigmoid'(-3) = 0, as in torch (its backward passes gradient only for -3 < x < 3)"),
            Kink(3.0, "hardsigmoid'(3) = 0, as in torch (its backward passes gradient only for -3 < x < 3)"),
        ),
        summary=(
            "Hard sigmoid: a piecewise-linear sigmoid onto [0, 1], relu6(x + 3)/6, introduced with h-swish in "
            "MobileNetV3 because it is cheap and quantises well on mobile hardware. Its gradient is a constant "
            "1/6 on (-3, 3) and exactly zero outside, so saturated units receive no signal at all."
        ),
        reference=Reference(
            "Howard, Sandler, Chu, Chen, Chen, Tan, Wang, Zhu, Pang, Vasudevan, Le & Adam",
            2019,
            "Searching for MobileNetV3",
            "https://arxiv.org/abs/1905.02244",
        ),
        notes=(
            "Follows torch.nn.Hardsigmoid, jax.nn.hard_sigmoid and keras 3: relu6(x + 3)/6. Keras 2 (and "
            "Theano) computed clip(0.2 x + 0.5, 0, 1), flat beyond ±2.5; keras 3 switched to the torch form "
            "but kept documenting the ±2.5 breakpoints of keras 2 for a while (keras PR #19477)."
        ),
    )
)


def _sparse_sigmoid(x: np.ndarray) -> np.ndarray:
    # (x + 1)/2 clipped to [0, 1]: one rounding (x + 1), the halving is exact.
    return 0.5 * np.clip(x + 1.0, 0.0, 2.0)


def _sparse_sigmoid_d1(x: np.ndarray) -> np.ndarray:
    return _piecewise.indicator(_piecewise.inside(x, -1.0, 1.0), x, 0.5)


register(
    Activation(
        name="sparse_sigmoid",
        family=FAMILY,
        f=_sparse_sigmoid,
        df=_sparse_sigmoid_d1,
        d2f=_stable.zeros_like,
        latex=r"\mathrm{sparse\_sigmoid}(x) = \frac{\min(\max(x + 1, 0), 2)}{2}",
        latex_derivative=r"\mathrm{sparse\_sigmoid}'(x) = \frac{1}{2}\,\mathbb{1}[-1 < x < 1]",
        kink_points=lambda: (
            Kink(-1.0, "sparse_sigmoid'(-1) = 0, as keras 3 (its where-branches send x <= -1 to the constant 0)"),
            Kink(1.0, "sparse_sigmoid'(1) = 0, as keras 3 (its where-branches send x >= 1 to the constant 1)"),
        ),
        summary=(
            "Sparse sigmoid: the two-class sparsemax, i.e. the first output of sparsemax applied to the scores "
            "(x, 0), which is (x + 1)/2 clipped to [0, 1]. It outputs exact 0 and 1 (sparse probabilities) "
            "and pairs with the sparsemax / Fenchel-Young loss; like every hard sigmoid its gradient is zero "
            "once saturated."
        ),
        reference=Reference(
            "Blondel, Martins & Niculae",
            2020,
            "Learning with Fenchel-Young Losses",
            "https://arxiv.org/abs/1901.02324",
        ),
        notes=(
            "As jax.nn.sparse_sigmoid and keras 3 sparse_sigmoid; torch has none, so the value of the derivative "
            "at ±1 follows keras 3 and torch's other hard functions (0)."
        ),
    )
)


# -- declared from catalogue functions ------------------------------------------------------------

def _softcap(x: np.ndarray, cap: float) -> np.ndarray:
    r""":math:`c\tanh(x/c)`, with x/c clipped at ±20 (tanh is ±1 there) and f = x where
    |x/c| < 2^-30 (tanh(u) = u to the last bit): x/c is subnormal there for large c, and
    lost bits (cap = 30 was 10 ulps off at x = 3.3e-308; cap = 1e100 gave 0 at x = -1e-230)."""
    u = np.clip(x, -20.0 * cap, 20.0 * cap) / cap
    return np.where(np.abs(x) < cap * 2.0**-30, x, cap * np.tanh(u))


def _softcap_d2(x: np.ndarray, cap: float) -> np.ndarray:
    r""":math:`-2\tanh(u)\,\mathrm{sech}^2(u)/c`, u = x/c clipped at ±800 (sech^2 is 0 there),
    sech^2 as :math:`(2e^{-|u|}/(1 + e^{-2|u|}))^2` (no cosh to overflow). For cap = 1e100 the
    formula's f''(-1e-30) was 0, truth 2e-230."""
    u = np.clip(x, -800.0 * cap, 800.0 * cap) / cap
    decay = np.exp(-np.abs(u))
    sech = 2.0 * decay / (1.0 + decay * decay)
    return (-2.0 * np.tanh(u) / cap) * (sech * sech)


declare(
    "softcap",
    "cap*tanh(x/cap)",
    kernels=(_softcap, None, _softcap_d2),
    family=FAMILY,
    aliases=("soft_cap", "tanh_softcap"),
    parameters=(scale_param("cap", 30.0, "the bound: outputs stay in (-cap, cap)"),),
    latex=r"\mathrm{softcap}(x) = c\,\tanh(x/c)",
    latex_derivative=r"\mathrm{softcap}'(x) = \mathrm{sech}^{2}(x/c)",
    summary=(
        "Soft capping: tanh scaled to (-cap, cap), the identity to first order near 0. Gemma 2 caps "
        "its attention logits (cap 50) and final logits (cap 30) with it, Grok-1 its attention logits, "
        "and Kimi K3's SiTU-GLU bounds both halves of its gated unit with it."
    ),
    reference=Reference(
        "Gemma Team",
        2024,
        "Gemma 2: Improving Open Language Models at a Practical Size",
        "https://arxiv.org/abs/2408.00118",
    ),
    notes="cap = 30 is Gemma 2's final-logit cap; Megatron-core calls it tanh_soft_clamp(x, scale).",
)


# -- laplace (MEGA) ------------------------------------------------------------------------------


def _laplace_argument(x: np.ndarray, mu: float, sigma: float) -> tuple[np.ndarray, np.ndarray]:
    """u = (x - mu)/sigma as a double-double (x - mu exact by two_sum, one correction step of
    the division); |x| clamped at 1e100, where Phi is 0 or 1 long before (and two_prod
    needs |u| <= 1e150)."""
    v = np.clip(x, -1e100, 1e100)
    d, d_lo = _stable.two_sum(v, np.full_like(v, -mu))
    u = d / sigma
    p, p_lo = _stable.two_prod(u, np.full_like(u, sigma))
    return u, (((d - p) - p_lo) + d_lo) / sigma


def _laplace(x: np.ndarray, mu: float, sigma: float) -> np.ndarray:
    # Phi(u_hi + u_lo) = Phi(u_hi) + phi(u_hi) u_lo to far below one unit
    u, u_lo = _laplace_argument(x, mu, sigma)
    return _normal.cdf(u) + _normal.pdf(u) * u_lo


def _laplace_d1(x: np.ndarray, mu: float, sigma: float) -> np.ndarray:
    # phi(u)/sigma, with phi(u_hi + u_lo) = phi(u_hi) (1 - u_hi u_lo)
    u, u_lo = _laplace_argument(x, mu, sigma)
    return _normal.pdf(u) * (1.0 - u * u_lo) / sigma


def _laplace_d2(x: np.ndarray, mu: float, sigma: float) -> np.ndarray:
    # -u phi(u)/sigma^2
    u, u_lo = _laplace_argument(x, mu, sigma)
    density = _normal.pdf(u) * (1.0 - u * u_lo)
    return -_stable.times_vanishing(u + u_lo, density) / (sigma * sigma)


register(
    Activation(
        name="laplace",
        family=FAMILY,
        parameters=(
            Param("mu", 0.707107, "centre: laplace(mu) = 1/2", lower=-1e30, upper=1e30),
            Param("sigma", 0.282095, "width of the rise", lower=1e-30, upper=1e30),
        ),
        f=_laplace,
        df=_laplace_d1,
        d2f=_laplace_d2,
        latex=r"\mathrm{laplace}(x) = \Phi\!\left(\frac{x - \mu}{\sigma}\right) = \frac{1}{2}\left(1 + \mathrm{erf}\frac{x - \mu}{\sigma\sqrt{2}}\right)",
        latex_derivative=r"\mathrm{laplace}'(x) = \frac{1}{\sigma}\,\varphi\!\left(\frac{x - \mu}{\sigma}\right)",
        summary=(
            "The Laplace attention function of MEGA: a normal CDF shifted and narrowed so that it "
            "matches relu(x)^2 at x = sqrt 2 in value and slope, a bounded stand-in for squared ReLU "
            "in attention weights. In transformers' ACT2FN as 'laplace'; rarely used outside MEGA."
        ),
        reference=Reference(
            "Ma, Zhou, Kong, He, Gui, Neubig, May & Zettlemoyer",
            2022,
            "Mega: Moving Average Equipped Gated Attention",
            "https://arxiv.org/abs/2209.10655",
        ),
        notes=(
            "mu = 0.707107 and sigma = 0.282095 are transformers' LaplaceActivation constants "
            "(src/transformers/activations.py), the paper's sqrt(1/2) and sqrt(1/(4 pi)) rounded to six "
            "digits (differences 2e-7 and 6e-8). transformers evaluates 0.5 (1 + erf(.)), which is 0 "
            "below x = -1.8; here Phi keeps the tail (laplace(-3) = 1.6e-31)."
        ),
    )
)
