"""mpmath references for actviz.catalog.rectifiers (definitions from the papers)."""

from __future__ import annotations

import mpmath as mp

from . import reference


@reference("relu")
def relu(x):
    return x if x > 0 else mp.mpf(0)
