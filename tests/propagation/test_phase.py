"""The phase diagram (tabulated, interpolated) against the exact theory, and the pictures."""

from __future__ import annotations

import math

import numpy as np
import pytest
from matplotlib.figure import Figure

import actviz
from actviz.errors import ActvizError
from actviz.plotting.propagation import decay_figure, distribution_axes, gradient_axes, phase_figure
from actviz.plotting.style import colors, parse_size
from actviz.propagation.montecarlo import simulate
from actviz.propagation.phase import phase_diagram
from actviz.propagation.theory import mean_field, profile


@pytest.fixture(scope="module")
def tanh_diagram():
    return phase_diagram(actviz.get("tanh"), np.linspace(0.5, 4.0, 36), np.linspace(0.0, 0.3, 11), edge_points=9)


def test_grid_values_agree_with_the_exact_theory(tanh_diagram):
    """Linear interpolation on a 60-per-decade q grid: relative error about 1e-4 in chi_1
    (second differences of smooth moments over a 4 % step); xi_c from a 48-term Mehler
    series within 2 % away from the edge."""
    tanh = actviz.get("tanh")
    for row, col in [(2, 10), (5, 30), (0, 35), (10, 30), (1, 5)]:  # none next to the edge
        w2, b2 = tanh_diagram.sigma_w2[col], tanh_diagram.sigma_b2[row]
        exact = mean_field(tanh, w2, b2)
        assert tanh_diagram.chi1[row, col] == pytest.approx(exact.chi1, rel=1e-3)
        assert tanh_diagram.xi_c[row, col] == pytest.approx(exact.xi_c, rel=0.02)


def test_edge_of_chaos_line_passes_the_published_point(tanh_diagram):
    """sigma_w^2 about 1.76 at sigma_b^2 = 0.05 (Schoenholz et al. 2017)."""
    edge = np.interp(0.05, tanh_diagram.critical_sigma_b2, tanh_diagram.critical_sigma_w2)
    assert edge == pytest.approx(1.76, abs=0.03)  # 9 exact points joined by straight lines
    assert tanh_diagram.critical_sigma_w2[0] == pytest.approx(1.0, abs=1e-9)
    chaotic = tanh_diagram.chi1 > 1
    assert chaotic[:, -1].all() and not chaotic[:, 0].any()


def test_relu_diverges_right_of_the_edge():
    diagram = phase_diagram(actviz.get("relu"), np.linspace(0.5, 4.0, 15), np.linspace(0.0, 0.3, 4), edge_points=3)
    right = diagram.sigma_w2 > 2.0
    assert np.isnan(diagram.xi_c[:, right]).all()
    np.testing.assert_allclose(diagram.chi1[:, ~right], np.broadcast_to(diagram.sigma_w2[~right] / 2, (4, (~right).sum())),
                               rtol=1e-6)
    np.testing.assert_allclose(diagram.critical_sigma_w2, 2.0, atol=1e-9)


def test_a_grid_needs_two_values_per_axis():
    with pytest.raises(ActvizError, match="at least two"):
        phase_diagram(actviz.get("tanh"), np.array([1.0]), np.array([0.0, 0.1]))


# -- pictures --------------------------------------------------------------------------


def test_phase_figure_draws_the_edge_and_labels(tanh_diagram):
    fig = phase_figure(tanh_diagram, size=parse_size("800x450"), mark=(1.5, 0.05))
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    edge = next(line for line in ax.get_lines() if "edge of chaos" in line.get_label())
    np.testing.assert_array_equal(edge.get_xdata(), tanh_diagram.critical_sigma_w2)
    texts = {t.get_text().split("\n")[0] for t in ax.texts}
    assert {"ordered", "chaotic"} <= texts
    assert fig.axes[1].get_ylabel().startswith("depth scale")
    assert ax.get_xlabel() == r"$\sigma_w^2$" and "tanh" in fig._suptitle.get_text()


def test_an_edge_of_one_point_is_drawn_as_a_dot():
    # softshrink: chi_1 reaches 1 at one grid row only, where q is about to diverge (sigma_w^2 = 1.79,
    # sigma_b^2 = 0.26); a line through one point draws nothing, and the legend named an edge not shown
    diagram = phase_diagram(actviz.get("softshrink"), np.linspace(0.5, 4.0, 12), np.linspace(0.0, 0.3, 8))
    assert np.isfinite(diagram.critical_sigma_w2).sum() == 1
    ax = phase_figure(diagram, size=parse_size("800x450")).axes[0]
    edge = next(line for line in ax.get_lines() if "edge of chaos" in line.get_label())
    assert edge.get_marker() == "o" and len(edge.get_xdata()) == 1


def test_an_edge_line_has_no_markers(tanh_diagram):
    ax = phase_figure(tanh_diagram, size=parse_size("800x450")).axes[0]
    edge = next(line for line in ax.get_lines() if "edge of chaos" in line.get_label())
    assert edge.get_marker() in ("", "None", None)


@pytest.fixture(scope="module")
def two_runs():
    runs, profiles = [], []
    for spec, w2 in (("tanh", 1.5), ("sigmoid", 1.0)):
        act = actviz.get(spec)
        run = simulate(act, depth=12, width=32, batch=8, sigma_w2=w2, sigma_b2=0.05, seed=0)
        runs.append(run)
        profiles.append(profile(act, w2, 0.05, run.top, q0=run.q[0]))
    return runs, profiles


def test_gradient_axes_plot_log10_norms_measured_and_theory(two_runs):
    runs, profiles = two_runs
    ax = gradient_axes(runs, profiles)
    lines = ax.get_lines()
    assert len(lines) == 4
    np.testing.assert_allclose(lines[0].get_ydata(), runs[0].log_grad_norm / math.log(10))
    np.testing.assert_allclose(lines[1].get_ydata(), profiles[0].log_grad_norm / math.log(10))
    assert lines[1].get_linestyle() == "--" and lines[0].get_linestyle() == "-"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[-1] == "mean-field theory" and labels[0].startswith("tanh")


def test_decay_figure_has_gradient_q_and_distribution_panels(two_runs, tmp_path):
    from actviz.plotting.export import save_figure

    runs, profiles = two_runs
    fig = decay_figure(runs, profiles, size=parse_size("1200x700"))
    titles = [ax.get_title() for ax in fig.axes]
    assert titles[:2] == ["gradient norm through depth", "signal length through depth"]
    np.testing.assert_allclose(fig.axes[1].get_lines()[0].get_ydata(), np.log10(runs[0].q))  # drawn as log10
    assert titles[2].startswith("tanh:") and titles[3].startswith("sigmoid:")
    assert len(fig.axes[2].collections) >= len(runs[0].samples)  # one violin body per sampled layer
    path = save_figure(fig, tmp_path / "decay.png")
    from matplotlib.image import imread

    assert imread(path).shape[:2] == (700, 1200)


def test_decay_figure_legend_sits_above_the_panels_in_the_theme_colours(two_runs):
    runs, profiles = two_runs
    fig = decay_figure(runs, profiles, size=parse_size("1200x700"), theme="dark")
    gradients = fig.axes[0]
    assert gradients.get_legend() is None  # not on top of the curves
    (legend,) = fig.subfigs[0].legends
    labels = [t.get_text() for t in legend.get_texts()]
    assert labels[0].startswith("tanh") and labels[1].startswith("sigmoid") and labels[-1] == "mean-field theory"
    measured = gradients.get_lines()[::2]
    assert [line.get_color() for line in measured] == colors("dark", 2)
    fig.draw_without_rendering()  # lays it out: the legend lies between the title and the panels
    title, box = fig._suptitle.get_window_extent(), legend.get_window_extent()
    panels = max(ax.get_window_extent().y1 for ax in fig.axes[:2])
    assert title.y0 >= box.y1 - 1 and box.y0 >= panels - 1


def test_collapsing_activations_are_drawn_per_layer_rescaled():
    # relu at sigma_w^2 = 1 halves q every layer: 2^-40 ~ 1e-12 at the top
    run = simulate(actviz.get("relu"), depth=40, width=64, batch=16, sigma_w2=1.0, sigma_b2=0.0, seed=1)
    ax = distribution_axes(run)
    assert "collapses" in ax.get_title() and "rms" in ax.get_ylabel()
    for body in ax.collections[:-1]:  # the last collection holds the medians
        top = body.get_paths()[0].vertices[:, 1].max()
        n = len(run.samples[0])
        # divided by its rms, a layer's largest value lies in [1, sqrt(n)] (max^2 <= sum x^2 = n rms^2)
        assert 1.0 - 1e-9 <= top <= math.sqrt(n) + 1e-9


def test_a_steady_signal_keeps_its_own_scale(two_runs):
    ax = distribution_axes(two_runs[0][0])  # tanh at (1.5, 0.05): q settles near its fixed point
    assert ax.get_ylabel() == r"$\phi(h^l)$" and "rms" not in ax.get_title()


@pytest.mark.parametrize(("spec", "exponent"), [("apl:a=1e300", 300), ("apl:a=-1e308", 308)])
def test_an_overflowing_run_draws_its_finite_values_in_units_of_a_power_of_ten(spec, exponent):
    """apl with a huge slope overflows at layer 1: its layer-0 values reach 1e300 (the violin's
    density estimate squared them: overflow) or -inf (the rms was nan); found by the CLI fuzz."""
    run = simulate(actviz.get(spec), depth=3, width=8, batch=4, sigma_w2=1.0, sigma_b2=0.0, seed=0)
    assert run.stopped_at == 1 and list(run.samples) == [0]
    values = run.samples[0]
    ax = distribution_axes(run)
    assert ax.get_ylabel() == rf"$\phi(h^l)$ $/\ 10^{{{exponent}}}$"
    dropped = int(np.count_nonzero(~np.isfinite(values)))
    assert (f"{dropped} overflowed values not drawn" in ax.get_title()) == (dropped > 0)
    body = ax.collections[0].get_paths()[0].vertices[:, 1]
    finite = values[np.isfinite(values)] / 10.0**exponent
    assert body.min() == pytest.approx(finite.min()) and body.max() == pytest.approx(finite.max())


def test_a_run_with_no_finite_activation_says_so():
    run = simulate(actviz.get("relu"), depth=3, width=8, batch=4, sigma_w2=1.0, sigma_b2=0.0, seed=0)
    for layer in run.samples:
        run.samples[layer][:] = np.nan
    ax = distribution_axes(run)
    assert ax.get_title() == "relu: no finite activation to draw" and not ax.collections


@pytest.mark.parametrize(("spec", "exponent"), [("relun:max_value=1e-300", -300), ("relun:max_value=1e-200", -200)])
def test_a_run_of_tiny_values_is_drawn_in_units_of_a_negative_power_of_ten(spec, exponent):
    """relun capped at 1e-300 keeps every activation in [0, 1e-300]: the violin's density estimate
    squared them to 0 and inverted a singular matrix (LinAlgError in decay)."""
    run = simulate(actviz.get(spec), depth=3, width=8, batch=4, sigma_w2=1.0, sigma_b2=0.0, seed=0)
    values = run.samples[0]
    ax = distribution_axes(run)
    assert ax.get_ylabel() == rf"$\phi(h^l)$ $/\ 10^{{{exponent}}}$"
    body = ax.collections[0].get_paths()[0].vertices[:, 1]
    assert body.min() == pytest.approx(values.min() / 10.0**exponent)
    assert body.max() == pytest.approx(values.max() / 10.0**exponent)
