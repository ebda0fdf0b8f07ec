"""Summaries of a training run over its seeds: medians, spreads and the numbers of the
``actviz train`` summary, each as median [min, max] over the seeds (finite values only)."""

from __future__ import annotations

import numpy as np

from .loop import TrainResult


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
