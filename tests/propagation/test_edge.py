"""The edge of chaos solved in q (actviz.propagation.edge) against closed forms, published
values, iterating the length map itself, and the nested solver it replaced."""

import math

import pytest

import actviz
from actviz.errors import ActvizError
from actviz.propagation.edge import critical_sigma_w2
from actviz.propagation.moments import chi1
from actviz.propagation.roots import bracketed_root
from actviz.propagation.theory import fixed_point, profile


def nested_critical_sigma_w2(act, sigma_b2):
    """Brute force: the solver on main before this module (a root over sigma_w^2 of
    chi_1(q*(sigma_w^2)) - 1, each evaluation solving the length map's fixed point anew)."""
    def excess(sigma_w2):
        return chi1(act, sigma_w2, fixed_point(act, sigma_w2, sigma_b2).q_star) - 1.0

    low = high = 1.0
    f_low = f_high = excess(1.0)
    while f_low > 0:
        high, f_high, low = low, f_low, low / 4
        f_low = excess(low)
    while f_high < 0:
        low, f_low, high = high, f_high, high * 4
        f_high = excess(high)
    return bracketed_root(excess, low, high, fa=f_low, fb=f_high, xtol=1e-13)


@pytest.mark.parametrize("spec, sigma_b2", [("tanh", 0.05), ("selu", 0.1), ("softplus", 0.0), ("sigmoid", 0.0), ("elu", 0.3),
                                            ("tanh(x) + 1e-4", 0.0)])  # phi(0)^2 = 1e-8: fixed points below 1e-12
def test_agrees_with_the_nested_solver(spec, sigma_b2):
    act = actviz.get(spec)
    try:
        expected = nested_critical_sigma_w2(act, sigma_b2)
    except ValueError:
        pytest.skip("no sign change for the nested solver")
    try:
        got = critical_sigma_w2(act, sigma_b2)
    except ActvizError as error:
        pytest.fail(f"nested solver found {expected!r}, new one: {error}")
    assert got == pytest.approx(expected, rel=1e-10)


@pytest.mark.parametrize("spec, exact", [
    ("tanh", 1.0),                          # tanh'(0)^2 = 1
    ("erf", math.pi / 4),                   # erf'(0) = 2/sqrt(pi)
    ("lecun_tanh", 1 / (1.7159 * 2 / 3) ** 2),  # 1.7159 tanh(2x/3) (LeCun et al. 1998)
    ("penalized_tanh", 32 / 17),            # slopes 1 and 1/4 at 0: mean square 17/32
    ("siren", 1 / 900),                     # sin(30 x)
    ("relu", 2.0),                          # He et al. 2015
])
def test_odd_saturating_and_homogeneous_maps_are_critical_at_one_over_mean_square_slope_at_zero(spec, exact):
    """At sigma_b^2 = 0 these collapse to q* = 0 (only algebraically at the edge), where
    chi_1 = sigma_w^2 E[phi'(0+-)^2]: the edge is exactly 1/E[phi'(0+-)^2]. The nested solver
    missed erf, lecun_tanh and penalized_tanh by 2e-8 to 3e-8 (rounding noise of g ~ q^2)."""
    assert critical_sigma_w2(actviz.get(spec), 0.0) == pytest.approx(exact, rel=1e-13)


def test_relu_with_bias_is_critical_where_q_diverges_at_two():
    # chi_1 = sigma_w^2/2 at every q; with sigma_b^2 > 0, q* = sigma_b^2/(1 - sigma_w^2/2) -> inf at 2
    assert critical_sigma_w2(actviz.get("relu"), 0.3) == pytest.approx(2.0, rel=1e-13)
    assert critical_sigma_w2(actviz.get("relu6"), 0.0) == pytest.approx(2.0, rel=1e-13)


def test_tanh_matches_the_published_phase_diagram():
    """Schoenholz et al. 2017, Fig. 1 / Poole et al. 2016: sigma_w^2 about 1.76 at sigma_b^2 = 0.05."""
    assert critical_sigma_w2(actviz.get("tanh"), 0.05) == pytest.approx(1.76, abs=0.005)


def test_an_edge_the_nested_solver_missed_is_critical_when_the_map_is_iterated():
    """eis at sigma_b^2 = 0.3: the nested solver's coarse fixed-point search saw a jump; iterating
    the length map 20000 layers at the new value settles with chi_1 = 1 (to 1e-9)."""
    act = actviz.get("eis")
    edge = critical_sigma_w2(act, 0.3)
    layers = profile(act, edge, 0.3, 20000)
    assert 0 < layers.q[-1] < 100
    assert layers.chi1[-1] == pytest.approx(1.0, abs=1e-8)


def test_a_jump_sits_where_iterating_the_map_switches_branch():
    """gish at sigma_b^2 = 0: chi_1 jumps across 1 where q* leaves collapse for a fixed point;
    iterating the length map shows the switch within 0.1 % of the reported sigma_w^2 (the nested
    solver put it at 4.00673, 0.5 % off: its downward search steps by factors of 4 in q)."""
    act = actviz.get("gish")
    with pytest.raises(ActvizError, match=r"chi_1 jumps from 0\.95\d* to 1\.04\d* at sigma_w\^2 = (3\.98\d*)") as info:
        critical_sigma_w2(act, 0.0)
    jump = float(str(info.value).split("at sigma_w^2 = ")[1].split(",")[0])
    assert profile(act, jump * 0.999, 0.0, 20000).q[-1] < 1e-100
    assert profile(act, jump * 1.001, 0.0, 20000).q[-1] > 0.1


@pytest.mark.parametrize("spec, reason", [
    ("gelu", r"gelu has no edge of chaos at sigma_b\^2 = 0 for inputs with q = 1: chi_1 jumps from 0\.5879 to "
             r"1\.176 at sigma_w\^2 = 2\.35172, where the length map switches to divergence"),
    ("sign", r"chi_1 < 1 for every sigma_w\^2 up to 1e4"),
    ("snake", r"chi_1 of snake \(alpha=1\) is undefined at sigma_w\^2 = 1 \(q diverges"),
])
def test_the_reasons_there_is_none_are_the_nested_solvers(spec, reason):
    with pytest.raises(ActvizError, match=reason):
        critical_sigma_w2(actviz.get(spec), 0.0)


def test_bad_bias_variance_is_refused():
    with pytest.raises(ActvizError, match="sigma_b"):
        critical_sigma_w2(actviz.get("tanh"), -1.0)


@pytest.mark.slow
@pytest.mark.parametrize("sigma_b2", [0.0, 0.05, 0.3])
def test_every_reported_jump_is_where_iterating_the_map_switches(sigma_b2):
    """Across the catalogue (about 70 s): at 0.3 % either side of each reported jump, 4000 layers
    of the length map end in different states (111 jumps over the three sigma_b^2 when written)."""
    from actviz import registry

    for name in registry.names(pointwise=True):
        act = actviz.get(name)
        try:
            critical_sigma_w2(act, sigma_b2)
            continue
        except ActvizError as error:
            if "jumps from" not in str(error):
                continue
            jump = float(str(error).split("at sigma_w^2 = ")[1].split(",")[0])
        below = profile(act, jump * (1 - 3e-3), sigma_b2, 4000).q[-1]
        above = profile(act, jump * (1 + 3e-3), sigma_b2, 4000).q[-1]
        same = (math.isfinite(below) and math.isfinite(above) and min(below, above) > 1e-100
                and abs(math.log(above / below)) < 0.2)
        assert not same, (name, jump, below, above)
