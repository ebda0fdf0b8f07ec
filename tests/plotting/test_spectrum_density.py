"""The density panel of the spectrum picture: the histogram as steps, the prediction dashed."""

import numpy as np
from matplotlib.patches import StepPatch

import actviz
from actviz.formats.records import spectrum_record
from actviz.plotting.spectrum import density_axes, spectrum_figure
from actviz.propagation.free import predict_density
from actviz.propagation.spectrum import critical_at_q_star, predict_spectrum, simulate_spectrum


def _record(with_prediction: bool) -> dict:
    act = actviz.get("tanh")
    sigma_w2, sigma_b2 = critical_at_q_star(act, 0.25)
    run = simulate_spectrum([act], [(sigma_w2, sigma_b2)], depth=4, width=32, seeds=1, q0=[0.25])[0]
    moments = predict_spectrum(act, depth=4, sigma_w2=sigma_w2, sigma_b2=sigma_b2, weights="orthogonal", q0=0.25)
    density = predict_density(act, depth=4, sigma_w2=sigma_w2, q_star=0.25, weights="orthogonal", points=50,
                              lambda_range=(1e-4, 10.0)) if with_prediction else None
    return spectrum_record(run, moments, "critical", density)


def test_density_panel_draws_the_histogram_and_the_prediction():
    record = _record(True)
    ax = density_axes([record])
    steps = [p for p in ax.patches if isinstance(p, StepPatch)]
    assert len(steps) == 1
    dashed = [line for line in ax.lines if line.get_linestyle() == "--" and len(line.get_xdata()) == 50]
    assert len(dashed) == 1
    assert np.allclose(dashed[0].get_xdata(), np.log10(record["density"]["predicted_lambda"]))
    assert "depth 4" in ax.get_title()


def test_without_a_prediction_only_the_histogram_and_three_panels():
    fig = spectrum_figure([_record(False)])
    assert len(fig.axes) == 3
    panel = fig.axes[2]
    assert not [line for line in panel.lines if len(line.get_xdata()) > 2]
