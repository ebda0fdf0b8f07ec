r"""A fully connected network trained by hand-written backpropagation, for several
seeds at once.

For hidden layers l = 1..L-1 and an affine output layer L,

.. math::

    z^l = a^{l-1} (W^l)^\top + b^l,\qquad a^l = \phi(z^l),\qquad a^0 = x,\qquad \hat y = z^L,

with ``W^l`` shaped (fan_out, fan_in) as in ``torch.nn.Linear`` and ``x`` shaped
(batch, features). Backward, from :math:`\delta^L = \partial \ell / \partial z^L`:

.. math::

    \frac{\partial \ell}{\partial W^l} = (\delta^l)^\top a^{l-1},\quad
    \frac{\partial \ell}{\partial b^l} = \textstyle\sum_b \delta^l_b,\quad
    \delta^{l-1} = \phi'(z^{l-1}) \odot \delta^l W^l,

with :math:`\phi'` the catalogue's exact derivative (no autograd). For PReLU,
:math:`\phi(z) = \max(z, 0) + a \min(z, 0)` and the slope's gradient is
:math:`\sum \delta \min(z, 0)` over the batch (and over the units when one slope
serves a whole layer).

Every array carries a leading seed axis: seeds train together, one batched
matmul per layer, and each seed's slice is computed exactly as it would be alone.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from ..specs import get
from ..errors import ActvizError
from ..propagation.init import resolve_init
from .backprop import Pass
from .losses import LOSSES

_STREAM_INIT, _STREAM_BATCHES = 0, 1
SLOPE_SHARING = ("layer", "unit")


def seed_stream(seed: int, purpose: int) -> np.random.Generator:
    """The random stream of one seed for one purpose (weights, mini-batches): independent
    streams, so a seed draws the same numbers whichever other seeds run beside it."""
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(7, purpose))))


def _seeds(seed: int | Sequence[int]) -> tuple[tuple[int, ...], bool]:
    batched = not isinstance(seed, (int, np.integer))
    seeds = tuple(seed) if batched else (seed,)
    if not seeds:
        raise ActvizError("invalid seed []: expected an integer >= 0 or a non-empty list of them")
    for value in seeds:
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
            raise ActvizError(f"invalid seed {value!r}: expected an integer >= 0")
    return tuple(int(s) for s in seeds), batched


def _check_widths(widths: Sequence[int]) -> tuple[int, ...]:
    if len(widths) < 2:
        raise ActvizError(f"invalid widths {list(widths)!r}: expected at least [inputs, outputs]")
    for value in widths:
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ActvizError(f"invalid width {value!r} in widths {list(widths)!r}: expected integers >= 1")
    return tuple(int(w) for w in widths)


def activation_for(spec):  # noqa: ANN001,ANN201  (a spec string or an Activation)
    """The pointwise activation a network can use, from a spec string or an Activation."""
    act = get(spec) if isinstance(spec, str) else spec
    if not getattr(act, "pointwise", False):
        raise ActvizError(f"a network needs a pointwise activation; {act.name} is not pointwise "
                          "(it maps a vector to a vector)")
    return act


class MLP:
    """A multilayer perceptron ``widths[0] -> ... -> widths[-1]`` with activation ``spec``
    after every hidden layer, initialised by ``init`` (xavier, he, lecun, orthogonal,
    critical: the schemes of ``actviz decay``; biases N(0, sigma_b^2) with sigma_b^2 = 0).

    Weights: Var W = sigma_w^2 / fan_in (he, lecun, critical), 2 sigma_w^2 / (fan_in +
    fan_out) (xavier, equal to 1/N on square layers as in ``decay``), or sqrt(sigma_w^2)
    times a Haar (semi-)orthogonal matrix (orthogonal).

    ``seed`` is an int, or a sequence of ints trained together (then every array of
    :meth:`parameters` and :meth:`loss_and_gradients` has a leading seed axis).
    For ``prelu`` the negative slope is learned, one per layer (``slopes="layer"``) or
    one per unit (``slopes="unit"``), starting at the spec's ``weight`` (0.25).
    """

    def __init__(self, spec, widths: Sequence[int] = (2, 64, 64, 3), init: str = "he",  # noqa: ANN001
                 seed: int | Sequence[int] = 0, *, slopes: str = "layer") -> None:
        self.act = activation_for(spec)
        self.widths = _check_widths(widths)
        self.seeds, self.batched = _seeds(seed)
        if slopes not in SLOPE_SHARING:
            raise ActvizError(f"invalid slopes '{slopes}': expected {' or '.join(SLOPE_SHARING)}")
        self.slope_sharing = slopes
        self.learns_slopes = self.act.name == "prelu"
        self.init = resolve_init(self.act, init)
        # The activation's kernels are called directly on the float64 pre-activations: for
        # float64 input act(z), act.derivative(z) and act.f_and_df(z) give exactly these
        # kernels' values, after checks and a split into cache-sized blocks that a training
        # batch does not need (measured 40-50 us of 70-290 per call at 5 x 128 x 64 values).
        self.act_params = self.act.params
        shapes = []
        for layer, (fan_in, fan_out) in enumerate(zip(self.widths[:-1], self.widths[1:])):
            shapes += [(fan_out, fan_in), (fan_out,)]
            if self.learns_slopes and layer < self.depth - 1:
                shapes.append((fan_out if slopes == "unit" else 1,))
        # Every parameter is a C-contiguous (seeds, ...) block of one flat array, so an optimiser
        # updates them all with a few whole-array operations, and each stays a plain BLAS operand.
        self.shapes = [(len(self.seeds), *shape) for shape in shapes]
        self.flat = np.empty(sum(math.prod(shape) for shape in self.shapes))
        views = self.views(self.flat)
        step = 3 if self.learns_slopes else 2
        self.weights = views[0::step]
        self.biases = views[1::step]
        self.slopes = views[2::step] if self.learns_slopes else []
        for index, s in enumerate(self.seeds):
            weights, biases = self._draw(seed_stream(s, _STREAM_INIT))
            for layer in range(self.depth):
                self.weights[layer][index] = weights[layer]
                self.biases[layer][index] = biases[layer]
        for slope in self.slopes:
            slope[...] = self.act.params["weight"]

    @property
    def depth(self) -> int:
        """The number of weight layers (hidden layers + the output layer)."""
        return len(self.widths) - 1

    def _draw(self, rng: np.random.Generator) -> tuple[list[np.ndarray], list[np.ndarray]]:
        weights, biases = [], []
        sigma_w2, sigma_b2 = self.init.sigma_w2, self.init.sigma_b2
        for fan_in, fan_out in zip(self.widths[:-1], self.widths[1:]):
            raw = rng.standard_normal((fan_out, fan_in))
            if self.init.weights == "orthogonal":
                tall = raw if fan_out >= fan_in else raw.T
                q, r = np.linalg.qr(tall)
                q = q * np.sign(np.diag(r))  # Haar measure (Mezzadri 2007)
                matrix = (q if fan_out >= fan_in else q.T) * math.sqrt(sigma_w2)
            elif self.init.scheme == "xavier":
                matrix = raw * math.sqrt(2.0 * sigma_w2 / (fan_in + fan_out))
            else:
                matrix = raw * math.sqrt(sigma_w2 / fan_in)
            weights.append(matrix)
            biases.append(rng.standard_normal(fan_out) * math.sqrt(sigma_b2))
        return weights, biases

    # -- parameters -------------------------------------------------------------
    def parameter_list(self) -> list[np.ndarray]:
        """Every parameter with its seed axis, in the order W1, b1, [a1], W2, b2, [a2], ..., WL, bL
        (a_l: the PReLU slopes after hidden layer l): views into :attr:`flat`."""
        out = []
        for layer in range(self.depth):
            out += [self.weights[layer], self.biases[layer]]
            if self.learns_slopes and layer < self.depth - 1:
                out.append(self.slopes[layer])
        return out

    def views(self, flat: np.ndarray) -> list[np.ndarray]:
        """The parameters' blocks of an array laid out like :attr:`flat`, in :meth:`parameter_list` order."""
        out, start = [], 0
        for shape in self.shapes:
            size = math.prod(shape)
            out.append(flat[start : start + size].reshape(shape))
            start += size
        return out

    def parameters(self) -> list[np.ndarray]:
        """The parameters in layer order W1, b1, [a1], W2, b2, ... (the arrays themselves,
        so changing one changes the network); without the seed axis for a single seed."""
        return [p if self.batched else p[0] for p in self.parameter_list()]

    def parameter_names(self) -> list[str]:
        """``["W1", "b1", "a1", "W2", ...]``: the names of :meth:`parameters`, in order."""
        names = []
        for layer in range(1, self.depth + 1):
            names += [f"W{layer}", f"b{layer}"]
            if self.learns_slopes and layer < self.depth:
                names.append(f"a{layer}")
        return names

    # -- computation -----------------------------------------------------------
    def phi(self, z: np.ndarray, layer: int) -> np.ndarray:
        """phi(z) of hidden layer ``layer`` (0-based), z shaped (seeds, batch, units)."""
        if self.learns_slopes:
            # The catalogue's prelu takes one scalar slope; here it is an array (per seed,
            # per unit), so f = max(z, 0) + a min(z, 0) is written out with the same convention.
            return np.maximum(z, 0.0) + self.slopes[layer][:, None, :] * np.minimum(z, 0.0)
        return self.act.f(z, **self.act_params)

    def phi_and_derivative(self, z: np.ndarray, layer: int) -> tuple[np.ndarray, np.ndarray]:
        """(phi(z), phi'(z)) of hidden layer ``layer`` (0-based), z shaped (seeds, batch, units):
        the values of ``act.f_and_df(z)``, from the kernel that shares the work of f and f'
        where the activation has one; for PReLU phi' is 1 where z > 0 and the slope a elsewhere
        (torch's convention at 0)."""
        if self.learns_slopes:
            return self.phi(z, layer), np.where(z > 0, 1.0, self.slopes[layer][:, None, :])
        if self.act.f_df is not None:
            return self.act.f_df(z, **self.act_params)
        return self.act.f(z, **self.act_params), self.act.df(z, **self.act_params)

    def slope_gradient(self, back: np.ndarray, z: np.ndarray, out: np.ndarray) -> np.ndarray:
        """PReLU: the gradient of the slopes, the sum over the batch (and over the units, for one
        slope per layer) of ``back`` * min(z, 0), ``back`` being dl/dphi(z) of the layer;
        written to ``out`` (seeds, 1 or units)."""
        product = np.minimum(z, 0.0)
        product *= back
        if self.slope_sharing == "layer":
            return np.sum(product.sum(axis=1), axis=1, keepdims=True, out=out)
        return np.sum(product, axis=1, out=out)

    def forward(self, x: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Pre-activations z^1..z^L and activations a^0..a^{L-1}, each (seeds, batch, units);
        ``x`` is (batch, features), shared by the seeds, or (seeds, batch, features)."""
        run = Pass(self, x.shape[-2], backward=False)
        run.forward(x, derivatives=False)
        return run.pre, [x, *run.post]

    def batched_loss_and_gradients(self, x: np.ndarray, y: np.ndarray, loss: str = "cross_entropy"
                                   ) -> tuple[np.ndarray, list[np.ndarray], list[np.ndarray]]:
        """(loss per seed, gradients in :meth:`parameter_list` order, pre-activations z^1..z^L),
        in new arrays (a training loop reuses one :class:`~.backprop.Pass` instead)."""
        run = Pass(self, x.shape[-2])
        value = run.loss_and_gradients(x, y, loss)
        return value, run.gradients, run.pre

    def loss_and_gradients(self, x: np.ndarray, y: np.ndarray, loss: str = "cross_entropy"
                           ) -> tuple[float | np.ndarray, list[np.ndarray]]:
        """The mean loss over the batch and its gradient with respect to every parameter,
        in the order of :meth:`parameters`.

        ``loss="cross_entropy"``: :math:`\\ell = \\mathrm{mean}_b [\\log\\sum_k e^{z_{bk}} - z_{b y_b}]`
        (log-sum-exp with the maximum factored out), ``y`` integer classes; ``loss="mse"``:
        :math:`\\ell = \\mathrm{mean}_{b,k} (z_{bk} - y_{bk})^2`, ``y`` shaped like the output.
        """
        x, y = self.check_batch(x, y, loss)
        value, grads, _ = self.batched_loss_and_gradients(x, y, loss)
        if self.batched:
            return value, grads
        return float(value[0]), [g[0] for g in grads]

    def check_batch(self, x: np.ndarray, y: np.ndarray, loss: str) -> tuple[np.ndarray, np.ndarray]:
        """``x`` and ``y`` as float64/int arrays of the shapes the network takes, or an ActvizError."""
        if loss not in LOSSES:
            raise ActvizError(f"unknown loss '{loss}': expected {' or '.join(LOSSES)}")
        x = np.asarray(x, dtype=np.float64)
        if x.ndim != 2 or x.shape[1] != self.widths[0]:
            raise ActvizError(f"invalid x of shape {x.shape}: expected (batch, {self.widths[0]})")
        y = np.asarray(y)
        if loss == "cross_entropy":
            if y.shape != x.shape[:1] or y.dtype.kind not in "iu" or y.min() < 0 or y.max() >= self.widths[-1]:
                raise ActvizError(f"invalid y: expected {x.shape[0]} integer classes in 0..{self.widths[-1] - 1}")
        elif y.shape != (x.shape[0], self.widths[-1]):
            raise ActvizError(f"invalid y of shape {y.shape}: expected {(x.shape[0], self.widths[-1])}")
        return x, y
