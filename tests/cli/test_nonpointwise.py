"""``actviz softmax|glu|maxout|band`` and the non-pointwise entries in ``list`` and
``info``, through typer's CliRunner; results are checked through the library
and the files written."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.image import imread
from typer.testing import CliRunner

import actviz
from actviz.cli.app import app
from actviz.themes import THEMES

runner = CliRunner()
SMALL = ["--size", "480x270"]


def _one_line_error(result, *fragments: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def test_softmax_writes_a_picture_and_prints_the_probabilities(tmp_path):
    target = tmp_path / "s.png"
    result = runner.invoke(app, ["softmax", "2.0", "1.0", "0.1", "-o", str(target), *SMALL])
    assert result.exit_code == 0, result.output
    assert imread(target).shape[:2] == (270, 480)
    assert result.stdout.strip().splitlines()[-1] == str(target)
    # piped: every probability at full precision (the seed note's 0.659, 0.242, 0.099)
    for shown in actviz.get("softmax")(np.array([2.0, 1.0, 0.1])):
        assert repr(float(shown)) in result.stdout
    assert all(line == line.rstrip() for line in result.stdout.splitlines())


def test_softmax_takes_negative_and_huge_logits_and_a_temperature(tmp_path):
    target = tmp_path / "huge.svg"
    result = runner.invoke(app, ["softmax", "1000", "1", "-1000", "--temperature", "0.5", "-o", str(target), *SMALL])
    assert result.exit_code == 0, result.output
    assert target.read_text().lstrip().startswith("<?xml")
    assert actviz.get("softmax", temperature=0.5)([1000, 1, -1000]).tolist() == [1.0, 0.0, 0.0]


@pytest.mark.parametrize(("argv", "fragments"), [
    (["softmax", "1.0"], ("invalid logits [1.0]", "two or more finite")),
    (["softmax", "1.0", "inf"], ("invalid logits",)),
    (["softmax", "1", "2", "-t", "0"], ("'temperature' of softmax", "temperature > 0")),
    (["softmax", "1", "2", "-t", "x"], ("'x' is not a valid float",)),
    (["softmax", "1", "2", "--size", "big"], ("invalid size 'big'",)),
])
def test_softmax_errors_are_one_line(argv, fragments):
    _one_line_error(runner.invoke(app, argv), *fragments)


def test_bad_output_fails_before_printing_and_leaves_no_file(tmp_path):
    target = tmp_path / "s.txt"
    result = runner.invoke(app, ["softmax", "1", "2", "-o", str(target)])
    _one_line_error(result, "unsupported file suffix '.txt'")
    assert result.stdout == "" and not target.exists()


def test_glu_writes_heat_map_and_table(tmp_path):
    target = tmp_path / "reglu.png"
    result = runner.invoke(app, ["glu", "reglu", "--extent", "2", "-o", str(target), *SMALL])
    assert result.exit_code == 0, result.output
    assert target.exists()
    assert "reglu(x, x)" in result.stdout
    # the table shows the diagonal x relu(x): 9 at x = 3
    assert float(actviz.get("reglu").curve()(3.0)) == 9.0


@pytest.mark.parametrize(("argv", "fragments"), [
    (["glu", "relu"], ("'relu' is not a GLU variant", "bilinear, geglu, glu, gtu, reglu, situ_glu, swiglu, swiglu_oai")),
    (["glu", "swigly"], ("unknown activation 'swigly'", "did you mean 'swiglu'")),
    (["glu", "glu", "--extent", "-1"], ("invalid extent -1",)),
])
def test_glu_errors_are_one_line(argv, fragments):
    _one_line_error(runner.invoke(app, argv), *fragments)


def test_maxout_from_a_seed_and_from_given_pieces(tmp_path):
    drawn = runner.invoke(app, ["maxout", "--k", "4", "--seed", "2", "-o", str(tmp_path / "m.png"), *SMALL])
    assert drawn.exit_code == 0, drawn.output
    assert "maxout (k=4, seed=2)" in drawn.stdout
    given = runner.invoke(app, ["maxout", "--slopes", "0,1", "--offsets", "0,0", "-o", str(tmp_path / "relu.pdf"), *SMALL])
    assert given.exit_code == 0, given.output
    assert (tmp_path / "relu.pdf").read_bytes().startswith(b"%PDF")
    intervals = actviz.get("maxout").with_pieces([0, 1], [0, 0]).active_intervals()
    assert intervals == ((float("-inf"), 0.0), (0.0, float("inf")))


@pytest.mark.parametrize(("argv", "fragments"), [
    (["maxout", "--slopes", "1,2"], ("--slopes and --offsets go together",)),
    (["maxout", "--slopes", "1,x", "--offsets", "0,0"], ("invalid --slopes '1,x'",)),
    (["maxout", "--slopes", "1,2", "--offsets", "0"], ("as many slopes as offsets",)),
    (["maxout", "--k", "0"], ("'k' of maxout", "1 <= k <= 64")),
])
def test_maxout_errors_are_one_line(argv, fragments):
    _one_line_error(runner.invoke(app, argv), *fragments)


@pytest.mark.parametrize("spec", ["prelu", "rrelu", "rrelu:lower=0.05,upper=0.5"])
def test_band_writes_a_picture(tmp_path, spec):
    target = tmp_path / "band.png"
    result = runner.invoke(app, ["band", spec, "-o", str(target), *SMALL])
    assert result.exit_code == 0, result.output
    assert target.exists()
    assert "evaluation (a = " in result.stdout


def test_band_default_file_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["band", "rrelu", *SMALL])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "rrelu_band.png").exists()


@pytest.mark.parametrize(("argv", "fragments"), [
    (["band", "relu"], ("slope bands are drawn for prelu and rrelu, not 'relu'",)),
    (["band", "prelu", "--low", "1", "--high", "0"], ("invalid slope band [1, 0]",)),
])
def test_band_errors_are_one_line(argv, fragments):
    _one_line_error(runner.invoke(app, argv), *fragments)


@pytest.mark.parametrize(("argv", "title"), [
    (["softmax", "2", "1", "0.1"], "p_i against log10 T"),
    (["glu", "swiglu"], "swiglu on the diagonal a = b = x"),
    (["maxout", "--k", "3"], "maxout (k=3, seed=0)"),
    (["band", "prelu"], "prelu: slope in [0, 1]"),
])
def test_terminal_draws_the_curves_and_writes_no_file(tmp_path, monkeypatch, argv, title):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("LINES", "24")
    result = runner.invoke(app, [*argv, "--terminal"])
    assert result.exit_code == 0, result.output
    assert title in result.stdout
    assert list(tmp_path.iterdir()) == []
    both = runner.invoke(app, [*argv, "--terminal", "-o", "both.png", *SMALL])
    assert both.exit_code == 0 and title in both.stdout
    assert imread(tmp_path / "both.png").shape[:2] == (270, 480)


def test_show_gets_the_figure_with_the_title_and_writes_no_file(tmp_path, monkeypatch):
    import actviz.plotting.export as export

    shown = []
    monkeypatch.setattr(export, "show_figure", shown.append)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["softmax", "1", "2", "--show", "--title", "Two logits", "--theme", "dark", *SMALL])
    assert result.exit_code == 0, result.output
    (fig,) = shown
    assert fig._suptitle.get_text() == "Two logits"
    assert to_hex(fig.get_facecolor()) == THEMES["dark"]["figure.facecolor"] and len(fig.axes) >= 4
    assert list(tmp_path.iterdir()) == []


def test_list_marks_the_non_pointwise_entries():
    records = json.loads(runner.invoke(app, ["list", "--format", "json"]).stdout)
    vector = {r["name"] for r in records if not r["pointwise"]}
    assert vector == set(actviz.names(pointwise=False))
    assert {"softmax", "glu", "reglu", "geglu", "swiglu", "bilinear", "maxout"} <= vector
    table = runner.invoke(app, ["list", "--family", "vector"]).stdout
    assert table.count("(not pointwise)") == len(vector)


def test_info_softmax_and_maxout():
    result = runner.invoke(app, ["info", "softmax:temperature=2"])
    assert result.exit_code == 0, result.output
    assert "softmax (temperature=2)" in result.stdout and "not pointwise" in result.stdout
    assert "Σ" in result.stdout and "Bridle" in result.stdout
    # rich markup must not swallow formula brackets such as 𝟙[j = argmax_i z_i]
    assert "𝟙[j = argmax" in runner.invoke(app, ["info", "maxout"]).stdout
    assert "𝟙[x > 0]" in runner.invoke(app, ["info", "relu"]).stdout


@pytest.mark.parametrize("argv", [["info", "softmax"], ["list"]])
def test_quick_commands_still_load_no_matplotlib_or_scipy(argv):
    code = (f"import sys; sys.argv = ['actviz', *{argv!r}]\nfrom actviz.cli.main import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\nprint('\\n'.join(sys.modules))")
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split())
    assert "matplotlib" not in loaded and "scipy" not in loaded
