"""Character plots of the non-pointwise activations: the traces carry the library's
numbers (closed forms where there are some), and render to text."""

from __future__ import annotations

import numpy as np
import pytest

import actviz
from actviz.catalog.vector import slope_band
from actviz.terminal.canvas import render
from actviz.terminal.vector import band_panels, glu_panels, maxout_panels, softmax_panels


def _text(panels) -> str:
    return render(panels, width=100, height=24, colorless=True)


def test_softmax_panels_sweep_the_temperature_and_match_the_sigmoid():
    logits = [2.0, 1.0, 0.1]
    sweep, pair = softmax_panels(actviz.get("softmax"), logits)
    assert [t.label for t in sweep.traces] == ["z1 = 2", "z2 = 1", "z3 = 0.1"]
    log_t = sweep.traces[0].x
    assert log_t[0] == pytest.approx(-1.0) and log_t[-1] == pytest.approx(1.0)
    for k in (0, len(log_t) // 2, -1):  # each column is softmax(z / T) at that T
        at_t = actviz.get("softmax", temperature=10.0 ** log_t[k])(logits)
        assert [t.y[k] for t in sweep.traces] == pytest.approx(at_t, rel=1e-12)
    first, sigmoid = pair.traces
    # softmax([x, 0])_1 = sigma(x): both are computed to a few ulp, so they agree within 1e-15 (~4.5 eps)
    assert np.allclose(first.y, sigmoid.y, rtol=1e-15, atol=0)
    assert "p_i against log10 T" in _text([sweep, pair])


def test_glu_panel_is_the_diagonal_slice_and_its_gate():
    glu = actviz.get("reglu")
    (panel,) = glu_panels(glu, extent=2.0)
    gate, diagonal = panel.traces
    assert diagonal.x[0] == -2.0 and diagonal.x[-1] == 2.0
    assert np.array_equal(diagonal.y, diagonal.x * np.maximum(diagonal.x, 0.0))  # reglu(x, x) = x relu(x)
    assert np.array_equal(gate.y, np.maximum(gate.x, 0.0))
    with pytest.raises(actviz.ActvizError, match="invalid extent -1"):
        glu_panels(glu, extent=-1.0)


def test_maxout_panel_envelope_is_the_max_of_its_pieces():
    maxout = actviz.get("maxout:k=4,seed=2")
    (panel,) = maxout_panels(maxout)
    *pieces, envelope, kinks = panel.traces
    assert len(pieces) == 4
    assert np.array_equal(envelope.y, np.max([p.y for p in pieces], axis=0))
    assert kinks.marker == "●"
    assert np.allclose(kinks.x, [k.x for k in maxout.curve().kinks])
    assert "maxout (k=4, seed=2)" in _text([panel])


def test_band_panel_edges_hold_the_evaluation_curve():
    (panel,) = band_panels(slope_band(actviz.get("rrelu")))
    lower, upper, evaluation = panel.traces
    assert lower.y[0] == pytest.approx(-4.0 / 3) and upper.y[0] == pytest.approx(-4.0 / 8)  # slopes 1/3, 1/8 at x = -4
    assert np.all(lower.y <= evaluation.y) and np.all(evaluation.y <= upper.y)
    assert np.array_equal(evaluation.y, actviz.get("rrelu")(evaluation.x))
    assert "rrelu: slope in [0.125, 0.3333]" in _text([panel])
