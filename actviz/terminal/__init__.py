"""Plots drawn with characters (plotext), for a session over SSH (``--terminal``).

:mod:`.canvas` renders panels of traces; :mod:`.curves` builds them for f, f', f''
and saturation, :mod:`.propagation` for deep stacks, :mod:`.vector` for the
activations that are not pointwise. Only this package imports plotext, and it never
imports matplotlib.
"""
