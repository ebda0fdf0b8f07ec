"""softmax stays readable up to 32 logits and with huge logits: labels only where
they fit, thinned ticks, a kept legend, numbers in short form."""

from __future__ import annotations

import numpy as np
import pytest

from actviz.plotting.nonpointwise import annotated_bars, softmax_figure
from actviz.plotting.style import parse_size


def _labels(fig):
    return [t for t in fig.axes[0].texts if t.get_gid() == "bar-label"]


@pytest.mark.parametrize("n", [10, 32])
def test_many_logits_bar_labels_do_not_overlap_and_ticks_are_thinned(n):
    logits = np.sin(np.arange(n) * 1.7) * 3
    fig = softmax_figure(logits, size=parse_size("slide"))
    fig.canvas.draw()
    boxes = [t.get_window_extent() for t in _labels(fig)]
    assert boxes and all(not a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    bars, sweep, jacobian = fig.axes[0], fig.axes[1], fig.axes[2]
    assert len(bars.get_xticks()) <= 16 and len(jacobian.get_yticks()) <= 16
    assert sweep.get_legend() is not None and len(sweep.get_legend().get_texts()) <= 7
    labels = [t.get_window_extent() for t in bars.get_xticklabels() if t.get_text()]
    assert all(not a.overlaps(b) for i, a in enumerate(labels) for b in labels[i + 1:])


def test_a_huge_logit_is_written_short():
    fig = softmax_figure([1e308, 0.0, -3.0], size=parse_size("slide"))
    texts = [t.get_text() for ax in fig.axes for t in (*ax.texts, *ax.get_xticklabels())]
    assert texts and max(len(t) for t in texts) < 30  # not the 309 digits of 1e308
    assert any("10^{308}" in t for t in texts)


def test_annotated_bars_keep_their_distance():
    p = np.array([0.1, 0.3, 0.2, 0.05, 0.35])
    assert annotated_bars(p, 1) == [0, 1, 2, 3, 4]
    assert annotated_bars(p, 2) == [1, 4]  # 4 (largest), then 1; 2, 0 and 3 sit next to a chosen one
