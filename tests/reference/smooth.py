"""mpmath references for actviz.catalog.smooth (definitions from the papers).

``extra_points`` near the units' minima are where a dense check (mpmath at 875 points
per function) once found f' off by 4.5 to 5.3 units before the slopes there were
rewritten; the tables keep them.

Each definition is the paper's formula as printed, evaluated with mpmath.
Where that formula cancels (``1 + tanh(y)`` for y -> -inf, ``x + sqrt(x^2 + b)``
for x -> -inf, ``sqrt(x^2 + 1) - 1`` near 0), it is evaluated as printed but
with enough extra working bits (:func:`_guard`) that the cancellation costs
nothing at the 40 digits kept: the reference never borrows the catalogue's
rewriting. ``log(1 + e^x)`` is written ``log1p(exp(x))`` (the same function),
and the normal CDF as ``ncdf``.
"""

from __future__ import annotations

import mpmath as mp

from . import reference


def _guard(bits: float) -> mp.workprec:
    """A context adding ``bits`` working bits (at most 4200) on top of the current precision."""
    return mp.workprec(mp.mp.prec + 32 + int(min(bits, 4200)))


def _erf(z):
    """erf(z), taken as 1 for z > 27: there 1 - erf(z) < e^{-z^2} < 1e-316, and every
    derivative of x erf(...) it feeds stays below the smallest normal double, where
    the tables compare in absolute terms. (mpmath's erf also fails for z > ~1e9 and
    is slow at the thousands of bits the tables need around z = 30.)"""
    return mp.mpf(1) if z > 27 else mp.erf(z)


def _tanh(z):
    """tanh(z), taken as 1 for z > 400 (1 - tanh z < 2 e^{-800}, below anything the tables
    resolve; mpmath runs out of memory on tanh(e^(1e300)))."""
    return mp.mpf(1) if z > 400 else mp.tanh(z)


def _ncdf(x):
    """The normal CDF Phi(x) (mpmath's ncdf), cut where it is 0 or 1 to 10^18 digits."""
    if abs(x) > 1e9:
        return mp.mpf(1) if x > 0 else mp.mpf(0)
    return mp.ncdf(x)


def _cancel_bits(x) -> int:
    """Bits lost when two terms of size ~x^2 cancel down to size ~1 (or ~x^2 down to 1)."""
    return 2 * abs(int(mp.mag(x))) if x else 0


@reference("gelu", extra_points=[-0.7517915246935, -1.2315610335569553, -1.4140362913609332, -37.5, -38.5, 5.0, 8.3])
def gelu(x):
    # Hendrycks & Gimpel: x * Phi(x), Phi the standard normal CDF.
    return x * _ncdf(x)


@reference("gelu_tanh", extra_points=[-0.7522, -1.5919, -10.0, -12.0])
def gelu_tanh(x):
    # Hendrycks & Gimpel's approximation 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))).
    # 1 + tanh(y) ~ 2 e^(2y) loses 2|y|/ln 2 bits for y -> -inf: guard them.
    y_size = float(abs(x) + abs(x) ** 3 / 20) if abs(x) < 1e6 else mp.inf
    with _guard(3 * y_size):
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


@reference("softplus", cases=[{"beta": 2.0}, {"beta": 0.5}], extra_points=[-745.0, -36.0, 36.0])
def softplus(x, beta=1.0):
    return mp.log1p(mp.exp(mp.mpf(beta) * x)) / beta


@reference("log_sigmoid", extra_points=[-36.0, 36.0, 745.0])
def log_sigmoid(x):
    # log(1/(1 + e^{-x})) = -log(1 + e^{-x}); log1p keeps the tail -e^{-x} at any working precision
    return -mp.log1p(mp.exp(-x))


@reference("squareplus", cases=[{"b": 1.0}, {"b": 0.01}])
def squareplus(x, b=4.0):
    # Barron 2021: (x + sqrt(x^2 + b)) / 2.
    with _guard(_cancel_bits(x) + 8):
        return (x + mp.sqrt(x**2 + b)) / 2


@reference("sparse_plus")
def sparse_plus(x):
    if x <= -1:
        return mp.mpf(0)
    if x >= 1:
        return x
    return (x + 1) ** 2 / 4


@reference("hardswish")
def hardswish(x):
    # Howard et al. 2019: x * ReLU6(x + 3) / 6.
    return x * min(max(x + 3, mp.mpf(0)), mp.mpf(6)) / 6


@reference("bent_identity")
def bent_identity(x):
    with _guard(_cancel_bits(x) + 8):
        return (mp.sqrt(x**2 + 1) - 1) / 2 + x


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
    return x * _erf(mp.log1p(mp.exp(x)))


@reference("pserf", cases=[{"gamma": 1.0, "delta": 1.0}, {"gamma": 0.5, "delta": 2.0}])
def pserf(x, gamma=1.25, delta=0.85):
    # Biswas et al. 2021: x erf(gamma ln(1 + e^(delta x))).
    return x * _erf(gamma * mp.log1p(mp.exp(mp.mpf(delta) * x)))


@reference("erfact", cases=[{"alpha": 2.0, "beta": 0.5}, {"alpha": 1e-3, "beta": 3.0}])
def erfact(x, alpha=0.75, beta=0.75):
    # Biswas et al. 2021: x erf(alpha e^(beta x)).
    return x * _erf(alpha * mp.exp(mp.mpf(beta) * x))


@reference("tanh_exp")
def tanh_exp(x):
    # Liu & Di 2020: x tanh(e^x).
    return x * _tanh(mp.exp(x))


@reference("tanhsoft", cases=[{"alpha": 0.5}, {"alpha": 3.0}])
def tanhsoft(x, alpha=0.87):
    # Biswas et al. 2020, TanhSoft-1: tanh(alpha x) ln(1 + e^x).
    return mp.tanh(mp.mpf(alpha) * x) * mp.log1p(mp.exp(x))


@reference("lisht")
def lisht(x):
    # Roy et al. 2019: x tanh(x).
    return x * mp.tanh(x)


@reference("dsilu", extra_points=[-2.3994, 2.3994])
def dsilu(x):
    # Elfwing et al. 2018: sigma(x) (1 + x (1 - sigma(x))).
    s = 1 / (1 + mp.exp(-x))
    return s * (1 + x * (1 - s))


# Padé activation unit, Molina et al. 2020, with the coefficients of the PAU
# repository's default initialisation (ml-research/pau, pau/cuda/python_imp/Pade.py,
# get_constants_for_inits("pade_optimized_leakyrelu"), used by pau.utils.PAU()).
# The function is the one these float64 coefficients define (mpf(float) is exact).
_PAU_NUMERATOR = (3.35583603e-02, 5.05000375e-01, 1.65343934e00, 2.01001052e00, 9.31901999e-01, 1.52424124e-01)
_PAU_DENOMINATOR = (3.30847488e-06, 3.98021568e00, 5.12471206e-07, 3.01830109e-01)


@reference("pade", extra_points=[-8.3e-7, -4e-7, -1e-6, 1e-7])
def pade(x):
    # safe PAU: P(x) / (1 + |b1 x + b2 x^2 + b3 x^3 + b4 x^4|)
    p = sum(mp.mpf(a) * x**j for j, a in enumerate(_PAU_NUMERATOR))
    q = sum(mp.mpf(b) * x ** (k + 1) for k, b in enumerate(_PAU_DENOMINATOR))
    return p / (1 + abs(q))


# has_limits=False: for alpha < 1, EIS grows like x^alpha, which the tables' stand-in for
# +inf (x = 1e400) cannot show; tests/test_catalog_smooth.py checks the limits instead.
@reference(
    "eis", cases=[{"alpha": 0.5, "beta": 2.0, "gamma": 3.0}, {"alpha": 0.1, "beta": 0.5, "gamma": 0.25}], has_limits=False
)
def eis(x, alpha=1.0, beta=1.0, gamma=1.0, delta=0, theta=0):
    # Biswas et al. 2020: x ln(1 + e^x)^alpha / (sqrt(beta + gamma x^2) + delta e^(-theta x)); actviz offers delta = 0.
    return x * mp.log1p(mp.exp(x)) ** alpha / (mp.sqrt(beta + gamma * x**2) + delta * mp.exp(-theta * x))
