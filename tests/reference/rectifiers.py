"""mpmath references for actviz.catalog.rectifiers (definitions from the papers)."""

from __future__ import annotations

import mpmath as mp

from . import reference


@reference("relu")
def relu(x):
    return x if x > 0 else mp.mpf(0)


@reference("relu6")
def relu6(x):
    # Krizhevsky 2010: min(max(0, x), 6)
    return min(max(mp.mpf(0), x), mp.mpf(6))


@reference("relun", cases=[{"max_value": 6.5}, {"max_value": 1e-3}])
def relun(x, max_value=1.0):
    # Liew et al. 2016, BReLU: min(max(0, x), A)
    return min(max(mp.mpf(0), x), mp.mpf(max_value))


@reference("leaky_relu", cases=[{"negative_slope": 0.2}, {"negative_slope": 3.0}])
def leaky_relu(x, negative_slope=0.01):
    # Maas et al. 2013: x if x > 0 else 0.01 x
    return x if x > 0 else mp.mpf(negative_slope) * x


@reference("prelu", cases=[{"weight": -0.5}, {"weight": 0.0}])
def prelu(x, weight=0.25):
    # He et al. 2015, eq. (1): x if x > 0 else a x
    return x if x > 0 else mp.mpf(weight) * x


@reference("rrelu", cases=[{"lower": 0.1, "upper": 0.3}, {"lower": 2.0, "upper": 5.0}])
def rrelu(x, lower=1 / 8, upper=1 / 3):
    # Xu et al. 2015, test time: x if x >= 0 else x / a with a = (l + u)/2 in their notation
    # (there a ~ U(l, u) divides); torch's eval mode multiplies by the mean slope (lower + upper)/2.
    return x if x > 0 else (mp.mpf(lower) + mp.mpf(upper)) / 2 * x


@reference("thresholded_relu", cases=[{"theta": 0.0}, {"theta": 2.5}])
def thresholded_relu(x, theta=1.0):
    # Konda et al. 2015: x if x > theta else 0
    return x if x > theta else mp.mpf(0)


@reference("identity")
def identity(x):
    return x


@reference("squared_relu")
def squared_relu(x):
    # So et al. 2021 (Primer): relu(x)^2
    return max(mp.mpf(0), x) ** 2


@reference("star_relu", cases=[{"scale": 2.0, "bias": 0.25}])
def star_relu(x, scale=0.8944, bias=-0.4472):
    # Yu et al. 2022: s * relu(x)^2 + b
    return mp.mpf(scale) * max(mp.mpf(0), x) ** 2 + mp.mpf(bias)


@reference(
    "srelu",
    cases=[
        {"t_left": -1.0, "a_left": 0.1, "t_right": 2.0, "a_right": 3.0},
        {"t_left": 0.5, "a_left": 0.0, "t_right": 0.5, "a_right": 2.0},
    ],
)
def srelu(x, t_left=0.0, a_left=0.2, t_right=1.0, a_right=0.5):
    # Jin et al. 2016, eq. (1)
    tl, al, tr, ar = (mp.mpf(v) for v in (t_left, a_left, t_right, a_right))
    if x >= tr:
        return tr + ar * (x - tr)
    if x <= tl:
        return tl + al * (x - tl)
    return x


@reference("apl", cases=[{"a": -0.7, "b": -2.0}, {"a": 1.5, "b": 0.0}])
def apl(x, a=0.2, b=1.0):
    # Agostinelli et al. 2014, eq. (1) with S = 1: max(0, x) + a max(0, -x + b)
    return max(mp.mpf(0), x) + mp.mpf(a) * max(mp.mpf(0), -x + mp.mpf(b))
