"""``actviz props`` through typer's CliRunner: exit codes and messages, then the
results checked against the library (not by parsing the pretty table)."""

from __future__ import annotations

import csv
import io
import json
import types

from typer.testing import CliRunner

import actviz
from actviz import registry
from actviz.cli.app import app
from actviz.analysis.properties import analyse

runner = CliRunner()


def _json(*args: str) -> list[dict]:
    result = runner.invoke(app, ["props", *args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_json_is_the_analysis_of_each_spec():
    records = _json("relu", "hardtanh:min_val=-2")
    assert [r["name"] for r in records] == ["relu", "hardtanh"]
    for record in records:
        expected = analyse(actviz.get(record["name"], **record["params"])).as_dict()
        assert record["cost"] is None  # not a property: timed only on request (--columns cost)
        assert record == json.loads(json.dumps(expected))


def test_cost_is_measured_only_on_request_with_its_spread_and_what_it_measures():
    result = runner.invoke(app, ["props", "relu", "gelu", "--columns", "cost", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    relu, gelu = (record["cost"] for record in json.loads(result.stdout))
    for cost in (relu, gelu):
        assert 0.0 < cost["low"] <= cost["ratio"] <= cost["high"] and cost["rounds"] == 5
    assert gelu["ratio"] > relu["ratio"]  # gelu (erf, several branches) is many times relu's max on any machine
    assert "time of f / time of relu" in result.stderr and "this machine" in result.stderr
    table = runner.invoke(app, ["props", "relu", "--table"], env={"COLUMNS": "200"})
    assert table.exit_code == 0 and "cost" not in table.stdout  # off by default
    csv_text = runner.invoke(app, ["props", "relu", "--columns", "cost", "--format", "csv"]).stdout
    (row,) = csv.DictReader(io.StringIO(csv_text))
    assert float(row["cost_low"]) <= float(row["cost"]) <= float(row["cost_high"])


def test_properties_follow_parameters_on_the_command_line():
    one, half = _json("elu:alpha=1", "elu:alpha=0.5")
    assert (one["continuity"], half["continuity"]) == ("C1", "C0")
    assert (one["identity_near_origin"], half["identity_near_origin"]) == (True, False)
    assert half["params"] == {"alpha": 0.5} and half["range"] == [-0.5, None]
    (leaky,) = _json("leaky_relu:negative_slope=-0.5")
    assert leaky["monotone"] is False


def test_no_spec_means_every_pointwise_activation():
    records = _json("--columns", "continuity")  # no cost column: nothing is timed
    assert [r["name"] for r in records] == actviz.names(pointwise=True)
    assert all(set(r) == {"name", "params", "continuity"} for r in records)


def test_default_output_off_a_terminal_is_markdown():
    result = runner.invoke(app, ["props", "relu", "--columns", "range,continuity"])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["| activation | range | continuity |", "| --- | --- | --- |", "| relu | [0, ∞) | C0 |"]


def test_table_flag_draws_one_row_per_activation_in_a_wide_terminal():
    result = runner.invoke(app, ["props", "relu", "tanh", "--table"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "✓ yes  · no" in result.stdout
    relu = next(line for line in result.stdout.splitlines() if line.lstrip().startswith("relu"))
    tanh = next(line for line in result.stdout.splitlines() if line.lstrip().startswith("tanh"))
    assert relu.split()[1:4] == ["[0,", "∞)", "✓"] and "C0" in relu.split()
    assert tanh.split()[1:4] == ["(-1,", "1)", "✓"] and "Cinf" in tanh.split()


def test_table_turns_to_one_row_per_property_in_a_narrow_terminal():
    result = runner.invoke(app, ["props", "relu", "tanh", "--table"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    rows = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines() if line.strip()}
    assert rows["continuity"] == ["C0", "Cinf"]
    assert rows["sparse"] == ["✓", "·"]


def test_csv_and_latex():
    result = runner.invoke(app, ["props", "relu", "--format", "csv", "--columns", "range,monotone"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows == [{"name": "relu", "params": "", "range_low": "0.0", "range_high": "inf", "monotone": "true"}]
    result = runner.invoke(app, ["props", "relu", "--format", "latex", "--columns", "range"])
    assert result.exit_code == 0
    assert result.stdout.startswith(r"\begin{tabular}{ll}") and r"relu & $[0, \infty)$ \\" in result.stdout


def _one_line_error(args: list[str], *fragments: str) -> None:
    result = runner.invoke(app, ["props", *args])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    for fragment in fragments:
        assert fragment in lines[0]
    assert result.stdout == ""


def test_bad_input_is_one_line_with_exit_2():
    _one_line_error(["relux"], "unknown activation 'relux'", "did you mean 'relu'")
    _one_line_error(["elu:alpha=-1"], "alpha")
    _one_line_error(["relu", "--columns", "rnage"], "unknown column 'rnage'", "did you mean 'range'")
    _one_line_error(["relu", "--table", "--format", "json"], "--table", "json")
    _one_line_error(["relu", "--format", "xml"], "xml")


def test_non_pointwise_entries_are_refused(monkeypatch):
    vector = types.SimpleNamespace(name="vector_thing", aliases=(), family="vector", pointwise=False)
    monkeypatch.setitem(registry._ENTRIES, "vector_thing", vector)
    _one_line_error(["vector_thing"], "'vector_thing' is not pointwise")
    records = _json("--columns", "range")
    assert "vector_thing" not in [r["name"] for r in records]


def test_a_function_whose_square_overflows_is_analysed_without_a_warning():
    # overflowed in the quadrature's w*f*f and warned (issue 15's long fuzz); E f^2 = 1e600 is inf
    result = runner.invoke(app, ["props", "abs(x)*1e300", "--columns", "mean,second_moment,gain"])
    assert result.exit_code == 0 and result.stderr == ""
    assert "| 7.979e+299 | ∞ | 1e-300 |" in result.stdout
