"""actviz: see and reason about activation functions.

>>> import actviz
>>> act = actviz.get("leaky_relu:negative_slope=0.2")
>>> float(act(-1.0)), float(act.derivative(-1.0))
(-0.2, 0.2)

The core (catalogue, properties, propagation, formulas) imports NumPy only;
matplotlib is imported by the plotting layer, typer and rich by the CLI.
"""

from . import catalog as _catalog  # noqa: F401  (registers every activation)
from .entry import Activation, Kink, Param, Reference
from .errors import ActvizError
from .registry import families, lookup, names
from .specs import get, parse_spec

__all__ = [
    "Activation",
    "ActvizError",
    "Kink",
    "Param",
    "Reference",
    "families",
    "get",
    "lookup",
    "names",
    "parse_spec",
]
__version__ = "0.1.0"
