"""``actviz train`` through typer's CliRunner; numbers are checked against the library."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from actviz.cli.app import app
from actviz.training import train

runner = CliRunner()
SMALL = ["--depth", "2", "--width", "8", "--steps", "30", "--seeds", "2", "--batch", "16", "--measure-every", "10"]
LIBRARY = dict(depth=2, width=8, steps=30, seeds=2, batch=16, measure_every=10)


def test_json_is_the_library_run():
    result = runner.invoke(app, ["train", "relu", "prelu", *SMALL, "--task", "moons", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert [r["activation"] for r in records] == ["relu", "prelu"]
    run = train("prelu", "moons", **LIBRARY)
    prelu = records[1]
    assert prelu["steps"] == [0, 10, 20, 30] and prelu["widths"] == [2, 8, 8, 2]
    np.testing.assert_array_equal(prelu["series"]["train_loss"], run.train_loss)
    np.testing.assert_array_equal(prelu["series"]["dead_fraction"], run.dead_fraction)
    np.testing.assert_array_equal(prelu["series"]["slopes"], run.slopes)
    assert prelu["series"]["update_ratio"][0][-1] == [None, None, None]  # nan -> null
    assert prelu["summary"]["final_train_loss"]["median"] == float(np.median(run.train_loss[:, -1]))


def test_csv_has_a_row_per_seed_checkpoint_and_layer():
    result = runner.invoke(app, ["train", "tanh", *SMALL, "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 + 2 * 4 * 3 and lines[0].startswith("activation,setting,seed,step,layer,")


def test_picture_and_summary(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["train", "relu", "prelu", *SMALL, "--size", "640x400"])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "train-relu-prelu.png").stat().st_size > 10_000
    assert "steps to training loss <= 0.1" in result.stdout and "dead fraction: peak" in result.stdout


def test_sweep_writes_one_run_per_value(tmp_path):
    target = tmp_path / "sweep.svg"
    result = runner.invoke(app, ["train", "relu", *SMALL, "--sweep", "lr=1e-3,1e-1", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert target.read_text().startswith("<?xml")
    assert "relu, lr=0.001" in result.stdout and "relu, lr=0.1" in result.stdout
    data = runner.invoke(app, ["train", "relu", *SMALL, "--sweep", "width=4,8", "--format", "json"])
    assert [r["setting"] for r in json.loads(data.stdout)] == [{"width": 4}, {"width": 8}]


def test_terminal_draws_without_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["train", "relu", "tanh", *SMALL, "--terminal"])
    assert result.exit_code == 0, result.stderr
    assert "log10 training loss" in result.stdout and not list(tmp_path.iterdir())


def test_a_diverging_run_says_where(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    diverging = ["train", "relu", "--task", "teacher", "--optimizer", "sgd", "--lr", "50", "--depth", "2",
                 "--width", "32", "--steps", "40", "--seeds", "2", "--measure-every", "2"]
    result = runner.invoke(app, [*diverging, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)[0]
    seed, step = next((s, at) for s, at in enumerate(record["diverged_at"]) if at is not None)
    assert step < 40 and record["series"]["train_loss"][seed][0] is not None
    assert record["series"]["train_loss"][seed][-1] is None  # nan after it diverged
    text = runner.invoke(app, [*diverging, "--terminal"])
    assert f"seed {seed} at step {step}" in text.stdout


def test_ctrl_c_leaves_no_file(tmp_path, monkeypatch):
    from actviz.training import loop

    def interrupted(self, progress=None):  # noqa: ANN001,ANN202
        raise KeyboardInterrupt

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(loop.Plan, "run", interrupted)
    result = runner.invoke(app, ["train", "relu", *SMALL, "-o", "run.png"])
    assert result.exit_code != 0 and not list(tmp_path.iterdir())


@pytest.mark.parametrize(("argv", "message"), [
    (["--task", "spiral"], "unknown task 'spiral'"),
    (["--width", "0"], "invalid --width 0"),
    (["--lr", "0"], "invalid learning rate --lr 0.0"),
    (["--lr", "nan"], "invalid learning rate --lr nan"),
    (["--steps", "1000000000"], "would take about"),
    (["--sweep", "lr=1e-3,-1"], "invalid learning rate --lr -1.0"),
    (["--sweep", "momentum=0.9"], "invalid --sweep 'momentum=0.9'"),
    (["--sweep", "width=8,x"], "invalid value 'x'"),
    (["--format", "csv", "-o", "x.csv"], "prints to standard output"),
])
def test_bad_input_is_one_red_line(argv, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["train", "relu", *argv])
    assert result.exit_code == 2, result.stdout
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and not list(tmp_path.iterdir())


def test_a_vector_activation_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["train", "softmax", *SMALL])
    assert result.exit_code == 2 and "softmax is not pointwise" in result.stderr
    assert not list(tmp_path.iterdir())


def test_the_lab_and_its_terminal_view_load_no_matplotlib_typer_or_rich():
    import subprocess
    import sys

    code = ("import actviz.training, actviz.training.claims, actviz.terminal.training, actviz.formats.training, sys\n"
            "print(' '.join(m for m in ('matplotlib', 'typer', 'rich') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == ""
