r"""Monte Carlo deep stacks: push a batch through a random fully connected network
and measure what the mean-field theory predicts.

The stack is :math:`h^0 = x`, :math:`h^l = W^l \phi(h^{l-1}) + b^l` (l = 1..L) with
:math:`x_{ib} \sim \mathcal{N}(0, 1)`, :math:`W^l_{ij} \sim \mathcal{N}(0, \sigma_w^2/N)`
(or :math:`\sqrt{\sigma_w^2}` times a Haar orthogonal matrix) and
:math:`b^l_i \sim \mathcal{N}(0, \sigma_b^2)`, width N, batch B. Backward, a random
unit-norm :math:`g^L` per sample and :math:`g^{l-1} = \phi'(h^{l-1}) \odot (W^l)^\top g^l`.

Gradient norms are carried in log space: :math:`g` is renormalised every layer and
:math:`\ln\|g\|` accumulated, so 10 000 layers neither overflow nor underflow. The
forward signal is what a float64 network computes; a run that overflows it (a
divergent stack) or underflows it (relu at sigma_w^2 = 1 halves q every layer: past
layer ~1000, h^2 is below the smallest double and the signal is lost) stops there and
says so in ``stopped_at`` and ``stop_reason``: the layers measured are 0..stopped_at - 1.

``dtype="float32"`` runs the network in float32: weights, signals and gradients are
float32 numbers (half the memory, faster products and, for the entries with native
float32 kernels, faster activations); the per-layer statistics are still summed in
float64. Rounding then perturbs each layer by about 6e-8 relatively, far below the
batch's sampling noise, so the comparison with the mean-field theory is unchanged
except where the signal itself nears float32's range (|h| above 1e18 counts as an
overflow instead of 1e150; below 1e-38 the signal loses digits and near 1e-45 it is 0). The same seed gives a different network in float32
(its normals are drawn in float32).

Every random number comes from a stream keyed by (seed, purpose, block of layers), so
runs are reproducible and each :math:`W^l` can be regenerated in the backward pass instead of
kept; derivatives are kept for at most 256 MB worth of layers, the rest recomputed
from checkpoints, in segments short enough that the weights the recomputation draws
are kept for the backward pass (each :math:`W^l` is drawn at most twice: drawing the
normals costs about as much as the matrix products). With a second core, a thread draws
the next block of weights while the matrix products run (the numbers are the same).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np

from ..errors import ActvizError
from .._blas import single_threaded_blas
from .._processes import available_cores
from .moments import require_pointwise

_STREAM_INPUT, _STREAM_LAYER, _STREAM_GRADIENT = 0, 1, 2
_MEMORY = 256 * 2**20
_BLOCK_NUMBERS = 2**20
_OVERFLOW = {"float64": 1e150, "float32": 1e18}  # |h| beyond this would overflow h^2
_UNDERFLOW = {"float64": 1e-150, "float32": 1.2e-38}  # every |h| below: h^2 underflows (float32: subnormal h)
_ARRAY_OVERHEAD = 112  # bytes of a NumPy array's header: counted, or a million tiny layers blow the budget
MEMORY_LIMIT = 1 << 30
"""The largest estimated peak memory of a run (bytes): see :func:`run_cost`."""
TIME_LIMIT = 3600.0
"""The longest estimated run (seconds): see :func:`run_cost`."""
SAMPLES_PER_LAYER = 2000


def _rng(seed: int, stream: int, index: int = 0) -> np.random.Generator:
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(stream, index))))


@dataclass(frozen=True)
class StackRun:
    """Per-layer measurements of one run, arrays indexed by layer 0 (input) .. top.

    ``q`` is the mean of :math:`(h^l)^2`; ``log_grad_norm`` the natural log of the
    root-mean-square over the batch of :math:`\\|g^l\\|` (0 at the top);
    ``saturated_fraction`` the share of :math:`|\\phi'(h^l)| <` ``saturation_threshold``;
    ``dead_fraction`` the share of units with :math:`\\phi'(h^l) = 0` for every sample;
    ``samples`` up to 2000 values of :math:`\\phi(h^l)` at a few layers.
    ``stopped_at`` is the layer whose values overflowed or underflowed (``stop_reason``;
    then the top is the layer below; where phi(h) itself passed 1e150 its mean is nan
    and its variance inf); ``dtype`` the network's numbers, "float64" or "float32".
    """

    activation: str
    params: dict[str, float]
    depth: int
    width: int
    batch: int
    sigma_w2: float
    sigma_b2: float
    weights: str
    seed: int
    saturation_threshold: float
    q: np.ndarray
    log_grad_norm: np.ndarray
    saturated_fraction: np.ndarray
    dead_fraction: np.ndarray
    activation_mean: np.ndarray
    activation_var: np.ndarray
    samples: dict[int, np.ndarray] = field(repr=False)
    stopped_at: int | None = None
    dtype: str = "float64"
    stop_reason: str | None = None
    """'overflow' or 'underflow' of the forward signal at ``stopped_at``; None for a complete run."""

    @property
    def top(self) -> int:
        """The last layer computed: ``depth``, or the one below an overflow."""
        return len(self.q) - 1


def _sample_layers(depth: int, count: int = 7) -> list[int]:
    return sorted({round(i * depth / (count - 1)) for i in range(count)})


class _Stack:
    """The random network of one run: weights on demand, the same every time.

    Weights and biases are drawn in blocks of consecutive layers (about a million
    numbers per block, so narrow stacks do not pay a generator per layer); block k
    comes from the stream (seed, layer, k) and can be drawn again at any time.
    """

    def __init__(self, act, width: int, sigma_w2: float, sigma_b2: float, weights: str, seed: int,  # noqa: ANN001
                 dtype: np.dtype = np.dtype(np.float64), drawer: ThreadPoolExecutor | None = None) -> None:
        self.act, self.width, self.seed, self.weights, self.dtype = act, width, seed, weights, dtype
        self.w_scale = math.sqrt(sigma_w2 / width) if weights == "gaussian" else math.sqrt(sigma_w2)
        self.b_scale = math.sqrt(sigma_b2)
        self.per_block = max(1, _BLOCK_NUMBERS // (width * (width + 1)))
        self._block: tuple[int, np.ndarray] | None = None
        self._kept: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self.capacity = _MEMORY // (dtype.itemsize * width * (width + 1) + 3 * _ARRAY_OVERHEAD)
        self._drawer = drawer
        self._next: tuple[int, Future] | None = None
        self.ahead_to = 0  # the highest layer the pass under way will take: blocks beyond it are not drawn ahead

    def _normals(self, block: int) -> np.ndarray:
        """The normals of block ``block`` of layers (each layer: W and b as one N x (N+1) matrix)."""
        rng = _rng(self.seed, _STREAM_LAYER, block)
        return rng.standard_normal((self.per_block, self.width, self.width + 1), dtype=self.dtype)

    def _raw(self, index: int) -> np.ndarray:
        """Layer ``index``'s normals. With a ``drawer`` thread, the block after each block drawn is
        drawn there meanwhile (NumPy's generator releases the GIL while it fills an array), as
        the passes go up through the layers: the normals cost about as much as the two matrix
        products, and the other core was idle. A block is drawn ahead where its first layer is
        up to :attr:`ahead_to` and not kept (the kept layers run up to a segment's top). Each
        block comes from its own stream, so where it is drawn changes no number."""
        block, position = divmod(index - 1, self.per_block)
        if self._block is None or self._block[0] != block:
            if self._next is not None and self._next[0] == block:
                normals = self._next[1].result()
            else:
                normals = self._normals(block)
            self._next = None
            following = (block + 1) * self.per_block + 1  # the next block's first layer
            if self._drawer is not None and following <= self.ahead_to and following not in self._kept:
                self._next = (block + 1, self._drawer.submit(self._normals, block + 1))
            self._block = (block, normals)
        return self._block[1][position]

    def layer(self, index: int) -> tuple[np.ndarray, np.ndarray]:
        """:math:`W^l` and :math:`b^l` (column vector) for l = ``index`` >= 1.

        The most recent layers (256 MB of them) are kept for the backward pass,
        which takes each one back once; older ones are drawn again."""
        kept = self._kept.pop(index, None)
        if kept is not None:
            return kept
        raw = self._raw(index)
        matrix = raw[:, :-1]
        if self.weights == "orthogonal":
            q, r = np.linalg.qr(matrix)
            matrix = q * np.sign(np.diag(r))  # Haar measure (Mezzadri 2007)
        return matrix * self.w_scale, raw[:, -1:] * self.b_scale

    def keep(self, index: int, layer: tuple[np.ndarray, np.ndarray]) -> None:
        """Keep layer ``index`` for :meth:`layer`, dropping the oldest kept one if full."""
        if self.capacity == 0:
            return
        if len(self._kept) >= self.capacity:
            del self._kept[min(self._kept)]
        self._kept[index] = layer

    def forward(self, activated: np.ndarray, index: int) -> np.ndarray:
        r""":math:`h^l = W^l \phi(h^{l-1}) + b^l` from ``activated`` :math:`= \phi(h^{l-1})`,
        keeping the layer for the backward pass."""
        matrix, bias = self.layer(index)
        self.keep(index, (matrix, bias))
        return matrix @ activated + bias


def _log_column_norms(g: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """ln of each column's norm (-inf for a zero column) and the columns rescaled to norm 1,
    computed with the largest entry factored out so nothing under- or overflows."""
    largest = np.max(np.abs(g), axis=0)
    alive = largest > 0
    scaled = np.divide(g, largest, out=np.zeros_like(g), where=alive)
    norms = np.sqrt(np.sum(scaled * scaled, axis=0))
    log_norm = np.log(largest, out=np.full_like(largest, -math.inf), where=alive)
    log_norm += np.log(norms, out=np.zeros_like(norms), where=alive)
    return log_norm, np.divide(scaled, norms, out=scaled, where=alive)


def _log_rms(log_values: np.ndarray) -> float:
    r""":math:`\ln \sqrt{\mathrm{mean}_b\, e^{2 v_b}}` without leaving log space."""
    top = float(np.max(log_values))
    if top == -math.inf:
        return -math.inf
    return top + 0.5 * math.log(float(np.mean(np.exp(2.0 * (log_values - top)))))


def simulate(act, *, depth: int, width: int, batch: int, sigma_w2: float, sigma_b2: float = 0.0,  # noqa: ANN001
             weights: str = "gaussian", seed: int = 0, saturation_threshold: float = 0.01,
             progress: Callable[[int, int], None] | None = None, dtype: str = "float64") -> StackRun:
    """Run the stack of the module docstring once and measure every layer.

    ``progress(done, total)`` is called after each layer of the forward and the
    backward pass (for a progress bar; the library never prints). The matrix
    products run on one BLAS thread (:mod:`._blas` says why). ``dtype`` is "float64"
    or "float32" (module docstring: what float32 changes).
    """
    _check(act, depth, width, batch, sigma_w2, sigma_b2, weights, saturation_threshold)
    if dtype not in _OVERFLOW:
        raise ActvizError(f"invalid dtype {dtype!r}: expected float64 or float32")
    with single_threaded_blas(), _normals_drawer() as drawer:
        return _simulate(act, depth, width, batch, sigma_w2, sigma_b2, weights, seed, saturation_threshold, progress,
                         np.dtype(dtype), drawer)


@contextmanager
def _normals_drawer() -> Iterator[ThreadPoolExecutor | None]:
    """A thread that draws the next block of weights while this one multiplies (see
    :meth:`_Stack._raw`), where this process may run on more than one core; ended with
    the run (a block being drawn is finished, in milliseconds)."""
    if available_cores() < 2:
        yield None
        return
    drawer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="actviz-normals")
    try:
        yield drawer
    finally:
        drawer.shutdown(wait=True, cancel_futures=True)


def _simulate(act, depth, width, batch, sigma_w2, sigma_b2, weights, seed, saturation_threshold, progress,  # noqa: ANN001
              dtype, drawer) -> StackRun:
    stack = _Stack(act, width, sigma_w2, sigma_b2, weights, seed, dtype, drawer)
    stack.ahead_to = depth
    overflow, underflow = _OVERFLOW[dtype.name], _UNDERFLOW[dtype.name]
    signal = dtype.itemsize * width * batch + _ARRAY_OVERHEAD
    segment = max(1, min(depth, _MEMORY // signal))
    if 0 < stack.capacity < segment and (depth // stack.capacity + 1) * signal <= _MEMORY // 4:
        # segments whose weights all fit among the kept layers: the recomputation keeps them
        # for the backward pass, so each W^l is drawn twice instead of three times (drawing
        # the normals cost as much as the matrix products: depth 10 000 at width 256)
        segment = stack.capacity
    total = 2 * depth + 1
    sample_layers = set(_sample_layers(depth))
    pick = _rng(seed, _STREAM_INPUT, 1).choice(width * batch, size=min(SAMPLES_PER_LAYER, width * batch), replace=False)

    stats = {key: [] for key in ("q", "saturated", "dead", "mean", "var")}
    samples: dict[int, np.ndarray] = {}
    checkpoints: dict[int, np.ndarray] = {}
    slopes: dict[int, np.ndarray] = {}
    stopped_at = stop_reason = None
    h = _rng(seed, _STREAM_INPUT).standard_normal((width, batch), dtype=dtype)
    for layer in range(depth + 1):
        out, slope = act.f_and_df(h)
        tame = bool(np.all(np.abs(out) <= overflow))  # else phi(h) would overflow the next layer
        wide = h if h.dtype == np.float64 else h.astype(np.float64)  # float32 sums would lose digits
        stats["q"].append(float(np.vdot(wide, wide)) / h.size)  # |h| <= 1e150 keeps the sum finite
        stats["saturated"].append(np.count_nonzero(np.abs(slope) < saturation_threshold) / h.size)
        stats["dead"].append(np.count_nonzero(np.count_nonzero(slope, axis=1) == 0) / width)
        stats["mean"].append(float(np.mean(out, dtype=np.float64)) if tame else math.nan)
        stats["var"].append(float(np.var(out, dtype=np.float64)) if tame else math.inf)
        if layer in sample_layers:
            samples[layer] = out.reshape(-1)[pick]
        if layer == depth:
            break
        if not tame:
            stopped_at, stop_reason = layer + 1, "overflow"
            break
        if layer % segment == 0:
            checkpoints[layer] = h
            slopes = {}
        slopes[layer] = slope
        h = stack.forward(out, layer + 1)
        if progress:
            progress(layer + 1, total)
        largest = float(np.max(np.abs(h)))
        if not largest <= overflow:
            stopped_at, stop_reason = layer + 1, "overflow"
            break
        if largest < underflow:
            stopped_at, stop_reason = layer + 1, "underflow"
            break
    top = len(stats["q"]) - 1

    log_norms = np.empty(top + 1)
    _, g = _log_column_norms(_rng(seed, _STREAM_GRADIENT).standard_normal((width, batch), dtype=dtype))
    log_g = np.zeros(batch)
    log_norms[top] = 0.0
    starts = sorted(s for s in checkpoints if s < top)
    for start in reversed(starts):
        end = min(start + segment, top)
        if start not in slopes:
            slopes = _recompute(stack, checkpoints[start], start, end)
        stack.ahead_to = 0  # down through the segment: no block above is needed again
        for layer in range(end - 1, start - 1, -1):
            matrix, _ = stack.layer(layer + 1)
            step, g = _log_column_norms(slopes[layer] * (matrix.T @ g))
            log_g += step
            log_norms[layer] = _log_rms(log_g)
            if progress:
                progress(depth + 1 + (top - layer), total)
        slopes = {}
    if progress:
        progress(total, total)
    return StackRun(act.spec, act.params, depth, width, batch, float(sigma_w2), float(sigma_b2), weights, seed,
                    saturation_threshold, np.array(stats["q"]), log_norms, np.array(stats["saturated"]),
                    np.array(stats["dead"]), np.array(stats["mean"]), np.array(stats["var"]), samples, stopped_at,
                    dtype.name, stop_reason)


def _recompute(stack: _Stack, h: np.ndarray, start: int, end: int) -> dict[int, np.ndarray]:
    """phi'(h^l) for l in [start, end), forward again from the checkpoint h^start
    (keeping the layers drawn for the backward pass)."""
    slopes = {}
    stack.ahead_to = end  # the backward pass then takes layer end too (above the layers kept)
    for layer in range(start, end - 1):
        out, slopes[layer] = stack.act.f_and_df(h)
        h = stack.forward(out, layer + 1)
    slopes[end - 1] = stack.act.derivative(h)
    return slopes


def run_cost(depth: int, width: int, batch: int) -> tuple[float, float]:
    r"""Estimated peak memory (bytes) and time (seconds) of :func:`simulate`.

    Memory: a block of weights (at least one layer, :math:`8N(N+1)` bytes, with the
    QR/matmul temporaries twice that) and the next block, drawn ahead, about ten
    :math:`N \times B` working arrays, the two 256 MB budgets (kept layers, kept slopes) where the run fills them, and about
    250 bytes of statistics per layer. Time: :math:`6 N^2 B` flops per layer (forward,
    backward, recomputation) at 5 10^8 flop/s, plus 100 microseconds of overhead per layer
    (measured: depth 500 at width 256, batch 128 took 45 s, 476 MB; depth 20 000 at
    width 1, 3.3 s, on a shared 2-core machine)."""
    layer = 8.0 * width * (width + 1)
    weights = 4.0 * max(layer, 8.0 * _BLOCK_NUMBERS)
    working = 10.0 * 8.0 * width * batch
    kept = min(_MEMORY, depth * (layer + 3 * _ARRAY_OVERHEAD)) + min(_MEMORY, depth * (8.0 * width * batch + _ARRAY_OVERHEAD))
    memory = weights + working + kept + 250.0 * depth
    seconds = depth * (6.0 * width * width * batch / 5e8 + 1e-4)
    return memory, seconds


def _check_cost(depth: int, width: int, batch: int) -> None:
    """Refuse a run whose estimate (:func:`run_cost`) passes :data:`MEMORY_LIMIT` or :data:`TIME_LIMIT`."""
    memory, seconds = run_cost(depth, width, batch)
    sizes = f"{{depth}} {depth}, {{width}} {width}, {{batch}} {batch}"
    if memory > MEMORY_LIMIT:
        raise ActvizError(f"a stack of {sizes} would need about {_size(memory)} (the limit is "
                          f"{MEMORY_LIMIT / 2**30:g} GiB: 8 bytes x width^2 for one layer's weights, 80 x width x batch "
                          "for the working arrays, 250 per layer for the statistics): use a smaller {depth}, {width} "
                          "or {batch}", arguments=("depth", "width", "batch"))
    if seconds > TIME_LIMIT:
        raise ActvizError(f"a stack of {sizes} would take about {_duration(seconds)} (the limit is "
                          f"{_duration(TIME_LIMIT)}; time grows as depth x width^2 x batch): use a smaller "
                          "{depth}, {width} or {batch}", arguments=("depth", "width", "batch"))


def _size(count: float) -> str:
    return f"{count / 2**30:,.1f} GiB" if count < 2**50 else f"{count / 2**30:.3g} GiB"


def _duration(seconds: float) -> str:
    if seconds < 3600:
        return f"{seconds / 60:.0f} minutes" if seconds >= 90 else f"{seconds:.0f} seconds"
    if seconds < 86400 * 365:
        hours = round(seconds / 3600)
        return f"{hours:,} hour{'s' if hours != 1 else ''}"
    return f"{seconds / (86400 * 365):.3g} years"


def _check(act, depth, width, batch, sigma_w2, sigma_b2, weights, threshold) -> None:  # noqa: ANN001
    require_pointwise(act)
    for name, value, low in (("depth", depth, 1), ("width", width, 1), ("batch", batch, 1)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < low:
            raise ActvizError(f"invalid {name} {value!r}: expected an integer >= {low}")
    _check_cost(int(depth), int(width), int(batch))
    if not (math.isfinite(sigma_w2) and sigma_w2 > 0):
        raise ActvizError(f"invalid sigma_w^2 {sigma_w2!r}: expected a positive number")
    if not (math.isfinite(sigma_b2) and sigma_b2 >= 0):
        raise ActvizError(f"invalid sigma_b^2 {sigma_b2!r}: expected a number >= 0")
    if weights not in ("gaussian", "orthogonal"):
        raise ActvizError(f"invalid weights '{weights}': expected gaussian or orthogonal")
    if not (math.isfinite(threshold) and threshold > 0):
        raise ActvizError(f"invalid saturation threshold {threshold!r}: expected a positive number")
