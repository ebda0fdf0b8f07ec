r"""Losses on the network's output z (seeds, batch, outputs) and their gradient dℓ/dz.

* ``cross_entropy``: :math:`\ell = \frac1B \sum_b [\log \sum_k e^{z_{bk}} - z_{b y_b}]`, the
  log-sum-exp taken with the row maximum m factored out,
  :math:`\log\sum_k e^{z_k} = m + \log\sum_k e^{z_k - m}`, so no exponential overflows;
  :math:`\partial\ell/\partial z_{bk} = (\mathrm{softmax}(z_b)_k - [k = y_b]) / B`.
* ``mse``: :math:`\ell = \frac{1}{BK}\sum_{b,k} (z_{bk} - y_{bk})^2` (torch's ``MSELoss``),
  :math:`\partial\ell/\partial z = 2 (z - y) / (BK)`.
"""

from __future__ import annotations

import numpy as np

from ..errors import ActvizError

LOSSES = ("cross_entropy", "mse")


def loss_and_output_gradient(z: np.ndarray, y: np.ndarray, loss: str) -> tuple[np.ndarray, np.ndarray]:
    """(loss per seed, dℓ/dz) for output ``z`` (seeds, batch, outputs) and targets ``y``:
    classes (batch,) or (seeds, batch) for cross-entropy, values (..., batch, outputs) for mse."""
    batch = z.shape[1]
    if loss == "cross_entropy":
        top = z.max(axis=2, keepdims=True)
        shifted = z - top
        exp = np.exp(shifted)
        total = exp.sum(axis=2, keepdims=True)
        classes = np.broadcast_to(y, z.shape[:2])[..., None]
        picked = np.take_along_axis(shifted, classes, axis=2)
        value = (np.log(total) - picked)[..., 0].mean(axis=1)
        grad = exp / total
        np.put_along_axis(grad, classes, np.take_along_axis(grad, classes, axis=2) - 1.0, axis=2)
        return value, grad / batch
    if loss == "mse":
        residual = z - y
        value = (residual * residual).mean(axis=(1, 2))
        return value, residual * (2.0 / residual[0].size)
    raise ActvizError(f"unknown loss '{loss}': expected {' or '.join(LOSSES)}")
