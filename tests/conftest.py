"""Shared test configuration: the Agg backend, one BLAS thread, and no pyplot figure outliving its test."""

from __future__ import annotations

import os
import sys

import pytest
from hypothesis import settings

os.environ.setdefault("MPLBACKEND", "Agg")
# The default run draws the same examples every time (derandomize: the seed is a hash of
# the test), so a red CI is a change's fault, not a draw's; CI once failed on a new draw
# (hypothesis also draws string constants found in the source, e.g. "SPARSEMAX") that
# showed a wrong test, not a bug. `pytest --hypothesis-profile=explore` draws anew each run.
settings.register_profile("fixed", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile("fixed")
# Tests multiply small matrices (width <= 96), where OpenBLAS's threads only wait on each
# other; on a loaded 2-core machine they made one spectrum test take 11.7 s instead of 0.1 s.
# Set before NumPy loads OpenBLAS (conftest is imported before any test module).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


@pytest.fixture(autouse=True)
def _close_pyplot_figures():
    """Axes-level functions draw on ``plt.gca()`` when given no axes: each test starts
    without pyplot figures (pyplot is closed only where a test loaded it)."""
    yield
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")
