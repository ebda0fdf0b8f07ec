"""Plots for notebooks and scripts, in seaborn's shape (imports matplotlib).

>>> import actviz.plot as avp
>>> ax = avp.curve("gelu")                        # on plt.gca(); returns the Axes
>>> avp.curve("gelu", order=1, ax=ax)              # f' on the same axes
>>> fig = avp.plot("gelu", "relu", derivative=True) # a Figure, matplotlib's default size
>>> with avp.theme("dark"):
...     fig = avp.saturation_figure("sigmoid", "tanh", "relu", sigma=2.0)

Axes-level: :func:`curve`, :func:`saturation`, :func:`propagation` (``ax=None`` means
``plt.gca()``). Figure-level: :func:`plot`, :func:`compare`, :func:`saturation_figure`
(``size="slide"`` etc. or matplotlib's default). :func:`theme` is a context manager.
Every activation also has ``act.plot(...)`` (the same functions). Writing files is
:func:`save` (atomic; SVG keeps text as text).
"""

from .plotting.api import compare, curve, plot, propagation, saturation, saturation_figure
from .plotting.export import save_figure as save
from .plotting.style import theme

__all__ = ["compare", "curve", "plot", "propagation", "save", "saturation", "saturation_figure",
           "theme"]
