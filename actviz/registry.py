"""The registry of catalogue entries, keyed by canonical snake_case name, with
aliases and "did you mean" suggestions.

Catalogue modules call :func:`register` at import time; everything else looks
entries up through :func:`lookup` and :func:`names`, or by spec string through
:func:`actviz.specs.get`.
"""

from __future__ import annotations

import re
from .entry import Entry
from .errors import UnknownActivationError, did_you_mean

_ENTRIES: dict[str, Entry] = {}
_ALIASES: dict[str, str] = {}

_NAME = re.compile(r"[a-z][a-z0-9_]*")


def register(entry: Entry) -> Entry:
    """Add a catalogue entry under its name and aliases; return it unchanged."""
    for key in (entry.name, *entry.aliases):
        if not _NAME.fullmatch(key):
            raise ValueError(f"registry names are snake_case: {key!r}")
        if key in _ENTRIES or key in _ALIASES:
            raise ValueError(f"{key!r} is registered twice")
    _ENTRIES[entry.name] = entry
    for alias in entry.aliases:
        _ALIASES[alias] = entry.name
    return entry


def lookup(name: str) -> Entry:
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
