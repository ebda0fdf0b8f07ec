"""Training runs in characters (plotext, through :mod:`.terminal`): log10 of the median
training loss and the median dead fraction of all hidden units against step, one line per run."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..training.loop import TrainResult
from ..training.summary import median_over_seeds
from .canvas import Panel, Trace, line_colors, render


def training_panels(results: Sequence[TrainResult], theme: str = "dark") -> list[Panel]:
    """Two panels: log10 training loss and dead fraction (medians over seeds) against step."""
    loss, dead = Panel("log10 training loss (median)"), Panel("dead fraction of hidden units (median)")
    for result, color in zip(results, line_colors(theme, len(results))):
        steps = result.steps.astype(float)
        median_loss, median_dead = median_over_seeds(result.train_loss), median_over_seeds(result.dead_share())
        positive = median_loss > 0
        loss.traces.append(Trace(steps[positive], np.log10(median_loss[positive]), color, label=result.activation))
        dead.traces.append(Trace(steps, median_dead, color, label=result.activation))
    return [loss, dead]


def render_training(results: Sequence[TrainResult], **options: object) -> str:
    """The panels of :func:`training_panels` as text (options as :func:`~.terminal.render`)."""
    return render(training_panels(results), **options)
