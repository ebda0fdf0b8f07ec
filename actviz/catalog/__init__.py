"""The catalogue: every activation, one module per family.

Importing this package registers every entry; the modules are imported for
that side effect only.
"""

from . import exponential, periodic, rectifiers, shrinkage, sigmoidal, smooth, steps, vector  # noqa: F401
from . import exponential_units, gated, implicit, kernel_friendly, logarithmic, polynomial, shifted_rectifiers  # noqa: F401
from . import root_sign, smooth_rectifiers, squashing  # noqa: F401
