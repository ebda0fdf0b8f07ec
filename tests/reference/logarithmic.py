"""mpmath references for actviz.catalog.logarithmic (definitions from the papers)."""

from __future__ import annotations

import mpmath as mp

from . import reference

# has_limits=False: these grow like log|x|, so the limit at ±inf is ±inf, which the tables' proxy
# (the value at ±1e400, log(1e400) = 921) cannot express; tests/catalog/test_logarithmic.py checks it.


@reference("asinh", has_limits=False, extra_points=[1.0, -1.0, 0.9999, 1.0001])
def asinh(x):
    return mp.asinh(x)


@reference("symlog", has_limits=False)
def symlog(x):
    # Hafner et al. (2023), eq. 1: sign(x) ln(|x| + 1)
    return mp.sign(x) * mp.log1p(abs(x))
