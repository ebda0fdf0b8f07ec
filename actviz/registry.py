"""The registry of activations, keyed by canonical snake_case name, and the
spec strings that name one with parameters: ``"leaky_relu:negative_slope=0.2"``.

Catalogue modules call :func:`register` at import time; everything else looks
activations up through :func:`get`, :func:`lookup` and :func:`names`.
"""

from __future__ import annotations

import re
from typing import Any

from .errors import ActvizError, SpecError, UnknownActivationError, did_you_mean

MAX_SPEC_LENGTH = 1000
"""The longest spec (name with parameters, or formula) accepted, in characters."""

_ENTRIES: dict[str, Any] = {}
_ALIASES: dict[str, str] = {}

_NAME = re.compile(r"[a-z][a-z0-9_]*")
_SPEC = re.compile(r"(?P<name>[A-Za-z][A-Za-z0-9_]*)\s*(?::(?P<params>.*))?", re.DOTALL)


def register(entry: Any) -> Any:
    """Add a catalogue entry (anything with ``name``, ``aliases``, ``family`` and
    ``pointwise``) under its name and aliases; return it unchanged."""
    for key in (entry.name, *entry.aliases):
        if not _NAME.fullmatch(key):
            raise ValueError(f"registry names are snake_case: {key!r}")
        if key in _ENTRIES or key in _ALIASES:
            raise ValueError(f"{key!r} is registered twice")
    _ENTRIES[entry.name] = entry
    for alias in entry.aliases:
        _ALIASES[alias] = entry.name
    return entry


def lookup(name: str) -> Any:
    """The entry registered under ``name`` or one of its aliases, with default
    parameters. Raises :class:`UnknownActivationError` with close matches."""
    key = name.strip().lower().replace("-", "_")
    key = _ALIASES.get(key, key)
    try:
        return _ENTRIES[key]
    except KeyError:
        hint = did_you_mean(key, [*_ENTRIES, *_ALIASES], aliases=_ALIASES) or "; `actviz list` shows them all"
        raise UnknownActivationError(f"unknown activation '{name}'{hint}") from None


def names(*, family: str | None = None, pointwise: bool | None = None) -> list[str]:
    """Canonical names, alphabetically, optionally filtered by family or kind."""
    return sorted(
        name
        for name, entry in _ENTRIES.items()
        if (family is None or entry.family == family)
        and (pointwise is None or entry.pointwise == pointwise)
    )


def families() -> list[str]:
    """Every family that has at least one entry, alphabetically."""
    return sorted({entry.family for entry in _ENTRIES.values()})


def parse_spec(spec: str) -> tuple[str, dict[str, str]]:
    """Split ``"name:key=value,key=value"`` into the name and the raw values."""
    match = _SPEC.fullmatch(spec.strip())
    if not match:
        raise SpecError(f"invalid activation spec '{spec}': expected NAME or NAME:PARAM=VALUE,...")
    values: dict[str, str] = {}
    raw = match.group("params")
    if raw is not None:
        for item in raw.split(","):
            key, sep, value = item.partition("=")
            key, value = key.strip(), value.strip()
            if not sep or not key or not value:
                raise SpecError(f"invalid parameter '{item.strip()}' in spec '{spec}': expected PARAM=VALUE")
            if key in values:
                raise SpecError(f"parameter '{key}' is given twice in spec '{spec}'")
            values[key] = value
    return match.group("name"), values


def get(spec: str, **params: object) -> Any:
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
    match = _SPEC.fullmatch(spec.strip())
    if not match or match.group("name") == "x":
        from .expr import formula  # imported here: expr itself looks names up in this registry

        return formula(spec, **params)
    name, values = parse_spec(spec)
    entry = lookup(name)
    merged = {**values, **params}
    return entry.with_params(**merged) if merged else entry
