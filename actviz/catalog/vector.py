"""Activations that are not pointwise: softmax, the GLU family and maxout.

Each takes more than one number (a vector of logits, a value and a gate, k
pre-activations), so it is not an :class:`~actviz.entry.Activation`. Each
still has a pointwise *curve*, an ordinary :class:`Activation` that the
property analysis and the plots handle like any other: the two-logit softmax
``x -> softmax([x, 0])_0`` (the sigmoid of x/T), the diagonal ``x -> f(x, x)``
of a GLU, and maxout of the pieces ``w_j x + b_j``.

The slope bands of PReLU and RReLU (:func:`slope_band`) live here too: those
two are pointwise, but their slope is learnt or random, so they are drawn as
a family of curves.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import ClassVar
from dataclasses import dataclass, field

import numpy as np

from .. import registry
from ..entry import Activation, Entry, Kink, Param, Reference, round_to
from ..errors import ActvizError, ParameterError
from ..registry import register
from . import _overflow, _stable

FAMILY = "vector"

@dataclass(frozen=True, eq=False, kw_only=True)
class VectorActivation(Entry):
    """A catalogue entry that maps several numbers to one or several.

    Its description, parameters, spec and dtype policy are every entry's
    (:class:`~actviz.entry.Entry`); ``signature`` says what it maps to what, and
    ``latex_derivative`` gives its Jacobian or gradient. Results go back in the
    input's dtype through :meth:`_output`, which rounds overflow-safely.
    """

    signature: str = field(repr=False)
    family: str = FAMILY

    pointwise: ClassVar[bool] = False
    kinks: ClassVar[tuple[Kink, ...]] = ()

    @staticmethod
    def _output(result: np.ndarray, dtype: np.dtype) -> np.ndarray:
        """A float64 ``result`` in ``dtype``: beyond the dtype's range it is ±inf,
        without numpy's cast warning (see :func:`~actviz.entry.round_to`)."""
        rounded = round_to(np.asarray(result, dtype=np.float64), dtype)
        return rounded[()] if rounded.ndim == 0 else rounded

    def curve(self) -> Activation:
        """The pointwise view of this entry (see the module docstring)."""
        raise NotImplementedError


# -- softmax ---------------------------------------------------------------------------------

def _scaled_gaps(z: np.ndarray, temperature: float) -> np.ndarray:
    r""":math:`(z_i - \max_j z_j)/T` along the last axis, for rows of finite maximum.

    ``z - max`` can overflow (1e308 - (-1e308)) although the quotient by a large
    T is finite; then it is computed as :math:`2\,((z/2 - \max/2)/T)`, whose
    steps do not overflow. -inf logits give -inf.
    """
    top = np.max(z, axis=-1, keepdims=True)
    difference = _overflow.add(z, -top)
    too_far = np.isinf(difference) & np.isfinite(z)
    halves = np.where(too_far, 0.5 * z - 0.5 * top, 0.0)
    far_gaps = _overflow.multiply(_overflow.divide(halves, temperature), 2.0)
    return np.where(too_far, far_gaps, _overflow.divide(difference, temperature))


@dataclass(frozen=True)
class _SoftmaxParts:
    """softmax along the last axis as :math:`e_i / (1 + r)`: ``gaps`` :math:`(z_i - \\max z)/T`,
    ``weights`` :math:`e_i = e^{gap_i}`, ``rest`` :math:`r = \\sum_i e_i - 1` (the sum without
    one maximal entry, so :math:`\\log(1 + r)` is ``log1p(rest)``), ``top`` marks that entry."""

    gaps: np.ndarray
    weights: np.ndarray
    rest: np.ndarray
    top: np.ndarray


@dataclass(frozen=True, eq=False)
class Softmax(VectorActivation):
    r"""softmax with temperature: :math:`p_i = e^{z_i/T} / \sum_j e^{z_j/T}` along the last axis."""

    def _gaps(self, logits: object) -> tuple[np.ndarray, np.ndarray, np.dtype]:
        r"""The gaps :math:`(z_i - \max_j z_j)/T \le 0` along the last axis of ``logits`` as float64,
        the rows that have no value (a nan, or every logit -inf; their gaps are 0) and the dtype to
        give results back in. A row with +inf logits is its limit: gap 0 at each +inf logit, -inf
        elsewhere, so the maps built on gaps share the limit equally among the +inf logits."""
        z, dtype = self._as_float64(logits)
        if z.ndim == 0 or z.shape[-1] == 0:
            raise ActvizError(f"{self.name} needs at least one logit along the last axis, got shape {z.shape}")
        plus_inf = np.isposinf(z)
        has_plus_inf = plus_inf.any(axis=-1, keepdims=True)
        undefined = np.isnan(z).any(axis=-1, keepdims=True) | np.isneginf(z).all(axis=-1, keepdims=True)
        ordinary = ~(has_plus_inf | undefined)
        masked = np.where(ordinary, z, np.where(plus_inf, 0.0, -np.inf))
        masked = np.where(undefined, 0.0, masked)
        return _scaled_gaps(masked, self.params["temperature"]), undefined, dtype

    def _parts(self, logits: object) -> tuple[_SoftmaxParts, np.dtype]:
        gaps, undefined, dtype = self._gaps(logits)
        weights = np.exp(gaps)
        first_top = np.argmax(gaps, axis=-1)[..., None]
        top = np.zeros(gaps.shape, dtype=bool)
        np.put_along_axis(top, first_top, True, axis=-1)
        rest = np.sum(np.where(top, 0.0, weights), axis=-1, keepdims=True)
        nan_rows = np.where(undefined, np.nan, 0.0)
        return _SoftmaxParts(gaps + nan_rows, weights + nan_rows, rest + nan_rows, top), dtype

    def __call__(self, logits: object) -> np.ndarray:
        r""":math:`p_i = e^{g_i} / (1 + r)` with :math:`g_i = (z_i - \max z)/T \le 0`, so no
        exponential overflows and the denominator is at least 1.

        Along the last axis of an array of any shape; float16/32/64 keep their
        dtype. A row with +inf logits gives the limit (1/m on its m infinite
        logits); a row with a nan, or with every logit -inf, gives nan.
        """
        parts, dtype = self._parts(logits)
        return self._output(parts.weights / (1.0 + parts.rest), dtype)

    def probabilities(self, logits: object) -> np.ndarray:
        """The probability vector along the last axis: softmax(z/T) itself (log-softmax overrides)."""
        return self(logits)

    def log(self, logits: object) -> np.ndarray:
        r"""log-softmax :math:`\log p_i = g_i - \operatorname{log1p}(r)`, the log-sum-exp
        written so that neither the exponentials overflow nor :math:`\log` of a
        sum near 1 loses digits (:math:`\log p_{\max} = -\operatorname{log1p}(r)`)."""
        parts, dtype = self._parts(logits)
        return self._output(parts.gaps - np.log1p(parts.rest), dtype)

    def jacobian(self, logits: object) -> np.ndarray:
        r"""The Jacobian :math:`\partial p_i / \partial z_j = p_i(\delta_{ij} - p_j)/T`,
        shape ``(..., n, n)``.

        The diagonal :math:`p_i(1 - p_i)` is computed with
        :math:`1 - p_i = (1 + r - e_i)/(1 + r)`, which does not cancel when
        :math:`p_i` is close to 1 (there :math:`1 + r - e_i = r`).
        """
        parts, dtype = self._parts(logits)
        total = 1.0 + parts.rest
        p = parts.weights / total
        complement = np.where(parts.top, parts.rest, 1.0 + (parts.rest - parts.weights)) / total
        outer = -p[..., :, None] * p[..., None, :]
        every = np.arange(p.shape[-1])
        outer[..., every, every] = p * complement
        scaled = _overflow.divide(outer, self.params["temperature"])
        return self._output(scaled, dtype)

    def curve(self) -> Activation:
        r"""The two-logit softmax :math:`x \mapsto \mathrm{softmax}([x, 0])_0 = \sigma(x/T)`:
        with two classes softmax is the sigmoid of the difference of the logits."""
        temperature = self.params["temperature"]
        return scaled_curve(
            "sigmoid",
            temperature,
            name="softmax_two_logit",
            family=self.family,
            latex=rf"\mathrm{{softmax}}([x, 0])_0 = \sigma(x/T) = \frac{{1}}{{1 + e^{{-x/{temperature:g}}}}}",
            latex_derivative=rf"\frac{{d}}{{dx}}\,\sigma(x/T) = \sigma'(x/T)/T,\; T = {temperature:g}",
            summary=(
                "softmax of the two logits [x, 0], as a function of the difference x of the logits: "
                "the probability of the first class. It is exactly the logistic sigmoid of x/T, which "
                "is why a binary classifier needs one output, not two."
            ),
            reference=self.reference,
        )


def scaled_curve(base: str, temperature: float, sign: float = 1.0, **metadata: object) -> Activation:
    r"""The pointwise activation :math:`x \mapsto g(s\,x/T)` for the catalogue entry g = ``base``
    and s = ``sign`` (±1), with :math:`s g'(s x/T)/T` and :math:`g''(s x/T)/T^2`; ``metadata`` names
    and describes it (name, family, latex, latex_derivative, summary, reference)."""
    g = registry.lookup(base)

    def argument(x: np.ndarray) -> np.ndarray:
        return _overflow.divide(sign * x, temperature)

    def f(x: np.ndarray) -> np.ndarray:
        return g(argument(x))

    def df(x: np.ndarray) -> np.ndarray:
        return _overflow.divide(sign * g.derivative(argument(x), 1), temperature)

    def d2f(x: np.ndarray) -> np.ndarray:
        second = g.derivative(argument(x), 2)
        return _overflow.divide(_overflow.divide(second, temperature), temperature)

    def kinks() -> tuple[Kink, ...]:
        return tuple(Kink(sign * k.x * temperature, f"from {base}: {k.convention}") for k in g.kinks)

    return Activation(f=f, df=df, d2f=d2f, kink_points=kinks, **metadata)


register(
    Softmax(
        name="softmax",
        signature="R^n -> R^n along the last axis: a probability vector",
        latex=r"\mathrm{softmax}(z)_i = \frac{e^{z_i/T}}{\sum_j e^{z_j/T}}",
        latex_derivative=r"\frac{\partial p_i}{\partial z_j} = \frac{p_i\,(\delta_{ij} - p_j)}{T}",
        parameters=(
            Param("temperature", 1.0, "T: divides the logits; T > 1 flattens, T < 1 sharpens", lower=0.0, lower_open=True),
        ),
        summary=(
            "Turns a vector of logits into a probability vector: every output is in (0, 1) and they "
            "sum to 1, and the largest logit is amplified. The output layer of multi-class "
            "classifiers, trained with cross-entropy (log-softmax), and the attention weights of "
            "transformers. Invariant to adding a constant to every logit; computed naively with "
            "exp it overflows for logits above 709, so it is computed from z - max(z)."
        ),
        notes="torch.nn.Softmax(dim=-1) has no temperature; T = 1 is it. Distillation and sampling use T.",
        reference=Reference(
            "Bridle",
            1990,
            "Probabilistic Interpretation of Feedforward Classification Network Outputs, "
            "with Relationships to Statistical Pattern Recognition",
            "https://doi.org/10.1007/978-3-642-76153-9_28",
        ),
    )
)


# -- maxout ------------------------------------------------------------------------------------


def upper_envelope(slopes: np.ndarray, offsets: np.ndarray) -> tuple[tuple[int, ...], tuple[float, ...]]:
    r"""The pieces of :math:`\max_j(w_j x + b_j)` from left to right, and the breakpoints between them.

    Returns the indices of the pieces that are maximal on some interval, in the
    order they are maximal as x increases (slopes increasing), and the x where
    each hands over to the next. Pieces that are never maximal (dominated, or
    an equal-slope piece with a lower offset) are left out. The classic
    convex-hull sweep: piece t is dropped when the lines before and after it
    meet at or left of where it would take over.
    """
    w, b = [float(v) for v in slopes], [float(v) for v in offsets]

    def meet(i: int, j: int) -> float:  # where lines i and j cross, w_i < w_j; halves never overflow
        return (0.5 * b[i] - 0.5 * b[j]) / (0.5 * w[j] - 0.5 * w[i])

    hull: list[int] = []
    for i in sorted(range(len(w)), key=lambda j: (w[j], b[j])):
        if hull and w[hull[-1]] == w[i]:
            hull.pop()  # same slope, offset not larger
        while len(hull) >= 2 and meet(hull[-2], i) <= meet(hull[-2], hull[-1]):
            hull.pop()
        hull.append(i)
    return tuple(hull), tuple(meet(i, j) for i, j in zip(hull, hull[1:]))


@dataclass(frozen=True, eq=False)
class Maxout(VectorActivation):
    r"""Maxout of k pre-activations, :math:`\max_j z_j`; its curve is :math:`\max_j (w_j x + b_j)`.

    The pieces :math:`(w_j, b_j)` are drawn from ``seed`` (standard normal, as
    a freshly initialised maxout unit) unless given with :meth:`with_pieces`.
    """

    given_slopes: tuple[float, ...] | None = None
    given_offsets: tuple[float, ...] | None = None

    @property
    def slopes(self) -> np.ndarray:
        """The k slopes :math:`w_j`."""
        return self._pieces()[0]

    @property
    def offsets(self) -> np.ndarray:
        """The k offsets :math:`b_j`."""
        return self._pieces()[1]

    def _pieces(self) -> tuple[np.ndarray, np.ndarray]:
        if self.given_slopes is not None:
            return np.array(self.given_slopes), np.array(self.given_offsets)
        rng = np.random.default_rng(int(self.params["seed"]))
        draws = rng.standard_normal((2, int(self.params["k"])))
        return draws[0], draws[1]

    def with_pieces(self, slopes: object, offsets: object) -> Maxout:
        """This maxout with the pieces :math:`w_j x + b_j` given (k is their number)."""
        w = np.atleast_1d(np.asarray(slopes, dtype=float))
        b = np.atleast_1d(np.asarray(offsets, dtype=float))
        if w.ndim != 1 or w.shape != b.shape:
            raise ParameterError(
                f"maxout needs as many slopes as offsets: got {w.size} slopes and {b.size} offsets"
            )
        if not (np.isfinite(w).all() and np.isfinite(b).all()):
            raise ParameterError(f"maxout slopes and offsets must be finite numbers: got {w.tolist()}, {b.tolist()}")
        with_k = dataclasses.replace(self, given_slopes=None, given_offsets=None).with_params(k=w.size)
        return dataclasses.replace(with_k, given_slopes=tuple(w.tolist()), given_offsets=tuple(b.tolist()))

    def with_params(self, **values: object) -> Maxout:
        """As for any entry; with given pieces, k must stay their number."""
        changed = Entry.with_params(self, **values)
        if self.given_slopes is not None and int(changed.params["k"]) != len(self.given_slopes):
            raise ParameterError(f"this maxout has {len(self.given_slopes)} given pieces: k cannot be {changed.params['k']:g}")
        return changed

    @property
    def label(self) -> str:  # type: ignore[override]
        """``maxout (k=3, seed=0)``, or the pieces when they were given."""
        if self.given_slopes is None:
            return Entry.label.fget(self)
        return f"{self.name} (slopes={list(self.given_slopes)}, offsets={list(self.given_offsets)})"

    def active_intervals(self) -> tuple[tuple[float, float] | None, ...]:
        """For every piece, the interval of x where it is the maximum, or None if it never is."""
        active, breaks = upper_envelope(*self._pieces())
        edges = (-np.inf, *breaks, np.inf)
        where = {piece: (edges[n], edges[n + 1]) for n, piece in enumerate(active)}
        return tuple(where.get(j) for j in range(int(self.params["k"])))

    def pieces_at(self, x: object) -> np.ndarray:
        r"""The k pieces :math:`w_j x + b_j` at every x: shape ``x.shape + (k,)``."""
        x64, dtype = self._as_float64(x)
        w, b = self._pieces()
        values = _overflow.add(_overflow.multiply(x64[..., None], w), b)
        return self._output(values, dtype)

    def __call__(self, z: object) -> np.ndarray:
        r""":math:`\max_j z_j` over the last axis, which must have length k."""
        z64, dtype = self._as_float64(z)
        k = int(self.params["k"])
        if z64.ndim == 0 or z64.shape[-1] != k:
            raise ActvizError(f"maxout with k={k} takes arrays whose last axis has length {k}, got shape {z64.shape}")
        return self._output(np.max(z64, axis=-1), dtype)

    def curve(self) -> Activation:
        r""":math:`x \mapsto \max_j (w_j x + b_j)`: convex, piecewise linear, with a kink at
        every breakpoint of the upper envelope. At a breakpoint the derivative is
        the slope of the piece on the left, as relu'(0) = 0 for relu = max(0x + 0, 1x + 0)."""
        w, b = self._pieces()
        active, breaks = upper_envelope(w, b)
        active_slopes = w[list(active)]
        edges = np.array(breaks)

        def f(x: np.ndarray) -> np.ndarray:
            return np.max(self.pieces_at(x), axis=-1)

        def df(x: np.ndarray) -> np.ndarray:
            slope = active_slopes[np.searchsorted(edges, np.where(np.isnan(x), 0.0, x), side="left")]
            return np.where(np.isnan(x), np.nan, slope)

        def kinks() -> tuple[Kink, ...]:
            return tuple(
                Kink(x0, f"slope {w[i]:.4g} -> {w[j]:.4g}; the derivative there is {w[i]:.4g}, the left piece's")
                for x0, i, j in zip(breaks, active, active[1:])
            )

        return Activation(
            name=f"{self.name}_curve",
            family=self.family,
            f=f,
            df=df,
            d2f=_stable.zeros_like,
            latex=r"\mathrm{maxout}(x) = \max_j\,(w_j x + b_j)",
            latex_derivative=r"\mathrm{maxout}'(x) = w_{j^*(x)},\; j^* = \mathrm{argmax}_j\,(w_j x + b_j)",
            summary=(
                f"Maxout of {len(w)} affine pieces of a scalar input: the upper envelope of the lines "
                f"w_j x + b_j, a convex piecewise-linear curve with {len(breaks)} kink(s). With pieces "
                "0 and x it is the ReLU."
            ),
            reference=self.reference,
            kink_points=kinks,
        )


register(
    Maxout(
        name="maxout",
        signature="R^k -> R: the largest of k pre-activations w_j . x + b_j",
        latex=r"\mathrm{maxout}(z) = \max_{j \leq k}\, z_j,\; z_j = w_j x + b_j",
        latex_derivative=r"\frac{\partial\, \mathrm{maxout}}{\partial z_j} = \mathbb{1}[j = \mathrm{argmax}_i\, z_i]",
        parameters=(
            Param("k", 3.0, "number of affine pieces", lower=1.0, upper=64.0, integer=True),
            Param("seed", 0.0, "seed of the standard-normal draw of slopes and offsets", lower=0.0, integer=True),
        ),
        summary=(
            "A unit that outputs the largest of k affine functions of its input: it learns its own "
            "convex piecewise-linear activation (ReLU and leaky ReLU are maxouts of two pieces) and "
            "worked well with dropout. It costs k times the parameters and compute of a plain unit."
        ),
        notes="No framework ships maxout; the paper used k = 2 to 5. The pieces here are drawn from a seed.",
        reference=Reference(
            "Goodfellow, Warde-Farley, Mirza, Courville & Bengio",
            2013,
            "Maxout Networks",
            "https://arxiv.org/abs/1302.4389",
        ),
    )
)


# -- slope bands of PReLU and RReLU --------------------------------------------------------------


@dataclass(frozen=True)
class SlopeBand:
    """The negative-side slopes an activation can take, and the curve it uses when evaluated.

    PReLU learns its slope (the band shows where it can go: from ReLU at 0 to
    the identity at 1); RReLU draws it from U(lower, upper) at every training
    step and uses (lower + upper)/2 in evaluation mode.
    """

    activation: Activation
    low: float
    high: float
    description: str

    @property
    def evaluation_slope(self) -> float:
        """The slope of the evaluation-mode curve."""
        return float(self.activation.derivative(-1.0))

    def member(self, slope: float) -> Activation:
        """The curve with negative-side ``slope``: PReLU with that weight."""
        return registry.lookup("prelu").with_params(weight=slope)

    def slopes(self, count: int) -> np.ndarray:
        """``count`` slopes evenly spaced over the band."""
        return np.linspace(self.low, self.high, count)


def slope_band(act: Activation, low: float | None = None, high: float | None = None) -> SlopeBand:
    """The slope band of ``prelu`` or ``rrelu`` (with its parameters, e.g. ``get("rrelu:lower=0.1")``).

    The band is [lower, upper] for RReLU and [0, 1] for PReLU unless ``low``
    and ``high`` say otherwise.
    """
    if act.name == "rrelu":
        default, describe = (act.params["lower"], act.params["upper"]), "training: slope drawn from U({:.3g}, {:.3g})"
    elif act.name == "prelu":
        default, describe = (0.0, 1.0), "learnt slope, anywhere in [{:.3g}, {:.3g}]"
    else:
        raise ActvizError(f"slope bands are drawn for prelu and rrelu, not '{act.name}'")
    low = default[0] if low is None else float(low)
    high = default[1] if high is None else float(high)
    if not (np.isfinite(low) and np.isfinite(high) and low < high):
        raise ActvizError(f"invalid slope band [{low:g}, {high:g}]: expected finite low < high")
    return SlopeBand(act, low, high, describe.format(low, high))
