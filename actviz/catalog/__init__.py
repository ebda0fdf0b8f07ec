"""The catalogue: every activation, one module per family.

Importing this package registers every entry; the modules are imported for
that side effect only. ``gates`` (the gates of the self-gated units) and the
underscored modules hold shared kernels and numerics, no entries.
"""

from . import (  # noqa: F401
    exponential,
    exponential_units,
    gated,
    glu,
    implicit,
    kernel_friendly,
    logarithmic,
    periodic,
    polynomial,
    rational,
    rectifiers,
    root_sign,
    self_gated,
    shifted_rectifiers,
    shrinkage,
    simplex,
    sigmoidal,
    smooth,
    smooth_rectifiers,
    squashing,
    steps,
    vector,
)
from . import composed_gates, waves_and_gates  # noqa: E402,F401  (after the modules whose entries their formulas call)
from . import more_units  # noqa: E402,F401  (its formulas call log_sigmoid and preu)
from . import average_biased, inspired_units, sinc_units, trainable_units  # noqa: E402,F401  (their formulas call probit, richards, softplus)
