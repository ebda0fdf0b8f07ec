"""The average biased ReLU of Dubey & Chakraborty: a ReLU whose threshold is the
mean of its input vector, so it is not pointwise.

:math:`\\mathrm{ABReLU}(z)_i = \\max(0, z_i - \\alpha \\bar z)` with
:math:`\\bar z` the mean of z along the last axis; its Jacobian is
:math:`H(z_i - \\alpha\\bar z)(\\delta_{ij} - \\alpha/n)`. Its pointwise curve is the
first output for the input [x, 0], :math:`\\max(0, (1 - \\alpha/2)x)`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..entry import Activation, Param, Reference
from ..errors import ActvizError
from ..registry import register
from . import _overflow
from ._declare import from_formula
from .vector import FAMILY, VectorActivation


@dataclass(frozen=True, eq=False)
class AverageBiasedReLU(VectorActivation):
    r""":math:`\max(0, z_i - \alpha\,\mathrm{mean}(z))` along the last axis."""

    def _gaps(self, z: object) -> tuple[np.ndarray, np.dtype]:
        r"""(:math:`z_i - \alpha\bar z` as float64, the dtype to give results back in). The mean is
        the sum of z/n, which cannot overflow; a row with a nan or an infinite entry has no
        defined mean (inf - inf), so it is nan throughout."""
        z64, dtype = self._as_float64(z)
        if z64.ndim == 0 or z64.shape[-1] == 0:
            raise ActvizError(f"{self.name} needs at least one number along the last axis, got shape {z64.shape}")
        n = z64.shape[-1]
        defined = np.isfinite(z64).all(axis=-1, keepdims=True)
        finite = np.where(defined, z64, 0.0)
        mean = np.sum(finite / n, axis=-1, keepdims=True)
        gaps = _overflow.add(finite, _overflow.multiply(-self.params["alpha"], mean))
        return np.where(defined, gaps, np.nan), dtype

    def __call__(self, z: object) -> np.ndarray:
        r""":math:`\max(0, z_i - \alpha\bar z)` for every i, the shape of z (float16/32/64 kept)."""
        gaps, dtype = self._gaps(z)
        return self._output(np.where(np.isnan(gaps), np.nan, np.maximum(gaps, 0.0)), dtype)

    def jacobian(self, z: object) -> np.ndarray:
        r""":math:`\partial y_i/\partial z_j = H(z_i - \alpha\bar z)\,(\delta_{ij} - \alpha/n)`, shape
        ``(..., n, n)``; at a tie :math:`z_i = \alpha\bar z` the row is 0, as relu'(0) = 0 in torch."""
        gaps, dtype = self._gaps(z)
        n = gaps.shape[-1]
        active = np.where(np.isnan(gaps), np.nan, (gaps > 0).astype(np.float64))
        rows = np.eye(n) - self.params["alpha"] / n
        return self._output(active[..., :, None] * rows, dtype)

    def curve(self) -> Activation:
        r"""The first output for the input [x, 0]: :math:`\mathrm{relu}((1 - \alpha/2)x)`, slope 0 at 0 as the Jacobian."""
        alpha = self.params["alpha"]
        return from_formula(
            "abrelu_two_inputs",
            f"relu({1.0 - alpha / 2.0!r}*x)",
            family=self.family,
            summary=f"ABReLU's first output for the input [x, 0]: the mean is x/2, so it is relu((1 - alpha/2) x), alpha = {alpha:g}.",
            reference=self.reference,
        )


register(
    AverageBiasedReLU(
        name="abrelu",
        aliases=("ab_relu", "average_biased_relu"),
        signature="R^n -> R^n along the last axis: each entry minus alpha times the mean, rectified",
        latex=r"\mathrm{ABReLU}(z)_i = \max\left(0,\; z_i - \alpha m\right),\; m = \frac{1}{n}\sum_j z_j",
        latex_derivative=r"\frac{\partial y_i}{\partial z_j} = H(z_i - \alpha m)\left(\delta_{ij} - \frac{\alpha}{n}\right)",
        parameters=(Param("alpha", 1.0, "alpha, the multiple of the mean used as the threshold", lower=0.0, upper=1e3),),
        summary=(
            "Average biased ReLU: a ReLU whose threshold is the average of its input, so only the entries above "
            "the mean pass (shifted down by it). For a feature map with a negative mean it lets the largest "
            "negative responses through, which ReLU discards; with a positive mean it silences weak positive "
            "ones. Dubey and Chakraborty apply it to the last layers of VGGFace for face retrieval; the Dubey et "
            "al. benchmark of activations includes it."
        ),
        reference=Reference(
            "Dubey & Chakraborty",
            2018,
            "Average Biased ReLU Based CNN Descriptor for Improved Face Retrieval",
            "https://arxiv.org/abs/1804.02051",
        ),
        notes=(
            "The paper averages over the layer's whole input volume; here the mean is along the last axis "
            "(reshape to choose the axes). alpha = 1 makes the threshold the mean itself, the paper's definition "
            "(torchact's ABReLU scales it by the same alpha). "
            "With one input the output is max(0, (1 - alpha) z)."
        ),
    )
)
