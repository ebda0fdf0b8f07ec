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
        top = _over_classes(np.maximum, z)
        shifted = z - top[..., None]
        exp = np.exp(shifted)
        total = _over_classes(np.add, exp)
        chosen = y[..., None] == np.arange(z.shape[2])  # one-hot labels
        picked = _over_classes(np.add, np.where(chosen, shifted, 0.0))  # the label's entry: the others are 0
        value = (np.log(total) - picked).mean(axis=1)
        grad = np.divide(exp, total[..., None], out=exp)
        grad -= chosen
        grad /= batch
        return value, grad
    if loss == "mse":
        residual = z - y
        value = (residual * residual).mean(axis=(1, 2))
        return value, residual * (2.0 / residual[0].size)
    raise ActvizError(f"unknown loss '{loss}': expected {' or '.join(LOSSES)}")


def _over_classes(ufunc: np.ufunc, values: np.ndarray) -> np.ndarray:
    """``ufunc.reduce(values, axis=2)`` (np.maximum: the row maximum; np.add: the row sum) as a
    loop over the few class columns, left to right: numpy's reduction over a short last axis
    costs 10-20 us on a training batch (5 seeds x 128 x 2 classes), this 1-2 us a column."""
    out = values[..., 0].copy()
    for column in range(1, values.shape[2]):
        ufunc(out, values[..., column], out=out)
    return out
