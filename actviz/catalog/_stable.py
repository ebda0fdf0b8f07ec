"""Numerically stable building blocks shared by the catalogue kernels.

Every function takes and returns float64 arrays, never overflows, never
cancels catastrophically and maps nan to nan.
"""

from __future__ import annotations

import numpy as np


def exp_minus_abs(x: np.ndarray) -> np.ndarray:
    """e^{-|x|} in (0, 1], in one buffer.

    The kernels run on blocks of 32768 values (activation.py): each fresh float64
    temporary is 256 KiB, which glibc serves by mmap or returns by trimming, so
    touching it costs page faults (measured: 1/(1+x) 8 ns/value with a temporary,
    0.8 ns without). The helpers here therefore work in place where they can.
    """
    e = np.abs(x, out=np.empty(np.shape(x), dtype=np.result_type(x, 1.0)))
    np.negative(e, out=e)
    return np.exp(e, out=e)


def sigmoid(x: np.ndarray) -> np.ndarray:
    r"""Logistic sigmoid :math:`\sigma(x) = 1/(1 + e^{-x})`.

    Written with :math:`e = e^{-|x|} \in (0, 1]` so nothing overflows:
    :math:`\sigma(x) = 1/(1+e)` for x >= 0 and :math:`e/(1+e)` for x < 0
    (both with relative error below 2 ulp; the naive ``1/(1+exp(-x))``
    overflows for x < -709).
    """
    e = exp_minus_abs(x)
    s = np.add(e, 1.0, out=np.empty_like(e))
    np.divide(1.0, s, out=s)
    np.multiply(s, e, out=s, where=x < 0)  # in place: each 256 KiB temporary costs page faults
    return s


def sigmoid_prime(x: np.ndarray) -> np.ndarray:
    r""":math:`\sigma'(x) = \sigma(x)\sigma(-x) = e/(1+e)^2` with :math:`e = e^{-|x|}`.

    The textbook ``s * (1 - s)`` cancels to 0 for x > 37 (sigmoid'(40) is
    4.248e-18); this form is exact to a few ulp down to the underflow limit.
    """
    e = exp_minus_abs(x)
    d = np.add(e, 1.0, out=np.empty_like(e))
    np.multiply(d, d, out=d)
    return np.divide(e, d, out=d)


def softplus(x: np.ndarray) -> np.ndarray:
    r""":math:`\log(1 + e^x) = \max(x, 0) + \operatorname{log1p}(e^{-|x|})`, never overflowing."""
    result = exp_minus_abs(x)
    np.log1p(result, out=result)
    return np.add(result, np.maximum(x, 0.0), out=result)


def softplus_and_sigmoid(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(:func:`softplus` (x), :func:`sigmoid` (x)), the same values from one exponential e^{-|x|}."""
    e = exp_minus_abs(x)
    s = np.add(e, 1.0, out=np.empty_like(e))
    np.divide(1.0, s, out=s)
    softplus_value = np.log1p(e, out=np.empty_like(e))
    np.add(softplus_value, np.maximum(x, 0.0), out=softplus_value)
    np.multiply(s, e, out=s, where=x < 0)
    return softplus_value, s


def sech2(x: np.ndarray) -> np.ndarray:
    r""":math:`\operatorname{sech}^2 x = 1 - \tanh^2 x = 4e/(1+e)^2` with :math:`e = e^{-2|x|}`.

    ``1 - tanh(x)**2`` cancels to 0 for |x| > 19; this does not.
    """
    # exp(-2*400) already underflows to 0; clamping keeps -2|x| from overflowing at 1.7e308.
    e = np.exp(-2.0 * np.minimum(np.abs(x), 400.0))
    return 4.0 * e / ((1.0 + e) * (1.0 + e))


def heaviside(x: np.ndarray, at_zero: float) -> np.ndarray:
    """1 for x > 0, 0 for x < 0, ``at_zero`` at ±0, nan for nan."""
    return np.heaviside(x, at_zero)


def zeros_like(x: np.ndarray, **_params: float) -> np.ndarray:
    """0 everywhere except nan where x is nan (a constant derivative's kernel, whatever the parameters)."""
    return np.where(np.isnan(x), x, 0.0)


def times_vanishing(x: np.ndarray, g: np.ndarray) -> np.ndarray:
    r""":math:`x \cdot g`, with 0 wherever g is 0.

    For self-gated products like :math:`x\,\sigma(x)` the gate decays faster
    than x grows, so the limit at ±inf is 0; plain ``x * g`` would give
    ``inf * 0 = nan`` (and a RuntimeWarning). Elsewhere this is one ordinary
    rounded product; nan in either factor stays nan.
    """
    result = np.where(g == 0.0, 0.0, x)
    return np.multiply(result, g, out=result)


def _split(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Veltkamp's split x = hi + lo with hi carrying 26 bits, so hi*hi is exact (|x| <= 1e150)."""
    t = x * 134217729.0  # 2**27 + 1
    hi = t - (t - x)
    return hi, x - hi


def exp_neg_square(x: np.ndarray, scale: float = 1.0) -> np.ndarray:
    r""":math:`e^{-s x^2}` for ``scale`` s in {1/2, 1}, to about 1 ulp.

    ``exp(-x*x)`` multiplies the rounding error of x*x by x^2 (up to 745 ulp
    near the underflow edge); here :math:`x = h + l` with :math:`h^2` exact,
    :math:`e^{-s x^2} = e^{-s h^2} e^{-s(2hl + l^2)}`, both exponentials of exact
    or tiny arguments. |x| is clamped at 40, where the result has long underflowed.
    """
    if scale not in (0.5, 1.0):
        raise ValueError("scale must be 1/2 or 1 so that scale * hi**2 stays exact")
    a = np.minimum(np.abs(x), 40.0)
    hi, lo = _split(a)
    return np.exp(-scale * (hi * hi)) * np.exp(-scale * (lo * (2.0 * hi + lo)))


# -- double-double arithmetic (hi + lo carries ~106 bits) for the few series that need it --------


def two_sum(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Knuth's error-free sum: s + e = a + b exactly, s = fl(a + b)."""
    s = a + b
    v = s - a
    return s, (a - (s - v)) + (b - v)


def two_prod(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Dekker's error-free product: p + e = a * b exactly, p = fl(a * b) (|a|, |b| <= 1e150)."""
    p = a * b
    ah, al = _split(a)
    bh, bl = _split(b)
    return p, ((ah * bh - p) + ah * bl + al * bh) + al * bl


def split(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Veltkamp's split of x (see :func:`two_prod_split`), to be computed once for a factor used many times."""
    return _split(x)


def two_prod_split(a: np.ndarray, b: np.ndarray, b_split: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """:func:`two_prod` (a, b) with b's :func:`split` given: the same result, one split fewer
    (a Horner scheme multiplies by the same x at every step)."""
    p = a * b
    ah, al = _split(a)
    bh, bl = b_split
    return p, ((ah * bh - p) + ah * bl + al * bh) + al * bl


def dd_add(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(a_hi + a_lo) + (b_hi + b_lo) in double-double."""
    s, e = two_sum(a[0], b[0])
    e = e + (a[1] + b[1])
    hi = s + e
    return hi, e - (hi - s)


def dd_mul(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(a_hi + a_lo) * (b_hi + b_lo) in double-double."""
    p, e = two_prod(a[0], b[0])
    e = e + (a[0] * b[1] + a[1] * b[0])
    hi = p + e
    return hi, e - (hi - p)


def dd_div_dd(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(a_hi + a_lo) / (b_hi + b_lo) in double-double (two correction steps of long division)."""
    q1 = a[0] / b[0]
    r = dd_add(a, dd_mul((-q1, np.zeros_like(q1)), b))
    q2 = r[0] / b[0]
    hi = q1 + q2
    return hi, q2 - (hi - q1)
