"""The one number formatter and the one CSV writer."""

from __future__ import annotations

import csv
import io
import math

import pytest

import actviz
from actviz.formats.card import card, to_markdown, to_text
from actviz.formats.delimited import to_csv
from actviz.formats.numbers import format_number


@pytest.mark.parametrize(("value", "digits", "text"), [
    (0.5, 4, "0.5"),                    # exact: no padding
    (-0.16997120747990363, 4, "-0.1700"),  # rounded: the zeros are significant and stay
    (0.9386362681988511, 5, "0.93864"),
    (123456789.0, 4, "1.235e+08"),
    (math.inf, 4, "∞"), (-math.inf, 4, "-∞"), (math.nan, 4, "–"), (None, 4, "-"),
])
def test_format_number(value, digits, text):
    assert format_number(value, digits) == text


def test_noise_prints_as_zero_only_when_asked():
    assert format_number(3e-14, 4, noise=5e-13) == "0"
    assert format_number(3e-14, 4) == "3e-14"


def test_csv_rows_round_trip_at_full_precision():
    rows = [{"name": "a", "x": 0.1 + 0.2, "flag": True, "missing": None}]
    text = to_csv(rows)
    (back,) = csv.DictReader(io.StringIO(text))
    assert float(back["x"]) == 0.1 + 0.2
    assert back["flag"] == "true" and back["missing"] == ""
    assert to_csv([]) == ""


def test_the_card_has_the_formula_parameters_kinks_and_reference():
    entry_card = card(actviz.get("leaky_relu:negative_slope=0.2"))
    text, markdown = to_text(entry_card), to_markdown(entry_card)
    for part in ("leaky_relu (negative_slope=0.2)", "negative_slope = 0.2", "kink at x = 0", "reference: "):
        assert part in text and part in markdown
    assert markdown.startswith("**leaky_relu (negative_slope=0.2)**")
