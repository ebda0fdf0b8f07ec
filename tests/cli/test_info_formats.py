"""``actviz info`` with several specs and ``--format text|json|latex``."""

from __future__ import annotations

import json

from typer.testing import CliRunner

import actviz
from actviz.cli.app import app

runner = CliRunner()


def test_info_json_has_a_record_per_spec_from_the_library():
    result = runner.invoke(app, ["info", "relu", "elu:alpha=0.5", "--format", "json"])
    assert result.exit_code == 0, result.output
    relu, elu = json.loads(result.stdout)
    assert relu["latex"] == actviz.get("relu").latex and relu["kinks"][0]["x"] == 0.0
    assert elu["params"] == {"alpha": 0.5} and elu["spec"] == "elu:alpha=0.5"
    assert elu["reference"]["year"] == actviz.get("elu").reference.year


def test_info_latex_has_a_gather_block_per_spec_with_the_catalogue_formulas():
    result = runner.invoke(app, ["info", "relu", "gelu", "--format", "latex"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.count(r"\begin{gather*}") == 2 == text.count(r"\end{gather*}")
    for name in ("relu", "gelu"):
        act = actviz.get(name)
        assert f"  {act.latex} \\\\\n  {act.latex_derivative}\n" in text
    assert "gelu\\_tanh" in text  # the summary's underscores escaped for LaTeX text


def test_info_text_shows_each_card():
    result = runner.invoke(app, ["info", "relu", "tanh"])
    assert result.exit_code == 0
    assert result.stdout.startswith("relu") and "\ntanh  (sigmoidal)" in result.stdout


def test_info_refuses_an_unknown_format():
    result = runner.invoke(app, ["info", "relu", "--format", "yaml"])
    assert result.exit_code == 2
