"""The built-in functions of the formula language: how each is evaluated,
differentiated and typeset.

Catalogue activations (``tanh``, ``sigmoid``, ``gelu``...) are not listed
here: a formula calls them through the registry, with their own stable
kernels and derivatives.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..catalog import _special
from .tree import Node, add, call, div, mul, neg, num, power, sub


@dataclass(frozen=True)
class Builtin:
    """A built-in function of ``arity`` arguments.

    ``evaluate`` takes float64 arrays; ``partials(*args)`` gives the partial
    derivative with respect to each argument as trees (``where`` is handled by
    the differentiator itself). ``kink`` says the derivative jumps where the
    first argument (or the difference of the two arguments of max/min) is zero.
    """

    name: str
    arity: int
    evaluate: Callable[..., np.ndarray]
    partials: Callable[..., tuple[Node, ...]] | None
    latex: str
    kink: bool = False


def _heaviside(u: np.ndarray) -> np.ndarray:
    return np.heaviside(u, 0.5)


def _where(c: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.where(np.isnan(c), np.nan, np.where(c != 0, a, b))


_TWO_OVER_SQRT_PI = 2.0 / math.sqrt(math.pi)


def _zero(*_args: Node) -> tuple[Node, ...]:
    return (num(0.0),)


def _max_partials(a: Node, b: Node) -> tuple[Node, ...]:
    # H(0) = 1/2: at a tie the slope is the mean of the two slopes (as in jax).
    return call("heaviside", sub(a, b)), call("heaviside", sub(b, a))


def _min_partials(a: Node, b: Node) -> tuple[Node, ...]:
    return call("heaviside", sub(b, a)), call("heaviside", sub(a, b))


_TABLE = (
    Builtin("exp", 1, np.exp, lambda u: (call("exp", u),), r"e^{%s}"),
    Builtin("log", 1, np.log, lambda u: (div(num(1.0), u),), r"\log(%s)"),
    Builtin("log1p", 1, np.log1p, lambda u: (div(num(1.0), add(num(1.0), u)),), r"\log(1 + %s)"),
    Builtin("expm1", 1, np.expm1, lambda u: (call("exp", u),), r"(e^{%s} - 1)"),
    Builtin("sqrt", 1, np.sqrt, lambda u: (div(num(0.5), call("sqrt", u)),), r"\sqrt{%s}"),
    Builtin("abs", 1, np.abs, lambda u: (call("sign", u),), r"\left|%s\right|", kink=True),
    Builtin("sign", 1, np.sign, _zero, r"\mathrm{sign}(%s)", kink=True),
    Builtin("heaviside", 1, _heaviside, _zero, r"\mathrm{H}(%s)", kink=True),
    Builtin("sin", 1, np.sin, lambda u: (call("cos", u),), r"\sin(%s)"),
    Builtin("cos", 1, np.cos, lambda u: (neg(call("sin", u)),), r"\cos(%s)"),
    Builtin("tan", 1, np.tan, lambda u: (add(num(1.0), power(call("tan", u), num(2.0))),), r"\tan(%s)"),
    Builtin("arctan", 1, np.arctan, lambda u: (div(num(1.0), add(num(1.0), power(u, num(2.0)))),), r"\arctan(%s)"),
    Builtin("sinh", 1, np.sinh, lambda u: (call("cosh", u),), r"\sinh(%s)"),
    Builtin("cosh", 1, np.cosh, lambda u: (call("sinh", u),), r"\cosh(%s)"),
    # no built-in erf: erf(x) is the catalogue's entry, whose derivatives are exact
    # (2/sqrt(pi) exp(-u**2) here was 250 ulp off near u = 25, where u**2's rounding is magnified)
    Builtin(
        "erfc", 1, _special.erfc,
        lambda u: (mul(num(-_TWO_OVER_SQRT_PI), call("exp", neg(power(u, num(2.0))))),), r"\mathrm{erfc}(%s)",
    ),
    Builtin("max", 2, np.maximum, _max_partials, r"\max(%s, %s)", kink=True),
    Builtin("min", 2, np.minimum, _min_partials, r"\min(%s, %s)", kink=True),
    Builtin("where", 3, _where, None, r"\mathrm{where}(%s,\ %s,\ %s)", kink=True),
)

BUILTINS: dict[str, Builtin] = {b.name: b for b in _TABLE}
"""Every built-in function by name."""

CONSTANTS = {"pi": math.pi, "e": math.e}
"""The named constants."""
