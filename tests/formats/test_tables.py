"""Property reports as Markdown, CSV, JSON and LaTeX (hand-made reports: the
formats are tested apart from the analysis)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import math

import pytest

from actviz.errors import ActvizError
from actviz.analysis.cost import Cost
from actviz.analysis.properties import PropertyReport
from actviz.formats.tables import COLUMNS, DEFAULT_COLUMNS, cells, headers, parse_columns, render

RELU = PropertyReport(
    name="relu", params={}, range=(0.0, math.inf), range_closed=(True, False), bounded_below=True,
    bounded_above=False, monotone=True, monotone_derivative=True, zero_centred=False,
    mean=0.3989422804014327, second_moment=0.5, derivative_second_moment=0.5, continuity="C0", smooth=False,
    identity_near_origin=False, nonlinear=True, saturates_left=True, saturates_right=False, dead_zone=True,
    sparse=True, gain=1.4142135623730951, cost=Cost(1.0, 0.94, 1.12, 5),
)
SQUASHING = PropertyReport(
    name="leaky_relu", params={"negative_slope": 0.2}, range=(-1.0, 1.0), range_closed=(False, False),
    bounded_below=True, bounded_above=True, monotone=True, monotone_derivative=False, zero_centred=True,
    mean=2.2e-17, second_moment=0.3942944903978412, derivative_second_moment=0.4644029024482682,
    continuity="Cinf", smooth=True, identity_near_origin=True, nonlinear=True, saturates_left=True,
    saturates_right=True, dead_zone=False, sparse=False, gain=None, cost=None,
)
REPORTS = [RELU, SQUASHING]


def test_markdown_has_a_header_an_alignment_row_and_one_row_per_report():
    lines = render(REPORTS, "markdown").splitlines()
    assert len(lines) == 2 + len(REPORTS)
    assert lines[0] == "| " + " | ".join(headers(DEFAULT_COLUMNS)) + " |"
    assert lines[1].count("---:") == sum(COLUMNS[k].numeric for k in DEFAULT_COLUMNS)
    assert lines[2].startswith("| relu | [0, ∞) | yes | yes | no | C0 |")
    # the label carries the parameters; noise below 5e-13 prints as 0; what was not measured as "-"
    assert lines[3].startswith("| leaky_relu (negative_slope=0.2) | (-1, 1) |")
    assert lines[3].endswith("| 0 | 0.3943 | 0.4644 | - |")  # no cost column unless asked for
    assert "cost" not in DEFAULT_COLUMNS


def test_columns_select_and_order():
    text = render(REPORTS, "markdown", ["cost", "range"])
    assert text.splitlines()[0] == "| activation | cost | range |"
    assert text.splitlines()[2] == "| relu | 1.0 [0.9, 1.1] | [0, ∞) |"  # the median and the range of the rounds


def test_json_is_as_dict_exactly():
    records = json.loads(render(REPORTS, "json"))
    assert records == [json.loads(json.dumps(r.as_dict())) for r in REPORTS]
    assert records[0]["range"] == [0.0, None] and records[1]["gain"] is None


def test_json_with_columns_keeps_name_and_params():
    records = json.loads(render(REPORTS, "json", ["continuity"]))
    assert records[1] == {"name": "leaky_relu", "params": {"negative_slope": 0.2}, "continuity": "Cinf"}


def test_csv_round_trips_numbers_at_full_precision():
    rows = list(csv.DictReader(io.StringIO(render(REPORTS, "csv"))))
    assert [r["name"] for r in rows] == ["relu", "leaky_relu"]
    assert float(rows[0]["mean"]) == RELU.mean
    assert float(rows[0]["range_low"]) == 0.0 and float(rows[0]["range_high"]) == math.inf
    assert (rows[0]["range_low_closed"], rows[0]["range_high_closed"]) == ("true", "false")
    assert rows[1]["params"] == "negative_slope=0.2" and rows[1]["cost"] == ""
    assert [float(rows[0][key]) for key in ("cost", "cost_low", "cost_high")] == [1.0, 0.94, 1.12]
    assert rows[0]["continuity"] == "C0" and rows[0]["sparse"] == "true"


def test_latex_is_a_booktabs_tabular_with_escaped_names():
    text = render(REPORTS, "latex", ["range", "continuity", "mean"])
    lines = text.splitlines()
    assert lines[0] == r"\begin{tabular}{lllr}" and lines[-1] == r"\end{tabular}"
    assert r"\toprule" in lines and r"\midrule" in lines and r"\bottomrule" in lines
    body = [line for line in lines if line.endswith(r"\\")]
    assert all(line.count("&") == 3 for line in body)
    assert body[1] == r"relu & $[0, \infty)$ & $C^{0}$ & $0.3989$ \\"
    assert body[2].startswith(r"leaky\_relu (negative\_slope=0.2) & $(-1, 1)$ & $C^{\infty}$")


def test_latex_writes_exponents_as_powers_of_ten():
    small = dataclasses.replace(RELU, mean=1.5e-7)
    assert r"$1.5\times 10^{-7}$" in render([small], "latex", ["mean"])


def test_cells_and_headers_match():
    rows = cells(REPORTS, ["range", "dead_zone"], yes="Y", no="N")
    assert headers(["range", "dead_zone"]) == ["activation", "range", "dead zone"]
    assert rows == [["relu", "[0, ∞)", "Y"], ["leaky_relu (negative_slope=0.2)", "(-1, 1)", "N"]]


def test_parse_columns():
    assert parse_columns(None) == DEFAULT_COLUMNS
    assert parse_columns(" range, cost ") == ("range", "cost")
    with pytest.raises(ActvizError, match=r"unknown column 'rnage' .*did you mean 'range'\?"):
        parse_columns("rnage")
    with pytest.raises(ActvizError, match="no column"):
        parse_columns(" , ")


def test_unknown_format():
    with pytest.raises(ActvizError, match="did you mean 'latex'"):
        render(REPORTS, "latx")
