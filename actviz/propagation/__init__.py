"""Deep stacks: how signals and gradients travel through many layers.

:mod:`.theory` predicts it in the infinite-width limit (mean-field theory,
built on the Gaussian quadrature of :mod:`actviz.analysis.gaussian`, :mod:`.moments` and :mod:`.correlation`),
:mod:`.montecarlo` measures it on random networks, :mod:`.phase` maps the
(sigma_w^2, sigma_b^2) plane and :mod:`.init` names the usual initialisations
(:mod:`actviz.formats.records` turns results into JSON/CSV-ready rows). NumPy only.
"""

from .init import SCHEMES, Init, resolve_init
from .montecarlo import StackRun, simulate
from .edge import critical_sigma_w2
from .theory import MeanField, Profile, mean_field, profile

__all__ = ["SCHEMES", "Init", "MeanField", "Profile", "StackRun", "critical_sigma_w2", "mean_field", "profile",
           "resolve_init", "simulate"]
