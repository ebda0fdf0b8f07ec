"""The expression tree of a formula and the simplifying constructors the
derivative is built with.

A :class:`Node` is immutable and compared by identity; derivative trees share
subtrees with the formula (a DAG), so every walk over them memoises by ``id``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np

NUM = "num"  # a float constant; ``name`` keeps its source text ("pi", "1.5") if any
VAR = "x"
PARAM = "param"  # a named parameter of the formula
NEG = "neg"
ADD = "+"
SUB = "-"
MUL = "*"
DIV = "/"
POW = "**"
CMP = "cmp"  # ``name`` is one of < <= > >=; the value is 1.0 or 0.0
CALL = "call"  # a built-in function (exp, max, where...)
CATALOGUE = "catalogue"  # derivative ``order`` of a catalogue activation, with ``keywords``



@dataclass(frozen=True, eq=False)
class Node:
    """One node of a formula: its ``kind``, operands and kind-specific data.

    ``depth`` (levels below and including this node) and ``variable`` (whether
    x occurs in it) are computed once at construction.
    """

    kind: str
    args: tuple[Node, ...] = ()
    value: float = 0.0
    name: str = ""
    keywords: tuple[tuple[str, Node], ...] = ()
    order: int = 0
    depth: int = field(init=False, repr=False)
    variable: bool = field(init=False, repr=False)

    def __post_init__(self) -> None:
        children = self.children()
        object.__setattr__(self, "depth", 1 + max((c.depth for c in children), default=0))
        object.__setattr__(self, "variable", self.kind == VAR or any(c.variable for c in children))

    def children(self) -> tuple[Node, ...]:
        """The operands, then the values of the keyword arguments."""
        return self.args + tuple(node for _, node in self.keywords)


X = Node(VAR)


def walk(tree: Node) -> Iterator[Node]:
    """Every distinct node of ``tree`` once, parents before children, without recursion."""
    seen: set[int] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if id(node) not in seen:
            seen.add(id(node))
            yield node
            stack.extend(reversed(node.children()))


def num(value: float, name: str = "") -> Node:
    """A constant (always a float)."""
    return Node(NUM, value=float(value), name=name)


def _is(node: Node, value: float) -> bool:
    return node.kind == NUM and node.value == value


def _negated(node: Node) -> Node | None:
    """-node without a sign if node visibly carries one (-u, -2, -2*u), else None."""
    if node.kind == NEG:
        return node.args[0]
    if node.kind == NUM and node.value < 0:
        return num(-node.value)
    if node.kind == MUL and node.args[0].kind == NUM and node.args[0].value < 0:
        return mul(num(-node.args[0].value), node.args[1])
    return None


def fold(kind: str, a: float, b: float) -> float:
    """``a <op> b`` in float64 with IEEE results (``9.0**1e9`` is inf, ``1/0`` is inf)."""
    with np.errstate(all="ignore"):
        return float(_FOLD[kind](np.float64(a), np.float64(b)))


_FOLD = {ADD: np.add, SUB: np.subtract, MUL: np.multiply, DIV: np.divide, POW: np.power}


def _folding(kind: str) -> Callable[[Callable[[Node, Node], Node]], Callable[[Node, Node], Node]]:
    """Wrap a binary constructor so that two constants fold into one first."""

    def wrap(simplify: Callable[[Node, Node], Node]) -> Callable[[Node, Node], Node]:
        @functools.wraps(simplify)
        def build(a: Node, b: Node) -> Node:
            if a.kind == NUM and b.kind == NUM:
                return num(fold(kind, a.value, b.value))
            return simplify(a, b)

        return build

    return wrap


def neg(a: Node) -> Node:
    """-a, simplified."""
    if a.kind == NUM:
        return num(-a.value)
    if a.kind == NEG:
        return a.args[0]
    if a.kind == MUL and a.args[0].kind == NUM:
        return mul(num(-a.args[0].value), a.args[1])
    return Node(NEG, (a,))


@_folding(ADD)
def add(a: Node, b: Node) -> Node:
    """a + b, simplified."""
    if _is(a, 0.0):
        return b
    if _is(b, 0.0):
        return a
    if _negated(b) is not None:
        return sub(a, _negated(b))
    if _negated(a) is not None:
        return sub(b, _negated(a))
    return Node(ADD, (a, b))


@_folding(SUB)
def sub(a: Node, b: Node) -> Node:
    """a - b, simplified."""
    if _is(b, 0.0):
        return a
    if _is(a, 0.0):
        return neg(b)
    if _negated(b) is not None:
        return add(a, _negated(b))
    return Node(SUB, (a, b))


@_folding(MUL)
def mul(a: Node, b: Node) -> Node:
    """a * b, simplified (constants first and merged, signs pulled out)."""
    if _is(a, 0.0) or _is(b, 0.0):
        return num(0.0)
    if b.kind == NUM or (b.kind == PARAM and a.kind not in (NUM, PARAM)):
        a, b = b, a  # constants, then parameters, first: 2*b*f(x)
    if _is(a, 1.0):
        return b
    if _is(a, -1.0):
        return neg(b)
    if a.kind == NEG:
        return neg(mul(a.args[0], b))
    if b.kind == NEG:
        return neg(mul(a, b.args[0]))
    if a.kind == NUM and b.kind in (MUL, DIV) and b.args[0].kind == NUM:  # 2*(3*u) = 6*u, 2*(0.5/u) = 1/u
        return (mul if b.kind == MUL else div)(num(fold(MUL, a.value, b.args[0].value)), b.args[1])
    if a.kind != NUM and b.kind == MUL and b.args[0].kind == NUM:  # u*(2*v) = 2*(u*v)
        return mul(b.args[0], mul(a, b.args[1]))
    if a.kind == MUL and a.args[0].kind == NUM:  # (2*u)*v = 2*(u*v)
        return mul(a.args[0], mul(a.args[1], b))
    return Node(MUL, (a, b))


@_folding(DIV)
def div(a: Node, b: Node) -> Node:
    """a / b, simplified."""
    if _is(a, 0.0):
        return num(0.0)
    if _is(b, 1.0):
        return a
    if _negated(a) is not None:
        return neg(div(_negated(a), b))
    return Node(DIV, (a, b))


@_folding(POW)
def power(a: Node, b: Node) -> Node:
    """a ** b, simplified."""
    if _is(b, 1.0):
        return a
    if _is(b, 0.0):
        return num(1.0)
    if a.kind == NEG and b.kind == NUM and b.value % 2 == 0:  # (-u)**2 = u**2
        return power(a.args[0], b)
    return Node(POW, (a, b))


def call(name: str, *args: Node) -> Node:
    """The built-in function ``name`` applied to ``args``."""
    return Node(CALL, args, name=name)
