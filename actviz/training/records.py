"""Training results as plain data: a summary over seeds, JSON objects and CSV rows.

Each summary number is given as median [min, max] over the seeds; JSON has no nan, so a
value that does not exist (the accuracy of a regression, a series after divergence, the
update of the last checkpoint) is ``null``.
"""

from __future__ import annotations

import math

import numpy as np

from .loop import TrainResult

_NETWORK_SERIES = ("train_loss", "test_loss", "train_accuracy", "test_accuracy")
_HIDDEN_SERIES = ("dead_fraction", "inactive_fraction", "revived_fraction", "saturated_fraction",
                  "preactivation_mean", "preactivation_var")
_WEIGHT_SERIES = ("grad_norm", "weight_norm", "update_ratio")


def _plain(value: float) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None


def spread(values: np.ndarray | list) -> dict[str, float | None]:
    """``{"median", "min", "max"}`` of the finite values (all None when there is none)."""
    array = np.asarray(values, dtype=np.float64)
    finite = array[np.isfinite(array)]
    if finite.size == 0:
        return {"median": None, "min": None, "max": None}
    return {"median": float(np.median(finite)), "min": float(finite.min()), "max": float(finite.max())}


def median_over_seeds(rows: np.ndarray) -> np.ndarray:
    """The median over seeds (axis 0) of the finite values, nan where no seed has one
    (a seed that diverged is nan from there on: the median is the other seeds')."""
    finite = np.isfinite(rows)
    out = np.full(rows.shape[1:], np.nan)
    keep = finite.any(axis=0)
    out[keep] = np.nanmedian(np.where(finite, rows, np.nan)[:, keep], axis=0)
    return out


def _last_finite(rows: np.ndarray) -> np.ndarray:
    """Each seed's last finite value of a (seed, checkpoint) series (nan when it has none)."""
    out = np.full(rows.shape[0], np.nan)
    for index, row in enumerate(rows):
        finite = np.flatnonzero(np.isfinite(row))
        if finite.size:
            out[index] = row[finite[-1]]
    return out


def summary(result: TrainResult, target_loss: float) -> dict:
    """Steps to reach ``target_loss`` (training loss, seeds that never reach it counted apart),
    final loss and held-out accuracy, peak and final dead share of the hidden units."""
    reached = result.steps_to_loss(target_loss)
    dead = result.dead_share()
    return {
        "target_loss": target_loss,
        "steps_to_target": spread([r for r in reached if r is not None]),
        "seeds_reaching_target": sum(r is not None for r in reached),
        "final_train_loss": spread(_last_finite(result.train_loss)),
        "final_test_accuracy": spread(_last_finite(result.test_accuracy)),
        "peak_dead_fraction": spread(np.nanmax(np.where(np.isfinite(dead), dead, -np.inf), axis=1)),
        "final_dead_fraction": spread(_last_finite(dead)),
    }


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
        "series": {name: np.vectorize(_plain, otypes=[object])(value).tolist() for name, value in series.items()},
    }


def csv_rows(result: TrainResult, setting: dict | None = None) -> list[dict]:
    """One row per seed, checkpoint and weight layer 1..L: the network's series repeated on
    each row, the hidden-layer series empty on the output layer L."""
    rows = []
    hidden = len(result.widths) - 2
    label = ";".join(f"{k}={v}" for k, v in (setting or {}).items())
    for s, seed in enumerate(result.seeds):
        for c, step in enumerate(result.steps):
            network = {name: _plain(getattr(result, name)[s, c]) for name in _NETWORK_SERIES}
            for layer in range(len(result.widths) - 1):
                row = {"activation": result.activation, "setting": label, "seed": seed, "step": int(step),
                       "layer": layer + 1, **network}
                for name in _HIDDEN_SERIES:
                    row[name] = _plain(getattr(result, name)[s, c, layer]) if layer < hidden else None
                row["slope"] = (_plain(result.slopes[s, c, layer])
                                if result.slopes is not None and layer < hidden else None)
                for name in _WEIGHT_SERIES:
                    row[name] = _plain(getattr(result, name)[s, c, layer])
                rows.append(row)
    return rows
