"""mpmath references for actviz.catalog.steps (definitions from the papers and torch)."""

from __future__ import annotations

import mpmath as mp

from . import reference


@reference("sign")
def sign(x):
    return mp.sign(x)


@reference("binary_step")
def binary_step(x):
    # McCulloch & Pitts (1943): the neuron fires (1) when its input reaches the threshold 0
    return mp.mpf(1) if x >= 0 else mp.mpf(0)


@reference("threshold", cases=[{"threshold": -2.0, "value": 5.0}, {"threshold": 0.0, "value": 0.0}])
def threshold(x, threshold=1.0, value=0.0):
    # torch.nn.Threshold: y = x if x > threshold else value
    return x if x > threshold else mp.mpf(value)
