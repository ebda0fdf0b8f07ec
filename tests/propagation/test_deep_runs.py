"""Deep runs keep their data and say what they measured (issue 15)."""

from __future__ import annotations

import json

import numpy as np

from typer.testing import CliRunner

import actviz
from actviz.cli.app import app
from actviz.propagation import mean_field

runner = CliRunner()


def test_the_notes_say_the_real_depth():
    notes = " ".join(mean_field(actviz.get("tanh"), 2.0, 0.0, depth=1000).notes)
    assert "over 1000 layers" in notes and "over 50 layers" not in notes
    records = json.loads(runner.invoke(app, ["decay", "tanh", "--depth", "7", "--width", "16", "--batch", "8",
                                             "--sigma-w2", "2", "--format", "json"]).stdout)
    assert any("over 7 layers" in note for note in records[0]["theory"]["notes"])
    table = runner.invoke(app, ["theory", "tanh", "--sigma-w2", "2", "--depth", "300", "--format", "json"])
    assert any("over 300 layers" in note for note in json.loads(table.stdout)[0]["notes"])


def test_critical_init_is_solved_at_the_given_q0():
    # gelu has no edge of chaos at sigma_b^2 = 0 (chi_1 jumps across 1); the message must
    # name the q the user gave, not q = 1 (resolve_init dropped q0)
    result = runner.invoke(app, ["theory", "gelu", "--init", "critical", "--q0", "4"])
    assert result.exit_code == 2
    assert "for inputs with q = 4:" in result.stderr
    # where the edge exists, chi_1 = 1 holds at the q0 asked for
    records = json.loads(runner.invoke(app, ["theory", "elu", "--init", "critical", "--sigma-b2", "0.05",
                                             "--q0", "4", "--format", "json"]).stdout)
    assert abs(records[0]["chi1"] - 1.0) < 1e-9 and records[0]["q0"] == 4.0


def test_an_underflowing_stack_keeps_its_measurements_and_says_where_it_stopped():
    # relu at sigma_w^2 = 1 halves q every layer: h^2 underflows near layer 1000, after which
    # q read 0 and every gradient -inf (the measured curve vanished from the figure)
    from actviz.propagation import simulate

    run = simulate(actviz.get("relu"), depth=10_000, width=16, batch=8, sigma_w2=1.0)
    assert run.stop_reason == "underflow" and 500 < run.stopped_at < 1100
    assert run.top == run.stopped_at - 1
    assert np.all(np.isfinite(run.log_grad_norm)) and np.all(run.q > 0)
    result = runner.invoke(app, ["decay", "relu", "--depth", "10000", "--width", "16", "--batch", "8", "--format", "json"])
    record = json.loads(result.stdout)[0]
    assert record["stopped_at"] == run.stopped_at and record["stop_reason"] == "underflow"
    text = runner.invoke(app, ["decay", "relu", "--depth", "10000", "--width", "16", "--batch", "8", "--terminal"]).stdout
    assert f"measured layers 0..{run.top} of 10000: the forward signal underflowed float64 at layer {run.stopped_at}" in text


def test_deep_stack_sizes_are_refused_with_an_estimate():
    # width 100 000: four layers of weights (in use and drawn ahead, with their temporaries),
    # 4 x 8 x 1e5 x 100 001 bytes, the working arrays 80 x 1e5 x 128 and the two 256 MiB budgets:
    # 3.2156e11 bytes = 299.5 GiB
    for argv, fragment in ((["--width", "100000"], "would need about 299.5 GiB"),
                           (["--width", "20000", "--depth", "2"], "would need about 12.4 GiB"),
                           (["--batch", "1000000"], "would need about 19.4 GiB"),
                           (["--depth", "100000000"], "would need about"),
                           (["--depth", "100000"], "would take about 3 hours (the limit is 1 hour"),
                           (["--depth", "99999999999999999999999"], "GiB")):
        result = runner.invoke(app, ["decay", "relu", *argv])
        assert result.exit_code == 2, (argv, result.output)
        (line,) = result.stderr.strip().splitlines()
        assert line.startswith("error: a stack of --depth") and fragment in line, line


def test_the_phase_diagram_reports_its_progress():
    # a long formula made phase run for minutes with no sign of life
    from actviz.propagation.phase import phase_diagram

    reports = []
    phase_diagram(actviz.get("tanh"), np.linspace(0.5, 3.0, 8), np.linspace(0.0, 0.3, 5), edge_points=4,
                  progress=lambda done, total: reports.append((done, total)))
    assert reports == [(done, 2 + 5 + 4) for done in range(1, 12)]
