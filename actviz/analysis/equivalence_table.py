"""The catalogue's equivalences, found once and shipped with the package.

``equivalences.json`` beside this module holds what :mod:`.equivalence` finds over every
pointwise entry at its default parameters: the classes of entries that are one function up
to x -> a x + b, y -> c y + d, and for each member how it is written with each other member
(:func:`.equivalence.same_as`, e.g. quick_gelu: ``swish:beta=1.702``). ``actviz info`` and
``actviz list --group-equivalent`` read it, which costs a json parse instead of sampling the
whole catalogue. Regenerate it after adding entries::

    python -m actviz.analysis.equivalence_table --write

``--check`` exits 1 when the shipped file is not what the finder finds now; a test does the same.
"""

from __future__ import annotations

import json
import sys
from functools import lru_cache
from pathlib import Path

PATH = Path(__file__).with_name("equivalences.json")


def compute() -> dict:
    """``{"classes": [[spec, ...], ...], "same_as": {spec: [text, ...]}}`` from the finder, now
    (a few seconds: every pointwise entry is sampled). A member's equivalents are all in its class."""
    from ..registry import lookup
    from .equivalence import catalogue_groups, same_as

    classes = [list(c) for c in catalogue_groups()]
    described = {}
    for members in classes:
        acts = [lookup(spec) for spec in members]
        for act in acts:
            described[act.spec] = same_as(act, acts)
    return {"classes": classes, "same_as": dict(sorted(described.items()))}


@lru_cache(maxsize=1)
def load() -> dict:
    """The shipped table (see :func:`compute` for its shape)."""
    return json.loads(PATH.read_text(encoding="utf-8"))


def same_as_shipped(spec: str) -> list[str]:
    """How the entry ``spec`` (at its default parameters: ``quick_gelu``, not ``swish:beta=2``) is
    written with the catalogue entries it equals, from the shipped table; [] when it equals none."""
    return list(load()["same_as"].get(spec, ()))


def _text(table: dict) -> str:
    return json.dumps(table, indent=1) + "\n"


def main(argv: list[str]) -> int:
    """``--write`` the table, or ``--check`` that the shipped one is current (exit 1 if not)."""
    if argv not in (["--write"], ["--check"]):
        print("usage: python -m actviz.analysis.equivalence_table --write | --check", file=sys.stderr)
        return 2
    fresh = _text(compute())
    if argv == ["--write"]:
        PATH.write_text(fresh, encoding="utf-8")
        print(f"wrote {PATH} ({len(json.loads(fresh)['classes'])} classes)")
        return 0
    current = PATH.exists() and PATH.read_text(encoding="utf-8") == fresh
    print(f"{PATH} is {'current' if current else 'stale: run with --write'}")
    return 0 if current else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
