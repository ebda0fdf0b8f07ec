"""What is computed from an activation before anything is drawn or printed (NumPy only).

:mod:`.differences` how far two curves are apart, and whether they coincide.
"""
