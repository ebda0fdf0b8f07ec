"""Formulas as activations: values and exact derivatives (against mpmath and
finite differences), the catalogue's stable derivatives through the chain
rule, kinks, parameters, LaTeX, and the no-warning numerical policy."""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import actviz
from actviz.errors import UnknownActivationError
from actviz.expr import FormulaActivation
from actviz.expr.render import LATEX_NODE_LIMIT

mp.mp.dps = 50

# (formula, the same function written with mpmath): f' and f'' of the reference come from mp.diff.
_MP_SIGMOID = lambda t: 1 / (1 + mp.exp(-t))  # noqa: E731
_REFERENCES = [
    ("x*sigmoid(x)", lambda t: t * _MP_SIGMOID(t)),
    ("x*tanh(x)", lambda t: t * mp.tanh(t)),
    ("log1p(exp(-x**2))*sin(3*x)", lambda t: mp.log1p(mp.exp(-t**2)) * mp.sin(3 * t)),
    ("x/(1 + abs(x))", lambda t: t / (1 + abs(t))),
    ("x*erfc(-x/sqrt(2))/2", lambda t: t * mp.erfc(-t / mp.sqrt(2)) / 2),
    ("arctan(x)**2 - cosh(x/4)", lambda t: mp.atan(t) ** 2 - mp.cosh(t / 4)),
    ("2**x - expm1(x/3)", lambda t: 2**t - mp.expm1(t / 3)),
    ("x**x", lambda t: t**t),
    ("sqrt(1 + x**2)/erfc(-x)", lambda t: mp.sqrt(1 + t**2) / mp.erfc(-t)),
    ("tan(x/2)*sinh(x)", lambda t: mp.tan(t / 2) * mp.sinh(t)),
]
_POINTS = [-7.5, -3.0, -1.25, -0.3, 0.2, 0.7, 1.5, 2.75, 6.0]


@pytest.mark.parametrize(("text", "reference"), _REFERENCES, ids=[r[0] for r in _REFERENCES])
def test_values_and_derivatives_match_mpmath(text, reference):
    act = actviz.get(text)
    for t in _POINTS:
        if text == "x**x" and t <= 0:
            continue
        for order in (0, 1, 2):
            want = float(mp.diff(reference, mp.mpf(t), order))
            got = float(act(t)) if order == 0 else float(act.derivative(t, order))
            # Each operation rounds once; these formulas chain at most ~20 operations with no
            # cancellation at these points, so 1e-13 relative (about 500 ulp) is generous for
            # rounding yet fails at once for any wrong rule (those are off by O(1)).
            assert math.isclose(got, want, rel_tol=1e-13, abs_tol=1e-300), (text, t, order, got, want)


def test_catalogue_calls_keep_the_catalogue_kernels():
    """Chain rule through the catalogue: tanh(x) as a formula *is* the catalogue's
    tanh, bit for bit, and sigmoid(2*x)' = 2 sigmoid'(2x) uses the stable sigmoid'."""
    x = np.concatenate([np.linspace(-800, 800, 4001), [0.0, -0.0, 1e-300, -1e-300, 1e300, -1e300]])
    tanh, formula = actviz.get("tanh"), actviz.get("tanh(x)")
    for order in (0, 1, 2):
        got = formula(x) if order == 0 else formula.derivative(x, order)
        want = tanh(x) if order == 0 else tanh.derivative(x, order)
        np.testing.assert_array_equal(got, want)
    sigmoid = actviz.get("sigmoid")
    np.testing.assert_array_equal(actviz.get("sigmoid(2*x)").derivative(x), 2 * sigmoid.derivative(2 * x))
    # sigmoid'(40) = 4.248e-18 is exact in the catalogue; the textbook s(1-s) would give 0.
    assert actviz.get("sigmoid(x)").derivative(40.0) == pytest.approx(4.248354255291589e-18, rel=1e-14)


def _needs(*names: str) -> None:
    missing = [n for n in names if n not in actviz.names()]
    if missing:
        pytest.skip(f"needs catalogue entries {missing}")


@pytest.mark.parametrize(
    ("text", "name"),
    [("x*tanh(softplus(x))", "mish"), ("x*sigmoid(x)", "silu"), ("x*erfc(-x/sqrt(2))/2", "gelu"), ("tanh(x)", "tanh")],
)
def test_formulas_of_catalogue_entries_are_as_accurate_as_the_entries(text, name):
    """Against the entry's own 40-digit mpmath table, in the catalogue's units
    (one rounding of the result plus one of the input): the formula must meet the
    catalogue's bound wherever the entry does. Measured for mish: worst 0.78, 3.78,
    4.41 units for f, f', f'' (mish itself: 1.03, 3.55, 5.38)."""
    _needs(name, "softplus")
    from tests.reference.tables import load
    from tests.reference.units import BOUND, errors

    act, entry = actviz.get(text), actviz.get(name)
    for table in load(name):
        if table.params:
            continue
        for order in (0, 1, 2):
            ours = act(table.x) if order == 0 else act.derivative(table.x, order)
            theirs = entry(table.x) if order == 0 else entry.derivative(table.x, order)
            accurate = errors(table, order, theirs, np.dtype(np.float64)) <= BOUND[order]
            err = errors(table, order, ours, np.dtype(np.float64))[accurate]
            worst = int(np.argmax(err))
            assert err[worst] <= BOUND[order], f"order {order}: {err[worst]:.3g} units at x = {table.x[accurate][worst]!r}"


def test_mish_formula_far_out():
    """mish(x) = x, mish' = 1 in float64 beyond x ~ 20 (the gate is 1 - O(e^{-2x})); 0 far left."""
    _needs("softplus")
    act = actviz.get("x*tanh(softplus(x))")
    np.testing.assert_array_equal(act(np.array([1e300, 40.0, -1e300])), [1e300, 40.0, -0.0])
    np.testing.assert_array_equal(act.derivative(np.array([1e300, 40.0, -1e300])), [1.0, 1.0, 0.0])


def _central_difference(g, x: float, h: float) -> float:
    """8th-order central difference (truncation ~h^8 g^(9), rounding ~eps*|g|/h)."""
    w = (4 / 5, -1 / 5, 4 / 105, -1 / 280)
    pts = np.array([x + k * h for k in (1, 2, 3, 4)] + [x - k * h for k in (1, 2, 3, 4)])
    v = g(pts)
    return sum(wk * (v[k] - v[k + 4]) for k, wk in enumerate(w)) / h


_SMOOTH = ["sin", "cos", "tanh", "sigmoid", "arctan", "erf"]
_LEAVES = st.sampled_from(["x", "0.5", "1.5", "2", "pi", "k"])


def _grow(children):
    return st.one_of(
        st.tuples(children, st.sampled_from(["+", "-", "*"]), children).map(lambda t: f"({t[0]}) {t[1]} ({t[2]})"),
        st.tuples(st.sampled_from(_SMOOTH), children).map(lambda t: f"{t[0]}({t[1]})"),
        children.map(lambda c: f"({c})/(1 + ({c})**2)"),
        children.map(lambda c: f"sqrt(1 + ({c})**2)"),
        children.map(lambda c: f"-({c})**2"),
        children.map(lambda c: f"exp(-({c})**2)"),
        children.map(lambda c: f"log1p(({c})**2)"),
        st.tuples(children, children).map(lambda t: f"where(x > 0.25, {t[0]}, {t[1]})"),
        st.tuples(children, st.sampled_from(["abs", "relu"])).map(lambda t: f"{t[1]}(x - 0.75)*({t[0]})"),
        st.tuples(children, children).map(lambda t: f"max({t[0]}, -0.5)*min(x, 1.25*x - 0.4)"),
    )


_FORMULAS = st.recursive(_LEAVES, _grow, max_leaves=8)


@settings(max_examples=300, deadline=None)
@given(text=_FORMULAS, x=st.floats(-3, 3), order=st.sampled_from([1, 2]), k=st.floats(-2, 2))
def test_random_formulas_derivatives_match_finite_differences(text, x, order, k):
    # A spec that is one bare name ("pi", "k") names a catalogue entry, not a formula
    # (test_a_bare_name_is_a_catalogue_name); every other spec here is a formula.
    assume(text not in ("pi", "k"))
    act = actviz.get(text, k=k) if "k" in text else actviz.get(text)
    h = 1e-2
    assume(all(abs(x - kink.x) > 5 * h for kink in act.kinks))
    lower = act if order == 1 else (lambda t: act.derivative(t, 1))
    stencil = lower(np.array([x + k * h for k in range(-4, 5)]))
    assume(np.all(np.isfinite(stencil)))
    coarse, estimate = _central_difference(lower, x, h), _central_difference(lower, x, h / 2)
    exact = float(act.derivative(x, order))
    scale = float(np.max(np.abs(stencil)))
    # As in test_catalog_contract: rounding ~1e-13*scale, truncation ~1e-16*|g^(9)|. A steep
    # formula (exp(-(pi x)**8) has a large g^(9)) makes the truncation visible: halving h cuts
    # it 256-fold, so |coarse - estimate| bounds the finer estimate's own error. A wrong rule
    # (or a missed kink inside the stencil) is off by O(1) in both.
    truncation = abs(coarse - estimate)
    assert math.isclose(estimate, exact, rel_tol=1e-6, abs_tol=1e-6 * (1 + scale) + truncation), \
        (text, estimate, exact, truncation)


@pytest.mark.parametrize(
    ("text", "kinks"),
    [
        ("abs(x - 2) + relu(x - 1)", [1.0, 2.0]),
        ("relu(b*x - 1):b=4", [0.25]),
        ("max(x, 2*x - 1)", [1.0]),
        ("min(0, 3 - x/2)", [6.0]),
        ("where(x**3 > 8, x, 0)", [2.0]),
        ("heaviside(x + 0.5)*x + sign(x)", [-0.5, 0.0]),
        ("(x > -1)*x", [-1.0]),
        ("where(1/x > 1, x, -x)", [1.0]),  # the pole of 1/x at 0 is no kink
        ("abs(x**2 - 2)", [-math.sqrt(2), math.sqrt(2)]),
        ("sigmoid(x) + tanh(abs(x) + 1) - abs(7)", [0.0]),
        ("x*sigmoid(x)", []),
    ],
)
def test_kinks_are_the_zeros_of_the_kinked_parts(text, kinks):
    found = [k.x for k in actviz.get(text).kinks]
    assert found == pytest.approx(kinks, rel=4 * np.finfo(float).eps, abs=1e-300)


def test_kinks_of_periodic_parts_are_found_numerically_and_capped():
    kinks = actviz.get("abs(sin(x))").kinks
    assert len(kinks) == 64
    # the 64 nearest 0: k*pi for k = -32..31 or -31..32
    assert all(abs(k.x / math.pi - round(k.x / math.pi)) < 1e-14 * max(1, abs(k.x)) for k in kinks)
    assert 0.0 in [k.x for k in kinks]


@pytest.mark.parametrize(
    "text", ["abs(x - 2) + relu(x - 1)", "max(x, 2*x - 1)", "where(x > 0.5, x, 0.1*x)", "abs(x**2 - 2)"]
)
def test_kink_conventions_pick_a_one_sided_value(text):
    act = actviz.get(text)
    assert act.kinks
    for kink in act.kinks:
        x = np.array([kink.x - 1e-9 * max(1, abs(kink.x)), kink.x, kink.x + 1e-9 * max(1, abs(kink.x))])
        left, at, right = act.derivative(x)
        assert any(math.isclose(at, c, rel_tol=1e-6, abs_tol=1e-6) for c in (left, right, (left + right) / 2))


_EXTREMES = np.array([-np.inf, -1e308, -750.0, -710.0, -1.0, -1e-300, -0.0, 0.0, 5e-324, 1e-300, 1.0,
                      709.0, 710.0, 750.0, 1e308, np.inf, np.nan])


@pytest.mark.parametrize(
    "text",
    ["log(x)", "1/x", "sqrt(x)", "x**0.5", "x**-2", "exp(x)*exp(-x)", "x**x", "log(abs(x))/x", "tan(x)*cosh(x)",
     "where(x > 0, log(x), 0)", "x*tanh(x)", "sigmoid(x)/sigmoid(-x)", "0/x", "x - x", "max(x, log(x))"],
)
def test_no_warning_escapes_and_nan_maps_to_nan(text):
    """IEEE values (inf, nan) are allowed, warnings are not (pytest turns them into errors)."""
    act = actviz.get(text)
    for order in (0, 1, 2):
        y = act(_EXTREMES) if order == 0 else act.derivative(_EXTREMES, order)
        assert y.shape == _EXTREMES.shape and y.dtype == np.float64
        assert np.isnan(y[-1])


def test_ieee_values_of_the_users_formula():
    act = actviz.get("log(x)")
    np.testing.assert_array_equal(act(np.array([-1.0, 0.0, 1.0, np.inf])), [np.nan, -np.inf, 0.0, np.inf])
    np.testing.assert_array_equal(act.derivative(np.array([0.0, 2.0])), [np.inf, 0.5])


def test_dtype_shape_and_constant_formulas():
    act = actviz.get("x*sigmoid(x)")
    x32 = np.linspace(-3, 3, 12, dtype=np.float32).reshape(3, 4)
    assert act(x32).dtype == np.float32 and act(x32).shape == (3, 4)
    assert isinstance(act(2), np.floating) and act(2) == pytest.approx(2 / (1 + math.exp(-2)), rel=1e-15)
    const = actviz.get("pi + 0*x")
    np.testing.assert_array_equal(const(np.zeros((2, 2))), np.full((2, 2), math.pi))
    np.testing.assert_array_equal(const.derivative(np.zeros(3)), np.zeros(3))


def test_parameters_bind_by_spec_keyword_or_with_params():
    by_spec = actviz.get("x*sigmoid(b*x):b=1.5")
    by_keyword = actviz.get("x*sigmoid(b*x)", b=1.5)
    assert isinstance(by_spec, FormulaActivation) and isinstance(by_spec, actviz.Activation)
    assert by_spec.family == "formula" and by_spec.name == "x*sigmoid(b*x)"
    assert by_spec.params == by_keyword.params == {"b": 1.5}
    assert by_spec.spec == "x*sigmoid(b*x):b=1.5" and actviz.get(by_spec.spec).params == {"b": 1.5}
    assert actviz.get("x*sigmoid(b*x):b=1.5", b=3.0).params == {"b": 3.0}  # keywords override the spec
    steeper = by_spec.with_params(b=4.0)
    assert steeper.spec == "x*sigmoid(b*x):b=4.0"
    assert float(steeper(1.0)) == pytest.approx(1 / (1 + math.exp(-4.0)), rel=1e-15)
    assert float(steeper.derivative(0.0)) == 0.5
    with pytest.raises(actviz.ActvizError, match="unknown parameter 'c'"):
        by_spec.with_params(c=1.0)


def test_catalogue_keyword_parameters_are_bound_and_checked():
    _needs("relun", "softplus")
    x = np.linspace(-3, 3, 61)
    for text, spec in [("relun(x, max_value=2*m):m=0.5", "relun:max_value=1"), ("softplus(x, beta=m):m=0.5", "softplus:beta=0.5")]:
        formula, entry = actviz.get(text), actviz.get(spec)
        np.testing.assert_array_equal(formula(x), entry(x))
        np.testing.assert_array_equal(formula.derivative(x, 2), entry.derivative(x, 2))
    act = actviz.get("relun(x, max_value=2*m) + softplus(x, beta=m):m=0.5")
    # the catalogue kinks move with the parameter: relun kinks at 0 and max_value = 2m
    assert [k.x for k in act.kinks] == [0.0, 1.0]
    assert [k.x for k in act.with_params(m=1.5).kinks] == [0.0, 3.0]
    with pytest.raises(actviz.ActvizError, match="max_value"):
        act.with_params(m=-1.0)
    with pytest.raises(actviz.ActvizError, match="cannot depend on x"):
        actviz.get("softplus(x, beta=x)")


def test_latex_renders_with_mathtext_and_reads_as_text():
    from matplotlib.mathtext import MathTextParser

    from actviz.formats.latex_text import latex_to_text

    parser = MathTextParser("path")
    texts = [t for t, _ in _REFERENCES] + [
        "where(x >= 0, x, 0.1*x)", "leaky_relu(x) + relu(x - 1)", "max(x, b*x):b=0.2", "1e-05*x + 3e20",
        "x**(1/3)", "-(-x)", "(x <= 1) - (x < 2)", "x*sigmoid(beta*x):beta=2", "x*sigmoid(long_name*x):long_name=2",
    ]
    for text in texts:
        if text.startswith("leaky_relu") and "leaky_relu" not in actviz.names():
            continue
        act = actviz.get(text)
        for latex in (act.latex, act.latex_derivative):
            parser.parse(f"${latex}$")
            assert latex_to_text(latex)
    assert actviz.get("x*sigmoid(x)").latex_derivative == r"f'(x) = \mathrm{sigmoid}(x) + x \cdot \mathrm{sigmoid}'(x)"
    assert actviz.get("x*sigmoid(beta*x):beta=2").latex == r"f(x) = x \cdot \mathrm{sigmoid}(\beta\,x)"


def test_a_derivative_too_long_for_a_title_is_summarised():
    deep = "x"
    for _ in range(12):
        deep = f"sin({deep})*x"
    act = actviz.get(deep)
    assert act.latex_derivative == r"f'(x) = \frac{d}{dx} f(x)"
    assert LATEX_NODE_LIMIT < 1000


def test_builtins_agree_with_catalogue_entries_of_the_same_name():
    """A built-in shadows a catalogue entry of the same name (sin, arctan, sign...):
    both must be the same function, away from a jump where conventions may differ."""
    from actviz.expr.functions import BUILTINS

    shared = [n for n in BUILTINS if n in actviz.names(pointwise=True)]
    x = np.concatenate([np.linspace(-30, 30, 6001), [-1e300, -1e-300, 1e-300, 1e300]])
    for name in shared:
        formula, entry = actviz.get(f"{name}(x)"), actviz.get(name)
        away = np.all([np.abs(x - k.x) > 1e-9 for k in entry.kinks], axis=0)
        for order in (0, 1):
            ours = formula(x) if order == 0 else formula.derivative(x, order)
            theirs = entry(x) if order == 0 else entry.derivative(x, order)
            # both are NumPy's own function (or its exact derivative): a few ulp apart at most
            np.testing.assert_allclose(ours[away], theirs[away], rtol=4 * np.finfo(float).eps, atol=1e-300)


def test_a_bare_name_is_a_catalogue_name():
    """Only `x` alone is a formula; any other bare identifier is looked up in the
    catalogue, so a typo gets a "did you mean" instead of becoming a constant."""
    with pytest.raises(UnknownActivationError, match="unknown activation 'pi'"):
        actviz.get("pi")
    with pytest.raises(UnknownActivationError, match="did you mean 'relu'"):
        actviz.get("rleu")
    assert float(actviz.get("x")(2.5)) == 2.5
