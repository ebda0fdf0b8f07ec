"""What is computed from an activation before anything is drawn or printed (NumPy only;
SciPy nowhere at import).

:mod:`.properties` the property report of ``actviz props`` (with :mod:`.cost`, the
timing against relu, measured only on request); :mod:`.saturation` the saturated
set and the dead zone, and the share of a Gaussian input in them; :mod:`.sampling`
curves ready to draw, with their jumps and asymptotes; :mod:`.limits` one-sided
limits at kinks; :mod:`.gaussian` Gaussian expectations, the normal density and
distribution function; :mod:`.bisection` bisection to adjacent floats;
:mod:`.vector` the numbers behind the pictures of softmax, GLUs, maxout and slope
bands; :mod:`.pointwise` the check that an entry is a function R -> R.
:mod:`.differences` how far two curves are apart, and whether they coincide;
:mod:`.equivalence` the pairs of entries that are one function up to an affine
change of x and y.
"""
