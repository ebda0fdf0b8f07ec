"""mpmath references for actviz.catalog.sigmoidal (definitions from the papers)."""

from __future__ import annotations

import mpmath as mp

from . import reference


@reference("sigmoid")
def sigmoid(x):
    return 1 / (1 + mp.exp(-x))


@reference("tanh")
def tanh(x):
    return mp.tanh(x)
