"""Formulas on the command line: ``actviz info "x*sigmoid(x)"`` shows the
parsed formula and its derivative; bad formulas are one-line errors, exit 2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

import actviz
from actviz.cli.app import app
from actviz.specs import parse_params
from actviz.formats.latex_text import latex_to_text

runner = CliRunner()


def test_info_shows_the_formula_and_its_derivative():
    result = runner.invoke(app, ["info", "x*sigmoid(x)"])
    assert result.exit_code == 0, result.stderr
    act = actviz.get("x*sigmoid(x)")
    assert act.family == "formula"
    assert latex_to_text(act.latex) in result.stdout
    derivative = latex_to_text(act.latex_derivative)
    assert derivative == "f'(x) = sigmoid(x) + x · sigmoid'(x)"
    assert derivative in result.stdout


def test_info_shows_parameters_and_kinks_of_a_formula():
    result = runner.invoke(app, ["info", "where(x > c, x, 0.1*x):c=0.5"])
    assert result.exit_code == 0, result.stderr
    act = actviz.get("where(x > c, x, 0.1*x):c=0.5")
    assert act.params == {"c": 0.5} and [k.x for k in act.kinks] == [0.5]
    assert "c = 0.5" in result.stdout
    assert "kink at x = 0.5" in result.stdout


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("x*2 + fo(x)", "error: unknown function 'fo' at column 7 (built-ins: abs, arctan,"),
        ("x*sigmod(x)", "error: unknown function 'sigmod' at column 3; did you mean 'sigmoid'"),
        ("__import__('os').system('ls')", "error: unexpected '_' at column 1: names start with a letter"),
        ("x*sigmoid(b*x)", "error: no value for 'b' in x*sigmoid(b*x): give one in the spec, 'x*sigmoid(b*x):b=1.0'"),
        ("x" * 2000 + "+1", "error: activation spec of 2002 characters is too long: at most 1000"),
    ],
)
def test_bad_formulas_are_one_red_line_with_exit_code_2(spec, message):
    result = runner.invoke(app, ["info", spec])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message), lines
    assert result.stdout == ""


def test_list_is_unchanged_by_formulas():
    """Formulas are made on demand and never registered."""
    actviz.get("x*tanh(x)")
    result = runner.invoke(app, ["list", "--format", "json"])
    assert result.exit_code == 0
    assert "formula" not in {r["family"] for r in json.loads(result.stdout)}
    assert "formula" not in actviz.families()


def test_param_options_helper_for_commands_taking_a_spec():
    """What a command's repeatable ``--param b=1.5`` option passes to actviz.get."""
    assert parse_params(["b=1.5", " c = -2e-3 "]) == {"b": 1.5, "c": -0.002}
    act = actviz.get("x*sigmoid(b*x)", **parse_params(["b=1.5"]))
    assert act.spec == "x*sigmoid(b*x):b=1.5"
    for bad, message in [("b", "expected NAME=VALUE"), ("b=x", "invalid value 'x' for parameter 'b'"),
                         ("1b=2", "expected NAME=VALUE"), ("b=\uff11.5", "invalid value '\uff11.5'"),
                         ("b=1_0", "invalid value '1_0'"), ("b=nan", "invalid value 'nan'")]:
        with pytest.raises(actviz.ActvizError, match=message):
            parse_params([bad])
    with pytest.raises(actviz.ActvizError, match="parameter 'b' is given twice"):
        parse_params(["b=1", "b=2"])


def test_formulas_import_neither_scipy_nor_matplotlib():
    code = "import actviz; a = actviz.get('x*sigmoid(b*x) + abs(x - 1):b=2'); a(1.0); a.derivative(1.0, 2); a.kinks"
    loaded = subprocess.run([sys.executable, "-c", code + "; import sys; print(' '.join(sys.modules))"],
                            capture_output=True, text=True, check=True).stdout.split()
    assert "scipy" not in loaded and "matplotlib" not in loaded and "typer" not in loaded
