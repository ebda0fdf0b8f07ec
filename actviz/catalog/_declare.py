"""Catalogue entries declared by a formula over catalogue functions.

``declare("quick_gelu", "swish(x, beta=1.702)", family=..., summary=..., reference=...)``
registers an entry whose f is the formula (the language of :mod:`actviz.expr`:
x, numbers, the entry's parameters by name, built-ins and every catalogue
activation registered before it) and whose f', f'' are the formula's symbolic
derivatives, evaluated through the catalogue's own stable kernels (chain rule).
Kinks are those the formula engine finds (zeros of abs/max/min/where arguments,
the kinks of the catalogue calls), unless the entry gives its own.

An entry gets hand-written kernels (``kernels=(f, df, d2f)``, any of them None to
keep the formula's) only where the accuracy tests (tests/test_catalog_accuracy.py
against an mpmath reference) say the formula is not exact enough.

At x = ±inf a formula gives the IEEE value of its expression, which is nan where
it meets inf·0 or inf - inf (x sigmoid(x) at -inf). There the value at the
largest finite double of the same sign is used instead: for every declared
entry the accuracy tests check it against the mpmath limit.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

import numpy as np

from ..entry import Activation, Kernel, Kink, Param, Reference
from ..expr.derive import derivative
from ..expr.evaluate import evaluate
from ..expr.kinks import kinks as formula_kinks
from ..expr.parser import parse
from ..expr.render import LATEX_NODE_LIMIT, expanded_size, to_latex
from ..expr.tree import PARAM, Node, walk
from ..registry import register

_DOUBLE_MAX = float(np.finfo(np.float64).max)


def _kernel(tree: Node) -> Kernel:
    """The tree as a kernel ``k(x, **params)``, with nan at ±inf replaced by the value at ±DOUBLE_MAX."""

    def kernel(x: np.ndarray, **params: float) -> np.ndarray:
        y = evaluate(tree, x, params)
        at_infinity = np.isinf(x) & np.isnan(y)
        if at_infinity.any():
            y[at_infinity] = evaluate(tree, np.copysign(_DOUBLE_MAX, x[at_infinity]), params)
        return y

    return kernel


def _latex(name: str, tree: Node, prime: str) -> str:
    r"""``\mathrm{name}'(x) = ...``, or the bare derivative sign where the expansion would be unreadable."""
    label = r"\mathrm{" + name.replace("_", r"\_") + "}" + prime + "(x)"
    if expanded_size(tree) > LATEX_NODE_LIMIT:
        return label + r" = \frac{d}{dx}\mathrm{" + name.replace("_", r"\_") + "}(x)"
    return label + " = " + to_latex(tree)


def from_formula(
    name: str,
    formula: str,
    *,
    family: str,
    summary: str,
    reference: Reference,
    parameters: Sequence[Param] = (),
    aliases: Sequence[str] = (),
    notes: str = "",
    latex: str | None = None,
    latex_derivative: str | None = None,
    kink_points: Callable[..., tuple[Kink, ...]] | None = None,
    kernels: tuple[Kernel | None, Kernel | None, Kernel | None] = (None, None, None),
) -> Activation:
    """The entry ``name`` with f = ``formula`` (not registered: see :func:`declare`).

    The formula's free names must be exactly the names of ``parameters`` (a
    mismatch is a programming error, raised at import time as ValueError).
    ``latex``/``latex_derivative`` default to the typeset formula and its
    derivative; ``kink_points`` to the formula engine's kinks.
    """
    tree = parse(formula)
    free = sorted({node.name for node in walk(tree) if node.kind == PARAM})
    declared = sorted(p.name for p in parameters)
    if free != declared:
        raise ValueError(f"{name}: the formula's parameters {free} are not the declared ones {declared}")
    first = derivative(tree)
    second = derivative(first)
    formula_kernels = (_kernel(tree), _kernel(first), _kernel(second))
    f, df, d2f = (given or own for given, own in zip(kernels, formula_kernels))

    @functools.lru_cache(maxsize=64)
    def found_kinks(items: tuple[tuple[str, float], ...]) -> tuple[Kink, ...]:
        return formula_kinks(tree, dict(items))

    def default_kinks(**params: float) -> tuple[Kink, ...]:
        return found_kinks(tuple(sorted(params.items())))

    return Activation(
        name=name,
        family=family,
        f=f,
        df=df,
        d2f=d2f,
        latex=latex if latex is not None else _latex(name, tree, ""),
        latex_derivative=latex_derivative if latex_derivative is not None else _latex(name, first, "'"),
        summary=summary,
        reference=reference,
        parameters=tuple(parameters),
        aliases=tuple(aliases),
        kink_points=kink_points if kink_points is not None else default_kinks,
        notes=notes,
    )


def declare(name: str, formula: str, **metadata: object) -> Activation:
    """Register and return :func:`from_formula` ``(name, formula, **metadata)``: how a
    catalogue module adds an entry given by a formula over catalogue functions."""
    return register(from_formula(name, formula, **metadata))
