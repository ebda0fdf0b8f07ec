"""User formulas: activations written as expressions in x, parsed safely.

``actviz.get("x*tanh(softplus(x))")`` gives an :class:`~actviz.entry.Activation`
like any catalogue entry (family ``"formula"``, name = the normalised formula).

The language
------------
- numbers (always floats: ``9**9**9**9`` is inf at once), ``x``, ``pi``, ``e``;
- ``+ - * / **`` and unary minus, with Python's precedence; parentheses;
- comparisons ``< <= > >=`` (value 1.0 or 0.0, not chained);
- built-ins: exp, log, log1p, expm1, sqrt, abs, sign, heaviside (H(0) = 1/2),
  sin, cos, tan, arctan, sinh, cosh, erfc, max(a, b), min(a, b) and
  where(cond, a, b) (a where cond is nonzero, else b, as in NumPy);
- every pointwise catalogue activation by name, with one argument and optional
  keyword parameters that do not depend on x: ``tanh(x)``, ``gelu(x)``,
  ``relu(x - 1)``, ``relun(x, max_value=2)``, ``leaky_relu(x, negative_slope=a)``;
  their derivatives come from the catalogue (chain rule), so stable forms are kept;
  a built-in shadows a catalogue entry of the same name (sin, arctan, sign:
  the same function, tested);
- any other name is a parameter of the formula and needs a value, given in the
  spec after a colon, ``"x*sigmoid(b*x):b=1.5,c=2"``, or as keyword arguments,
  ``actviz.get("x*sigmoid(b*x)", b=1.5)`` (:mod:`actviz.specs` parses spec strings).

Safety: the text is tokenised and parsed by hand, never given to eval, exec,
compile or ast; only ASCII is accepted; at most :data:`MAX_LENGTH` characters
and :data:`MAX_DEPTH` levels of nesting. Every problem is a
:class:`FormulaError` (an ActvizError) naming the column.

Numerics: see :mod:`actviz.expr.evaluate` (IEEE results of the formula's own
operations, without warnings; catalogue kernels unchanged; nan in, nan out).
Kinks: see :mod:`actviz.expr.kinks`.
"""

from .build import FormulaActivation, formula
from .parser import MAX_DEPTH, parse
from .tokens import MAX_LENGTH, FormulaError

__all__ = ["MAX_DEPTH", "MAX_LENGTH", "FormulaActivation", "FormulaError", "formula", "parse"]
