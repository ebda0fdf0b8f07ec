"""Rectifiers: piecewise-linear units built on max(0, x)."""

from __future__ import annotations

import numpy as np

from ..entry import SCALE_RANGE, Activation, Kink, Param, Reference, scale_param
from ..registry import register
from . import _overflow, _piecewise, _stable

FAMILY = "rectifier"


def _relu(x: np.ndarray) -> np.ndarray:
    # x * (x > 0) would turn inf * 0 into nan; maximum keeps nan and gives +0 for -0.
    return np.maximum(x, 0.0)


def _relu_d1(x: np.ndarray) -> np.ndarray:
    return _stable.heaviside(x, 0.0)


register(
    Activation(
        name="relu",
        family=FAMILY,
        f=_relu,
        df=_relu_d1,
        d2f=_stable.zeros_like,
        native_float32=True,
        latex=r"\mathrm{ReLU}(x) = \max(0, x)",
        latex_derivative=r"\mathrm{ReLU}'(x) = \mathbb{1}[x > 0]",
        kink_points=lambda: (Kink(0.0, "relu'(0) = 0, as in torch and jax"),),
        summary=(
            "Rectified linear unit: the identity for positive inputs, zero otherwise. Cheap, sparse, "
            "and free of saturation on the right, so it made deep networks trainable; but it is not "
            "zero-centred, unbounded above, and a unit whose inputs stay negative gets zero gradient "
            "forever (a 'dead ReLU'; large learning rates can kill many units)."
        ),
        reference=Reference(
            "Nair & Hinton",
            2010,
            "Rectified Linear Units Improve Restricted Boltzmann Machines",
            "https://www.cs.toronto.edu/~hinton/absps/reluICML.pdf",
        ),
    )
)


def _keep_nan(x: np.ndarray, y: np.ndarray | float) -> np.ndarray:
    """``y`` broadcast to x's shape, with nan wherever x is nan (for piecewise-constant kernels).

    y added to nan_mark(x) in place: half the cost of ``np.where(np.isnan(x), x, y)``."""
    result = _stable.nan_mark(x)
    result += y
    return result


def _zero(x: np.ndarray, **_params: float) -> np.ndarray:
    """The second derivative of a piecewise-linear function: 0 (nan for nan)."""
    return _stable.zeros_like(x)


# -- ReLU with an upper bound ---------------------------------------------------------


def _relun(x: np.ndarray, max_value: float) -> np.ndarray:
    r""":math:`\min(\max(0, x), N)`; minimum/maximum keep nan."""
    return np.minimum(np.maximum(x, 0.0), max_value)


def _relun_d1(x: np.ndarray, max_value: float) -> np.ndarray:
    # hardtanh's backward in torch: 0 at both ends of [0, N], 1 strictly inside.
    return _piecewise.indicator((x > 0) & (x < max_value), x)


def _relun_kinks(max_value: float) -> tuple[Kink, ...]:
    return (
        Kink(0.0, "f'(0) = 0, as torch's hardtanh backward (0 at both ends of the linear piece)"),
        Kink(max_value, "f'(max_value) = 0, as torch's hardtanh backward"),
    )


RELU6_MAX = 6.0

register(
    Activation(
        name="relu6",
        family=FAMILY,
        f=lambda x: _relun(x, RELU6_MAX),
        df=lambda x: _relun_d1(x, RELU6_MAX),
        d2f=_stable.zeros_like,
        native_float32=True,
        latex=r"\mathrm{ReLU6}(x) = \min(\max(0, x), 6)",
        latex_derivative=r"\mathrm{ReLU6}'(x) = \mathbb{1}[0 < x < 6]",
        kink_points=lambda: _relun_kinks(RELU6_MAX),
        summary=(
            "ReLU capped at 6. The cap keeps activations in a small fixed range, which suits "
            "low-precision and fixed-point inference; MobileNet v1/v2 use it throughout. Like ReLU it "
            "is dead for negative inputs, and now also saturated (zero gradient) above 6."
        ),
        reference=Reference(
            "Krizhevsky",
            2010,
            "Convolutional Deep Belief Networks on CIFAR-10",
            "https://www.cs.toronto.edu/~kriz/conv-cifar10-aug2010.pdf",
        ),
    )
)

register(
    Activation(
        name="relun",
        family=FAMILY,
        aliases=("brelu", "bounded_relu"),
        parameters=(Param("max_value", 1.0, "the cap N (keras' relu max_value)", lower=0.0, lower_open=True),),
        f=_relun,
        df=_relun_d1,
        d2f=_zero,
        latex=r"\mathrm{ReLU}_N(x) = \min(\max(0, x), N)",
        latex_derivative=r"\mathrm{ReLU}_N'(x) = \mathbb{1}[0 < x < N]",
        kink_points=_relun_kinks,
        summary=(
            "Bounded (clipped) ReLU: ReLU capped at N, with relu6 the case N = 6. Bounding the output "
            "was proposed to stop activations from blowing up and to stabilise training; the price is "
            "a second flat region (no gradient above N) besides ReLU's dead region."
        ),
        reference=Reference(
            "Liew, Khalil-Hani & Bakhteri",
            2016,
            "Bounded activation functions for enhanced training stability of deep neural networks "
            "on visual pattern recognition problems",
            "https://doi.org/10.1016/j.neucom.2016.08.037",
        ),
        notes="keras.activations.relu(x, max_value=N); torch has only the special case ReLU6.",
    )
)


# -- leaky family: x for x > 0, slope * x otherwise -----------------------------------


def _leaky(x: np.ndarray, slope: float) -> np.ndarray:
    r""":math:`x` for x > 0, :math:`s\,x` otherwise (the product only of the masked
    input, so a slope > 1 overflows honestly and nothing warns)."""
    # max(x, 0) + s min(x, 0): one term is 0, so the sum is exact; 2.4 -> 1.5 ns a value.
    f = _overflow.times(slope, np.minimum(x, 0.0))
    f += np.maximum(x, 0.0)
    return f


def _leaky_d1(x: np.ndarray, slope: float) -> np.ndarray:
    # torch's leaky_relu/prelu backward: x > 0 ? 1 : slope, so f'(0) = slope.
    return _keep_nan(x, _stable.step_between(x > 0, slope, 1.0))


def _leaky_kinks(slope: float, convention: str) -> tuple[Kink, ...]:
    return () if slope == 1.0 else (Kink(0.0, convention),)


register(
    Activation(
        name="leaky_relu",
        family=FAMILY,
        aliases=("lrelu",),
        parameters=(Param("negative_slope", 0.01, "slope for x <= 0 (torch and jax: 0.01; keras: 0.2)"),),
        f=lambda x, negative_slope: _leaky(x, negative_slope),
        df=lambda x, negative_slope: _leaky_d1(x, negative_slope),
        d2f=_zero,
        latex=r"\mathrm{LeakyReLU}(x) = x \;(x > 0),\;\; \alpha x \;(x \leq 0)",
        latex_derivative=r"\mathrm{LeakyReLU}'(x) = 1 \;(x > 0),\;\; \alpha \;(x \leq 0)",
        kink_points=lambda negative_slope: _leaky_kinks(
            negative_slope, "leaky_relu'(0) = negative_slope, as in torch (jax's where(x >= 0) gives 1)"
        ),
        summary=(
            "ReLU with a small fixed slope for negative inputs, so a unit never stops receiving "
            "gradient (no dead units). Introduced for speech recognition acoustic models; in practice "
            "it is often only marginally better than ReLU, and the slope is one more hyperparameter."
        ),
        reference=Reference(
            "Maas, Hannun & Ng",
            2013,
            "Rectifier Nonlinearities Improve Neural Network Acoustic Models",
            "https://ai.stanford.edu/~amaas/papers/relu_hybrid_icml2013_final.pdf",
        ),
        notes="Default negative_slope = 0.01 as torch and jax; keras.layers.LeakyReLU defaults to 0.2 (older keras: 0.3).",
    )
)

register(
    Activation(
        name="prelu",
        family=FAMILY,
        parameters=(Param("weight", 0.25, "the learned negative slope a (torch.nn.PReLU initialises it to 0.25)"),),
        f=lambda x, weight: _leaky(x, weight),
        df=lambda x, weight: _leaky_d1(x, weight),
        d2f=_zero,
        latex=r"\mathrm{PReLU}(x) = \max(0, x) + a \min(0, x)",
        latex_derivative=r"\mathrm{PReLU}'(x) = 1 \;(x > 0),\;\; a \;(x \leq 0)",
        kink_points=lambda weight: _leaky_kinks(weight, "prelu'(0) = weight, as torch's prelu backward"),
        summary=(
            "Parametric ReLU: a leaky ReLU whose negative slope a is learned (per channel or shared), "
            "shown here as a function of that slope. It helped the first ImageNet model to beat human "
            "top-5 error; the extra parameters can overfit small data sets, and weight decay should not "
            "be applied to a."
        ),
        reference=Reference(
            "He, Zhang, Ren & Sun",
            2015,
            "Delving Deep into Rectifiers: Surpassing Human-Level Performance on ImageNet Classification",
            "https://arxiv.org/abs/1502.01852",
        ),
    )
)


def _rrelu_constraint(lower: float, upper: float) -> str | None:
    if lower > upper:
        return f"lower = {lower:g} must not exceed upper = {upper:g}"
    return None


def _rrelu_slope(lower: float, upper: float) -> float:
    return (lower + upper) / 2.0


register(
    Activation(
        name="rrelu",
        family=FAMILY,
        parameters=(
            Param("lower", 1.0 / 8.0, "lower bound of the random training slope", lower=0.0),
            Param("upper", 1.0 / 3.0, "upper bound of the random training slope", lower=0.0),
        ),
        constraint=_rrelu_constraint,
        f=lambda x, lower, upper: _leaky(x, _rrelu_slope(lower, upper)),
        df=lambda x, lower, upper: _leaky_d1(x, _rrelu_slope(lower, upper)),
        d2f=_zero,
        latex=r"\mathrm{RReLU}(x) = x \;(x > 0),\;\; \frac{l + u}{2}\, x \;(x \leq 0)",
        latex_derivative=r"\mathrm{RReLU}'(x) = 1 \;(x > 0),\;\; \frac{l + u}{2} \;(x \leq 0)",
        kink_points=lambda lower, upper: _leaky_kinks(
            _rrelu_slope(lower, upper), "rrelu'(0) = (lower + upper)/2, as torch's leaky_relu backward"
        ),
        summary=(
            "Randomized leaky ReLU. During training each negative input gets a slope drawn uniformly "
            "from [lower, upper], a noise that acts as a regulariser; at evaluation time (shown here) "
            "the slope is fixed to the mean (lower + upper)/2, so the unit is a leaky ReLU. It did well "
            "on small data sets (Kaggle NDSB) but adds randomness that is hard to reproduce."
        ),
        reference=Reference(
            "Xu, Wang, Chen & Li",
            2015,
            "Empirical Evaluation of Rectified Activations in Convolutional Network",
            "https://arxiv.org/abs/1505.00853",
        ),
        notes="Evaluation mode of torch.nn.RReLU (lower = 1/8, upper = 1/3), i.e. leaky_relu with slope 11/48.",
    )
)


# -- thresholds, identity, powers ----------------------------------------------------


def _thresholded(x: np.ndarray, theta: float) -> np.ndarray:
    return _piecewise.above_or(x, theta, 0.0)


def _thresholded_d1(x: np.ndarray, theta: float) -> np.ndarray:
    return _piecewise.indicator(x > theta, x)


def _thresholded_kinks(theta: float) -> tuple[Kink, ...]:
    jump = "f' jumps from 0 to 1" if theta == 0.0 else "f jumps from 0 to theta"
    return (Kink(theta, f"{jump}; f(theta) = 0 and f'(theta) = 0 (x > theta ? x : 0, as keras)"),)


register(
    Activation(
        name="thresholded_relu",
        family=FAMILY,
        aliases=("trelu",),
        parameters=(Param("theta", 1.0, "the threshold below which the output is 0 (keras default 1)", lower=0.0),),
        f=_thresholded,
        df=_thresholded_d1,
        d2f=_zero,
        latex=r"\mathrm{TReLU}(x) = x \;(x > \theta),\;\; 0 \;(x \leq \theta)",
        latex_derivative=r"\mathrm{TReLU}'(x) = \mathbb{1}[x > \theta]",
        kink_points=_thresholded_kinks,
        summary=(
            "Thresholded ReLU: passes x only above a threshold theta and outputs 0 otherwise, so f "
            "jumps from 0 to theta. Proposed for zero-bias autoencoders, where the threshold replaces "
            "a negative hidden bias and yields sparse codes; the jump makes it unusual as a hidden "
            "activation of deep networks."
        ),
        reference=Reference(
            "Konda, Memisevic & Krueger",
            2015,
            "Zero-bias autoencoders and the benefits of co-adapting features",
            "https://arxiv.org/abs/1402.3337",
        ),
        notes="keras.layers.ThresholdedReLU(theta=1.0); torch.nn.Threshold(theta, 0) is the same function.",
    )
)


def _identity_d1(x: np.ndarray) -> np.ndarray:
    return _keep_nan(x, 1.0)


register(
    Activation(
        name="identity",
        family="linear",
        aliases=("linear",),
        f=np.copy,
        df=_identity_d1,
        d2f=_stable.zeros_like,
        latex=r"f(x) = x",
        latex_derivative=r"f'(x) = 1",
        summary=(
            "The identity, i.e. no activation at all: keras' 'linear' and torch.nn.Identity. It is "
            "the right output activation for regression, and the baseline that shows what the "
            "non-linearity buys: a stack of linear layers is still one linear map."
        ),
        reference=Reference(
            "Widrow & Hoff",
            1960,
            "Adaptive Switching Circuits",
            "https://www-isl.stanford.edu/~widrow/papers/c1960adaptiveswitching.pdf",
        ),
    )
)


def _squared_relu(x: np.ndarray) -> np.ndarray:
    return _overflow.scaled_square(1.0, np.maximum(x, 0.0))


def _squared_relu_d1(x: np.ndarray) -> np.ndarray:
    return _overflow.times(2.0, np.maximum(x, 0.0))


def _squared_relu_d2(x: np.ndarray) -> np.ndarray:
    return 2.0 * _stable.heaviside(x, 0.0)


_SQUARE_KINK = "f'' jumps from 0 to 2 at 0; f'(0) = 0 and f''(0) = 0, as torch autograd of relu(x)**2"

register(
    Activation(
        name="squared_relu",
        family=FAMILY,
        aliases=("relu_squared", "relu2"),
        f=_squared_relu,
        df=_squared_relu_d1,
        d2f=_squared_relu_d2,
        latex=r"f(x) = \max(0, x)^{2}",
        latex_derivative=r"f'(x) = 2\max(0, x)",
        kink_points=lambda: (Kink(0.0, _SQUARE_KINK),),
        summary=(
            "The square of ReLU, found by architecture search for Transformer feed-forward layers "
            "(Primer), where it beat GELU and ReLU at the same cost. It is C1 with a jump in f'' at 0, "
            "still dead for negative inputs, and grows quadratically, so large activations can "
            "overflow in low precision."
        ),
        reference=Reference(
            "So, Mańke, Liu, Dai, Shazeer & Le",
            2021,
            "Primer: Searching for Efficient Transformers for Language Modeling",
            "https://arxiv.org/abs/2109.08668",
        ),
    )
)


def _star_relu(x: np.ndarray, scale: float, bias: float) -> np.ndarray:
    # an overflowing sum is inf without a warning (bias=1.8e308 warned at x = 1e300)
    return _overflow.add(_overflow.scaled_square(scale, np.maximum(x, 0.0)), bias)


def _star_relu_d1(x: np.ndarray, scale: float, bias: float) -> np.ndarray:
    return _overflow.times(2.0 * scale, np.maximum(x, 0.0))


def _star_relu_d2(x: np.ndarray, scale: float, bias: float) -> np.ndarray:
    return 2.0 * scale * _stable.heaviside(x, 0.0)


register(
    Activation(
        name="star_relu",
        family=FAMILY,
        aliases=("starrelu",),
        parameters=(
            scale_param("scale", 0.8944, "s, the learned scale (the paper's initial value 1/sqrt(1.25))"),
            Param("bias", -0.4472, "b, the learned bias (the paper's initial value -s/2)"),
        ),
        f=_star_relu,
        df=_star_relu_d1,
        d2f=_star_relu_d2,
        latex=r"\mathrm{StarReLU}(x) = s\,\max(0, x)^{2} + b",
        latex_derivative=r"\mathrm{StarReLU}'(x) = 2 s \max(0, x)",
        kink_points=lambda scale, bias: (
            Kink(0.0, "f'' jumps from 0 to 2 scale at 0; f'(0) = 0 and f''(0) = 0, as torch autograd"),
        ),
        summary=(
            "Squared ReLU with a scale and a bias chosen so that a standard normal input gives output "
            "mean 0 and variance 1 (E[relu^2] = 1/2, Var[relu^2] = 5/4), which removes the "
            "distribution shift of squared ReLU. Used in the MetaFormer baselines (CAFormer, "
            "ConvFormer); s and b are learnable scalars."
        ),
        reference=Reference(
            "Yu, Si, Zhou, Luo, Zhou, Feng, Yan & Wang",
            2022,
            "MetaFormer Baselines for Vision",
            "https://arxiv.org/abs/2210.13452",
        ),
        notes="timm's StarReLU defaults to scale_value=1, bias_value=0; the paper initialises s = 0.8944, b = -0.4472.",
    )
)


# -- learnable piecewise-linear units ---------------------------------------------------


def _srelu(x: np.ndarray, t_left: float, a_left: float, t_right: float, a_right: float) -> np.ndarray:
    r"""Each piece is evaluated on its own clipped input, so no unused branch overflows."""
    left = t_left + _overflow.times(a_left, np.minimum(x, t_left) - t_left)
    right = t_right + _overflow.times(a_right, np.maximum(x, t_right) - t_right)
    return np.where(x <= t_left, left, np.where(x >= t_right, right, np.clip(x, t_left, t_right)))


def _srelu_d1(x: np.ndarray, t_left: float, a_left: float, t_right: float, a_right: float) -> np.ndarray:
    return _keep_nan(x, np.where(x <= t_left, a_left, np.where(x >= t_right, a_right, 1.0)))


def _srelu_kinks(t_left: float, a_left: float, t_right: float, a_right: float) -> tuple[Kink, ...]:
    left = Kink(t_left, "f'(t_left) = a_left: the outer piece owns its threshold (the paper's x <= t_l)")
    right = Kink(t_right, "f'(t_right) = a_right: the outer piece owns its threshold (the paper's x >= t_r)")
    if t_left == t_right:
        return () if a_left == a_right else (left,)
    return tuple(k for k, slope in ((left, a_left), (right, a_right)) if slope != 1.0)


def _srelu_constraint(t_left: float, a_left: float, t_right: float, a_right: float) -> str | None:
    if t_left > t_right:
        return f"t_left = {t_left:g} must not exceed t_right = {t_right:g}"
    return None


register(
    Activation(
        name="srelu",
        family=FAMILY,
        parameters=(
            Param("t_left", 0.0, "t_l, the left threshold"),
            Param("a_left", 0.2, "a_l, the slope left of t_l"),
            Param("t_right", 1.0, "t_r, the right threshold"),
            Param("a_right", 0.5, "a_r, the slope right of t_r"),
        ),
        constraint=_srelu_constraint,
        f=_srelu,
        df=_srelu_d1,
        d2f=_zero,
        latex=r"\mathrm{SReLU}(x) = t_l + a_l (x - t_l) \;(x \leq t_l),\;\; x \;(t_l < x < t_r),\;\; t_r + a_r (x - t_r) \;(x \geq t_r)",
        latex_derivative=r"\mathrm{SReLU}'(x) = a_l \;(x \leq t_l),\;\; 1 \;(t_l < x < t_r),\;\; a_r \;(x \geq t_r)",
        kink_points=_srelu_kinks,
        summary=(
            "S-shaped ReLU: three linear pieces with two learned thresholds and two learned outer "
            "slopes, able to take convex and non-convex shapes (after the Weber-Fechner and Stevens "
            "laws of psychophysics). The paper learns all four per channel and starts from a frozen "
            "leaky ReLU; it publishes no fixed defaults (the ones here just draw the S)."
        ),
        reference=Reference(
            "Jin, Xu, Feng, Wei, Xiong & Yan",
            2016,
            "Deep Learning with S-shaped Rectified Linear Activation Units",
            "https://arxiv.org/abs/1512.07030",
        ),
        notes="keras-contrib's SReLU initialises t_left = 0, a_left ~ U(0, 1), t_right ~ U(0, 5), a_right = 1.",
    )
)


def _apl(x: np.ndarray, a: float, b: float) -> np.ndarray:
    r""":math:`\max(0, x) + a \max(0, b - x)`: only one term is non-zero for x < min(0, b)
    and for x > max(0, b), so ±inf never meets inf - inf; ``times`` overflows honestly."""
    return np.maximum(x, 0.0) + _overflow.times(a, np.maximum(b - x, 0.0))


def _apl_d1(x: np.ndarray, a: float, b: float) -> np.ndarray:
    # The value of the piece on the left at both hinges (relu'(0) = 0 as in torch).
    return _keep_nan(x, np.where(x > 0, 1.0, 0.0) - np.where(x <= b, a, 0.0))


def _apl_kinks(a: float, b: float) -> tuple[Kink, ...]:
    convention = "f' takes the value of the piece on its left at every hinge (relu'(0) = 0, as torch)"
    if b == 0.0:
        return () if a == -1.0 else (Kink(0.0, convention),)
    kinks = [Kink(0.0, convention)]
    if a != 0.0:
        kinks.append(Kink(b, convention))
    return tuple(sorted(kinks, key=lambda k: k.x))


register(
    Activation(
        name="apl",
        family=FAMILY,
        aliases=("adaptive_piecewise_linear",),
        parameters=(
            Param("a", 0.2, "a^1, the hinge's slope (the paper's a_i^s with S = 1)"),
            Param("b", 1.0, "b^1, the hinge's location (the paper's b_i^s with S = 1)",
                  lower=-SCALE_RANGE[1], upper=SCALE_RANGE[1], narrowed=True),
        ),
        f=_apl,
        df=_apl_d1,
        d2f=_zero,
        latex=r"\mathrm{APL}(x) = \max(0, x) + a \max(0, b - x)",
        latex_derivative=r"\mathrm{APL}'(x) = \mathbb{1}[x > 0] - a\,\mathbb{1}[x \leq b]",
        kink_points=_apl_kinks,
        summary=(
            "Adaptive piecewise linear unit: ReLU plus S learned hinge functions a_s max(0, b_s - x), "
            "here with S = 1 (parameters a and b). Each unit learns its own piecewise-linear shape, "
            "which improved CIFAR and Higgs-boson benchmarks; more hinges mean more parameters and a "
            "non-monotone function in general."
        ),
        reference=Reference(
            "Agostinelli, Hoffman, Sadowski & Baldi",
            2014,
            "Learning Activation Functions to Improve Deep Neural Networks",
            "https://arxiv.org/abs/1412.6830",
        ),
        notes="One hinge (S = 1) of the paper's sum; a and b are learned per unit there and have no published default.",
    )
)
