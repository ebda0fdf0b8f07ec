"""Numbers as table cells: the one number formatter of actviz."""

from __future__ import annotations

import math


def format_number(value: float | None, digits: int = 4, *, noise: float = 0.0) -> str:
    """``value`` to ``digits`` significant digits, for a table cell.

    Trailing zeros are kept where the short form would stand for another number
    (``-0.1700`` for -0.16997 at 4 digits, but ``0.5`` for 0.5), judged at the 12
    digits any of actviz's results is good for. Magnitudes below ``noise`` print
    as ``0`` (numerical noise of a quadrature, say); ``∞`` and ``-∞`` for the
    infinities, ``–`` for nan (undefined), ``-`` for None (not measured).
    """
    if value is None:
        return "-"
    value = float(value)
    if math.isnan(value):
        return "–"
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if abs(value) < noise:
        return "0"
    short = f"{value:.{digits}g}"
    return short if float(short) == float(f"{value:.12g}") else f"{value:#.{digits}g}"


def format_full(value: float | None) -> str:
    """``value`` at full precision: the shortest decimal that reads back as the
    same float64 (``0.1``, ``0.05572070676970179``), with :func:`format_number`'s
    signs for the infinities, nan and None."""
    if value is None or not math.isfinite(float(value)):
        return format_number(value)
    return repr(float(value))
