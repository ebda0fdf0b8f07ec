"""Speed of the deep-stack analysis: ``python -m benchmarks.propagation_speed``.

1. Mean-field theory (fixed point, chi_1, depth scales, c* in the chaotic phase) of
   every pointwise activation of the catalogue at one (sigma_w^2, sigma_b^2).
   Target: under 1 s.
2. One Monte Carlo run: 100 layers, width 512, batch 256. Target: under 3 s on a
   2-core machine. The yardstick is the same computation written in plain NumPy
   (forward with per-layer statistics, backward with per-sample renormalisation),
   with every weight matrix kept in memory and nothing else.

Each timing is the best of ``--repeat`` runs (default 3): the least disturbed by
other processes on a shared machine.
"""

from __future__ import annotations

import argparse
import math
import time

import numpy as np


import actviz
from actviz.propagation import mean_field, simulate


def best_of(repeat: int, work) -> float:  # noqa: ANN001
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def catalogue_theory(sigma_w2: float, sigma_b2: float) -> dict[str, str]:
    phases = {}
    for name in actviz.names(pointwise=True):
        theory = mean_field(actviz.get(name), sigma_w2, sigma_b2)
        phases[name] = theory.phase
    return phases


def plain_numpy_stack(phi, dphi, depth: int, width: int, batch: int, sigma_w2: float, sigma_b2: float, seed: int) -> float:  # noqa: ANN001
    """The yardstick: the same stack, statistics and log-space backward pass, no library."""
    rng = np.random.default_rng(seed)
    h = rng.standard_normal((width, batch))
    weights, slopes, stats = [], [], []
    for layer in range(depth + 1):
        out, slope = phi(h), dphi(h)
        stats.append((np.mean(h * h), np.mean(np.abs(slope) < 0.01), np.mean(np.all(slope == 0, axis=1)),
                      np.mean(out), np.var(out)))
        if layer == depth:
            break
        slopes.append(slope)
        w = rng.standard_normal((width, width)) * math.sqrt(sigma_w2 / width)
        b = rng.standard_normal((width, 1)) * math.sqrt(sigma_b2)
        weights.append(w)
        h = w @ out + b
    g = rng.standard_normal((width, batch))
    g /= np.linalg.norm(g, axis=0)
    log_norm = np.zeros(batch)
    for layer in range(depth - 1, -1, -1):
        g = slopes[layer] * (weights[layer].T @ g)
        norms = np.linalg.norm(g, axis=0)
        log_norm += np.log(norms)
        g /= norms
    return float(np.log(np.sqrt(np.mean(np.exp(2 * log_norm)))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--activation", default="tanh")
    args = parser.parse_args()

    count = len(actviz.names(pointwise=True))
    for w2, b2 in ((2.0, 0.05), (1.0, 0.0), (4.0, 0.1)):
        seconds = best_of(args.repeat, lambda: catalogue_theory(w2, b2))
        phases = catalogue_theory(w2, b2)
        summary = ", ".join(f"{sum(p == k for p in phases.values())} {k}" for k in ("ordered", "critical", "chaotic"))
        print(f"theory, {count} activations at ({w2:g}, {b2:g}): {seconds:.3f} s ({summary})  [target < 1 s]")

    act = actviz.get(args.activation)
    settings = {"depth": 100, "width": 512, "batch": 256, "sigma_w2": 1.5, "sigma_b2": 0.05, "seed": 0}
    ours = best_of(args.repeat, lambda: simulate(act, **settings))
    yardstick = best_of(args.repeat, lambda: plain_numpy_stack(act, act.derivative, **settings))
    print(f"Monte Carlo {args.activation}, 100 x 512 x 256: actviz {ours:.2f} s, plain NumPy {yardstick:.2f} s "
          f"(ratio {ours / yardstick:.2f})  [target < 3 s]")


if __name__ == "__main__":
    main()
