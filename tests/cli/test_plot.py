"""``actviz plot``, ``compare``, ``saturation`` and ``gallery`` through
typer's CliRunner: exit codes, messages, and the files checked directly."""

from __future__ import annotations

import math
import os
import xml.etree.ElementTree as ET

import mpmath
import pytest
from matplotlib.colors import to_hex
from typer.testing import CliRunner

import actviz
from actviz import registry
from actviz.analysis.gaussian import gaussian_fraction
from actviz.analysis.saturation import saturation_sets
from actviz.cli.app import app
from actviz.plotting import gallery
from actviz.themes import THEMES

from tests.helpers import NotPointwise, png_size
from tests.helpers import one_line_error as _one_line_error

runner = CliRunner()


def test_plot_derivative_writes_png_of_the_requested_pixels(tmp_path):
    target = tmp_path / "x.png"
    result = runner.invoke(app, ["plot", "sigmoid", "--derivative", "-o", str(target), "--size", "1600x900", "--dpi", "100"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(target)
    assert png_size(target) == (1600, 900)


@pytest.mark.skipif("gelu" not in actviz.names(), reason="gelu comes with the smooth catalogue")
def test_acceptance_gelu_svg_has_the_formula_as_text(tmp_path):
    target = tmp_path / "gelu.svg"
    assert runner.invoke(app, ["plot", "gelu", "--derivative", "-o", str(target)]).exit_code == 0
    texts = "".join("".join(t.itertext()) for t in ET.parse(target).getroot().iter() if t.tag.endswith("text"))
    assert "GELU" in texts or "Φ" in texts


def test_plot_svg_and_pdf(tmp_path):
    svg, pdf = tmp_path / "t.svg", tmp_path / "t.pdf"
    assert runner.invoke(app, ["plot", "tanh", "-d", "-o", str(svg), "--theme", "dark"]).exit_code == 0
    assert ET.parse(svg).getroot().tag.endswith("svg")
    assert runner.invoke(app, ["plot", "tanh", "-o", str(pdf), "--size", "paper"]).exit_code == 0
    assert pdf.read_bytes().startswith(b"%PDF-")


def test_without_output_the_png_goes_to_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["plot", "relu", "-d", "--second"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "relu.png"
    assert png_size(tmp_path / "relu.png") == (2000, 1125)  # slide at 150 dpi
    result = runner.invoke(app, ["compare", "relu", "tanh", "--size", "square", "--dpi", "50"])
    assert result.stdout.strip() == "compare-relu-tanh.png"
    assert png_size(tmp_path / "compare-relu-tanh.png") == (350, 350)


def test_compare_and_saturation_acceptance_commands(tmp_path):
    cmp_png, sat_png = tmp_path / "cmp.png", tmp_path / "sat.png"
    assert runner.invoke(app, ["compare", "relu", "sigmoid", "tanh", "-o", str(cmp_png)]).exit_code == 0
    assert runner.invoke(app, ["saturation", "sigmoid", "tanh", "relu", "-o", str(sat_png)]).exit_code == 0
    assert png_size(cmp_png) == png_size(sat_png) == (2000, 1125)


@pytest.mark.skipif("leaky_relu" not in actviz.names(), reason="leaky_relu comes with the rectifier catalogue")
def test_compare_the_same_activation_with_two_parameters(tmp_path):
    target = tmp_path / "leaky.png"
    result = runner.invoke(app, ["compare", "leaky_relu:negative_slope=0.01", "leaky_relu:negative_slope=0.3", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert png_size(target) == (2000, 1125)


def test_saturation_prints_the_shares_at_sigma(tmp_path):
    result = runner.invoke(app, ["saturation", "sigmoid", "relu", "--sigma", "3", "--threshold", "0.01", "-o", str(tmp_path / "s.png")])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("sigmoid: at sigma=3,") and lines[1].startswith("relu: at sigma=3, 50.0000% of inputs saturated")
    # the printed share is the library's, which test_plotting_saturation checks against mpmath
    share = float(gaussian_fraction(saturation_sets(actviz.get("sigmoid"), 0.01).saturated, 3.0))
    assert f"{share:.4%}" in lines[0]
    # 2 Phi(-4.5848633/3) ~ 0.1264 (mpmath), so the figure printed is about 12.6%
    assert math.isclose(share, float(2 * mpmath.ncdf(-4.584863339122356 / 3)), rel_tol=1e-9)


def test_terminal_draws_characters_and_writes_no_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("LINES", "30")
    result = runner.invoke(app, ["plot", "relu", "-d", "--terminal"])
    assert result.exit_code == 0, result.output
    assert "f'(x)" in result.stdout and "○" in result.stdout and "●" in result.stdout  # relu' jump
    assert list(tmp_path.iterdir()) == []
    result = runner.invoke(app, ["saturation", "sigmoid", "--terminal"])
    assert result.exit_code == 0 and "log10 |f'(x)|" in result.stdout


def test_terminal_draws_a_single_panel(monkeypatch):
    # plotext's 1 x 1 grid is the figure itself, with no subplot (1, 1) to address
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "20")
    result = runner.invoke(app, ["plot", "relu", "--terminal"])
    assert result.exit_code == 0, result.output
    assert "f(x)" in result.stdout and "relu" in result.stdout and "f'(x)" not in result.stdout


def test_unknown_function_suggests():
    _one_line_error(runner.invoke(app, ["plot", "sigmod"]), "unknown activation 'sigmod'", "did you mean 'sigmoid'")


def test_reversed_range_is_a_one_line_error_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _one_line_error(runner.invoke(app, ["plot", "relu", "--range", "3", "-3"]), "invalid --range 3 -3", "LO < HI")
    _one_line_error(runner.invoke(app, ["compare", "relu", "tanh", "--ylim", "1", "1"]), "invalid --ylim 1 1")
    _one_line_error(runner.invoke(app, ["saturation", "relu", "--threshold", "0"]), "invalid --threshold 0")
    assert list(tmp_path.iterdir()) == []


def test_unwritable_folder_is_a_clear_error_and_no_file(tmp_path, monkeypatch):
    missing = tmp_path / "nowhere" / "x.png"
    _one_line_error(runner.invoke(app, ["plot", "relu", "-o", str(missing)]), f"cannot write {missing}", "does not exist")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    _one_line_error(runner.invoke(app, ["plot", "relu", "-o", str(tmp_path / "x.png")]), "permission denied")
    assert list(tmp_path.iterdir()) == []


def test_bad_size_theme_and_format_are_one_line_errors(tmp_path):
    _one_line_error(runner.invoke(app, ["plot", "relu", "--size", "huge", "-o", str(tmp_path / "a.png")]), "invalid size 'huge'")
    _one_line_error(runner.invoke(app, ["plot", "relu", "--theme", "sepia", "-o", str(tmp_path / "a.png")]), "unknown theme 'sepia'")
    _one_line_error(runner.invoke(app, ["plot", "relu", "-o", str(tmp_path / "a.gif")]), "unsupported file suffix '.gif'")
    assert list(tmp_path.iterdir()) == []


def test_non_pointwise_entries_are_refused_by_name(monkeypatch):
    monkeypatch.setitem(registry._ENTRIES, "softmax_test", NotPointwise())
    _one_line_error(runner.invoke(app, ["plot", "softmax_test"]), "'softmax_test' is not pointwise")
    _one_line_error(runner.invoke(app, ["saturation", "relu", "softmax_test"]), "'softmax_test' is not pointwise")


def test_show_without_a_display_is_a_one_line_error():
    _one_line_error(runner.invoke(app, ["plot", "relu", "--show"]), "--show needs a display")


def test_gallery_covers_the_registry_and_skips_non_pointwise(tmp_path, monkeypatch):
    entries = {name: registry._ENTRIES[name] for name in ("relu", "sigmoid", "tanh")}
    entries["softmax_test"] = NotPointwise()
    monkeypatch.setattr(registry, "_ENTRIES", entries)
    drawn = {}

    def record(fig, path, **kwargs):  # rendering is tested elsewhere; here: which figures, where
        drawn[path.relative_to(tmp_path).as_posix()] = fig
        return path

    monkeypatch.setattr(gallery, "save_figure", record)
    result = runner.invoke(app, ["gallery", str(tmp_path), "--jobs", "1"])  # in this process, where save_figure is patched
    assert result.exit_code == 0, result.output
    sheets = {"family-rectifier.png", "family-sigmoidal.png", "saturation.png"}
    assert set(drawn) == {"relu.png", "sigmoid.png", "tanh.png"} | sheets | {f"dark/{s}" for s in sheets}
    assert drawn["tanh.png"].get_suptitle() == "tanh" and len(drawn["tanh.png"].axes) == 2  # f and f'
    assert [t.get_text() for t in drawn["family-sigmoidal.png"].legends[0].get_texts()] == ["sigmoid", "tanh"]
    assert to_hex(drawn["dark/saturation.png"].get_facecolor()) == THEMES["dark"]["figure.facecolor"]
    assert [t.get_text() for t in drawn["saturation.png"].legends[0].get_texts()] == ["sigmoid", "tanh", "relu"]
    assert "![tanh](tanh.png)" in (tmp_path / "README.md").read_text()
    assert result.stdout.strip() == f"10 files written to {tmp_path}"


def test_family_sheets_hold_at_most_six_curves():
    assert [len(s) for s in gallery.family_sheets(list(range(11)))] == [6, 5]
    assert [len(s) for s in gallery.family_sheets(list(range(6)))] == [6]
    assert sum(gallery.family_sheets(list(range(13))), []) == list(range(13))


def test_family_sheets_keep_curves_of_one_scale_together():
    """e^x reaches e^5 = 148 on the default range [-5, 5], elu stays within
    [-1, 5]: on one axis elu would be a flat line, so they go on separate sheets."""
    acts = [actviz.get(n) for n in ("exponential", "elu", "celu", "selu")]
    groups = gallery.scale_groups(acts)
    assert [[a.name for a in g] for g in groups] == [["celu", "elu", "selu"], ["exponential"]]


def test_gallery_in_two_processes_writes_what_one_process_writes(tmp_path, monkeypatch):
    """Worker processes draw the longest pictures first; the paths come back in the
    gallery's order and the pictures are the ones drawn in this process."""
    from matplotlib.image import imread

    entries = {name: registry._ENTRIES[name] for name in ("relu", "tanh")}
    monkeypatch.setattr(registry, "_ENTRIES", entries)  # forked workers inherit the patch
    progress = []
    serial = gallery.build_gallery(tmp_path / "one", jobs=1)
    parallel = gallery.build_gallery(tmp_path / "two", jobs=2, progress=lambda done, total: progress.append(done))
    assert [p.relative_to(tmp_path / "two") for p in parallel] == [p.relative_to(tmp_path / "one") for p in serial]
    assert progress == list(range(1, len(parallel)))  # every picture but the README
    for one, two in zip(serial, parallel):
        if one.suffix == ".png":
            assert (imread(one) == imread(two)).all(), one.name
