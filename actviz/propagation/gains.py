r"""Initialisation constants of one activation, computed from the function itself.

With :math:`z \sim \mathcal{N}(0, 1)` (a unit-variance pre-activation):

* **variance-preserving gain** :math:`g = 1/\sqrt{\mathbb{E}\phi(z)^2}`: weights of standard
  deviation :math:`g/\sqrt{\text{fan\_in}}` give the next pre-activation
  :math:`\mathbb{E}h^2 = g^2\,\mathbb{E}\phi(z)^2 = 1` (the length map at q = 1 with
  :math:`\sigma_w^2 = g^2`, :math:`\sigma_b^2 = 0`): He et al. (2015) for relu.
* **torch's** ``calculate_gain`` (``torch/nn/init.py``): 1 for linear, conv and sigmoid, 5/3 for
  tanh, :math:`\sqrt 2` for relu, :math:`\sqrt{2/(1 + s^2)}` for leaky_relu, 3/4 for selu; nothing
  for the others (GELU, SiLU, Mish ...). Where it differs from g, :data:`TORCH_NOTES` says why.
* **NFNets** (Brock et al. 2021, "High-performance large-scale image recognition without
  normalization"): the scaled activation :math:`\gamma(\phi(x) - m)` with
  :math:`m = \mathbb{E}\phi(z)` and :math:`\gamma = 1/\sqrt{\mathrm{Var}\,\phi(z)}` keeps mean 0
  and variance 1 at initialisation; relu: :math:`\gamma = 1/\sqrt{1/2 - 1/(2\pi)}`.
* the **edge of chaos** :math:`\sigma_w^2` for a given :math:`\sigma_b^2`
  (:func:`~actviz.propagation.theory.critical_sigma_w2`), or the reason there is none.

The expectations use the kink-split rule of :mod:`.gaussian` with its weights divided by
their sum and compensated sums (``math.fsum``): the rule's weights carry one rounding of
:math:`1/\sqrt{2\pi}` in common, which left :math:`\mathbb{E}\,\mathrm{relu}(z)` one unit in
the last place off :math:`1/\sqrt{2\pi}`; normalised, it and the SELU constants come out
correctly rounded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..errors import ActvizError
from ..analysis.gaussian import gaussian_rule
from .moments import exact_mean_square, kinks_of, require_pointwise
from .edge import critical_sigma_w2

TORCH_NOTES = {
    "identity": "the same: E z^2 = 1 (torch's 'linear')",
    "relu": "the same: sqrt(2) = 1/sqrt(E relu(z)^2) (He et al. 2015)",
    "leaky_relu": "the same formula: sqrt(2/(1 + slope^2)) = 1/sqrt(E leaky_relu(z)^2)",
    "sigmoid": "torch keeps 1 (no derivation); sigmoid's outputs have mean 1/2, so E sigmoid(z)^2 is 0.293",
    "tanh": "torch's 5/3 is a fixed heuristic, larger than the variance-preserving value",
    "selu": ("torch's 3/4 was 'found empirically' (torch/nn/init.py); selu is built to keep variance 1, "
             "and torch's own docs say to use 'linear' (gain 1) for self-normalising networks"),
}
"""Why torch's ``calculate_gain`` differs from (or equals) the variance-preserving gain."""


def torch_gain(act) -> float | None:  # noqa: ANN001
    """torch.nn.init.calculate_gain for this activation, or None where torch has no entry."""
    name = getattr(act, "name", "")
    if name == "leaky_relu":
        return math.sqrt(2.0 / (1.0 + act.params["negative_slope"] ** 2))
    return {"identity": 1.0, "sigmoid": 1.0, "tanh": 5.0 / 3.0, "relu": math.sqrt(2.0), "selu": 0.75}.get(name)


def _standard_rule(act) -> tuple[np.ndarray, np.ndarray]:  # noqa: ANN001
    """Nodes and weights for z ~ N(0, 1), the weights normalised to sum 1 (module docstring)."""
    x, w = gaussian_rule(np.array(0.0), np.array(1.0), kinks_of(act))
    return x, w / math.fsum(w)


def standard_moments(act) -> tuple[float, float]:  # noqa: ANN001
    r""":math:`(\mathbb{E}\phi(z),\ \mathbb{E}\phi(z)^2)` for :math:`z \sim \mathcal{N}(0, 1)`."""
    x, w = _standard_rule(act)
    values = act(x)
    if not np.all(np.isfinite(values)):
        raise ActvizError(f"{act.label} is not finite on |z| <= 12: its Gaussian moments cannot be computed")
    second = exact_mean_square(values, w)
    if second == math.inf:  # apl:a=-1e300 overflowed values * values
        raise ActvizError(f"{act.label} has E phi(z)^2 beyond float64 for z ~ N(0, 1): no gain or constant keeps "
                          "the variance")
    return math.fsum(w * values), second


@dataclass(frozen=True)
class InitConstants:
    """The constants of the module docstring for one activation (None where there is none,
    with the reason in ``critical_note``)."""

    activation: str
    gain: float | None
    torch_gain: float | None
    torch_note: str | None
    nf_gamma: float | None
    nf_mean: float
    sigma_b2: float
    critical_sigma_w2: float | None
    critical_note: str | None

    def to_dict(self) -> dict:
        return {"activation": self.activation, "gain": self.gain, "torch_gain": self.torch_gain,
                "nf_gamma": self.nf_gamma, "nf_mean": self.nf_mean, "critical_sigma_w2": self.critical_sigma_w2,
                "sigma_b2": self.sigma_b2, "torch_note": self.torch_note, "critical_note": self.critical_note}


def init_constants(act, sigma_b2: float = 0.0) -> InitConstants:  # noqa: ANN001
    """Every constant of the module docstring for ``act`` (edge of chaos at ``sigma_b2``)."""
    require_pointwise(act)
    mean, second = standard_moments(act)
    variance = second - mean * mean
    gain = 1.0 / math.sqrt(second) if second > 0 else None
    nf_gamma = 1.0 / math.sqrt(variance) if variance > 1e-15 * second else None
    torch_value = torch_gain(act)
    note = TORCH_NOTES.get(act.name) if torch_value is not None else None
    try:
        critical, reason = critical_sigma_w2(act, sigma_b2), None
    except ActvizError as error:
        critical, reason = None, str(error)
    return InitConstants(act.spec, gain, torch_value, note, nf_gamma, mean, float(sigma_b2), critical, reason)


@dataclass(frozen=True)
class SelfNormalising:
    r"""Constants making mean 0 and variance 1 a fixed point of :math:`(\mu, \nu) \mapsto
    (\mathbb{E} f(z), \mathrm{Var} f(z))`, :math:`z \sim \mathcal{N}(\mu\omega, \nu\tau)`.

    ``form`` is ``"lambda_alpha"`` (:math:`f = \lambda\,\phi_\alpha`, ``parameter`` = the
    activation's parameter solved for) or ``"gamma_delta"`` (:math:`f = \gamma(\phi + \delta)`).
    ``jacobian`` is the map's Jacobian at (0, 1) for normalised weights
    (:math:`\omega = \sum_i w_i = 0`, :math:`\tau = \sum_i w_i^2 = 1`, Klambauer et al. 2017);
    the fixed point is stable when its spectral radius is below 1."""

    activation: str
    form: str
    parameter: str | None
    scale: float
    value: float  # alpha (lambda_alpha) or delta (gamma_delta)
    spec: str
    jacobian: tuple[tuple[float, float], tuple[float, float]]
    spectral_radius: float
    stable: bool
    note: str | None

    def to_dict(self) -> dict:
        return {"form": self.form, "parameter": self.parameter, "scale": self.scale, "value": self.value,
                "spec": self.spec, "jacobian": [list(row) for row in self.jacobian],
                "spectral_radius": self.spectral_radius, "stable": self.stable, "note": self.note}


def _fixed_point_jacobian(f: np.ndarray, x: np.ndarray, w: np.ndarray) -> tuple[tuple[float, float], ...]:
    r"""Jacobian of :math:`(\mu, \nu) \mapsto (\mathbb{E}f, \mathrm{Var} f)` at (0, 1) with
    :math:`\omega = 0`, :math:`\tau = 1`: :math:`\mu` does not enter
    (:math:`z \sim \mathcal{N}(0, \nu)`), and by differentiating the Gaussian density,
    :math:`\partial_\nu \mathbb{E}g(z) = \mathbb{E}[g(z)(z^2 - 1)]/2` at :math:`\nu = 1`."""
    bend = w * (x * x - 1.0) / 2.0
    mean, d_mean = math.fsum(w * f), math.fsum(bend * f)
    d_var = math.fsum(bend * f * f) - 2.0 * mean * d_mean
    return (0.0, d_mean), (0.0, d_var)


def _solve_parameter(act, parameter: str, x: np.ndarray, w: np.ndarray) -> float | None:  # noqa: ANN001
    r"""The value of ``parameter`` with :math:`\mathbb{E}\phi(z) = 0`, searched over
    :math:`[10^{-4}, 10^4]` by factors of 2 from the default; None if the mean keeps one sign."""
    from .roots import bracketed_root

    def mean(value: float) -> float:
        return math.fsum(w * act.with_params(**{parameter: value})(x))

    grid = sorted({act.params[parameter] * 2.0**k for k in range(-14, 14)} | {1e-4, 1e4})
    values = [v for v in grid if 1e-4 <= v <= 1e4]
    try:
        means = [mean(v) for v in values]
    except ActvizError:
        return None
    for (a, fa), (b, fb) in zip(zip(values, means), zip(values[1:], means[1:])):
        if fa == 0.0:
            return a
        if math.copysign(1.0, fa) != math.copysign(1.0, fb):
            return bracketed_root(mean, a, b, fa=fa, fb=fb, xtol=1e-17)
    return None


def self_normalising(act, parameter: str | None = None) -> SelfNormalising:  # noqa: ANN001
    r"""(λ, α) with :math:`\mathbb{E}\lambda\phi_\alpha(z) = 0` and
    :math:`\mathbb{E}(\lambda\phi_\alpha(z))^2 = 1` when ``act`` has a parameter ``parameter``
    (default: ``alpha`` if it has one) whose value can zero the mean: α is that root, then
    :math:`\lambda = 1/\sqrt{\mathbb{E}\phi_\alpha(z)^2}` (Klambauer et al. 2017: ELU gives SELU's
    λ = 1.0507009873554805, α = 1.6732632423543772). Otherwise (γ, δ) with
    :math:`\delta = -\mathbb{E}\phi(z)`, :math:`\gamma = 1/\sqrt{\mathrm{Var}\,\phi(z)}`, the
    NFNets scaling; ``note`` says why the parameter could not be used."""
    require_pointwise(act)
    x, w = _standard_rule(act)
    chosen = parameter if parameter is not None else ("alpha" if "alpha" in act.params else None)
    note = None
    if chosen is not None:
        if chosen not in act.params:
            raise ActvizError(f"{act.name} has no parameter '{chosen}' (its parameters: "
                              f"{', '.join(act.params) or 'none'})")
        root = _solve_parameter(act, chosen, x, w)
        if root is not None:
            tuned = act.with_params(**{chosen: root})
            f = tuned(x)
            scale = 1.0 / math.sqrt(math.fsum(w * f * f))
            f = scale * f
            jacobian = _fixed_point_jacobian(f, x, w)
            radius = abs(jacobian[1][1])
            spec = affine_formula(tuned, scale, 1.0, 0.0, 0.0) if _in_catalogue(act) else None
            return SelfNormalising(act.spec, "lambda_alpha", chosen, scale, root, spec, jacobian, radius,
                                   radius < 1.0, None)
        note = f"no value of {chosen} in [1e-4, 1e4] makes E {act.name}(z) = 0: shifted instead"
    mean, second = standard_moments(act)
    variance = second - mean * mean
    if not variance > 1e-15 * second:
        raise ActvizError(f"{act.label} is constant on N(0, 1) inputs: no scaling gives variance 1")
    gamma = 1.0 / math.sqrt(variance)
    f = gamma * (act(x) - mean)
    jacobian = _fixed_point_jacobian(f, x, w)
    radius = abs(jacobian[1][1])
    spec = affine_formula(act, gamma, 1.0, 0.0, -mean) if _in_catalogue(act) else None
    return SelfNormalising(act.spec, "gamma_delta", None, gamma, -mean, spec, jacobian, radius, radius < 1.0, note)


def _in_catalogue(act) -> bool:  # noqa: ANN001
    from .. import registry

    return act.name in registry.names(pointwise=True)


def affine_formula(act, gamma: float, alpha: float, beta: float, delta: float) -> str:  # noqa: ANN001
    r"""The formula spec of :math:`\gamma(\phi(\alpha x + \beta) + \delta)` for a catalogue
    activation, which :func:`actviz.get` parses back (every float written with ``repr``, so
    nothing is lost); terms that do nothing (:math:`\alpha = 1`, :math:`\beta = \delta = 0`)
    are left out."""
    if not _in_catalogue(act):
        raise ActvizError(f"{act.label} is not in the catalogue: only catalogue activations can be written "
                          "inside a formula")
    inner = f"{alpha!r}*x" if alpha != 1.0 else "x"
    inner = f"{inner} + {beta!r}" if beta != 0.0 else inner
    params = "".join(f", {k}={v!r}" for k, v in act.params.items())
    call = f"{act.name}({inner}{params})"
    return f"{gamma!r}*({call} + {delta!r})" if delta != 0.0 else f"{gamma!r}*{call}"
