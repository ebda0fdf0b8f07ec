"""Jupyter's rich display of the core's objects: the ``_repr_*_`` methods of
activations, property reports and mean-field results call these.

The core never imports the presentation layers at import time; these hooks import
them by name when a notebook first displays an object (the way xarray's ``da.plot``
accessor reaches its plotting module), so ``import actviz`` stays NumPy only and
matplotlib loads only for a picture.
"""

from __future__ import annotations

import importlib


def _presentation(module: str):  # noqa: ANN202  (a module)
    return importlib.import_module(f"actviz.{module}")


def card_markdown(entry) -> str:  # noqa: ANN001
    """The ``actviz info`` card of a catalogue entry, as Markdown."""
    return _presentation("formats.notebook").card_markdown(entry)


def formula_latex(entry) -> str:  # noqa: ANN001
    """An entry's formula and derivative as display math."""
    return _presentation("formats.notebook").formula_latex(entry)


def report_markdown(report) -> str:  # noqa: ANN001
    """A :class:`~actviz.analysis.properties.PropertyReport` as a Markdown table."""
    return _presentation("formats.notebook").report_markdown(report)


def mean_field_markdown(theory) -> str:  # noqa: ANN001
    """A :class:`~actviz.propagation.theory.MeanField` as a Markdown table."""
    return _presentation("formats.notebook").mean_field_markdown(theory)


def activation_png(act) -> bytes:  # noqa: ANN001
    """A PNG of f and f' of a pointwise activation (imports matplotlib)."""
    return _presentation("plotting.api").png(act)


class PlotAccessor:
    """``act.plot``: the functions of :mod:`actviz.plot` with the activation filled in
    (xarray's ``da.plot``). Calling it draws f on ``plt.gca()`` (``curve``); its methods
    are the other functions. Making one imports nothing; calling one imports matplotlib."""

    def __init__(self, act) -> None:  # noqa: ANN001
        self._act = act

    def __call__(self, order: int = 0, **kwargs: object):  # noqa: ANN204
        """``actviz.plot.curve`` of the activation: f, f' (order 1) or f'' (2) on ``plt.gca()``."""
        return _presentation("plotting.api").curve(self._act, order, **kwargs)

    def curve(self, order: int = 0, **kwargs: object):  # noqa: ANN201
        """``actviz.plot.curve`` of the activation (an Axes)."""
        return _presentation("plotting.api").curve(self._act, order, **kwargs)

    def saturation(self, **kwargs: object):  # noqa: ANN201
        """``actviz.plot.saturation`` of the activation (an Axes)."""
        return _presentation("plotting.api").saturation(self._act, **kwargs)

    def propagation(self, **kwargs: object):  # noqa: ANN201
        """``actviz.plot.propagation`` of the activation (an Axes)."""
        return _presentation("plotting.api").propagation(self._act, **kwargs)

    def figure(self, **kwargs: object):  # noqa: ANN201
        """``actviz.plot.plot`` of the activation (a Figure: f, and f', f'' on request)."""
        return _presentation("plotting.api").plot(self._act, **kwargs)

    def saturation_figure(self, **kwargs: object):  # noqa: ANN201
        """``actviz.plot.saturation_figure`` of the activation (a Figure)."""
        return _presentation("plotting.api").saturation_figure(self._act, **kwargs)
