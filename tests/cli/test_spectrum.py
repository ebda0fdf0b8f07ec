"""``actviz spectrum``, ``actviz cmap`` and ``actviz init`` through typer's CliRunner; numbers are
checked against the library, and the printed code is run (numpy) or compiled (torch, jax)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

import actviz
from actviz.cli.app import app
from actviz.propagation.gains import init_constants, self_normalising
from actviz.propagation.kernel import correlation_map

runner = CliRunner()
SMALL = ["--depth", "6", "--width", "16", "--seeds", "2"]
SPECTRUM_KEYS = {"mean", "second_moment", "median", "min", "max", "predicted_mean", "predicted_second_moment",
                 "predicted_variance", "quantile_low", "quantile_high"}


def test_spectrum_json_has_the_documented_keys_and_the_library_numbers():
    result = runner.invoke(app, ["spectrum", "identity", "relu", *SMALL, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    identity, relu = json.loads(result.stdout)
    assert (identity["width"], identity["seeds"], identity["weights"], identity["init"]) == (16, 2, "orthogonal", "critical")
    assert [row["depth"] for row in identity["depths"]] == [1, 2, 3, 4, 5, 6]
    for row in identity["depths"] + relu["depths"]:
        assert SPECTRUM_KEYS <= set(row)
    assert all(row["min"] == pytest.approx(1.0, abs=1e-12) == row["max"] for row in identity["depths"])
    assert relu["sigma_w2"] == pytest.approx(2.0) and relu["depths"][-1]["predicted_variance"] == pytest.approx(6.0)


def test_spectrum_json_carries_the_whole_density_at_the_deepest_depth():
    result = runner.invoke(app, ["spectrum", "tanh", *SMALL, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    density = json.loads(result.stdout)[0]["density"]
    assert density["depth"] == 6 and density["measured_count"] == 32
    edges, values = np.array(density["measured_log10_lambda_edges"]), np.array(density["measured_log10_density"])
    assert np.sum(values * np.diff(edges)) == pytest.approx(1.0)  # no zeros for tanh: the whole mass
    lam = np.array(density["predicted_lambda"])
    assert lam.size == 400 and lam[0] < 10 ** edges[0] and lam[-1] > 10 ** edges[-1]
    predicted = np.array(density["predicted_density"], dtype=float)
    assert np.all(predicted[np.isfinite(predicted)] >= 0)
    log10_density = np.array(density["predicted_log10_density"], dtype=float)
    assert log10_density == pytest.approx(predicted * lam * np.log(10), nan_ok=True)


def test_spectrum_csv_and_options():
    result = runner.invoke(app, ["spectrum", "tanh", *SMALL, "--weights", "gaussian", "--sigma-w2", "1.2",
                                 "--sigma-b2", "0.1", "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 + 6 and lines[0].startswith("activation,weights,init,sigma_w2")
    assert ",gaussian,custom,1.2,0.1," in lines[1]


def test_spectrum_picture_and_terminal(tmp_path):
    target = tmp_path / "spec.png"
    result = runner.invoke(app, ["spectrum", "tanh", "relu", *SMALL, "-o", str(target), "--size", "640x360"])
    assert result.exit_code == 0, result.stderr
    assert target.stat().st_size > 10_000 and "theory" in result.stdout
    result = runner.invoke(app, ["spectrum", "tanh", *SMALL, "--terminal"])
    assert result.exit_code == 0 and "log10 lambda" in result.stdout


@pytest.mark.parametrize(("argv", "message"), [
    (["spectrum", "tanh", "--weights", "uniform", *SMALL], "invalid --weights 'uniform'"),
    (["spectrum", "tanh", "--q-star", "0.1", "--sigma-w2", "2"], "--q-star sets a critical initialisation"),
    (["spectrum", "sigmoid"], "no critical initialisation of sigmoid"),
    (["spectrum", "tanh", "--width", "100000"], "too large"),
    (["cmap", "relu", "--shape", "1.2"], "try another --beta"),
    (["cmap", "tanh", "--shape", "1.2", "--sigma-w2", "2"], "--shape works at sigma_w^2 = 1"),
    (["init", "relu", "--code", "rust"], "unsupported --code 'rust'"),
    (["init", "relu", "--format", "yaml"], "unsupported format 'yaml'"),
])
def test_bad_input_is_one_line_and_exit_2(argv, message):
    result = runner.invoke(app, argv)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_cmap_json_is_the_library_map():
    result = runner.invoke(app, ["cmap", "relu", "tanh", "--sigma-w2", "2", "--points", "11", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    relu, tanh = json.loads(result.stdout)
    expected = correlation_map(actviz.get("relu"), 2.0, 0.0, points=11)
    np.testing.assert_array_equal(relu["C"], expected.value)
    assert (relu["c0"], relu["chi1"], relu["c_star"]) == (expected.c0, expected.chi1, expected.c_star)
    assert tanh["c_star"] < 1  # tanh at sigma_w^2 = 2, sigma_b^2 = 0 is chaotic


def test_cmap_shape_prints_a_spec_every_command_accepts(tmp_path):
    result = runner.invoke(app, ["cmap", "tanh", "--shape", "1.3", "-o", str(tmp_path / "c.png")])
    assert result.exit_code == 0, result.stderr
    spec = result.stdout.split("tanh shaped: ")[1].splitlines()[0]
    check = runner.invoke(app, ["init", spec, "--format", "json"])
    record, = json.loads(check.stdout)
    assert record["nf_mean"] == pytest.approx(0.0, abs=1e-12) and record["gain"] == pytest.approx(1.0, rel=1e-12)


def test_init_json_keys_and_values():
    result = runner.invoke(app, ["init", "relu", "gelu", "tanh", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    for key in ("activation", "gain", "torch_gain", "nf_gamma", "nf_mean", "critical_sigma_w2"):
        assert all(key in record for record in records)
    relu, gelu, tanh = records
    assert relu == init_constants(actviz.get("relu")).to_dict()
    assert gelu["torch_gain"] is None and gelu["critical_sigma_w2"] is None
    assert tanh["torch_gain"] == 5 / 3


def test_init_self_normalising_and_formats():
    result = runner.invoke(app, ["init", "elu", "--self-normalising", "--format", "json"])
    record, = json.loads(result.stdout)
    assert record["self_normalising"] == self_normalising(actviz.get("elu")).to_dict()
    markdown = runner.invoke(app, ["init", "elu", "sigmoid", "--self-normalising", "--format", "markdown"]).stdout
    assert markdown.startswith("| activation |") and "alpha = 1.6732632423543772" in markdown
    assert "torch gain 1 vs 1.84623" in markdown
    csv = runner.invoke(app, ["init", "elu", "relu", "--self-normalising", "--format", "csv"]).stdout.splitlines()
    assert len(csv) == 3 and "sn_scale" in csv[0]


def test_init_code_runs(tmp_path):
    numpy_code = runner.invoke(app, ["init", "relu", "tanh", "gelu", "--code", "numpy"])
    assert numpy_code.exit_code == 0, numpy_code.stderr
    namespace: dict = {}
    exec(compile(numpy_code.stdout, "init_numpy.py", "exec"), namespace)  # noqa: S102  (our own output)
    weights = namespace["init_weights"](2000, 300, "relu")
    assert weights.shape == (300, 2000) and np.var(weights) * 2000 == pytest.approx(2.0, rel=0.02)
    scaled = namespace["nf_scaled"](np.tanh, "tanh")
    z = np.random.default_rng(1).standard_normal(200_000)
    assert np.var(scaled(z)) == pytest.approx(1.0, rel=0.02)
    for framework in ("torch", "jax"):
        code = runner.invoke(app, ["init", "relu", "gelu", "--code", framework])
        assert code.exit_code == 0
        compile(code.stdout, f"init_{framework}.py", "exec")  # valid Python (torch and jax are not installed)
