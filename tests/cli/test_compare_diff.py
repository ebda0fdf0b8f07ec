"""``compare A B --diff`` / ``--error abs|rel|ulp``: the difference drawn and its maximum printed."""

from __future__ import annotations

import re

import mpmath
import numpy as np
import pytest
from typer.testing import CliRunner

import actviz
from actviz.analysis.differences import curve_difference, pointwise_error
from actviz.cli.app import app
from actviz.plotting.figures import difference_figure
from actviz.plotting.style import parse_size

runner = CliRunner()
SMALL = parse_size("640x360", 50)


def _gelu_minus_gelu_tanh(x: float) -> float:
    """Independent reference at 40 digits: x Phi(x) - x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))."""
    with mpmath.workdps(40):
        x = mpmath.mpf(x)
        exact = x * mpmath.ncdf(x)
        approximate = x / 2 * (1 + mpmath.tanh(mpmath.sqrt(2 / mpmath.pi) * (x + mpmath.mpf("0.044715") * x ** 3)))
        return float(exact - approximate)


def test_diff_prints_the_largest_difference_of_f_and_of_the_slope(tmp_path):
    target = tmp_path / "d.png"
    result = runner.invoke(app, ["compare", "gelu", "gelu_tanh", "--diff", "-o", str(target)])
    assert result.exit_code == 0, result.output
    first, second = result.stdout.splitlines()[:2]
    value, where = map(float, re.match(r"max \|f_A - f_B\| = (\S+) at x = (\S+)", first).groups())
    grid = np.linspace(-5.0, 5.0, 2001)
    reference = max(grid, key=lambda x: abs(_gelu_minus_gelu_tanh(x)))
    assert where == pytest.approx(reference, abs=1e-9)
    assert value == pytest.approx(abs(_gelu_minus_gelu_tanh(reference)), rel=1e-5)  # 6 digits printed
    assert first.startswith("max |f_A - f_B| = 0.000473") and second.startswith("max |f'_A - f'_B| = 0.000868")
    assert target.stat().st_size > 0


def test_the_figure_draws_the_differences_with_the_maximum_in_the_title():
    gelu, tanh_approx = actviz.get("gelu"), actviz.get("gelu_tanh")
    fig, differences = difference_figure(gelu, tanh_approx, size=SMALL)
    top, bottom = fig.axes
    (line,) = [line for line in top.lines if line.get_gid() == "curve"]
    x, y = line.get_xydata().T
    np.testing.assert_array_equal(y, gelu(x) - tanh_approx(x))
    assert "0.000473" in top.get_title(loc="right") and "0.000868" in bottom.get_title(loc="right")
    assert differences[1].order == 1


def test_a_jump_of_the_difference_is_two_pieces_not_a_line():
    difference = curve_difference(actviz.get("relu"), actviz.get("elu"), 1, -1.0, 1.0)
    assert len(difference.pieces) == 2
    (_, end), (start, _) = difference.pieces
    assert difference.x[end - 1] < 0.0 < difference.x[start]
    assert difference.error[end - 1] == -1.0 and difference.error[start] == 0.0  # relu' - elu' on each side


@pytest.mark.parametrize(("kind", "expected"), [("abs", [0.0, -3.0, 2 ** -52, np.nan]),
                                                 ("rel", [0.0, -0.75, 2 ** -52, np.nan]),
                                                 ("ulp", [0.0, -3.0 / 2 ** -50, 1.0, np.nan])])
def test_pointwise_errors(kind, expected):
    # equal infinities agree; 1 - 4 in 4's ulps (2**-50); 1 + 2**-52 is one ulp of itself above 1;
    # inf against a number has no finite error
    a = np.array([np.inf, 1.0, 1.0 + 2 ** -52, np.inf])
    b = np.array([np.inf, 4.0, 1.0, 1.0])
    np.testing.assert_array_equal(pointwise_error(a, b, kind), expected)


def test_the_ulp_error_of_a_formula_against_the_catalogue_is_a_few_units(tmp_path):
    result = runner.invoke(app, ["compare", "x*tanh(softplus(x))", "mish", "--error", "ulp", "-o", str(tmp_path / "u.svg")])
    assert result.exit_code == 0, result.output
    assert int(float(result.stdout.split(" = ")[1].split()[0])) <= 4


@pytest.mark.parametrize(("args", "fragment"), [(["relu", "elu", "selu", "--diff"], "exactly two activations"),
                                                (["relu", "elu", "--error", "max"], "unknown --error 'max'")])
def test_bad_difference_requests_are_one_line(args, fragment):
    result = runner.invoke(app, ["compare", *args])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and fragment in result.stderr and len(result.stderr.splitlines()) == 1
