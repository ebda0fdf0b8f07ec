"""train(): reproducible, seeds independent of their batch-mates, honest about divergence,
and every bad input refused up front with one line."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from actviz.errors import ActvizError
from actviz.training import TASKS, make_task, train

SMALL = dict(depth=2, width=16, steps=60, batch=32, measure_every=20)


def _arrays(result) -> dict[str, np.ndarray]:
    return {f.name: getattr(result, f.name) for f in dataclasses.fields(result)
            if isinstance(getattr(result, f.name), np.ndarray)}


def test_a_run_is_reproducible_bit_for_bit():
    first, second = (train("elu", "moons", seeds=2, **SMALL) for _ in range(2))
    for name, value in _arrays(first).items():
        np.testing.assert_array_equal(value, _arrays(second)[name], err_msg=name)


def test_seeds_run_together_equal_the_same_seeds_run_alone():
    together = train("prelu", "spirals", seeds=[3, 0, 7], slopes="unit", **SMALL)
    for index, seed in enumerate((3, 0, 7)):
        alone = train("prelu", "spirals", seeds=[seed], slopes="unit", **SMALL)
        for name, value in _arrays(together).items():
            if name == "steps":
                continue
            np.testing.assert_array_equal(value[index], _arrays(alone)[name][0], err_msg=f"{name} seed {seed}")
        for mine, own in zip(together.final_slopes, alone.final_slopes):
            np.testing.assert_array_equal(mine[index], own[0])


def test_training_learns_and_series_have_their_shapes():
    result = train("tanh", "xor", depth=2, width=32, steps=300, seeds=2, batch=64, lr=1e-2)
    checkpoints = len(result.steps)
    assert list(result.steps[:2]) == [0, 6] and result.steps[-1] == 300
    assert result.train_loss.shape == (2, checkpoints)
    assert result.dead_fraction.shape == (2, checkpoints, 2)
    assert result.grad_norm.shape == (2, checkpoints, 3)
    assert np.all(result.train_loss[:, -1] < 0.5 * result.train_loss[:, 0])
    assert np.all(result.test_accuracy[:, -1] > 0.9)
    assert np.all(np.isnan(result.update_ratio[:, -1]))  # no step after the last checkpoint
    assert np.all(result.dead_fraction == 0)  # tanh' is never 0
    assert result.slopes is None and result.diverged_at == (None, None)


def test_regression_task_has_no_accuracy_and_prelu_slopes_move():
    result = train("prelu", "teacher", seeds=1, **SMALL)
    assert np.all(np.isnan(result.test_accuracy))
    assert result.slopes.shape == (1, len(result.steps), 2)
    assert result.slopes[0, 0, 0] == 0.25 and result.slopes[0, -1, 0] != 0.25


def test_revival_is_counted_when_a_dead_unit_comes_back():
    """SGD at a large rate kills ReLU units and brings some back: revived <= ever dead."""
    result = train("relu", "spirals", depth=3, width=8, steps=400, seeds=4, batch=32, optimizer="sgd",
                   lr=0.5, measure_every=10)
    assert result.revived_fraction[:, 0].max() == 0  # nothing was dead before step 0
    assert np.nanmax(result.revived_fraction) > 0
    # a revived unit is alive: revived + dead never exceeds all units
    assert np.all(result.revived_fraction + result.dead_fraction <= 1.0)


def test_a_diverging_run_stops_says_where_and_keeps_what_it_measured():
    result = train("relu", "teacher", depth=3, width=32, steps=200, seeds=2, batch=32, optimizer="sgd",
                   lr=50.0, measure_every=1)
    assert result.diverged_at[0] is not None and result.stopped_at == max(result.diverged_at)
    assert result.steps[-1] == result.stopped_at < 200
    assert np.isfinite(result.train_loss[0, 0])
    assert np.isnan(result.train_loss[0, -1])


def test_tasks_are_deterministic_and_distinct():
    for name in TASKS:
        if name == "digits":
            continue
        a, b = make_task(name), make_task(name)
        np.testing.assert_array_equal(a.x_train, b.x_train)
        assert not np.array_equal(a.x_train, make_task(name, seed=1).x_train)
        assert a.x_train.shape[0] == 1000 and np.all(np.isfinite(a.x_train))
        if a.classes:
            assert set(np.unique(a.y_train)) == {0, 1}


def test_digits_comes_from_scikit_learn():
    pytest.importorskip("sklearn")
    task = make_task("digits")
    assert task.x_train.shape == (1000, 64) and task.x_test.shape == (797, 64) and task.classes == 10
    assert task.x_train.min() == 0 and task.x_train.max() == 1


def test_digits_without_scikit_learn_names_the_extra(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_sklearn(name, *args, **kwargs):
        if name.startswith("sklearn"):
            raise ImportError(f"No module named '{name}'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_sklearn)
    with pytest.raises(ActvizError, match=r"actviz\[data\]"):
        make_task("digits")


@pytest.mark.parametrize(("options", "message"), [
    (dict(task="spiral"), "unknown task 'spiral'.*did you mean 'spirals'"),
    (dict(width=0), "invalid width 0"),
    (dict(depth=-1), "invalid depth -1"),
    (dict(lr=0.0), "invalid learning rate lr=0.0"),
    (dict(lr=-1e-3), "invalid learning rate"),
    (dict(lr=math.nan), "invalid learning rate lr=nan"),
    (dict(spec="softmax"), "softmax is not pointwise"),
    (dict(optimizer="adamw"), "unknown optimizer 'adamw'"),
    (dict(init="hee"), "unknown init scheme 'hee'"),
    (dict(batch=5000), "invalid batch 5000: the task has 1000 training points"),
    (dict(steps=10**9), r"would take about \d+\.\d hours"),
    (dict(steps=10**8, measure_every=1), r"would hold about \d+\.\d GB"),
])
def test_bad_input_is_refused_before_any_work(options, message):
    options = {"spec": "relu", **options}
    with pytest.raises(ActvizError, match=message):
        train(options.pop("spec"), **options)
