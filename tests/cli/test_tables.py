"""Tables never cut a number or a name: fitted, transposed or split at 80
columns in a terminal; plain full-precision text when piped."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from typer.testing import CliRunner

import actviz
from actviz import registry
from actviz.analysis.properties import analyse_many
from actviz.cli.app import app
from actviz.cli.tables import column_blocks, fitted_tables, plain_lines
from actviz.formats.tables import COLUMNS, DEFAULT_COLUMNS, cells, headers
from actviz.propagation import mean_field

runner = CliRunner()


def _render(tables, width: int) -> str:
    console = Console(width=width, file=io.StringIO(), color_system=None)
    for table in tables:
        console.print(table)
    return console.file.getvalue()


def test_theory_piped_is_plain_full_precision_text():
    result = runner.invoke(app, ["theory", "tanh", "sigmoid", "relu", "--init", "xavier"])
    assert result.exit_code == 0 and result.stderr == ""
    sigmoid = mean_field(actviz.get("sigmoid"), 1.0, 0.0, 1.0)
    assert repr(sigmoid.chi1) in result.stdout and repr(sigmoid.q_star) in result.stdout  # 0.05572070676970179
    assert "…" not in result.stdout and "┃" not in result.stdout
    assert all(line == line.rstrip() for line in result.stdout.splitlines())


def test_props_of_the_whole_catalogue_fits_80_columns_without_cutting_a_cell():
    reports = analyse_many([actviz.get(n) for n in registry.names(pointwise=True)])
    rows = cells(reports, DEFAULT_COLUMNS)
    numeric = [False, *(COLUMNS[key].numeric for key in DEFAULT_COLUMNS)]
    text = _render(fitted_tables("props", headers(DEFAULT_COLUMNS, short=True), rows, numeric, 80,
                                 long_header=headers(DEFAULT_COLUMNS)), 80)
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "…" not in text
    for row in rows:
        for cell in row[1:]:
            assert cell in text  # every value whole (the names may wrap at spaces)
    assert len(text.splitlines()) < 40 * len(rows)  # not a cell per line


def test_a_table_that_fits_is_printed_as_it_is_and_a_narrow_one_transposed():
    header, rows = ["name", "a", "b"], [["x", "1.25", "2.5"], ["y", "3", "4"]]
    (wide,) = fitted_tables(None, header, rows, [False, True, True], 80)
    assert [c.header for c in wide.columns] == header
    (tall,) = fitted_tables(None, ["name", "a" * 30, "b" * 30], rows, [False, True, True], 40)
    assert [c.header for c in tall.columns] == ["name", "x", "y"]


def test_list_at_80_columns_shows_every_alias_whole(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = runner.invoke(app, ["list", "--format", "table"])
    assert result.exit_code == 0
    assert "…" not in result.stdout
    for name in registry.names():
        for alias in registry.lookup(name).aliases:
            assert alias in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_plain_lines_align_without_trailing_blanks():
    lines = plain_lines(["name", "value", "note"], [["relu", "0.5", ""], ["tanh", "0.25", "x"]], [False, True, False])
    assert lines == ["name  value  note", "relu    0.5", "tanh   0.25  x"]


def test_column_blocks_repeat_nothing_and_fit():
    assert column_blocks([10, 30, 30, 30, 50], 75) == [[1, 2], [3], [4]]
    assert column_blocks([10, 100], 75) == [[1]]  # too wide alone: a block of its own, whole
