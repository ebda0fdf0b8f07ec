"""The one entry model: what every catalogue entry is.

:class:`Entry` holds what every activation has, pointwise or not: its name,
family, parameters (with the literature's defaults, validated and bound by
:meth:`Entry.with_params`), summary, reference, notes, spec and label, and the
dtype policy (float16/float32/float64 are kept, integers and booleans become
float64, the work is done in float64 and rounded once, overflow-safely).
:class:`Activation` is the pointwise kind, ``f: R -> R`` with exact ``f'`` and
``f''``; :class:`~actviz.catalog.vector.VectorActivation` maps several numbers
to one or several (softmax, the GLU family, maxout).

A pointwise entry supplies three *kernels* ``f``, ``df`` and ``d2f``. A kernel
receives a float64 ``numpy.ndarray`` (never a scalar, never another dtype) and
the parameters as keyword arguments, must not modify its input, and returns a
float64 array of the same shape. It must be exact to a few units in the last
place over the whole float64 line (``±0``, subnormals, ``±1.7e308``, ``±inf``)
without any floating-point warning, and must map nan to nan.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from . import _malloc
from .errors import ActvizError, ParameterError, did_you_mean

Kernel = Callable[..., np.ndarray]
"""``kernel(x: float64 ndarray, **params) -> float64 ndarray`` of the same shape."""

_KEPT_DTYPES = (np.dtype(np.float16), np.dtype(np.float32), np.dtype(np.float64))
NUMBER_SYNTAX = r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
"""An unsigned number literal in ASCII: ``1``, ``1.5``, ``.5``, ``2e-3``."""
SIGNED_NUMBER = re.compile(r"[+-]?" + NUMBER_SYNTAX)
"""A number literal with an optional sign, in ASCII: the values of ``name=value`` parameters."""
_BLOCK = 32768  # values per block: a kernel's float64 temporaries (256 KiB each) stay in L2


@dataclass(frozen=True)
class Param:
    """A scalar parameter with its default and its domain.

    The domain is the interval between ``lower`` and ``upper``, open at an end
    whose ``*_open`` flag is set; parameters are always finite numbers.
    """

    name: str
    default: float
    doc: str
    lower: float = -math.inf
    upper: float = math.inf
    lower_open: bool = False
    upper_open: bool = False
    integer: bool = False
    narrowed: bool = False
    """The domain is narrower than the mathematics allows: where the kernels are exact."""

    def domain(self) -> str:
        """Human-readable domain, e.g. ``"alpha > 0"`` or ``"0 <= p <= 1"``."""
        if self.narrowed:
            return self._interval() + " (limited to where the kernels are exact)"
        return self._interval()

    def _interval(self) -> str:
        kind = "an integer" if self.integer else "a number"
        has_lo, has_hi = math.isfinite(self.lower), math.isfinite(self.upper)
        lo_op = "<" if self.lower_open else "<="
        hi_op = "<" if self.upper_open else "<="
        if has_lo and has_hi:
            return f"{kind} with {self.lower:g} {lo_op} {self.name} {hi_op} {self.upper:g}"
        if has_lo:
            return f"{kind} with {self.name} {'>' if self.lower_open else '>='} {self.lower:g}"
        if has_hi:
            return f"{kind} with {self.name} {hi_op} {self.upper:g}"
        return "any integer" if self.integer else "any finite number"

    def validate(self, value: object, owner: str) -> float:
        """Return ``value`` as a float, or raise :class:`ParameterError` naming it."""
        shown = repr(value)
        if len(shown) > 40:  # 10**400 has 401 digits
            shown = f"{shown[:12]}... ({len(shown)} characters)"
        problem = f"invalid value {shown} for parameter '{self.name}' of {owner}: expected {self.domain()}"
        if isinstance(value, str):
            if not SIGNED_NUMBER.fullmatch(value.strip()):  # float() alone would take '１.5', '1_0', 'nan'
                raise ParameterError(problem)
            value = float(value)
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise ParameterError(problem)
        try:
            number = float(value)
        except OverflowError:  # a Python int beyond float64 (10**400)
            raise ParameterError(problem + f" (at most {np.finfo(np.float64).max:.6g} in size)") from None
        if not math.isfinite(number):
            raise ParameterError(problem)
        if self.integer and number != int(number):
            raise ParameterError(problem)
        below = number <= self.lower if self.lower_open else number < self.lower
        above = number >= self.upper if self.upper_open else number > self.upper
        if below or above:
            raise ParameterError(problem)
        return number


SCALE_RANGE = (1e-100, 1e100)
"""The domain of a positive scale parameter (a factor on x, on the output, or an
exponent's rate). Mathematically any positive number would do, but at 5e-324 or
1e308 the scale itself overflows the kernels' intermediate products (s * x, 1/s,
s**2) and their results lose all accuracy (found by issue 15's edge fuzzing);
within [1e-100, 1e100] every such product of s with an x up to 1e200 stays finite."""


def scale_param(name: str, default: float, doc: str) -> Param:
    """A positive scale parameter with the domain :data:`SCALE_RANGE` (narrowed, and saying so)."""
    return Param(name, default, doc, lower=SCALE_RANGE[0], upper=SCALE_RANGE[1], narrowed=True)


@dataclass(frozen=True)
class Kink:
    """A point where f or one of its derivatives is not continuous.

    ``convention`` says which value the derivative takes exactly there, e.g.
    ``"relu'(0) = 0, as in torch and jax"``.
    """

    x: float
    convention: str


@dataclass(frozen=True)
class Reference:
    """Where an activation comes from."""

    authors: str
    year: int
    title: str
    url: str

    def __str__(self) -> str:
        return f"{self.authors} ({self.year}). {self.title}. {self.url}"


def _no_kinks(**_params: float) -> tuple[Kink, ...]:
    return ()


@dataclass(frozen=True, eq=False, kw_only=True)
class Entry:
    """What every catalogue entry has: a name, a family, parameters and a description.

    Parameters are declared as :class:`Param` and bound with :meth:`with_params`
    (validated, by name); ``bound`` holds the values that differ from nothing
    (the defaults fill the rest). Fields are keyword-only.
    """

    name: str
    family: str
    latex: str = field(repr=False)
    latex_derivative: str = field(repr=False)
    summary: str = field(repr=False)
    reference: Reference = field(repr=False)
    parameters: tuple[Param, ...] = field(default=(), repr=False)
    aliases: tuple[str, ...] = field(default=(), repr=False)
    constraint: Callable[..., str | None] | None = field(default=None, repr=False)
    notes: str = field(default="", repr=False)
    bound: tuple[tuple[str, float], ...] = ()

    pointwise: ClassVar[bool]

    # -- parameters -----------------------------------------------------------
    @property
    def defaults(self) -> dict[str, float]:
        """The literature's default value of every parameter."""
        return {p.name: p.default for p in self.parameters}

    @property
    def params(self) -> dict[str, float]:
        """The parameter values this entry is evaluated with."""
        return {**self.defaults, **dict(self.bound)}

    def with_params(self, **values: object) -> Entry:
        """Return a copy with some parameters changed (validated, by name).

        Raises :class:`ParameterError` for an unknown name or a value outside
        the parameter's domain.
        """
        declared = {p.name: p for p in self.parameters}
        new = dict(self.bound)
        for key, value in values.items():
            if key not in declared:
                valid = ", ".join(declared) if declared else "none"
                raise ParameterError(
                    f"unknown parameter '{key}' for {self.name} (its parameters: {valid})"
                    + did_you_mean(key, declared)
                )
            new[key] = declared[key].validate(value, self.name)
        candidate = dataclasses.replace(self, bound=tuple((p.name, new[p.name]) for p in self.parameters if p.name in new))
        if self.constraint is not None:
            problem = self.constraint(**candidate.params)
            if problem:
                raise ParameterError(f"invalid parameters for {self.name}: {problem}")
        return candidate

    # -- naming ---------------------------------------------------------------
    @property
    def label(self) -> str:
        """``"leaky_relu (negative_slope=0.2)"``: the name with every parameter value."""
        if not self.parameters:
            return self.name
        return f"{self.name} ({', '.join(f'{k}={v:g}' for k, v in self.params.items())})"

    @property
    def spec(self) -> str:
        """The spec string that gives this entry back: ``"elu:alpha=0.5"``."""
        changed = {k: v for k, v in self.params.items() if v != self.defaults[k]}
        if not changed:
            return self.name
        return self.name + ":" + ",".join(f"{k}={v!r}" for k, v in changed.items())

    # -- notebooks (see actviz.display) ------------------------------------------
    def _repr_markdown_(self) -> str:
        """The ``actviz info`` card, for Jupyter."""
        from . import display

        return display.card_markdown(self)

    def _repr_latex_(self) -> str:
        """The formula and its derivative, for Jupyter."""
        from . import display

        return display.formula_latex(self)

    # -- dtype policy -----------------------------------------------------------
    def _input(self, x: object) -> tuple[np.ndarray, np.dtype]:
        """``x`` as an array, and the dtype to give results back in: float16/32/64
        are kept, integers and booleans give float64, anything else is refused."""
        array = np.asarray(x)
        if array.dtype in _KEPT_DTYPES:
            return array, array.dtype
        if array.dtype.kind in "biuf":
            return array, np.dtype(np.float64)
        raise ActvizError(f"cannot evaluate {self.name} on {array.dtype} input: expected real numbers")

    def _as_float64(self, x: object) -> tuple[np.ndarray, np.dtype]:
        """``x`` as a float64 array, and the dtype to give results back in (see :meth:`_input`)."""
        array, dtype = self._input(x)
        return array.astype(np.float64, copy=False), dtype


@dataclass(frozen=True, eq=False, kw_only=True)
class Activation(Entry):
    """A pointwise activation function ``f: R -> R`` with bound parameters.

    ``act(x)`` evaluates f and ``act.derivative(x, order)`` evaluates f' (order 1)
    or f'' (order 2) on a scalar or an array of any shape. float16, float32 and
    float64 inputs keep their dtype (the work is done in float64 and rounded
    once); integer and boolean inputs give float64. The input is never modified.
    """

    f: Kernel = field(repr=False)
    df: Kernel = field(repr=False)
    d2f: Kernel = field(repr=False)
    kink_points: Callable[..., tuple[Kink, ...]] = field(default=_no_kinks, repr=False)
    # Optional: (f, f') from one pass, sharing the work (one exponential for both, say).
    f_df: Callable[..., tuple[np.ndarray, np.ndarray]] | None = field(default=None, repr=False)
    # True where the f and f' kernels also run natively on float32 arrays (every operation keeps
    # the dtype; NumPy's float32 exp, log, tanh, sin are SIMD): float32 input is then evaluated in
    # float32, re-proven within the catalogue's float32 bound by tests/catalog/test_accuracy.py.
    # False: float32 input is computed in float64 and rounded once.
    native_float32: bool = field(default=False, repr=False)

    pointwise: ClassVar[bool] = True

    @property
    def kinks(self) -> tuple[Kink, ...]:
        """The points where f, f' or f'' jump, at the bound parameters."""
        return self.kink_points(**self.params)

    @property
    def plot(self):  # noqa: ANN201  (an actviz.display.PlotAccessor)
        """Plots of this activation, xarray's accessor: ``act.plot()`` draws f on
        ``plt.gca()``, ``act.plot(1)`` f', ``act.plot.saturation()``,
        ``act.plot.figure(derivative=True)``; see :mod:`actviz.plot`. matplotlib is
        imported only when one is called."""
        from . import display

        return display.PlotAccessor(self)

    def _repr_png_(self) -> bytes:
        """f and f' as a PNG, for Jupyter (imports matplotlib)."""
        from . import display

        return display.activation_png(self)

    # -- evaluation -----------------------------------------------------------
    def __call__(self, x: object) -> np.ndarray:
        """f(x), elementwise."""
        return self._evaluate(x, self.f, self.native_float32)[0]

    def derivative(self, x: object, order: int = 1) -> np.ndarray:
        """f'(x) for ``order=1``, f''(x) for ``order=2``, elementwise."""
        if order == 1:
            return self._evaluate(x, self.df, self.native_float32)[0]
        if order == 2:
            return self._evaluate(x, self.d2f)[0]
        raise ActvizError(f"invalid derivative order {order!r}: expected 1 or 2")

    def f_and_df(self, x: object) -> tuple[np.ndarray, np.ndarray]:
        """``(f(x), f'(x))``, the same values as ``act(x)`` and ``act.derivative(x)``, in one pass.

        For code that needs both (a deep stack's forward pass, a training step, a plot
        of f and f'): entries whose f and f' share their expensive part (sigmoid and
        sigmoid' one exponential e^{-|x|}, gelu's Phi and phi one Gaussian factor) compute
        it once, in cache-sized blocks; the others evaluate f and f' one after the other.
        """
        if self.f_df is None or (self.native_float32 and self._input(x)[1] == np.float32):
            return self(x), self.derivative(x)
        return self._evaluate(x, self.f_df)

    def _evaluate(self, x: object, kernel: Callable[..., object], native32: bool = False) -> tuple[np.ndarray, ...]:
        """kernel's results (one array, or a tuple of them) under the dtype policy, as a tuple;
        ``native32``: float32 input goes to the kernel as it is (see ``native_float32``)."""
        array, dtype = self._input(x)
        params = self.params

        if native32 and dtype == np.float32 and _float32_exact(params):

            def evaluate(values: np.ndarray) -> tuple[np.ndarray, ...]:
                return (kernel(values, **params),)

        else:

            def evaluate(values: np.ndarray) -> tuple[np.ndarray, ...]:
                results = kernel(values.astype(np.float64, copy=False), **params)
                return tuple(round_to(r, dtype) for r in (results if isinstance(results, tuple) else (results,)))

        if array.size <= _BLOCK:
            results = evaluate(array)
            return tuple(r[()] for r in results) if array.ndim == 0 else results
        # Large arrays go through in blocks, so a kernel's temporaries stay in cache
        # (measured 20-30% faster than whole-array passes at 10^7 values), and in the
        # heap from block to block (see _malloc: without it, glibc trimmed the heap top after
        # every block and faulted it in again: gelu_tanh' on 10^7 values 342 -> 129 ms of CPU).
        _malloc.retain_freed_memory()
        flat = array.reshape(-1)
        first = evaluate(flat[:_BLOCK])
        outs = [np.empty(flat.shape, dtype) for _ in first]
        for start in range(0, flat.size, _BLOCK):
            block = first if start == 0 else evaluate(flat[start : start + _BLOCK])
            for out, result in zip(outs, block):
                out[start : start + _BLOCK] = result
        return tuple(out.reshape(array.shape) for out in outs)


def _float32_exact(params: Mapping[str, float]) -> bool:
    """Whether every parameter is a float32 number: a native float32 kernel compares and
    multiplies with float32(value), which must be the value itself (hardtanh's max_val = 0.3
    would move its kink to 0.30000001). A value beyond float32's range (elu's alpha = 1e100)
    is not one, and is not cast (the cast warned)."""
    largest = float(np.finfo(np.float32).max)
    return all(abs(value) <= largest and float(np.float32(value)) == value for value in params.values())


def round_to(result: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """Round float64 ``result`` to ``dtype``; magnitudes that round beyond the
    dtype's largest number become ±inf without numpy's cast RuntimeWarning (an
    honest overflow, e.g. exp(100) in float32, is the right answer, not an error).
    The threshold is the largest number plus half its ulp: 2**128 - 2**103 for float32."""
    if dtype == np.float64:
        return result
    info = np.finfo(dtype)
    threshold = math.ldexp(1.0, info.maxexp) - math.ldexp(1.0, info.maxexp - info.nmant - 2)
    if result.size and -threshold < result.min() and result.max() < threshold:
        # The usual case, checked by two reductions without temporaries (nan fails the
        # test and takes the general path, which keeps it): a plain rounding.
        return result.astype(dtype)
    overflowed = np.abs(result) >= threshold
    return np.where(overflowed, np.copysign(np.inf, result), result).astype(dtype)
