"""Initialisation schemes and the records scripts read."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

import actviz
from actviz.errors import ActvizError
from actviz.propagation import resolve_init
from actviz.propagation.montecarlo import simulate
from actviz.formats.delimited import to_csv
from actviz.formats.records import run_csv_rows, run_record
from actviz.propagation.theory import mean_field, profile


@pytest.mark.parametrize(("scheme", "sigma_w2"), [("xavier", 1.0), ("glorot", 1.0), ("he", 2.0), ("Kaiming", 2.0),
                                                  ("lecun", 1.0)])
def test_fixed_schemes_give_the_textbook_variances(scheme, sigma_w2):
    """Square layers: Var W = 2/(fan_in + fan_out) = 1/N (xavier), 2/N (he), 1/N (lecun)."""
    chosen = resolve_init(actviz.get("tanh"), scheme, None, 0.1)
    assert (chosen.sigma_w2, chosen.sigma_b2, chosen.weights) == (sigma_w2, 0.1, "gaussian")


def test_critical_scheme_solves_chi1_equal_one():
    chosen = resolve_init(actviz.get("tanh"), "critical", None, 0.05)
    assert chosen.scheme == "critical"
    assert mean_field(actviz.get("tanh"), chosen.sigma_w2, 0.05).chi1 == pytest.approx(1.0, abs=1e-10)


def test_orthogonal_takes_an_optional_gain():
    assert resolve_init(actviz.get("relu"), "orthogonal").sigma_w2 == 1.0
    chosen = resolve_init(actviz.get("relu"), "orthogonal", 2.0)
    assert (chosen.sigma_w2, chosen.weights) == (2.0, "orthogonal")


def test_conflicting_or_unknown_schemes_are_one_line_errors():
    with pytest.raises(ActvizError, match=r"init he fixes sigma_w\^2 = 2: drop sigma_w2 3"):
        resolve_init(actviz.get("relu"), "he", 3.0)
    with pytest.raises(ActvizError, match="did you mean 'xavier'"):
        resolve_init(actviz.get("relu"), "xaviar")
    with pytest.raises(ActvizError, match="no initialisation"):
        resolve_init(actviz.get("relu"), None)


def test_run_record_has_the_documented_keys_and_is_strict_json():
    sigmoid = actviz.get("sigmoid")
    run = simulate(sigmoid, depth=600, width=8, batch=2, sigma_w2=1.0, sigma_b2=0.0, seed=0)
    predicted = profile(sigmoid, 1.0, 0.0, run.top, q0=run.q[0])
    record = run_record(run, mean_field(sigmoid, 1.0, 0.0), predicted, "xavier")
    text = json.dumps(record, allow_nan=False)  # raises on inf or nan
    assert {"activation", "params", "depth", "width", "batch", "sigma_w2", "sigma_b2", "seed", "layers",
            "theory"} <= set(record)
    assert {"q_star", "chi1", "xi_q", "xi_c"} <= set(record["theory"])
    layers = json.loads(text)["layers"]
    assert [row["layer"] for row in layers] == list(range(601))
    assert {"layer", "q", "grad_norm", "saturated_fraction", "dead_fraction"} <= set(layers[0])
    # 600 sigmoid layers take the gradient below 1e-308: the norm is null, its log10 is exact
    assert layers[0]["grad_norm"] is None
    assert layers[0]["log10_grad_norm"] == pytest.approx(run.log_grad_norm[0] / math.log(10))
    assert layers[-1]["grad_norm"] == 1.0
    np.testing.assert_allclose([row["theory_q"] for row in layers], predicted.q)


def test_csv_has_one_row_per_layer_and_a_header():
    tanh = actviz.get("tanh")
    run = simulate(tanh, depth=4, width=8, batch=2, sigma_w2=1.0, sigma_b2=0.0, seed=0)
    record = run_record(run, mean_field(tanh, 1.0, 0.0), profile(tanh, 1.0, 0.0, 4), "xavier")
    lines = to_csv(run_csv_rows(record)).splitlines()
    assert len(lines) == 6
    header = lines[0].split(",")
    assert {"activation", "layer", "q", "grad_norm", "theory_chi1", "theory_xi_c"} <= set(header)
    assert lines[1].split(",")[header.index("theory_xi_c")] == ""  # infinite depth scale at criticality
