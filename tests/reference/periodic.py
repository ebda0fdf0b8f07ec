"""mpmath references for actviz.catalog.periodic (definitions from the papers)."""

from __future__ import annotations

import mpmath as mp

from . import reference


@reference("sin", has_limits=False, oscillating=True)
def sin(x):
    # Sitzmann et al. (2020): phi(x) = sin(x) (w0 folded into the weights)
    return mp.sin(x)


@reference("sinc", oscillating=True, extra_points=[1.0, -1.0, 0.999, 1.001, 4.4934094579, 7.7252518369])
def sinc(x):
    # unnormalised cardinal sine, sinc(0) = 1 (extra points: the branch switch at |x| = 1
    # and the first zeros of sinc', where tan x = x)
    return mp.sin(x) / x if x else mp.mpf(1)


@reference("snake", cases=[{"alpha": 0.5}, {"alpha": 3.0}], has_limits=False, oscillating=True,
           extra_points=[-0.785398163397448, -0.7853981633974, -3.92699081698724, 2.35619449019234])
def snake(x, alpha=1.0):
    # Liu Ziyin et al. (2020), eq. 3: x + sin^2(alpha x)/alpha (extra points: zeros of snake'
    # at x = -pi/4 + k pi for alpha = 1)
    return x + mp.sin(alpha * x) ** 2 / alpha


@reference("gaussian", extra_points=[0.7071067811865476, -0.7071067811865476, 26.0, 27.5])
def gaussian(x):
    # exp(-x^2) (extra points: the zeros of gaussian'' at ±1/sqrt 2 and the underflow edge)
    return mp.exp(-(x**2))


@reference("gcu", has_limits=False, oscillating=True, extra_points=[0.8603335890193798, 3.425618459481728])
def gcu(x):
    # Noel et al. (2021): C(z) = z cos z (extra points: zeros of gcu', where x tan x = 1)
    return x * mp.cos(x)
