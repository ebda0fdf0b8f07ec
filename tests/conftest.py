"""Shared test configuration: the Agg backend, and no pyplot figure outliving its test."""

from __future__ import annotations

import os
import sys

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(autouse=True)
def _close_pyplot_figures():
    """Axes-level functions draw on ``plt.gca()`` when given no axes: each test starts
    without pyplot figures (pyplot is closed only where a test loaded it)."""
    yield
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")
