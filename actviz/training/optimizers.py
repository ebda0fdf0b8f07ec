r"""Optimisers that update a list of parameter arrays in place, torch's formulas:

* ``sgd``: :math:`p \leftarrow p - \eta g`;
* ``momentum``: :math:`v \leftarrow \mu v + g,\ p \leftarrow p - \eta v` (μ = 0.9, ``torch.optim.SGD``);
* ``adam`` (Kingma & Ba 2015): :math:`m \leftarrow \beta_1 m + (1-\beta_1) g`,
  :math:`v \leftarrow \beta_2 v + (1-\beta_2) g^2`,
  :math:`p \leftarrow p - \eta\, \frac{m / (1-\beta_1^t)}{\sqrt{v / (1-\beta_2^t)} + \epsilon}`
  (β = (0.9, 0.999), ε = 1e-8).
"""

from __future__ import annotations

import math

import numpy as np

from ..errors import ActvizError, did_you_mean

OPTIMIZERS = ("sgd", "momentum", "adam")


class Optimizer:
    """One of :data:`OPTIMIZERS` with learning rate ``lr`` for the arrays ``params``."""

    def __init__(self, name: str, params: list[np.ndarray], lr: float, momentum: float = 0.9,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8) -> None:
        key = name.strip().lower()
        if key not in OPTIMIZERS:
            raise ActvizError(f"unknown optimizer '{name}': expected {', '.join(OPTIMIZERS)}"
                              + did_you_mean(key, OPTIMIZERS))
        check_learning_rate(lr)
        self.name, self.params, self.lr = key, params, float(lr)
        self.momentum, self.betas, self.eps = momentum, betas, eps
        self.steps = 0
        self.first = [np.zeros_like(p) for p in params] if key != "sgd" else []
        self.second = [np.zeros_like(p) for p in params] if key == "adam" else []
        # Scratch arrays for the update's intermediate values, allocated once: every step is a
        # fixed sequence of in-place operations (out=), the same arithmetic in the same order
        # as the formulas above, with no array allocated.
        self.scratch = [np.empty_like(p) for p in params]
        self.denominators = [np.empty_like(p) for p in params] if key == "adam" else []

    def step(self, grads: list[np.ndarray]) -> None:
        """Apply one update computed from ``grads`` (same shapes as the parameters)."""
        self.steps += 1
        if self.name == "sgd":
            for p, g, scaled in zip(self.params, grads, self.scratch):
                p -= np.multiply(g, self.lr, out=scaled)
        elif self.name == "momentum":
            for p, v, g, scaled in zip(self.params, self.first, grads, self.scratch):
                v *= self.momentum
                v += g
                p -= np.multiply(v, self.lr, out=scaled)
        else:
            beta1, beta2 = self.betas
            step_size = self.lr / (1.0 - beta1**self.steps)
            root_correction = math.sqrt(1.0 - beta2**self.steps)
            for p, m, v, g, term, denominator in zip(self.params, self.first, self.second, grads, self.scratch,
                                                     self.denominators):
                m *= beta1
                m += np.multiply(g, 1.0 - beta1, out=term)
                v *= beta2
                np.multiply(g, g, out=term)
                v += np.multiply(term, 1.0 - beta2, out=term)
                np.sqrt(v, out=denominator)
                denominator /= root_correction
                denominator += self.eps
                np.divide(m, denominator, out=denominator)
                p -= np.multiply(denominator, step_size, out=denominator)

    def state(self) -> list[np.ndarray]:
        """The moment buffers (momentum: velocity; adam: first and second moments), shaped like the parameters."""
        return [*self.first, *self.second]


def check_learning_rate(lr: float) -> None:
    """An ActvizError unless ``lr`` is a finite number > 0."""
    if isinstance(lr, bool) or not isinstance(lr, (int, float, np.floating)) or not (math.isfinite(lr) and lr > 0):
        raise ActvizError(f"invalid learning rate lr={lr!r}: expected a finite number > 0")
