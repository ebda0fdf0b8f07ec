"""Spec strings, the one way to name an activation with its parameters, and
:func:`get`, which turns one into an entry.

A spec is ``NAME`` or ``NAME:PARAM=VALUE,...`` (a catalogue entry or an alias,
``"leaky_relu:negative_slope=0.2"``), or a formula in ``x`` with the same
parameter syntax (``"x*sigmoid(b*x):b=1.5"``, see :mod:`actviz.expr`). This is
the only parser of spec strings; imports run specs -> expr -> registry -> entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .entry import Entry, Param
from .errors import ActvizError, SpecError, UnknownActivationError
from .expr import MAX_LENGTH as MAX_SPEC_LENGTH
from .expr import formula
from .registry import lookup

__all__ = ["MAX_SPEC_LENGTH", "get", "parse_params", "parse_spec"]

_CATALOGUE_SPEC = re.compile(r"(?P<name>[A-Za-z][A-Za-z0-9_]*)\s*(?::(?P<params>.*))?", re.DOTALL)


def _split_params(items: Iterable[str]) -> dict[str, str]:
    """``["b=1.5", "c=2"]`` -> ``{"b": "1.5", "c": "2"}``, checking the syntax only:
    every item is ``NAME=VALUE`` with an ASCII identifier, and no name is given twice."""
    values: dict[str, str] = {}
    for item in items:
        key, sep, raw = (part.strip() for part in item.partition("="))
        if not sep or not key.isidentifier() or not key.isascii() or not raw:
            raise SpecError(f"invalid parameter '{item.strip()}': expected NAME=VALUE such as b=1.5")
        if key in values:
            raise SpecError(f"parameter '{key}' is given twice")
        values[key] = raw
    return values


def parse_params(items: Iterable[str]) -> dict[str, float]:
    """``["b=1.5", "c=2"]`` -> ``{"b": 1.5, "c": 2.0}``: parameter values given as text.

    Raises :class:`SpecError` for an item that is not ``NAME=VALUE`` or a name
    given twice, and :class:`~actviz.errors.ParameterError` for a value that is
    not an ASCII number literal (``float()`` alone would take ``'１.5'``, ``'1_0'``
    and ``'nan'``).
    """
    return {key: Param(key, 0.0, "").validate(raw, "the spec") for key, raw in _split_params(items).items()}


def parse_spec(spec: str) -> tuple[str, dict[str, str]]:
    """Split ``"name:key=value,..."`` (or ``"formula:key=value,..."``) into the name
    or formula and the parameters' values as text (checked by the entry, which
    knows each parameter's domain)."""
    head, sep, raw = spec.strip().partition(":")
    if not head.strip():
        raise SpecError(f"invalid activation spec '{spec}': expected NAME, NAME:PARAM=VALUE,... or a formula in x")
    return head.strip(), (_split_params(raw.split(",")) if sep else {})


def _refuse_dashed_name(head: str) -> None:
    """'leaky-relu' would be read as the formula leaky - relu and fail on 'relu':
    name the activation meant instead."""
    candidate = head.replace("-", "_")
    try:
        lookup(candidate)
    except UnknownActivationError:
        return
    raise UnknownActivationError(f"unknown activation '{head}'; did you mean '{candidate}'?")


def get(spec: str, **params: object) -> Entry:
    """The activation named by ``spec`` with its parameters bound.

    ``get("elu")``, ``get("elu", alpha=0.5)`` and ``get("elu:alpha=0.5")`` all
    work; keyword arguments override values given in the spec string. A spec
    that is not ``NAME[:params]``, or is just ``x``, is a formula in x (see
    :mod:`actviz.expr`): ``get("x*sigmoid(b*x):b=1.5")``. Specs longer than
    :data:`MAX_SPEC_LENGTH` characters are refused.
    """
    if not isinstance(spec, str):
        raise ActvizError(f"an activation spec is a string, not {type(spec).__name__}")
    if len(spec) > MAX_SPEC_LENGTH:  # refused before any regex runs over it
        raise SpecError(f"activation spec of {len(spec)} characters is too long: at most {MAX_SPEC_LENGTH}")
    head, values = parse_spec(spec)
    merged = {**values, **params}
    match = _CATALOGUE_SPEC.fullmatch(spec.strip())
    if not match and "-" in head:
        _refuse_dashed_name(head.strip())
    if not match or match.group("name") == "x":
        return formula(head, **merged)
    entry = lookup(head)
    return entry.with_params(**merged) if merged else entry
