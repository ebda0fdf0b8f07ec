r"""The spectrum of the input-output Jacobian of a deep random stack (dynamical isometry).

For :math:`x^l = \phi(h^l)`, :math:`h^l = W^l x^{l-1} + b^l` the Jacobian of the top
activations with respect to the input is :math:`J = \prod_{l=L}^{1} D^l W^l`,
:math:`D^l = \mathrm{diag}\,\phi'(h^l)`. Its squared singular values :math:`\lambda = s^2`
(the eigenvalues of :math:`JJ^\top`) say whether a stack is *isometric*: at
:math:`\lambda \equiv 1` every direction of the gradient passes through unchanged.

**Prediction** (Pennington, Schoenholz & Ganguli 2017, "Resurrecting the sigmoid in deep
learning through dynamical isometry"; 2018, "The emergence of spectral universality in deep
networks"). In the limit of infinite width the factors are asymptotically free, so the
S-transform of :math:`JJ^\top` is the product of the layers' S-transforms,
:math:`S_{JJ^\top} = \prod_l S_{W^l W^{l\top}} S_{(D^l)^2}`. A spectrum with moments
:math:`m_1, m_2` has :math:`S(z) = 1/m_1 - z\,(m_2 - m_1^2)/m_1^3 + O(z^2)`, so
:math:`\ln S = -\ln m_1 - z\,\sigma^2/m_1^2 + O(z^2)`: over a product the log-means add and
so do the squared relative spreads. With :math:`\mu_k(q) = \mathbb{E}[\phi'(\sqrt{q} z)^{2k}]`
at the layer's :math:`q^l` (the length map, followed from the input's q):

.. math:: \mathbb{E}\lambda = \prod_{l} \sigma_w^2 \mu_1(q^l), \qquad
          \frac{\mathrm{Var}\,\lambda}{(\mathbb{E}\lambda)^2} = \sum_{l}
          \Big(\frac{\mu_2(q^l)}{\mu_1(q^l)^2} - 1 + \omega\Big),

:math:`\omega = 0` for orthogonal weights (:math:`WW^\top = \sigma_w^2 I`) and 1 for Gaussian
weights (:math:`WW^\top` is Marchenko-Pastur with ratio 1: relative variance 1). At a fixed
point :math:`q^*` with :math:`\chi_1 = 1` this is the paper's
:math:`\sigma^2_{JJ^\top} = L(\mu_2/\mu_1^2 - 1)` (orthogonal) and :math:`L\,\mu_2/\mu_1^2`
(Gaussian): ReLU gives L and 2L, a linear stack 0 and L (the Fuss-Catalan second moment L + 1).

**Monte Carlo.** One input :math:`h^0 \sim \mathcal{N}(0, q_0 I)`, :math:`x^0 = \phi(h^0)`; the
product is built layer by layer and renormalised to Frobenius norm 1 each time, its log scale
accumulated, so depth 1000 neither overflows nor underflows; its singular values are taken
at a few recorded depths (the products, QR and SVDs on one BLAS thread: :mod:`actviz._blas` says
why; measured here, two threads under load made a 512 x 512 QR 80 times slower). What float64 cannot resolve is said: singular values below
:math:`s_{max} N \epsilon` are rounding noise (``resolution``). Every activation of a call sees
the same random matrices (scaled by its own :math:`\sigma_w`), drawn once per seed.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .._blas import single_threaded_blas
from ..errors import ActvizError
from ..analysis.gaussian import gaussian_rule
from .moments import Q_TINY, kinks_of, require_pointwise
from .theory import fixed_point, profile

QUANTILES = (0.1, 0.9)
"""The quantile band of the spectrum reported and drawn."""

_FLOPS_PER_SECOND = 2e9  # a pessimistic rate for the size guard (2 shared cores)
_LONGEST = 3600.0  # refuse runs estimated to take longer than an hour
_LARGEST_WIDTH = 8192
_OVERFLOW = 1e150  # |h| beyond this could overflow phi(h)^2 in the next layer


def derivative_moments(act, q: object) -> tuple[np.ndarray, np.ndarray]:  # noqa: ANN001
    r""":math:`(\mu_1, \mu_2) = (\mathbb{E}[\phi'(\sqrt q z)^2],\ \mathbb{E}[\phi'(\sqrt q z)^4])`,
    :math:`z \sim \mathcal{N}(0, 1)`, elementwise over ``q >= 0`` (kink-split quadrature)."""
    q = np.maximum(np.asarray(q, dtype=float), Q_TINY)
    x, w = gaussian_rule(np.zeros_like(q), np.sqrt(q), kinks_of(act))
    slope_squared = act.derivative(x) ** 2
    return np.sum(slope_squared * w, axis=-1), np.sum(slope_squared**2 * w, axis=-1)


@dataclass(frozen=True)
class SpectrumPrediction:
    r"""The free-probability moments of :math:`\lambda` at depths 1..L (index l - 1):
    ``log_mean`` is :math:`\ln \mathbb{E}\lambda` and ``relative_variance``
    :math:`\mathrm{Var}\,\lambda / (\mathbb{E}\lambda)^2`; ``mu1``, ``mu2`` the moments of
    :math:`\phi'(h^l)^2` and ``q`` the :math:`q^l` they are taken at."""

    q: np.ndarray
    mu1: np.ndarray
    mu2: np.ndarray
    log_mean: np.ndarray
    relative_variance: np.ndarray

    @property
    def mean(self) -> np.ndarray:
        r""":math:`\mathbb{E}\lambda` (0 or inf where float64 cannot hold it; the log can)."""
        return np.exp(self.log_mean)

    @property
    def second_moment(self) -> np.ndarray:
        r""":math:`\mathbb{E}\lambda^2 = (\mathbb{E}\lambda)^2 (1 + \mathrm{Var}\,\lambda/(\mathbb{E}\lambda)^2)`."""
        return np.exp(2 * self.log_mean) * (1.0 + self.relative_variance)

    @property
    def variance(self) -> np.ndarray:
        r""":math:`\mathrm{Var}\,\lambda`."""
        return np.exp(2 * self.log_mean) * self.relative_variance


def predict_spectrum(act, *, depth: int, sigma_w2: float, sigma_b2: float, weights: str,  # noqa: ANN001
                     q0: float) -> SpectrumPrediction:
    r"""Mean and variance of :math:`\lambda` at every depth by the S-transform (module
    docstring), the :math:`q^l` following the length map from :math:`q^0 = q_0`."""
    _check_weights(weights)
    lengths = profile(act, sigma_w2, sigma_b2, depth, q0=q0).q[1:]
    mu1, mu2 = derivative_moments(act, np.where(np.isfinite(lengths), lengths, 1e250))
    with_mass = mu1 > 0
    ratio = np.divide(mu2, mu1 * mu1, out=np.full_like(mu1, math.inf), where=with_mass)
    log_gain = np.log(sigma_w2 * mu1, out=np.full_like(mu1, -math.inf), where=with_mass)
    spread = ratio - 1.0 + (1.0 if weights == "gaussian" else 0.0)
    return SpectrumPrediction(lengths, mu1, mu2, np.cumsum(log_gain), np.cumsum(spread))


def fuss_catalan_moment(depth: int, k: int) -> float:
    r""":math:`\mathbb{E}\lambda^k` for a product of ``depth`` square Gaussian matrices of
    variance 1/N as N -> infinity: the Fuss-Catalan number
    :math:`\frac{1}{Lk + 1}\binom{(L+1)k}{k}` (Penson & Zyczkowski 2011)."""
    return math.comb((depth + 1) * k, k) / (depth * k + 1)


def critical_at_q_star(act, q_star: float) -> tuple[float, float]:  # noqa: ANN001
    r""":math:`(\sigma_w^2, \sigma_b^2)` that put the length map's fixed point at ``q_star``
    with :math:`\chi_1 = 1` (the paper's parametrisation of critical initialisations):
    :math:`\sigma_w^2 = 1/\mathbb{E}[\phi'(\sqrt{q^*} z)^2]`,
    :math:`\sigma_b^2 = q^* - \sigma_w^2\,\mathbb{E}[\phi(\sqrt{q^*} z)^2]`. Raises when that
    :math:`\sigma_b^2` would be negative (no such initialisation)."""
    require_pointwise(act)
    if not (q_star > 0 and math.isfinite(q_star)):
        raise ActvizError(f"invalid {{q_star}} {q_star!r}: expected a positive number", arguments=("q_star",))
    x, w = gaussian_rule(np.array(0.0), np.array(math.sqrt(q_star)), kinks_of(act))
    slope_mass = float(np.sum(act.derivative(x) ** 2 * w))
    if not slope_mass > 0:
        raise ActvizError(f"{act.label} has phi' = 0 almost everywhere at q* = {q_star:g}: no sigma_w^2 gives chi_1 = 1")
    sigma_w2 = 1.0 / slope_mass
    sigma_b2 = q_star - sigma_w2 * float(np.sum(act(x) ** 2 * w))
    if sigma_b2 < -1e-12 * q_star:
        raise ActvizError(f"no critical initialisation of {act.label} has q* = {q_star:g}: chi_1 = 1 needs "
                          f"sigma_w^2 = {sigma_w2:.6g}, which would need sigma_b^2 = {sigma_b2:.4g} < 0")
    return sigma_w2, max(sigma_b2, 0.0)


def input_length(act, sigma_w2: float, sigma_b2: float) -> float:  # noqa: ANN001
    """The q of the inputs: the fixed point q* where the length map has a finite positive one
    (the papers' setting, q^l = q* at every layer), else 1."""
    point = fixed_point(act, sigma_w2, sigma_b2)
    return point.q_star if point.regime == "fixed point" and 0 < point.q_star < math.inf else 1.0


def recorded_depths(depth: int, count: int = 16) -> list[int]:
    """About ``count`` depths in 1..depth, denser near 1 (geometric) and evenly spread beyond
    (linear), always with 1 and ``depth``; every depth when there are at most ``count``."""
    if depth <= count:
        return list(range(1, depth + 1))
    geometric = np.geomspace(1, depth, count // 2)
    linear = np.linspace(1, depth, count // 2 + 1)
    return sorted({int(round(d)) for d in np.concatenate([geometric, linear])})


@dataclass(frozen=True)
class SpectrumRun:
    r"""Squared singular values :math:`\lambda` of J measured at ``depths``, for one activation.

    ``log_lambdas[i]`` has shape (seeds, N): natural logs (-inf for an exact 0), so any
    depth fits; ``log_resolution[i]`` is the log of the smallest :math:`\lambda` float64
    resolves at that depth (per seed); q0 is the inputs' q."""

    activation: str
    label: str
    weights: str
    sigma_w2: float
    sigma_b2: float
    q0: float
    width: int
    seeds: int
    depths: list[int]
    log_lambdas: list[np.ndarray]
    log_resolution: list[np.ndarray]


def _check_weights(weights: str) -> None:
    if weights not in ("gaussian", "orthogonal"):
        raise ActvizError(f"invalid {{weights}} '{weights}': expected gaussian or orthogonal", arguments=("weights",))


def _check_size(count: int, depth: int, width: int, seeds: int, weights: str, records: int) -> None:
    for name, value in (("depth", depth), ("width", width), ("seeds", seeds)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ActvizError(f"invalid {{{name}}} {value!r}: expected an integer >= 1", arguments=(name,))
    if width > _LARGEST_WIDTH:
        raise ActvizError(f"width {width} is too large: at most {_LARGEST_WIDTH} (each product matrix "
                          f"takes {8 * width * width / 2**20:.0f} MB and every layer costs N^3)")
    per_layer = 2.0 * count * width**3 + (3.0 * width**3 if weights == "orthogonal" else 0.0)
    flops = seeds * (depth * per_layer + records * count * 12.0 * width**3)
    if flops / _FLOPS_PER_SECOND > _LONGEST:
        raise ActvizError(f"depth {depth} x width {width} x {seeds} seeds would take about "
                          f"{flops / _FLOPS_PER_SECOND / 3600:.1f} hours: use fewer layers, units or seeds")


def _haar_orthogonal(gaussian: np.ndarray) -> np.ndarray:
    """A Haar-distributed orthogonal matrix from a square Gaussian one: Q of its QR
    decomposition with the signs of R's diagonal moved into Q (Mezzadri 2007)."""
    q, r = np.linalg.qr(gaussian)
    return q * np.sign(np.diag(r))


def _log_singular_values(product: np.ndarray, log_scale: float) -> tuple[np.ndarray, float]:
    r""":math:`\ln \lambda` of ``exp(log_scale) * product`` and :math:`\ln` of the resolution
    :math:`(s_{max} N \epsilon)^2`."""
    s = np.linalg.svd(product, compute_uv=False)
    log_s = np.log(s, out=np.full_like(s, -math.inf), where=s > 0)
    resolution = math.log(s[0] * product.shape[0] * np.finfo(float).eps) if s[0] > 0 else -math.inf
    return 2.0 * (log_s + log_scale), 2.0 * (resolution + log_scale)


def simulate_spectrum(acts: Sequence, settings: Sequence[tuple[float, float]], *, depth: int, width: int,
                      weights: str = "orthogonal", seeds: int = 1, q0: Sequence[float] | None = None,
                      depths: Sequence[int] | None = None,
                      progress: Callable[[int, int], None] | None = None) -> list[SpectrumRun]:
    r"""Monte Carlo spectra of J (module docstring) for each activation of ``acts`` at its
    ``(sigma_w2, sigma_b2)`` of ``settings``, recorded at ``depths`` (default
    :func:`recorded_depths`), over ``seeds`` independent networks (seed 0, 1, ...).

    ``q0`` gives each activation's input q (default :func:`input_length`). ``progress(done,
    total)`` is called after every layer (the library never prints)."""
    _check_weights(weights)
    for act in acts:
        require_pointwise(act)
    for sigma_w2, sigma_b2 in settings:
        if not (math.isfinite(sigma_w2) and sigma_w2 > 0):
            raise ActvizError(f"invalid sigma_w^2 {sigma_w2!r}: expected a positive number")
        if not (math.isfinite(sigma_b2) and sigma_b2 >= 0):
            raise ActvizError(f"invalid sigma_b^2 {sigma_b2!r}: expected a number >= 0")
    depths = recorded_depths(depth) if depths is None else sorted(set(depths))
    if not depths or depths[0] < 1 or depths[-1] > depth:
        raise ActvizError(f"recorded depths must lie in 1..{depth}")
    _check_size(len(acts), depth, width, seeds, weights, len(depths))
    q0 = [input_length(a, *s) for a, s in zip(acts, settings)] if q0 is None else list(q0)
    lambdas = [[[] for _ in depths] for _ in acts]
    floors = [[[] for _ in depths] for _ in acts]
    with single_threaded_blas():
        _run_seeds(acts, settings, depth=depth, width=width, weights=weights, seeds=seeds, q0=q0, depths=depths,
                   lambdas=lambdas, floors=floors, progress=progress)
    return [SpectrumRun(act.spec, act.label, weights, float(w2), float(b2), float(q), width, seeds, list(depths),
                        [np.array(per) for per in lambdas[i]], [np.array(per) for per in floors[i]])
            for i, (act, (w2, b2), q) in enumerate(zip(acts, settings, q0))]


def _run_seeds(acts: Sequence, settings: Sequence[tuple[float, float]], *, depth: int, width: int, weights: str,  # noqa: C901
               seeds: int, q0: list[float], depths: list[int], lambdas: list, floors: list,
               progress: Callable[[int, int], None] | None) -> None:
    """The Monte Carlo loop of :func:`simulate_spectrum`, appending to ``lambdas`` and ``floors``."""
    count = len(acts)
    w_scale = np.array([math.sqrt(w2 if weights == "orthogonal" else w2 / width) for w2, _ in settings])
    b_scale = np.array([math.sqrt(b2) for _, b2 in settings])
    for seed in range(seeds):
        rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(3,))))
        h = rng.standard_normal((width, 1)) * np.sqrt(np.array(q0))  # one column per activation
        products = np.tile(np.eye(width), count)  # [J_1 | J_2 | ...], each N x N
        log_scales = np.zeros(count)
        for layer in range(1, depth + 1):
            x = np.column_stack([act(h[:, i]) for i, act in enumerate(acts)])
            base = rng.standard_normal((width, width))
            if weights == "orthogonal":
                base = _haar_orthogonal(base)
            bias = rng.standard_normal((width, 1))
            h = (base @ x) * w_scale + bias * b_scale
            if not np.all(np.abs(h) <= _OVERFLOW):
                raise ActvizError(f"the forward signal overflowed float64 at layer {layer} (seed {seed}): "
                                  "the stack diverges; use a smaller sigma_w^2 or depth")
            products = base @ products
            for i, act in enumerate(acts):
                block = products[:, i * width:(i + 1) * width]
                block *= act.derivative(h[:, i])[:, None] * w_scale[i]
                norm = float(np.linalg.norm(block))
                if norm > 0:
                    block /= norm
                    log_scales[i] += math.log(norm)
                else:
                    log_scales[i] = -math.inf
            if layer in depths:
                slot = depths.index(layer)
                for i in range(count):
                    logs, floor = _log_singular_values(products[:, i * width:(i + 1) * width], log_scales[i])
                    lambdas[i][slot].append(logs)
                    floors[i][slot].append(floor)
            if progress:
                progress(seed * depth + layer, seeds * depth)


@dataclass(frozen=True)
class SpectrumStats:
    r"""Summary of the pooled :math:`\lambda` (every seed) at one depth, mostly as natural logs.

    :math:`\lambda` below a seed's resolution floor counts as 0 (-inf): float64 cannot tell it
    from 0 (relu's Jacobian has an exact null space, the rank being the fewest active units
    of any layer). ``mean_stderr`` and ``second_moment_stderr`` are standard errors across
    seeds relative to the value (nan for one seed); ``relative_variance`` is
    :math:`\mathrm{Var}\,\lambda / (\mathbb{E}\lambda)^2` (0 where it is below the rounding of
    the difference :math:`\mathbb{E}\lambda^2 - (\mathbb{E}\lambda)^2`) with its standard error."""

    depth: int
    log_mean: float
    mean_stderr: float
    log_second_moment: float
    second_moment_stderr: float
    relative_variance: float
    relative_variance_stderr: float
    log_median: float
    log_quantile_low: float
    log_quantile_high: float
    log_min: float
    log_max: float
    log_resolution: float
    zero_fraction: float


def _log_mean_exp(logs: np.ndarray, axis: int | None = None) -> np.ndarray:
    r""":math:`\ln \mathrm{mean}\, e^{v}` along ``axis`` without leaving log space (-inf where
    every value is -inf)."""
    top = np.max(logs, axis=axis, keepdims=True)
    shift = np.where(np.isfinite(top), top, 0.0)
    mean = np.mean(np.exp(logs - shift), axis=axis, keepdims=True)
    result = np.log(mean, out=np.full_like(mean, -math.inf), where=mean > 0) + shift
    return np.squeeze(result, axis=axis)


def _relative_stderr(values: np.ndarray) -> float:
    """Standard error of the mean of ``values`` (one per seed); nan for one seed."""
    return float(np.std(values, ddof=1) / math.sqrt(values.size)) if values.size > 1 else math.nan


def _relative_variance(log_first: np.ndarray, log_second: np.ndarray) -> np.ndarray:
    r""":math:`m_2/m_1^2 - 1`, 0 where that is within 64 roundings of 0 (or :math:`m_1 = 0`)."""
    log_first, log_second = np.asarray(log_first, dtype=float), np.asarray(log_second, dtype=float)
    alive = np.isfinite(log_first)
    excess = np.subtract(log_second, 2.0 * log_first, out=np.zeros_like(log_first), where=alive)
    ratio = np.expm1(excess)
    return np.where(alive & (ratio > 64 * np.finfo(float).eps), ratio, 0.0)


def summarise(run: SpectrumRun) -> list[SpectrumStats]:
    """:class:`SpectrumStats` at each recorded depth of ``run``."""
    stats = []
    for depth, logs, floors in zip(run.depths, run.log_lambdas, run.log_resolution):
        logs = np.where(logs >= floors[:, None], logs, -math.inf)
        first, second = _log_mean_exp(logs, axis=1), _log_mean_exp(2.0 * logs, axis=1)
        pooled_first, pooled_second = float(_log_mean_exp(first)), float(_log_mean_exp(second))
        scale_first = pooled_first if math.isfinite(pooled_first) else 0.0
        scale_second = pooled_second if math.isfinite(pooled_second) else 0.0
        spread = _relative_variance(first, second) * np.exp(2.0 * (first - scale_first))
        flat = logs.reshape(-1)
        # "nearest": no interpolation, which -inf (an exact 0) would turn into nan
        low, median, high = np.quantile(flat, [QUANTILES[0], 0.5, QUANTILES[1]], method="nearest")
        stats.append(SpectrumStats(
            depth, pooled_first, _relative_stderr(np.exp(first - scale_first)), pooled_second,
            _relative_stderr(np.exp(second - scale_second)),
            float(_relative_variance(np.array(pooled_first), np.array(pooled_second))), _relative_stderr(spread),
            float(median), float(low), float(high), float(flat.min()), float(flat.max()), float(np.max(floors)),
            float(np.mean(flat == -math.inf))))
    return stats
