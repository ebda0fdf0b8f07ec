"""Symbolic differentiation of formula trees, with simplification.

The rules are the textbook ones, written so that each operand's derivative
occurs once (the result stays a DAG of linear size):

- (a b)' = a' b + a b',  (a/b)' = a'/b - (a/b)(b'/b)
- (a^c)' = c a^(c-1) a' for c free of x;  (c^b)' = c^b log(c) b' for c free of x;
  otherwise (a^b)' = a^b (b' log a + b a'/a)
- f(u)' = f'(u) u' for a built-in f (its ``partials``) or a catalogue activation,
  whose derivative of the next order comes from the catalogue itself (so its
  stable forms are kept)
- where(c, a, b)' = where(c, a', b'); comparisons, sign and heaviside have slope 0
"""

from __future__ import annotations

from .functions import BUILTINS
from .tree import (
    ADD, CALL, CATALOGUE, CMP, DIV, MUL, NEG, NUM, PARAM, POW, SUB, VAR,
    Node, add, call, div, mul, neg, num, power, sub,
)


def derivative(tree: Node) -> Node:
    """d tree / dx as a simplified tree."""
    return _Differentiator().derive(tree)


class _Differentiator:
    def __init__(self) -> None:
        self.memo: dict[int, tuple[Node, Node]] = {}

    def derive(self, node: Node) -> Node:
        known = self.memo.get(id(node))
        if known is not None:
            return known[1]
        result = self.rule(node) if node.variable else num(0.0)
        self.memo[id(node)] = (node, result)  # keeps node alive, so its id stays unique
        return result

    def rule(self, node: Node) -> Node:
        kind, args = node.kind, node.args
        if kind == VAR:
            return num(1.0)
        if kind in (NUM, PARAM, CMP):
            return num(0.0)
        if kind == NEG:
            return neg(self.derive(args[0]))
        if kind == ADD:
            return add(self.derive(args[0]), self.derive(args[1]))
        if kind == SUB:
            return sub(self.derive(args[0]), self.derive(args[1]))
        if kind == MUL:
            a, b = args
            return add(mul(self.derive(a), b), mul(a, self.derive(b)))
        if kind == DIV:
            a, b = args
            if not b.variable:
                return div(self.derive(a), b)
            return sub(div(self.derive(a), b), mul(div(a, b), div(self.derive(b), b)))
        if kind == POW:
            return self.power_rule(node)
        if kind == CALL:
            return self.call_rule(node)
        if kind == CATALOGUE:
            outer = Node(CATALOGUE, args, name=node.name, keywords=node.keywords, order=node.order + 1)
            return mul(outer, self.derive(args[0]))
        raise ValueError(f"no derivative rule for node kind {kind!r}")

    def power_rule(self, node: Node) -> Node:
        a, b = node.args
        if not b.variable:
            return mul(mul(b, power(a, sub(b, num(1.0)))), self.derive(a))
        if not a.variable:
            return mul(mul(node, call("log", a)), self.derive(b))
        return mul(node, add(mul(self.derive(b), call("log", a)), mul(b, div(self.derive(a), a))))

    def call_rule(self, node: Node) -> Node:
        if node.name == "where":
            condition, a, b = node.args
            return call("where", condition, self.derive(a), self.derive(b))
        partials = BUILTINS[node.name].partials(*node.args)
        total = num(0.0)
        for partial, argument in zip(partials, node.args):
            total = add(total, mul(partial, self.derive(argument)))
        return total
