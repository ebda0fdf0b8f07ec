"""Self-gated units f(x) = a x T(b x) (silu, gelu, mish, ...) and hard swish.

A self-gated unit is ``f(x) = a x T(b x)`` for a gate T (sigmoid, the normal
CDF, tanh(softplus), ...; see :mod:`.gates`). With ``u = b x`` its derivatives are
``f' = a (T(u) + u T'(u))`` and ``f'' = a b (2 T'(u) + u T''(u))``: each gate
supplies T, T', T'' as stable kernels of u and :func:`_self_gated` does the
rest, keeping the limits at ±inf (``u T'(u) -> 0``) through
:func:`_stable.times_vanishing`. Left of a unit's minimum T(u) and u T'(u)
cancel; there a gate may supply the slope ``T + u T'`` in a form that does not.

Accuracy (units of the catalogue, mpmath references; see tests/reference):
f and f' within 4 units everywhere, f'' within 64.
"""

from __future__ import annotations

import math

import numpy as np

from ..entry import SCALE_RANGE, Activation, Kink, Param, Reference, scale_param
from ..registry import register
from . import _numerics, _overflow, _stable, gates
from ._declare import declare

FAMILY = "self-gated"


def _self_gated(gate: gates.GateKernels, scale: str = "", amplitude: str = "") -> tuple[gates.Gate, ...]:
    r"""Kernels f, f', f'' of :math:`f(x) = a\,x\,T(b x)`, and (f, f') together where the
    gate shares work between T and the slope (else None).

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
        if b == 1.0 and gate.times_gate is not None:
            product = gate.times_gate(x, **rest)
        else:
            product = _stable.times_vanishing(x, gate.t0(_numerics.scaled(x, b), **rest))
        return product if a == 1.0 else _overflow.times(a, product)

    def plain_slope(u: np.ndarray, rest: dict[str, float]) -> np.ndarray:
        if gate.fused is not None:
            return gate.fused(u, **rest)
        return gate.t0(u, **rest) + _stable.times_vanishing(u, gate.t1(u, **rest))

    def df(x: np.ndarray, **params: float) -> np.ndarray:
        a, b, rest = unpack(params)
        u = x if b == 1.0 and gate.clamps_input else _numerics.scaled(x, b)
        if gate.slope is None:
            return a * plain_slope(u, rest)
        if gate.slope_from == -math.inf and gate.slope_to(**rest) == math.inf:
            return gate.slope(u, **rest) if a == 1.0 else a * gate.slope(u, **rest)
        flat = u.reshape(-1)
        inside = (flat >= gate.slope_from) & (flat <= gate.slope_to(**rest))
        careful = _stable.subset(inside)
        if careful.size == flat.size:
            return a * gate.slope(u, **rest)
        # The careful slope on [slope_from, slope_to] (gathered, evaluated, scattered back by
        # index). A fused slope is cheap and finite on the whole line: it is computed everywhere
        # and overwritten in the window, which saves gathering and scattering the many values
        # outside it; otherwise T + u T' goes through the values outside the window only.
        result = np.empty_like(flat) if gate.fused is None else gate.fused(u, **rest).reshape(-1)
        if careful.size:
            result[careful] = gate.slope(np.take(flat, careful), **rest)
        if gate.fused is None:
            plain = _stable.subset(~inside)
            result[plain] = plain_slope(np.take(flat, plain), rest)
        result = result.reshape(u.shape)
        return result if a == 1.0 else a * result

    def d2f(x: np.ndarray, **params: float) -> np.ndarray:
        a, b, rest = unpack(params)
        u = _numerics.scaled(x, b)
        return (a * b) * (2.0 * gate.t1(u, **rest) + _stable.times_vanishing(u, gate.t2(u, **rest)))

    def f_df(x: np.ndarray, **params: float) -> tuple[np.ndarray, np.ndarray]:
        a, b, rest = unpack(params)
        if b == 1.0 and gate.times_gate_and_slope is not None:  # f's own product, as f computes it
            product, slope = gate.times_gate_and_slope(x, **rest)
        else:
            value, slope = gate.gate_and_slope(_numerics.scaled(x, b), **rest)
            product = _stable.times_vanishing(x, value)
        return (product, slope) if a == 1.0 else (a * product, a * slope)

    shares_work = gate.gate_and_slope is not None or gate.times_gate_and_slope is not None
    return f, df, d2f, (f_df if shares_work else None)


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

_gelu_f, _gelu_df, _gelu_d2f, _gelu_f_df = _self_gated(gates.NORMAL_CDF_GATE)
register(
    Activation(
        name="gelu",
        family=FAMILY,
        aliases=("gelu_python",),
        f=_gelu_f,
        df=_gelu_df,
        d2f=_gelu_d2f,
        native_float32=True,
        f_df=_gelu_f_df,
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
            "centred Taylor expansions on [-3, 0], erfcx e^{-x^2/2} below (gelu(-30) = -1.47e-196, not 0). "
            "gelu_python is transformers' name for x/2 (1 + erf(x/sqrt 2)), the same function "
            "(src/transformers/activations.py, GELUActivation(use_gelu_python=True))."
        ),
    )
)

_gelu_tanh_f, _gelu_tanh_df, _gelu_tanh_d2f, _gelu_tanh_f_df = _self_gated(gates.GELU_TANH_GATE)
register(
    Activation(
        name="gelu_tanh",
        family=FAMILY,
        aliases=("gelu_approximate", "gelu_new", "gelu_pytorch_tanh", "gelu_python_tanh", "gelu_accurate", "gelu_fast"),
        f=_gelu_tanh_f,
        df=_gelu_tanh_df,
        d2f=_gelu_tanh_d2f,
        native_float32=True,
        f_df=_gelu_tanh_f_df,
        latex=r"x\,\frac{1 + \tanh\left(\sqrt{2/\pi}\,(x + 0.044715\,x^{3})\right)}{2}",
        latex_derivative=r"\frac{1 + \tanh y}{2} + x\,\frac{\sqrt{2/\pi}\,(1 + 0.134145\,x^{2})}{2\cosh^{2} y}",
        summary=(
            "The tanh approximation of GELU from the same paper, within 5e-4 of the exact one; it was "
            "cheaper on early accelerators and is baked into the weights of GPT-2 and BERT checkpoints "
            "(torch's approximate='tanh', jax.nn.gelu's default). Computed as x sigmoid(2y) so the left "
            "tail does not cancel."
        ),
        reference=_HENDRYCKS,
        notes=(
            "Aliases are the names of this function in transformers' ACT2FN "
            "(src/transformers/activations.py): gelu_new (NewGELUActivation), gelu_pytorch_tanh and "
            "gelu_python_tanh (GELUTanh), gelu_accurate (AccurateGELUActivation) all use sqrt(2/pi) and "
            "0.044715; gelu_fast (FastGELUActivation) writes sqrt(2/pi) as 0.7978845608, 3.6e-12 "
            "relative below it: far below float32's resolution, about 3e4 float64 ulps "
            "of the inner argument (not modelled here). timm's gelu_tanh is torch's approximate='tanh'."
        ),
    )
)

_silu_f, _silu_df, _silu_d2f, _silu_f_df = _self_gated(gates.SIGMOID_GATE)


register(
    Activation(
        name="silu",
        family=FAMILY,
        f=_silu_f,
        df=_silu_df,
        d2f=_silu_d2f,
        native_float32=True,
        f_df=_silu_f_df,
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

_swish_f, _swish_df, _swish_d2f, _swish_f_df = _self_gated(gates.SIGMOID_GATE, scale="beta")
register(
    Activation(
        name="swish",
        family=FAMILY,
        parameters=(scale_param("beta", 1.0, "slope of the sigmoid gate; 1 gives silu"),),
        f=_swish_f,
        df=_swish_df,
        d2f=_swish_d2f,
        native_float32=True,
        f_df=_swish_f_df,
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

_mish_f, _mish_df, _mish_d2f, _mish_f_df = _self_gated(gates.MISH_GATE)


register(
    Activation(
        name="mish",
        family=FAMILY,
        f=_mish_f,
        df=_mish_df,
        d2f=_mish_d2f,
        native_float32=True,
        f_df=_mish_f_df,
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
    # at most 1e6: the gates' subnormal intermediates (e^-745) times a larger output scale become
    # normal numbers with a few bits (logish alpha=1e100: f(-5e-324) gave -0, truth -2e-224)
    Param("alpha", 1.0, "output scale", lower=SCALE_RANGE[0], upper=1e6, narrowed=True),
    scale_param("beta", 1.0, "input scale of the sigmoid"),
)
_smish_f, _smish_df, _smish_d2f, _smish_f_df = _self_gated(gates.SMISH_GATE, scale="beta", amplitude="alpha")
register(
    Activation(
        name="smish",
        family=FAMILY,
        parameters=_SIGMOID_GATE_SCALES,
        f=_smish_f,
        df=_smish_df,
        d2f=_smish_d2f,
        f_df=_smish_f_df,
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

_logish_f, _logish_df, _logish_d2f, _logish_f_df = _self_gated(gates.LOGISH_GATE, scale="beta", amplitude="alpha")
register(
    Activation(
        name="logish",
        family=FAMILY,
        parameters=_SIGMOID_GATE_SCALES,
        f=_logish_f,
        df=_logish_df,
        d2f=_logish_d2f,
        f_df=_logish_f_df,
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

_pserf_f, _pserf_df, _pserf_d2f, _pserf_f_df = _self_gated(gates.ERF_SOFTPLUS_GATE, scale="delta")
_serf_f, _serf_df, _serf_d2f, _serf_f_df = _self_gated(gates.ERF_SOFTPLUS_GATE)
register(
    Activation(
        name="serf",
        family=FAMILY,
        f=_serf_f,
        df=_serf_df,
        d2f=_serf_d2f,
        f_df=_serf_f_df,
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
        family=FAMILY,
        parameters=(
            scale_param("gamma", 1.25, "scale of the softplus inside erf"),
            scale_param("delta", 0.85, "input scale of the softplus"),
        ),
        f=_pserf_f,
        df=_pserf_df,
        d2f=_pserf_d2f,
        f_df=_pserf_f_df,
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

_erfact_f, _erfact_df, _erfact_d2f, _erfact_f_df = _self_gated(gates.ERF_EXP_GATE, scale="beta")
register(
    Activation(
        name="erfact",
        family=FAMILY,
        parameters=(
            scale_param("alpha", 0.75, "scale of the exponential inside erf"),
            scale_param("beta", 0.75, "input scale of the exponential"),
        ),
        f=_erfact_f,
        df=_erfact_df,
        d2f=_erfact_d2f,
        f_df=_erfact_f_df,
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

_tanh_exp_f, _tanh_exp_df, _tanh_exp_d2f, _tanh_exp_f_df = _self_gated(gates.TANH_EXP_GATE)
register(
    Activation(
        name="tanh_exp",
        family=FAMILY,
        aliases=("tanhexp",),
        f=_tanh_exp_f,
        df=_tanh_exp_df,
        d2f=_tanh_exp_d2f,
        f_df=_tanh_exp_f_df,
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

_lisht_f, _lisht_df, _lisht_d2f, _lisht_f_df = _self_gated(gates.TANH_GATE)
register(
    Activation(
        name="lisht",
        family=FAMILY,
        f=_lisht_f,
        df=_lisht_df,
        d2f=_lisht_d2f,
        f_df=_lisht_f_df,
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


def _hardswish(x: np.ndarray) -> np.ndarray:
    # x relu6(x + 3)/6 with the gate relu6(x+3)/6 = hardsigmoid in [0, 1] formed first: no overflow.
    # x enters as max(x, -3), the same where the gate is not 0, so -inf meets 0 as -3 (no nan,
    # no np.where); left of -3 the result is -0.0, as torch's x * clamp(x + 3, 0, 6) / 6.
    gate = np.add(x, 3.0, out=np.empty_like(x))
    np.clip(gate, 0.0, 6.0, out=gate)
    gate /= 6.0
    return np.multiply(gate, np.maximum(x, -3.0), out=gate)


def _hardswish_d1(x: np.ndarray) -> np.ndarray:
    # Current torch (HardswishBackwardFunctor, changed after pytorch issue #147801; 2.13 here) and
    # jax: 0 for x <= -3, x/3 + 1/2 for -3 < x < 3, 1 for x >= 3: each kink takes the value of the
    # flat piece beside it. As middle [-3 < x < 3] + [x >= 3]: masks instead of two nested np.where
    # (which mispredict on random signs); nan stays nan through the clip. 32768 values: 408 -> 194 us.
    slope = np.clip(x, -3.0, 3.0)
    slope = np.asarray(slope)
    slope *= 2.0
    slope += 3.0
    slope /= 6.0
    slope *= (x > -3.0) & (x < 3.0)
    slope += x >= 3.0
    return slope


def _hardswish_d2(x: np.ndarray) -> np.ndarray:
    return np.where(np.abs(x) < 3.0, 1.0 / 3.0, _stable.zeros_like(x))


register(
    Activation(
        name="hardswish",
        family=FAMILY,
        aliases=("hard_swish", "hard_silu"),
        f=_hardswish,
        df=_hardswish_d1,
        d2f=_hardswish_d2,
        native_float32=True,
        latex=r"\mathrm{hardswish}(x) = x\,\frac{\mathrm{ReLU6}(x + 3)}{6}",
        latex_derivative=r"0 \;(x \leq -3),\;\; \frac{2x + 3}{6} \;(-3 < x < 3),\;\; 1 \;(x \geq 3)",
        kink_points=lambda: (
            Kink(-3.0, "hardswish'(-3) = 0 (the flat piece), as current torch's backward (2.13; changed after pytorch issue #147801) and jax"),
            Kink(3.0, "hardswish'(3) = 1 (the identity piece), as current torch's backward (2.13; changed after pytorch issue #147801) and jax"),
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



# -- declared from catalogue functions ----------------------------------------------------------

_TRANSFORMERS = "src/transformers/activations.py in huggingface/transformers"

declare(
    "quick_gelu",
    "swish(x, beta=1.702)",
    family=FAMILY,
    aliases=("gelu_quick",),
    latex=r"\mathrm{QuickGELU}(x) = x\,\sigma(1.702\,x)",
    latex_derivative=r"\mathrm{QuickGELU}'(x) = \sigma(1.702x)\left(1 + 1.702\,x\,\sigma(-1.702x)\right)",
    summary=(
        "GELU approximated by x sigmoid(1.702 x), swish with beta = 1.702: the sigmoid is matched to "
        "the normal CDF (within 0.02). Baked into the weights of OpenAI's CLIP and the models "
        "fine-tuned from it, so those must keep it; cheaper than the tanh form."
    ),
    reference=Reference(
        "Hendrycks & Gimpel", 2016, "Gaussian Error Linear Units (GELUs)", "https://arxiv.org/abs/1606.08415"
    ),
    notes=(
        f"As QuickGELUActivation ({_TRANSFORMERS}) and timm's quick_gelu "
        "(timm/layers/activations.py): input * torch.sigmoid(1.702 * input). Evaluated with swish's kernels."
    ),
)

declare(
    "gelu_10",
    "where(gelu(x) <= 10, gelu(x), 10)",
    family=FAMILY,
    aliases=("clipped_gelu",),
    latex=r"\mathrm{GELU}_{10}(x) = \min(\mathrm{GELU}(x), 10)",
    latex_derivative=r"\mathrm{GELU}_{10}'(x) = \mathrm{GELU}'(x)\,[\mathrm{GELU}(x) \leq 10]",
    summary=(
        "GELU clipped to [-10, 10] for 8-bit quantisation (Q8BERT-style): the range of the "
        "activations is then known in advance. GELU never goes below -0.17, so only the upper clip "
        "acts, at x = 10."
    ),
    reference=Reference(
        "Wu, Judd, Zhang, Isaev & Micikevicius",
        2020,
        "Integer Quantization for Deep Learning Inference: Principles and Empirical Evaluation",
        "https://arxiv.org/abs/2004.09602",
    ),
    notes=(
        f"As ACT2FN['gelu_10'] = ClippedGELUActivation(-10, 10) ({_TRANSFORMERS}): torch.clip(gelu(x), -10, 10). "
        "At the clip point torch.clip's backward passes the gradient (its bounds are inclusive), so "
        "gelu_10' there is gelu'(x), as here."
    ),
)

declare(
    "hard_mish",
    "where(x < -2, 0, where(x <= 0, 0.5*x*(x + 2), x))",
    family=FAMILY,
    aliases=("hardmish",),
    latex=r"\mathrm{HardMish}(x) = \frac{x}{2}\,\min(\max(x + 2, 0), 2)",
    latex_derivative=r"0 \;(x < -2),\;\; x + 1 \;(-2 \leq x \leq 0),\;\; 1 \;(x > 0)",
    kink_points=lambda: (
        Kink(-2.0, "f' jumps from 0 to -1; hard_mish'(-2) = -1 (the middle piece), as torch's clamp backward"),
        Kink(0.0, "f' is continuous (1); f'' jumps from 1 to 0, hard_mish''(0) = 1 (the middle piece), as torch"),
    ),
    summary=(
        "A piecewise-quadratic mish for mobile inference: 0 below -2, x (x + 2)/2 on [-2, 0] (minimum "
        "-1/2 at x = -1), x above 0. The derivative is continuous at 0 and jumps at -2."
    ),
    reference=Reference(
        "Misra",
        2020,
        "H-Mish (notes on a hard Mish, README of digantamisra98/H-Mish)",
        "https://github.com/digantamisra98/H-Mish",
    ),
    notes=(
        "As timm's hard_mish (timm/layers/activations.py): 0.5 * x * (x + 2).clamp(min=0, max=2). "
        "torch's clamp passes the gradient at both bounds, so both kinks take the middle piece: "
        "hard_mish'(-2) = -1, hard_mish''(0) = 1."
    ),
)

declare(
    "situ",
    "softcap(x, cap=beta)*sigmoid(x)",  # the soft cap through softcap's kernels: x/beta is subnormal near 0
    family=FAMILY,
    parameters=(scale_param("beta", 4.0, "soft cap of the value: |situ| < beta"),),
    latex=r"\mathrm{SiTU}(x) = \beta\tanh(x/\beta)\,\sigma(x)",
    latex_derivative=r"\mathrm{SiTU}'(x) = \mathrm{sech}^{2}(x/\beta)\,\sigma(x) + \beta\tanh(x/\beta)\,\sigma'(x)",
    summary=(
        "Sigmoid-tanh unit: swish with its linear factor soft-capped, beta tanh(x/beta) sigma(x), so it "
        "is bounded by beta and matches silu to first order near 0. The gate half of Kimi K3's SiTU-GLU "
        "(beta = 4), which bounds activations under extreme mixture-of-experts sparsity."
    ),
    reference=Reference(
        "Kimi Team (Moonshot AI)",
        2026,
        "Kimi K3 technical report (SiTU-GLU, as described by Megatron-core's core.activations.situ)",
        "https://docs.nvidia.com/megatron-core/developer-guide/0.20.0/apidocs/core/core.activations.html",
    ),
    notes=(
        "As Megatron-core's situ(x, scale) = scale * tanh(x / scale) * sigmoid(x) and the gate half of "
        "Tenstorrent's ttnn.situ_glu; the report itself was not at hand."
    ),
)
