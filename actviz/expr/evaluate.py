"""NumPy evaluation of formula trees.

Policy: the formula's own operations (arithmetic and built-in functions)
follow IEEE 754 silently: ``log(-1)`` is nan, ``1/0`` is inf, ``exp(1000)``
is inf, with no RuntimeWarning, because those are the true floating-point
values of the expression the user wrote. Catalogue activations called inside
a formula run their own kernels *outside* that silence, so a warning from a
catalogue formula still surfaces as the bug it is. A nan input always gives
nan, as for catalogue entries. At x = ±inf a formula gives the IEEE value of
its expression, not its limit: ``x*tanh(softplus(x))`` at -inf is -inf*0 = nan
where the catalogue's mish returns its limit 0 (the property analysis then
takes the limit from far finite points).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .. import registry
from .functions import BUILTINS
from .tree import CALL, CATALOGUE, CMP, NEG, NUM, PARAM, VAR, Node

_ARITHMETIC = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide, "**": np.power}
_COMPARE = {"<": np.less, "<=": np.less_equal, ">": np.greater, ">=": np.greater_equal}


def evaluate(tree: Node, x: np.ndarray, params: Mapping[str, float]) -> np.ndarray:
    """The value of ``tree`` at every point of the float64 array ``x`` (a new
    float64 array of the same shape), with ``params`` bound by name.

    The walk is iterative (post-order on an explicit stack) and evaluates a
    subtree shared by several parents once.
    """
    values: dict[int, object] = {}
    stack: list[tuple[Node, bool]] = [(tree, False)]
    while stack:
        node, ready = stack.pop()
        if id(node) in values:
            continue
        if ready:
            values[id(node)] = _apply(node, values, x, params)
        else:
            stack.append((node, True))
            stack.extend((child, False) for child in node.children() if id(child) not in values)
    result = np.array(np.broadcast_to(values[id(tree)], x.shape), dtype=np.float64)
    result[np.isnan(x)] = np.nan
    return result


def _apply(node: Node, values: dict[int, object], x: np.ndarray, params: Mapping[str, float]) -> object:
    kind = node.kind
    if kind == NUM:
        return node.value
    if kind == VAR:
        return x
    if kind == PARAM:
        return params[node.name]
    args = [values[id(a)] for a in node.args]
    if kind == CATALOGUE:
        entry = registry.lookup(node.name)
        kernel = (entry.f, entry.df, entry.d2f)[node.order]
        keywords = {key: float(values[id(value)]) for key, value in node.keywords}
        argument = np.array(np.broadcast_to(args[0], x.shape), dtype=np.float64)
        return kernel(argument, **{**entry.params, **keywords})
    with np.errstate(all="ignore"):
        if kind == NEG:
            return np.negative(np.asarray(args[0], dtype=np.float64))
        if kind == CMP:
            a, b = (np.asarray(v, dtype=np.float64) for v in args)
            truth = _COMPARE[node.name](a, b).astype(np.float64)
            return np.where(np.isnan(a) | np.isnan(b), np.nan, truth)
        if kind == CALL:
            return BUILTINS[node.name].evaluate(*(np.asarray(a, dtype=np.float64) for a in args))
        a, b = (np.asarray(v, dtype=np.float64) for v in args)
        return _ARITHMETIC[kind](a, b)
