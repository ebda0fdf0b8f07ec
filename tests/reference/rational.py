"""mpmath references for actviz.catalog.rational (definitions from the papers)."""

from __future__ import annotations

import mpmath as mp

from . import reference


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
