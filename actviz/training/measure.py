r"""What is measured on the evaluation sets at a checkpoint, per seed and per hidden layer.

With :math:`z^l_{bu}` the pre-activation of unit u for evaluation point b (the *whole*
training set) and :math:`\phi'` the activation's derivative:

* dead: :math:`\phi'(z^l_{bu}) = 0` for every b (the definition of ``actviz decay``): the unit
  passes no gradient for any point of the data, so no update can revive it through that data;
* inactive: :math:`z^l_{bu} \le 0` for every b (for ReLU the same as dead; for a leaky ReLU the
  units that would be dead, which still pass the small slope);
* saturated: the share of pairs (b, u) with :math:`|\phi'(z^l_{bu})| <` threshold;
* pre-activation mean and variance over all pairs (b, u).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .backprop import Pass
from .losses import loss_and_output_gradient
from .network import MLP
from .tasks import Task


@dataclass(frozen=True)
class Checkpoint:
    """One checkpoint's measurements: arrays (seeds,) or (seeds, hidden layers); ``dead``
    and ``inactive`` are the unit masks (one (seeds, units) array per hidden layer)."""

    train_loss: np.ndarray
    test_loss: np.ndarray
    train_accuracy: np.ndarray
    test_accuracy: np.ndarray
    dead: list[np.ndarray]
    inactive: list[np.ndarray]
    saturated_fraction: np.ndarray
    preactivation_mean: np.ndarray
    preactivation_var: np.ndarray


def _loss_and_accuracy(run: Pass, x: np.ndarray, y: np.ndarray, classes: int, loss: str, derivatives: bool
                       ) -> tuple[np.ndarray, np.ndarray]:
    output = run.forward(x, derivatives)
    value, _ = loss_and_output_gradient(output, y, loss)
    if classes:
        accuracy = (output.argmax(axis=2) == y).mean(axis=1)
    else:
        accuracy = np.full(value.shape, np.nan)
    return value, accuracy


def evaluation_passes(net: MLP, task: Task) -> tuple[Pass, Pass]:
    """The arrays :func:`measure` evaluates the training and held-out sets in, to reuse."""
    return Pass(net, len(task.x_train), backward=False), Pass(net, len(task.x_test), backward=False)


def measure(net: MLP, task: Task, saturation_threshold: float, passes: tuple[Pass, Pass] | None = None
            ) -> Checkpoint:
    """Evaluate ``net`` on the task's training set (losses, accuracy and every unit
    statistic) and on its held-out set (loss and accuracy), in ``passes``
    (from :func:`evaluation_passes`; new ones if None)."""
    on_train, on_test = passes or evaluation_passes(net, task)
    train_loss, train_accuracy = _loss_and_accuracy(on_train, task.x_train, task.y_train, task.classes, task.loss, True)
    test_loss, test_accuracy = _loss_and_accuracy(on_test, task.x_test, task.y_test, task.classes, task.loss, False)
    dead, inactive, saturated, means, variances = [], [], [], [], []
    for z, slope in zip(on_train.pre, on_train.slope):
        magnitude = np.abs(slope)
        # dead: max |phi'| over the points is 0 (nan, like any value != 0, counts as alive);
        # inactive: no z > 0 (fmax skips nan as the comparison does). One reduction each.
        dead.append(magnitude.max(axis=1) == 0)
        inactive.append(~(np.fmax.reduce(z, axis=1) > 0))
        saturated.append(np.count_nonzero(magnitude < saturation_threshold, axis=(1, 2)) / magnitude[0].size)
        means.append(z.mean(axis=(1, 2)))
        variances.append(z.var(axis=(1, 2)))
    seeds = len(net.seeds)
    return Checkpoint(train_loss, test_loss, train_accuracy, test_accuracy, dead, inactive,
                      side_by_side(saturated, seeds), side_by_side(means, seeds), side_by_side(variances, seeds))


def side_by_side(values: list[np.ndarray], seeds: int) -> np.ndarray:
    """Per-layer (seeds,) arrays side by side: (seeds, layers), also for no layer."""
    return np.stack(values, axis=1) if values else np.zeros((seeds, 0))


def frobenius(arrays: list[np.ndarray]) -> np.ndarray:
    """The Frobenius norm of each seed's slice of each array: (seeds, len(arrays))."""
    return np.stack([np.sqrt((a * a).sum(axis=tuple(range(1, a.ndim)))) for a in arrays], axis=1)
