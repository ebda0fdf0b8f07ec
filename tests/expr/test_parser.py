"""The formula language: grammar, normalised text, errors with columns, and
a hostile corpus that must be refused quickly without running anything."""

from __future__ import annotations

import ast
import builtins
import contextlib
import os
import time
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import actviz
from actviz.entry import Entry
from actviz.expr import MAX_DEPTH, MAX_LENGTH, FormulaError, formula, parse
from actviz.expr.parser import MAX_TREE_DEPTH
from actviz.expr.render import to_text
from actviz.expr.tree import Node


def _shape(node: Node) -> tuple:
    """A structural fingerprint of a tree (kind, data, children)."""
    return (node.kind, node.value, node.name, node.order,
            tuple(_shape(a) for a in node.args), tuple((k, _shape(v)) for k, v in node.keywords))


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("x*sigmoid(x)", "x*sigmoid(x)"),
        ("  x * tanh( x )", "x*tanh(x)"),
        ("-x**2", "-x**2"),  # ** binds tighter than unary minus, as in Python
        ("(-x)**2", "(-x)**2"),
        ("2**-x", "2**-x"),
        ("x**2**3", "x**2**3"),  # right-associative
        ("(x**2)**3", "(x**2)**3"),
        ("x - (x - 1)", "x - (x - 1)"),  # left-associative: the parentheses matter
        ("(x - x) - 1", "x - x - 1"),
        ("x/(2*x)", "x/(2*x)"),
        ("+x", "x"),
        ("--x", "-(-x)"),
        ("where(x>0,x,0.1*x)", "where(x > 0, x, 0.1*x)"),
        ("relu(x-1)", "relu(x - 1)"),
        ("Logistic(x)", "sigmoid(x)"),  # aliases resolve to the canonical name
        ("1e999*x", "1e999*x"),
        (".5*x", ".5*x"),
        ("pi*e*x", "pi*e*x"),
    ],
)
def test_normalised_text_parses_back_to_the_same_tree(text, normalised):
    tree = parse(text)
    assert to_text(tree) == normalised
    assert _shape(parse(normalised)) == _shape(tree)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x*2 + fo(x)", r"unknown function 'fo' at column 7 \(built-ins: abs, arctan"),
        ("x + sigmod(x)", r"unknown function 'sigmod' at column 5; did you mean 'sigmoid'"),
        ("exq(x)", r"unknown function 'exq' at column 1; did you mean 'exp'"),
        ("x*", r"expected a number, x, a name or '\(' at column 3, found the end of the formula"),
        ("(x + 1", r"expected '\)' to close the '\(' of column 1 at column 7"),
        ("x)", r"unexpected token at column 2, found '\)'"),
        ("x x", r"missing operator before 'x' at column 3"),
        ("2x", r"malformed number '2x' at column 1 \(write 2\*x for a product\)"),
        ("1.2.3", r"malformed number '1.2.3' at column 1"),
        ("x^2", r"unexpected character '\^' at column 2: write powers as x\*\*2"),
        ("x == 1", r"unexpected '==' at column 3: comparisons are <, <=, >, >="),
        ("x < 1 < 2", r"comparisons cannot be chained at column 7"),
        ("exp(x, 1)", r"exp\(\) at column 1 takes 1 argument, got 2"),
        ("max(x)", r"max\(\) at column 1 takes 2 arguments, got 1"),
        ("exp(x, base=2)", r"exp\(\) takes no keyword arguments, got 'base' at column 8"),
        ("sigmoid(x, alpha=1)", r"unknown parameter 'alpha' of sigmoid at column 12 \(its parameters: none\)"),
        ("tanh(x, x)", r"tanh\(\) at column 1 takes 1 argument and keyword parameters, got 2 arguments"),
        ("x*exp", r"'exp' at column 3 is a function: write exp\(...\)"),
        ("", r"empty formula"),
    ],
)
def test_errors_name_the_column(text, message):
    with pytest.raises(FormulaError, match=message):
        parse(text)


def test_parameters_need_values_and_known_names():
    with pytest.raises(actviz.ActvizError, match=r"no value for 'xx' in x\*sigmoid\(xx\).*did you mean 'x'"):
        actviz.get("x*sigmoid(xx)")
    with pytest.raises(actviz.ActvizError, match=r"unknown parameter 'c' for x\*sigmoid\(b\*x\) \(its parameters: b\)"):
        actviz.get("x*sigmoid(b*x):b=1,c=2")
    with pytest.raises(actviz.ActvizError, match=r"invalid value inf for parameter 'b'"):
        actviz.get("x*sigmoid(b*x)", b=float("inf"))
    with pytest.raises(actviz.ActvizError, match=r"invalid value 'one' for parameter 'b'"):
        actviz.get("x*sigmoid(b*x):b=one")


def test_nesting_and_length_bounds_are_enforced_before_python_recursion():
    ok = "(" * MAX_DEPTH + "x" + ")" * MAX_DEPTH
    assert to_text(parse(ok)) == "x"
    with pytest.raises(FormulaError, match=f"too deeply nested at column {MAX_DEPTH + 1}: at most {MAX_DEPTH} levels"):
        parse("(" * (MAX_DEPTH + 1) + "x" + ")" * (MAX_DEPTH + 1))
    chain = "+".join(["x"] * MAX_TREE_DEPTH)  # a left-deep tree MAX_TREE_DEPTH levels tall: a flat sum, no nesting
    assert parse(chain).depth == MAX_TREE_DEPTH
    with pytest.raises(FormulaError, match=f"formula too long at column .*: its expression tree may be at most {MAX_TREE_DEPTH}"):
        parse(chain + "+x")
    with pytest.raises(FormulaError, match=f"formula of {MAX_LENGTH + 1} characters is too long"):
        parse("x" + " " * MAX_LENGTH)


_HOSTILE = [
    "__import__('os').system('echo pwned')",
    "os.system('ls')",
    "x.__class__.__bases__[0].__subclasses__()",
    "().__class__",
    "exp.__globals__",
    "lambda x: x",
    "(lambda: 0)()",
    "[x for x in range(10)]",
    "{x: 1}",
    "sum(i for i in range(10**9))",
    "x if x > 0 else 0",
    "x and x",
    "not x",
    "x; import os",
    "eval('1')",
    "exec('1')",
    "open('/etc/passwd')",
    "x @ x",
    "x % 2",
    "x // 2",
    "~x",
    "x | 1",
    "'x'",
    "x # comment",
    "\\x",
    "x\n+1",
    "x+" * 500_000 + "x",  # a 10^6-character formula
    "x" * 1_000_000 + "+x",
    "a" * 1_000_000,  # a 10^6-character name: refused before the registry's spec regex runs
    "(" * 100_000 + "x" + ")" * 100_000,  # nesting 10^5 deep
    "-" * 100_000 + "x",
    "exp(" * 100_000 + "x" + ")" * 100_000,
    "\uff58*\uff53\uff49\uff47\uff4d\uff4f\uff49\uff44(x)",  # fullwidth letters
    "x**\u0663",  # ARABIC-INDIC DIGIT THREE
    "x*\U0001d7d0",  # MATHEMATICAL BOLD DIGIT TWO
    "\u0445*2",  # Cyrillic small ha, looks like x
    "x\u200b+1",  # zero-width space
    "x\u00a0+1",  # no-break space
    "e\u0301xp(x)",  # combining accent
    "x\x00",
    "\u202ex+1",  # right-to-left override
    "ｅｘｐ(x)",
    "ⅹ",  # ROMAN NUMERAL TEN
]


@pytest.mark.parametrize("text", _HOSTILE, ids=[repr(t[:24]) for t in _HOSTILE])
def test_hostile_inputs_are_refused_quickly_and_run_nothing(text):
    def forbidden(*args, **kwargs):
        raise AssertionError("the formula parser must not run or compile code")

    guards = [mock.patch.object(builtins, name, forbidden) for name in ("eval", "exec", "compile")]
    guards += [mock.patch.object(ast, "parse", forbidden), mock.patch.object(os, "system", forbidden)]
    with contextlib.ExitStack() as stack:
        for guard in guards:
            stack.enter_context(guard)
        start = time.perf_counter()
        with pytest.raises(actviz.ActvizError) as caught:
            actviz.get(text)
        elapsed = time.perf_counter() - start
    message = str(caught.value)
    assert elapsed < 0.25, f"{elapsed:.3f} s"
    assert "\n" not in message and len(message) < 400, message


@pytest.mark.parametrize(
    ("text", "at_one"),
    [
        ("9**9**9**9**9**9**9**9*x", float("inf")),
        ("1e99999999999999999999*x", float("inf")),
        ("2**10**100*x", float("inf")),
        ("-(2**10**100)*x", float("-inf")),
        ("9" * 300 + "*x", float("9" * 300)),
        ("x**(10**400)", 1.0),
    ],
)
def test_huge_constants_are_floats_at_once_not_refused(text, at_one):
    """Every literal is a float, so a tower of powers is inf in microseconds, not an integer that never ends."""
    start = time.perf_counter()
    act = actviz.get(text)
    assert float(act(1.0)) == at_one
    assert time.perf_counter() - start < 0.25


_PIECES = ["x", "1", "2.5", "e", "pi", "b", "+", "-", "*", "/", "**", "(", ")", ",", "<", "<=", ">", "=",
           "exp", "max", "where", "tanh", "relu", "sigmoid", "abs", " ", ".", "_", "'", "ｘ", "٣", "1e", "e5"]


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join), st.text(max_size=40)))
def test_the_parser_raises_nothing_but_actviz_errors(text):
    try:
        act = actviz.get(text, b=0.5) if "b" in text else actviz.get(text)
    except actviz.ActvizError:
        return
    # A catalogue name gives its entry, which may be a vector map (hypothesis draws
    # string constants from the source, so it does try "SPARSEMAX"); a formula is pointwise.
    assert isinstance(act, Entry)
    if not isinstance(act, actviz.Activation):
        assert act.name in actviz.names(), text


_DEEPEST = [
    "**".join(["x"] * MAX_DEPTH),
    "sin(" * (MAX_DEPTH - 1) + "x" + ")" * (MAX_DEPTH - 1),
    "/".join(["x"] * MAX_DEPTH),
    "(" * MAX_DEPTH + "x" + ")" * MAX_DEPTH,
    "abs(" * (MAX_DEPTH - 2) + "x - 1" + ")" * (MAX_DEPTH - 2),
    "where(x > 0, " * (MAX_DEPTH // 2 - 1) + "x" + ", -x)" * (MAX_DEPTH // 2 - 1),
    "x*sigmoid(" * (MAX_DEPTH // 2 - 1) + "x" + ")" * (MAX_DEPTH // 2 - 1),
    "x**-" * (MAX_DEPTH // 2 - 1) + "x",
]


def test_the_deepest_formulas_fit_well_inside_pythons_stack():
    """Parsing, f'', LaTeX and kinks of the deepest accepted formulas need fewer than 500
    Python frames (measured: about 440), so they run with room to spare under the default
    limit of 1000 even when called from deep inside a CLI or a test runner."""
    import inspect
    import sys

    import numpy as np

    old = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 500)
    try:
        for text in _DEEPEST:
            act = actviz.get(text)
            act.derivative(np.linspace(0.1, 2.0, 5), 2)
            assert act.latex and act.latex_derivative and act.kinks is not None
    finally:
        sys.setrecursionlimit(old)


_ATOMS = st.sampled_from(["x", "2", "0.5", "1e-3", "pi", "e", "k"])


def _compose(children):
    binary = st.tuples(children, st.sampled_from(["+", "-", "*", "/", "**"]), children)
    return st.one_of(
        binary.map(lambda t: f"{t[0]}{t[1]}{t[2]}"),  # no parentheses: precedence decides
        binary.map(lambda t: f"({t[0]}){t[1]}({t[2]})"),
        children.map(lambda c: f"-{c}"),
        children.map(lambda c: f"-({c})"),
        st.tuples(st.sampled_from(["exp", "tanh", "abs", "sigmoid"]), children).map(lambda t: f"{t[0]}({t[1]})"),
        st.tuples(children, st.sampled_from(["<", "<=", ">", ">="]), children, children).map(
            lambda t: f"where({t[0]} {t[1]} {t[2]}, {t[3]}, {t[0]})"
        ),
        st.tuples(children, children).map(lambda t: f"max({t[0]}, {t[1]})"),
    )


_RANDOM_FORMULAS = st.recursive(_ATOMS, _compose, max_leaves=10)


@settings(max_examples=300, deadline=None)
@given(_RANDOM_FORMULAS)
def test_random_formulas_print_back_to_the_same_tree(text):
    """The normalised text (an activation's name) parses back to exactly the tree it
    came from, whatever the precedence and associativity."""
    try:
        tree = parse(text)
    except FormulaError as error:
        assert "too deeply nested" in str(error)
        return
    assert _shape(parse(to_text(tree))) == _shape(tree)


@settings(max_examples=25, deadline=None)  # mathtext takes ~0.1 s per formula
@given(_RANDOM_FORMULAS)
def test_random_formulas_typeset_with_mathtext(text):
    from matplotlib.mathtext import MathTextParser

    act = formula(text, k=1.5) if "k" in text else formula(text)  # a lone 'pi' would be a catalogue name for get()
    parser = MathTextParser("path")
    for latex in (act.latex, act.latex_derivative):
        parser.parse(f"${latex}$")
