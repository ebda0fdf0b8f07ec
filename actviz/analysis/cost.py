r"""What an activation costs to evaluate here, relative to relu: a measurement of this
machine and of actviz's NumPy kernels, not a property of the function.

One such ratio varies from run to run (relu against relu between 0.6 and 0.99,
gelu between 77 and 281 on a shared machine), so the cost is measured in several
rounds and reported as the median with the lowest and highest round.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

BLOCK = 2**15  # values per timed block; the cost is a ratio of block times
ROUNDS = 5

WHAT_IS_MEASURED = (
    "cost: time of f / time of relu on 10^6 normal values, on this machine with actviz's "
    "NumPy kernels: median [lowest, highest] of {rounds} rounds"
)


@dataclass(frozen=True)
class Cost:
    """The time of f over the time of relu: the median of ``rounds`` rounds and the
    lowest and highest round (the spread between runs on this machine)."""

    ratio: float
    low: float
    high: float
    rounds: int

    def describe(self) -> str:
        """``"1.8 [1.6, 2.1]"``: the median and the range of the rounds."""
        return f"{self.ratio:.1f} [{self.low:.1f}, {self.high:.1f}]"


def _block_time(act, blocks: Sequence[np.ndarray], budget: float = math.inf) -> float:  # noqa: ANN001
    """The fastest evaluation of f on one of ``blocks``, in seconds, stopping early once
    ``budget`` seconds are spent (a slow function's single block is then its measure:
    preemption adds at most a few ms, small against it)."""
    best = math.inf
    spent = 0.0
    for block in blocks:
        start = time.perf_counter()
        act(block)
        elapsed = time.perf_counter() - start
        best = min(best, elapsed)
        spent += elapsed
        if spent >= budget:
            break
    return best


def relative_costs(acts: Sequence, *, baseline=None, rounds: int = ROUNDS) -> list[Cost]:  # noqa: ANN001
    r"""Time of each f on 10^6 standard-normal values over the time of relu on them,
    measured in ``rounds`` rounds.

    The 10^6 values go through f in blocks of 2^15 (256 kB, cache-sized, as a
    framework would process them): on one 10^6 array every temporary of a NumPy
    kernel is a fresh 8 MB allocation whose page faults can cost more than the
    arithmetic (3x sigmoid's on the reference machine) and vary from run to
    run, which would time the allocator, not the function. The blocks hold
    values of one distribution, so each takes the same time; the time on 10^6
    values is the number of blocks times the fastest block (the fastest, because
    interruptions on a busy machine only ever add time). In each round up to three
    blocks are timed for each function (one when it alone takes 5 ms) and seven for
    relu, just before; the ratio of the two is that round's cost. ``baseline``
    replaces relu (tests use it).
    """
    from ..registry import lookup

    relu = baseline if baseline is not None else lookup("relu")
    blocks = np.split(_normal_sample(7 * BLOCK), 7)  # only these are ever timed
    ratios = np.empty((rounds, len(acts)))
    for row in ratios:
        reference = _block_time(relu, blocks)
        row[:] = [_block_time(act, blocks[:3], budget=0.005) / reference for act in acts]
    return [Cost(float(np.median(column)), float(column.min()), float(column.max()), rounds) for column in ratios.T]


def _normal_sample(n: int) -> np.ndarray:
    r"""n standard-normal values, deterministic: Box-Muller on two Weyl sequences,
    :math:`\sqrt{-2\ln u_k}\cos 2\pi v_k` with :math:`u_k = \{k\varphi\}`, :math:`v_k = \{k\sqrt2\}`.
    (numpy.random alone takes 12 ms to import, a tenth of ``actviz props relu``.)"""
    k = np.arange(1.0, n + 1.0)
    u = (k * 0.6180339887498949) % 1.0
    v = (k * 0.41421356237309515) % 1.0
    return np.sqrt(-2.0 * np.log(u)) * np.cos(2.0 * np.pi * v)
