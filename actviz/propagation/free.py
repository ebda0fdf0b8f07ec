r"""The whole free-probability density of the Jacobian's squared singular values.

Pennington, Schoenholz & Ganguli (2017, "Resurrecting the sigmoid in deep learning through
dynamical isometry"; 2018, "The emergence of spectral universality in deep networks"): with every
layer at the length map's fixed point :math:`q^*`, the factors of :math:`JJ^\top` are
asymptotically free and the S-transforms multiply,

.. math:: S_{JJ^\top}(z) = S_{D^2}(z)^L\, S_{WW^\top}(z)^L, \qquad
          S_{WW^\top} = \frac{1}{\sigma_w^2}\ \text{(orthogonal)}, \quad
          \frac{1}{\sigma_w^2 (1 + z)}\ \text{(Gaussian: Marchenko-Pastur)},

:math:`D^2` distributed as :math:`d = \phi'(\sqrt{q^*} u)^2`, :math:`u \sim \mathcal{N}(0, 1)`.
With the moment generating function :math:`\psi(z) = \int \frac{z\lambda}{1 - z\lambda}\,d\mu`,
its inverse :math:`\chi = \psi^{-1}` and :math:`S(z) = \chi(z)(1 + z)/z`, a point
:math:`x = \lambda + i\epsilon` has :math:`\psi = \psi_{JJ^\top}(1/x)` solving

.. math:: \frac{\psi}{1 + \psi}\, S_{JJ^\top}(\psi) = \frac1x, \qquad
          S_{D^2}(\psi) = \frac{w (1 + \psi)}{\psi}, \quad
          \mathbb{E}\Big[\frac{w d}{1 - w d}\Big] = \psi,

two equations in :math:`(\psi, w)`, solved by Newton's method (the first in logarithms, so
:math:`L = 1000` neither overflows nor underflows; :math:`\psi` and :math:`w` stay in the lower
half plane, where the principal logarithm is continuous), continued from large
:math:`\lambda`, where :math:`\psi \approx \mathbb{E}\lambda / x`, down a log grid. Then the
Stieltjes transform is :math:`G(x) = (1 + \psi)/x` and the density
:math:`\rho(\lambda) = -\operatorname{Im} G(\lambda + i\epsilon)/\pi`, :math:`\epsilon` a small
fraction of :math:`\lambda` (the density seen through a Lorentzian of that relative width).
The expectation over d uses the kink-split Gaussian rule of the rest of the theory, so
:math:`D^2` is a sum of a few hundred atoms: at depth 1 or 2 the curve shows their comb (G itself
is exact for that atomic measure); from a few layers on, the free product has smoothed it (tanh
at depth 8 matches the Monte Carlo to a Kolmogorov-Smirnov distance of 0.014).

Exact checks: a linear stack with Gaussian weights gives the Fuss-Catalan distribution, with
orthogonal weights a point mass at :math:`\sigma_w^{2L}`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..errors import ActvizError
from ..analysis.gaussian import gaussian_rule
from .moments import kinks_of, require_pointwise

_RELATIVE_WIDTH = 1e-3  # epsilon / lambda
_NEWTON_STEPS = 60
_TOLERANCE = 1e-12


@dataclass(frozen=True)
class DensityPrediction:
    r"""The predicted density ``density`` of :math:`\lambda` at ``lambdas`` (increasing, log
    spaced) at depth ``depth``; nan where Newton's method did not converge."""

    depth: int
    weights: str
    lambdas: np.ndarray
    density: np.ndarray

    def log10_density(self) -> np.ndarray:
        r"""The density of :math:`\log_{10}\lambda`: :math:`\rho(\lambda)\,\lambda \ln 10`."""
        return self.density * self.lambdas * math.log(10.0)


def _newton(x: complex, psi: complex, w: complex, d: np.ndarray, p: np.ndarray, depth: int, log_scale: float,
            gaussian: bool) -> tuple[complex, complex, bool]:
    """(psi, w, converged) at the point x, starting from (psi, w) (module docstring)."""
    target = -np.log(x)
    for _ in range(_NEWTON_STEPS):
        wd = w * d
        f1 = complex(np.sum(p * wd / (1.0 - wd))) - psi
        f1_w = complex(np.sum(p * d / (1.0 - wd) ** 2))
        if gaussian:
            f2 = (1 - depth) * np.log(psi) - np.log(1 + psi) + depth * (np.log(w) + log_scale) - target
            f2_psi = (1 - depth) / psi - 1 / (1 + psi)
        else:
            f2 = (1 - depth) * (np.log(psi) - np.log(1 + psi)) + depth * (np.log(w) + log_scale) - target
            f2_psi = (1 - depth) * (1 / psi - 1 / (1 + psi))
        f2_w = depth / w
        # [[-1, f1_w], [f2_psi, f2_w]] (d_psi, d_w) = -(f1, f2)
        det = -f2_w - f1_w * f2_psi
        if det == 0 or not np.isfinite(det):
            return psi, w, False
        d_psi = (-f1 * f2_w + f1_w * f2) / det
        d_w = (-f2 - f2_psi * d_psi) / f2_w
        step = 1.0
        while step > 1e-3:  # damped: keep psi and w in the lower half plane
            new_psi, new_w = psi + step * d_psi, w + step * d_w
            if new_psi.imag < 0 and new_w.imag < 0:
                break
            step /= 2
        psi, w = new_psi, new_w
        if abs(d_psi) <= _TOLERANCE * (1 + abs(psi)) and abs(d_w) <= _TOLERANCE * abs(w):
            return psi, w, True
    return psi, w, False


def predict_density(act, *, depth: int, sigma_w2: float, q_star: float, weights: str,  # noqa: ANN001
                    points: int = 400, lambda_range: tuple[float, float] | None = None) -> DensityPrediction:
    r"""The free-probability density of :math:`\lambda = s^2` of J after ``depth`` layers at the
    fixed point ``q_star`` (every layer at :math:`q^*`: the inputs' q must be :math:`q^*`), on
    ``points`` log-spaced :math:`\lambda` over ``lambda_range`` (default: 1e-30 times the mean to
    10 times the largest :math:`\lambda` the mean and variance suggest: products of Gaussian
    matrices put much of their mass many decades below the mean). See the module docstring."""
    require_pointwise(act)
    if weights not in ("gaussian", "orthogonal"):
        raise ActvizError(f"invalid {{weights}} '{weights}': expected gaussian or orthogonal", arguments=("weights",))
    if not (q_star > 0 and math.isfinite(q_star)):
        raise ActvizError(f"invalid {{q_star}} {q_star!r}: expected a positive number", arguments=("q_star",))
    if isinstance(depth, bool) or not isinstance(depth, (int, np.integer)) or depth < 1:
        raise ActvizError(f"invalid {{depth}} {depth!r}: expected an integer >= 1", arguments=("depth",))
    x, p = gaussian_rule(np.array(0.0), np.array(math.sqrt(q_star)), kinks_of(act))
    d = np.asarray(act.derivative(x), dtype=float) ** 2
    keep = p > 0
    d, p = d[keep], p[keep] / np.sum(p[keep])
    mean = float(np.sum(p * d))
    if not (mean > 0 and math.isfinite(mean)):
        raise ActvizError(f"{act.label} has phi'(h)^2 = 0 almost everywhere at q* = {q_star:g}: J is 0")
    log_mean = depth * math.log(sigma_w2 * mean)
    spread = depth * (float(np.sum(p * d * d)) / mean**2 - 1 + (1 if weights == "gaussian" else 0))
    if lambda_range is None:
        top = log_mean + math.log(10.0 * (1.0 + spread) ** 2)
        lambda_range = (math.exp(log_mean - 30 * math.log(10.0)), math.exp(top))
    if not (0 < lambda_range[0] < lambda_range[1] < math.inf):
        raise ActvizError(f"invalid {{lambda_range}} {lambda_range!r}: expected 0 < low < high < inf",
                          arguments=("lambda_range",))
    lambdas = np.geomspace(lambda_range[0], lambda_range[1], points)
    density = np.full(points, math.nan)
    solve = _Solver(d, p, depth, -math.log(sigma_w2), weights == "gaussian")
    state = solve.start(lambdas[-1] * 10, math.exp(log_mean), mean)
    for i in range(points - 1, -1, -1):
        state = solve.follow(state, lambdas[i])
        if state is not None:
            density[i] = -((1 + state[1]) / _point(lambdas[i])).imag / math.pi
        else:  # lost the branch: start again from far above, then come down in small steps
            state = solve.start(lambdas[i] * 1e3, math.exp(log_mean), mean)
    return DensityPrediction(depth, weights, lambdas, density)


def _point(lam: float) -> complex:
    """x = lambda + i epsilon (psi and w then lie below the real axis)."""
    return complex(lam, lam * _RELATIVE_WIDTH)


class _Solver:
    """Newton's method on (psi, w) continued along lambda with steps halved where it struggles."""

    def __init__(self, d: np.ndarray, p: np.ndarray, depth: int, log_scale: float, gaussian: bool) -> None:
        self.d, self.p, self.depth, self.log_scale, self.gaussian = d, p, depth, log_scale, gaussian

    def start(self, lam: float, mean_lambda: float, mean_d: float) -> tuple[float, complex, complex] | None:
        """The solution at a lambda far above the spectrum (psi ~ E lambda / x)."""
        x = _point(lam)
        psi = mean_lambda / x
        psi, w, ok = _newton(x, psi, psi / mean_d, self.d, self.p, self.depth, self.log_scale, self.gaussian)
        return (lam, psi, w) if ok else None

    def follow(self, state: tuple[float, complex, complex] | None, lam: float,
               level: int = 0) -> tuple[float, complex, complex] | None:
        """The solution at ``lam`` continued from ``state`` (None: lost)."""
        if state is None:
            return None
        here, psi, w = state
        new_psi, new_w, ok = _newton(_point(lam), psi, w, self.d, self.p, self.depth, self.log_scale, self.gaussian)
        jumped = abs(new_psi - psi) > 0.25 * (abs(psi) + abs(new_psi)) + 1e-3
        if ok and not jumped:
            return lam, new_psi, new_w
        if level >= 14:
            return None
        middle = math.sqrt(here * lam)
        return self.follow(self.follow(state, middle, level + 1), lam, level + 1)
