"""mpmath references for actviz.catalog.shifted_rectifiers (definitions from the papers)."""

from __future__ import annotations

import mpmath as mp

from . import reference


@reference("displaced_relu", cases=[{"delta": 0.0}, {"delta": 3.5}])
def displaced_relu(x, delta=0.05):
    # Macedo et al. (2019), eq. 1: x if x >= -delta else -delta
    return max(x, -mp.mpf(delta))


@reference("flatten_t_swish", cases=[{"threshold": 0.0}, {"threshold": -1.5}], extra_points=[0.3, 0.35, 0.4])
def flatten_t_swish(x, threshold=-0.2):
    # Chieng et al. (2018), eq. 3: x sigmoid(x) + T for x >= 0, T otherwise
    return x / (1 + mp.exp(-x)) + threshold if x >= 0 else mp.mpf(threshold)


@reference("jump_relu", cases=[{"theta": 0.0}, {"theta": 1e300}])
def jump_relu(x, theta=1.0):
    # Rajamanoharan et al. (2024), eq. 3: x H(x - theta), H(0) = 0
    return x if x > theta else mp.mpf(0)
