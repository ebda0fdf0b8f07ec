"""``actviz decay``, ``actviz theory`` and ``actviz phase`` through typer's CliRunner;
results are checked against the library, not by parsing pretty output."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

import actviz
from actviz.cli.app import app
from actviz.cli.progress import LazyProgress
from actviz.propagation import mean_field, simulate

runner = CliRunner()
SMALL = ["--depth", "5", "--width", "16", "--batch", "4", "--seed", "7"]


def test_decay_json_is_the_library_run():
    result = runner.invoke(app, ["decay", "tanh", "relu", *SMALL, "--sigma-w2", "1.5", "--sigma-b2", "0.05",
                                 "--format", "json"])
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert [r["activation"] for r in records] == ["tanh", "relu"]
    tanh = records[0]
    assert (tanh["depth"], tanh["width"], tanh["batch"], tanh["seed"], tanh["init"]) == (5, 16, 4, 7, "custom")
    run = simulate(actviz.get("tanh"), depth=5, width=16, batch=4, sigma_w2=1.5, sigma_b2=0.05, seed=7)
    np.testing.assert_array_equal([row["q"] for row in tanh["layers"]], run.q)
    np.testing.assert_allclose([row["grad_norm"] for row in tanh["layers"]], np.exp(run.log_grad_norm))
    assert tanh["theory"]["chi1"] == mean_field(actviz.get("tanh"), 1.5, 0.05).chi1


def test_decay_csv_has_a_row_per_layer_and_activation():
    result = runner.invoke(app, ["decay", "tanh", "sigmoid", *SMALL, "--init", "he", "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 + 2 * 6 and lines[0].startswith("activation,")


def test_decay_picture_and_notes(tmp_path):
    target = tmp_path / "stack.png"
    result = runner.invoke(app, ["decay", "tanh", *SMALL, "--sigma-w2", "2", "--sigma-b2", "0.05", "-o", str(target),
                                 "--size", "640x400"])
    assert result.exit_code == 0, result.stderr
    assert target.is_file() and str(target) in result.stdout
    assert "chaotic" in result.stdout and "gradients grow slowly" in result.stdout


def test_decay_of_a_stack_without_finite_chi1_says_so(tmp_path):
    """snake's length map runs away at (1, 0) and the theory has no finite chi_1: the summary
    says 'chi_1 = none' (it used to crash formatting None)."""
    target = tmp_path / "snake.png"
    result = runner.invoke(app, ["decay", "snake", *SMALL, "-o", str(target), "--size", "640x400"])
    assert result.exit_code == 0, result.stderr
    assert mean_field(actviz.get("snake"), 1.0, 0.0).to_dict()["chi1"] is None
    assert "chi_1 = none" in result.stdout and target.is_file()


@pytest.mark.parametrize(("argv", "message"), [
    (["decay", "tanh", "--format", "jpg"], "unsupported format 'jpg'"),
    (["decay", "tanh", "--init", "he", "--sigma-w2", "3"], "--init he fixes sigma_w^2 = 2"),
    (["decay", "tanhh"], "did you mean 'tanh'"),
    (["decay", "tanh", "--format", "csv", "-o", "x.csv"], "prints to standard output"),
    (["decay", "tanh", "--init", "xaviar"], "did you mean 'xavier'"),
    (["theory", "tanh", "--sigma-w2", "-1"], "invalid sigma_w^2"),
    (["phase", "tanh", "--terminal"], "--terminal cannot draw"),
    (["decay", "tanh", "--format", "json", "--terminal"], "drop --terminal"),
    (["decay", "tanh", "--format", "csv", "--show"], "drop --show"),
    (["phase", "tanh", "--size", "huge"], "invalid size 'huge'"),
    (["decay", "tanh", "--theme", "blue"], "unknown theme 'blue'"),
])
def test_bad_input_is_one_red_line(argv, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, argv)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr
    assert "Traceback" not in result.stderr and not list(tmp_path.iterdir())


def test_decay_format_picks_the_picture_format_too(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["decay", "tanh", *SMALL, "--format", "SVG", "--size", "640x400"])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "decay-tanh.svg").read_text().lstrip().startswith("<?xml")


def test_decay_in_the_terminal_writes_no_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["decay", "tanh", "relu", *SMALL, "--terminal"])
    assert result.exit_code == 0, result.stderr
    assert "log10 gradient norm" in result.stdout and "chi_1" in result.stdout
    assert not list(tmp_path.iterdir())


def test_decay_terminal_panels_are_the_run_in_log10():
    from actviz.terminal.propagation import decay_panels
    from actviz.propagation import profile

    act = actviz.get("tanh")
    run = simulate(act, depth=5, width=16, batch=4, sigma_w2=1.5, sigma_b2=0.05, seed=7)
    gradients, lengths = decay_panels([run], [profile(act, 1.5, 0.05, run.top, q0=run.q[0])])
    measured = next(t for t in gradients.traces if t.label == "tanh")
    np.testing.assert_allclose(measured.y, run.log_grad_norm / np.log(10))
    np.testing.assert_allclose(next(t for t in lengths.traces if t.label == "tanh").y, np.log10(run.q))
    assert [t.marker for t in gradients.traces] == ["·", None]  # theory dotted, under the measured line


def test_theory_json_lists_one_object_per_activation():
    result = runner.invoke(app, ["theory", "relu", "tanh", "--sigma-w2", "2", "--sigma-b2", "0", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert [r["activation"] for r in records] == ["relu", "tanh"]
    assert records[0] == mean_field(actviz.get("relu"), 2.0, 0.0).to_dict()
    assert records[0]["regime"] == "line" and records[0]["xi_c"] is None


def test_theory_table_and_csv():
    table = runner.invoke(app, ["theory", "tanh", "--init", "critical", "--sigma-b2", "0.05"])
    assert table.exit_code == 0 and "tanh" in table.stdout and "critical" in table.stdout
    csv = runner.invoke(app, ["theory", "tanh", "sigmoid", "--init", "xavier", "--format", "csv"])
    assert csv.exit_code == 0
    assert len(csv.stdout.strip().splitlines()) == 3 and "q_star" in csv.stdout.splitlines()[0]


def test_phase_picture_and_json(tmp_path):
    target = tmp_path / "phase.svg"
    result = runner.invoke(app, ["phase", "tanh", "--resolution", "12", "-o", str(target), "--sigma-w2", "1.5"])
    assert result.exit_code == 0, result.stderr
    assert target.read_text().lstrip().startswith("<?xml")
    data = runner.invoke(app, ["phase", "tanh", "--resolution", "12", "--format", "json"])
    assert data.exit_code == 0
    record = json.loads(data.stdout)
    assert len(record["sigma_w2"]) == 12 and record["sigma_w2"][-1] == 4.0
    assert len(record["chi1"]) == len(record["sigma_b2"]) and record["edge_of_chaos"][0]["sigma_w2"] == pytest.approx(1.0)


def test_progress_bar_appears_only_after_a_second(monkeypatch):
    from rich.console import Console

    monkeypatch.setattr(Console, "is_terminal", property(lambda self: True))
    quick = LazyProgress(10, "work")
    quick.update(3, 10)
    assert quick.bar is None
    slow = LazyProgress(10, "work")
    slow.started -= 2.0
    slow.update(3, 10)
    try:
        assert slow.bar is not None and slow.bar.tasks[0].completed == 3
    finally:
        slow.close()


def test_progress_bar_never_writes_to_a_stderr_that_is_not_a_terminal(capfd):
    # Piped, rich's transient bar still left a blank line on stderr (a CSV run's captured
    # stderr was "\n" under load); a log of a long run gets nothing.
    slow = LazyProgress(10, "work")
    slow.started -= 2.0
    slow.update(3, 10)
    slow.update(9, 10)
    slow.close()
    assert slow.bar is None and capfd.readouterr().err == ""
