"""The catalogue: every activation, one module per family.

Importing this package registers every entry; the modules are imported for
that side effect only. ``gates`` (the gates of the self-gated units) and the
underscored modules hold shared kernels and numerics, no entries.
"""

from . import (  # noqa: F401
    exponential,
    glu,
    periodic,
    rational,
    rectifiers,
    self_gated,
    shrinkage,
    simplex,
    sigmoidal,
    smooth,
    steps,
    vector,
)
