"""A formula spec -> an :class:`~actviz.entry.Activation` like any catalogue entry."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .. import registry
from ..entry import Activation, Kernel, Param, Reference
from ..errors import ActvizError, ParameterError, did_you_mean
from .derive import derivative
from .evaluate import evaluate
from .kinks import kinks
from .parser import parse
from .render import LATEX_NODE_LIMIT, expanded_size, to_latex, to_text
from .tree import CATALOGUE, PARAM, Node, walk

FAMILY = "formula"


@dataclass(frozen=True, eq=False, kw_only=True)
class FormulaActivation(Activation):
    """An activation given by a user formula; its spec always carries every
    parameter value, since a formula has no defaults of its own."""

    @property
    def spec(self) -> str:
        """``"x*sigmoid(b*x):b=1.5"``: the formula with every parameter value."""
        if not self.parameters:
            return self.name
        return self.name + ":" + ",".join(f"{k}={v!r}" for k, v in self.params.items())


def _parameter_names(tree: Node) -> list[str]:
    return sorted({node.name for node in walk(tree) if node.kind == PARAM})


def _catalogue_constraint(tree: Node) -> Callable[..., str | None]:
    """A check that every catalogue call's keyword parameters are valid at the
    formula's parameter values (``relun(x, max_value=m)`` needs m > 0)."""
    calls = [node for node in walk(tree) if node.kind == CATALOGUE and node.keywords]

    def constraint(**params: float) -> str | None:
        for node in calls:
            values = {key: float(evaluate(value, np.zeros(()), params)) for key, value in node.keywords}
            try:
                registry.lookup(node.name).with_params(**values)
            except ActvizError as error:
                return str(error)
        return None

    return constraint


def _kernel(tree: Node) -> Kernel:
    def kernel(x: np.ndarray, **params: float) -> np.ndarray:
        return evaluate(tree, x, params)

    return kernel


def _derivative_latex(tree: Node) -> str:
    if expanded_size(tree) > LATEX_NODE_LIMIT:
        return r"f'(x) = \frac{d}{dx} f(x)"
    return "f'(x) = " + to_latex(tree)


def formula(text: str, **values: object) -> Activation:
    """The activation given by the formula ``text`` in x, with its parameters' values.

    ``formula("x*sigmoid(b*x)", b=1.5)``; spec strings with the values after a
    colon (``"x*sigmoid(b*x):b=1.5"``) go through :func:`actviz.get`. Every
    parameter of the formula needs a value; f' and f'' are the symbolic
    derivatives of the parsed tree.
    """
    tree = parse(text)
    name = to_text(tree)
    needed = _parameter_names(tree)
    for key in values:
        if key not in needed:
            valid = ", ".join(needed) if needed else "none"
            raise ParameterError(
                f"unknown parameter '{key}' for {name} (its parameters: {valid})" + did_you_mean(key, needed)
            )
    missing = [key for key in needed if key not in values]
    if missing:
        key = missing[0]
        raise ParameterError(
            f"no value for '{key}' in {name}: give one in the spec, '{name}:{key}=1.0'"
            + did_you_mean(key, ["x", "pi", "e"])
        )
    parameters = tuple(
        Param(key, Param(key, 0.0, "").validate(values[key], name), "a parameter of the formula") for key in needed
    )
    first = derivative(tree)
    second = derivative(first)
    act = FormulaActivation(
        name=name,
        family=FAMILY,
        f=_kernel(tree),
        df=_kernel(first),
        d2f=_kernel(second),
        latex="f(x) = " + to_latex(tree),
        latex_derivative=_derivative_latex(first),
        summary=(
            "A formula of your own, parsed (never executed) by actviz.expr. Its first and second "
            "derivatives are symbolic, through the catalogue's own stable derivatives for the "
            "activations it calls; its kinks are the zeros of its abs, sign, max, min, where and "
            "comparison parts and the catalogue kinks."
        ),
        reference=Reference("user-defined", time.gmtime().tm_year, f"the formula {name}", "(no reference)"),
        parameters=parameters,
        kink_points=lambda **p: kinks(tree, p),
        constraint=_catalogue_constraint(tree),
        notes="kinks of non-affine parts are located numerically on [-1e6, 1e6] and may be incomplete",
    )
    problem = act.constraint(**act.params)
    if problem:
        raise ParameterError(f"invalid parameters for {name}: {problem}")
    return act
