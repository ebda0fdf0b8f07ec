"""The mean-field theory, the correlation map and Deep Kernel Shaping with a parameter at the
edge of its declared domain (issue 15): no warning (pytest turns one into an error), and either
a checked value or one line of ActvizError naming the activation with its values.

Each case here warned or raised on the way (overflow in a kink's x/sigma, h^2 or phi^2 for a
kink at 1e300, inf - inf for a slope of 1e300, log(0) for a step); the sweep over every entry
and every edge is the ``slow`` test at the end."""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest

import actviz
from actviz.errors import ActvizError
from actviz.propagation.correlation import hermite_power
from actviz.propagation.edge import critical_sigma_w2
from actviz.propagation.gains import init_constants
from actviz.propagation.kernel import correlation_map, shape
from actviz.propagation.moments import second_moment
from actviz.propagation.roots import bracketed_root
from actviz.propagation.theory import fixed_point, mean_field

SIGMA_W2, SIGMA_B2 = 1.5, 0.05
MAX = float(np.finfo(np.float64).max)


def _outcome(call):  # noqa: ANN001, ANN202
    """The result of ``call()`` as plain data without the activation's name, or the error's text."""
    try:
        result = call()
    except ActvizError as error:
        return f"error: {error}"
    data = result.to_dict() if hasattr(result, "to_dict") else dict(vars(result))
    return {k: v for k, v in data.items() if k not in ("activation", "params", "spec")}


def _one_line_naming(error: ActvizError, act) -> None:  # noqa: ANN001
    text = str(error)
    assert "\n" not in text and act.label in text, text


def _theory(act, points: int = 5):  # noqa: ANN001, ANN202
    return [_outcome(lambda: mean_field(act, SIGMA_W2, SIGMA_B2)),
            _outcome(lambda: correlation_map(act, 1.0, 0.0, points=points)),
            _outcome(lambda: shape(act, 1.5, 0.5))]


# A kink (or jump) at ±1e300 or ±1.7e308 lies beyond any Gaussian mass float64 can hold, as one
# at ±1e10 does (P(|z| > 1e10 / 2) underflows to 0): the theory must be the same, number for number.
# At 1e300 the kink's terms in dV/dq overflowed (h^2, phi^2), at 1.7e308 also its x/sigma.
FAR_KINKS = ["hardtanh:max_val", "hardtanh:min_val", "hardshrink:lambd", "jump_relu:theta", "srelu:t_left"]


@pytest.mark.parametrize("where", FAR_KINKS)
def test_a_kink_beyond_all_gaussian_mass_gives_the_theory_of_one_at_1e10(where):
    name, parameter = where.split(":")
    sign = -1.0 if parameter.endswith(("min_val", "t_left")) else 1.0
    near = actviz.get(name).with_params(**{parameter: sign * 1e10})
    expected = [e.replace(near.label, "LABEL") if isinstance(e, str) else e for e in _theory(near)]
    far = actviz.get(name).with_params(**{parameter: sign * 1.7e308})
    got = [g.replace(far.label, "LABEL") if isinstance(g, str) else g for g in _theory(far)]
    assert got == expected
    at_1e300 = actviz.get(name).with_params(**{parameter: sign * 1e300})
    assert _outcome(lambda: mean_field(at_1e300, SIGMA_W2, SIGMA_B2)) == expected[0]


# Slopes of ±1e300: V(q) = E phi(sqrt(q) z)^2 >= q s^2 / 4 overflows float64 at every q the scan
# visits, so q diverges from the first layer and chi_1 = sigma_w^2 E phi'^2 is infinite.
HUGE_SLOPES = ["leaky_relu:negative_slope=1e300", "leaky_relu:negative_slope=-1e300", "prelu:weight=1.7e308",
               "rrelu:upper=1e300", "srelu:a_right=-1e300", "two_slope_relu:b=1.7e308"]


@pytest.mark.parametrize("spec", HUGE_SLOPES)
def test_a_slope_beyond_float64_diverges_and_has_no_correlation_map(spec):
    act = actviz.get(spec)
    theory = mean_field(act, SIGMA_W2, SIGMA_B2)
    assert (theory.regime, theory.q_star, theory.chi1) == ("divergence", math.inf, math.inf)
    assert fixed_point(act, SIGMA_W2, SIGMA_B2).regime == "divergence"
    with pytest.raises(ActvizError) as refused:
        correlation_map(act, 1.0, 0.0, points=5)
    _one_line_naming(refused.value, act)
    with pytest.raises(ActvizError) as refused:
        shape(act, 1.5, 0.5)
    _one_line_naming(refused.value, act)


@pytest.mark.parametrize("spec", ["relun:max_value=1e-300", "srelu:t_right=1e-300", "apl:b=1e-300",
                                  "relun:max_value=5e-324", "srelu:t_right=5e-324"])
def test_kinks_almost_together_give_a_fixed_point_of_the_length_map(spec):
    act = actviz.get(spec)
    theory = mean_field(act, SIGMA_W2, SIGMA_B2)
    assert theory.regime == "fixed point"
    q = theory.q_star
    assert q == pytest.approx(SIGMA_W2 * float(second_moment(act, q)) + SIGMA_B2, rel=1e-12)
    assert all(math.isfinite(v) for v in (theory.chi1, theory.chi_q))


@pytest.mark.parametrize("spec", ["sign", "binary_step", "apl:a=1e300", "apl:a=-1e300", "apl:a=1.7e308",
                                  "star_relu:bias=1e300", "star_relu:bias=-1e300", "threshold:value=1e300",
                                  "threshold:value=-1.7e308", "soft_exponential:alpha=1e300",
                                  "soft_exponential:alpha=1.7e308"])
def test_unshapeable_activations_are_refused_in_one_line(spec):
    # sign and binary_step: phi' = 0 almost everywhere, so alpha^2 E phi'^2 / Var phi = 0 (log(0)
    # raised 'math domain error'); the others: phi's values or their spread beyond float64 ('overflow
    # in square'), or a constant 1e300 that swallows the rest of phi in float64 (star_relu)
    act = actviz.get(spec)
    with pytest.raises(ActvizError) as refused:
        shape(act, 1.5, 0.5)
    _one_line_naming(refused.value, act)


def test_exponential_is_shaped_where_its_moments_are_finite():
    # exp(alpha z + beta): E = e^(beta + alpha^2/2), Var = e^(2 beta + alpha^2)(e^(alpha^2) - 1) and
    # E phi'^2 = e^(2 beta + 2 alpha^2), so C'(1) = alpha^2 e^(alpha^2)/(e^(alpha^2) - 1) = zeta;
    # the scan's larger alphas overflowed (exp(1e3 z) at z = 12) with 'overflow in square'
    zeta, beta = 1.5, 0.5
    shaped = shape(actviz.get("exponential"), zeta, beta)
    mp.mp.dps = 30
    alpha = mp.findroot(lambda a: a**2 * mp.exp(a**2) / mp.expm1(a**2) - zeta, 1.0)
    assert shaped.alpha == pytest.approx(float(alpha), rel=1e-12)
    assert shaped.delta == pytest.approx(float(-mp.exp(beta + alpha**2 / 2)), rel=1e-12)
    assert shaped.gamma == pytest.approx(float(1 / mp.sqrt(mp.exp(2 * beta + alpha**2) * mp.expm1(alpha**2))), rel=1e-12)


def test_a_vanishing_odd_part_of_cauchy_leaves_the_theory_of_its_even_part():
    # lambda1 = 1e-300 scales x/(x^2 + d^2) to below 1e-300 of the even part: every number is that of
    # lambda1 = 0 (its derivative overflowed in a double-double split of the root 2e300)
    tiny, zero = actviz.get("cauchy:lambda1=1e-300"), actviz.get("cauchy:lambda1=0")
    for got, expected in zip(_theory(tiny, points=3), _theory(zero, points=3)):
        assert isinstance(got, dict) and isinstance(expected, dict)
        for key, value in expected.items():
            if isinstance(value, float):
                assert got[key] == pytest.approx(value, rel=1e-13, abs=1e-300), key


@pytest.mark.parametrize("spec", ["smu1", "smu1:alpha=1e-300"])
def test_smu1_is_critical_where_leaky_relu_is(spec):
    # smu1 = alpha x + (1 - alpha) squareplus(x, (mu/(1 - alpha))^2) with mu = 4.4e-9 is leaky relu of
    # slope alpha to 1e-8 at q ~ 1, whose edge of chaos is He's 2/(1 + alpha^2) (32/17 at alpha = 1/4).
    # Both raised ValueError 'no sign change' in the edge of chaos search (init, phase).
    act = actviz.get(spec)
    alpha = act.params["alpha"]
    assert critical_sigma_w2(act, 0.0) == pytest.approx(2.0 / (1.0 + alpha * alpha), rel=1e-7)


@pytest.mark.parametrize("spec", ["jump_relu:theta=1e300", "thresholded_relu:theta=1.7e308"])
def test_an_activation_zero_wherever_a_gaussian_reaches_has_no_edge_of_chaos(spec):
    # 1/E phi'^2 raised ZeroDivisionError (phase, init)
    act = actviz.get(spec)
    with pytest.raises(ActvizError) as refused:
        critical_sigma_w2(act, 0.0)
    _one_line_naming(refused.value, act)
    constants = init_constants(act)
    assert constants.critical_sigma_w2 is None and act.label in constants.critical_note


@pytest.mark.parametrize("spec", ["apl:a=-1e300", "star_relu:bias=-1e300", "two_slope_relu:a=-1e300"])
def test_init_refuses_a_second_moment_beyond_float64(spec):
    act = actviz.get(spec)  # squaring phi(z) in the gain's E phi(z)^2 overflowed
    with pytest.raises(ActvizError) as refused:
        init_constants(act)
    _one_line_naming(refused.value, act)


@pytest.mark.parametrize("spec", ["softshrink", "threshold:value=1e-300"])
def test_the_edge_search_meets_an_infinite_s_without_a_warning(spec):
    # s = (q - sigma_b^2)/V(q) is inf where V underflows (softshrink is 0 on |x| <= 1/2); the
    # secant through it warned at sigma_b^2 = 0.3/256, the phase diagram's second edge point.
    # There, as at sigma_b^2 = 0, chi_1 jumps across 1 with the length map's regime.
    act = actviz.get(spec)
    with pytest.raises(ActvizError, match="chi_1 jumps") as refused:
        critical_sigma_w2(act, 0.3 / 256)
    _one_line_naming(refused.value, act)


def test_bracketed_root_bisects_past_an_infinite_end():
    f = lambda x: math.inf if x > 1.5 else x - 1.0  # noqa: E731
    assert bracketed_root(f, 0.0, 2.0, fb=np.float64(math.inf), xtol=1e-15) == pytest.approx(1.0, abs=1e-14)


def test_hermite_power_of_an_overflowing_activation_is_nan_not_a_warning():
    # prelu:weight=1.7e308 is ±inf on the rule's nodes at every q: no coefficient is defined
    # (phi = inf times a zero weight warned in phase)
    power = hermite_power(actviz.get("prelu:weight=1.7e308"), [1e-6, 1.0, 1e250], terms=4)
    assert power.shape == (3, 4) and np.isnan(power).all()


@pytest.mark.slow
def test_every_entry_at_every_edge_gives_a_value_or_one_line():
    """The whole sweep (about 350 parameter sets, half a minute): every pointwise entry with each
    parameter at ±1e300, 1e-300, 1.7e308, 5e-324 and ±the largest double where its domain admits them."""
    for name in actviz.names(pointwise=True):
        entry = actviz.get(name)
        variants = [entry]
        for parameter in entry.params:
            for value in (1e300, -1e300, 1e-300, 1.7e308, 5e-324, MAX, -MAX):
                try:
                    variants.append(entry.with_params(**{parameter: value}))
                except ActvizError:
                    pass
        for act in variants:
            for outcome in [*_theory(act), _outcome(lambda: fixed_point(act, SIGMA_W2, SIGMA_B2))]:
                if isinstance(outcome, str):
                    assert "\n" not in outcome and act.label in outcome, outcome


# (command, spec) pairs of the command-line sweep that warned or raised on main; each must now
# exit 0 or 2 with one line, as the fuzz suite checks (about 15 s: behind 'slow')
COMMAND_LINES = [
    ("theory", "hardtanh:min_val=-1e300"), ("cmap", "thresholded_relu:theta=1.7e308"),
    ("cmap", "prelu:weight=1.7e308"), ("theory", "two_slope_relu:a=-1e300"),
    ("phase", "softshrink"), ("phase", "jump_relu:theta=1e300"), ("phase", "smu1:alpha=1e-300"),
    ("phase", "soft_exponential:alpha=1e300"), ("phase", "threshold:value=1e-300"),
    ("decay", "relun:max_value=1e-300"), ("decay", "prelu:weight=1.7e308"), ("decay", "srelu:a_left=1e300"),
    ("init", "apl:a=-1e300"), ("init", "smu1:alpha=1e-300"), ("init", "thresholded_relu:theta=1.7e308"),
]
OPTIONS = {"phase": ["--resolution", "8", "-o", "p.png"], "decay": ["--depth", "3", "--width", "8", "--batch", "4",
                                                                    "-o", "d.png"], "cmap": ["-o", "c.png"]}


@pytest.mark.slow
@pytest.mark.parametrize(("command", "spec"), COMMAND_LINES)
def test_commands_at_parameter_edges_exit_cleanly(command, spec, tmp_path):
    from tests.cli.test_fuzz import check_command_line

    assert check_command_line([command, spec, *OPTIONS.get(command, [])], tmp_path) in (0, 2)



@pytest.mark.parametrize("spec", ["hardtanh:max_val=1.7976931348623157e308", "hardshrink:lambd=1.7976931348623157e308"])
def test_a_kink_at_the_largest_double_leaves_the_theory_of_one_at_1e10(spec):
    # the points beside a kink at 1.8e308 overflowed in the kink limits
    act = actviz.get(spec)
    name, parameter = spec.split("=")[0].split(":")
    stand_in = actviz.get(name).with_params(**{parameter: 1e10})
    expected = _outcome(lambda: mean_field(stand_in, SIGMA_W2, SIGMA_B2))
    assert _outcome(lambda: mean_field(act, SIGMA_W2, SIGMA_B2)) == expected
