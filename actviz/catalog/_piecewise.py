"""Building blocks for piecewise-linear and step activations.

A piecewise function's derivative is a constant on each piece; written as
``np.where(mask, 1.0, 0.0)`` it would turn nan into 0. These helpers keep nan.
"""

from __future__ import annotations

import numpy as np


def indicator(mask: np.ndarray, x: np.ndarray, value: float = 1.0) -> np.ndarray:
    """``value`` where ``mask`` holds, 0 where it does not, nan where x is nan."""
    return np.where(np.isnan(x), x, np.where(mask, value, 0.0))


def inside(x: np.ndarray, lower: float, upper: float) -> np.ndarray:
    """The open-interval mask ``lower < x < upper`` (False for nan)."""
    return (x > lower) & (x < upper)
