"""numba loops for benchmarks/numba_eval.py (imported only where numba is installed).

Plain Python functions over float64 arrays, compiled by :func:`build` with the options
being measured; in a file (not exec'd text) so that ``cache=True`` has a place to key on.
"""

from __future__ import annotations

import math

import numba
import numpy as np

SQRT_HALF = math.sqrt(0.5)


def sigmoid(x: np.ndarray) -> np.ndarray:
    """1/(1 + e^{-x}) for x >= 0, e^x/(1 + e^x) below: one exp, no overflow."""
    out = np.empty_like(x)
    for i in range(x.size):
        v = x[i]
        if v >= 0.0:
            out[i] = 1.0 / (1.0 + math.exp(-v))
        else:
            e = math.exp(v)
            out[i] = e / (1.0 + e)
    return out


def silu(x: np.ndarray) -> np.ndarray:
    """x sigmoid(x), the same two branches."""
    out = np.empty_like(x)
    for i in range(x.size):
        v = x[i]
        if v >= 0.0:
            out[i] = v / (1.0 + math.exp(-v))
        else:
            e = math.exp(v)
            out[i] = v * e / (1.0 + e)
    return out


def gelu(x: np.ndarray) -> np.ndarray:
    """x Phi(x) = x erfc(-x/sqrt 2)/2 (erfc keeps the left tail; the division rounds once)."""
    out = np.empty_like(x)
    for i in range(x.size):
        v = x[i]
        out[i] = 0.5 * v * math.erfc(-v * SQRT_HALF)
    return out


def sin(x: np.ndarray) -> np.ndarray:
    """math.sin per value."""
    out = np.empty_like(x)
    for i in range(x.size):
        out[i] = math.sin(x[i])
    return out


def build(fastmath: bool, cache: bool) -> dict:
    """{name: compiled kernel} with numba.njit(fastmath, cache, parallel=False)."""
    jit = numba.njit(fastmath=fastmath, cache=cache, parallel=False)
    return {fn.__name__: jit(fn) for fn in (sigmoid, silu, gelu, sin)}
