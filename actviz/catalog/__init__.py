"""The catalogue: every activation, one module per family.

Importing this package registers every entry; the modules are imported for
that side effect only.
"""

from . import exponential, periodic, rectifiers, shrinkage, sigmoidal, smooth, steps, vector  # noqa: F401
from . import implicit  # noqa: F401
