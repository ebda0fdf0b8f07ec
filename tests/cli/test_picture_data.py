"""``--format json|csv`` on every picture command: the numbers the picture is
drawn from, printed instead of drawn, checked against the library."""

from __future__ import annotations

import csv
import io
import json

import numpy as np
import pytest
from typer.testing import CliRunner

import actviz
from actviz.cli.app import app
from actviz.analysis.gaussian import gaussian_fraction
from actviz.analysis.saturation import saturation_sets

runner = CliRunner()


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout


def _csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_plot_csv_has_x_f_df_d2f_at_full_precision_for_each_activation(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rows = _csv(_run("plot", "gelu", "relu", "-d", "--second", "--format", "csv"))
    assert list(rows[0]) == ["activation", "x", "f", "df", "d2f"]
    gelu = [r for r in rows if r["activation"] == "gelu"]
    x = np.array([float(r["x"]) for r in gelu])
    assert x[0] == -5.0 and x[-1] == 5.0 and 0.0 in x  # the grid keeps relu's kink
    for column, order in (("f", 0), ("df", 1), ("d2f", 2)):
        expected = actviz.get("gelu")(x) if order == 0 else actviz.get("gelu").derivative(x, order)
        np.testing.assert_array_equal([float(r[column]) for r in gelu], expected)  # repr round-trips exactly
    assert list(tmp_path.iterdir()) == []  # nothing drawn


def test_compare_json_names_the_curves_and_drops_nothing():
    record = json.loads(_run("compare", "relu", "elu:alpha=0.5", "--format", "json"))
    assert [c["activation"] for c in record["curves"]] == ["relu", "elu (alpha=0.5)"]
    assert {"f", "df"} <= set(record["curves"][1]) and "d2f" not in record["curves"][1]
    assert len(record["x"]) == len(record["curves"][0]["f"]) == len(record["curves"][1]["df"])


def test_compare_diff_json_has_the_error_and_its_maximum():
    record = json.loads(_run("compare", "gelu", "gelu_tanh", "--diff", "--format", "json"))
    f_panel = record["panels"][0]
    x = np.array(f_panel["x"])
    error = actviz.get("gelu")(x) - actviz.get("gelu_tanh")(x)
    np.testing.assert_array_equal(f_panel["error"], error)
    assert f_panel["max_abs_error"] == np.max(np.abs(error))


def test_saturation_csv_has_the_slope_and_the_shares():
    rows = _csv(_run("saturation", "tanh", "--format", "csv"))
    slope = [r for r in rows if r["panel"] == "slope"]
    shares = [r for r in rows if r["panel"] == "share"]
    x = np.array([float(r["x"]) for r in slope])
    np.testing.assert_array_equal([float(r["abs_df"]) for r in slope], np.abs(actviz.get("tanh").derivative(x)))
    sigma = np.array([float(r["sigma"]) for r in shares])
    expected = gaussian_fraction(saturation_sets(actviz.get("tanh"), 0.01).saturated, sigma)
    np.testing.assert_array_equal([float(r["saturated_share"]) for r in shares], expected)


def test_phase_csv_has_one_row_per_grid_point():
    rows = _csv(_run("phase", "tanh", "--resolution", "8", "--format", "csv"))
    assert len(rows) == 64 and list(rows[0]) == ["activation", "sigma_w2", "sigma_b2", "chi1", "xi_c"]


@pytest.mark.parametrize("args", [["plot", "relu", "--format", "csv", "-o", "x.csv"],
                                  ["compare", "relu", "elu", "--format", "json", "--terminal"]])
def test_data_formats_refuse_a_file_or_a_drawing(args):
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and result.stderr.startswith("error: --format")


def test_softmax_csv_has_bars_jacobian_sweep_and_two_logits():
    rows = _csv(_run("softmax", "2", "1", "0.1", "--format", "csv"))
    softmax = actviz.get("softmax")
    bars = [r for r in rows if r["panel"] == "bars"]
    np.testing.assert_array_equal([float(r["probability"]) for r in bars], softmax(np.array([2.0, 1.0, 0.1])))
    jacobian = [float(r["value"]) for r in rows if r["panel"] == "jacobian"]
    np.testing.assert_array_equal(np.reshape(jacobian, (3, 3)), softmax.jacobian(np.array([2.0, 1.0, 0.1])))
    assert {r["panel"] for r in rows} == {"bars", "jacobian", "sweep", "two_logits"}


def test_glu_json_has_the_map_and_the_diagonal():
    record = json.loads(_run("glu", "swiglu", "--extent", "2", "--format", "json"))
    glu = actviz.get("swiglu")
    grid = np.array(record["grid"])
    a, b = np.meshgrid(grid, grid, indexing="xy")
    np.testing.assert_array_equal(record["values"], glu(a, b))
    x = np.array(record["diagonal"]["x"])
    np.testing.assert_array_equal(record["diagonal"]["f"], glu.curve()(x))


def test_maxout_and_band_csv_are_the_drawn_curves():
    rows = _csv(_run("maxout", "--slopes", "1,-1,0", "--offsets", "0,0,-1", "--format", "csv"))
    x = np.array([float(r["x"]) for r in rows])
    np.testing.assert_array_equal([float(r["envelope"]) for r in rows], np.abs(x))  # max(x, -x, -1) = |x|
    band = _csv(_run("band", "prelu", "--low", "0", "--high", "0.5", "--format", "csv"))
    x = np.array([float(r["x"]) for r in band])
    np.testing.assert_array_equal([float(r["band_low"]) for r in band], np.where(x < 0, 0.5 * x, x))
    np.testing.assert_array_equal([float(r["band_high"]) for r in band], np.where(x < 0, 0.0, x))
