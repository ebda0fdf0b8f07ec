"""mpmath references for actviz.catalog.self_gated (definitions from the papers).

``extra_points`` near the units' minima are where a dense check (mpmath at 875 points
per function) once found f' off by 4.5 to 5.3 units before the slopes there were
rewritten; the tables keep them.

Each definition is the paper's formula as printed, evaluated with mpmath.
Where that formula cancels (``1 + tanh(y)`` for y -> -inf, ``x + sqrt(x^2 + b)``
for x -> -inf, ``sqrt(x^2 + 1) - 1`` near 0), it is evaluated as printed but
with enough extra working bits (:func:`_mp.guard`) that the cancellation costs
nothing at the 40 digits kept: the reference never borrows the catalogue's
rewriting. ``log(1 + e^x)`` is written ``log1p(exp(x))`` (the same function),
and the normal CDF as ``ncdf``.
"""

from __future__ import annotations

import mpmath as mp

from . import _mp, reference


@reference("gelu", extra_points=[-0.7517915246935, -1.2315610335569553, -1.4140362913609332, -37.5, -38.5, 5.0, 8.3])
def gelu(x):
    # Hendrycks & Gimpel: x * Phi(x), Phi the standard normal CDF.
    return x * _mp.ncdf(x)


@reference("gelu_tanh", extra_points=[-0.7522, -1.5919, -10.0, -12.0])
def gelu_tanh(x):
    # Hendrycks & Gimpel's approximation 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))).
    # 1 + tanh(y) ~ 2 e^(2y) loses 2|y|/ln 2 bits for y -> -inf: guard them.
    y_size = float(abs(x) + abs(x) ** 3 / 20) if abs(x) < 1e6 else mp.inf
    with _mp.guard(3 * y_size):
        y = mp.sqrt(2 / mp.pi) * (x + mp.mpf("0.044715") * x**3)
        return x * (1 + mp.tanh(y)) / 2


@reference("silu", extra_points=[-1.2784645427610738, -2.5814, -2.3994, 2.3994, -745.0, -720.0])
def silu(x):
    return x / (1 + mp.exp(-x))


@reference("swish", cases=[{"beta": 1.702}, {"beta": 0.25}], extra_points=[-1.2784645427610738])
def swish(x, beta=1.0):
    return x / (1 + mp.exp(-mp.mpf(beta) * x))


@reference("mish", extra_points=[-1.1924, -2.3134, -800.0, -745.0, -720.0])
def mish(x):
    return x * mp.tanh(mp.log1p(mp.exp(x)))


@reference("hardswish")
def hardswish(x):
    # Howard et al. 2019: x * ReLU6(x + 3) / 6.
    return x * min(max(x + 3, mp.mpf(0)), mp.mpf(6)) / 6


@reference("smish", cases=[{"alpha": 0.5, "beta": 2.0}], extra_points=[-2.7653])
def smish(x, alpha=1.0, beta=1.0):
    # Wang et al. 2022: alpha x tanh(ln(1 + sigmoid(beta x))).
    return alpha * x * mp.tanh(mp.log1p(1 / (1 + mp.exp(-mp.mpf(beta) * x))))


@reference("logish", cases=[{"alpha": 1.0, "beta": 10.0}], extra_points=[-2.7238])
def logish(x, alpha=1.0, beta=1.0):
    # Zhu et al. 2021: x ln(1 + sigmoid(x)) and its variant alpha x ln(1 + sigmoid(beta x)) (beta = 10 did best).
    return alpha * x * mp.log1p(1 / (1 + mp.exp(-mp.mpf(beta) * x)))


@reference("serf", extra_points=[-2.0524])
def serf(x):
    # Nag & Bhattacharyya 2021: x erf(ln(1 + e^x)).
    return x * _mp.erf(mp.log1p(mp.exp(x)))


@reference("pserf", cases=[{"gamma": 1.0, "delta": 1.0}, {"gamma": 0.5, "delta": 2.0}])
def pserf(x, gamma=1.25, delta=0.85):
    # Biswas et al. 2021: x erf(gamma ln(1 + e^(delta x))).
    return x * _mp.erf(gamma * mp.log1p(mp.exp(mp.mpf(delta) * x)))


@reference("erfact", cases=[{"alpha": 2.0, "beta": 0.5}, {"alpha": 1e-3, "beta": 3.0}])
def erfact(x, alpha=0.75, beta=0.75):
    # Biswas et al. 2021: x erf(alpha e^(beta x)).
    return x * _mp.erf(alpha * mp.exp(mp.mpf(beta) * x))


@reference("tanh_exp")
def tanh_exp(x):
    # Liu & Di 2020: x tanh(e^x).
    return x * _mp.tanh(mp.exp(x))


@reference("lisht")
def lisht(x):
    # Roy et al. 2019: x tanh(x).
    return x * mp.tanh(x)


@reference("quick_gelu", extra_points=[-0.7513, -1.2785 / 1.702])
def quick_gelu(x):
    # transformers' QuickGELUActivation and timm's quick_gelu: x * sigmoid(1.702 x)
    return x / (1 + mp.exp(-mp.mpf(1.702) * x))


@reference("gelu_10", extra_points=[9.5, 10.5, -0.7517915246935])
def gelu_10(x):
    # transformers' ClippedGELUActivation(-10, 10): torch.clip(gelu(x), -10, 10), gelu = x Phi(x)
    return min(max(x * _mp.ncdf(x), mp.mpf(-10)), mp.mpf(10))


@reference("hard_mish", extra_points=[-1.0, -1.5, -0.5])
def hard_mish(x):
    # timm's hard_mish: 0.5 * x * clamp(x + 2, 0, 2)
    return x * min(max(x + 2, mp.mpf(0)), mp.mpf(2)) / 2


@reference("situ", cases=[{"beta": 1.0}, {"beta": 25.0}], extra_points=[-1.3, -2.0])
def situ(x, beta=4.0):
    # Kimi K3's SiTU, as Megatron-core's situ(x, scale): scale * tanh(x / scale) * sigmoid(x)
    # tanh(z) = -expm1(-2|z|)/(1 + e^{-2|z|}), odd: mpmath's tanh crawls at the thousands of bits
    # the tables need where tanh is within e^-700 of 1; exp and expm1 do not
    beta = mp.mpf(beta)
    z = abs(x) / beta
    tanh = -mp.expm1(-2 * z) / (1 + mp.exp(-2 * z))
    return mp.sign(x) * beta * tanh / (1 + mp.exp(-x))
