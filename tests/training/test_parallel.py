"""Runs spread over worker processes: the same numbers as in this process, progress over all
runs, and nothing left running after an error or a signal."""

from __future__ import annotations

import dataclasses
import multiprocessing
import time

import numpy as np
import pytest

from actviz.training import loop, plan, run_plans
from tests.processes import SIGNALS, needs_child_list, start_with_workers, stop_and_check

SMALL = dict(depth=2, width=8, steps=40, seeds=2, batch=16, measure_every=10)


def _plans() -> list:
    return [plan("relu", **SMALL), plan("prelu", "moons", **SMALL), plan("tanh", **{**SMALL, "steps": 25}),
            plan("elu", **{**SMALL, "width": 12})]


def test_workers_give_bit_for_bit_the_runs_of_this_process():
    plans = _plans()
    alone = [p.run() for p in plans]
    spread = run_plans(plans, jobs=2)
    assert len(spread) == len(alone)
    for mine, theirs in zip(alone, spread):
        assert mine.activation == theirs.activation and mine.widths == theirs.widths
        for field in dataclasses.fields(mine):
            a, b = getattr(mine, field.name), getattr(theirs, field.name)
            if isinstance(a, np.ndarray):
                np.testing.assert_array_equal(a, b, err_msg=field.name)
        np.testing.assert_array_equal(np.concatenate(mine.final_slopes or [np.zeros(0)]),
                                      np.concatenate(theirs.final_slopes or [np.zeros(0)]))


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_counts_the_steps_of_every_run(jobs):
    plans = _plans()
    seen = []
    run_plans(plans, jobs=jobs, progress=lambda done, total: seen.append((done, total)))
    total = sum(p.steps for p in plans)
    assert {t for _, t in seen} == {total}
    done = [d for d, _ in seen]
    assert done == sorted(done) and done[-1] == total


def test_an_error_in_a_run_reaches_the_caller_and_ends_the_workers(monkeypatch):
    def broken(self, progress=None):  # noqa: ANN001,ANN202  (inherited by the forked workers)
        raise ValueError(f"broken run of {self.spec}")

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("the patched method reaches the workers only by fork")
    monkeypatch.setattr(loop.Plan, "run", broken)
    with pytest.raises(ValueError, match="broken run of"):
        run_plans(_plans(), jobs=2)
    assert multiprocessing.active_children() == []


@needs_child_list
@pytest.mark.parametrize("how", [s[0] for s in SIGNALS])
def test_a_signal_ends_every_worker_and_leaves_no_file(tmp_path, how):
    process, workers = start_with_workers(["train", "relu", "tanh", "elu", "--steps", "200000", "--seeds", "1",
                                           "--width", "8", "--depth", "1", "-o", "run.png"], tmp_path)
    time.sleep(0.3)  # the workers are training
    stop_and_check(process, workers, how)
    assert list(tmp_path.iterdir()) == []
