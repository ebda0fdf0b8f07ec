"""``actviz list`` and ``actviz info`` through typer's CliRunner."""

from __future__ import annotations

import json

from typer.testing import CliRunner

import actviz
from actviz.cli.app import app

runner = CliRunner()


def test_list_json_is_the_registry():
    result = runner.invoke(app, ["list", "--format", "json"])
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert [r["name"] for r in records] == actviz.names()
    sigmoid = next(r for r in records if r["name"] == "sigmoid")
    assert "logistic" in sigmoid["aliases"] and sigmoid["family"] == "sigmoidal"


def test_list_family_filter():
    result = runner.invoke(app, ["list", "--family", "sigmoidal", "--format", "json"])
    assert result.exit_code == 0
    assert {r["name"] for r in json.loads(result.stdout)} == set(actviz.names(family="sigmoidal"))


def test_list_table_shows_every_name():
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 0
    for name in actviz.names():
        assert name in result.stdout


def test_unknown_family_is_a_one_line_error():
    result = runner.invoke(app, ["list", "--family", "sigmodial"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == ["error: unknown family 'sigmodial' (families: "
                                                  + ", ".join(actviz.families()) + "); did you mean 'sigmoidal'?"]


def test_info_shows_formula_derivative_and_reference():
    result = runner.invoke(app, ["info", "sigmoid"])
    assert result.exit_code == 0
    assert "1/(1 + e⁻ˣ)" in result.stdout
    assert "σ'(x)" in result.stdout
    assert "Rumelhart" in result.stdout


def test_info_unknown_name_suggests():
    result = runner.invoke(app, ["info", "tanhh"])
    assert result.exit_code == 2
    assert "did you mean 'tanh'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_usage_errors_are_one_line_with_exit_2():
    result = runner.invoke(app, ["info"])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_list_text_and_table_formats_show_the_same_rows():
    """Piped output defaults to plain columns; --format table forces rich's table."""
    text = runner.invoke(app, ["list", "--family", "rectifier"])
    table = runner.invoke(app, ["list", "--family", "rectifier", "--format", "table"])
    assert text.exit_code == table.exit_code == 0
    lines = text.stdout.splitlines()
    assert lines[0].split()[:2] == ["name", "family"] and "│" not in text.stdout
    assert [line.split()[0] for line in lines[1:]] == actviz.names(family="rectifier")
    assert "│" in table.stdout
    for name in actviz.names(family="rectifier"):
        assert name in table.stdout
