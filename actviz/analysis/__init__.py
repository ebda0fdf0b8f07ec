"""What is computed from an activation before anything is drawn or printed (NumPy only).

:mod:`.coincide` curves equal to within a few units in the last place.
"""
