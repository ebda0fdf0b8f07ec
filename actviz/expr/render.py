"""Formula trees as text: the normalised formula (which parses back to the
same tree) and LaTeX that matplotlib's mathtext can typeset (plot titles)."""

from __future__ import annotations

import math

from .functions import BUILTINS
from .tree import ADD, CALL, CATALOGUE, CMP, DIV, MUL, NEG, NUM, PARAM, POW, SUB, VAR, Node

LATEX_NODE_LIMIT = 150
"""Trees with more nodes than this (written out in full) are not typeset term
by term: a title that long would be unreadable."""

_PRECEDENCE = {CMP: 1, ADD: 2, SUB: 2, MUL: 3, DIV: 3, NEG: 4, POW: 5}
_ATOM = 6
_GREEK = frozenset(
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau "
    "upsilon phi chi psi omega".split()
)
_LATEX_COMPARISON = {"<": "<", "<=": r"\leq", ">": ">", ">=": r"\geq"}
_LATEX_OPERATOR_NAMES = frozenset({"tanh", "sin", "cos", "tan", "sinh", "cosh", "exp", "log"})


def _number_text(value: float) -> str:
    text = repr(value)
    return text[:-2] if text.endswith(".0") else text


def _precedence(node: Node) -> int:
    if node.kind == NUM and math.copysign(1.0, node.value) < 0:
        return _PRECEDENCE[NEG]
    return _PRECEDENCE.get(node.kind, _ATOM)


def _needs_parentheses(parent: str, child: Node, right: bool) -> bool:
    """Whether ``child`` as an operand of the binary ``parent`` must be wrapped
    so the text parses back to the same tree (left-associative operators,
    right-associative ``**`` whose exponent may carry a unary minus)."""
    mine, theirs = _PRECEDENCE[parent], _precedence(child)
    if parent == POW:
        return theirs < _PRECEDENCE[NEG] if right else theirs <= mine
    return theirs <= mine if right else theirs < mine


def to_text(node: Node) -> str:
    """The normalised formula: minimal parentheses, spaces around + - and comparisons."""
    kind = node.kind
    if kind == NUM:
        return node.name or _number_text(node.value)
    if kind == VAR:
        return "x"
    if kind == PARAM:
        return node.name
    if kind == NEG:
        operand = node.args[0]
        inner = to_text(operand)
        return f"-({inner})" if _precedence(operand) < _PRECEDENCE[POW] else f"-{inner}"
    if kind in (CALL, CATALOGUE):
        parts = [to_text(a) for a in node.args] + [f"{k}={to_text(v)}" for k, v in node.keywords]
        return f"{node.name}({', '.join(parts)})"
    operator = node.name if kind == CMP else kind
    left, right = node.args
    left_text, right_text = to_text(left), to_text(right)
    if _needs_parentheses(kind, left, right=False):
        left_text = f"({left_text})"
    if _needs_parentheses(kind, right, right=True):
        right_text = f"({right_text})"
    spaced = kind in (ADD, SUB, CMP)
    return f"{left_text} {operator} {right_text}" if spaced else f"{left_text}{operator}{right_text}"


def expanded_size(node: Node, memo: dict[int, int] | None = None) -> int:
    """The number of nodes of ``node`` written out as a tree (shared subtrees counted each time)."""
    memo = {} if memo is None else memo
    if id(node) not in memo:
        memo[id(node)] = 1 + sum(expanded_size(child, memo) for child in node.children())
    return memo[id(node)]


def name_latex(name: str) -> str:
    """A parameter or activation name in LaTeX: ``\\beta``, ``b`` or ``\\mathrm{leaky\\_relu}``."""
    if name in _GREEK:
        return "\\" + name
    if len(name) == 1:
        return name
    if name in _LATEX_OPERATOR_NAMES:
        return "\\" + name
    return r"\mathrm{" + name.replace("_", r"\_") + "}"


def _number_latex(node: Node) -> str:
    if node.name == "pi":
        return r"\pi"
    if node.name == "e":
        return "e"
    value = node.value
    if value != value:
        return r"\mathrm{nan}"
    if value in (float("inf"), float("-inf")):
        return r"\infty" if value > 0 else r"-\infty"
    # A typed number is shown in full; one the derivative computed (2/sqrt(pi), 3*1e-05) to 6 digits.
    text = _number_text(value) if node.name else format(value, ".6g")
    if "e" in text:
        mantissa, exponent = text.split("e")
        power = "10^{" + str(int(exponent)) + "}"
        return power if mantissa == "1" else (f"-{power}" if mantissa == "-1" else rf"{mantissa} \times {power}")
    return text


def _latex_precedence(node: Node) -> int:
    if node.kind == DIV:
        return _ATOM  # a \frac is a box
    if node.kind == NUM and r"\times" in _number_latex(node):
        return _PRECEDENCE[MUL]
    if node.kind == CALL and node.name == "expm1":
        return _PRECEDENCE[SUB]
    return _precedence(node)


def _wrap_latex(node: Node, wrap: bool) -> str:
    inner = to_latex(node)
    return rf"\left({inner}\right)" if wrap else inner


def to_latex(node: Node) -> str:
    """LaTeX of ``node`` (inline math, without the dollar signs)."""
    kind = node.kind
    if kind == NUM:
        return _number_latex(node)
    if kind == VAR:
        return "x"
    if kind == PARAM:
        return name_latex(node.name)
    if kind == NEG:
        operand = node.args[0]
        return "-" + _wrap_latex(operand, _latex_precedence(operand) < _PRECEDENCE[MUL] or operand.kind == NEG)
    if kind == CALL:
        return BUILTINS[node.name].latex % tuple(to_latex(a) for a in node.args)
    if kind == CATALOGUE:
        extras = "".join(rf";\ {name_latex(k)} = {to_latex(v)}" for k, v in node.keywords)
        return f"{name_latex(node.name)}{chr(39) * node.order}({to_latex(node.args[0])}{extras})"
    left, right = node.args
    if kind == DIV:
        return r"\frac{" + to_latex(left) + "}{" + to_latex(right) + "}"
    if kind == POW:
        simple_base = left.kind in (VAR, PARAM) or (left.kind == NUM and _latex_precedence(left) == _ATOM)
        return _wrap_latex(left, not simple_base) + "^{" + to_latex(right) + "}"
    mine = _PRECEDENCE[CMP if kind == CMP else kind]
    left_text = _wrap_latex(left, _latex_precedence(left) < mine)
    associative = kind in (ADD, MUL) and right.kind == kind  # a + (b + c) reads as a + b + c
    right_text = _wrap_latex(right, (_latex_precedence(right) <= mine and not associative) or right.kind == NEG)
    if kind == CMP:
        return f"{left_text} {_LATEX_COMPARISON[node.name]} {right_text}"
    if kind == MUL:
        # 2\,x and b\,x, as written by hand; a dot everywhere else
        coefficient = left.kind == PARAM or (left.kind == NUM and _latex_precedence(left) == _ATOM)
        juxtapose = coefficient and right.kind in (VAR, PARAM, CALL, CATALOGUE, POW)
        return f"{left_text}\\,{right_text}" if juxtapose else rf"{left_text} \cdot {right_text}"
    return f"{left_text} {kind} {right_text}"
