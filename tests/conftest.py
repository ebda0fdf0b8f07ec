"""Shared test configuration: the Agg backend, one BLAS thread, and no pyplot figure outliving its test."""

from __future__ import annotations

import os
import sys

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")
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
