"""Special functions from scipy.special, imported on first use.

``import scipy.special`` costs about 0.35 s, more than the whole of
``actviz list``; the catalogue therefore reaches scipy only through these thin
wrappers, the first time a function that needs one is evaluated.
"""

from __future__ import annotations

import numpy as np


def erf(x: np.ndarray) -> np.ndarray:
    """erf(x) = 2/sqrt(pi) * integral_0^x exp(-t^2) dt."""
    from scipy.special import erf as _erf

    return _erf(x)


def erfc(x: np.ndarray) -> np.ndarray:
    """erfc(x) = 1 - erf(x), accurate in the right tail."""
    from scipy.special import erfc as _erfc

    return _erfc(x)


def ndtr(x: np.ndarray) -> np.ndarray:
    """Phi(x) = (1 + erf(x/sqrt 2))/2, the standard normal CDF, accurate in the left tail."""
    from scipy.special import ndtr as _ndtr

    return _ndtr(x)


def log_ndtr(x: np.ndarray) -> np.ndarray:
    """log Phi(x), accurate for x -> -inf."""
    from scipy.special import log_ndtr as _log_ndtr

    return _log_ndtr(x)


def erfcx(x: np.ndarray) -> np.ndarray:
    """erfcx(x) = e^{x^2} erfc(x), the scaled complementary error function (~1/(x sqrt pi) for large x)."""
    from scipy.special import erfcx as _erfcx

    return _erfcx(x)
