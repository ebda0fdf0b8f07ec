"""Training results as plain data: JSON objects and CSV rows.

JSON has no nan, so a value that does not exist (the accuracy of a regression, a series after
divergence, the update of the last checkpoint) is ``null``.
"""

from __future__ import annotations

import numpy as np

from ..training.loop import TrainResult
from .records import finite_or_none
from ..training.summary import summary

_NETWORK_SERIES = ("train_loss", "test_loss", "train_accuracy", "test_accuracy")
_HIDDEN_SERIES = ("dead_fraction", "inactive_fraction", "revived_fraction", "saturated_fraction",
                  "preactivation_mean", "preactivation_var")
_WEIGHT_SERIES = ("grad_norm", "weight_norm", "update_ratio")


def result_record(result: TrainResult, target_loss: float, setting: dict | None = None) -> dict:
    """The whole run as a JSON-ready dict: configuration, summary and every series
    (lists indexed [seed][checkpoint] or [seed][checkpoint][layer])."""
    series = {name: getattr(result, name) for name in (*_NETWORK_SERIES, *_HIDDEN_SERIES, *_WEIGHT_SERIES)}
    if result.slopes is not None:
        series["slopes"] = result.slopes
    return {
        "activation": result.activation, "task": result.task, "widths": list(result.widths),
        "init": result.init, "optimizer": result.optimizer, "lr": result.lr, "batch": result.batch,
        "seeds": list(result.seeds), "setting": setting or {},
        "diverged_at": list(result.diverged_at),
        "summary": summary(result, target_loss),
        "steps": result.steps.tolist(),
        "series": {name: np.vectorize(finite_or_none, otypes=[object])(value).tolist() for name, value in series.items()},
    }


def csv_rows(result: TrainResult, setting: dict | None = None) -> list[dict]:
    """One row per seed, checkpoint and weight layer 1..L: the network's series repeated on
    each row, the hidden-layer series empty on the output layer L."""
    rows = []
    hidden = len(result.widths) - 2
    label = ";".join(f"{k}={v}" for k, v in (setting or {}).items())
    for s, seed in enumerate(result.seeds):
        for c, step in enumerate(result.steps):
            network = {name: finite_or_none(getattr(result, name)[s, c]) for name in _NETWORK_SERIES}
            for layer in range(len(result.widths) - 1):
                row = {"activation": result.activation, "setting": label, "seed": seed, "step": int(step),
                       "layer": layer + 1, **network}
                for name in _HIDDEN_SERIES:
                    row[name] = finite_or_none(getattr(result, name)[s, c, layer]) if layer < hidden else None
                row["slope"] = (finite_or_none(result.slopes[s, c, layer])
                                if result.slopes is not None and layer < hidden else None)
                for name in _WEIGHT_SERIES:
                    row[name] = finite_or_none(getattr(result, name)[s, c, layer])
                rows.append(row)
    return rows
