"""softmax's relatives, the maps the frameworks ship beside it: log-softmax, softmin,
Softmax2d (softmax over the channels of an image), and the sparse maps onto the
probability simplex, sparsemax and 1.5-entmax, which give exact zeros.

Each works along the last axis (Softmax2d: the channel axis -3) of an array of any
shape, takes a temperature T (the logits are divided by it), and has a Jacobian and
a pointwise two-logit curve, ``x -> map([x, 0])_0``, like :class:`~.vector.Softmax`.
The sparse maps are the Euclidean projections (sparsemax) and the Tsallis-1.5
regularised argmax (1.5-entmax) of z/T onto the simplex; their Jacobians are
:math:`(\\mathrm{diag}(g) - g g^\\top / \\textstyle\\sum g)/T` with g the support
indicator (sparsemax) or :math:`\\sqrt{p}` (1.5-entmax).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..entry import Activation, Param, Reference
from ..errors import ActvizError
from ..registry import register
from ._declare import from_formula
from .vector import FAMILY, Softmax, scaled_curve

_TEMPERATURE = Param("temperature", 1.0, "T: divides the logits; T > 1 flattens, T < 1 sharpens", lower=0.0, lower_open=True)
_PASZKE = Reference(
    "Paszke et al.",
    2019,
    "PyTorch: An Imperative Style, High-Performance Deep Learning Library",
    "https://arxiv.org/abs/1912.01703",
)


@dataclass(frozen=True, eq=False)
class LogSoftmax(Softmax):
    r"""log-softmax :math:`\log p_i = (z_i - \max z)/T - \log\sum_j e^{(z_j - \max z)/T}`."""

    def __call__(self, logits: object) -> np.ndarray:
        """log softmax(z/T) along the last axis (see :meth:`Softmax.log`)."""
        return self.log(logits)

    def probabilities(self, logits: object) -> np.ndarray:
        """The probabilities p = exp(log p) whose logarithms this entry gives."""
        return super().__call__(logits)

    def jacobian(self, logits: object) -> np.ndarray:
        r""":math:`\partial \log p_i / \partial z_j = (\delta_{ij} - p_j)/T`, shape ``(..., n, n)``;
        the diagonal :math:`1 - p_i = (1 + r - e_i)/(1 + r)` as in :meth:`Softmax.jacobian`, which
        does not cancel when :math:`p_i` is close to 1."""
        parts, dtype = self._parts(logits)
        total = 1.0 + parts.rest
        p = parts.weights / total
        complement = np.where(parts.top, parts.rest, 1.0 + (parts.rest - parts.weights)) / total
        rows = np.repeat(-p[..., None, :], p.shape[-1], axis=-2)
        every = np.arange(p.shape[-1])
        rows[..., every, every] = complement
        return self._output(rows / self.params["temperature"], dtype)

    def curve(self) -> Activation:
        r""":math:`\log\mathrm{softmax}([x, 0])_0 = \log\sigma(x/T)`."""
        temperature = self.params["temperature"]
        return scaled_curve(
            "log_sigmoid",
            temperature,
            name="log_softmax_two_logit",
            family=self.family,
            latex=rf"\log\mathrm{{softmax}}([x, 0])_0 = \log\sigma(x/T),\; T = {temperature:g}",
            latex_derivative=rf"\frac{{d}}{{dx}} = \sigma(-x/T)/T",
            summary="log-softmax of the logits [x, 0]: the log-sigmoid of x/T.",
            reference=self.reference,
        )


@dataclass(frozen=True, eq=False)
class Softmin(Softmax):
    r"""softmin :math:`p_i = e^{-z_i/T} / \sum_j e^{-z_j/T}`: softmax of -z, weight on the smallest logits."""

    def __call__(self, logits: object) -> np.ndarray:
        """softmax(-z/T) along the last axis."""
        return super().__call__(np.negative(np.asarray(logits)))

    def log(self, logits: object) -> np.ndarray:
        """log softmin(z/T) = log softmax(-z/T)."""
        return super().log(np.negative(np.asarray(logits)))

    def jacobian(self, logits: object) -> np.ndarray:
        r""":math:`\partial p_i/\partial z_j = -p_i(\delta_{ij} - p_j)/T`: softmax's Jacobian at -z, negated."""
        return np.negative(super().jacobian(np.negative(np.asarray(logits))))

    def curve(self) -> Activation:
        r""":math:`\mathrm{softmin}([x, 0])_0 = \sigma(-x/T)`."""
        temperature = self.params["temperature"]
        return scaled_curve(
            "sigmoid",
            temperature,
            -1.0,
            name="softmin_two_logit",
            family=self.family,
            latex=rf"\mathrm{{softmin}}([x, 0])_0 = \sigma(-x/T),\; T = {temperature:g}",
            latex_derivative=r"\frac{d}{dx} = -\sigma'(-x/T)/T",
            summary="softmin of the logits [x, 0]: the sigmoid of -x/T, falling where softmax rises.",
            reference=self.reference,
        )


@dataclass(frozen=True, eq=False)
class Softmax2d(Softmax):
    """softmax over the channel axis -3 of images shaped (C, H, W) or (N, C, H, W), as torch.nn.Softmax2d."""

    def _channels_last(self, images: object) -> np.ndarray:
        array = np.asarray(images)
        if array.ndim < 3:
            raise ActvizError(f"softmax2d needs images shaped (C, H, W) or (N, C, H, W), got shape {array.shape}")
        return np.moveaxis(array, -3, -1)

    def __call__(self, images: object) -> np.ndarray:
        """softmax(z/T) over the channels at each pixel, in the input's layout."""
        return np.moveaxis(super().__call__(self._channels_last(images)), -1, -3)

    def log(self, images: object) -> np.ndarray:
        """log-softmax over the channels at each pixel, in the input's layout."""
        return np.moveaxis(super().log(self._channels_last(images)), -1, -3)

    def jacobian(self, images: object) -> np.ndarray:
        """The channel Jacobian at each pixel, shape (..., H, W, C, C): softmax's, pixel by pixel."""
        return super().jacobian(self._channels_last(images))


def _project(gaps: np.ndarray, undefined: np.ndarray, power: int) -> np.ndarray:
    r"""The sparse projection of each row of ``gaps`` (:math:`(z - \max z)/T`) onto the simplex.

    power 1, sparsemax: :math:`p = [g - \tau]_+`, :math:`\tau = (\sum_{k \le K} s_k - 1)/K` over
    the gaps sorted down, K the largest k with :math:`s_k > \tau_k` (Martins & Astudillo, Alg. 1).
    power 2, 1.5-entmax: :math:`p = [g/2 - \tau]_+^2` with, over the sorted halves s,
    :math:`\tau_k = \bar s_k - \sqrt{(1 - k(\overline{s^2}_k - \bar s_k^2))/k}` (means of the first
    k) and the same choice of K (Peters et al. 2019, Alg. 2). Gaps below -1e150 are outside
    every support and are clamped there, so their squares cannot overflow.
    """
    x = np.maximum(gaps / 2.0 if power == 2 else gaps, -1e150)
    s = -np.sort(-x, axis=-1)
    k = np.arange(1, s.shape[-1] + 1, dtype=np.float64)
    total = np.cumsum(s, axis=-1)
    if power == 1:
        tau = (total - 1.0) / k
    else:
        mean = total / k
        spread = k * (np.cumsum(s * s, axis=-1) / k - mean * mean)
        tau = mean - np.sqrt(np.maximum((1.0 - spread) / k, 0.0))
    support = np.sum(tau <= s, axis=-1, keepdims=True)
    threshold = np.take_along_axis(tau, support - 1, axis=-1)
    p = np.maximum(x - threshold, 0.0) ** power
    return np.where(undefined, np.nan, p)


@dataclass(frozen=True, eq=False)
class SparseSimplexMap(Softmax):
    """sparsemax (``power`` 1) or 1.5-entmax (``power`` 2) along the last axis, with temperature."""

    power: int = 1

    def _probabilities(self, logits: object) -> tuple[np.ndarray, np.dtype]:
        gaps, undefined, dtype = self._gaps(logits)
        return _project(gaps, undefined, self.power), dtype

    def __call__(self, logits: object) -> np.ndarray:
        """The projection of z/T onto the simplex (see :func:`_project`) along the last axis; rows
        with +inf logits share the mass among those, rows with a nan or only -inf give nan."""
        p, dtype = self._probabilities(logits)
        return self._output(p, dtype)

    def log(self, logits: object) -> np.ndarray:
        """log p, -inf outside the support."""
        p, dtype = self._probabilities(logits)
        logarithm = np.full_like(p, -np.inf)
        np.log(p, out=logarithm, where=p != 0.0)
        return self._output(logarithm, dtype)

    def jacobian(self, logits: object) -> np.ndarray:
        r""":math:`(\mathrm{diag}(g) - g g^\top/\sum g)/T`, g the support indicator (sparsemax) or
        :math:`\sqrt{p}` (1.5-entmax), shape ``(..., n, n)``."""
        p, dtype = self._probabilities(logits)
        g = (p > 0.0).astype(np.float64) if self.power == 1 else np.sqrt(p)
        outer = g[..., :, None] * g[..., None, :] / np.sum(g, axis=-1)[..., None, None]
        jacobian = g[..., :, None] * np.eye(p.shape[-1]) - outer
        return self._output(jacobian / self.params["temperature"], dtype)

    def curve(self) -> Activation:
        r"""The two-logit case: sparsemax([x, 0])_0 = sparse_sigmoid(x/T) = clip((x/T + 1)/2, 0, 1);
        1.5-entmax([x, 0])_0 = :math:`(a + \sqrt{2 - a^2})^2/4` with a = x/(2T), clipped at |a| = 1."""
        temperature = self.params["temperature"]
        if self.power == 1:
            return scaled_curve(
                "sparse_sigmoid",
                temperature,
                name="sparsemax_two_logit",
                family=self.family,
                latex=rf"\mathrm{{sparsemax}}([x, 0])_0 = \mathrm{{clip}}\left(\frac{{x/T + 1}}{{2}}, 0, 1\right),\; T = {temperature:g}",
                latex_derivative=r"\frac{d}{dx} = \frac{1}{2T}\,[|x| < T]",
                summary="sparsemax of the logits [x, 0]: a linear ramp from 0 to 1 over |x| < T, exactly 0 and 1 outside.",
                reference=self.reference,
            )
        a = "x/(2*temperature)"
        curve = from_formula(
            "entmax15_two_logit",
            f"where({a} <= -1, 0, where({a} >= 1, 1, ({a} + sqrt(2 - ({a})**2))**2/4))",
            family=self.family,
            parameters=(_TEMPERATURE,),
            latex=rf"\mathrm{{entmax}}_{{1.5}}([x, 0])_0 = \frac{{(a + \sqrt{{2 - a^2}})^2}}{{4}},\; a = \frac{{x}}{{2T}} \in [-1, 1]",
            latex_derivative=r"\frac{d}{dx} = \frac{(a + \sqrt{2 - a^2})(1 - a/\sqrt{2 - a^2})}{4T}",
            summary="1.5-entmax of the logits [x, 0]: a smooth ramp from 0 to 1 over |x| < 2T, exactly 0 and 1 outside.",
            reference=self.reference,
        )
        return curve.with_params(temperature=temperature)


_SIGNATURE = "R^n -> R^n along the last axis: a probability vector"

register(
    LogSoftmax(
        name="log_softmax",
        aliases=("logsoftmax",),
        signature="R^n -> R^n along the last axis: log-probabilities (each <= 0, logsumexp 0)",
        latex=r"\log\mathrm{softmax}(z)_i = \frac{z_i}{T} - \log\sum_j e^{z_j/T}",
        latex_derivative=r"\frac{\partial \log p_i}{\partial z_j} = \frac{\delta_{ij} - p_j}{T}",
        parameters=(_TEMPERATURE,),
        summary=(
            "The logarithm of softmax, computed without forming softmax: z/T minus the log-sum-exp "
            "of z/T. What cross-entropy losses consume; log(softmax(z)) computed naively is -inf as "
            "soon as a probability underflows (a gap of 746 in the logits)."
        ),
        reference=_PASZKE,
        notes="torch.nn.LogSoftmax, jax.nn.log_softmax, keras log_softmax (no temperature; T = 1 is them).",
    )
)
register(
    Softmin(
        name="softmin",
        signature=_SIGNATURE,
        latex=r"\mathrm{softmin}(z)_i = \frac{e^{-z_i/T}}{\sum_j e^{-z_j/T}}",
        latex_derivative=r"\frac{\partial p_i}{\partial z_j} = -\frac{p_i\,(\delta_{ij} - p_j)}{T}",
        parameters=(_TEMPERATURE,),
        summary=(
            "softmax of the negated logits: the largest probability goes to the smallest input, as in "
            "a soft nearest-neighbour over distances or a soft minimum over costs."
        ),
        reference=_PASZKE,
        notes="torch.nn.Softmin (no temperature; T = 1 is it).",
    )
)
register(
    Softmax2d(
        name="softmax2d",
        aliases=("softmax_2d",),
        signature="(..., C, H, W) -> same shape: a probability vector over the C channels at each pixel",
        latex=r"\mathrm{Softmax2d}(z)_{c,h,w} = \frac{e^{z_{c,h,w}/T}}{\sum_{c'} e^{z_{c',h,w}/T}}",
        latex_derivative=r"\frac{\partial p_{c,h,w}}{\partial z_{c',h,w}} = \frac{p_{c,h,w}(\delta_{cc'} - p_{c',h,w})}{T}",
        parameters=(_TEMPERATURE,),
        summary=(
            "softmax over the channels of an image at every pixel, the output layer of semantic "
            "segmentation networks (a class distribution per pixel). Pixel by pixel it is softmax."
        ),
        reference=_PASZKE,
        notes="torch.nn.Softmax2d: softmax over dim -3 of (C, H, W) or (N, C, H, W); no temperature there.",
    )
)
register(
    SparseSimplexMap(
        name="sparsemax",
        signature=_SIGNATURE + ", with exact zeros",
        latex=r"\mathrm{sparsemax}(z) = \mathrm{argmin}_{p \in \Delta}\,\|p - z/T\|^2 = [z/T - \tau]_+",
        latex_derivative=r"\frac{\partial p}{\partial z} = \frac{1}{T}\left(\mathrm{diag}(s) - \frac{s s^\top}{|S|}\right),\; s = [p > 0]",
        parameters=(_TEMPERATURE,),
        power=1,
        summary=(
            "The Euclidean projection of the logits onto the probability simplex: like softmax it "
            "gives a probability vector, but logits far enough below the largest get exactly 0, so "
            "attention or a classifier's output can be sparse. Piecewise linear, with a Jacobian "
            "that is constant on each support."
        ),
        reference=Reference(
            "Martins & Astudillo",
            2016,
            "From Softmax to Sparsemax: A Sparse Model of Attention and Multi-Label Classification",
            "https://arxiv.org/abs/1602.02068",
        ),
        notes="keras.activations.sparsemax (no temperature; T = 1 is it); the sort-based algorithm of the paper.",
    )
)
register(
    SparseSimplexMap(
        name="entmax15",
        aliases=("entmax_15", "entmax"),
        signature=_SIGNATURE + ", with exact zeros",
        latex=r"\mathrm{entmax}_{1.5}(z)_i = \left[\frac{z_i}{2T} - \tau\right]_+^{2},\; \sum_i p_i = 1",
        latex_derivative=r"\frac{\partial p}{\partial z} = \frac{1}{T}\left(\mathrm{diag}(g) - \frac{g g^\top}{\sum_i g_i}\right),\; g = \sqrt{p}",
        parameters=(_TEMPERATURE,),
        power=2,
        summary=(
            "alpha-entmax with alpha = 1.5, between softmax (alpha = 1) and sparsemax (alpha = 2): "
            "sparse like sparsemax, smooth inside each support like softmax. Used for sparse "
            "attention in sequence-to-sequence models; computed exactly by sorting."
        ),
        reference=Reference(
            "Peters, Niculae & Martins",
            2019,
            "Sparse Sequence-to-Sequence Models",
            "https://arxiv.org/abs/1905.05702",
        ),
        notes="As the entmax package's entmax15 (exact sort-based threshold, Peters et al. 2019, Alg. 2).",
    )
)
